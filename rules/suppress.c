/* suppress.c — reading and applying # pgconflint: directives. */
#include "suppress.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "auth_tree.h"
#include "conf_syntax.h"
#include "policy_internal.h"
#include "rule_registry.h"

typedef struct directive {
    const source *src;
    size_t off, len;           /* the comment, for findings about it */
    int file_wide;
    size_t cover_off, cover_end;  /* bytes whose findings it covers (line scope) */
    ptrvec ids;                /* const char* */
    ptrvec id_offs;            /* offset of each id in src, as size_t stored in a pointer */
    unsigned char *used;       /* per id */
    const char *reason;
} directive;

struct suppress_set {
    arena *a;
    const policy *p;
    ptrvec dirs;               /* directive* */
    ptrvec problems;           /* finding*: invalid and forbidden directives */
};

/* One comment (text from the '#' to the end of its line) that covers the
 * byte range [cover_off, cover_end). */
typedef struct comment {
    const source *src;
    size_t off, len;
    size_t cover_off, cover_end;
} comment;

static suppress_set *set_new(arena *a, const policy *p)
{
    suppress_set *s = arena_alloc(a, sizeof *s);
    s->a = a;
    s->p = p;
    return s;
}

static void problem(suppress_set *s, const char *rule, severity sev, const source *src, size_t off,
                    size_t len, const char *msg)
{
    ptrvec_push(s->a, &s->problems, finding_at(s->a, rule, sev, src, off, len, "%s", msg));
}

static int known_rule(const suppress_set *s, const char *id)
{
    return s->p ? policy_knows_rule(s->p, id) : rule_find(id) != NULL;
}

static const char *suggest_rule(const suppress_set *s, const char *id)
{
    int n;
    const rule_info *all = rule_all(&n);
    const char **names = arena_alloc(s->a, ((size_t)n + 1) * sizeof *names);
    for (int i = 0; i < n; i++)
        names[i] = all[i].id;
    return policy_closest(id, names, (size_t)n);
}

/* Parse the directive in a comment, if it is one. */
static void parse_comment(suppress_set *s, const comment *c)
{
    const char *t = (const char *)c->src->data + c->off;
    size_t n = c->len, i = 1;   /* past '#' */
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    static const char tag[] = "pgconflint:";
    if (n - i < sizeof tag - 1 || strncmp(t + i, tag, sizeof tag - 1) != 0)
        return;
    i += sizeof tag - 1;
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    size_t w = i;
    while (i < n && (islower((unsigned char)t[i]) || t[i] == '-'))
        i++;
    size_t wl = i - w;
    int file_wide;
    if (wl == 6 && strncmp(t + w, "ignore", 6) == 0)
        file_wide = 0;
    else if (wl == 11 && strncmp(t + w, "ignore-file", 11) == 0)
        file_wide = 1;
    else {
        problem(s, "suppression-invalid", SEV_WARNING, c->src, c->off, c->len,
                arena_printf(s->a, "unknown pgconflint directive \"%.*s\": write "
                                   "ignore[rule-id] or ignore-file[rule-id]",
                             (int)wl, t + w));
        return;
    }
    if (i >= n || t[i] != '[') {
        problem(s, "suppression-invalid", SEV_WARNING, c->src, c->off, c->len,
                arena_printf(s->a, "\"%.*s\" needs the rule ids in brackets: %.*s[rule-id] reason",
                             (int)wl, t + w, (int)wl, t + w));
        return;
    }
    size_t close = i + 1;
    while (close < n && t[close] != ']')
        close++;
    if (close >= n) {
        problem(s, "suppression-invalid", SEV_WARNING, c->src, c->off, c->len,
                "unterminated rule list: missing ']'");
        return;
    }
    directive *d = arena_alloc(s->a, sizeof *d);
    d->src = c->src;
    d->off = c->off;
    d->len = c->len;
    d->file_wide = file_wide;
    d->cover_off = c->cover_off;
    d->cover_end = c->cover_end;
    for (size_t p = i + 1; p < close;) {
        while (p < close && (t[p] == ' ' || t[p] == '\t' || t[p] == ','))
            p++;
        size_t q = p;
        while (q < close && t[q] != ',' && t[q] != ' ' && t[q] != '\t')
            q++;
        if (q > p) {
            ptrvec_push(s->a, &d->ids, arena_strndup(s->a, t + p, q - p));
            ptrvec_push(s->a, &d->id_offs, (void *)(uintptr_t)(c->off + p));
        }
        p = q;
    }
    if (!d->ids.n) {
        problem(s, "suppression-invalid", SEV_WARNING, c->src, c->off, c->len,
                "empty rule list: name the rules to suppress");
        return;
    }
    size_t r = close + 1;
    while (r < n && (t[r] == ' ' || t[r] == '\t' || t[r] == ':' || t[r] == '-'))
        r++;
    size_t re = n;
    while (re > r && (t[re - 1] == ' ' || t[re - 1] == '\t' || t[re - 1] == '\r'))
        re--;
    d->reason = re > r ? arena_strndup(s->a, t + r, re - r) : NULL;
    d->used = arena_alloc(s->a, d->ids.n);
    /* Validate each id; bad ones are dropped from the directive. */
    size_t k = 0;
    for (size_t j = 0; j < d->ids.n; j++) {
        const char *id = d->ids.items[j];
        size_t at = (size_t)(uintptr_t)d->id_offs.items[j];
        if (!known_rule(s, id)) {
            const char *sug = suggest_rule(s, id);
            problem(s, "suppression-invalid", SEV_WARNING, c->src, at, strlen(id),
                    sug ? arena_printf(s->a, "unknown rule \"%s\" in suppression; did you mean "
                                             "\"%s\"?", id, sug)
                        : arena_printf(s->a, "unknown rule \"%s\" in suppression", id));
            continue;
        }
        if (rule_is_parse_error(id)) {
            problem(s, "suppression-invalid", SEV_WARNING, c->src, at, strlen(id),
                    arena_printf(s->a, "\"%s\" reports what PostgreSQL refuses to read and cannot "
                                       "be suppressed", id));
            continue;
        }
        if (s->p && !policy_rule_suppressible(s->p, id)) {
            problem(s, "suppression-forbidden", SEV_ERROR, c->src, at, strlen(id),
                    arena_printf(s->a, "the policy does not allow suppressing \"%s\"", id));
            continue;
        }
        d->ids.items[k] = d->ids.items[j];
        d->id_offs.items[k] = d->id_offs.items[j];
        k++;
    }
    d->ids.n = d->id_offs.n = k;
    if (!k)
        return;
    if (s->p && policy_suppression_needs_reason(s->p) && !d->reason) {
        problem(s, "suppression-forbidden", SEV_ERROR, c->src, c->off, c->len,
                "the policy requires a reason after the rule list: ignore[rule-id] why");
        return;
    }
    ptrvec_push(s->a, &s->dirs, d);
}

static int has_tag(const source *src)
{
    /* memchr for the colon, then a look at what precedes it: a colon is
     * rare in configuration files, and memchr skims where memmem crawls
     * (this runs over every byte of every file) */
    static const char tag[] = "pgconflint:";
    const size_t n = sizeof tag - 1;
    if (src->len < n)
        return 0;
    const unsigned char *d = src->data, *end = d + src->len;
    for (const unsigned char *p = d + n - 1; p < end; p++) {
        p = memchr(p, ':', (size_t)(end - p));
        if (!p)
            return 0;
        if (memcmp(p - (n - 1), tag, n - 1) == 0)
            return 1;
    }
    return 0;
}

/* ---- postgresql.conf: the comment span of each line node ---- */

static int conf_has_content(const conf_node *n)
{
    return n->kind == CN_SETTING || n->kind == CN_INCLUDE || n->kind == CN_ERROR;
}

static void scan_conf_tree(suppress_set *s, const conf_tree *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const conf_node *n = &t->nodes[i];
        if (!n->comment.len)
            continue;
        comment c = {t->src, n->comment.off, n->comment.len, 0, 0};
        const conf_node *target = n;
        if (!conf_has_content(n)) {
            size_t j = i + 1;
            while (j < t->n && t->nodes[j].kind == CN_COMMENT)
                j++;
            target = j < t->n ? &t->nodes[j] : NULL;
        }
        if (target) {
            conf_span w = conf_node_whole(target);
            c.cover_off = w.off;
            c.cover_end = w.off + w.len;
        }
        parse_comment(s, &c);
    }
}

suppress_set *suppress_scan_conf(arena *a, const conf_doc *d, const policy *p)
{
    suppress_set *s = set_new(a, p);
    for (size_t i = 0; i < d->sources.n; i++) {
        const source *src = d->sources.items[i];
        const conf_tree *t = conf_doc_tree(d, src);
        if (t && has_tag(src))
            scan_conf_tree(s, t);
    }
    return s;
}

/* ---- pg_hba.conf / pg_ident.conf: the comment inside each logical line ---- */

/* Where the comment of a logical line starts ('#' outside double quotes),
 * and whether anything but blanks precedes it. */
static int auth_comment(const source *src, const auth_line *l, size_t *off, size_t *len,
                        int *content)
{
    const char *d = (const char *)src->data;
    int quoted = 0;
    *content = 0;
    for (size_t i = l->off; i < l->off + l->len; i++) {
        char ch = d[i];
        if (ch == '"')
            quoted = !quoted;
        if (ch == '\n')
            quoted = 0;
        if (ch == '#' && !quoted) {
            size_t e = i;
            while (e < l->off + l->len && d[e] != '\n')
                e++;
            *off = i;
            *len = e - i;
            return 1;
        }
        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n' && ch != '\\')
            *content = 1;
    }
    return 0;
}

static void scan_auth_tree(suppress_set *s, const auth_tree *t)
{
    for (size_t i = 0; i < t->nodes.n; i++) {
        const auth_node *n = t->nodes.items[i];
        size_t off, len;
        int content;
        if (!auth_comment(t->src, n->line, &off, &len, &content))
            continue;
        comment c = {t->src, off, len, 0, 0};
        const auth_node *target = n;
        if (!content) {
            target = NULL;
            for (size_t j = i + 1; j < t->nodes.n; j++) {
                const auth_node *m = t->nodes.items[j];
                size_t o2, l2;
                int c2;
                if (auth_comment(t->src, m->line, &o2, &l2, &c2) && !c2)
                    continue;   /* another comment line: keep looking */
                target = m;
                break;
            }
        }
        if (target) {
            c.cover_off = target->line->off;
            c.cover_end = target->line->off + target->line->len;
        }
        parse_comment(s, &c);
    }
}

suppress_set *suppress_scan_hba(arena *a, const hba_doc *d, const policy *p)
{
    suppress_set *s = set_new(a, p);
    for (size_t i = 0; i < d->sources.n; i++) {
        const source *src = d->sources.items[i];
        const auth_tree *t = hba_doc_tree(d, src);
        if (t && has_tag(src))
            scan_auth_tree(s, t);
    }
    return s;
}

suppress_set *suppress_scan_ident(arena *a, const ident_doc *d, const policy *p)
{
    suppress_set *s = set_new(a, p);
    for (size_t i = 0; i < d->sources.n; i++) {
        const source *src = d->sources.items[i];
        const auth_tree *t = ident_doc_tree(d, src);
        if (t && has_tag(src))
            scan_auth_tree(s, t);
    }
    return s;
}

int suppress_covers(suppress_set *s, const finding *f)
{
    /* no directive, no cover: most files have none, and the rule id tests
     * below cost more than this whole loop then */
    if (!s || !s->dirs.n || rule_is_parse_error(f->rule) ||
        strncmp(f->rule, "suppression-", 12) == 0)
        return 0;
    int hit = 0;
    for (size_t i = 0; i < s->dirs.n; i++) {
        directive *d = s->dirs.items[i];
        if (d->src != f->where.src)
            continue;
        if (!d->file_wide &&
            !(f->where.off >= d->cover_off && f->where.off < d->cover_end && d->cover_end))
            continue;
        for (size_t k = 0; k < d->ids.n; k++)
            if (strcmp(d->ids.items[k], f->rule) == 0) {
                d->used[k] = 1;
                hit = 1;
            }
    }
    return hit;
}

void suppress_report(arena *a, suppress_set *s, int (*enabled)(const void *, const char *),
                     const void *ctx, ptrvec *out)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->problems.n; i++)
        ptrvec_push(a, out, s->problems.items[i]);
    for (size_t i = 0; i < s->dirs.n; i++) {
        directive *d = s->dirs.items[i];
        for (size_t k = 0; k < d->ids.n; k++) {
            const char *id = d->ids.items[k];
            if (d->used[k] || !enabled(ctx, id))
                continue;
            size_t at = (size_t)(uintptr_t)d->id_offs.items[k];
            ptrvec_push(a, out,
                        finding_at(a, "suppression-unused", SEV_WARNING, d->src, at, strlen(id),
                                   "\"%s\" is suppressed here but reports nothing %s", id,
                                   d->file_wide ? "in this file" : "on this line"));
        }
    }
}

size_t suppress_count(const suppress_set *s)
{
    return s ? s->dirs.n : 0;
}

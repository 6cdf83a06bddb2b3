/* conf_remedy.c — postgresql.conf remedies turned into byte edits. */
#include "conf_remedy.h"

#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "columns.h"
#include "conf_lexer.h"
#include "conf_syntax.h"

static int lexes_as_one_value(const char *v)
{
    size_t n = strlen(v);
    if (n == 0)
        return 0;
    conf_token t = conf_lex_at((const unsigned char *)v, n, 0);
    if (t.len != n)
        return 0;
    /* a QUALIFIED_ID (a.b) is a name, never a value: it must be quoted */
    return t.kind == CTOK_ID || t.kind == CTOK_UNQUOTED_STRING || t.kind == CTOK_INTEGER ||
           t.kind == CTOK_REAL;
}

char *conf_render_value(arena *a, const char *value, int quote)
{
    if (!quote && lexes_as_one_value(value))
        return arena_strdup(a, value);
    strbuf b = {0};
    strbuf_putc(a, &b, '\'');
    for (const char *p = value; *p; p++) {
        if (*p == '\'' || *p == '\\')
            strbuf_putc(a, &b, *p);
        strbuf_putc(a, &b, *p);
    }
    strbuf_putc(a, &b, '\'');
    return b.data;
}

/* Does a setting name as written denote `param` for this version? */
static int names_param(int version, const char *written, size_t wlen, const char *param)
{
    char buf[256];
    if (wlen >= sizeof buf)
        return 0;
    memcpy(buf, written, wlen);
    buf[wlen] = 0;
    const guc_param *p = catalog_find(version, buf), *q = catalog_find(version, param);
    if (p || q)
        return p == q;
    return strcasecmp(buf, param) == 0;
}

static int setting_is(int version, const conf_setting *s, const char *param)
{
    if (s->param)
        return names_param(version, s->param->name, strlen(s->param->name), param);
    return names_param(version, s->name, strlen(s->name), param);
}

/* The assignment that takes effect: the last one in processing order. */
static const conf_setting *effective(const conf_doc *d, int version, const char *param)
{
    for (size_t i = d->settings.n; i-- > 0;) {
        const conf_setting *s = d->settings.items[i];
        if (setting_is(version, s, param))
            return s;
    }
    return NULL;
}

/* Column of byte `off` on the line that starts at `line_off`. */
static size_t col_of(const source *src, size_t line_off, size_t off)
{
    return col_advance(0, src->data + line_off, off - line_off);
}

/*
 * Rewrite [from, value_end + gap) of a line: `insert` (e.g. "#"), the bytes
 * from `copy` (>= from) up to the value as written, the new value (or the old one when
 * `value` is NULL), then the blank run before a trailing comment realigned so
 * the comment keeps its column. Returns the edit, claiming the whole line.
 */
static edit *rewrite_line(arena *a, const source *src, size_t line_off, size_t line_len,
                          size_t from, size_t copy, const char *insert, size_t value_off,
                          size_t value_len, const char *value, size_t gap_off, size_t gap_len,
                          int has_comment)
{
    strbuf b = {0};
    strbuf_puts(a, &b, insert);
    strbuf_put(a, &b, (const char *)src->data + copy, value_off - copy);
    if (value)
        strbuf_puts(a, &b, value);
    else
        strbuf_put(a, &b, (const char *)src->data + value_off, value_len);
    size_t end = value_off + value_len;
    if (has_comment && gap_len > 0) {
        size_t target = col_of(src, line_off, gap_off + gap_len);
        size_t now = col_advance(col_of(src, line_off, from), (const unsigned char *)b.data, b.len);
        size_t glen = 0;
        const char *g = col_realign_gap(a, src->data + gap_off, gap_len, now, target, &glen);
        if (g) {
            strbuf_put(a, &b, g, glen);
            end = gap_off + gap_len;
        }
    }
    edit *e = edit_new(a, src, from, end - from, b.data, b.len);
    edit_claim(e, line_off, line_len);
    return e;
}

static const conf_tree *tree_of(const conf_doc *d, const source *src)
{
    return conf_doc_tree(d, src);
}

static edit *set_in_place(arena *a, const conf_doc *d, const conf_setting *s, const char *value)
{
    const conf_node *n = s->node;
    if (!n || !tree_of(d, s->src))
        return NULL;
    conf_span whole = conf_node_whole(n);
    int quoted = n->value_kind == CTOK_STRING;
    const char *v = conf_render_value(a, value, quoted);
    return rewrite_line(a, s->src, whole.off, whole.len, n->value.off, n->value.off, "",
                        n->value.off, n->value.len, v, n->trail.off, n->trail.len,
                        n->comment.len > 0);
}

/* A commented-out assignment of `param` in a comment span, as the sample
 * postgresql.conf has them (`#ssl = off   # (change requires restart)`). */
typedef struct commented {
    size_t hash_off;              /* the '#' that comments it out */
    size_t name_off, name_len;
    size_t value_off, value_len;
    conf_tok_kind value_kind;
    size_t gap_off, gap_len;      /* blanks after the value */
    int has_comment;              /* a comment of its own follows */
} commented;

static int match_commented(const source *src, const conf_node *n, int version, const char *param,
                           commented *m)
{
    const unsigned char *data = src->data;
    size_t end = n->comment.off + n->comment.len;
    size_t p = n->comment.off + 1;
    while (p < end && (data[p] == ' ' || data[p] == '\t'))
        p++;
    conf_token t = conf_lex_at(data, end, p);
    if (t.kind != CTOK_ID && t.kind != CTOK_QUALIFIED_ID)
        return 0;
    if (!names_param(version, (const char *)data + t.off, t.len, param))
        return 0;
    m->hash_off = n->comment.off;
    m->name_off = t.off;
    m->name_len = t.len;
    p = t.off + t.len;
    t = conf_lex_at(data, end, p);
    if (t.kind == CTOK_WS)
        t = conf_lex_at(data, end, t.off + t.len);
    if (t.kind == CTOK_EQUALS) {
        t = conf_lex_at(data, end, t.off + t.len);
        if (t.kind == CTOK_WS)
            t = conf_lex_at(data, end, t.off + t.len);
    }
    if (!conf_tok_is_value(t.kind))
        return 0;
    m->value_off = t.off;
    m->value_len = t.len;
    m->value_kind = t.kind;
    p = t.off + t.len;
    m->gap_off = p;
    m->gap_len = 0;
    t = conf_lex_at(data, end, p);
    if (t.kind == CTOK_WS) {
        m->gap_len = t.len;
        t = conf_lex_at(data, end, t.off + t.len);
    }
    m->has_comment = t.kind == CTOK_COMMENT;
    if (m->has_comment)
        t = conf_lex_at(data, end, t.off + t.len);
    return t.kind == CTOK_EOF;
}

static edit *uncomment_default(arena *a, const conf_doc *d, int version, const char *param,
                               const char *value)
{
    const conf_tree *t = tree_of(d, d->root);
    if (!t)
        return NULL;
    for (size_t i = 0; i < t->n; i++) {
        const conf_node *n = &t->nodes[i];
        commented m;
        if (n->kind != CN_COMMENT || !match_commented(d->root, n, version, param, &m))
            continue;
        conf_span whole = conf_node_whole(n);
        const char *v = conf_render_value(a, value, m.value_kind == CTOK_STRING);
        /* drop the '#' and the blanks after it; the name keeps its spelling */
        return rewrite_line(a, d->root, whole.off, whole.len, m.hash_off, m.name_off, "",
                            m.value_off, m.value_len, v, m.gap_off, m.gap_len, m.has_comment);
    }
    return NULL;
}

static const char *check_value(arena *a, int version, const char *param, const char *value,
                               const guc_param **out)
{
    *out = NULL;
    if (strchr(value, '\n'))
        return "the value contains a line break, which a configuration file cannot hold";
    const guc_param *p = catalog_find(version, param);
    *out = p;
    if (!p) {
        if (!strchr(param, '.'))
            return arena_printf(a, "PostgreSQL %d has no parameter \"%s\"", version, param);
        return NULL;
    }
    guc_value_result r;
    guc_check_value(a, p, version, value, &r);
    if (!r.ok)
        return arena_printf(a, "PostgreSQL %d would reject %s = '%s': %s", version, p->name,
                            value, r.message ? r.message : "invalid value");
    return NULL;
}

static void plan_set_param(arena *a, const conf_doc *d, int version, fix_item *it)
{
    const remedy *r = &it->f->fix;
    if (!r->param || !r->value) {
        it->refused = "the remedy names no parameter or value";
        return;
    }
    const guc_param *gp;
    const char *bad = check_value(a, version, r->param, r->value, &gp);
    if (bad) {
        it->refused = bad;
        return;
    }
    if (!d->parse_ok) {
        /* PostgreSQL stops before postgresql.auto.conf, so where the value
         * would take effect is not known until the errors are fixed */
        it->refused = "the configuration has syntax or include errors; fix those first";
        return;
    }
    const conf_setting *s = effective(d, version, r->param);
    if (s) {
        edit *e = set_in_place(a, d, s, r->value);
        if (!e) {
            it->refused = "the assignment that takes effect was not found in its file";
            return;
        }
        ptrvec_push(a, &it->edits, e);
        return;
    }
    edit *e = uncomment_default(a, d, version, r->param, r->value);
    if (e) {
        ptrvec_push(a, &it->edits, e);
        return;
    }
    const char *name = gp ? gp->name : r->param;
    int quote = !gp || gp->type == GUC_STRING;
    it->append_to = d->root;
    it->append_line = arena_printf(a, "%s = %s", name, conf_render_value(a, r->value, quote));
}

static void plan_remove(arena *a, const conf_doc *d, fix_item *it)
{
    const conf_setting *s = it->f->fix.target;
    const conf_node *n = s ? s->node : NULL;
    if (!n || !tree_of(d, s->src)) {
        it->refused = "the assignment was not found in its file";
        return;
    }
    conf_span whole = conf_node_whole(n);
    ptrvec_push(a, &it->edits,
                rewrite_line(a, s->src, whole.off, whole.len, n->name.off, n->name.off, "#",
                             n->value.off, n->value.len, NULL, n->trail.off, n->trail.len,
                             n->comment.len > 0));
}

/*
 * Write `param` for the name of the assignment `target`: an alias (sort_mem)
 * becomes the name PostgreSQL stands it for (work_mem). The two are one
 * parameter to the server, applied in file order, last one wins, so the value
 * in effect stays whichever assignment it came from, even when the new name
 * is set elsewhere too (conf-duplicate-setting groups them by the parameter
 * before and after). What does change is which of those lines PostgreSQL
 * skips as overridden: it compares the names as written, so `sort_mem = 1MB`
 * before `work_mem = 4MB` is applied and then overridden, while `work_mem =
 * 1MB` there is skipped (pg_file_settings: applied t, then f; pg-oracle
 * --pg 18). The value in effect is the same unless a later assignment fails,
 * when a reload would keep another value: so a parameter with an erroneous
 * assignment is refused until the error is fixed.
 */
static void plan_rename(arena *a, const conf_doc *d, int version, fix_item *it)
{
    const remedy *r = &it->f->fix;
    const conf_setting *s = r->target;
    const conf_node *n = s ? s->node : NULL;
    if (!r->param || !*r->param) {
        it->refused = "the remedy names no parameter";
        return;
    }
    if (!n || !tree_of(d, s->src) || n->name.len == 0) {
        it->refused = "the assignment was not found in its file";
        return;
    }
    size_t plen = strlen(r->param);
    conf_token t = conf_lex_at((const unsigned char *)r->param, plen, 0);
    const guc_param *to = catalog_find(version, r->param);
    if (t.kind != CTOK_ID || t.len != plen || !to || strcasecmp(to->name, r->param) != 0) {
        it->refused = arena_printf(a, "PostgreSQL %d has no parameter \"%s\"", version, r->param);
        return;
    }
    const char *written = arena_strndup(a, (const char *)s->src->data + n->name.off, n->name.len);
    if (catalog_find(version, written) != to) {
        it->refused = arena_printf(a, "PostgreSQL %d does not read \"%s\" as \"%s\"", version,
                                   written, r->param);
        return;
    }
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *o = d->settings.items[i];
        if (!o->error || !setting_is(version, o, r->param))
            continue;
        it->refused = o->node == n ? "the assignment has an error; fix that first"
                                   : arena_printf(a, "an assignment of %s has an error (%s:%d); "
                                                     "fix that first",
                                                  r->param, o->src->path, o->line);
        /* another fix of this run may comment the other line out */
        it->retry = o->node != n;
        return;
    }
    conf_span whole = conf_node_whole(n);
    ptrvec_push(a, &it->edits,
                rewrite_line(a, s->src, whole.off, whole.len, n->name.off,
                             n->name.off + n->name.len, r->param, n->value.off, n->value.len,
                             NULL, n->trail.off, n->trail.len, n->comment.len > 0));
}

void conf_remedy_plan(arena *a, const conf_doc *d, int version, fix_item *it)
{
    switch (it->f->fix.kind) {
    case REMEDY_SET_PARAM:
        plan_set_param(a, d, version, it);
        break;
    case REMEDY_REMOVE_SETTING:
        plan_remove(a, d, it);
        break;
    case REMEDY_RENAME_PARAM:
        plan_rename(a, d, version, it);
        break;
    default:
        it->refused = "not a postgresql.conf remedy";
        break;
    }
}

static int is_marker(const source *src, const conf_node *n, const char *marker)
{
    if (n->kind != CN_COMMENT)
        return 0;
    size_t len = n->comment.len, ml = strlen(marker);
    const unsigned char *c = src->data + n->comment.off;
    while (len > 0 && (c[len - 1] == '\r' || c[len - 1] == ' ' || c[len - 1] == '\t'))
        len--;
    return len == ml && memcmp(c, marker, ml) == 0;
}

static int uses_crlf(const source *src)
{
    const unsigned char *nl = memchr(src->data, '\n', src->len);
    return nl && nl > src->data && nl[-1] == '\r';
}

edit *conf_append_block(arena *a, const conf_doc *d, const source *src,
                        const char *const *lines, size_t n)
{
    const char *eol = uses_crlf(src) ? "\r\n" : "\n";
    const conf_tree *t = tree_of(d, src);
    strbuf b = {0};
    /* an existing block (begin marker, then end marker) takes the new lines
     * before its end marker */
    if (t) {
        int open = 0;
        for (size_t i = 0; i < t->n; i++) {
            const conf_node *nd = &t->nodes[i];
            if (is_marker(src, nd, CONF_FIX_BLOCK_BEGIN))
                open = 1;
            else if (open && is_marker(src, nd, CONF_FIX_BLOCK_END)) {
                for (size_t k = 0; k < n; k++) {
                    strbuf_puts(a, &b, lines[k]);
                    strbuf_puts(a, &b, eol);
                }
                size_t at = conf_node_whole(nd).off;
                return edit_new(a, src, at, 0, b.data, b.len);
            }
        }
    }
    size_t len = src->len;
    int final_nl = len == 0 || src->data[len - 1] == '\n';
    if (!final_nl)
        strbuf_puts(a, &b, eol);
    if (len > 0) {
        /* a blank line between the file and the block, unless there is one */
        size_t end = final_nl ? len - 1 : len;
        size_t start = end;
        while (start > 0 && src->data[start - 1] != '\n')
            start--;
        int blank = 1;
        for (size_t i = start; i < end; i++)
            if (src->data[i] != ' ' && src->data[i] != '\t' && src->data[i] != '\r')
                blank = 0;
        if (!blank)
            strbuf_puts(a, &b, eol);
    }
    strbuf_puts(a, &b, CONF_FIX_BLOCK_BEGIN);
    strbuf_puts(a, &b, eol);
    for (size_t k = 0; k < n; k++) {
        strbuf_puts(a, &b, lines[k]);
        strbuf_puts(a, &b, eol);
    }
    strbuf_puts(a, &b, CONF_FIX_BLOCK_END);
    if (final_nl)
        strbuf_puts(a, &b, eol);
    return edit_new(a, src, len, 0, b.data, b.len);
}

/* conf_rules.c — parameter and value findings for postgresql.conf. */
#include "conf_rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "catalog.h"
#include "catalog_info.h"
#include "merge_sort.h"

static finding *at_name(arena *a, const conf_setting *s, const char *rule, severity sev,
                        const char *msg)
{
    return finding_at(a, rule, sev, s->src, s->name_off, s->name_len, "%s", msg);
}

static finding *at_value(arena *a, const conf_setting *s, const char *rule, severity sev,
                         const char *msg)
{
    return finding_at(a, rule, sev, s->src, s->value_off, s->value_len, "%s", msg);
}

/* A did-you-mean compares the name with every parameter: a few hundred
 * edit distances. A machine-made or hostile file with a million unknown
 * names must not turn that into minutes, so past this many the names are
 * still reported, only without a suggestion. */
#define MAX_SUGGESTIONS 1000

/* The document, with the lines it reaches more than once (a file included
 * twice holds one line that is two assignments): node pointers sorted once,
 * so the question costs a binary search, not a pass over every setting. */
typedef struct rules_ctx {
    const conf_doc *d;
    const void **nodes;        /* every setting's node (conf_node*), sorted */
    size_t n;
    size_t suggestions_left;   /* did-you-mean searches still allowed */
} rules_ctx;

/* Pointers in address order. */
#define CMP_ADDR(x, y) ((uintptr_t)*(x) < (uintptr_t)*(y) ? -1 : (uintptr_t)*(x) > (uintptr_t)*(y))
MERGE_SORT_DEFINE(sort_ptrs, const void *, CMP_ADDR)

static void rules_ctx_init(arena *a, rules_ctx *cx, const conf_doc *d)
{
    cx->d = d;
    cx->n = d->settings.n;
    cx->suggestions_left = MAX_SUGGESTIONS;
    cx->nodes = arena_alloc(a, (cx->n ? cx->n : 1) * sizeof *cx->nodes);
    for (size_t i = 0; i < cx->n; i++)
        cx->nodes[i] = ((const conf_setting *)d->settings.items[i])->node;
    if (cx->n > 1)
        sort_ptrs(cx->nodes, cx->n,
                  arena_alloc_raw(a, (MERGE_SORT_SCRATCH(cx->n) + 1) * sizeof *cx->nodes));
}

/* Commenting a line out acts on every pass over it: a file included twice
 * holds one line that is two assignments, so it is no remedy then. */
static int reached_once(const rules_ctx *cx, const conf_setting *s)
{
    size_t lo = 0, hi = cx->n;
    while (lo < hi) {   /* first position of s->node */
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)cx->nodes[mid] < (uintptr_t)s->node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return !(lo + 1 < cx->n && cx->nodes[lo + 1] == s->node);
}

/* Remedy: comment the assignment out. */
static void comment_out(const rules_ctx *cx, finding *f, const conf_setting *s, int unsafe,
                        const char *description)
{
    if (!reached_once(cx, s))
        return;
    f->fix = (remedy){.kind = REMEDY_REMOVE_SETTING, .target = s, .unsafe = unsafe,
                      .description = description};
}

/* A name that no version of the catalog gives us directly: removed, not yet
 * added, or unknown (with a did-you-mean). */
static const char *suggest(arena *a, rules_ctx *cx, int version, const char *name)
{
    if (cx->suggestions_left == 0)
        return NULL;
    cx->suggestions_left--;
    return catalog_suggest(a, version, name);
}

static void check_name(arena *a, rules_ctx *cx, const conf_setting *s, int version,
                       ptrvec *out)
{
    int dotted = strchr(s->name, '.') != NULL;
    if (dotted) {
        /* Custom names are legal, but pg_stat_statement.max is a typo that
         * PostgreSQL accepts silently and then never uses. */
        const char *sug = suggest(a, cx, version, s->name);
        if (sug)
            ptrvec_push(a, out,
                        at_name(a, s, "conf-unknown-parameter", SEV_WARNING,
                                arena_printf(a,
                                             "\"%s\" is not a parameter of any known extension; "
                                             "did you mean \"%s\"?",
                                             s->name, sug)));
        return;
    }
    catalog_history h;
    if (catalog_history_of(s->name, &h)) {
        if (h.removed_in && version >= h.removed_in) {
            const char *msg =
                h.renamed_to
                    ? arena_printf(a, "\"%s\" was removed in PostgreSQL %d; use \"%s\" instead",
                                   s->name, h.removed_in, h.renamed_to)
                    : arena_printf(a, "\"%s\" was removed in PostgreSQL %d", s->name,
                                   h.removed_in);
            finding *f = at_name(a, s, "conf-removed-parameter", SEV_ERROR, msg);
            if (h.note)
                f->where.detail = h.note;
            /* The version cannot use the line and refuses to start with it.
             * With a successor the intent must be carried over by hand (the
             * unit may differ), so dropping the line alone is unsafe. */
            comment_out(cx, f, s, h.renamed_to != NULL,
                        h.renamed_to
                            ? arena_printf(a, "comment out %s (then set %s by hand)", s->name,
                                           h.renamed_to)
                            : arena_printf(a, "comment out %s", s->name));
            ptrvec_push(a, out, f);
            return;
        }
        if (h.added_in > version) {
            finding *f = at_name(
                a, s, "conf-not-yet-parameter", SEV_ERROR,
                arena_printf(a, "\"%s\" only exists from PostgreSQL %d on (checking for %d)",
                             s->name, h.added_in, version));
            if (h.note)
                f->where.detail = h.note;
            ptrvec_push(a, out, f);
            return;
        }
    }
    const char *sug = suggest(a, cx, version, s->name);
    const char *msg =
        sug ? arena_printf(a, "unrecognized configuration parameter \"%s\"; did you mean \"%s\"?",
                           s->name, sug)
            : arena_printf(a, "unrecognized configuration parameter \"%s\"", s->name);
    ptrvec_push(a, out, at_name(a, s, "conf-unknown-parameter", SEV_ERROR, msg));
}

/* What the parameter accepts, for messages whose PostgreSQL text says only
 * that the value is wrong. */
static const char *accepted(arena *a, const guc_param *p)
{
    switch (p->type) {
    case GUC_BOOL:
        return "accepted: on, off, true, false, yes, no, 1, 0 (or a unique prefix)";
    case GUC_INT:
    case GUC_REAL: {
        const char *kind = p->type == GUC_INT ? "an integer" : "a number";
        if (p->unit && *p->unit) {
            int mem = strchr(p->unit, 'B') != NULL;
            return arena_printf(a, "expects %s in %s (%.15g .. %.15g)%s", kind, p->unit, p->min, p->max,
                                mem ? "; units B, kB, MB, GB, TB"
                                    : "; units us, ms, s, min, h, d");
        }
        return arena_printf(a, "expects %s (%.15g .. %.15g), without a unit", kind, p->min, p->max);
    }
    case GUC_ENUM: {
        strbuf b = {0};
        strbuf_puts(a, &b, "accepted: ");
        for (int i = 0; p->enumvals && p->enumvals[i]; i++) {
            if (i)
                strbuf_puts(a, &b, ", ");
            strbuf_puts(a, &b, *p->enumvals[i] ? p->enumvals[i] : "''");
        }
        return b.data;
    }
    default:
        return NULL;
    }
}

static void check_value(arena *a, const rules_ctx *cx, const conf_setting *s, ptrvec *out)
{
    const diag *e = s->error;
    if (!e || !e->code)
        return;
    if (strcmp(e->code, "conf-invalid-value") == 0) {
        finding *f = at_value(a, s, "conf-invalid-value", SEV_ERROR, e->message);
        /* PostgreSQL's range message already names the range; elsewhere say
         * what would have been accepted. */
        int names_range = strstr(e->message, "outside the valid range") != NULL;
        f->where.detail = e->detail ? e->detail
                          : (s->param && !names_range) ? accepted(a, s->param)
                                                       : NULL;
        ptrvec_push(a, out, f);
    } else if (strcmp(e->code, "conf-internal-parameter") == 0) {
        finding *f = at_name(a, s, "conf-internal-parameter", SEV_ERROR,
                             arena_printf(a, "%s: \"%s\" is read-only (set when the server is "
                                             "built or initialised)",
                                          e->message, s->name));
        /* the server ignores the line, so dropping it changes nothing */
        comment_out(cx, f, s, 0, arena_printf(a, "comment out %s", s->name));
        ptrvec_push(a, out, f);
    }
}

/* The key that decides which entries override each other: PostgreSQL applies
 * entries in order under the canonical name, so Work_Mem after work_mem wins
 * even though pg_file_settings marks both applied. */
static const char *override_key(const conf_setting *s)
{
    return s->param ? s->param->name : s->name;
}

/* strcasecmp() order (the C locale's: ASCII letters folded), then the
 * position. Keys of known parameters are the catalog's own strings, so
 * entries of one parameter mostly have the very same pointer. */
static int cmp_keyed(const conf_keyed *a, const conf_keyed *b)
{
    int c = 0;
    if (a->key != b->key) {
        /* most keys differ at the first byte: settled without a call */
        unsigned char x = (unsigned char)ascii_tolower(a->key[0]);
        unsigned char y = (unsigned char)ascii_tolower(b->key[0]);
        c = x != y ? x - y : ascii_casecmp(a->key, b->key);
    }
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The order is total (positions differ), so any sort gives the same array. */
MERGE_SORT_DEFINE(sort_keyed, conf_keyed, cmp_keyed)

conf_keyed *conf_settings_by_param(arena *a, const conf_doc *d)
{
    size_t n = d->settings.n;
    if (!n)
        return NULL;
    conf_keyed *k = arena_alloc(a, n * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        k[i].key = override_key(d->settings.items[i]);
        k[i].index = i;
    }
    if (n > 1)
        sort_keyed(k, n, arena_alloc_raw(a, (MERGE_SORT_SCRATCH(n) + 1) * sizeof *k));
    return k;
}

int conf_same_key(const char *x, const char *y)
{
    return x == y || ascii_casecmp(x, y) == 0;
}

/* In each parameter's group of assignments the last takes effect. */
static void check_duplicates(arena *a, const rules_ctx *cx, const conf_keyed *k, ptrvec *out)
{
    const conf_doc *d = cx->d;
    size_t n = d->settings.n;
    if (n < 2)
        return;
    size_t last = 0;   /* the last entry of the group of k[i], found once per group */
    for (size_t i = 0; i + 1 < n; i++) {
        if (last <= i) {
            last = i;
            while (last + 1 < n && conf_same_key(k[i].key, k[last + 1].key))
                last++;
        }
        if (last == i)
            continue;
        const conf_setting *s = d->settings.items[k[i].index];
        const conf_setting *later = d->settings.items[k[last].index];
        const char *why = later->from_auto_conf && !s->from_auto_conf
                              ? " (postgresql.auto.conf, written by ALTER SYSTEM, wins)"
                              : "";
        finding *f = at_name(a, s, "conf-duplicate-setting", SEV_WARNING,
                             arena_printf(a, "\"%s\" is set again at %s:%d, so this value is "
                                             "ignored%s",
                                          s->name, later->src->path, later->line, why));
        finding_relate(a, f, later->src, later->name_off, later->name_len,
                       "the assignment that takes effect");
        /* The line never takes effect here. In a file of its own (an
         * include) it may be the one that does for another server that
         * includes the same file, so only the root file and auto.conf are
         * safe to edit. */
        if (s->node != later->node)
            comment_out(cx, f, s, !(s->src == d->root || s->from_auto_conf),
                        arena_printf(a, "comment out this %s (%s:%d takes effect)", s->name,
                                     later->src->path, later->line));
        ptrvec_push(a, out, f);
    }
}

void conf_rules_run_keyed(arena *a, const conf_doc *d, int version, const conf_keyed *keyed,
                          ptrvec *out)
{
    rules_ctx cx;
    rules_ctx_init(a, &cx, d);
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        const guc_param *p = s->param;
        if (!p) {
            check_name(a, &cx, s, version, out);
            continue;
        }
        check_value(a, &cx, s, out);
        unsigned forbidden = s->from_auto_conf ? GUCF_DISALLOW_IN_AUTO_FILE | GUCF_DISALLOW_IN_FILE
                                               : GUCF_DISALLOW_IN_FILE;
        if ((p->flags & forbidden) && p->context != CTX_INTERNAL)
            ptrvec_push(a, out,
                        at_name(a, s, "conf-disallowed-in-file", SEV_WARNING,
                                arena_printf(a, "\"%s\" must not be set in a configuration file "
                                                "(PostgreSQL refuses it in ALTER SYSTEM and "
                                                "ignores the intent here)",
                                             s->name)));
        if (p->context == CTX_POSTMASTER && s->applied)
            ptrvec_push(a, out,
                        at_name(a, s, "conf-restart-required", SEV_INFO,
                                arena_printf(a, "changing \"%s\" takes effect only after a "
                                                "server restart (a reload is not enough)",
                                             p->name)));
    }
    check_duplicates(a, &cx, keyed, out);
}

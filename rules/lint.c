/* lint.c — choosing and running rules, then ordering their findings. */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "conf_rules.h"
#include "hba_shadow.h"
#include "rule_registry.h"

/* Is `id` an element of the comma-separated list? */
static int in_list(const char *list, const char *id)
{
    if (!list)
        return 0;
    size_t n = strlen(id);
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && strncmp(p, id, n) == 0)
            return 1;
        p += l + (e ? 1 : 0);
    }
    return 0;
}

/* Errors that say PostgreSQL will not read the file are shown even under a
 * narrow --select: a linter that hides "the server will not start" misleads. */
static int is_parse_rule(const char *id)
{
    return strcmp(id, "conf-syntax-error") == 0 || strcmp(id, "hba-syntax-error") == 0 ||
           strcmp(id, "ident-syntax-error") == 0 || strcmp(id, "include-error") == 0;
}

int lint_rule_enabled(const lint_opts *o, const char *rule)
{
    if (in_list(o->ignore, rule))
        return 0;
    if (o->select)
        return in_list(o->select, rule) || is_parse_rule(rule);
    if (in_list(o->extend_select, rule))
        return 1;
    const rule_info *r = rule_find(rule);
    return r ? r->enabled : 1;
}

static const char *unknown_in(const char *list)
{
    if (!list)
        return NULL;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        int found = 0;
        int n;
        const rule_info *all = rule_all(&n);
        for (int i = 0; i < n; i++)
            if (strlen(all[i].id) == l && strncmp(all[i].id, p, l) == 0)
                found = 1;
        if (!found && l > 0)
            return p;
        p += l + (e ? 1 : 0);
    }
    return NULL;
}

const char *lint_unknown_rule(const lint_opts *o)
{
    const char *u;
    if ((u = unknown_in(o->select)) || (u = unknown_in(o->extend_select)) ||
        (u = unknown_in(o->ignore)))
        return u;
    return NULL;
}

static int cmp_finding(const void *x, const void *y)
{
    const finding *a = *(const finding *const *)x, *b = *(const finding *const *)y;
    const char *pa = a->where.path ? a->where.path : "", *pb = b->where.path ? b->where.path : "";
    int c = strcmp(pa, pb);
    if (c)
        return c;
    if (a->where.line != b->where.line)
        return a->where.line < b->where.line ? -1 : 1;
    if (a->where.col != b->where.col)
        return a->where.col < b->where.col ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

/* Keep enabled findings, then sort: a stable order whatever the rule order. */
static void finish(arena *a, const lint_opts *o, ptrvec *raw, ptrvec *out)
{
    size_t first = out->n;
    for (size_t i = 0; i < raw->n; i++) {
        finding *f = raw->items[i];
        if (lint_rule_enabled(o, f->rule))
            ptrvec_push(a, out, f);
    }
    if (out->n - first > 1)
        qsort(out->items + first, out->n - first, sizeof(void *), cmp_finding);
}

static void add_parse_errors(arena *a, const ptrvec *errors, ptrvec *raw, int skip_model_codes)
{
    for (size_t i = 0; i < errors->n; i++) {
        const diag *d = errors->items[i];
        /* Name and value errors are reported by conf_rules for every entry,
         * not only in the phase where PostgreSQL stops. */
        if (skip_model_codes && d->code &&
            (strcmp(d->code, "conf-unknown-parameter") == 0 ||
             strcmp(d->code, "conf-invalid-value") == 0 ||
             strcmp(d->code, "conf-internal-parameter") == 0))
            continue;
        ptrvec_push(a, raw, finding_from_diag(a, d));
    }
}

void lint_conf(arena *a, const conf_doc *d, const lint_opts *o, ptrvec *out)
{
    ptrvec raw = {0};
    add_parse_errors(a, &d->errors, &raw, 1);
    conf_rules_run(a, d, o->pg_version, &raw);
    finish(a, o, &raw, out);
}

void lint_hba(arena *a, const hba_doc *d, const lint_opts *o, ptrvec *out)
{
    ptrvec raw = {0};
    add_parse_errors(a, &d->errors, &raw, 0);
    hba_find_shadowed(a, d, &raw);
    if (lint_rule_enabled(o, "hba-no-final-reject"))
        hba_find_missing_final_reject(a, d, &raw);
    finish(a, o, &raw, out);
}

void lint_ident(arena *a, const ident_doc *d, const lint_opts *o, ptrvec *out)
{
    ptrvec raw = {0};
    add_parse_errors(a, &d->errors, &raw, 0);
    finish(a, o, &raw, out);
}

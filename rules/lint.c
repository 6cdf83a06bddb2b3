/* lint.c — choosing and running rules, then ordering their findings. */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "conf_rules.h"
#include "effective.h"
#include "hba_constraints.h"
#include "hba_shadow.h"
#include "merge_sort.h"
#include "policy.h"
#include "rule_registry.h"
#include "security_conf.h"
#include "security_conf_extra.h"
#include "security_hba.h"
#include "security_hba_extra.h"
#include "setting_constraints.h"
#include "suppress.h"

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
 * narrow --select or a policy that disables everything: a linter that hides
 * "the server will not start" misleads. */
int lint_rule_enabled(const lint_opts *o, const char *rule)
{
    if (in_list(o->ignore, rule))
        return 0;
    if (o->select)
        return in_list(o->select, rule) || rule_is_parse_error(rule);
    if (in_list(o->extend_select, rule))
        return 1;
    if (o->policy)
        return policy_rule_enabled(o->policy, rule);
    const rule_info *r = rule_find(rule);
    return r ? r->enabled : 1;
}

static int enabled_cb(const void *ctx, const char *rule)
{
    return lint_rule_enabled(ctx, rule);
}

static int known_rule(const lint_opts *o, const char *id, size_t len)
{
    int n;
    const rule_info *all = rule_all(&n);
    for (int i = 0; i < n; i++)
        if (strlen(all[i].id) == len && strncmp(all[i].id, id, len) == 0)
            return 1;
    if (o->policy) {
        const ptrvec *u = policy_user_rule_ids(o->policy);
        for (size_t i = 0; i < u->n; i++)
            if (strlen(u->items[i]) == len && strncmp(u->items[i], id, len) == 0)
                return 1;
    }
    return 0;
}

static const char *unknown_in(const lint_opts *o, const char *list)
{
    if (!list)
        return NULL;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l > 0 && !known_rule(o, p, l))
            return p;
        p += l + (e ? 1 : 0);
    }
    return NULL;
}

const char *lint_unknown_rule(const lint_opts *o)
{
    const char *u;
    if ((u = unknown_in(o, o->select)) || (u = unknown_in(o, o->extend_select)) ||
        (u = unknown_in(o, o->ignore)))
        return u;
    return NULL;
}

/* By file, line, column and rule id. The findings of one file share its
 * path string, and most rule ids are the registry's own strings, so equal
 * pointers spare the string comparisons. */
static int cmp_finding(const finding *a, const finding *b)
{
    const char *pa = a->where.path ? a->where.path : "", *pb = b->where.path ? b->where.path : "";
    int c = pa == pb ? 0 : strcmp(pa, pb);
    if (c)
        return c;
    if (a->where.line != b->where.line)
        return a->where.line < b->where.line ? -1 : 1;
    if (a->where.col != b->where.col)
        return a->where.col < b->where.col ? -1 : 1;
    return a->rule == b->rule ? 0 : strcmp(a->rule, b->rule);
}

/* Stable, as glibc's qsort is: findings equal by the comparison keep the
 * order the rules reported them in. */
#define CMP_FINDING(x, y) cmp_finding(*(x), *(y))
MERGE_SORT_DEFINE(sort_findings, void *, CMP_FINDING)

/* Keep enabled findings at the policy's severity, drop what inline comments
 * suppress, add the findings about the suppressions, then sort: a stable
 * order whatever the rule order. */
static void finish(arena *a, const lint_opts *o, ptrvec *raw, suppress_set *sup, ptrvec *out)
{
    size_t first = out->n;
    for (size_t i = 0; i < raw->n; i++) {
        finding *f = raw->items[i];
        if (!lint_rule_enabled(o, f->rule))
            continue;
        severity sev;
        if (o->policy && policy_rule_severity_set(o->policy, f->rule, &sev))
            f->sev = sev;
        if (suppress_covers(sup, f))
            continue;
        ptrvec_push(a, out, f);
    }
    ptrvec extra = {0};
    suppress_report(a, sup, enabled_cb, o, &extra);
    for (size_t i = 0; i < extra.n; i++) {
        finding *f = extra.items[i];
        if (lint_rule_enabled(o, f->rule))
            ptrvec_push(a, out, f);
    }
    if (out->n - first > 1)
        sort_findings(out->items + first, out->n - first,
                      arena_alloc_raw(a, (out->n - first) * sizeof(void *)));
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

/* Targets left unread because they lie outside the checked tree
 * (parser/confine.h) are logged beside PostgreSQL's messages, not among its
 * errors; they become findings of their own rule at its registry severity. */
static void add_unread_outside(arena *a, const ptrvec *logged, ptrvec *raw)
{
    for (size_t i = 0; i < logged->n; i++) {
        const diag *d = logged->items[i];
        if (!d->code || strcmp(d->code, "include-outside-tree") != 0)
            continue;
        finding *f = finding_from_diag(a, d);
        const rule_info *r = rule_find(f->rule);
        if (r)
            f->sev = r->sev;
        ptrvec_push(a, raw, f);
    }
}

/* The policy's settings rules and the coded conf checks, on the effective
 * configuration. The parameters the enabled policy rules check are passed
 * on: conf-auto-conf-override reports ALTER SYSTEM overriding them. */
static void policy_conf_rules(arena *a, effective_conf *e, const conf_doc *d, const lint_opts *o,
                              ptrvec *raw)
{
    ptrvec enforced = {0};
    if (o->policy) {
        const ptrvec *rules = policy_setting_rules(o->policy);
        for (size_t i = 0; i < rules->n; i++) {
            const setting_rule *r = rules->items[i];
            /* a rule for other versions does nothing: asked first, as it
             * costs less than asking the policy whether the rule is on */
            if (!setting_rule_applies(r, o->pg_version) || !lint_rule_enabled(o, r->id))
                continue;
            setting_rule_run(a, r, e, d->root, raw);
            if (r->target.name) {
                enforced_param *p = arena_alloc(a, sizeof *p);
                p->name = r->target.name;
                p->rule = r->id;
                ptrvec_push(a, &enforced, p);
            }
        }
    }
    security_conf_run(a, e, enabled_cb, o, raw);
    security_conf_extra_run(a, e, &enforced, enabled_cb, o, raw);
}

void lint_conf_effective(arena *a, const conf_doc *d, const lint_opts *o, ptrvec *out,
                         effective_conf **eff)
{
    ptrvec raw = {0};
    add_parse_errors(a, &d->errors, &raw, 1);
    add_unread_outside(a, &d->notes, &raw);
    /* built first (it reports nothing) so that the grouping of the
     * settings by parameter is made once for the rules that read it */
    effective_conf *e = effective_build(a, d, o->pg_version);
    conf_rules_run_keyed(a, d, o->pg_version,
                         d->settings.n > 1 ? effective_settings_by_param(e) : NULL, &raw);
    policy_conf_rules(a, e, d, o, &raw);
    if (eff)
        *eff = e;
    finish(a, o, &raw, suppress_scan_conf(a, d, o->policy), out);
}

void lint_conf(arena *a, const conf_doc *d, const lint_opts *o, ptrvec *out)
{
    lint_conf_effective(a, d, o, out, NULL);
}

void lint_hba_with_conf(arena *a, const hba_doc *d, const conf_doc *conf, const lint_opts *o,
                        ptrvec *out)
{
    lint_hba_with_effective(a, d, conf ? effective_build(a, conf, o->pg_version) : NULL, o, out);
}

void lint_hba_with_effective(arena *a, const hba_doc *d, effective_conf *e, const lint_opts *o,
                             ptrvec *out)
{
    ptrvec raw = {0};
    add_parse_errors(a, &d->errors, &raw, 0);
    add_unread_outside(a, &d->warnings, &raw);
    hba_find_shadowed(a, d, &raw);
    if (lint_rule_enabled(o, "hba-no-final-reject"))
        hba_find_missing_final_reject(a, d, &raw);
    if (o->policy) {
        const ptrvec *rules = policy_hba_rules(o->policy);
        hba_lines *lines = NULL;   /* what each rule asks of the lines, once for all */
        for (size_t i = 0; i < rules->n; i++) {
            const hba_check_rule *r = rules->items[i];
            if (!hba_check_rule_applies(r, o->pg_version) || !lint_rule_enabled(o, r->id))
                continue;
            if (!lines)
                lines = hba_lines_prepare(a, d);
            hba_check_rule_run_lines(a, r, lines, e, o->pg_version, &raw);
        }
    }
    security_hba_run(a, d, enabled_cb, o, &raw);
    security_hba_extra_run(a, d, e, o->pg_version, enabled_cb, o, &raw);
    finish(a, o, &raw, suppress_scan_hba(a, d, o->policy), out);
}

void lint_hba(arena *a, const hba_doc *d, const lint_opts *o, ptrvec *out)
{
    lint_hba_with_conf(a, d, NULL, o, out);
}

void lint_ident(arena *a, const ident_doc *d, const lint_opts *o, ptrvec *out)
{
    ptrvec raw = {0};
    add_parse_errors(a, &d->errors, &raw, 0);
    add_unread_outside(a, &d->warnings, &raw);
    finish(a, o, &raw, suppress_scan_ident(a, d, o->policy), out);
}

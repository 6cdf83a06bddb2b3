/* policy_settings.c — `settings:` rules and `when:` conditions as written in
 * a policy: parameter names and operand values validated against the
 * catalog of every version the rule applies to. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_info.h"
#include "policy_parse.h"
#include "rule_registry.h"

vrange py_versions_for(yctx *y, long min_v, long max_v)
{
    vrange r = {CATALOG_MIN_VERSION, CATALOG_MAX_VERSION, {0, 0}};
    if (min_v > r.lo)
        r.lo = (int)min_v;
    if (max_v && max_v < r.hi)
        r.hi = (int)max_v;
    r.own.lo = r.lo;
    r.own.hi = r.hi;
    if (y->p->pg_version) {
        if (y->p->pg_version >= r.lo && y->p->pg_version <= r.hi)
            r.lo = r.hi = y->p->pg_version;
    }
    return r;
}

/* Is the name a parameter of some version of the range, or a custom
 * (dotted) name? Reports unknown names with a suggestion. */
static int check_param_name(yctx *y, const yaml_node_t *n, const char *name, vrange vr)
{
    if (y->p->trusted)
        return 1;
    if (strchr(name, '.'))
        return 1;
    /* pg_version is the version assumed when the files do not say; a rule
     * may still be meant for others, so names are checked on the rule's
     * own range. */
    vr.lo = vr.own.lo;
    vr.hi = vr.own.hi;
    for (int v = vr.lo; v <= vr.hi; v++)
        if (catalog_find(v, name))
            return 1;
    for (int v = CATALOG_MIN_VERSION; v <= CATALOG_MAX_VERSION; v++)
        if (catalog_find(v, name)) {
            py_err(y, n, "parameter \"%s\" does not exist in PostgreSQL %d..%d (set min_version "
                      "or max_version)", name, vr.lo, vr.hi);
            return 0;
        }
    const char *sug = catalog_suggest(y->p->a, vr.hi, name);
    if (sug)
        py_err(y, n, "unknown parameter \"%s\"; did you mean \"%s\"?", name, sug);
    else
        py_err(y, n, "unknown parameter \"%s\"", name);
    return 0;
}

typedef enum value_need { NEED_ANY, NEED_NUMERIC, NEED_ENUM, NEED_INT } value_need;

/* Check an operand against the parameter for every version of the range
 * that has it: the type the op needs, then the value (units included). */
static int type_fits(value_need need, guc_type t)
{
    switch (need) {
    case NEED_NUMERIC: return t == GUC_INT || t == GUC_REAL;
    case NEED_ENUM: return t == GUC_ENUM;
    case NEED_INT: return t == GUC_INT;
    default: return 1;
    }
}

static int check_value(yctx *y, const yaml_node_t *n, const char *key, const char *name,
                       const char *value, vrange vr, value_need need, int parse)
{
    if (y->p->trusted)
        return 1;
    /* A parameter may change type between versions (log_connections became
     * a list in 18): the op needs the right type in at least one version,
     * and is skipped where the type differs. Like the name
     * (check_param_name), the type is judged on the rule's own range, not
     * only on pg_version: that is the version assumed when the files do not
     * say, and a rule may be meant for others. Judging it on pg_version
     * alone rejected, once written out by `policy show --resolved`, the
     * built-in at_most on log_min_messages under `pg_version: 19` (a string
     * there), so the resolved file did not load (found by fuzz_policy:
     * testdata/fuzz-regressions/policy/resolved-enum-op-on-string-in-pg-version.yaml). */
    const guc_param *last = NULL;
    int fits = 0, last_v = 0, seen_pg = 0, fits_pg = 0;
    for (int v = vr.own.lo; v <= vr.own.hi; v++) {
        const guc_param *p = catalog_find(v, name);
        if (!p)
            continue;
        int in_pg = v >= vr.lo && v <= vr.hi;
        /* the error names the type in pg_version's range if it has one */
        if (in_pg || !seen_pg) {
            last = p;
            last_v = v;
        }
        seen_pg |= in_pg;
        if (type_fits(need, p->type)) {
            fits = 1;
            fits_pg |= in_pg;
        }
    }
    /* Values are checked where the op applies: in pg_version's range, or,
     * when the parameter has another type there, in the rule's own. */
    if (seen_pg && !fits_pg) {
        vr.lo = vr.own.lo;
        vr.hi = vr.own.hi;
    }
    if (last && !fits) {
        const char *want = need == NEED_ENUM ? "an enum parameter (ordered values)"
                           : need == NEED_INT ? "an integer parameter"
                                              : "a numeric parameter";
        py_err(y, n, "\"%s\" needs %s; %s is %s in PostgreSQL %d", key, want, last->name,
            guc_type_name(last->type), last_v);
        return 0;
    }
    for (int v = vr.lo; v <= vr.hi; v++) {
        const guc_param *p = catalog_find(v, name);
        if (!p || !type_fits(need, p->type) || !parse || p->type == GUC_STRING)
            continue;
        guc_value_result r;
        guc_check_value(y->p->a, p, v, value, &r);
        /* A bound outside the parameter's range is pointless but harmless;
         * any other value must be one the parameter accepts. */
        if (!r.ok && !(r.status == GUCV_OUT_OF_RANGE && need == NEED_NUMERIC)) {
            py_err(y, n, "invalid value \"%s\" for %s (PostgreSQL %d): %s%s%s%s", value, p->name, v,
                r.message ? r.message : "rejected", r.hint ? " (" : "", r.hint ? r.hint : "",
                r.hint ? ")" : "");
            return 0;
        }
    }
    return 1;
}

/* ---------- checks on settings ---------- */

static const struct {
    const char *key;
    sc_op op;
} op_keys[] = {
    {"min", SC_MIN}, {"max", SC_MAX}, {"equals", SC_EQUALS}, {"one_of", SC_ONE_OF},
    {"not_one_of", SC_NOT_ONE_OF}, {"at_least", SC_AT_LEAST}, {"at_most", SC_AT_MOST},
    {"matches", SC_MATCHES}, {"not_matches", SC_NOT_MATCHES}, {"contains", SC_CONTAINS},
    {"contains_any", SC_CONTAINS_ANY}, {"not_contains", SC_NOT_CONTAINS},
    {"subset_of", SC_SUBSET_OF}, {"required", SC_REQUIRED}, {"no_bits", SC_NO_BITS},
};
#define N_OPS (sizeof op_keys / sizeof op_keys[0])

const char *sc_op_key(sc_op op)
{
    for (size_t i = 0; i < N_OPS; i++)
        if (op_keys[i].op == op)
            return op_keys[i].key;
    return "?";
}

static sc_check *parse_op(yctx *y, const yaml_node_t *v, sc_op op, const char *key,
                          const char *name, vrange vr)
{
    arena *a = y->p->a;
    sc_check *c = arena_alloc(a, sizeof *c);
    c->op = op;
    c->loc = py_loc(y, v);
    switch (op) {
    case SC_MIN:
    case SC_MAX:
    case SC_EQUALS:
    case SC_AT_LEAST:
    case SC_AT_MOST: {
        const char *s = py_want_string(y, v, key);
        if (!s)
            return NULL;
        ptrvec_push(a, &c->values, (void *)s);
        value_need need = (op == SC_MIN || op == SC_MAX) ? NEED_NUMERIC
                          : op == SC_EQUALS              ? NEED_ANY
                                                         : NEED_ENUM;
        if (need == NEED_NUMERIC && strchr(name, '.')) {
            char *end;
            (void)strtod(s, &end);
            if (end == s || *end) {
                py_err(y, v, "\"%s\" of custom parameter %s must be a plain number, not \"%s\"", key,
                    name, s);
                return NULL;
            }
        }
        if (!check_value(y, v, key, name, s, vr, need, 1))
            return NULL;
        return c;
    }
    case SC_ONE_OF:
    case SC_NOT_ONE_OF: {
        ptrvec nodes = {0};
        if (!py_want_strings(y, v, key, 0, &c->values, &nodes))
            return NULL;
        if (!c->values.n) {
            py_err(y, v, "\"%s\" needs at least one value", key);
            return NULL;
        }
        for (size_t i = 0; i < c->values.n; i++)
            if (!check_value(y, nodes.items[i], key, name, c->values.items[i], vr, NEED_ANY, 1))
                return NULL;
        return c;
    }
    case SC_CONTAINS:
    case SC_CONTAINS_ANY:
    case SC_NOT_CONTAINS:
    case SC_SUBSET_OF:
        if (!py_want_strings(y, v, key, 1, &c->values, NULL))
            return NULL;
        if (!c->values.n) {
            py_err(y, v, "\"%s\" needs at least one item", key);
            return NULL;
        }
        return c;
    case SC_MATCHES:
    case SC_NOT_MATCHES:
        c->re = py_compile_regex(y, v, key);
        if (!c->re)
            return NULL;
        ptrvec_push(a, &c->values, (void *)policy_regex_pattern(c->re));
        return c;
    case SC_REQUIRED:
        if (!py_want_bool(y, v, key, &c->flag))
            return NULL;
        return c;
    case SC_NO_BITS: {
        const char *s = py_want_string(y, v, key);
        if (!s)
            return NULL;
        char *end;
        errno = 0;
        unsigned long bits = strtoul(s, &end, 0);
        if (!*s || *end || errno || bits > 07777) {
            py_err(y, v, "\"no_bits\" must be a file mode such as 0077, not \"%s\"", s);
            return NULL;
        }
        if (!check_value(y, v, key, name, s, vr, NEED_INT, 0))
            return NULL;
        c->bits = bits;
        ptrvec_push(a, &c->values, (void *)s);
        return c;
    }
    }
    return NULL;
}

/* The checks of a mapping (a rule's own, or one `when` condition): `ops`
 * holds the value of each key of op_keys, in that order (py_get_keys). */
static int parse_checks(yctx *y, yaml_node_t *const *ops, sc_cond *c, vrange vr)
{
    int ok = 1;
    for (size_t i = 0; i < N_OPS; i++) {
        yaml_node_t *v = ops[i];
        if (!v)
            continue;
        sc_check *ck = parse_op(y, v, op_keys[i].op, op_keys[i].key, c->name, vr);
        if (ck)
            ptrvec_push(y->p->a, &c->checks, ck);
        else
            ok = 0;
    }
    return ok;
}

/* "name", then the keys of op_keys in their order (parse_checks) */
static const char *const cond_keys[] = {
    "name", "min", "max", "equals", "one_of", "not_one_of", "at_least", "at_most", "matches",
    "not_matches", "contains", "contains_any", "not_contains", "subset_of", "required",
    "no_bits", NULL};

int py_parse_when(yctx *y, const yaml_node_t *n, ptrvec *out, vrange vr)
{
    const yaml_node_t *items[64];
    size_t ni = 0;
    if (n->type == YAML_MAPPING_NODE) {
        items[ni++] = n;
    } else if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top && ni < 64; it++)
            items[ni++] = py_node(y, *it);
    } else {
        py_err(y, n, "\"when\" must be a condition {name: ..., <check>: ...} or a list of them, "
                  "not %s", py_type_word(n));
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; i < ni; i++) {
        const yaml_node_t *m = items[i];
        if (!py_want_mapping(y, m, "a \"when\" condition")) {
            ok = 0;
            continue;
        }
        if (!py_check_keys(y, m, cond_keys, "a \"when\" condition")) {
            ok = 0;
            continue;
        }
        sc_cond *c = arena_alloc(y->p->a, sizeof *c);
        c->loc = py_loc(y, m);
        yaml_node_t *v[PY_MAX_KEYS];
        py_get_keys(y, m, cond_keys, v);
        yaml_node_t *nm = v[0];
        if (!nm) {
            py_err(y, m, "a \"when\" condition needs \"name\" (the parameter it reads)");
            ok = 0;
            continue;
        }
        c->name = py_want_string(y, nm, "name");
        if (!c->name || !check_param_name(y, nm, c->name, vr)) {
            ok = 0;
            continue;
        }
        if (!parse_checks(y, v + 1, c, vr)) {
            ok = 0;
            continue;
        }
        if (!c->checks.n) {
            py_err(y, m, "a \"when\" condition needs a check (equals, one_of, contains, ...)");
            ok = 0;
            continue;
        }
        ptrvec_push(y->p->a, out, c);
    }
    return ok;
}


static int valid_rule_id(const char *s)
{
    if (!*s || !(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
        return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

static int py_parse_head(yctx *y, const yaml_node_t *m, yaml_node_t *const *v, rule_head *h,
                         const char *what)
{
    memset(h, 0, sizeof *h);
    h->sev = -1;
    int ok = 1;
    yaml_node_t *n = v[PY_K_ID];
    if (!n) {
        py_err(y, m, "%s needs an \"id\"", what);
        return 0;
    }
    h->id_node = n;
    h->id = py_want_string(y, n, "id");
    if (!h->id)
        return 0;
    if (!valid_rule_id(h->id)) {
        py_err(y, n, "rule id \"%s\" must be lower-case letters, digits, '-', '_' or '.'", h->id);
        return 0;
    }
    if ((n = v[PY_K_SEVERITY]) && !py_parse_severity(y, n, &h->sev))
        ok = 0;
    if ((n = v[PY_K_MESSAGE]) && !(h->message = py_want_string(y, n, "message")))
        ok = 0;
    if ((n = v[PY_K_MIN_VERSION]) &&
        !py_want_int(y, n, "min_version", CATALOG_MIN_VERSION, CATALOG_MAX_VERSION, &h->min_v))
        ok = 0;
    if ((n = v[PY_K_MAX_VERSION]) &&
        !py_want_int(y, n, "max_version", CATALOG_MIN_VERSION, CATALOG_MAX_VERSION, &h->max_v))
        ok = 0;
    if (h->min_v && h->max_v && h->min_v > h->max_v) {
        py_err(y, v[PY_K_MAX_VERSION], "max_version %ld is below min_version %ld", h->max_v,
            h->min_v);
        ok = 0;
    }
    return ok;
}

/* A built-in rule implemented in code cannot be redefined by a policy: only
 * its severity or whether it runs. */
static int py_id_redefinable(yctx *y, const rule_head *h)
{
    if (y->p->in_builtin) {
        if (!rule_find(h->id)) {
            py_err(y, h->id_node, "built-in rule \"%s\" is missing from the rule registry", h->id);
            return 0;
        }
        return 1;
    }
    if (!rule_find(h->id))
        return 1;
    for (size_t i = 0; i < y->p->builtin_ids.n; i++)
        if (strcmp(y->p->builtin_ids.items[i], h->id) == 0)
            return 1;
    py_err(y, h->id_node,
        "\"%s\" is a built-in rule checked in code; a policy can set its severity or disable "
        "it under \"rules:\", not redefine it", h->id);
    return 0;
}

static int py_severity_default(const rule_head *h)
{
    if (h->sev >= 0)
        return h->sev;
    const rule_info *ri = rule_find(h->id);
    return ri ? (int)ri->sev : SEV_WARNING;
}

int py_start_rule(yctx *y, const yaml_node_t *m, const char *const *known,
                  const char *const *get, const char *what, rule_start *s)
{
    if (!py_want_mapping(y, m, what))
        return 0;
    s->keys_ok = py_check_keys(y, m, known, what);
    py_get_keys(y, m, get, s->v);
    if (!py_parse_head(y, m, s->v, &s->h, what))
        return 0;
    if (!py_id_redefinable(y, &s->h))
        return 0;
    s->sev = (severity)py_severity_default(&s->h);
    s->loc = py_loc(y, m);
    s->vr = py_versions_for(y, s->h.min_v, s->h.max_v);
    return 1;
}

/* In this order an unknown key is matched with its nearest (the first of
 * equals), so it stays as it is; setting_get_keys reads the same keys. */
static const char *const setting_keys[] = {
    "id", "name", "severity", "message", "min_version", "max_version", "when", "fix",
    "fix_requires", "min", "max", "equals", "one_of", "not_one_of", "at_least", "at_most",
    "matches", "not_matches", "contains", "contains_any", "not_contains", "subset_of",
    "required", "no_bits", NULL};

/* The head's keys first (py_start_rule), then K_NAME.., then the keys of
 * op_keys in their order (parse_checks). */
static const char *const setting_get_keys[] = {
    "id", "severity", "message", "min_version", "max_version", "name", "when", "fix",
    "fix_requires", "min", "max", "equals", "one_of", "not_one_of", "at_least", "at_most",
    "matches", "not_matches", "contains", "contains_any", "not_contains", "subset_of",
    "required", "no_bits", NULL};

setting_rule *py_parse_setting_rule(yctx *y, const yaml_node_t *m)
{
    rule_start st;
    if (!py_start_rule(y, m, setting_keys, setting_get_keys, "a settings rule", &st))
        return NULL;
    int ok = st.keys_ok;
    vrange vr = st.vr;
    setting_rule *r = arena_alloc(y->p->a, sizeof *r);
    PY_SET_RULE_HEAD(r, &st);
    r->fix_unsafe = -1;
    enum { K_NAME = PY_K_HEAD, K_WHEN, K_FIX, K_FIX_REQUIRES, K_OPS };
    yaml_node_t *const *v = st.v;
    yaml_node_t *n = v[K_NAME];
    if (!n) {
        py_err(y, m, "settings rule \"%s\" needs \"name\" (the parameter it checks)", r->id);
        return NULL;
    }
    r->target.name = py_want_string(y, n, "name");
    r->target.loc = py_loc(y, n);
    if (!r->target.name || !check_param_name(y, n, r->target.name, vr))
        return NULL;
    if (!parse_checks(y, v + K_OPS, &r->target, vr))
        ok = 0;
    else if (!r->target.checks.n && ok) {
        py_err(y, m, "settings rule \"%s\" needs a check: min, max, equals, one_of, not_one_of, "
                  "at_least, at_most, matches, not_matches, contains, contains_any, "
                  "not_contains, subset_of, required or no_bits", r->id);
        ok = 0;
    }
    if ((n = v[K_WHEN]) && !py_parse_when(y, n, &r->when, vr))
        ok = 0;
    if ((n = v[K_FIX_REQUIRES])) {
        ptrvec nodes = {0};
        if (!py_want_strings(y, n, "fix_requires", 1, &r->fix_requires, &nodes))
            ok = 0;
        for (size_t i = 0; i < nodes.n; i++)
            if (!check_param_name(y, nodes.items[i], r->fix_requires.items[i], vr))
                ok = 0;
    }
    if ((n = v[K_FIX])) {
        int b;
        if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
            (strcmp(py_sval(n), "false") == 0 || strcmp(py_sval(n), "no") == 0)) {
            (void)b;
            r->fix_off = 1;
        } else if (n->type == YAML_MAPPING_NODE) {
            static const char *const fix_keys[] = {"value", "safety", NULL};
            if (!py_check_keys(y, n, fix_keys, "\"fix\""))
                ok = 0;
            yaml_node_t *fv = py_get(y, n, "value"), *s = py_get(y, n, "safety");
            if (!fv) {
                py_err(y, n, "\"fix\" needs a \"value\"");
                ok = 0;
            } else if (!(r->fix_value = py_want_string(y, fv, "value")) ||
                       !check_value(y, fv, "fix", r->target.name, r->fix_value, vr, NEED_ANY, 1)) {
                ok = 0;
            }
            if (s) {
                if (s->type == YAML_SCALAR_NODE && strcmp(py_sval(s), "safe") == 0)
                    r->fix_unsafe = 0;
                else if (s->type == YAML_SCALAR_NODE && strcmp(py_sval(s), "unsafe") == 0)
                    r->fix_unsafe = 1;
                else {
                    py_err(y, s, "\"safety\" must be safe or unsafe");
                    ok = 0;
                }
            }
        } else if ((r->fix_value = py_want_string(y, n, "fix"))) {
            if (!check_value(y, n, "fix", r->target.name, r->fix_value, vr, NEED_ANY, 1))
                ok = 0;
        } else {
            ok = 0;
        }
    }
    return ok ? r : NULL;
}


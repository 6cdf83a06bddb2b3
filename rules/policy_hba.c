/* policy_hba.c — `hba:` rules as written in a policy: connection types,
 * methods, address ranges, options and remedies. */
#include <ctype.h>
#include <string.h>

#include "policy_parse.h"

static const char *const hba_types[] = {"local", "host", "hostssl", "hostnossl", "hostgssenc",
                                        "hostnogssenc", NULL};
static const char *const hba_methods[] = {"trust", "reject", "md5", "password", "scram-sha-256",
                                          "gss", "sspi", "ident", "peer", "pam", "ldap", "radius",
                                          "cert", "bsd", "oauth", NULL};

static int want_words(yctx *y, const yaml_node_t *n, const char *key, const char *const *allowed,
                      ptrvec *out)
{
    ptrvec nodes = {0};
    if (!py_want_strings(y, n, key, 1, out, &nodes))
        return 0;
    if (y->p->trusted)
        return 1;   /* a built-in profile: its words were checked when it was written */
    size_t na = 0;
    while (allowed[na])
        na++;
    for (size_t i = 0; i < out->n; i++) {
        int found = 0;
        for (size_t k = 0; k < na; k++)
            if (strcmp(allowed[k], out->items[i]) == 0)
                found = 1;
        if (!found) {
            const char *sug = policy_closest(out->items[i], allowed, na);
            py_err(y, nodes.items[i], "\"%s\" is not a %s%s%s%s", (const char *)out->items[i],
                allowed == hba_types ? "connection type" : "method", sug ? "; did you mean \"" : "",
                sug ? sug : "", sug ? "\"?" : "");
            return 0;
        }
    }
    return 1;
}

static int want_addresses(yctx *y, const yaml_node_t *n, const char *key, ptrvec *out)
{
    ptrvec texts = {0}, nodes = {0};
    if (!py_want_strings(y, n, key, 1, &texts, &nodes))
        return 0;
    for (size_t i = 0; i < texts.n; i++) {
        addr_spec *s = arena_alloc(y->p->a, sizeof *s);
        if (addr_spec_parse(texts.items[i], s) != 0) {
            py_err(y, nodes.items[i], "\"%s\" is not an address range (CIDR such as 10.0.0.0/8, "
                                   "or all, samehost, samenet, hostnames)",
                (const char *)texts.items[i]);
            return 0;
        }
        ptrvec_push(y->p->a, out, s);
    }
    return 1;
}

static int want_options(yctx *y, const yaml_node_t *n, const char *key, ptrvec *out)
{
    ptrvec nodes = {0};
    if (!py_want_strings(y, n, key, 1, out, &nodes))
        return 0;
    for (size_t i = 0; i < out->n; i++) {
        const char *s = out->items[i];
        size_t nl = strcspn(s, "=");
        int ok = nl > 0;
        for (size_t k = 0; k < nl; k++)
            if (!(islower((unsigned char)s[k]) || s[k] == '_'))
                ok = 0;
        if (!ok) {
            py_err(y, nodes.items[i], "\"%s\" is not an option (name or name=value)", s);
            return 0;
        }
    }
    return 1;
}

/* The head's keys first (py_start_rule), then those of K_TYPES.. */
static const char *const hba_keys[] = {
    "id", "severity", "message", "min_version", "max_version", "types", "methods",
    "databases", "users", "options", "except_addresses", "forbid_methods", "allow_methods",
    "addresses", "min_prefix", "require_ssl", "require_options", "forbid_options", "when",
    "fix", NULL};

hba_check_rule *py_parse_hba_rule(yctx *y, const yaml_node_t *m)
{
    rule_start st;
    if (!py_start_rule(y, m, hba_keys, hba_keys, "an hba rule", &st))
        return NULL;
    int ok = st.keys_ok;
    vrange vr = st.vr;
    hba_check_rule *r = arena_alloc(y->p->a, sizeof *r);
    PY_SET_RULE_HEAD(r, &st);
    enum {
        K_TYPES = PY_K_HEAD, K_METHODS, K_DATABASES, K_USERS, K_OPTIONS, K_EXCEPT_ADDRESSES,
        K_FORBID_METHODS, K_ALLOW_METHODS, K_ADDRESSES, K_MIN_PREFIX, K_REQUIRE_SSL,
        K_REQUIRE_OPTIONS, K_FORBID_OPTIONS, K_WHEN, K_FIX
    };
    yaml_node_t *const *v = st.v;
    yaml_node_t *n;
    int nconds = 0, nsel = 0;
    if ((n = v[K_TYPES]) && (++nsel, !want_words(y, n, "types", hba_types, &r->types)))
        ok = 0;
    if ((n = v[K_METHODS]) &&
        (++nsel, !want_words(y, n, "methods", hba_methods, &r->methods)))
        ok = 0;
    if ((n = v[K_DATABASES]) && (++nsel, !(r->databases = py_compile_regex(y, n, "databases"))))
        ok = 0;
    if ((n = v[K_USERS]) && (++nsel, !(r->users = py_compile_regex(y, n, "users"))))
        ok = 0;
    if ((n = v[K_OPTIONS]) && (++nsel, !want_options(y, n, "options", &r->options)))
        ok = 0;
    if ((n = v[K_EXCEPT_ADDRESSES]) &&
        !want_addresses(y, n, "except_addresses", &r->except_addresses))
        ok = 0;
    if ((n = v[K_FORBID_METHODS]) &&
        (++nconds, !want_words(y, n, "forbid_methods", hba_methods, &r->forbid_methods)))
        ok = 0;
    if ((n = v[K_ALLOW_METHODS])) {
        ++nconds;
        r->has_allow_methods = 1;
        if (!want_words(y, n, "allow_methods", hba_methods, &r->allow_methods))
            ok = 0;
    }
    if ((n = v[K_ADDRESSES]) &&
        (++nconds, !want_addresses(y, n, "addresses", &r->addresses)))
        ok = 0;
    if ((n = v[K_MIN_PREFIX])) {
        ++nconds;
        static const char *const pk[] = {"ipv4", "ipv6", NULL};
        if (!py_want_mapping(y, n, "\"min_prefix\"") || !py_check_keys(y, n, pk, "\"min_prefix\"")) {
            ok = 0;
        } else {
            long v;
            yaml_node_t *x;
            if ((x = py_get(y, n, "ipv4"))) {
                if (py_want_int(y, x, "ipv4", 0, 32, &v))
                    r->min_prefix4 = (int)v;
                else
                    ok = 0;
            }
            if ((x = py_get(y, n, "ipv6"))) {
                if (py_want_int(y, x, "ipv6", 0, 128, &v))
                    r->min_prefix6 = (int)v;
                else
                    ok = 0;
            }
        }
    }
    if ((n = v[K_REQUIRE_SSL])) {
        ++nconds;
        if (!py_want_bool(y, n, "require_ssl", &r->require_ssl))
            ok = 0;
    }
    if ((n = v[K_REQUIRE_OPTIONS]) &&
        (++nconds, !want_options(y, n, "require_options", &r->require_options)))
        ok = 0;
    if ((n = v[K_FORBID_OPTIONS]) &&
        (++nconds, !want_options(y, n, "forbid_options", &r->forbid_options)))
        ok = 0;
    if ((n = v[K_WHEN]) && !py_parse_when(y, n, &r->when, vr))
        ok = 0;
    if ((n = v[K_FIX])) {
        if (n->type == YAML_SCALAR_NODE && strcmp(py_sval(n), "comment_out") == 0) {
            r->fix = HBA_FIX_COMMENT_OUT;
        } else if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                   (strcmp(py_sval(n), "false") == 0 || strcmp(py_sval(n), "no") == 0)) {
            r->fix = HBA_FIX_NONE;
        } else if (n->type == YAML_MAPPING_NODE) {
            static const char *const fk[] = {"method", "type", NULL};
            if (!py_check_keys(y, n, fk, "an hba \"fix\"")) {
                ok = 0;
            } else {
                yaml_node_t *mt = py_get(y, n, "method"), *ty = py_get(y, n, "type");
                ptrvec one = {0};
                if ((mt != NULL) == (ty != NULL)) {
                    py_err(y, n, "an hba \"fix\" sets either \"method\" or \"type\"");
                    ok = 0;
                } else if (mt && want_words(y, mt, "method", hba_methods, &one)) {
                    r->fix = HBA_FIX_METHOD;
                    r->fix_text = one.items[0];
                } else if (ty && want_words(y, ty, "type", hba_types, &one)) {
                    r->fix = HBA_FIX_TYPE;
                    r->fix_text = one.items[0];
                } else {
                    ok = 0;
                }
            }
        } else {
            py_err(y, n, "an hba \"fix\" is {method: M}, {type: T}, comment_out or false");
            ok = 0;
        }
    }
    if (ok && nsel + nconds == 0) {
        py_err(y, m, "hba rule \"%s\" selects every line: give types, methods, databases, users or "
                  "options, or a condition", r->id);
        ok = 0;
    }
    if (!ok)
        return NULL;
    hba_check_rule_compile(r);
    return r;
}


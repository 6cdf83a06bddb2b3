/* policy_yaml.c — reading policy YAML nodes: typed values, schema keys
 * (unknown and repeated keys are errors), patterns, and errors located at
 * the node's line and column. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "policy_parse.h"

yaml_node_t *py_node(yctx *y, int idx)
{
    /* yaml_document_get_node(), without a call into the library for each
     * key of each mapping the readers look through */
    if (idx > 0 && y->doc.nodes.start + idx <= y->doc.nodes.top)
        return y->doc.nodes.start + idx - 1;
    return NULL;
}

void py_err(yctx *y, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(y->p->a, fmt, ap);
    va_end(ap);
    policy_error_at(y->p, y->path, n ? (int)n->start_mark.line + 1 : 0,
                    n ? (int)n->start_mark.column + 1 : 0, "%s", msg);
}

policy_loc py_loc(yctx *y, const yaml_node_t *n)
{
    policy_loc l = {y->path, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
    return l;
}

const char *py_sval(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

int py_is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    /* asked of nearly every scalar read: most do not start like a null */
    const char *s = py_sval(n);
    switch (s[0]) {
    case '\0': return 1;
    case '~': return s[1] == '\0';
    case 'n': return strcmp(s, "null") == 0;
    case 'N': return strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
    default: return 0;
    }
}

const char *py_type_word(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE: return "a mapping";
    case YAML_SEQUENCE_NODE: return "a list";
    default: return py_is_null(n) ? "empty" : "a scalar";
    }
}

/* A string value (any scalar that is not null). */
const char *py_want_string(yctx *y, const yaml_node_t *n, const char *key)
{
    if (n->type != YAML_SCALAR_NODE || py_is_null(n)) {
        py_err(y, n, "\"%s\" must be a string, not %s", key, py_type_word(n));
        return NULL;
    }
    return y->static_strings ? py_sval(n) : arena_strdup(y->p->a, py_sval(n));
}

/* YAML 1.1 booleans, as people write them in configuration. */
int py_want_bool(yctx *y, const yaml_node_t *n, const char *key, int *out)
{
    static const char *const t[] = {"true", "yes", "on", NULL}, *const f[] = {"false", "no", "off", NULL};
    if (n->type == YAML_SCALAR_NODE) {
        for (int i = 0; t[i]; i++)
            if (ascii_casecmp(py_sval(n), t[i]) == 0) {
                *out = 1;
                return 1;
            }
        for (int i = 0; f[i]; i++)
            if (ascii_casecmp(py_sval(n), f[i]) == 0) {
                *out = 0;
                return 1;
            }
    }
    if (n->type == YAML_SCALAR_NODE)
        py_err(y, n, "\"%s\" must be true or false, not \"%s\"", key, py_sval(n));
    else
        py_err(y, n, "\"%s\" must be true or false, not %s", key, py_type_word(n));
    return 0;
}

int py_want_int(yctx *y, const yaml_node_t *n, const char *key, long lo, long hi, long *out)
{
    if (n->type == YAML_SCALAR_NODE && !py_is_null(n)) {
        char *end;
        errno = 0;
        long v = strtol(py_sval(n), &end, 10);
        if (*py_sval(n) && !*end && !errno && v >= lo && v <= hi) {
            *out = v;
            return 1;
        }
    }
    py_err(y, n, "\"%s\" must be a whole number from %ld to %ld, not %s%s%s", key, lo, hi,
        n->type == YAML_SCALAR_NODE ? "\"" : "", n->type == YAML_SCALAR_NODE ? py_sval(n) : py_type_word(n),
        n->type == YAML_SCALAR_NODE ? "\"" : "");
    return 0;
}

/* A list of strings; a single scalar counts as a list of one when allowed. */
int py_want_strings(yctx *y, const yaml_node_t *n, const char *key, int allow_scalar,
                        ptrvec *out, ptrvec *nodes)
{
    if (n->type == YAML_SCALAR_NODE && allow_scalar && !py_is_null(n)) {
        ptrvec_push(y->p->a, out,
                    y->static_strings ? (void *)py_sval(n) : arena_strdup(y->p->a, py_sval(n)));
        if (nodes)
            ptrvec_push(y->p->a, nodes, (void *)n);
        return 1;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        py_err(y, n, "\"%s\" must be a list, not %s", key, py_type_word(n));
        return 0;
    }
    int ok = 1;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        yaml_node_t *e = py_node(y, *it);
        if (e->type != YAML_SCALAR_NODE || py_is_null(e)) {
            py_err(y, e, "items of \"%s\" must be strings, not %s", key, py_type_word(e));
            ok = 0;
            continue;
        }
        ptrvec_push(y->p->a, out,
                    y->static_strings ? (void *)py_sval(e) : arena_strdup(y->p->a, py_sval(e)));
        if (nodes)
            ptrvec_push(y->p->a, nodes, e);
    }
    return ok;
}

/* Check a mapping's keys against the schema: unknown keys (with a
 * suggestion) and repeated keys are errors, so a typo never silently turns a
 * check off. Returns 1 when every key is known and unique. */
int py_check_keys(yctx *y, const yaml_node_t *m, const char *const *known, const char *where)
{
    if (y->p->trusted)
        return 1;   /* a built-in profile: its keys were checked when it was written */
    size_t nk = 0;
    while (known[nk])
        nk++;
    int ok = 1;
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = py_node(y, pr->key);
        if (k->type != YAML_SCALAR_NODE) {
            py_err(y, k, "keys of %s must be plain words, not %s", where, py_type_word(k));
            ok = 0;
            continue;
        }
        int found = 0;
        for (size_t i = 0; i < nk; i++)
            if (strcmp(known[i], py_sval(k)) == 0)
                found = 1;
        if (!found) {
            const char *sug = policy_closest(py_sval(k), known, nk);
            if (sug)
                py_err(y, k, "unknown key \"%s\" in %s; did you mean \"%s\"?", py_sval(k), where, sug);
            else
                py_err(y, k, "unknown key \"%s\" in %s", py_sval(k), where);
            ok = 0;
        }
        for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < pr; q++) {
            yaml_node_t *k2 = py_node(y, q->key);
            if (k2->type == YAML_SCALAR_NODE && strcmp(py_sval(k2), py_sval(k)) == 0) {
                py_err(y, k, "key \"%s\" appears twice in %s (first at line %d)", py_sval(k), where,
                    (int)k2->start_mark.line + 1);
                ok = 0;
                break;
            }
        }
    }
    return ok;
}

yaml_node_t *py_get(yctx *y, const yaml_node_t *m, const char *key)
{
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = py_node(y, pr->key);
        /* the first byte first: every rule asks for each of some twenty keys */
        if (k->type == YAML_SCALAR_NODE && py_sval(k)[0] == key[0] && strcmp(py_sval(k), key) == 0)
            return py_node(y, pr->value);
    }
    return NULL;
}

void py_get_keys(yctx *y, const yaml_node_t *m, const char *const *known, yaml_node_t **out)
{
    size_t nk = 0;
    while (known[nk])
        out[nk++] = NULL;
    for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top; pr++) {
        yaml_node_t *k = py_node(y, pr->key);
        if (k->type != YAML_SCALAR_NODE)
            continue;
        const char *s = py_sval(k);
        for (size_t i = 0; i < nk; i++)
            if (known[i][0] == s[0] && strcmp(known[i], s) == 0) {
                if (!out[i])   /* the first, as py_get finds it */
                    out[i] = py_node(y, pr->value);
                break;
            }
    }
}

int py_want_mapping(yctx *y, const yaml_node_t *n, const char *what)
{
    if (n->type == YAML_MAPPING_NODE)
        return 1;
    py_err(y, n, "%s must be a mapping, not %s", what, py_type_word(n));
    return 0;
}

int py_parse_severity(yctx *y, const yaml_node_t *n, int *out)
{
    if (n->type == YAML_SCALAR_NODE) {
        const char *s = py_sval(n);
        if (strcmp(s, "error") == 0) { *out = SEV_ERROR; return 1; }
        if (strcmp(s, "warning") == 0) { *out = SEV_WARNING; return 1; }
        if (strcmp(s, "info") == 0) { *out = SEV_INFO; return 1; }
    }
    py_err(y, n, "\"severity\" must be error, warning or info, not %s%s%s",
        n->type == YAML_SCALAR_NODE ? "\"" : "", n->type == YAML_SCALAR_NODE ? py_sval(n) : py_type_word(n),
        n->type == YAML_SCALAR_NODE ? "\"" : "");
    return 0;
}

/* Column of byte `off` of a scalar's value: quoted scalars start one later. */
static int scalar_col(const yaml_node_t *n, size_t off)
{
    int quoted = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                 n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    return (int)n->start_mark.column + 1 + quoted + (int)off;
}

const policy_regex *py_compile_regex(yctx *y, const yaml_node_t *n, const char *key)
{
    const char *pat = py_want_string(y, n, key);
    if (!pat)
        return NULL;
    char buf[256];
    size_t off = 0;
    /* a built-in profile's patterns were compiled when it was written */
    policy_regex *re = y->p->trusted ? policy_regex_deferred(pat)
                                     : policy_regex_compile(pat, buf, sizeof buf, &off);
    if (!re) {
        policy_error_at(y->p, y->path, (int)n->start_mark.line + 1, scalar_col(n, off),
                        "invalid regular expression in \"%s\": %s (at offset %zu)", key, buf, off);
        return NULL;
    }
    ptrvec_push(y->p->a, &y->p->regexes, re);
    return re;
}


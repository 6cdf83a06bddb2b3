/*
 * policy_parse — reading one policy file's YAML into the policy's rules:
 * the node helpers of policy_yaml.c, the settings and hba rule readers of
 * policy_settings.c and policy_hba.c. Private to rules/policy*.c.
 *
 * Memory: everything read is allocated in the policy's arena; the YAML
 * document belongs to the caller (policy_load.c) and is freed after reading.
 */
#ifndef PGCL_POLICY_PARSE_H
#define PGCL_POLICY_PARSE_H

#include <yaml.h>

#include "policy_internal.h"

/* The state of reading one file. */
typedef struct yctx {
    policy *p;
    yaml_document_t doc;
    const char *path;        /* as errors name it */
    const char *base_dir;    /* relative `extends` paths resolve from here */
    int depth;               /* `extends` nesting */
    /* The document is a frozen profile (policy_frozen.h): its strings are
     * static and outlive the policy, so they are used where they are
     * instead of copied into the arena. */
    int static_strings;
} yctx;

yaml_node_t *py_node(yctx *y, int idx);
void py_err(yctx *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
policy_loc py_loc(yctx *y, const yaml_node_t *n);
const char *py_sval(const yaml_node_t *n);
int py_is_null(const yaml_node_t *n);
const char *py_type_word(const yaml_node_t *n);     /* "a mapping", "a list", ... */

/* Typed values; each reports its own error and returns NULL or 0. */
const char *py_want_string(yctx *y, const yaml_node_t *n, const char *key);
int py_want_bool(yctx *y, const yaml_node_t *n, const char *key, int *out);
int py_want_int(yctx *y, const yaml_node_t *n, const char *key, long lo, long hi, long *out);
int py_want_strings(yctx *y, const yaml_node_t *n, const char *key, int allow_scalar,
                    ptrvec *out, ptrvec *nodes);
int py_want_mapping(yctx *y, const yaml_node_t *n, const char *what);
int py_parse_severity(yctx *y, const yaml_node_t *n, int *out);
const policy_regex *py_compile_regex(yctx *y, const yaml_node_t *n, const char *key);

/* Unknown and repeated keys of a mapping are errors (with a suggestion). */
int py_check_keys(yctx *y, const yaml_node_t *m, const char *const *known, const char *where);
yaml_node_t *py_get(yctx *y, const yaml_node_t *m, const char *key);

/* Every key of `known` (NULL-terminated, at most PY_MAX_KEYS) in one pass
 * over the mapping: out[i] = py_get(y, m, known[i]). A rule asks for some
 * twenty keys; scanning the mapping once per key was most of reading it. */
#define PY_MAX_KEYS 32
void py_get_keys(yctx *y, const yaml_node_t *m, const char *const *known, yaml_node_t **out);

typedef struct vrange {
    int lo, hi;               /* versions values are checked for */
    struct {
        int lo, hi;
    } own;                    /* the rule's own range (min_version..max_version) */
} vrange;

/* The versions a rule's values are checked for: its own range, narrowed to
 * the policy's pg_version when that lies inside it. */
vrange py_versions_for(yctx *y, long min_v, long max_v);

/* `when:` conditions (one mapping or a list) appended to `out` (sc_cond*). */
int py_parse_when(yctx *y, const yaml_node_t *n, ptrvec *out, vrange vr);

/* id, severity, message, min_version, max_version: shared by both rule kinds. */
typedef struct rule_head {
    const char *id;
    int sev;            /* -1: not given */
    const char *message;
    long min_v, max_v;
    const yaml_node_t *id_node;
} rule_head;

/* The start of reading either rule kind: `m` must be a mapping (of the
 * `known` keys) with a valid head whose id this layer may define (built-in
 * rules checked in code may not be redefined). The values of the keys of
 * `get` are read into `v`: the same keys as `known` (perhaps in another
 * order: `known`'s decides which key an unknown one is said to mean), the
 * head's first, in this order: */
enum { PY_K_ID, PY_K_SEVERITY, PY_K_MESSAGE, PY_K_MIN_VERSION, PY_K_MAX_VERSION, PY_K_HEAD };
typedef struct rule_start {
    yaml_node_t *v[PY_MAX_KEYS];   /* the value of each `known` key (py_get_keys) */
    rule_head h;
    int keys_ok;        /* 0: a key was unknown or repeated (reported; keep reading) */
    severity sev;       /* py_severity_default */
    policy_loc loc;     /* of the rule's mapping */
    vrange vr;          /* py_versions_for the rule's own range */
} rule_start;

/* Returns 0 (the error reported) when the rule cannot be read at all;
 * `what` names the rule kind in errors ("a settings rule"). */
int py_start_rule(yctx *y, const yaml_node_t *m, const char *const *known,
                  const char *const *get, const char *what, rule_start *s);

/* Copies the head into a rule (setting_rule and hba_check_rule share these
 * fields). */
#define PY_SET_RULE_HEAD(r, s)                                                  \
    ((r)->id = (s)->h.id, (r)->sev = (s)->sev, (r)->message = (s)->h.message,   \
     (r)->min_version = (int)(s)->h.min_v, (r)->max_version = (int)(s)->h.max_v, \
     (r)->loc = (s)->loc)

setting_rule *py_parse_setting_rule(yctx *y, const yaml_node_t *m);
hba_check_rule *py_parse_hba_rule(yctx *y, const yaml_node_t *m);

#endif

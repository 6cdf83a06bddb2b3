/*
 * setting_constraints — policy rules on effective postgresql.conf values
 * (the `settings:` list of a policy, and the built-in rules written the same
 * way): one parameter, the checks its value must pass (min, max, equals,
 * one_of, not_one_of, at_least, at_most, matches, not_matches, contains,
 * contains_any, not_contains, subset_of, required, no_bits), the conditions
 * under which the rule applies (`when`), the versions it applies to, and the
 * remedy it proposes.
 *
 * Memory: rules are built by the policy loader in the policy's arena and are
 * read-only afterwards; findings go into the arena passed to the run.
 */
#ifndef PGCL_SETTING_CONSTRAINTS_H
#define PGCL_SETTING_CONSTRAINTS_H

#include "arena.h"
#include "effective.h"
#include "finding.h"
#include "policy_regex.h"

/* Where something was written in a policy (1-based line and column). */
typedef struct policy_loc {
    const char *path;
    int line, col;
} policy_loc;

typedef enum sc_op {
    SC_MIN, SC_MAX, SC_EQUALS, SC_ONE_OF, SC_NOT_ONE_OF, SC_AT_LEAST, SC_AT_MOST,
    SC_MATCHES, SC_NOT_MATCHES, SC_CONTAINS, SC_CONTAINS_ANY, SC_NOT_CONTAINS, SC_SUBSET_OF,
    SC_REQUIRED, SC_NO_BITS
} sc_op;

/* The policy key that spells each op ("min", "not_one_of", ...). */
const char *sc_op_key(sc_op op);

typedef struct sc_check {
    sc_op op;
    ptrvec values;               /* const char*: operands as written (one for scalars) */
    const policy_regex *re;      /* MATCHES / NOT_MATCHES */
    unsigned long bits;          /* NO_BITS */
    int flag;                    /* REQUIRED: true/false */
    policy_loc loc;
} sc_check;

/* A parameter and the checks its effective value must pass. */
typedef struct sc_cond {
    const char *name;
    ptrvec checks;               /* sc_check* */
    policy_loc loc;
} sc_cond;

typedef struct setting_rule {
    const char *id;
    severity sev;
    const char *message;         /* NULL: a message is generated */
    int min_version, max_version;/* 0 = unbounded */
    sc_cond target;
    ptrvec when;                 /* sc_cond*: all must hold for the rule to apply */
    const char *fix_value;       /* an explicit remedy value, or NULL */
    int fix_off;                 /* `fix: false`: never propose a remedy */
    int fix_unsafe;              /* -1: from the rule registry (built-in) or unsafe */
    ptrvec fix_requires;         /* const char*: parameters that must be set for a fix */
    policy_loc loc;
} setting_rule;

/* Is `id` a version the rule applies to? */
int setting_rule_applies(const setting_rule *r, int version);

/* Does the effective configuration satisfy every check of `c`? A parameter
 * the version does not have makes a condition false. */
int sc_cond_holds(arena *a, const sc_cond *c, effective_conf *e);

/* Evaluate one rule; append findings (finding*) to `out`. `root` is the file a
 * finding about a value left at its default is located in (line 1). */
void setting_rule_run(arena *a, const setting_rule *r, effective_conf *e, const source *root,
                      ptrvec *out);

/* What to print for the value of a check operand or an effective value. */
const char *sc_show_value(arena *a, const char *text);

#endif

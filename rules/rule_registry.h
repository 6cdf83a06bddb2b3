/*
 * rule_registry — every rule pgconflint knows: its stable id, default
 * severity, whether it runs by default (the `default` profile), a one-line
 * summary, and the reference text `pgconflint rules ID` prints: why it
 * matters, how to fix it, the external anchors (CIS, DevSec, pgdsat, STIG,
 * Azure, AWS), what kind of remedy its findings carry, the PostgreSQL
 * versions it applies to and the built-in profiles that enable it. The
 * reporters (rule lists, SARIF metadata), the rule selection and the policy
 * loader read this table. Static, read-only data.
 */
#ifndef PGCL_RULE_REGISTRY_H
#define PGCL_RULE_REGISTRY_H

#include "finding.h"

/* The remedy a rule's findings carry (rules.md's "Fix" column). */
typedef enum fix_class {
    FIX_NONE = 0,   /* no mechanical remedy */
    FIX_SAFE,       /* cannot lock anyone out or stop the server */
    FIX_UNSAFE      /* may lock clients out or change who can connect; only on request */
} fix_class;

typedef struct rule_info {
    const char *id;
    severity sev;             /* default severity */
    int enabled;              /* runs without being selected */
    const char *summary;      /* one line: what it reports */
    /* reference text (NULL where there is nothing to add) */
    const char *rationale;    /* why it matters */
    const char *how_to_fix;   /* what to change */
    const char *references;   /* external anchors, "; "-separated */
    fix_class fix;
    int min_version;          /* first PostgreSQL major it applies to; 0 = all */
    int max_version;          /* last one; 0 = all */
    const char *profiles;     /* built-in profiles that enable it, space-separated
                                 (tests/policy_profiles checks this against the YAML) */
} rule_info;

const rule_info *rule_find(const char *id);
const rule_info *rule_all(int *count);

const char *fix_class_name(fix_class f);   /* "none", "safe", "unsafe" */

/* Rules that report what PostgreSQL itself refuses to read (syntax, include
 * errors): shown whatever the selection, never disabled by a policy. */
int rule_is_parse_error(const char *id);

#endif

/* rule_registry.c — the table of rules. Ids never change meaning once released. */
#include "rule_registry.h"

#include <string.h>

static const rule_info rules[] = {
    /* what PostgreSQL itself rejects when it reads the files */
    {"conf-syntax-error", SEV_ERROR, 1, "a postgresql.conf line PostgreSQL cannot parse"},
    {"include-error", SEV_ERROR, 1,
     "an include, include_dir, include_if_exists or @file that PostgreSQL cannot follow"},
    {"hba-syntax-error", SEV_ERROR, 1, "a pg_hba.conf line PostgreSQL rejects"},
    {"ident-syntax-error", SEV_ERROR, 1, "a pg_ident.conf line PostgreSQL rejects"},
    /* parameters and values, checked against the catalog of the version */
    {"conf-unknown-parameter", SEV_ERROR, 1,
     "a parameter the version does not know (a typo, or a near-miss of an extension prefix)"},
    {"conf-invalid-value", SEV_ERROR, 1, "a value the parameter does not accept (type, unit, enum, range)"},
    {"conf-removed-parameter", SEV_ERROR, 1, "a parameter that the version no longer has"},
    {"conf-not-yet-parameter", SEV_ERROR, 1, "a parameter that only later versions have"},
    {"conf-duplicate-setting", SEV_WARNING, 1, "an assignment that a later one silently overrides"},
    {"conf-disallowed-in-file", SEV_WARNING, 1, "a parameter that must not be set in a configuration file"},
    {"conf-internal-parameter", SEV_ERROR, 1, "a read-only (internal) parameter set in a file"},
    {"conf-restart-required", SEV_INFO, 0,
     "a parameter whose change only takes effect after a server restart (for reviewers; opt-in)"},
    /* pg_hba.conf ordering */
    {"hba-shadowed-line", SEV_WARNING, 1, "a pg_hba.conf line no connection can reach"},
    {"hba-shadowing-weaker-method", SEV_WARNING, 1,
     "a line that takes a later, narrower line's connections with a weaker method"},
    {"hba-no-final-reject", SEV_WARNING, 0, "pg_hba.conf does not end with a catch-all reject (opt-in)"},
};

const rule_info *rule_find(const char *id)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

const rule_info *rule_all(int *count)
{
    *count = (int)(sizeof rules / sizeof rules[0]);
    return rules;
}

/*
 * rule_registry — every rule pgconflint knows: its stable id, default
 * severity, whether it runs by default, and a one-line summary. The reporters
 * (rule lists, SARIF metadata) and the rule selection read this table.
 * Static, read-only data.
 */
#ifndef PGCL_RULE_REGISTRY_H
#define PGCL_RULE_REGISTRY_H

#include "finding.h"

typedef struct rule_info {
    const char *id;
    severity sev;             /* default severity */
    int enabled;              /* runs without being selected */
    const char *summary;      /* one line: what it reports */
} rule_info;

const rule_info *rule_find(const char *id);
const rule_info *rule_all(int *count);

#endif

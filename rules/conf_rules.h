/*
 * conf_rules — findings about postgresql.conf parameters and values, read
 * from the conf model against the catalog of the selected version:
 * conf-unknown-parameter, conf-removed-parameter, conf-not-yet-parameter,
 * conf-invalid-value, conf-internal-parameter, conf-disallowed-in-file,
 * conf-duplicate-setting, conf-restart-required.
 *
 * Memory: findings are allocated in the arena passed in and appended to
 * `out` (finding*); they point into the doc's sources.
 */
#ifndef PGCL_CONF_RULES_H
#define PGCL_CONF_RULES_H

#include "arena.h"
#include "conf_doc.h"
#include "finding.h"

void conf_rules_run(arena *a, const conf_doc *d, int version, ptrvec *out);

#endif

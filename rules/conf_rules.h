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

struct conf_keyed;
/* The rules of this file over `d`, given conf_settings_by_param(a, d)
 * (`keyed`; NULL when d has fewer than two assignments), which the caller
 * makes once for these and the other rules that group by parameter. */
void conf_rules_run_keyed(arena *a, const conf_doc *d, int version,
                          const struct conf_keyed *keyed, ptrvec *out);

/* The document's assignments grouped by the parameter the server applies
 * them under (its canonical name, compared case-insensitively; an unknown
 * name as written), each group in processing order, so the last entry of a
 * group is the one that takes effect. O(n log n); the array (n entries, or
 * NULL when there are none) lives in `a`. */
typedef struct conf_keyed {
    const char *key;
    size_t index;   /* position in d->settings */
} conf_keyed;

conf_keyed *conf_settings_by_param(arena *a, const conf_doc *d);

/* Do two keys of that array name one parameter (strcasecmp() == 0)? */
int conf_same_key(const char *x, const char *y);

#endif

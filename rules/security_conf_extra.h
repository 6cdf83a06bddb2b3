/*
 * security_conf_extra — postgresql.conf checks about names and where a value
 * comes from, rather than about the value itself:
 *   conf-renamed-parameter           an old name PostgreSQL still accepts as
 *                                    an alias (ssl_ecdh_curve on 18+, sort_mem)
 *   conf-unknown-custom-prefix       prefix.name whose prefix is a near miss
 *                                    of a preloaded library or a well-known
 *                                    extension (pgadit.log): a silent typo
 *   conf-custom-prefix-not-preloaded prefix.name that no preloaded library
 *                                    provides (opt-in: extensions loaded on
 *                                    demand and application variables are
 *                                    legitimate)
 *   conf-auto-conf-override          postgresql.auto.conf sets a parameter
 *                                    that postgresql.conf also sets, or that
 *                                    a policy rule checks
 *
 * Memory: findings go into the arena passed in, appended to `out`.
 */
#ifndef PGCL_SECURITY_CONF_EXTRA_H
#define PGCL_SECURITY_CONF_EXTRA_H

#include "arena.h"
#include "effective.h"
#include "finding.h"

/* A parameter an enabled policy rule checks, and that rule's id. */
typedef struct enforced_param {
    const char *name;
    const char *rule;
} enforced_param;

/* `enforced` holds enforced_param*; it may be empty (no policy). */
void security_conf_extra_run(arena *a, effective_conf *e, const ptrvec *enforced,
                             int (*enabled)(const void *, const char *), const void *ctx,
                             ptrvec *out);

/* Optimal string alignment distance, ASCII case-insensitive, capped: some
 * value above `limit` when the strings are further apart. Exposed for tests. */
int prefix_distance(const char *s, const char *t, int limit);

#endif

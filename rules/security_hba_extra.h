/*
 * security_hba_extra — pg_hba.conf checks about what a line means rather
 * than whether PostgreSQL accepts it:
 *   hba-address-host-bits               an address with bits outside its mask
 *                                       (10.1.2.3/8): PostgreSQL masks them
 *                                       silently, so the line admits the whole
 *                                       network; safe remedy: write the network
 *   hba-replication-not-covered-by-all  lines for database `all` but none for
 *                                       `replication` while the server accepts
 *                                       WAL senders (needs the postgresql.conf)
 *
 * Memory: findings go into the arena passed in, appended to `out`.
 */
#ifndef PGCL_SECURITY_HBA_EXTRA_H
#define PGCL_SECURITY_HBA_EXTRA_H

#include "arena.h"
#include "effective.h"
#include "finding.h"
#include "hba_doc.h"

/* `conf` is the server's effective configuration, or NULL when no
 * postgresql.conf is known (the cross-file rule is then skipped). */
void security_hba_extra_run(arena *a, const hba_doc *d, effective_conf *conf, int version,
                            int (*enabled)(const void *, const char *), const void *ctx,
                            ptrvec *out);

#endif

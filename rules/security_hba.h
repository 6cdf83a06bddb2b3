/*
 * security_hba — hardening checks on pg_hba.conf written in code:
 *   hba-ldap-cleartext   an ldap line where the password can cross a network
 *                        in clear (client to server, or server to LDAP)
 *   hba-no-tls-lines     logins over host/hostnossl but no encrypted line
 *   hba-ident-on-local   ident written on a local line (PostgreSQL uses peer)
 *
 * Memory: findings go into the arena passed in, appended to `out`.
 */
#ifndef PGCL_SECURITY_HBA_H
#define PGCL_SECURITY_HBA_H

#include "arena.h"
#include "finding.h"
#include "hba_doc.h"

void security_hba_run(arena *a, const hba_doc *d, int (*enabled)(const void *, const char *),
                      const void *ctx, ptrvec *out);

#endif

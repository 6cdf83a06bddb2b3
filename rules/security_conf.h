/*
 * security_conf — hardening checks on postgresql.conf that the policy
 * language cannot express, run on the effective configuration:
 *   conf-ssl-ciphers-weak       weak or anonymous suites in ssl_ciphers
 *                               (OpenSSL cipher-string semantics: !x, -x, +x)
 *   conf-ssl-max-below-min      the TLS version range is empty or too old
 *   conf-requires-library       pgaudit.* and friends set without the library
 *   conf-octal-mode-not-octal   file modes written without their leading 0
 *
 * Memory: findings go into the arena passed in, appended to `out`.
 */
#ifndef PGCL_SECURITY_CONF_H
#define PGCL_SECURITY_CONF_H

#include "arena.h"
#include "effective.h"
#include "finding.h"

/* `enabled(ctx, id)` says whether a rule runs; the checks skip the others. */
void security_conf_run(arena *a, effective_conf *e, int (*enabled)(const void *, const char *),
                       const void *ctx, ptrvec *out);

/* The suites an OpenSSL cipher string enables that count as weak, joined
 * with ", " (NULL when none). Exposed for tests. */
const char *ssl_ciphers_weak(arena *a, const char *cipher_string);

#endif

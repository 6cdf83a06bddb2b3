/*
 * startup_check — what would stop the server, or cut clients off, that the
 * parsers do not report as errors of the file, so the fixer can refuse a fix
 * that brings one in: PostgreSQL's errors for the files (with value errors
 * a failing earlier phase hides), `ssl = on` with no certificate and key
 * configured (the server exits at start without them), and pg_hba.conf
 * lines PostgreSQL keeps but warns can never match.
 *
 * The fixer compares these before and after each round: a fix may remove
 * problems, never add one.
 *
 * Memory: the strings live in the arena passed in.
 */
#ifndef PGCL_STARTUP_CHECK_H
#define PGCL_STARTUP_CHECK_H

#include "arena.h"
#include "conf_doc.h"
#include "hba_doc.h"

/* Append a description of each problem (const char*, one per problem,
 * stable across re-reads of the same text) to `out`. Any of the docs may be
 * NULL. */
void startup_problems(arena *a, const conf_doc *conf, const hba_doc *hba, const ident_doc *ident,
                      int version, ptrvec *out);

#endif

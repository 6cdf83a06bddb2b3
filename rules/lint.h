/*
 * lint — run every enabled rule on a loaded document and return its
 * findings, sorted by file, line and column. Parser errors (syntax, include,
 * values PostgreSQL rejects) become findings of their own rule ids.
 *
 * Memory: findings live in the arena passed in.
 */
#ifndef PGCL_LINT_H
#define PGCL_LINT_H

#include "arena.h"
#include "conf_doc.h"
#include "finding.h"
#include "hba_doc.h"

typedef struct lint_opts {
    int pg_version;
    const char *select;         /* comma-separated ids: run only these (NULL = defaults) */
    const char *extend_select;  /* comma-separated ids added to the defaults (opt-in rules) */
    const char *ignore;         /* comma-separated ids never reported */
} lint_opts;

/* 1 if the rule runs under these options. */
int lint_rule_enabled(const lint_opts *o, const char *rule);

/* Check the ids named in select/extend_select/ignore; returns the first
 * unknown one (so a typo never silently disables a check), or NULL. */
const char *lint_unknown_rule(const lint_opts *o);

void lint_conf(arena *a, const conf_doc *d, const lint_opts *o, ptrvec *out);
void lint_hba(arena *a, const hba_doc *d, const lint_opts *o, ptrvec *out);
void lint_ident(arena *a, const ident_doc *d, const lint_opts *o, ptrvec *out);

#endif

/*
 * lint — run every enabled rule on a loaded document and return its
 * findings, sorted by file, line and column. Parser errors (syntax, include,
 * values PostgreSQL rejects) become findings of their own rule ids. Which
 * rules run and at which severity comes from the policy, with
 * --select/--extend-select/--ignore applied on top; the policy's own rules
 * (settings and hba constraints) run on the effective configuration; inline
 * `# pgconflint: ignore[...]` comments suppress findings last.
 *
 * Memory: findings live in the arena passed in.
 */
#ifndef PGCL_LINT_H
#define PGCL_LINT_H

#include "arena.h"
#include "conf_doc.h"
#include "finding.h"
#include "hba_doc.h"

struct policy;
struct effective_conf;

typedef struct lint_opts {
    int pg_version;
    const char *select;         /* comma-separated ids: run only these (NULL = defaults) */
    const char *extend_select;  /* comma-separated ids added to the defaults (opt-in rules) */
    const char *ignore;         /* comma-separated ids never reported */
    const struct policy *policy;/* NULL: the registry's defaults and no policy rules */
} lint_opts;

/* 1 if the rule runs under these options. */
int lint_rule_enabled(const lint_opts *o, const char *rule);

/* Check the ids named in select/extend_select/ignore; returns the first
 * unknown one (so a typo never silently disables a check), or NULL. */
const char *lint_unknown_rule(const lint_opts *o);

void lint_conf(arena *a, const conf_doc *d, const lint_opts *o, ptrvec *out);
void lint_hba(arena *a, const hba_doc *d, const lint_opts *o, ptrvec *out);
void lint_ident(arena *a, const ident_doc *d, const lint_opts *o, ptrvec *out);

/* pg_hba.conf read together with its server's postgresql.conf (`conf` may be
 * NULL), so rules that compare the two files (hostssl lines with ssl off,
 * scram lines with password_encryption = md5) can run. */
void lint_hba_with_conf(arena *a, const hba_doc *d, const conf_doc *conf, const lint_opts *o,
                        ptrvec *out);

/* lint_conf that also hands back (in *eff, living in `a`) the effective
 * configuration it built, so the server's pg_hba.conf can be linted against
 * it with lint_hba_with_effective instead of building it again; `eff` is
 * that configuration (NULL when unknown), built from the conf_doc with the
 * same pg_version as `o`. */
void lint_conf_effective(arena *a, const conf_doc *d, const lint_opts *o, ptrvec *out,
                         struct effective_conf **eff);
void lint_hba_with_effective(arena *a, const hba_doc *d, struct effective_conf *eff,
                             const lint_opts *o, ptrvec *out);

#endif

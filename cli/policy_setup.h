/*
 * policy_setup — the policy a command runs under, chosen once per run:
 * --policy FILE, else --profile NAME (a built-in profile), else the
 * .pgconflint.yaml (or .yml) found in the current directory or above, else
 * the built-in default profile. Also the PostgreSQL version a run assumes.
 *
 * Memory: the returned policy is the caller's; free it with policy_free().
 */
#ifndef PGCL_POLICY_SETUP_H
#define PGCL_POLICY_SETUP_H

#include <stdio.h>

#include "options.h"
#include "policy.h"

/* NULL after printing every error as `path:line:col: error: message` on
 * `err` (exit status 2 for the caller). */
policy *cli_load_policy(const cli_options *o, FILE *err);

/* Print a policy's errors as `path:line:col: error: message`. */
void cli_print_policy_errors(const policy *p, FILE *err);

/* --pg-version if given, else the policy's pg_version, else the default.
 * (A PG_VERSION file beside a checked file still wins over the last two;
 * see pipeline.h.) */
int cli_pg_version(const cli_options *o, const policy *p);

#endif

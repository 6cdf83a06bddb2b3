/*
 * policy — what pgconflint checks and how strictly, from YAML: which rules
 * run and at which severity, the PostgreSQL version assumed, user rules on
 * effective postgresql.conf values (`settings:`) and on pg_hba.conf lines
 * (`hba:`), which files a directory walk picks (`files:`, `exclude:`), and
 * what inline suppressions may do (`suppressions:`). A policy extends a
 * built-in profile (default, none, cis-13 .. cis-18, devsec, stig-16, pgdsat)
 * or another policy file; the built-in rule definitions (profile "builtin")
 * are always the bottom layer. The language is in docs/policy.md.
 *
 * Memory: a policy owns an arena with everything it holds (rules, compiled
 * patterns, error messages); policy_free() releases it. A loaded policy is
 * read-only, so one policy serves every thread of a run.
 */
#ifndef PGCL_POLICY_H
#define PGCL_POLICY_H

#include <stdio.h>

#include "finding.h"
#include "source.h"

typedef struct policy policy;

/* A problem in a policy file, located at path:line:col (1-based). */
typedef struct policy_error {
    const char *path;
    int line, col;
    const char *message;
} policy_error;

/* Load a policy file. Never NULL: check policy_errors() (YAML syntax,
 * unknown keys, wrong types, invalid patterns, values or parameter names,
 * unknown rule ids, extends cycles: every error with its location). */
policy *policy_load_file(const char *path);

/* A built-in profile by name, e.g. "default" or "cis-16". */
policy *policy_load_profile(const char *name);

/* YAML text already in memory; `display_path` names it in errors, `base_dir`
 * resolves `extends:` paths and `files:` globs (may be NULL: the cwd). */
policy *policy_load_text(const char *display_path, const char *base_dir, const char *text,
                         size_t len);

void policy_free(policy *p);

/* policy_error*, in file order. */
const ptrvec *policy_errors(const policy *p);

/* Look for .pgconflint.yaml (or .pgconflint.yml) in `start_dir` and each
 * parent up to /. Returns a malloc'd path, or NULL. */
char *policy_discover(const char *start_dir);

/* The built-in profiles: name, one-line description, YAML text. */
typedef struct policy_profile_info {
    const char *name;
    const char *description;
    const char *text;
} policy_profile_info;
const policy_profile_info *policy_profiles(int *count);
const policy_profile_info *policy_profile_find(const char *name);

/* Queries on a loaded policy. */
const char *policy_name(const policy *p);     /* file path or profile name */
const char *policy_source(const policy *p, size_t *len);  /* the YAML as written */
int policy_pg_version(const policy *p);       /* 0 = not set */
int policy_rule_enabled(const policy *p, const char *rule_id);
/* The severity the policy gives the rule, or `fallback` when it says nothing. */
severity policy_rule_severity(const policy *p, const char *rule_id, severity fallback);
int policy_rule_severity_set(const policy *p, const char *rule_id, severity *out);
/* Is `id` a rule of this policy: built in, or a user rule it defines? */
int policy_knows_rule(const policy *p, const char *id);
/* User rule ids (not built in), const char*. */
const ptrvec *policy_user_rule_ids(const policy *p);

/* The rules on settings and on hba lines (setting_rule*, hba_check_rule*),
 * built in and user-defined, in definition order. */
const ptrvec *policy_setting_rules(const policy *p);
const ptrvec *policy_hba_rules(const policy *p);

/* Inline suppressions: may they be used at all, must they give a reason,
 * and may this rule be suppressed? */
int policy_suppressions_allowed(const policy *p);
int policy_suppression_needs_reason(const policy *p);
int policy_rule_suppressible(const policy *p, const char *rule_id);

/* Which files a directory walk checks. Globs are relative to
 * policy_base_dir(); `**` matches any number of directories. No globs for a
 * kind means: the walker's own file-name rules. */
const char *policy_base_dir(const policy *p);
const ptrvec *policy_file_globs(const policy *p, file_kind kind);  /* const char* */
const ptrvec *policy_exclude_globs(const policy *p);             /* const char* */
/* 1 if `relpath` (relative to the base dir, '/'-separated) matches `glob`. */
int policy_glob_match(const char *glob, const char *relpath);
/* Why `glob` can match no walked path ("is absolute", "has a \"..\" segment"),
 * or NULL when it can. */
const char *policy_glob_never_matches(const char *glob);
/* The kind the `files:` globs give `relpath`, or KIND_UNKNOWN; and whether
 * `exclude:` drops it. */
file_kind policy_kind_for_path(const policy *p, const char *relpath);
int policy_path_excluded(const policy *p, const char *relpath);

/* The closest of `candidates` to `word` within a small edit distance (for
 * "did you mean" hints), or NULL. */
const char *policy_closest(const char *word, const char *const *candidates, size_t n);

/* Print the definitions of one rule (its settings or hba entries) in the
 * policy language; returns how many entries were printed (0: the rule is
 * checked in code, or unknown). */
int policy_write_rule(const policy *p, const char *rule_id, FILE *out);

/* Print the policy with everything resolved (the whole extends chain merged)
 * as a YAML policy that loads to the same result. */
void policy_write_resolved(const policy *p, FILE *out);

#endif

/*
 * policy_internal — the inside of a loaded policy, shared by the policy_*.c
 * files (loading, merging, queries, printing). Nothing outside rules/policy*
 * should need it: the rest of the program goes through policy.h.
 *
 * Memory: everything hangs off the policy's arena; compiled patterns are
 * listed in `regexes` and freed with the policy.
 */
#ifndef PGCL_POLICY_INTERNAL_H
#define PGCL_POLICY_INTERNAL_H

#include "arena.h"
#include "hba_constraints.h"
#include "policy.h"
#include "setting_constraints.h"

/* What the policy says about one rule id (-1: nothing). */
typedef struct rule_cfg {
    const char *id;
    int enabled;
    int sev;
    policy_loc loc;
} rule_cfg;

struct policy {
    arena *a;
    const char *name;           /* file path or profile name */
    const char *source;         /* the top file's YAML as written */
    size_t source_len;
    const char *base_dir;
    int pg_version;             /* 0 = not set */
    int all_enabled;            /* `rules: {all: {enabled: ...}}`, -1 if never said */
    ptrvec rule_cfgs;           /* rule_cfg* */
    ptrvec settings;            /* setting_rule* */
    ptrvec hba;                 /* hba_check_rule* */
    ptrvec user_ids;            /* const char*: ids of rules no registry entry has */
    ptrvec files[4];            /* const char* globs, indexed by file_kind */
    ptrvec exclude;             /* const char* globs */
    int supp_allowed;           /* 1 unless `suppressions: {allow: false}` */
    int supp_reason;            /* `require_reason: true` */
    ptrvec supp_forbid;         /* const char* rule ids */
    ptrvec errors;              /* policy_error* */
    ptrvec regexes;             /* policy_regex*, freed with the policy */
    ptrvec chain;               /* const char*: layers applied, bottom first */
    ptrvec loading;             /* const char*: extends chain being loaded (cycles) */
    ptrvec builtin_ids;         /* const char*: ids the builtin layer defines */
    int in_builtin;             /* loading the builtin layer itself */
    /* Loading a built-in profile. Its rules were checked against the catalog
     * when it was written (tests/policy/policy_profiles.py loads each profile
     * resolved, as a user file, and wants no error), so the per-version
     * validation of names, values and keys is skipped: it was most of the
     * start-up time of every run. */
    int trusted;
    const char *description;
    /* Built when loading ends (policy_index_rules): every registry and
     * policy rule id, sorted, with what the policy says of it, so the
     * per-finding questions are a binary search, not a scan. */
    struct rule_verdict *verdicts;
    size_t nverdicts;
    /* ... and hashed: slot i holds 1 + the verdict's index, 0 = empty; a
     * lint asks a hundred times per file. */
    unsigned *vslots;
    size_t vmask;               /* slots - 1, a power of two minus one */
    /* ... and keyed by address: the ids a lint asks about are nearly always
     * the very strings the registry and the policy's rules hold, so most
     * questions are answered without reading (hashing) the id at all.
     * pkeys[i] NULL = empty; pvals[i] is the verdict's index. */
    const char **pkeys;
    unsigned *pvals;
    size_t pmask;
};

/* Apply one YAML layer (its `extends` first) onto `p`. `display_path` names
 * it in errors; `file_path` (NULL: the display path; never read here) is the
 * file it came from, whose real path detects cycles. */
void policy_apply_text(policy *p, const char *display_path, const char *file_path,
                       const char *base_dir, const char *text, size_t len, int depth);

/* Apply a built-in profile by name (errors located at `from`). */
int policy_apply_profile(policy *p, const char *name, const policy_loc *from, int depth);

void policy_error_at(policy *p, const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

rule_cfg *policy_rule_cfg(policy *p, const char *id, int create);

/* A hash of a rule id (FNV-1a), for the tables of rule ids. */
size_t policy_id_hash(const char *id);


#endif

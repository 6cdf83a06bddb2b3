/*
 * guc_hooks — the per-parameter check hooks whose verdict can be known
 * without a running server (list syntax, keywords, slot names, LSNs, the
 * synchronous_standby_names grammar, encoding names, clamps that change the
 * stored value), plus a note on the ones that depend on the server's machine.
 * Each hook is tied to the versions that have it.
 *
 * Memory: strings set in guc_hook_value/guc_hook_result live in the arena
 * passed in or are static.
 */
#ifndef PGCL_GUC_HOOKS_H
#define PGCL_GUC_HOOKS_H

#include "arena.h"
#include "catalog.h"

/* The parsed value handed to a hook; a hook may rewrite it, as PostgreSQL's
 * hooks do (clamping an integer, canonicalising a string). */
typedef struct guc_hook_value {
    int boolval;
    int intval;
    double realval;
    const char *strval;   /* STRING: the value; ENUM: the canonical option name */
} guc_hook_value;

typedef struct guc_hook_result {
    const char *errmsg;   /* replaces the "invalid value for parameter" message */
    const char *detail;
    const char *hint;
    int env_dependent;    /* verdict depends on the server's machine */
} guc_hook_result;

typedef int (*guc_hook_fn)(arena *a, const guc_param *p, int version, guc_hook_value *v,
                           guc_hook_result *out);

/* Is there a check hook for this name (ASCII case-insensitive) and type in
 * any version? For the catalog, which notes it in guc_param.hook. */
int guc_has_check_hook(const char *name, guc_type type);

/* Runs the hook `p` has in `version`, if any. Returns 1 to accept, 0 to
 * reject (details in *out). */
int guc_run_check_hook(arena *a, const guc_param *p, int version, guc_hook_value *v,
                       guc_hook_result *out);

/* The hooks, grouped by the file that holds them. */
int hook_clean_ascii(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_max_backends(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_autovacuum_work_mem(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_wal_buffers(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_max_stack_depth(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_vacuum_buffer_usage_limit(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_slru_buffers(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_io_max_concurrency(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_default_with_oids(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_bonjour(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_not_empty_name(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_backtrace_functions(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_role(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_session_authorization(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_environment(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_canonical_path(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);

/* guc_hook_lists.c */
int hook_identifier_list(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_log_destination(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_datestyle(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_wal_consistency_checking(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_debug_io_direct(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_createrole_self_grant(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_restrict_relation_kind(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_log_connections(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);

/* guc_hook_recovery.c */
int hook_slot_name(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_standby_slots(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_recovery_target(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_recovery_target_lsn(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_recovery_target_name(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_recovery_target_xid(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_recovery_target_timeline(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);
int hook_recovery_target_time(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);

/* guc_hook_syncrep.c */
int hook_synchronous_standby_names(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);

/* guc_hook_encoding.c */
int hook_client_encoding(arena *, const guc_param *, int, guc_hook_value *, guc_hook_result *);

/* 18 ended hook details with a period; earlier versions mostly did not. */
const char *hook_period(int version);

#endif

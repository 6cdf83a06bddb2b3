/*
 * catalog — every PostgreSQL parameter (GUC) of every major version 12..19,
 * compiled into the binary from rules/catalog/pgNN.tsv, and value validation
 * exactly as PostgreSQL's guc.c does it.
 *
 * Memory: guc_param records are read-only and live to the end of the process
 * (never freed): a version's are built from the compiled-in tables when the
 * version is first used (catalog_tables.h). Strings in a guc_value_result
 * live in the arena passed in.
 * Thread-safe: that one-time build is, and nothing else changes.
 */
#ifndef PGCL_CATALOG_H
#define PGCL_CATALOG_H

#include "arena.h"

/* The major versions compiled in. */
#define CATALOG_MIN_VERSION 12
#define CATALOG_MAX_VERSION 19

typedef enum guc_type { GUC_BOOL, GUC_INT, GUC_REAL, GUC_STRING, GUC_ENUM } guc_type;

typedef enum guc_context {
    CTX_INTERNAL, CTX_POSTMASTER, CTX_SIGHUP, CTX_SUPERUSER_BACKEND,
    CTX_BACKEND, CTX_SUPERUSER, CTX_USER
} guc_context;

/* flag bits from the catalog's flags column */
#define GUCF_DISALLOW_IN_FILE      0x01
#define GUCF_DISALLOW_IN_AUTO_FILE 0x02
#define GUCF_NO_SHOW_ALL           0x04
#define GUCF_LIST_INPUT            0x08
#define GUCF_NOT_IN_SAMPLE         0x10
#define GUCF_SUPERUSER_ONLY        0x20
#define GUCF_IS_NAME               0x40
#define GUCF_EXPLAIN               0x80
#define GUCF_LIST_QUOTE            0x100
#define GUCF_NOT_WHILE_SEC_REST    0x200
#define GUCF_NO_RESET              0x400
#define GUCF_NO_RESET_ALL          0x800
#define GUCF_REPORT                0x1000
#define GUCF_RUNTIME_COMPUTED      0x2000

typedef struct guc_param {
    const char *name;             /* canonical name as pg_settings spells it (DateStyle) */
    guc_type type;
    const char *unit;             /* as pg_settings shows it: "", "kB", "8kB", "ms", ... */
    double min, max;              /* INT and REAL only */
    const char *const *enumvals;  /* NULL-terminated; listed values */
    const char *const *hidden;    /* NULL-terminated; accepted but unlisted */
    guc_context context;
    const char *boot_val;         /* NULL for \N */
    unsigned flags;               /* GUCF_* */
    unsigned char hook;           /* GUC_HOOK_*: does guc_hooks.c have a check hook for it */
} guc_param;

/* guc_param.hook: a record made elsewhere than the catalog leaves it 0 and
 * its hook is looked up on each check. */
#define GUC_HOOK_UNKNOWN 0
#define GUC_HOOK_NONE 1    /* none in any version */
#define GUC_HOOK_SOME 2

/* 1 if `version` is one of the compiled-in majors. */
int catalog_has_version(int version);

/* Look a name up for a version: ASCII case-insensitive, obsolete aliases
 * (sort_mem, vacuum_mem, 18+ ssl_ecdh_curve) mapped. NULL if unknown. */
const guc_param *catalog_find(int version, const char *name);

/* All parameters of a version, in name order (ASCII case-insensitive). */
const guc_param *catalog_all(int version, int *count);

const char *guc_type_name(guc_type t);        /* "bool", "integer", "real", ... */
const char *guc_context_name(guc_context c);  /* "postmaster", "sighup", ... */

typedef enum guc_value_status {
    GUCV_OK,
    GUCV_INVALID,        /* cannot be parsed for the type (bad number, unit, enum, bool) */
    GUCV_OUT_OF_RANGE,   /* parsed, outside min .. max */
    GUCV_HOOK,           /* rejected by the parameter's check hook */
    GUCV_CANNOT_CHANGE   /* PGC_INTERNAL: no value may be set in a file */
} guc_value_status;

typedef struct guc_value_result {
    int ok;                  /* 1 accepted, 0 rejected */
    const char *normalized;  /* what postgres -C would print (base units), when ok */
    const char *message;     /* PostgreSQL's error text for `version`, when !ok */
    const char *hint;        /* PostgreSQL's HINT, or NULL */
    double number;           /* numeric value in base units (INT/REAL), or enum index/bool */
    /* additions */
    guc_value_status status;
    const char *detail;      /* PostgreSQL's DETAIL, or NULL */
    const char *notice;      /* a NOTICE the server prints while accepting (truncation) */
    int env_dependent;       /* 1: the real answer depends on the server's machine
                                (locales, time zones, loaded libraries, ulimit); the
                                result is what a typical Linux server would say */
} guc_value_result;

/* Validate `value` (already de-quoted) for parameter `p` as guc.c does:
 * internal parameters refuse any value, then the type's parser, the range,
 * and the check hooks that can be judged without a server (guc_hooks.h).
 * Messages name the parameter by its canonical name. Numbers are read with
 * the C library's strtol/strtod, as the server does, so the process must
 * leave LC_NUMERIC at "C" (the default). */
void guc_check_value(arena *a, const guc_param *p, int version, const char *value,
                     guc_value_result *r);

/* Same, with the name as written in the file: PostgreSQL 12-17 quote the
 * written spelling (Work_Mem, sort_mem) in parse and range errors, 18+ and
 * every check hook use the canonical one. */
void guc_check_value_as(arena *a, const guc_param *p, const char *written_name, int version,
                        const char *value, guc_value_result *r);

#endif

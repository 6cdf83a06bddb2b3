/*
 * catalog — every PostgreSQL parameter (GUC) of every major version 12..19,
 * compiled into the binary from rules/catalog/pgNN.tsv, and value validation
 * exactly as PostgreSQL's guc.c does it.
 *
 * Memory: guc_param records are static, read-only tables (never freed).
 * Strings in a guc_value_result live in the arena passed in.
 * Thread-safe: no mutable state.
 */
#ifndef PGCL_CATALOG_H
#define PGCL_CATALOG_H

#include "arena.h"

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

typedef struct guc_param {
    const char *name;             /* canonical lower-case name */
    guc_type type;
    const char *unit;             /* as pg_settings shows it: "", "kB", "8kB", "ms", ... */
    double min, max;              /* INT and REAL only */
    const char *const *enumvals;  /* NULL-terminated; listed values */
    const char *const *hidden;    /* NULL-terminated; accepted but unlisted */
    guc_context context;
    const char *boot_val;         /* NULL for \N */
    unsigned flags;               /* GUCF_* */
} guc_param;

/* Look a name up for a version: ASCII case-insensitive, obsolete aliases
 * (sort_mem, vacuum_mem, 18+ ssl_ecdh_curve) mapped. NULL if unknown. */
const guc_param *catalog_find(int version, const char *name);

/* All parameters of a version, in name order. */
const guc_param *catalog_all(int version, int *count);

typedef struct guc_value_result {
    int ok;                  /* 1 accepted, 0 rejected */
    const char *normalized;  /* what postgres -C would print (base units), when ok */
    const char *message;     /* PostgreSQL's error text for `version`, when !ok */
    const char *hint;        /* PostgreSQL's HINT, or NULL */
    double number;           /* numeric value in base units (INT/REAL), or enum index/bool */
} guc_value_result;

/* Validate `value` (already de-quoted) for parameter `p` as guc.c does. */
void guc_check_value(arena *a, const guc_param *p, int version, const char *value,
                     guc_value_result *r);

#endif

/*
 * catalog_tables — the raw compiled-in catalog: one sorted parameter table per
 * version with a hash index by name, the change history (changes.tsv) and the
 * aliases (aliases.tsv). Internal to rules/catalog*.c; everyone else goes
 * through catalog.h and catalog_info.h.
 *
 * The generated tables hold no pointers (catalog_gen.awk says why): strings
 * are offsets into one pool, read with catalog_str(). The guc_param records
 * of a version are built from its rows the first time the version is asked
 * for (catalog_params()), once for all threads, and kept to the end of the
 * process.
 *
 * Memory: everything returned is static or lives to the end of the process;
 * nothing is the caller's to free.
 */
#ifndef PGCL_CATALOG_TABLES_H
#define PGCL_CATALOG_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

/* No string (a NULL pointer), and the end of a list in catalog_lists. */
#define CATALOG_NONE 0xffffffffu
/* No list (a NULL list pointer). */
#define CATALOG_NO_LIST 0xffffu

/* One parameter of one version, as generated; guc_param with offsets. */
typedef struct catalog_row {
    double min, max;
    uint32_t name, unit, boot_val;   /* pool offsets, CATALOG_NONE for NULL */
    uint16_t enumvals, hidden;       /* list indexes, CATALOG_NO_LIST for NULL */
    uint16_t flags;                  /* GUCF_* */
    uint8_t type, context;           /* guc_type, guc_context */
} catalog_row;

typedef struct catalog_version_table {
    int version;
    int count;
    unsigned first_row;              /* its rows, sorted by lower-cased name */
    unsigned index_first, index_size;  /* its hash index (a power of two of slots) */
} catalog_version_table;

typedef struct catalog_change_row {
    uint32_t name;
    uint32_t added_text;       /* as written in changes.tsv: "13", "<=12", "20devel" */
    uint32_t renamed_to;       /* "" if none; may be a comma list */
    uint32_t note;             /* "" if none */
    int added_in;              /* 12 for "<=12"; 20 for "20devel" */
    int removed_in;            /* first version without it; 0 if still present */
} catalog_change_row;

typedef struct catalog_alias_row {
    uint32_t alias;
    uint32_t canonical;
    int since;                 /* first version where the alias is mapped */
} catalog_alias_row;

/* NULL if the version is not compiled in. */
const catalog_version_table *catalog_table(int version);

/* Tables in version order; *n receives the count. */
const catalog_version_table *catalog_tables(size_t *n);
const catalog_change_row *catalog_change_rows(size_t *n);
const catalog_alias_row *catalog_alias_rows(size_t *n);

/* The string at a pool offset; NULL for CATALOG_NONE. */
const char *catalog_str(uint32_t offset);

/* The name of row i (0 .. count-1) of a version, without building its
 * guc_param records. */
const char *catalog_row_name(const catalog_version_table *t, int i);

/* The row of `name` (ASCII case-insensitive, no aliases) in a version, or -1.
 * Reads the generated index: builds nothing. */
int catalog_row_find(const catalog_version_table *t, const char *name);

/* The version's guc_param records, parallel to its rows: built on first use
 * (thread-safe), the same array for every call after. Aborts when out of
 * memory, like the arenas. */
const guc_param *catalog_params(const catalog_version_table *t);

/* ASCII case-insensitive comparison (bytes >= 0x80 compare exactly), the
 * order the tables are sorted in and the way PostgreSQL compares names. */
int catalog_name_cmp(const char *a, const char *b);

#endif

/*
 * catalog_tables — the raw compiled-in catalog: one sorted parameter table per
 * version, the change history (changes.tsv) and the aliases (aliases.tsv).
 * Internal to rules/catalog*.c; everyone else goes through catalog.h and
 * catalog_info.h.
 *
 * Memory: everything returned points into static read-only tables.
 */
#ifndef PGCL_CATALOG_TABLES_H
#define PGCL_CATALOG_TABLES_H

#include <stddef.h>

#include "catalog.h"

typedef struct catalog_version_table {
    int version;
    const guc_param *params;   /* sorted by lower-cased name */
    int count;
} catalog_version_table;

typedef struct catalog_change_row {
    const char *name;
    const char *added_text;    /* as written in changes.tsv: "13", "<=12", "20devel" */
    int added_in;              /* 12 for "<=12"; 20 for "20devel" */
    int removed_in;            /* first version without it; 0 if still present */
    const char *renamed_to;    /* "" if none; may be a comma list */
    const char *note;          /* "" if none */
} catalog_change_row;

typedef struct catalog_alias_row {
    const char *alias;
    const char *canonical;
    int since;                 /* first version where the alias is mapped */
} catalog_alias_row;

/* NULL if the version is not compiled in. */
const catalog_version_table *catalog_table(int version);

/* Tables in version order; *n receives the count. */
const catalog_version_table *catalog_tables(size_t *n);
const catalog_change_row *catalog_change_rows(size_t *n);
const catalog_alias_row *catalog_alias_rows(size_t *n);

/* ASCII case-insensitive comparison (bytes >= 0x80 compare exactly), the
 * order the tables are sorted in and the way PostgreSQL compares names. */
int catalog_name_cmp(const char *a, const char *b);

#endif

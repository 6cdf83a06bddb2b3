/*
 * catalog_info — what the catalog knows about a name beyond one version's
 * table: its history across versions (added, removed, renamed, aliases), a
 * did-you-mean suggestion for an unknown name, and a human-readable
 * description (`pgconflint describe NAME`).
 *
 * Memory: catalog_history strings are static; suggestions are allocated in
 * the arena passed in. Thread-safe: no mutable state.
 */
#ifndef PGCL_CATALOG_INFO_H
#define PGCL_CATALOG_INFO_H

#include <stdio.h>

#include "arena.h"
#include "catalog.h"

typedef struct catalog_history {
    const char *name;        /* canonical spelling */
    int added_in;            /* first compiled-in version that has it; 0 if none */
    int added_or_earlier;    /* 1 when it was already in 12 ("<=12"): maybe older */
    int removed_in;          /* first version without it; 0 if still in 19 */
    const char *renamed_to;  /* successor name(s), comma-separated, or NULL */
    const char *note;        /* curated remark from changes.tsv, or NULL */
    const char *alias_of;    /* when the name is an obsolete alias: its target */
    int alias_since;         /* first version that maps the alias */
} catalog_history;

/* Fills *h for a built-in name or alias (ASCII case-insensitive). Returns 0
 * when no compiled-in version knows the name. */
int catalog_history_of(const char *name, catalog_history *h);

/* 1 if `name` (not an alias) is a parameter of `version`. */
int catalog_exists_in(int version, const char *name);

/* A did-you-mean for a name `version` does not know, or NULL:
 *  - the successor of a renamed parameter (wal_keep_segments -> wal_keep_size);
 *  - the closest built-in name by edit distance (shared_bufers -> shared_buffers);
 *  - for a dotted name, the closest parameter of a known extension
 *    (pg_stat_statement.max -> pg_stat_statements.max).
 * A name that already exists in `version` gets NULL. */
const char *catalog_suggest(arena *a, int version, const char *name);

/* Prints what the catalog knows about `name` for `version`: type, unit,
 * range, enum values, default, context, flags, the versions that have it,
 * its history. Returns 0 if `version` has the parameter, 1 if not (the
 * history or a suggestion is printed instead). */
int catalog_describe(FILE *out, const char *name, int version);

#endif

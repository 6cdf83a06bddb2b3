/*
 * walk — expand the paths given on the command line into the files to check:
 * files as given, directories recursively (skipping .git and dot-entries),
 * picking files whose names say conf, hba or ident, or those the filter
 * gives a kind (the policy's `files:` globs); the filter's excludes prune
 * files and whole directories. Sorted within each directory for a stable order.
 * Memory: the list and its strings live in the arena.
 */
#ifndef PGCL_WALK_H
#define PGCL_WALK_H

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef struct walk_filter {
    /* 1: leave this file or directory out (policy `exclude`) */
    int (*exclude)(void *ctx, const char *path, int is_dir);
    /* the kind to check a walked file as, KIND_UNKNOWN to leave it out
     * (policy `files:` globs); NULL: by its name (kind_from_name) */
    file_kind (*kind_of)(void *ctx, const char *path);
    void *ctx;
    /* apply `exclude` to paths named on the command line too, as pre-commit
     * names files one by one (ruff's --force-exclude) */
    int exclude_named;
} walk_filter;

typedef struct walk_result {
    ptrvec files;    /* const char*: paths to check, in order */
    ptrvec kinds;    /* file_kind (as intptr_t) of each file when the filter
                        chose it, else KIND_UNKNOWN (by its name, or --kind) */
    ptrvec errors;   /* diag*: directories that could not be read */
} walk_result;

/* `filter` may be NULL. */
void walk_paths(arena *a, const char **paths, int npaths, const walk_filter *filter,
                walk_result *out);

#endif

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

/* A directory as the walk read it: its entries but dot-entries, sorted by
 * name, each with the type readdir() gave (DT_UNKNOWN when the file system
 * does not say). The tree is taken not to change while it is checked. */
typedef struct walk_entry {
    char *name;
    unsigned char type;
} walk_entry;

typedef struct walk_listing {
    const char *dir;  /* as walked (the display form) */
    void **entries;   /* walk_entry* */
    size_t n;
} walk_listing;

/* Whether `name` exists in the listed directory as access(F_OK) would see
 * it: 1 or 0, or -1 when the listing cannot say (no listing, a dot-name, a
 * symbolic link that may dangle, a type not given) and the caller must ask
 * the file system. */
int walk_listing_has(const walk_listing *l, const char *name);

typedef struct walk_result {
    ptrvec files;    /* const char*: paths to check, in order */
    ptrvec listings; /* const walk_listing*: the directory each walked file
                        was listed in, NULL for a file named on the command
                        line; may be shorter than `files` (then NULL) */
    ptrvec dirs;     /* walk_listing*: every directory the walk read */
    ptrvec kinds;    /* file_kind (as intptr_t) of each file when the filter
                        chose it, else KIND_UNKNOWN (by its name, or --kind) */
    ptrvec errors;   /* diag*: directories that could not be read */
} walk_result;

/* `filter` may be NULL. */
void walk_paths(arena *a, const char **paths, int npaths, const walk_filter *filter,
                walk_result *out);

/*
 * The walked directories by absolute path, so that confinement (confine.h's
 * lister) learns from the listings that a name there is a directory or a
 * regular file, not a symbolic link, without an lstat() of its own. Made
 * after the walk, read-only then: the run's threads share it. Owns its
 * memory (malloc); NULL when out of memory (then nothing is spared).
 */
typedef struct walk_index walk_index;

walk_index *walk_index_new(const walk_result *w, const char *cwd);
void walk_index_free(walk_index *ix);
/* A confine_lister over a walk_index (ctx). */
int walk_index_kind(const void *ctx, const char *dir, size_t dirlen, const char *name,
                    size_t namelen);

#endif

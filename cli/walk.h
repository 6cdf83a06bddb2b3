/*
 * walk — expand the paths given on the command line into the files to check:
 * files as given, directories recursively (skipping .git and dot-entries),
 * picking files whose names say conf, hba or ident. Sorted for stable output.
 * Memory: the list and its strings live in the arena.
 */
#ifndef PGCL_WALK_H
#define PGCL_WALK_H

#include "arena.h"
#include "diag.h"

typedef struct walk_result {
    ptrvec files;    /* const char*: paths to check, in order */
    ptrvec errors;   /* diag*: directories that could not be read */
} walk_result;

void walk_paths(arena *a, const char **paths, int npaths, walk_result *out);

#endif

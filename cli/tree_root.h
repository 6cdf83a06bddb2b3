/*
 * tree_root — the directory tree a run checks, which include targets must
 * not leave (parser/confine.h): for `check DIR` that DIR, for a file its
 * directory, for several paths the deepest directory holding them all, for
 * standard input the working directory (or --stdin-filename's directory).
 * Symbolic links are resolved, so the root compares with resolved targets.
 *
 * Memory: the returned string lives in the arena.
 */
#ifndef PGCL_TREE_ROOT_H
#define PGCL_TREE_ROOT_H

#include "arena.h"

const char *tree_root(arena *a, const char *const *paths, int npaths, const char *stdin_filename);

#endif

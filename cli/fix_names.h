/*
 * fix_names — how `pgconflint fix` names a file it changed, in its messages
 * and diffs: relative to the working directory (as `git apply` and
 * `patch -p1` expect), by the name a document reached it through, or by its
 * real path for a diff. Shared by the diff output (cmd_fix.c) and the
 * writer (fix_write.c), so both name a file alike.
 *
 * Memory: fix_shown_path() may return a string in the arena passed in, or
 * a pointer into `abs`; the other two return strings the fix_file holds.
 */
#ifndef PGCL_FIX_NAMES_H
#define PGCL_FIX_NAMES_H

#include "arena.h"
#include "fix_loop.h"

/* The path to show for the absolute path `abs` ("-" is "stdin"). */
const char *fix_shown_path(arena *a, const char *abs, const char *cwd);

/* The name the first document that reached the file gave it. */
const char *fix_file_name(const fix_file *f);

/* The file a diff names: the real file (symlinks resolved). */
const char *fix_diff_name(const fix_file *f);

#endif

/*
 * fix_write — writing the files `pgconflint fix` changed back to disk, all
 * of them or none: every temporary file is made first (fixer/atomic_write.h),
 * then every target is checked against what was read, and only then are
 * they renamed into place, with an optional backup of each. A file whose
 * real target lies outside the tree being fixed is never written
 * (docs/security.md). Errors go to standard error.
 *
 * Memory: everything it allocates lives in the arena passed in; the run's
 * files are only read.
 */
#ifndef PGCL_FIX_WRITE_H
#define PGCL_FIX_WRITE_H

#include "arena.h"
#include "fix_loop.h"
#include "load_opts.h"

/* Write every changed file of `run`. `backup`: the suffix of a backup copy
 * of each (--backup), or NULL; `cwd` names the files in messages; `lo` gives
 * the tree root a file must stay inside. 0 when all were written, 2 when a
 * file could not be (the message says which files are as they were). */
int fix_write_files(arena *a, fix_run *run, const char *backup, const char *cwd,
                    const load_opts *lo);

#endif

/*
 * fix_report — what `pgconflint fix` tells the user once the files are
 * written (or the diff or fixed text printed): a line per finding whose fix
 * was applied, left for --unsafe-fixes or refused, in file order, and a
 * summary line with the counts.
 *
 * Memory: nothing is allocated; the notes belong to the fix run's arena.
 */
#ifndef PGCL_FIX_REPORT_H
#define PGCL_FIX_REPORT_H

#include <stdio.h>

#include "arena.h"
#include "fix_loop.h"

/* The counts the summary line gives. */
typedef struct fix_tally {
    size_t applied;       /* fixes applied in the roots that were not given up */
    size_t changed;       /* files whose bytes differ from what was read */
    size_t unsafe_left;   /* fixes left for --unsafe-fixes */
    size_t refused;
    size_t given_up;      /* roots given up (nothing of theirs kept) */
} fix_tally;

/* Put one root's notes (fix_note*) in file order, whatever round each fix
 * was made in. */
void fix_report_sort(ptrvec *notes);

/* Print `notes` and the summary to `out`. `dry`: nothing was to be written
 * (--diff, --stdout); `write_failed`: writing the files failed. */
void fix_report_print(FILE *out, const ptrvec *notes, const fix_tally *t, int dry,
                      int write_failed);

#endif

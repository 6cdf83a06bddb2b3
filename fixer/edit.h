/*
 * edit — a byte-range replacement on the original bytes of one file (the
 * model of clang-tidy's replacements and ruff's Edit), and applying a set of
 * them: sorted, overlaps refused, everything outside the ranges copied
 * through untouched.
 *
 * An edit also names the range it *claims*: the bytes no other fix may touch
 * in the same round (the whole line when the fix realigns columns), so two
 * fixes never fight over one line. The claim always covers the edit.
 *
 * Memory: edits, their replacement text and applied buffers live in the
 * arena passed in.
 */
#ifndef PGCL_EDIT_H
#define PGCL_EDIT_H

#include <stddef.h>

#include "arena.h"
#include "source.h"

typedef struct edit {
    const source *src;        /* the file, as read (offsets are into src->data) */
    size_t off, len;          /* bytes replaced; len 0 inserts at off */
    const char *repl;         /* replacement bytes (not NUL-terminated necessarily) */
    size_t repl_len;
    size_t claim_off, claim_len;  /* range reserved for this fix in its round */
} edit;

/* A new edit; the claim is the edited range itself until edit_claim(). */
edit *edit_new(arena *a, const source *src, size_t off, size_t len, const char *repl,
               size_t repl_len);
edit *edit_new_str(arena *a, const source *src, size_t off, size_t len, const char *repl);
void edit_claim(edit *e, size_t off, size_t len);

/* 1 if the two ranges touch the same bytes (an insertion inside or at the
 * start of a replaced range counts; two insertions at one offset count). */
int edit_ranges_overlap(size_t a_off, size_t a_len, size_t b_off, size_t b_len);

/* Sort `edits` (edit*) by offset, drop exact duplicates, and check that no
 * two overlap. Returns 0, or -1 with *x and *y set to a clashing pair. */
int edits_normalize(ptrvec *edits, const edit **x, const edit **y);

/* Apply normalized edits to `data`; returns the new bytes (NUL-terminated,
 * length in *out_len). */
unsigned char *edits_apply(arena *a, const unsigned char *data, size_t len, const ptrvec *edits,
                           size_t *out_len);

#endif

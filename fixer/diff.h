/*
 * diff — a unified diff between the bytes of a file before and after its
 * fixes, as `git apply` and `patch -p1` read it: `--- a/PATH`, `+++ b/PATH`,
 * hunks with three lines of context, "\ No newline at end of file" where a
 * side ends without one. Lines are compared byte for byte (CR, tabs and
 * non-UTF-8 bytes are content); the line alignment is a shortest edit script
 * (Myers), so separate changes make separate hunks.
 *
 * Memory: the text is written to a strbuf in the arena passed in.
 */
#ifndef PGCL_DIFF_H
#define PGCL_DIFF_H

#include <stddef.h>

#include "arena.h"

/* Append the diff of old -> new for `path` to `out`; returns the number of
 * hunks (0 when the two are equal, and then nothing is written). */
int diff_unified(arena *a, strbuf *out, const char *path, const unsigned char *old,
                 size_t old_len, const unsigned char *new_, size_t new_len);

#endif

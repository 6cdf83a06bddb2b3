/*
 * columns — display columns of configuration lines, so a fix that changes
 * the width of a token can keep the columns after it where they were (hba
 * files are usually aligned; conf files align trailing comments). Tabs stop
 * every 8 columns; UTF-8 continuation bytes take no column.
 *
 * Memory: returned gaps live in the arena passed in.
 */
#ifndef PGCL_COLUMNS_H
#define PGCL_COLUMNS_H

#include <stddef.h>

#include "arena.h"

/* The 0-based column reached after `n` bytes of `p`, starting at `col`. */
size_t col_advance(size_t col, const unsigned char *p, size_t n);

/*
 * The blank run to write between text that now ends at column `from` and
 * text that should keep starting at column `to`, given the run as written
 * (`gap`). Returns NULL when the run should stay as it is: it holds
 * something other than spaces and tabs, it is a single separator (that part
 * of the file is not aligned), or no run of the same style lands on `to`.
 * Never returns an empty run.
 */
const char *col_realign_gap(arena *a, const unsigned char *gap, size_t gap_len, size_t from,
                            size_t to, size_t *out_len);

#endif

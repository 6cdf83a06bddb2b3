/*
 * auth_lines — pg_hba.conf / pg_ident.conf split into the logical lines
 * PostgreSQL tokenizes: trailing CR/LF removed, 14+ backslash continuation
 * joined, 12–13 fgets chunks of at most 20479 bytes, and the byte-level quirks
 * of reading with fgets (a NUL byte hides the rest of its chunk).
 *
 * Every byte of the source belongs to exactly one logical line's span, so the
 * lines partition the file. A line keeps the map from its text back to source
 * offsets.
 *
 * Memory: lines and their text live in the arena passed in.
 */
#ifndef PGCL_AUTH_LINES_H
#define PGCL_AUTH_LINES_H

#include <stddef.h>

#include "arena.h"
#include "source.h"

/* text[text_off .. text_off+len) was copied from src->data[src_off ..]. */
typedef struct auth_seg {
    size_t text_off, src_off, len;
} auth_seg;

typedef struct auth_line {
    const source *src;
    size_t off, len;     /* the source bytes this line consumed, terminators included */
    int line;            /* physical line where it starts (1-based) */
    int pg_line;         /* PostgreSQL's own counter (differs only after NUL bytes) */
    const char *text;    /* what PostgreSQL tokenizes: text_len bytes, NUL-free; NOT
                            NUL-terminated (it may point into src->data) */
    size_t text_len;
    auth_seg *segs;      /* NULL when there is one segment at `off` (the usual line) */
    size_t nsegs;
    int too_long;        /* 12–13: the 20479-byte read buffer was filled */
    int has_nul;         /* a NUL byte hid bytes from PostgreSQL in this line */
    size_t nul_off;      /* source offset of the first such NUL */
} auth_line;

/* Split `s` as PostgreSQL `pg_version` reads it; appends auth_line* to out. */
void auth_lines_split(arena *a, const source *s, int pg_version, ptrvec *out);

/* Source offset of text position `pos` (pos == text_len maps past the last
 * copied byte). */
size_t auth_line_src_off(const auth_line *l, size_t pos);

#endif

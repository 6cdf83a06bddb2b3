/*
 * diag — a located message: what a parser or loader says about a place in a file.
 *
 * Memory: diags and their strings live in the arena of the document that
 * produced them. `src` may be NULL for errors that belong to no file's bytes
 * (then `path` names the file and line/col are 0 or given explicitly).
 */
#ifndef PGCL_DIAG_H
#define PGCL_DIAG_H

#include <stddef.h>

#include "arena.h"
#include "source.h"

typedef struct diag {
    const source *src;   /* file the span is in (NULL if none) */
    const char *path;    /* display path (src->path when src is set) */
    size_t off, len;     /* byte span in src */
    int line, col;       /* 1-based; PostgreSQL's line numbering for the error */
    const char *message; /* PostgreSQL's wording where PostgreSQL has one */
    const char *detail;  /* HINT/DETAIL text, or NULL */
    const char *code;    /* stable rule id of the finding it becomes, e.g.
                            "conf-syntax-error", "include-error", "hba-syntax-error" */
} diag;

/* Point d at a byte span of `src` (NULL: no file's bytes): src, path, off,
 * len, and line/col computed from the offset. */
void diag_place(diag *d, const source *src, size_t off, size_t len);

/* Make a diag at a byte span of `src`, computing line/col from the offset. */
diag *diag_at(arena *a, const source *src, size_t off, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif

/*
 * source — one input file as bytes, with a line index and its kind.
 *
 * A source keeps every byte exactly as read (NULs, CR, invalid UTF-8 and all);
 * later stages refer to it by byte offsets. Memory: a source and its buffers
 * belong to the arena passed in; nothing here is freed separately.
 */
#ifndef PGCL_SOURCE_H
#define PGCL_SOURCE_H

#include <stddef.h>

#include "arena.h"

typedef enum file_kind {
    KIND_UNKNOWN = 0,
    KIND_CONF,   /* postgresql.conf, postgresql.auto.conf, included *.conf */
    KIND_HBA,    /* pg_hba.conf */
    KIND_IDENT,  /* pg_ident.conf */
} file_kind;

typedef struct source {
    const char *path;      /* as the user (or the including file) named it */
    const char *abspath;   /* absolute, canonical (no . or ..); NULL for stdin */
    const char *dir;       /* absolute directory that relative includes resolve from */
    const unsigned char *data;
    size_t len;
    size_t *line_start;    /* line_start[i] = offset where line i+1 begins */
    size_t nlines;         /* number of lines (a final line without \n counts) */
    file_kind kind;
} source;

/* Result of reading a file: 0 on success, else errno, with *err set. */
int source_read_file(arena *a, const char *path, source **out, const char **err);

/* Wrap a buffer already in memory (stdin, tests). `name` is used for display. */
source *source_from_buffer(arena *a, const char *name, const void *data, size_t len);

/* 1-based line and byte column of an offset (offset == len is allowed). */
void source_linecol(const source *s, size_t off, int *line, int *col);

/* Byte offset of the start of a 1-based line; len if past the end. */
size_t source_line_offset(const source *s, int line);

/* The kind a file name implies, or KIND_UNKNOWN. */
file_kind kind_from_name(const char *path);
const char *kind_name(file_kind k);
file_kind kind_parse(const char *name);   /* "conf"/"hba"/"ident", else UNKNOWN */

/* Path helpers shared by every include mechanism (PostgreSQL's AbsoluteConfigLocation). */
char *path_make_absolute(arena *a, const char *path, const char *base_dir);
char *path_canonicalize(arena *a, const char *path); /* collapse //, ., .. lexically */
char *path_dirname(arena *a, const char *path);

#endif

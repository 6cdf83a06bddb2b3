/*
 * source — one input file as bytes, with a line index and its kind.
 *
 * A source keeps every byte exactly as read (NULs, CR, invalid UTF-8 and all);
 * later stages refer to it by byte offsets. Memory: a source and its buffers
 * belong to the arena passed in; nothing here is freed separately.
 */
#ifndef PGCL_SOURCE_H
#define PGCL_SOURCE_H

#include <errno.h>
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

/* Files larger than this are refused: no configuration file is this big,
 * and a run must stay bounded in time and memory whatever it is given. */
#define SOURCE_MAX_BYTES (128ull * 1024 * 1024)
/* The errno values source_read_file returns for a FIFO, device or socket,
 * and for a file over SOURCE_MAX_BYTES (*err says which). */
#define SOURCE_ENOTREG EINVAL
#define SOURCE_ETOOBIG EFBIG

/* Result of reading a file: 0 on success, else errno, with *err set. */
int source_read_file(arena *a, const char *path, source **out, const char **err);

/*
 * Bytes that stand in for files on disk, keyed by absolute canonical path
 * ("-" for standard input): the fixer re-reads a document with its edits
 * applied before anything is written. The caller owns the arrays.
 */
typedef struct source_overlay_file {
    const char *abspath;
    const unsigned char *data;
    size_t len;
} source_overlay_file;

typedef struct source_overlay {
    const source_overlay_file *files;
    size_t n;
} source_overlay;

/* The overlay entry for `abspath`, or NULL (also when `ov` is NULL). */
const source_overlay_file *source_overlay_find(const source_overlay *ov, const char *abspath);

/* source_read_file, but a file the overlay (NULL: none) holds is taken
 * from memory; a relative `path` is made absolute against
 * source_cwd(a, cwd) (load_opts.cwd: the run's working directory). */
int source_read_file_in(arena *a, const char *path, const char *cwd, const source_overlay *ov,
                        source **out, const char **err);

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
/* The working directory relative paths are read against: `run_cwd` when the
 * caller took it once for its run (load_opts.cwd), else getcwd()'s answer
 * copied into a ("/" when it has none). */
const char *source_cwd(arena *a, const char *run_cwd);
char *path_canonicalize(arena *a, const char *path); /* collapse //, ., .. lexically */
char *path_dirname(arena *a, const char *path);

#endif

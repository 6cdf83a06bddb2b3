/*
 * conf_include — include, include_if_exists and include_dir as PostgreSQL
 * carries them out (ParseConfigFile / ParseConfigDirectory / conffiles.c):
 * the checks in PostgreSQL's order, path resolution against the including
 * file's directory, the include_dir listing rules, and PostgreSQL's messages.
 * Reading and parsing a target is left to the caller (a callback), so this
 * module knows nothing of settings.
 *
 * Memory: strings and diags are allocated in the arena of the context.
 */
#ifndef PGCL_CONF_INCLUDE_H
#define PGCL_CONF_INCLUDE_H

#include "arena.h"
#include "conf_syntax.h"
#include "diag.h"
#include "load_opts.h"

#define CONF_MAX_INCLUDE_DEPTH 10

typedef struct conf_include_ctx {
    arena *a;
    const load_opts *opts;
    /* Read and parse the file PostgreSQL calls `pg_path` (shown to users as
     * `display`) at nesting `depth`. Returns -1 with *open_errno set when it
     * cannot be read, else 1 when it parsed without error, 0 otherwise. */
    int (*load)(void *self, const char *pg_path, const char *display, int depth,
                int *open_errno);
    /* A message PostgreSQL logs: an error (is_error) or a LOG line that is not. */
    void (*report)(void *self, diag *d, int is_error);
    void *self;
} conf_include_ctx;

/*
 * Carry out the directive `nd` of file `calling` (nesting depth of that file:
 * `depth`). Returns 1 when PostgreSQL counts it as a success, 0 when it
 * marks the configuration as having errors.
 */
int conf_include_follow(const conf_include_ctx *cx, const conf_tree *calling,
                        const conf_node *nd, int depth);

/* canonicalize_path of the given major version (12-14 only tidy slashes and
 * trailing "." / ".."; 15+ resolve every "." and ".." lexically). */
char *conf_canonicalize(arena *a, const char *path, int pg_version);

/* AbsoluteConfigLocation: absolute paths as written, relative ones joined to
 * `base_dir` and canonicalized. */
char *conf_include_abs_path(arena *a, const char *value, const char *base_dir, int pg_version);

/* The directory a file's relative includes resolve from (get_parent_directory). */
char *conf_parent_dir(arena *a, const char *path);

/* How a target is shown: joined to the including file's shown directory,
 * canonicalized as the version does it. */
char *conf_include_display_path(arena *a, const char *value, const char *calling_display,
                                int pg_version);

/* PostgreSQL rejects names made only of space, TAB, CR, LF (or empty). */
int conf_include_name_is_empty(const char *value);

/* An include_dir listing: entry names taken (sorted by full path, byte order),
 * or the failure. */
typedef struct conf_dir_listing {
    int open_errno;             /* opendir failed */
    int stat_errno;             /* stat of `stat_failed` failed */
    const char *stat_failed;    /* full path of that entry */
    ptrvec names;               /* const char*: entry names, in PostgreSQL's order */
} conf_dir_listing;

/* `dir` is PostgreSQL's absolute name of the directory. Returns 1 on success. */
int conf_include_list_dir(arena *a, const char *dir, int pg_version, conf_dir_listing *out);

#endif

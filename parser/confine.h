/*
 * confine — keeping include targets inside the directory tree being
 * checked. A repository under review must not be able to make the tool read
 * (and quote in its messages) files elsewhere on the machine, such as
 * `include '/etc/shadow'` or a symbolic link inside the tree that leads out
 * of it. Paths are judged after resolving symbolic links (realpath), as the
 * kernel will when the file is opened; a target that does not exist yet is
 * judged by its deepest existing ancestor.
 *
 * Memory: returned strings live in the arena passed in.
 */
#ifndef PGCL_CONFINE_H
#define PGCL_CONFINE_H

#include "arena.h"
#include "load_opts.h"

/* The rule id of the finding an unread outside target becomes. */
#define CONFINE_RULE "include-outside-tree"

/* `path` with every symbolic link, "." and ".." resolved, made absolute
 * against the working directory. A missing tail is appended lexically to its
 * deepest existing ancestor. Never NULL. */
char *confine_resolve(arena *a, const char *path);

/* The same, through o->confine_cache and against o->cwd (either may be NULL:
 * realpath() and getcwd() then). */
char *confine_resolve_opts(arena *a, const load_opts *o, const char *path);

/*
 * Canonical directories remembered for a run (confine_cache.c): a batch reads
 * thousands of files from a few directories under one root, and realpath()
 * would look at every component of every path again. The caller of a run
 * makes one, hands it down in load_opts.confine_cache, and frees it when the
 * run is over; the run's threads share it (it locks inside). The tree is
 * taken not to change while it is checked.
 */
typedef struct confine_cache confine_cache;

confine_cache *confine_cache_new(void);
void confine_cache_free(confine_cache *c);

/*
 * What the run already knows of a name without an lstat(): a directory
 * listing read by its walk (walk.h) tells a directory or a regular file
 * from a symbolic link. `dir` (dirlen bytes, not NUL-terminated) is the
 * absolute path as written, without ".", ".." or repeated slashes; the
 * answer must hold of it exactly as lstat() would (CONFINE_ASK when unsure).
 */
enum { CONFINE_ASK = 0, CONFINE_DIRECTORY, CONFINE_FILE };
typedef int (*confine_lister)(const void *ctx, const char *dir, size_t dirlen, const char *name,
                              size_t namelen);

/* Have `c` consult `lister` (with `ctx`, which must outlive the cache's use
 * and not change) before each lstat(). Set once, before the run's threads
 * start. */
void confine_cache_set_lister(confine_cache *c, confine_lister lister, const void *ctx);

/* confine_resolve for an absolute `path` free of ".", ".." and repeated
 * slashes, through the directories `c` remembers (and remembering those it
 * resolves); a name that does not exist ends the resolution as in
 * confine_resolve. NULL when it cannot say, for realpath() to decide, and
 * always when `c` is NULL. */
char *confine_cache_resolve(confine_cache *c, arena *a, const char *path);

/* 1 if the canonical absolute `path` is `root` or lies below it. */
int confine_under(const char *root, const char *path);

/* 1 when the options confine includes and `path` (as it would be opened)
 * resolves outside o->root_dir. */
int confine_outside(arena *a, const load_opts *o, const char *path);

/* The message of the finding: what was not read, and where it leads. */
char *confine_message(arena *a, const load_opts *o, const char *what, const char *path);

#endif

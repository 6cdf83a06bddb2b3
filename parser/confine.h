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

/* confine_resolve for an existing absolute `path` free of ".", ".." and
 * repeated slashes, through canonical directories remembered for the run
 * (confine_cache.c); NULL when it cannot say, for realpath() to decide. */
char *confine_cache_resolve(arena *a, const char *path);

/* 1 if the canonical absolute `path` is `root` or lies below it. */
int confine_under(const char *root, const char *path);

/* 1 when the options confine includes and `path` (as it would be opened)
 * resolves outside o->root_dir. */
int confine_outside(arena *a, const load_opts *o, const char *path);

/* The message of the finding: what was not read, and where it leads. */
char *confine_message(arena *a, const load_opts *o, const char *what, const char *path);

#endif

/*
 * atomic_write — replacing a file's contents so that a reader (or a crash)
 * sees either the old file or the new one, never a mix: write a temporary
 * file in the same directory, give it the old file's mode, owner and group,
 * fsync it, check the old file still holds the bytes the fix was computed
 * from, then rename it over the old one and fsync the directory. Symlinks
 * are resolved so the link stays a link and its target is replaced.
 *
 * Two phases, so a run that changes several files can stop before touching
 * any of them: atomic_prepare() for every file (all the writing happens
 * there, so a full disk fails here), atomic_check() for each (another
 * program may have changed one meanwhile), then atomic_commit() for each;
 * or atomic_abort() for each when a preparation or a check failed.
 *
 * Memory: strings live in the arena passed to atomic_prepare(); the
 * temporary files are removed by commit or abort.
 */
#ifndef PGCL_ATOMIC_WRITE_H
#define PGCL_ATOMIC_WRITE_H

#include <stddef.h>
#include <sys/types.h>

#include "arena.h"

/* The system calls that write; tests substitute failing ones. */
typedef struct atomic_ops {
    ssize_t (*write)(int fd, const void *buf, size_t n);
    int (*fsync)(int fd);
    /* called by atomic_commit() before it checks the target (tests replace
     * the target here, as another program might) */
    void (*before_commit)(void *ctx, const char *target);
    void *ctx;
} atomic_ops;

typedef struct atomic_file {
    const char *path;          /* as the user named it */
    const char *target;        /* the file that is replaced (symlinks resolved) */
    const char *tmp;           /* the new contents, beside the target; NULL once gone */
    const char *backup;        /* target + suffix, or NULL */
    const char *backup_tmp;    /* the old contents for the backup, beside it */
    const unsigned char *expect;
    size_t expect_len;         /* what the target must still hold */
    const atomic_ops *ops;
} atomic_file;

/* Prepare replacing `path`, which must still hold expect[0..expect_len), by
 * data[0..len); with `backup_suffix` also keep the old bytes in
 * target+suffix. Returns 0, or an errno value with *err set to a message
 * naming the file and the step; then nothing is left behind. `ops` may be
 * NULL (the real system calls). */
int atomic_prepare(arena *a, const char *path, const void *expect, size_t expect_len,
                   const void *data, size_t len, const char *backup_suffix,
                   const atomic_ops *ops, atomic_file *out, const char **err);

/* Check the target still holds the bytes the new ones were computed from,
 * so a run can stop before renaming any of its files when one of them
 * changed. Returns 0, or ESTALE with *err set (nothing is removed: abort). */
int atomic_check(arena *a, const atomic_file *f, const char **err);

/* Check the target is unchanged (again: the check and the rename are as
 * close together as they can be), write the backup, rename. Returns 0 or an
 * errno value with *err set; on failure the target is untouched. */
int atomic_commit(arena *a, atomic_file *f, const char **err);

/* Remove what atomic_prepare() left; the target is untouched. */
void atomic_abort(atomic_file *f);

#endif

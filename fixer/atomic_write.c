/* atomic_write.c — temporary file, fsync, check, rename. */
#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static ssize_t sys_write(int fd, const void *buf, size_t n) { return write(fd, buf, n); }
static int sys_fsync(int fd) { return fsync(fd); }
static const atomic_ops real_ops = {sys_write, sys_fsync, NULL, NULL};

static int fail(arena *a, const char **err, int e, const char *path, const char *step)
{
    *err = arena_printf(a, "cannot write \"%s\": %s: %s", path, step, strerror(e));
    return e ? e : EIO;
}

/* 1 if the file at `path` holds exactly data[0..len); -1 with errno on a
 * read error. */
static int holds(const char *path, const unsigned char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    unsigned char buf[65536];
    size_t pos = 0;
    int same = 1;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        if (pos + (size_t)r > len || memcmp(buf, data + pos, (size_t)r) != 0) {
            same = 0;
            break;
        }
        pos += (size_t)r;
    }
    close(fd);
    return same && pos == len;
}

/* Write data to a new temporary file in `dir` with the mode and owner of
 * `st`; returns its name or NULL with *e set and *step naming what failed. */
static char *write_temp(arena *a, const char *dir, const char *base, const void *data,
                        size_t len, const struct stat *st, const atomic_ops *ops, int *e,
                        const char **step)
{
    char *name = arena_printf(a, "%s/.%s.pgconflint-XXXXXX", dir, base);
    int fd = mkostemp(name, O_CLOEXEC);
    if (fd < 0) {
        *e = errno;
        *step = "creating a temporary file in its directory";
        return NULL;
    }
    const unsigned char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = ops->write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            *e = w < 0 ? errno : ENOSPC;
            *step = "writing the temporary file";
            goto bad;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fchmod(fd, st->st_mode & 07777) != 0) {
        *e = errno;
        *step = "setting the file mode";
        goto bad;
    }
    if ((st->st_uid != geteuid() || st->st_gid != getegid()) &&
        fchown(fd, st->st_uid, st->st_gid) != 0) {
        *e = errno;
        *step = "keeping the file's owner and group";
        goto bad;
    }
    if (ops->fsync(fd) != 0) {
        *e = errno;
        *step = "flushing the temporary file to disk";
        goto bad;
    }
    if (close(fd) != 0) {
        fd = -1;
        *e = errno;
        *step = "closing the temporary file";
        goto bad;
    }
    return name;
bad:
    if (fd >= 0)
        close(fd);
    unlink(name);
    return NULL;
}

static void split_path(arena *a, const char *path, const char **dir, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *dir = ".";
        *base = path;
    } else {
        *dir = slash == path ? "/" : arena_strndup(a, path, (size_t)(slash - path));
        *base = slash + 1;
    }
}

int atomic_prepare(arena *a, const char *path, const void *expect, size_t expect_len,
                   const void *data, size_t len, const char *backup_suffix,
                   const atomic_ops *ops, atomic_file *out, const char **err)
{
    memset(out, 0, sizeof *out);
    out->ops = ops ? ops : &real_ops;
    out->path = path;
    out->expect = expect;
    out->expect_len = expect_len;
    char *real = realpath(path, NULL);
    if (!real)
        return fail(a, err, errno, path, "resolving its path");
    out->target = arena_strdup(a, real);
    free(real);
    struct stat st;
    if (stat(out->target, &st) != 0)
        return fail(a, err, errno, path, "reading its mode and owner");
    if (!S_ISREG(st.st_mode))
        return fail(a, err, EINVAL, path, "it is not a regular file");
    /* the rename would replace a read-only file all the same; respect the
     * mode as an editor does */
    if (access(out->target, W_OK) != 0)
        return fail(a, err, errno, path, "checking that it may be written");
    int same = holds(out->target, expect, expect_len);
    if (same < 0)
        return fail(a, err, errno, path, "reading it again");
    if (!same) {
        *err = arena_printf(a, "cannot write \"%s\": it changed on disk after it was read; "
                               "run the fix again", path);
        return ESTALE;
    }
    const char *dir, *base;
    split_path(a, out->target, &dir, &base);
    int e = 0;
    const char *step = NULL;
    out->tmp = write_temp(a, dir, base, data, len, &st, out->ops, &e, &step);
    if (!out->tmp)
        return fail(a, err, e, path, step);
    if (backup_suffix) {
        out->backup = arena_printf(a, "%s%s", out->target, backup_suffix);
        out->backup_tmp = write_temp(a, dir, base, expect, expect_len, &st, out->ops, &e, &step);
        if (!out->backup_tmp) {
            atomic_abort(out);
            return fail(a, err, e, path, arena_printf(a, "%s (backup)", step));
        }
    }
    return 0;
}

int atomic_check(arena *a, const atomic_file *f, const char **err)
{
    struct stat st;
    int same = stat(f->target, &st) == 0 && S_ISREG(st.st_mode)
                   ? holds(f->target, f->expect, f->expect_len)
                   : 0;
    if (same != 1) {
        *err = arena_printf(a, "cannot write \"%s\": it changed on disk while it was being "
                               "fixed; left as it is, run the fix again", f->path);
        return ESTALE;
    }
    return 0;
}

int atomic_commit(arena *a, atomic_file *f, const char **err)
{
    if (f->ops->before_commit)
        f->ops->before_commit(f->ops->ctx, f->target);
    int stale = atomic_check(a, f, err);
    if (stale) {
        atomic_abort(f);
        return stale;
    }
    if (f->backup_tmp) {
        if (rename(f->backup_tmp, f->backup) != 0) {
            int e = errno;
            atomic_abort(f);
            return fail(a, err, e, f->path, "writing the backup");
        }
        f->backup_tmp = NULL;
    }
    if (rename(f->tmp, f->target) != 0) {
        int e = errno;
        atomic_abort(f);
        return fail(a, err, e, f->path, "renaming the new file into place");
    }
    f->tmp = NULL;
    /* the rename is durable only once the directory is on disk too */
    const char *dir, *base;
    split_path(a, f->target, &dir, &base);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)f->ops->fsync(dfd);
        close(dfd);
    }
    return 0;
}

void atomic_abort(atomic_file *f)
{
    if (f->tmp)
        unlink(f->tmp);
    if (f->backup_tmp)
        unlink(f->backup_tmp);
    f->tmp = f->backup_tmp = NULL;
}

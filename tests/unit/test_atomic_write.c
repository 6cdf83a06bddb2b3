/* test_atomic_write — replacing a file: the new bytes, mode and owner kept,
 * a symlink stays a link, the backup; and every failure (a write that fails
 * as on a full disk, a failing fsync, the file changed before or while it is
 * written) leaves the original byte for byte and no temporary file behind,
 * with a message that says what happened. Works in a fresh directory under
 * $TMPDIR (or /tmp). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "atomic_write.h"
#include "tests/tap.h"

static arena *A;
static char dir[256];

static const char *in_dir(const char *name)
{
    return arena_printf(A, "%s/%s", dir, name);
}

static void put(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

static const char *get(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf b = {0};
    int c;
    while ((c = fgetc(f)) != EOF)
        strbuf_putc(A, &b, (char)c);
    fclose(f);
    return b.data ? b.data : "";
}

static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static int write_and_commit(const char *path, const char *expect, const char *data,
                            const char *backup, const atomic_ops *ops, const char **err)
{
    atomic_file f;
    int rc = atomic_prepare(A, path, expect, strlen(expect), data, strlen(data), backup, ops, &f,
                            err);
    if (rc)
        return rc;
    return atomic_commit(A, &f, err);
}

static ssize_t full_disk(int fd, const void *buf, size_t n)
{
    /* the first bytes fit, then the disk is full */
    if (n > 4) {
        ssize_t w = write(fd, buf, 4);
        return w;
    }
    errno = ENOSPC;
    return -1;
}

static int failing_fsync(int fd)
{
    (void)fd;
    errno = EIO;
    return -1;
}

static ssize_t real_write(int fd, const void *buf, size_t n) { return write(fd, buf, n); }
static int real_fsync(int fd) { return fsync(fd); }

static void replace_target(void *ctx, const char *target)
{
    (void)ctx;
    /* another program writes its own version meanwhile, by rename as editors do */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.editor", target);
    put(tmp, "someone else's text\n", 0644);
    rename(tmp, target);
}

int main(void)
{
    A = arena_new();
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/pgcl-atomic-XXXXXX", base);
    if (!mkdtemp(dir)) {
        printf("1..0 # SKIP cannot make a temporary directory\n");
        return 0;
    }
    const char *p = in_dir("postgresql.conf");
    const char *err = NULL;

    put(p, "ssl = off\n", 0640);
    tap_int_eq(write_and_commit(p, "ssl = off\n", "ssl = on\n", NULL, NULL, &err), 0,
               "a prepared write commits");
    tap_str_eq(get(p), "ssl = on\n", "the file holds the new bytes");
    struct stat st;
    stat(p, &st);
    tap_int_eq(st.st_mode & 07777, 0640, "its mode is kept");
    tap_int_eq(entries(), 1, "no temporary file is left");

    if (geteuid() == 0) {
        /* root fixes files that belong to the postgres user: they must stay its */
        chown(p, 4321, 4322);
        tap_int_eq(write_and_commit(p, "ssl = on\n", "ssl = on\n#\n", NULL, NULL, &err), 0,
                   "a file owned by another user");
        stat(p, &st);
        tap_ok(st.st_uid == 4321 && st.st_gid == 4322, "keeps its owner and group");
        put(p, "ssl = on\n", 0640);
    } else {
        printf("# SKIP owner and group: not root\n");
    }
    tap_int_eq(write_and_commit(p, "ssl = on\n", "ssl = on\nport = 5432\n", ".orig", NULL, &err),
               0, "a write with a backup");
    tap_str_eq(get(in_dir("postgresql.conf.orig")), "ssl = on\n", "the backup holds the old bytes");
    unlink(in_dir("postgresql.conf.orig"));

    const char *link = in_dir("link.conf");
    if (symlink("postgresql.conf", link) == 0) {
        tap_int_eq(write_and_commit(link, "ssl = on\nport = 5432\n", "port = 1\n", NULL, NULL, &err),
                   0, "writing through a symlink");
        struct stat lst;
        lstat(link, &lst);
        tap_ok(S_ISLNK(lst.st_mode), "the link is still a link");
        tap_str_eq(get(p), "port = 1\n", "its target got the new bytes");
        unlink(link);
    }

    atomic_ops disk_full = {full_disk, real_fsync, NULL, NULL};
    int rc = write_and_commit(p, "port = 1\n", "a longer text that does not fit\n", NULL,
                              &disk_full, &err);
    tap_int_eq(rc, ENOSPC, "a full disk fails the write");
    tap_ok(err && strstr(err, "No space left on device") && strstr(err, p),
           "the message names the file and the cause");
    tap_str_eq(get(p), "port = 1\n", "the original is untouched");
    tap_int_eq(entries(), 1, "the partial temporary file is removed");

    atomic_ops bad_sync = {real_write, failing_fsync, NULL, NULL};
    rc = write_and_commit(p, "port = 1\n", "port = 2\n", ".orig", &bad_sync, &err);
    tap_int_eq(rc, EIO, "a failing fsync fails the write");
    tap_str_eq(get(p), "port = 1\n", "the original is untouched");
    tap_int_eq(entries(), 1, "nothing is left behind (no backup either)");

    rc = write_and_commit(p, "port = 0\n", "port = 2\n", NULL, NULL, &err);
    tap_int_eq(rc, ESTALE, "a file that changed since it was read is not written");
    tap_ok(err && strstr(err, "changed on disk"), "and the message says so");
    tap_str_eq(get(p), "port = 1\n", "it keeps what it holds");

    atomic_ops racing = {real_write, real_fsync, replace_target, NULL};
    rc = write_and_commit(p, "port = 1\n", "port = 2\n", NULL, &racing, &err);
    tap_int_eq(rc, ESTALE, "a file replaced while it is being fixed is not overwritten");
    tap_str_eq(get(p), "someone else's text\n", "the other program's version stays");
    tap_int_eq(entries(), 1, "the temporary file is removed");

    {
        /* a run checks every file before renaming any (cli/fix_write.c) */
        atomic_file f;
        rc = atomic_prepare(A, p, "someone else's text\n", 20, "port = 4\n", 9, NULL, NULL, &f,
                            &err);
        tap_int_eq(rc, 0, "prepared");
        tap_int_eq(atomic_check(A, &f, &err), 0, "the check passes while the file is as read");
        replace_target(NULL, p);
        put(p, "a third text\n", 0644);
        tap_int_eq(atomic_check(A, &f, &err), ESTALE, "the check fails once it is replaced");
        tap_ok(err && strstr(err, "changed on disk") && strstr(err, p), "naming the file");
        atomic_abort(&f);
        tap_str_eq(get(p), "a third text\n", "abort leaves the other program's text");
        tap_int_eq(entries(), 1, "and no temporary file");
        put(p, "someone else's text\n", 0644);
    }

    if (geteuid() != 0) {
        chmod(p, 0444);
        rc = write_and_commit(p, "someone else's text\n", "port = 3\n", NULL, NULL, &err);
        tap_int_eq(rc, EACCES, "a read-only file is not replaced");
        tap_str_eq(get(p), "someone else's text\n", "and keeps its text");
        chmod(p, 0644);
    } else {
        printf("# SKIP read-only file: root may write any file\n");
    }

    atomic_file f;
    rc = atomic_prepare(A, in_dir("missing.conf"), "", 0, "x", 1, NULL, NULL, &f, &err);
    tap_int_eq(rc, ENOENT, "a missing file cannot be replaced");

    unlink(p);
    rmdir(dir);
    arena_free(A);
    return tap_done();
}

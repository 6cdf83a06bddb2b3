/* source.c — reading files whole and indexing their lines. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A newline starts a line unless it is the last byte. memchr finds them a
 * word at a time: this runs over every byte of every file a batch reads. */
static size_t count_lines(const unsigned char *p, const unsigned char *end)
{
    size_t n = 1;
    for (const unsigned char *q = p; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++)
        if (q + 1 < end)
            n++;
    return n;
}

/* Files up to this size are indexed in one pass into an array sized by a
 * guess (one line per 32 bytes) that doubles when short; a larger file is
 * counted first, so that its index is exactly as large as it must be. */
#define INDEX_GUESS_MAX ((size_t)1 << 20)

static void index_lines(arena *a, source *s)
{
    const unsigned char *p = s->data, *end = p + s->len;
    size_t cap = s->len <= INDEX_GUESS_MAX ? s->len / 32 + 8 : count_lines(p, end) + 1;
    size_t n = 1;
    /* not cleared: slots 0..n are written below, and none past n is read */
    size_t *ls = arena_alloc_raw(a, cap * sizeof *ls);
    ls[0] = 0;
    for (const unsigned char *q = p; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++) {
        if (q + 1 >= end)
            break;   /* a final newline starts no line */
        if (n + 1 >= cap) {   /* grows in place: the array is the newest block */
            ls = arena_realloc(a, ls, cap * sizeof *ls, 2 * cap * sizeof *ls);
            cap *= 2;
        }
        ls[n++] = (size_t)(q + 1 - p);
    }
    ls[n] = s->len;
    s->line_start = ls;
    s->nlines = (s->len == 0) ? 0 : n;
}

/* A source over bytes already in the arena (NUL-terminated at len). */
static source *make_source(arena *a, const char *name, const unsigned char *data, size_t len)
{
    source *s = arena_alloc(a, sizeof *s);
    s->data = data;
    s->len = len;
    s->path = arena_strdup(a, name);
    s->kind = kind_from_name(name);
    index_lines(a, s);
    return s;
}

source *source_from_buffer(arena *a, const char *name, const void *data, size_t len)
{
    unsigned char *copy = arena_alloc(a, len + 1);
    if (len)
        memcpy(copy, data, len);
    return make_source(a, name, copy, len);
}

static int fail(int fd, int e, const char **err, const char *why)
{
    if (fd >= 0)
        close(fd);
    *err = why ? why : strerror(e);
    return e;
}

/* `path` made absolute: against `cwd` when the caller took it once for its
 * run, else against getcwd() (a system call; an absolute path, what a
 * directory walk names, does not need it). */
static char *absolute(arena *a, const char *path, const char *cwd)
{
    return path_make_absolute(a, path, path[0] == '/' ? "/" : source_cwd(a, cwd));
}

const char *source_cwd(arena *a, const char *run_cwd)
{
    if (run_cwd)
        return run_cwd;
    char *here = getcwd(NULL, 0);
    const char *r = arena_strdup(a, here ? here : "/");
    free(here);
    return r;
}

static int read_file(arena *a, const char *path, const char *cwd, source **out,
                     const char **err)
{
    *out = NULL;
    /* O_NONBLOCK: a FIFO named as a configuration file must not hang the
     * run waiting for a writer; it is refused below like any non-file. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return fail(-1, errno, err, NULL);
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(fd, errno, err, NULL);
    if (S_ISDIR(st.st_mode))
        return fail(fd, EISDIR, err, NULL);
    /* Devices and FIFOs never end (/dev/zero) or block: not configuration. */
    if (!S_ISREG(st.st_mode))
        return fail(fd, SOURCE_ENOTREG, err, "not a regular file");
    if ((unsigned long long)st.st_size > SOURCE_MAX_BYTES)
        return fail(fd, SOURCE_ETOOBIG, err, "file too large (the limit is 128 MiB)");
    /* Read straight into the arena: no second copy of a large file. The
     * first read asks for one byte more than fstat() gave: a regular file
     * reads short only at its end (POSIX), so when it returns just the
     * bytes fstat() counted, no second read() is needed to see the end;
     * the byte more shows a file that grew. */
    size_t size = (size_t)st.st_size, cap = size + 2, len = 0;
    unsigned char *buf = arena_alloc_raw(a, cap);   /* read() fills it */
    for (;;) {
        if (len + 1 == cap) {   /* full: the file grew past what fstat() gave */
            if (cap > SOURCE_MAX_BYTES)
                return fail(fd, SOURCE_ETOOBIG, err, "file too large (the limit is 128 MiB)");
            /* Ask before doubling the buffer: nearly always nothing more
             * comes, and growing (zeroed, maybe copied) cost every file. */
            unsigned char more[512];
            ssize_t r = read(fd, more, sizeof more);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                return fail(fd, errno, err, NULL);
            }
            if (r == 0)
                break;
            while (cap - 1 - len < (size_t)r) {
                buf = arena_realloc(a, buf, cap, cap * 2);
                cap *= 2;
            }
            memcpy(buf + len, more, (size_t)r);
            len += (size_t)r;
            continue;
        }
        size_t ask = cap - 1 - len;
        ssize_t r = read(fd, buf + len, ask);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return fail(fd, errno, err, NULL);
        }
        if (r == 0)
            break;
        len += (size_t)r;
        /* A short read that ends where fstat() said is the end. One that
         * ends before (the file shrank, or a file system that reads in
         * pieces) reads on until read() returns 0, as it always did. */
        if ((size_t)r < ask && len == size) {
            /* a file of exactly the limit is refused, as it always was */
            if (size + 1 > SOURCE_MAX_BYTES)
                return fail(fd, SOURCE_ETOOBIG, err, "file too large (the limit is 128 MiB)");
            break;
        }
    }
    close(fd);
    buf[len] = '\0';
    source *s = make_source(a, path, buf, len);
    s->abspath = absolute(a, path, cwd);
    s->dir = path_dirname(a, s->abspath);
    *out = s;
    return 0;
}

int source_read_file(arena *a, const char *path, source **out, const char **err)
{
    return read_file(a, path, NULL, out, err);
}

const source_overlay_file *source_overlay_find(const source_overlay *ov, const char *abspath)
{
    if (!ov || !abspath)
        return NULL;
    for (size_t i = 0; i < ov->n; i++)
        if (strcmp(ov->files[i].abspath, abspath) == 0)
            return &ov->files[i];
    return NULL;
}

int source_read_file_in(arena *a, const char *path, const char *cwd, const source_overlay *ov,
                        source **out, const char **err)
{
    if (!ov || ov->n == 0)
        return read_file(a, path, cwd, out, err);
    const char *abs = absolute(a, path, cwd);
    const source_overlay_file *f = source_overlay_find(ov, abs);
    if (!f)
        return read_file(a, path, cwd, out, err);
    source *s = source_from_buffer(a, path, f->data, f->len);
    s->abspath = abs;
    s->dir = path_dirname(a, abs);
    *out = s;
    return 0;
}

void source_linecol(const source *s, size_t off, int *line, int *col)
{
    if (s->nlines == 0) {
        *line = 1;
        *col = (int)off + 1;
        return;
    }
    /* binary search for the last line_start <= off */
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)lo + 1;
    *col = (int)(off - s->line_start[lo]) + 1;
}

size_t source_line_offset(const source *s, int line)
{
    if (line < 1)
        return 0;
    if ((size_t)line > s->nlines)
        return s->len;
    return s->line_start[line - 1];
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

file_kind kind_from_name(const char *path)
{
    const char *b = base_name(path);
    size_t n = strlen(b);
    if (strstr(b, "hba") && n > 5 && strcmp(b + n - 5, ".conf") == 0)
        return KIND_HBA;
    if (strstr(b, "ident") && n > 5 && strcmp(b + n - 5, ".conf") == 0)
        return KIND_IDENT;
    if (n > 5 && strcmp(b + n - 5, ".conf") == 0)
        return KIND_CONF;
    return KIND_UNKNOWN;
}

const char *kind_name(file_kind k)
{
    switch (k) {
    case KIND_CONF: return "conf";
    case KIND_HBA: return "hba";
    case KIND_IDENT: return "ident";
    default: return "unknown";
    }
}

file_kind kind_parse(const char *name)
{
    if (strcmp(name, "conf") == 0) return KIND_CONF;
    if (strcmp(name, "hba") == 0) return KIND_HBA;
    if (strcmp(name, "ident") == 0) return KIND_IDENT;
    return KIND_UNKNOWN;
}

char *path_canonicalize(arena *a, const char *path)
{
    /* Lexical clean-up, like PostgreSQL's canonicalize_path: no symlink resolution. */
    size_t n = strlen(path);
    const char **parts = arena_alloc(a, (n + 1) * sizeof(char *));
    size_t *plen = arena_alloc(a, (n + 1) * sizeof(size_t));
    size_t np = 0;
    int absolute = path[0] == '/';
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != '/')
            q++;
        size_t l = (size_t)(q - p);
        if (l == 1 && p[0] == '.') {
            /* skip */
        } else if (l == 2 && p[0] == '.' && p[1] == '.') {
            if (np > 0 && !(plen[np - 1] == 2 && parts[np - 1][0] == '.' && parts[np - 1][1] == '.'))
                np--;
            else if (!absolute) {
                parts[np] = p;
                plen[np++] = l;
            }
        } else {
            parts[np] = p;
            plen[np++] = l;
        }
        p = q;
    }
    strbuf b = {0};
    if (absolute)
        strbuf_putc(a, &b, '/');
    for (size_t i = 0; i < np; i++) {
        if (i)
            strbuf_putc(a, &b, '/');
        strbuf_put(a, &b, parts[i], plen[i]);
    }
    if (b.len == 0)
        strbuf_puts(a, &b, absolute ? "/" : ".");
    return b.data;
}

char *path_make_absolute(arena *a, const char *path, const char *base_dir)
{
    if (path[0] == '/')
        return path_canonicalize(a, path);
    return path_canonicalize(a, arena_printf(a, "%s/%s", base_dir, path));
}

char *path_dirname(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

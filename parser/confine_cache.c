/*
 * confine_cache.c — canonical directories remembered for a run.
 *
 * realpath() costs one readlink() per path component, and confinement
 * resolved the checked root and every file's directories again for each
 * file: most of the system time of a batch went there. A batch reads
 * thousands of files from a few directories under one root, so a
 * directory's canonical form is kept once found, and a file then costs one
 * lstat(). The tree is taken not to change while it is checked (as the walk
 * that listed it already does). The cache belongs to the run that made it
 * (load_opts.confine_cache), not to the process; the run's worker threads
 * share it under its mutex, and no system call is made while it is held.
 */
#include "confine.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Enough for the directories a file's path passes through, and for those
 * of the few files checked at the same time; older ones are forgotten. */
#define SLOTS 64

struct slot {
    unsigned long hash;
    char *path;   /* absolute, as written */
    char *real;   /* canonical */
};

struct confine_cache {
    struct slot slots[SLOTS];
    unsigned next_slot;
    pthread_mutex_t lock;
    confine_lister lister;   /* set before the threads start, read-only then */
    const void *lister_ctx;
};

confine_cache *confine_cache_new(void)
{
    confine_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;   /* no cache: every path is resolved afresh */
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

void confine_cache_set_lister(confine_cache *c, confine_lister lister, const void *ctx)
{
    if (!c)
        return;
    c->lister = lister;
    c->lister_ctx = ctx;
}

void confine_cache_free(confine_cache *c)
{
    if (!c)
        return;
    for (unsigned i = 0; i < SLOTS; i++) {
        free(c->slots[i].path);
        free(c->slots[i].real);
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static unsigned long hash_str(const char *s)
{
    unsigned long h = 14695981039346656037UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

/* Copies the canonical form of directory `path` into out, if known. */
static int lookup(confine_cache *c, const char *path, unsigned long h, char *out)
{
    int found = 0;
    pthread_mutex_lock(&c->lock);
    for (unsigned i = 0; i < SLOTS && !found; i++) {
        unsigned at = (c->next_slot + SLOTS - 1 - i) % SLOTS;
        struct slot *s = &c->slots[at];
        if (s->path && s->hash == h && strcmp(s->path, path) == 0) {
            /* memcpy, not strcpy (clang-tidy's insecureAPI.strcpy flags
             * every strcpy): `real` was a PATH_MAX-bounded `out` */
            memcpy(out, s->real, strlen(s->real) + 1);
            found = 1;
            /* A directory found again in the older half becomes the
             * newest, changing places with the oldest: otherwise the
             * checked root, met by every file, was forgotten after 64 new
             * directories and resolved again from "/". */
            if (i >= SLOTS / 2) {
                struct slot hit = *s;
                c->slots[at] = c->slots[c->next_slot];
                c->slots[c->next_slot] = hit;
                c->next_slot = (c->next_slot + 1) % SLOTS;
            }
        }
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

static void remember(confine_cache *c, const char *path, unsigned long h, const char *real)
{
    char *p = strdup(path), *r = strdup(real);
    if (!p || !r) {   /* a cache that cannot grow is only slower */
        free(p);
        free(r);
        return;
    }
    pthread_mutex_lock(&c->lock);
    struct slot *s = &c->slots[c->next_slot];
    c->next_slot = (c->next_slot + 1) % SLOTS;
    char *old_path = s->path, *old_real = s->real;
    s->hash = h;
    s->path = p;
    s->real = r;
    pthread_mutex_unlock(&c->lock);
    free(old_path);
    free(old_real);
}

/* Only plain absolute paths are taken: ".", ".." and repeated or trailing
 * slashes are left to realpath(), which handles them the kernel's way. */
static int plain(const char *path)
{
    if (path[0] != '/' || strlen(path) >= PATH_MAX)
        return 0;
    for (const char *p = path; *p; p++) {
        if (*p != '/')
            continue;
        const char *c = p + 1;
        if (*c == '\0')
            return p == path;   /* "/" alone */
        if (*c == '/' || (c[0] == '.' && (c[1] == '/' || c[1] == '\0')) ||
            (c[0] == '.' && c[1] == '.' && (c[2] == '/' || c[2] == '\0')))
            return 0;
    }
    return 1;
}

/* The canonical form of plain absolute `path` into out (PATH_MAX bytes):
 * that of its deepest remembered ancestor, then one component after
 * another, each looked at with lstat(); a symbolic link goes to realpath().
 * A loop rather than recursion: a deep path must not deepen the stack. */
static int resolve(confine_cache *c, const char *path, char *out)
{
    size_t n = strlen(path), end = n;
    char buf[PATH_MAX];
    memcpy(buf, path, n + 1);
    /* path[0, end) is the prefix at hand; end == 1 stands for "/" */
    for (;;) {
        if (end == 1) {
            memcpy(out, "/", 2);   /* not strcpy: see lookup() */
            break;
        }
        buf[end] = '\0';
        if (lookup(c, buf, hash_str(buf), out))
            break;
        while (end > 1 && buf[end - 1] != '/')
            end--;
        if (end > 1)
            end--;   /* drop the slash too, but keep "/" itself */
    }
    while (end < n) {
        size_t from = end == 1 ? 1 : end + 1, to = from;
        while (to < n && path[to] != '/')
            to++;
        size_t olen = strlen(out);
        if (olen == 1)
            olen = 0;   /* below the root: no second slash */
        if (olen + 1 + (to - from) >= PATH_MAX)
            return -1;
        out[olen] = '/';
        memcpy(out + olen + 1, path + from, to - from);
        out[olen + 1 + (to - from)] = '\0';
        /* A name the run's walk listed as a directory or a regular file is
         * no symbolic link: its lstat() would say nothing more. */
        int known = c->lister ? c->lister(c->lister_ctx, path, end, path + from, to - from)
                              : CONFINE_ASK;
        if (known == CONFINE_FILE)
            return to < n ? -1 : 0;
        if (known == CONFINE_DIRECTORY) {
            memcpy(buf, path, to);
            buf[to] = '\0';
            remember(c, buf, hash_str(buf), out);
            end = to;
            continue;
        }
        struct stat st;
        if (lstat(out, &st) != 0) {
            if (errno != ENOENT)
                return -1;
            /* The name is not there: `out` less it is the deepest ancestor
             * that exists, and the rest goes after it as written, which is
             * what confine_resolve makes of a missing path. Answered here,
             * realpath() need not look at every component again, twice. */
            size_t rest = n - from;
            if (olen + 1 + rest >= PATH_MAX)
                return -1;
            memcpy(out + olen + 1, path + from, rest + 1);
            return 0;
        }
        int is_dir = S_ISDIR(st.st_mode);
        if (S_ISLNK(st.st_mode)) {
            char *r = realpath(out, NULL);
            if (!r)
                return -1;
            size_t rlen = strlen(r);
            is_dir = rlen < PATH_MAX && stat(r, &st) == 0 && S_ISDIR(st.st_mode);
            if (rlen < PATH_MAX)
                memcpy(out, r, rlen + 1);
            free(r);
            if (rlen >= PATH_MAX)
                return -1;
        }
        if (!is_dir)
            /* files are looked at once; only directories recur. A file with
             * more path after it is realpath's error to report. */
            return to < n ? -1 : 0;
        memcpy(buf, path, to);
        buf[to] = '\0';
        remember(c, buf, hash_str(buf), out);
        end = to;
    }
    return 0;
}

char *confine_cache_resolve(confine_cache *c, arena *a, const char *path)
{
    char out[PATH_MAX];
    if (!c || !plain(path) || resolve(c, path, out) != 0)
        return NULL;
    return arena_strdup(a, out);
}

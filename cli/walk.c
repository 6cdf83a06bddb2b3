/* walk.c — recursive directory expansion with a stable order. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confine.h"
#include "source.h"

/* A directory entry: its name, and its type as readdir() gave it (DT_UNKNOWN
 * when the file system does not say; then lstat() tells). */
typedef walk_entry entry;

static int cmp_entry(const void *x, const void *y)
{
    return strcmp((*(const entry *const *)x)->name, (*(const entry *const *)y)->name);
}

/* The entry named name[0, len) (sorted as strcmp sorts), or NULL. */
static const walk_entry *find_entry(const walk_listing *l, const char *name, size_t len)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const walk_entry *e = l->entries[mid];
        int c = strncmp(e->name, name, len);
        if (c == 0 && e->name[len] == '\0')
            return e;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;   /* also when e->name is longer: it sorts after */
    }
    return NULL;
}

int walk_listing_has(const walk_listing *l, const char *name)
{
    if (!l || name[0] == '.' || strchr(name, '/'))
        return -1;
    const walk_entry *e = find_entry(l, name, strlen(name));
    if (!e)
        return 0;
    /* access() follows a link, which may dangle */
    return e->type == DT_LNK || e->type == DT_UNKNOWN ? -1 : 1;
}

static int excluded(const walk_filter *f, const char *path, int is_dir)
{
    return f && f->exclude && f->exclude(f->ctx, path, is_dir);
}

static void walk_dir(arena *a, const char *dir, const walk_filter *f, walk_result *out, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag *dg = arena_alloc(a, sizeof *dg);
        dg->path = dir;
        dg->message = arena_printf(a, "could not open directory: %s", strerror(errno));
        dg->code = "io-error";
        ptrvec_push(a, &out->errors, dg);
        return;
    }
    ptrvec names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .., .git and hidden files, as PostgreSQL's include_dir skips them */
        entry *en = arena_alloc(a, sizeof *en);
        en->name = arena_strdup(a, e->d_name);
        en->type = e->d_type;
        ptrvec_push(a, &names, en);
    }
    closedir(d);
    if (names.n)
        qsort(names.items, names.n, sizeof(void *), cmp_entry);
    /* kept for planning: which of a server's files exist here is then known
     * without asking the file system once per name */
    walk_listing *listing = arena_alloc(a, sizeof *listing);
    listing->dir = dir;
    listing->entries = names.items;
    listing->n = names.n;
    ptrvec_push(a, &out->dirs, listing);
    for (size_t i = 0; i < names.n; i++) {
        const entry *en = names.items[i];
        /* "." walks to "a/b", not "./a/b": the paths users and code scanning expect */
        char *p = strcmp(dir, ".") == 0 ? en->name : arena_printf(a, "%s/%s", dir, en->name);
        /* The type readdir() reported spares an lstat() per file (a walk of
         * thousands of files made as many calls just to learn it again). */
        int is_dir = en->type == DT_DIR, is_reg = en->type == DT_REG, is_lnk = en->type == DT_LNK;
        if (en->type == DT_UNKNOWN) {
            struct stat st;
            if (lstat(p, &st) != 0)
                continue; /* vanished between readdir and stat */
            is_dir = S_ISDIR(st.st_mode);
            is_reg = S_ISREG(st.st_mode);
            is_lnk = S_ISLNK(st.st_mode);
        }
        if (is_dir) {
            if (depth < 64 && !excluded(f, p, 1))
                walk_dir(a, p, f, out, depth + 1);
        } else if (is_reg || is_lnk) {
            /* Links to directories are not followed (no loops, no walking
             * out of the tree); a dangling or looping link stays, so that
             * reading it reports the file that could not be read. */
            struct stat target;
            if (is_lnk && stat(p, &target) == 0 && !S_ISREG(target.st_mode))
                continue;
            if (excluded(f, p, 0))
                continue;
            file_kind k = f && f->kind_of ? f->kind_of(f->ctx, p) : kind_from_name(p);
            if (k != KIND_UNKNOWN) {
                ptrvec_push(a, &out->files, p);
                ptrvec_push(a, &out->kinds, (void *)(intptr_t)(f && f->kind_of ? k : KIND_UNKNOWN));
                ptrvec_push(a, &out->listings, listing);
            }
        }
    }
}

void walk_paths(arena *a, const char **paths, int npaths, const walk_filter *filter,
                walk_result *out)
{
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        const char *p = paths[i];
        if (strcmp(p, "-") != 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t n = strlen(p);
            while (n > 1 && p[n - 1] == '/')
                n--;
            const char *dir = arena_strndup(a, p, n);
            if (filter && filter->exclude_named && excluded(filter, dir, 1))
                continue;
            walk_dir(a, dir, filter, out, 0);
        } else {
            if (filter && filter->exclude_named && strcmp(p, "-") != 0 && excluded(filter, p, 0))
                continue;
            /* a file named on the command line is checked whatever its name */
            file_kind k = filter && filter->kind_of && strcmp(p, "-") != 0
                              ? filter->kind_of(filter->ctx, p) : KIND_UNKNOWN;
            ptrvec_push(a, &out->files, (void *)p);
            ptrvec_push(a, &out->kinds, (void *)(intptr_t)k);
            ptrvec_push(a, &out->listings, NULL);
        }
    }
}

/* An open-addressed table of absolute directory paths: one slot per walked
 * directory, twice as many slots as directories. */
struct walk_index {
    size_t mask;
    struct ix_slot {
        char *abs;   /* NULL: empty */
        size_t len;
        const walk_listing *listing;
    } *slot;
};

static size_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)h;
}

/* An absolute path without ".", ".." or empty components: one that names
 * the directory the kernel reaches by it, whatever links lie on the way
 * (a lexically collapsed ".." after a link would name another). */
static int plain_abs(const char *p)
{
    if (p[0] != '/')
        return 0;
    for (const char *c = p + 1;; c++) {
        const char *e = strchr(c, '/');
        size_t n = e ? (size_t)(e - c) : strlen(c);
        if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
            return 0;
        if (!e)
            return 1;
        c = e;
    }
}

walk_index *walk_index_new(const walk_result *w, const char *cwd)
{
    size_t cap = 16;
    while (cap < 2 * w->dirs.n)
        cap *= 2;
    walk_index *ix = malloc(sizeof *ix);
    if (!ix)
        return NULL;
    ix->mask = cap - 1;
    ix->slot = calloc(cap, sizeof *ix->slot);
    if (!ix->slot) {
        free(ix);
        return NULL;
    }
    arena *scratch = arena_new();
    for (size_t i = 0; i < w->dirs.n; i++) {
        const walk_listing *l = w->dirs.items[i];
        arena_reset(scratch);   /* the previous directory's path */
        /* absolute as confinement writes the path it resolves: joined to
         * the working directory, not collapsed (a directory named with ".."
         * or "." inside is left out: it is looked at on disk as before) */
        const char *abs = strcmp(l->dir, ".") == 0 ? cwd
                          : l->dir[0] == '/'       ? l->dir
                                                   : arena_printf(scratch, "%s/%s", cwd, l->dir);
        if (!plain_abs(abs))
            continue;
        size_t len = strlen(abs), at = hash_bytes(abs, len) & ix->mask;
        while (ix->slot[at].abs && strcmp(ix->slot[at].abs, abs) != 0)
            at = (at + 1) & ix->mask;
        if (ix->slot[at].abs)
            continue;   /* walked twice (named twice): one listing will do */
        char *copy = strdup(abs);
        if (!copy)
            continue;   /* not indexed: asked on disk */
        ix->slot[at] = (struct ix_slot){copy, len, l};
    }
    arena_free(scratch);
    return ix;
}

void walk_index_free(walk_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i <= ix->mask; i++)
        free(ix->slot[i].abs);
    free(ix->slot);
    free(ix);
}

int walk_index_kind(const void *ctx, const char *dir, size_t dirlen, const char *name,
                    size_t namelen)
{
    const walk_index *ix = ctx;
    /* dot-names are not listed: a name absent from a listing says nothing */
    if (!ix || namelen == 0 || name[0] == '.')
        return CONFINE_ASK;
    size_t at = hash_bytes(dir, dirlen) & ix->mask;
    for (; ix->slot[at].abs; at = (at + 1) & ix->mask) {
        const struct ix_slot *s = &ix->slot[at];
        if (s->len != dirlen || memcmp(s->abs, dir, dirlen) != 0)
            continue;
        const walk_entry *e = find_entry(s->listing, name, namelen);
        /* only what readdir() said outright: a link, or a type it did not
         * give, is looked at as before */
        if (e && e->type == DT_DIR)
            return CONFINE_DIRECTORY;
        if (e && e->type == DT_REG)
            return CONFINE_FILE;
        return CONFINE_ASK;
    }
    return CONFINE_ASK;
}

/* walk.c — recursive directory expansion with a stable order. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "source.h"

/* A directory entry: its name, and its type as readdir() gave it (DT_UNKNOWN
 * when the file system does not say; then lstat() tells). */
typedef struct entry {
    char *name;
    unsigned char type;
} entry;

static int cmp_entry(const void *x, const void *y)
{
    return strcmp((*(const entry *const *)x)->name, (*(const entry *const *)y)->name);
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
        }
    }
}

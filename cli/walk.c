/* walk.c — recursive directory expansion with a stable order. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "source.h"

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void walk_dir(arena *a, const char *dir, walk_result *out, int depth)
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
        ptrvec_push(a, &names, arena_strdup(a, e->d_name));
    }
    closedir(d);
    if (names.n)
        qsort(names.items, names.n, sizeof(void *), cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        char *p = arena_printf(a, "%s/%s", dir, (char *)names.items[i]);
        struct stat st;
        if (lstat(p, &st) != 0)
            continue; /* vanished between readdir and stat */
        if (S_ISDIR(st.st_mode)) {
            if (depth < 64)
                walk_dir(a, p, out, depth + 1);
        } else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
            if (kind_from_name(p) != KIND_UNKNOWN)
                ptrvec_push(a, &out->files, p);
        }
    }
}

void walk_paths(arena *a, const char **paths, int npaths, walk_result *out)
{
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        const char *p = paths[i];
        if (strcmp(p, "-") != 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t n = strlen(p);
            while (n > 1 && p[n - 1] == '/')
                n--;
            walk_dir(a, arena_strndup(a, p, n), out, 0);
        } else {
            ptrvec_push(a, &out->files, (void *)p);
        }
    }
}

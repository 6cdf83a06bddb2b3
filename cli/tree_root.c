/* tree_root.c — the confinement root of a run. */
#include "tree_root.h"

#include <string.h>
#include <sys/stat.h>

#include "confine.h"
#include "source.h"

/* The directory a named path stands for: itself if it is one, else its parent. */
static const char *dir_of(arena *a, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return confine_resolve(a, path);
    return path_dirname(a, confine_resolve(a, path));
}

/* The longest common directory prefix of two canonical absolute paths. */
static char *common_dir(arena *a, const char *x, const char *y)
{
    size_t n = 0, last = 0;
    while (x[n] && x[n] == y[n]) {
        if (x[n] == '/')
            last = n;
        n++;
    }
    if ((x[n] == '\0' || x[n] == '/') && (y[n] == '\0' || y[n] == '/'))
        last = n;
    return last == 0 ? arena_strdup(a, "/") : arena_strndup(a, x, last);
}

const char *tree_root(arena *a, const char *const *paths, int npaths, const char *stdin_filename)
{
    const char *root = NULL;
    for (int i = 0; i < npaths; i++) {
        const char *p = paths[i];
        const char *d;
        if (strcmp(p, "-") == 0)
            d = stdin_filename ? dir_of(a, stdin_filename) : confine_resolve(a, ".");
        else
            d = dir_of(a, p);
        root = root ? common_dir(a, root, d) : d;
    }
    return root ? root : confine_resolve(a, ".");
}

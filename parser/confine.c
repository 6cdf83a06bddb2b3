/* confine.c — is an include target inside the checked tree? */
#include "confine.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

/* confine_resolve, through the run's cache when there is one, against the
 * run's working directory when it was taken (else getcwd()). */
static char *resolve_in(confine_cache *c, const char *cwd, arena *a, const char *path)
{
    const char *abs = path[0] == '/' ? path : arena_printf(a, "%s/%s", source_cwd(a, cwd), path);
    char *known = confine_cache_resolve(c, a, abs);
    if (known)
        return known;
    char *full = realpath(abs, NULL);
    if (full) {
        char *r = arena_strdup(a, full);
        free(full);
        return r;
    }
    /* Resolve the deepest ancestor that exists, then add the rest as
     * written: what open() would reach if the tail were created. Done on
     * the unresolved path, since ".." after a symbolic link climbs from the
     * link's target, not from the link. */
    char *head = arena_strdup(a, abs);
    size_t n = strlen(head);
    while (n > 1) {
        while (n > 1 && head[n - 1] != '/')
            n--;
        size_t cut = n > 1 ? n - 1 : 1;   /* keep "/" itself */
        char saved = head[cut];
        head[cut] = '\0';
        char *r = realpath(head, NULL);
        head[cut] = saved;
        if (r) {
            const char *tail = abs + cut + (abs[cut] == '/');
            char *joined = arena_printf(a, "%s/%s", strcmp(r, "/") ? r : "", tail);
            free(r);
            return path_canonicalize(a, joined);
        }
        n = cut;
    }
    return path_canonicalize(a, abs);
}

char *confine_resolve(arena *a, const char *path)
{
    return resolve_in(NULL, NULL, a, path);
}

char *confine_resolve_opts(arena *a, const load_opts *o, const char *path)
{
    return resolve_in(o->confine_cache, o->cwd, a, path);
}

int confine_under(const char *root, const char *path)
{
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (n == 1 && root[0] == '/')
        return path[0] == '/';
    return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int confine_outside(arena *a, const load_opts *o, const char *path)
{
    if (!o->root_dir || o->allow_outside)
        return 0;
    /* the root is resolved too, so a tree reached through a symbolic link
     * (macOS /tmp, a checkout under a linked home) still contains itself */
    return !confine_under(confine_resolve_opts(a, o, o->root_dir),
                          confine_resolve_opts(a, o, path));
}

char *confine_message(arena *a, const load_opts *o, const char *what, const char *path)
{
    const char *real = confine_resolve_opts(a, o, path);
    const char *via = strcmp(real, path_canonicalize(a, path)) != 0
                          ? arena_printf(a, " (it leads to \"%s\")", real)
                          : "";
    return arena_printf(a,
                        "%s \"%s\"%s is outside the checked tree \"%s\" and was not read "
                        "(--allow-include-outside reads it)",
                        what, path, via, o->root_dir);
}

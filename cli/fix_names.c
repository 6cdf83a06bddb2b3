/* fix_names.c — the names `pgconflint fix` shows for the files it changed
 * (see fix_names.h). */
#include <string.h>

#include "fix_names.h"

/* Relative to the current directory, as `git apply` and `patch -p1`
 * expect (climbing with ../ when it is not under it). */
const char *fix_shown_path(arena *a, const char *abs, const char *cwd)
{
    if (strcmp(abs, "-") == 0)
        return "stdin";
    if (strcmp(cwd, "/") == 0)
        return abs + 1;
    size_t n = strlen(cwd);
    if (strncmp(abs, cwd, n) == 0 && abs[n] == '/')
        return abs + n + 1;
    size_t common = 0;   /* the '/' that ends the deepest common directory */
    for (size_t i = 1; abs[i] && cwd[i] && abs[i] == cwd[i]; i++)
        if (abs[i] == '/')
            common = i;
    strbuf b = {0};
    for (const char *p = cwd + common; *p; p++)
        if (*p == '/')
            strbuf_puts(a, &b, "../");
    strbuf_puts(a, &b, abs + common + 1);
    return b.data;
}

const char *fix_file_name(const fix_file *f)
{
    return f->names.n ? f->names.items[0] : f->path;
}

/* The real file (symlinks resolved, as the in-place write resolves them),
 * since `git apply` and `patch` refuse to patch through a symbolic link. */
const char *fix_diff_name(const fix_file *f)
{
    return strcmp(f->key, "-") != 0 ? f->key : fix_file_name(f);
}

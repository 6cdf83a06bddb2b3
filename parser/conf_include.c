/* conf_include.c — following include directives the way PostgreSQL does. */
#include "conf_include.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confine.h"

static const char *errno_text(arena *a, int e)
{
    /* what source_read_file refuses on its own (source.h) */
    if (e == SOURCE_ENOTREG)
        return "not a regular file";
    if (e == SOURCE_ETOOBIG)
        return "file too large (the limit is 128 MiB)";
    char buf[256];
    /* GNU strerror_r: returns a pointer to the text (maybe not buf). */
    const char *s = strerror_r(e, buf, sizeof buf);
    return arena_strdup(a, s);
}

/* trim_directory: drop the last component and the separators before it,
 * keeping a leading slash. Works in place. */
static void trim_directory(char *path)
{
    if (path[0] == '\0')
        return;
    char *p = path + strlen(path) - 1;
    while (*p == '/' && p > path)
        p--;
    while (*p != '/' && p > path)
        p--;
    while (p > path && p[-1] == '/')
        p--;
    if (p == path && *p == '/')
        p++;
    *p = '\0';
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* canonicalize_path before PostgreSQL 15: only duplicate and trailing
 * separators and trailing "." / ".." components are handled; a ".." in the
 * middle of a path stays, which shows in messages and defeats the
 * self-include check. */
static char *canonicalize_old(arena *a, const char *in)
{
    size_t n = strlen(in);
    char *path = arena_alloc(a, n + 4 * (n + 1) + 1);
    memcpy(path, in, n + 1);
    /* trailing separators (a leading one stays) */
    char *e = path + strlen(path);
    if (e > path)
        for (e--; e > path && *e == '/'; e--)
            *e = '\0';
    /* duplicate separators */
    char *to = path;
    int was_sep = 0;
    for (char *p = path; *p; p++) {
        if (*p == '/' && was_sep)
            continue;
        was_sep = *p == '/';
        *to++ = *p;
    }
    *to = '\0';
    int pending = 0;
    for (;;) {
        size_t len = strlen(path);
        if (len >= 2 && ends_with(path, len, "/.")) {
            trim_directory(path);
        } else if (strcmp(path, ".") == 0) {
            if (pending > 0)
                path[0] = '\0';
            break;
        } else if ((len >= 3 && ends_with(path, len, "/..")) || strcmp(path, "..") == 0) {
            trim_directory(path);
            pending++;
        } else if (pending > 0 && path[0] != '\0') {
            trim_directory(path);
            pending--;
            if (path[0] == '\0')
                memcpy(path, ".", 2);
        } else {
            break;
        }
    }
    if (pending > 0) {
        /* the buffer has room for four bytes per input byte and more */
        size_t len = strlen(path);
        while (--pending > 0) {
            memcpy(path + len, "../", 4);
            len += 3;
        }
        memcpy(path + len, "..", 3);
    }
    return path;
}

char *conf_canonicalize(arena *a, const char *path, int pg_version)
{
    if (pg_version < 15)
        return canonicalize_old(a, path);
    return path_canonicalize(a, path);
}

char *conf_parent_dir(arena *a, const char *path)
{
    char *p = arena_strdup(a, path);
    trim_directory(p);
    return p;
}

/* join_path_components: "./" prefixes of the tail are dropped first. */
static char *join_path(arena *a, const char *head, const char *tail)
{
    while (tail[0] == '.' && tail[1] == '/')
        tail += 2;
    if (!*tail)
        return arena_strdup(a, head);
    return arena_printf(a, "%s%s%s", head, *head ? "/" : "", tail);
}

char *conf_include_abs_path(arena *a, const char *value, const char *base_dir, int pg_version)
{
    if (value[0] == '/')
        return arena_strdup(a, value);
    return conf_canonicalize(a, join_path(a, base_dir, value), pg_version);
}

char *conf_include_display_path(arena *a, const char *value, const char *calling_display,
                                int pg_version)
{
    if (value[0] == '/')
        return arena_strdup(a, value);
    /* joined and tidied the way PostgreSQL treats its own absolute name, so
     * the shown path and the one in messages agree up to the prefix */
    char *dir = conf_parent_dir(a, calling_display);   /* "" for a bare file name */
    return conf_canonicalize(a, join_path(a, dir, value), pg_version);
}

int conf_include_name_is_empty(const char *value)
{
    return strspn(value, " \t\r\n") == strlen(value);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int conf_include_list_dir(arena *a, const char *dir, int pg_version, conf_dir_listing *out)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d) {
        out->open_errno = errno;
        return 0;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        size_t n = strlen(nm);
        if (n < 6 || nm[0] == '.' || strcmp(nm + n - 5, ".conf") != 0)
            continue;
        char *full = conf_canonicalize(a, join_path(a, dir, nm), pg_version);
        struct stat st;
        if (stat(full, &st) != 0) {
            out->stat_errno = errno;
            out->stat_failed = full;
            closedir(d);
            return 0;
        }
        if (S_ISDIR(st.st_mode))
            continue;
        ptrvec_push(a, &out->names, arena_strdup(a, nm));
    }
    closedir(d);
    if (out->names.n > 1)
        qsort(out->names.items, out->names.n, sizeof(void *), cmp_str);
    return 1;
}

/* Error at the directive's path token. */
static void report_at(const conf_include_ctx *cx, const conf_tree *calling, const conf_node *nd,
                      int is_error, const char *message)
{
    diag *d = diag_at(cx->a, calling->src, nd->value.off, nd->value.len, "%s", message);
    d->line = nd->line;
    d->code = is_error ? "include-error" : "include-skipped";
    cx->report(cx->self, d, is_error);
}

/* A target outside the checked tree is not read: a finding of our own
 * (PostgreSQL would read it), logged as a note so the model stays PostgreSQL's. */
static int outside_root(const conf_include_ctx *cx, const conf_tree *calling, const conf_node *nd,
                        const char *what, const char *abs)
{
    if (!confine_outside(cx->a, cx->opts, abs))
        return 0;
    diag *d = diag_at(cx->a, calling->src, nd->value.off, nd->value.len, "%s",
                      confine_message(cx->a, cx->opts, what, abs));
    d->line = nd->line;
    d->code = CONFINE_RULE;
    cx->report(cx->self, d, 0);
    return 1;
}

/* ParseConfigFile from a directive: `name` is the file name as the caller
 * hands it over (the written value, or a full path from include_dir). */
static int include_one(const conf_include_ctx *cx, const conf_tree *calling, const conf_node *nd,
                       const char *name, const char *display, int strict, int depth,
                       const char *base_dir)
{
    arena *a = cx->a;
    if (conf_include_name_is_empty(name)) {
        report_at(cx, calling, nd, 1,
                  arena_printf(a, "empty configuration file name: \"%s\"", name));
        return 0;
    }
    if (depth > CONF_MAX_INCLUDE_DEPTH) {
        report_at(cx, calling, nd, 1,
                  arena_printf(a,
                               "could not open configuration file \"%s\": maximum nesting depth exceeded",
                               name));
        return 0;
    }
    int v = cx->opts->pg_version;
    const char *abs = conf_include_abs_path(a, name, base_dir, v);
    if (strcmp(abs, calling->pg_path) == 0) {
        report_at(cx, calling, nd, 1,
                  arena_printf(a, "configuration file recursion in \"%s\"", calling->pg_path));
        return 0;
    }
    if (outside_root(cx, calling, nd, "included file", abs))
        return 1;
    int open_errno = 0;
    int r = cx->load(cx->self, abs, display, depth, &open_errno);
    if (r >= 0)
        return r;
    if (open_errno == EISDIR) {
        /* PostgreSQL opens a directory happily; its scanner then fails to
         * read it, and the error belongs to that "file", line 1. */
        diag *d = arena_alloc(a, sizeof *d);
        d->path = display;
        d->line = 1;
        d->col = 1;
        d->message = arena_printf(a, "input in flex scanner failed at file \"%s\" line 1", abs);
        d->code = "include-error";
        cx->report(cx->self, d, 1);
        return 0;
    }
    /* include_if_exists forgives a missing file only, not an unreadable one */
    if (strict || open_errno != ENOENT) {
        report_at(cx, calling, nd, 1,
                  arena_printf(a, "could not open configuration file \"%s\": %s", abs,
                               errno_text(a, open_errno)));
        return 0;
    }
    report_at(cx, calling, nd, 0,
              arena_printf(a, "skipping missing configuration file \"%s\"", abs));
    return 1;
}

static int include_dir(const conf_include_ctx *cx, const conf_tree *calling, const conf_node *nd,
                       int depth, const char *base_dir)
{
    arena *a = cx->a;
    const char *value = nd->value_text;
    if (conf_include_name_is_empty(value)) {
        report_at(cx, calling, nd, 1,
                  arena_printf(a, "empty configuration directory name: \"%s\"", value));
        return 0;
    }
    int v = cx->opts->pg_version;
    const char *dir = conf_include_abs_path(a, value, base_dir, v);
    if (outside_root(cx, calling, nd, "included directory", dir))
        return 1;
    conf_dir_listing ls;
    if (!conf_include_list_dir(a, dir, v, &ls)) {
        if (ls.stat_failed)
            report_at(cx, calling, nd, 1,
                      arena_printf(a, "could not stat file \"%s\": %s", ls.stat_failed,
                                   errno_text(a, ls.stat_errno)));
        else
            report_at(cx, calling, nd, 1,
                      arena_printf(a, "could not open configuration directory \"%s\": %s", dir,
                                   errno_text(a, ls.open_errno)));
        return 0;
    }
    const char *shown_dir = conf_include_display_path(a, value, calling->src->path, v);
    for (size_t i = 0; i < ls.names.n; i++) {
        const char *nm = ls.names.items[i];
        const char *full = conf_canonicalize(a, join_path(a, dir, nm), v);
        const char *display = conf_canonicalize(a, join_path(a, shown_dir, nm), v);
        /* the first file that fails ends the directory */
        if (!include_one(cx, calling, nd, full, display, 1, depth, base_dir))
            return 0;
    }
    return 1;
}

int conf_include_follow(const conf_include_ctx *cx, const conf_tree *calling,
                        const conf_node *nd, int depth)
{
    if (!cx->opts->follow_includes)
        return 1;
    const char *base_dir = calling->pg_path[0] == '/'
                               ? conf_parent_dir(cx->a, calling->pg_path)
                               : calling->src->dir ? calling->src->dir : ".";
    switch (nd->include) {
    case CINC_DIR:
        return include_dir(cx, calling, nd, depth + 1, base_dir);
    case CINC_IF_EXISTS:
    case CINC_FILE:
        return include_one(cx, calling, nd, nd->value_text,
                           conf_include_display_path(cx->a, nd->value_text, calling->src->path,
                                                     cx->opts->pg_version),
                           nd->include == CINC_FILE, depth + 1, base_dir);
    case CINC_NONE:
        break;
    }
    return 1;
}

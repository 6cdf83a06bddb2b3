/* policy_glob.c — the `files:` and `exclude:` globs of a policy. Patterns are
 * matched against '/'-separated paths relative to the policy's directory:
 * `*` and `?` stay inside one path segment, `[...]` is a character class,
 * `**` as a whole segment matches any number of directories (none included).
 * A pattern without '/' matches the file name at any depth, as in .gitignore;
 * "./" in front pins it to the policy's directory ("./pg_hba.conf"). */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "policy_internal.h"

/* One segment of pattern against one segment of path (no '/' in either). */
static int seg_match(const char *pat, size_t pl, const char *s, size_t sl)
{
    char pbuf[512], sbuf[512];
    if (pl >= sizeof pbuf || sl >= sizeof sbuf)
        return 0;
    memcpy(pbuf, pat, pl);
    pbuf[pl] = '\0';
    memcpy(sbuf, s, sl);
    sbuf[sl] = '\0';
    return fnmatch(pbuf, sbuf, FNM_PERIOD) == 0;
}

static int match_from(const char *pat, const char *path)
{
    for (;;) {
        size_t pl = strcspn(pat, "/");
        if (pl == 2 && pat[0] == '*' && pat[1] == '*') {
            const char *rest = pat[2] == '/' ? pat + 3 : pat + 2;
            if (!*rest)
                return 1;   /* trailing ** matches everything below */
            /* try the rest here, then after each further segment */
            for (const char *p = path;;) {
                if (match_from(rest, p))
                    return 1;
                const char *slash = strchr(p, '/');
                if (!slash)
                    return 0;
                p = slash + 1;
            }
        }
        size_t sl = strcspn(path, "/");
        if (!seg_match(pat, pl, path, sl))
            return 0;
        if (!pat[pl] && !path[sl])
            return 1;
        if (!pat[pl] || !path[sl])
            return 0;
        pat += pl + 1;
        path += sl + 1;
    }
}

int policy_glob_match(const char *glob, const char *relpath)
{
    while (relpath[0] == '.' && relpath[1] == '/')
        relpath += 2;
    /* "./x" is x at the top only: drop the "./" once it has pinned the glob */
    int pinned = 0;
    while (glob[0] == '.' && glob[1] == '/') {
        glob += 2;
        pinned = 1;
    }
    if (!pinned && !strchr(glob, '/')) {
        const char *base = strrchr(relpath, '/');
        return match_from(glob, base ? base + 1 : relpath);
    }
    return match_from(glob, relpath);
}

const char *policy_glob_never_matches(const char *glob)
{
    /* The walk hands the globs canonical paths below the policy's directory
     * (cli/walk_policy.c): never absolute, never through "..". Such a glob
     * would be a silent no-op, so the loader refuses it. */
    if (glob[0] == '/')
        return "is absolute";
    for (const char *s = glob; *s;) {
        size_t l = strcspn(s, "/");
        if (l == 2 && s[0] == '.' && s[1] == '.')
            return "has a \"..\" segment";
        s += l;
        s += *s == '/';
    }
    return NULL;
}

file_kind policy_kind_for_path(const policy *p, const char *relpath)
{
    static const file_kind kinds[] = {KIND_HBA, KIND_IDENT, KIND_CONF};
    for (int i = 0; i < 3; i++) {
        const ptrvec *g = &p->files[kinds[i]];
        for (size_t k = 0; k < g->n; k++)
            if (policy_glob_match(g->items[k], relpath))
                return kinds[i];
    }
    return KIND_UNKNOWN;
}

int policy_path_excluded(const policy *p, const char *relpath)
{
    for (size_t k = 0; k < p->exclude.n; k++) {
        const char *g = p->exclude.items[k];
        if (policy_glob_match(g, relpath))
            return 1;
        /* a pattern ending in '/' (a directory) excludes what lies below it */
        size_t n = strlen(g);
        if (n && g[n - 1] == '/') {
            char buf[1024];
            if (n + 3 < sizeof buf) {
                snprintf(buf, sizeof buf, "%s**", g);
                if (policy_glob_match(buf, relpath))
                    return 1;
            }
        }
    }
    return 0;
}

/* walk_policy.c — policy globs as a walk filter. */
#include "walk_policy.h"

#include <string.h>

#include "source.h"

/* `path` relative to the policy's directory into `buf`, or NULL if it lies
 * elsewhere. */
static const char *relative(walk_policy_ctx *c, const char *path, char *buf, size_t cap)
{
    if (!c->base)
        return NULL;
    arena *a = arena_new();
    const char *abs = path_make_absolute(a, path, c->cwd);
    size_t n = strlen(c->base);
    while (n > 1 && c->base[n - 1] == '/')
        n--;
    const char *rel = NULL;
    if (n == 1 && c->base[0] == '/')
        rel = abs + 1;
    else if (strncmp(abs, c->base, n) == 0 && abs[n] == '/')
        rel = abs + n + 1;
    if (rel && strlen(rel) < cap)
        memcpy(buf, rel, strlen(rel) + 1);
    else
        rel = NULL;
    arena_free(a);
    return rel ? buf : NULL;
}

static int exclude_cb(void *ctx, const char *path, int is_dir)
{
    walk_policy_ctx *c = ctx;
    char buf[4096];
    const char *rel = relative(c, path, buf, sizeof buf - 2);
    if (!rel)
        return 0;
    if (policy_path_excluded(c->p, rel))
        return 1;
    if (is_dir) {
        /* "legacy/" excludes what lies below legacy: prune the directory
         * (relative() left room for the slash) */
        size_t len = strlen(buf);
        buf[len] = '/';
        buf[len + 1] = '\0';
        return policy_path_excluded(c->p, buf);
    }
    return 0;
}

/* The globs give a kind beyond the standard names, and win over the name (a
 * hba glob for hba.d files named .conf); anything else goes by its name. */
static file_kind kind_cb(void *ctx, const char *path)
{
    walk_policy_ctx *c = ctx;
    char buf[4096];
    const char *rel = relative(c, path, buf, sizeof buf);
    file_kind k = rel ? policy_kind_for_path(c->p, rel) : KIND_UNKNOWN;
    return k != KIND_UNKNOWN ? k : kind_from_name(path);
}

void walk_policy_filter(walk_filter *f, walk_policy_ctx *ctx, const policy *p, const char *cwd,
                        int exclude_named)
{
    ctx->p = p;
    ctx->base = policy_base_dir(p);
    ctx->cwd = cwd;
    f->exclude = exclude_cb;
    f->kind_of = kind_cb;
    f->ctx = ctx;
    f->exclude_named = exclude_named;
}

int walk_policy_excluded(walk_policy_ctx *ctx, const char *path)
{
    return exclude_cb(ctx, path, 0);
}

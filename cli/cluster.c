/* cluster.c — finding the files of one server by name and layout. */
#include "cluster.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "source.h"

static const char *const member_name[MEMBER_COUNT] = {
    "postgresql.conf", "pg_hba.conf", "pg_ident.conf", "postgresql.auto.conf"};

static const char *base_of(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

int cluster_member_of(const char *path)
{
    const char *b = base_of(path);
    for (int m = 0; m < MEMBER_COUNT; m++)
        if (strcmp(b, member_name[m]) == 0)
            return m;
    return -1;
}

/* Whether `path`, named `name` in the directory `listing` read, exists:
 * the listing says so when it can, else access(). */
static int exists(const walk_listing *listing, const char *name, const char *path)
{
    int listed = walk_listing_has(listing, name);
    return listed >= 0 ? listed : access(path, F_OK) == 0;
}

/* cluster_auto_conf_for; `listing` is that of conf_path's directory, or NULL. */
static const char *auto_conf_for(arena *a, const char *conf_path, const walk_listing *listing)
{
    if (strcmp(base_of(conf_path), "postgresql.conf") != 0)
        return NULL;
    char *dir = path_dirname(a, conf_path);
    char *beside = arena_printf(a, "%s/postgresql.auto.conf", dir);
    if (exists(listing, "postgresql.auto.conf", beside))
        return beside;
    /* Debian: /etc/postgresql/15/main -> /var/lib/postgresql/15/main. */
    const char *etc = strstr(dir, "etc/postgresql/");
    if (etc && (etc == dir || etc[-1] == '/')) {
        char *data = arena_printf(a, "%.*svar/lib/postgresql/%s/postgresql.auto.conf",
                                  (int)(etc - dir), dir, etc + strlen("etc/postgresql/"));
        if (access(data, F_OK) == 0)
            return data;
    }
    return NULL;
}

const char *cluster_auto_conf_for(arena *a, const char *conf_path)
{
    return auto_conf_for(a, conf_path, NULL);
}

const char *cluster_conf_for_auto(arena *a, const char *auto_path)
{
    if (strcmp(base_of(auto_path), "postgresql.auto.conf") != 0)
        return NULL;
    char *dir = path_dirname(a, auto_path);
    char *beside = arena_printf(a, "%s/postgresql.conf", dir);
    if (access(beside, F_OK) == 0)
        return beside;
    const char *var = strstr(dir, "var/lib/postgresql/");
    if (var && (var == dir || var[-1] == '/')) {
        char *conf = arena_printf(a, "%.*setc/postgresql/%s/postgresql.conf", (int)(var - dir),
                                  dir, var + strlen("var/lib/postgresql/"));
        if (access(conf, F_OK) == 0)
            return conf;
    }
    return NULL;
}

void cluster_in_listed_dir(arena *a, const char *dir, const walk_listing *listing,
                           cluster_files *out)
{
    /* Candidates are built on the stack: a batch plans one cluster per
     * directory up front, and only the files that exist are kept. */
    memset(out, 0, sizeof *out);
    char buf[4096];
    for (int m = MEMBER_CONF; m <= MEMBER_IDENT; m++) {
        int n = strcmp(dir, ".") == 0 ? snprintf(buf, sizeof buf, "%s", member_name[m])
                                      : snprintf(buf, sizeof buf, "%s/%s", dir, member_name[m]);
        if (n > 0 && (size_t)n < sizeof buf && exists(listing, member_name[m], buf))
            out->path[m] = arena_strndup(a, buf, (size_t)n);
    }
    if (out->path[MEMBER_CONF]) {
        arena *scratch = arena_new();
        const char *ac = auto_conf_for(scratch, out->path[MEMBER_CONF], listing);
        if (ac)
            out->path[MEMBER_AUTO] = arena_strdup(a, ac);
        arena_free(scratch);
    }
    out->no_pg_version = walk_listing_has(listing, "PG_VERSION") == 0;
}

void cluster_in_dir(arena *a, const char *dir, cluster_files *out)
{
    cluster_in_listed_dir(a, dir, NULL, out);
}

/* pipeline.c — read, parse, lint one file. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "cluster_version.h"
#include "effective.h"

/* The configuration with the version the server's layout gives `path`
 * (unless --pg-version fixed it). */
static run_config for_server(const run_config *cfg, const char *path, int no_pg_version)
{
    run_config c = *cfg;
    int v = c.pg_version_fixed ? 0 : cluster_pg_version_listed(path, no_pg_version);
    if (v)
        c.lint.pg_version = c.load.pg_version = v;
    return c;
}

/* Read, parse and lint one file into `a`. `conf_ctx` is the server's
 * postgresql.conf when `path` is its pg_hba.conf (cross-file rules), else NULL.
 * `eff` (may be NULL) carries that postgresql.conf's effective configuration
 * from its lint (set when `path` is a linted postgresql.conf) to its
 * pg_hba.conf's (used when set), so it is built once per server. */
static file_result *check_in(arena *a, const run_config *cfg, const char *path,
                             const char *auto_conf, const conf_doc *conf_ctx, int lint,
                             effective_conf **eff)
{
    file_result *r = arena_alloc(a, sizeof *r);
    r->a = a;
    r->path = arena_strdup(a, path);
    const char *why = NULL;
    document *d = document_load(a, path, cfg->kind, auto_conf, &cfg->load, &why);
    if (!d) {
        diag *e = arena_alloc(a, sizeof *e);
        e->path = r->path;
        e->message = why;
        e->code = "usage-error";
        r->error = e;
        return r;
    }
    r->doc = d;
    if (d->read_error) {
        r->error = d->read_error;
        return r;
    }
    if (!lint)
        return r;   /* context for the other files of its cluster */
    if (d->conf)
        lint_conf_effective(a, d->conf, &cfg->lint, &r->findings, eff);
    else if (d->hba && conf_ctx && eff && *eff)
        lint_hba_with_effective(a, d->hba, *eff, &cfg->lint, &r->findings);
    else if (d->hba)
        lint_hba_with_conf(a, d->hba, conf_ctx, &cfg->lint, &r->findings);
    else if (d->ident)
        lint_ident(a, d->ident, &cfg->lint, &r->findings);
    return r;
}

/* A pg_hba.conf checked on its own still reads the postgresql.conf beside
 * it (and that file's auto.conf), unlinted, as context for cross-file rules. */
static const conf_doc *sibling_conf(arena *a, const run_config *cfg, const char *hba_path)
{
    if (strcmp(hba_path, "-") == 0)
        return NULL;
    file_kind k = cfg->kind != KIND_UNKNOWN ? cfg->kind : kind_from_name(hba_path);
    if (k != KIND_HBA)
        return NULL;
    cluster_files sib;
    cluster_in_dir(a, path_dirname(a, hba_path), &sib);
    if (!sib.path[MEMBER_CONF])
        return NULL;
    const char *why = NULL;
    document *d = document_load(a, sib.path[MEMBER_CONF], KIND_CONF, sib.path[MEMBER_AUTO],
                                &cfg->load, &why);
    return d && !d->read_error ? d->conf : NULL;
}

file_result *pipeline_check_file(const run_config *cfg, const char *path)
{
    arena *a = arena_new();
    run_config c = for_server(cfg, path, 0);
    const char *auto_conf = strcmp(path, "-") ? cluster_auto_conf_for(a, path) : NULL;
    return check_in(a, &c, path, auto_conf, sibling_conf(a, &c, path), 1, NULL);
}

cluster_result *pipeline_check_cluster(const run_config *cfg, const cluster_files *c)
{
    arena *a = arena_new();
    cluster_result *r = arena_alloc(a, sizeof *r);
    r->a = a;
    const char *any = NULL;
    for (int m = MEMBER_CONF; m <= MEMBER_IDENT && !any; m++)
        any = c->path[m];
    /* the walk's listing may have shown there is no PG_VERSION to read */
    run_config rc = for_server(cfg, any ? any : "-", c->no_pg_version);
    /* postgresql.conf first: pg_hba.conf's cross-file rules read it, and
     * its effective configuration, built by its lint, serves both */
    effective_conf *eff = NULL;
    for (int m = MEMBER_CONF; m <= MEMBER_IDENT; m++) {
        const file_result *conf = r->member[MEMBER_CONF];
        if (c->path[m])
            r->member[m] = check_in(a, &rc, c->path[m],
                                    m == MEMBER_CONF ? c->path[MEMBER_AUTO] : NULL,
                                    m == MEMBER_HBA && conf && conf->doc ? conf->doc->conf : NULL,
                                    !(c->context & (1u << m)), &eff);
    }
    return r;
}

void cluster_result_free(cluster_result *r)
{
    if (r)
        arena_free(r->a);
}

void file_result_free(file_result *r)
{
    if (r)
        arena_free(r->a);
}

int pipeline_covered_by_sibling(const ptrvec *files, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (strcmp(base, "postgresql.auto.conf") != 0)
        return 0;
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    for (size_t i = 0; i < files->n; i++) {
        const char *f = files->items[i];
        if (strncmp(f, path, dirlen) == 0 && strcmp(f + dirlen, "postgresql.conf") == 0)
            return 1;
    }
    return 0;
}

/* pipeline.c — read, parse, lint one file. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"

file_result *pipeline_check_file(const run_config *cfg, const char *path)
{
    arena *a = arena_new();
    file_result *r = arena_alloc(a, sizeof *r);
    r->a = a;
    r->path = arena_strdup(a, path);
    const char *why = NULL;
    const char *auto_conf = strcmp(path, "-") ? cluster_auto_conf_for(a, path) : NULL;
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
    if (d->conf)
        lint_conf(a, d->conf, &cfg->lint, &r->findings);
    else if (d->hba)
        lint_hba(a, d->hba, &cfg->lint, &r->findings);
    else if (d->ident)
        lint_ident(a, d->ident, &cfg->lint, &r->findings);
    return r;
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

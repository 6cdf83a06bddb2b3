/* check_units.c — grouping walked files into clusters and single files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_run.h"
#include "confine.h"
#include "hash.h"
#include "jobs.h"

findkey check_path_key(const char *abspath)
{
    return (findkey){hash_final(hash_str(0x61627370ULL, abspath)),
                     hash_final(hash_str(0x70617468ULL, abspath))};
}

/* The key of a path's absolute form. Canonicalising allocates scratch
 * space of the path's length several times over; it goes to an arena that
 * is dropped right away, so planning costs no memory per file. */
static findkey abs_key(const check_run *run, const char *path)
{
    arena *scratch = arena_new();
    findkey k = check_path_key(path_make_absolute(scratch, path, run->cwd));
    arena_free(scratch);
    return k;
}

/* The unit of the cluster whose configuration directory is `dir` (display
 * form), created with the files found there when first met: as the walk's
 * `listing` of `dir` shows them, if there is one (NULL: asked on disk). */
static check_unit *cluster_unit(check_run *run, findset *dirs, ptrvec *units, const char *dir,
                                const walk_listing *listing)
{
    findkey k = abs_key(run, dir);
    findset_entry *e = findset_get(dirs, k);
    if (e)
        return units->items[e->value];
    check_unit *u = arena_alloc(run->a, sizeof *u);
    cluster_in_listed_dir(run->a, dir, listing, &u->files);
    findset_add(dirs, k);
    findset_get(dirs, k)->value = (unsigned)units->n;
    ptrvec_push(run->a, units, u);
    return u;
}

static const file_kind member_kind[MEMBER_COUNT] = {KIND_CONF, KIND_HBA, KIND_IDENT, KIND_CONF};

void check_units_clusters(check_run *run, const walk_result *w, ptrvec *units, ptrvec *rest)
{
    findset dirs = {0};
    for (size_t i = 0; i < w->files.n; i++) {
        const char *p = w->files.items[i];
        file_kind kind = i < w->kinds.n ? (file_kind)(intptr_t)w->kinds.items[i] : KIND_UNKNOWN;
        const walk_listing *listing = i < w->listings.n ? w->listings.items[i] : NULL;
        if (run->cfg.kind != KIND_UNKNOWN)
            kind = run->cfg.kind;   /* --kind wins over names and the policy's globs */
        /* --kind says what every file is: no file is a cluster member then */
        int m = run->cfg.kind == KIND_UNKNOWN && strcmp(p, "-") != 0 ? cluster_member_of(p) : -1;
        if (m >= 0 && kind != KIND_UNKNOWN && kind != member_kind[m])
            m = -1;   /* the policy's globs say it is something else */
        walked_file *wf = NULL;
        if (m < 0 || m == MEMBER_AUTO) {
            wf = arena_alloc(run->a, sizeof *wf);
            wf->path = p;
            wf->kind = kind;
        }
        if (m == MEMBER_AUTO) {
            const char *conf = cluster_conf_for_auto(run->a, p);
            /* a postgresql.conf outside the checked tree (Debian's /etc
             * when only /var/lib is named) is not read, even as context */
            if (conf && confine_outside(run->a, &run->cfg.load, conf))
                conf = NULL;
            if (!conf) {
                ptrvec_push(run->a, rest, wf);
                continue;
            }
            const char *dir = path_dirname(run->a, conf);
            /* p's listing, if conf lies beside it (not Debian's /etc) */
            if (strcmp(dir, path_dirname(run->a, p)) != 0)
                listing = NULL;
            check_unit *u = cluster_unit(run, &dirs, units, dir, listing);
            if (!u->files.path[MEMBER_CONF])
                u->files.path[MEMBER_CONF] = conf;
            u->files.path[MEMBER_AUTO] = p;
            u->targets |= 1u << MEMBER_AUTO;
        } else if (m >= 0) {
            check_unit *u = cluster_unit(run, &dirs, units, path_dirname(run->a, p), listing);
            /* the name as the user gave it, so findings show the path they typed */
            u->files.path[m] = p;
            u->targets |= 1u << m;
        } else {
            ptrvec_push(run->a, rest, wf);
        }
    }
    findset_free(&dirs);
    /* Members nobody asked about are read for the cross-file rules only;
     * postgresql.conf is linted when its auto.conf was asked about, since
     * the auto.conf's findings come from linting the two together. */
    for (size_t i = 0; i < units->n; i++) {
        check_unit *u = units->items[i];
        unsigned asked = u->targets;
        if (asked & (1u << MEMBER_AUTO))
            asked |= 1u << MEMBER_CONF;
        for (int m = MEMBER_CONF; m <= MEMBER_IDENT; m++)
            if (u->files.path[m] && !(asked & (1u << m)))
                u->files.context |= 1u << m;
    }
}

/* What the include pre-pass learns about one file: the keys of the other
 * files it reads. */
typedef struct reach {
    findkey self;
    findkey *reads;
    size_t n;
} reach;

typedef struct prepass {
    check_run *run;
    const ptrvec *files;
    reach *out;
} prepass;

/* Only a file with the word "include" (in any case) or an '@' in it can
 * read another file: the rest need not be parsed to learn that. */
static int may_include(arena *a, const char *path, const load_opts *o)
{
    source *s = NULL;
    const char *err = NULL;
    if (source_read_file_in(a, path, o->cwd, o->overlay, &s, &err) != 0)
        return 0;   /* unreadable: its unit reports that */
    const char *p = (const char *)s->data, *end = p + s->len;
    if (memchr(p, '@', s->len) || memchr(p, '\0', s->len))
        return 1;   /* an @file, or a NUL byte that would end the search early */
    for (const char *q = p; q < end && (q = memchr(q, 'i', (size_t)(end - q))) != NULL; q++)
        if (strncasecmp(q, "include", 7) == 0)
            return 1;
    for (const char *q = p; q < end && (q = memchr(q, 'I', (size_t)(end - q))) != NULL; q++)
        if (strncasecmp(q, "include", 7) == 0)
            return 1;
    return 0;
}

static void *prepass_work(void *ctx, size_t i)
{
    prepass *pp = ctx;
    const walked_file *wf = pp->files->items[i];
    const char *path = wf->path;
    reach *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    if (strcmp(path, "-") == 0)
        return r;   /* standard input can be read once only, and includes nobody */
    arena *a = arena_new();
    const char *why = NULL;
    file_kind kind = wf->kind != KIND_UNKNOWN ? wf->kind : pp->run->cfg.kind;
    if (!may_include(a, path, &pp->run->cfg.load)) {
        arena_free(a);
        return r;
    }
    document *d = document_load(a, path, kind, NULL, &pp->run->cfg.load, &why);
    const ptrvec *srcs = NULL;
    if (d && d->conf)
        srcs = &d->conf->sources;
    else if (d && d->hba)
        srcs = &d->hba->sources;
    else if (d && d->ident)
        srcs = &d->ident->sources;
    if (srcs && srcs->n > 1) {
        r->reads = malloc((srcs->n - 1) * sizeof *r->reads);
        if (!r->reads)
            abort();
        for (size_t k = 1; k < srcs->n; k++) {
            const source *s = srcs->items[k];
            if (s->abspath)
                r->reads[r->n++] = check_path_key(s->abspath);
        }
    }
    arena_free(a);
    return r;
}

static void prepass_emit(void *ctx, size_t i, void *result)
{
    prepass *pp = ctx;
    pp->out[i] = *(reach *)result;
    free(result);
}

static check_unit *single_unit(check_run *run, const walked_file *wf)
{
    check_unit *u = arena_alloc(run->a, sizeof *u);
    u->single = wf->path;
    u->kind = wf->kind;
    return u;
}

void check_units_singles(check_run *run, const ptrvec *rest, ptrvec *units)
{
    /* files already checked as part of a reported cluster drop out first */
    ptrvec cand = {0};
    findset names = {0};
    for (size_t i = 0; i < rest->n; i++) {
        walked_file *wf = rest->items[i];
        if (strcmp(wf->path, "-") == 0) {
            ptrvec_push(run->a, &cand, wf);
            continue;
        }
        findkey k = abs_key(run, wf->path);
        if (findset_get(&run->seen_files, k) || findset_add(&names, k) > 0)
            continue;   /* reported already, or named twice */
        ptrvec_push(run->a, &cand, wf);
    }
    findset_free(&names);
    if (cand.n <= 1) {
        for (size_t i = 0; i < cand.n; i++)
            ptrvec_push(run->a, units, single_unit(run, cand.items[i]));
        return;
    }
    reach *rs = calloc(cand.n, sizeof *rs);
    if (!rs)
        abort();
    prepass pp = {run, &cand, rs};
    int jobs = run->o->jobs > 0 ? run->o->jobs : jobs_default_count();
    jobs_run(cand.n, jobs, prepass_work, prepass_emit, &pp);

    findset included = {0}, covered = {0};
    for (size_t i = 0; i < cand.n; i++) {
        const char *p = ((walked_file *)cand.items[i])->path;
        rs[i].self = strcmp(p, "-") ? abs_key(run, p) : (findkey){0, 0};
        for (size_t k = 0; k < rs[i].n; k++)
            if (rs[i].reads[k].hi != rs[i].self.hi || rs[i].reads[k].lo != rs[i].self.lo)
                findset_add(&included, rs[i].reads[k]);
    }
    /* Roots: files nobody includes. A ring of files that only include each
     * other has no such file; its first file in walk order stands in. */
    unsigned char *root = calloc(cand.n ? cand.n : 1, 1);   /* calloc(0) may be NULL */
    if (!root)
        abort();
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < cand.n; i++) {
            int pick = pass == 0 ? !findset_get(&included, rs[i].self)
                                 : !findset_get(&covered, rs[i].self);
            if (!pick || root[i])
                continue;
            root[i] = 1;
            findset_add(&covered, rs[i].self);
            for (size_t k = 0; k < rs[i].n; k++)
                findset_add(&covered, rs[i].reads[k]);
        }
    for (size_t i = 0; i < cand.n; i++) {
        if (root[i])
            ptrvec_push(run->a, units, single_unit(run, cand.items[i]));
        free(rs[i].reads);
    }
    free(root);
    free(rs);
    findset_free(&included);
    findset_free(&covered);
}

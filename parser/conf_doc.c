/* conf_doc.c — loading postgresql.conf in PostgreSQL's order: the root file
 * with its includes expanded in place, then postgresql.auto.conf (only when
 * nothing failed so far), then the name and apply phases. */
#include "conf_doc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_include.h"
#include "conf_model.h"
#include "conf_syntax.h"

#define MAX_SYNTAX_ERRORS 100

/* One file as read: PostgreSQL's name for it, its bytes and its tree. A file
 * reached twice is read and parsed once; its lines are processed each time. */
typedef struct conf_file {
    const char *pg_path;
    source *src;
    conf_tree *tree;
} conf_file;

typedef struct conf_impl {
    ptrvec files;   /* conf_file* */
} conf_impl;

typedef struct loader {
    conf_doc *d;
    conf_impl *impl;
    int from_auto;
    conf_include_ctx cx;
} loader;

static void push_error(loader *L, diag *g) { ptrvec_push(L->d->a, &L->d->errors, g); }

static void report_cb(void *self, diag *g, int is_error)
{
    loader *L = self;
    ptrvec_push(L->d->a, is_error ? &L->d->errors : &L->d->notes, g);
}

static conf_file *add_file(loader *L, const char *pg_path, source *src)
{
    arena *a = L->d->a;
    conf_file *f = arena_alloc(a, sizeof *f);
    f->pg_path = pg_path;
    f->src = src;
    f->tree = conf_syntax_parse(a, src, pg_path);
    ptrvec_push(a, &L->impl->files, f);
    ptrvec_push(a, &L->d->sources, src);
    return f;
}

static conf_file *find_file(loader *L, const char *pg_path)
{
    for (size_t i = 0; i < L->impl->files.n; i++) {
        conf_file *f = L->impl->files.items[i];
        if (strcmp(f->pg_path, pg_path) == 0)
            return f;
    }
    return NULL;
}

/* ParseConfigFp: walk the lines of one file at nesting `depth`. */
static int process_tree(loader *L, const conf_tree *t, int depth)
{
    arena *a = L->d->a;
    int ok = 1;
    size_t nerr = 0;
    for (size_t i = 0; i < t->nsig; i++) {
        const conf_node *nd = &t->nodes[t->sig[i]];
        switch (nd->kind) {
        case CN_BLANK:
        case CN_COMMENT:
            break;
        case CN_ERROR:
            push_error(L, nd->error->diag);
            ok = 0;
            if (++nerr >= MAX_SYNTAX_ERRORS) {
                diag *g = diag_at(a, t->src, nd->error->token.off, nd->error->token.len,
                                  "too many syntax errors found, abandoning file \"%s\"",
                                  t->pg_path);
                g->line = nd->line;
                g->code = "conf-syntax-error";
                push_error(L, g);
                return 0;
            }
            break;
        case CN_INCLUDE:
            if (!conf_include_follow(&L->cx, t, nd, depth))
                ok = 0;
            break;
        case CN_SETTING: {
            conf_setting *s = arena_alloc(a, sizeof *s);
            s->src = t->src;
            s->line = nd->line;
            s->name = nd->name_text;
            s->value = nd->value_text;
            s->name_off = nd->name.off;
            s->name_len = nd->name.len;
            s->value_off = nd->value.off;
            s->value_len = nd->value.len;
            s->from_auto_conf = L->from_auto;
            s->node = nd;
            s->pg_path = t->pg_path;
            ptrvec_push(a, &L->d->settings, s);
            break;
        }
        }
    }
    return ok;
}

static int load_cb(void *self, const char *pg_path, const char *display, int depth,
                   int *open_errno)
{
    loader *L = self;
    conf_file *f = find_file(L, pg_path);
    if (!f) {
        source *s = NULL;
        const char *err = NULL;
        int rc = source_read_file_in(L->d->a, pg_path, L->d->opts.cwd, L->d->opts.overlay, &s,
                                     &err);
        if (rc != 0) {
            *open_errno = rc;
            return -1;
        }
        s->path = display;
        s->kind = KIND_CONF;
        f = add_file(L, pg_path, s);
    }
    return process_tree(L, f->tree, depth);
}

/* The name PostgreSQL gives the file it starts from: made absolute and
 * canonicalized the way the version does it. */
static const char *root_pg_path(arena *a, const source *root, int version)
{
    if (!root->abspath)
        return root->path;
    if (version >= 15 || root->path[0] == '/')
        return version >= 15 ? root->abspath : conf_canonicalize(a, root->path, version);
    char *cwd = getcwd(NULL, 0);
    const char *p = cwd ? conf_canonicalize(a, arena_printf(a, "%s/%s", cwd, root->path), version)
                        : root->abspath;
    free(cwd);
    return p;
}

conf_doc *conf_doc_load(arena *a, const source *root, const source *auto_conf,
                        const load_opts *o)
{
    return conf_doc_load_catalog(a, root, auto_conf, o, conf_catalog_builtin());
}

conf_doc *conf_doc_load_catalog(arena *a, const source *root, const source *auto_conf,
                                const load_opts *o, const conf_catalog *cat)
{
    conf_doc *d = arena_alloc(a, sizeof *d);
    d->a = a;
    d->root = root;
    d->opts = *o;
    if (d->opts.pg_version < PG_VERSION_MIN || d->opts.pg_version > PG_VERSION_MAX)
        d->opts.pg_version = PG_VERSION_DEFAULT;
    conf_impl *impl = arena_alloc(a, sizeof *impl);
    d->impl = impl;

    loader L = {.d = d, .impl = impl};
    L.cx.a = a;
    L.cx.opts = &d->opts;
    L.cx.load = load_cb;
    L.cx.report = report_cb;
    L.cx.self = &L;

    /* The caller's sources are const; the loader only ever reads them. */
    conf_file *rf = add_file(&L, root_pg_path(a, root, d->opts.pg_version), (source *)root);
    int ok = process_tree(&L, rf->tree, 0);
    if (ok && auto_conf) {
        const char *pg = auto_conf->abspath ? auto_conf->abspath : auto_conf->path;
        conf_file *af = find_file(&L, pg);
        if (!af)
            af = add_file(&L, pg, (source *)auto_conf);
        L.from_auto = 1;
        ok = process_tree(&L, af->tree, 0);
        L.from_auto = 0;
    }
    d->parse_ok = ok;
    conf_model_process(d, ok, cat);
    return d;
}

static const conf_file *file_of(const conf_doc *d, const source *src)
{
    const conf_impl *impl = d->impl;
    for (size_t i = 0; i < impl->files.n; i++) {
        const conf_file *f = impl->files.items[i];
        if (f->src == src)
            return f;
    }
    return NULL;
}

const struct conf_tree *conf_doc_tree(const conf_doc *d, const source *src)
{
    const conf_file *f = file_of(d, src);
    return f ? f->tree : NULL;
}

const char *conf_doc_pg_path(const conf_doc *d, const source *src)
{
    const conf_file *f = file_of(d, src);
    return f ? f->pg_path : NULL;
}

/* hba_doc.c — loading pg_hba.conf and pg_ident.conf documents (load_hba,
 * load_ident): tokenize everything, then parse each line that survived. */
#include "hba_doc.h"

#include "auth_ctx.h"
#include "auth_include.h"
#include "hba_parser.h"
#include "ident_parser.h"

static void mark_error(auth_node *n, const diag *e)
{
    if (n->kind == AUTH_NODE_UNVISITED || (n->kind == AUTH_NODE_INCLUDE && !n->error)) {
        n->kind = AUTH_NODE_ERROR;
        n->error = e;
    }
}

static void mark_record(auth_node *n, void *rec)
{
    if (n->kind == AUTH_NODE_UNVISITED) {
        n->kind = AUTH_NODE_RECORD;
        n->record = rec;
    }
}

/*
 * Both files: lines rejected while tokenizing are reported first (PostgreSQL
 * logs them while reading), then the lines the parser rejects, in order.
 */
static void tokenize_phase(auth_ctx *c, const source *root, ptrvec *lines, ptrvec *errors)
{
    auth_tokenize_file(c, root, 0, lines);
    for (size_t i = 0; i < lines->n; i++) {
        auth_tok_line *tl = lines->items[i];
        if (tl->err) {
            ptrvec_push(c->a, errors, tl->err);
            mark_error(tl->node, tl->err);
        }
    }
}

hba_doc *hba_doc_load_env(arena *a, const source *root, const load_opts *o, const auth_env *env)
{
    hba_doc *d = arena_alloc(a, sizeof *d);
    d->a = a;
    d->root = root;
    d->opts = *o;
    d->env = *env;
    auth_ctx *c = auth_ctx_new(a, &d->opts, &d->env, "hba-syntax-error", &d->sources, &d->warnings);
    d->opts.pg_version = c->ver;
    d->impl = c;
    ptrvec lines = {0};
    tokenize_phase(c, root, &lines, &d->errors);
    int parse_failed = 0;
    for (size_t i = 0; i < lines.n; i++) {
        auth_tok_line *tl = lines.items[i];
        if (tl->err)
            continue;
        diag *e = NULL;
        hba_rule *r = hba_parse_line(c, tl, &e);
        if (r) {
            r->rule_number = (int)d->rules.n + 1;
            ptrvec_push(a, &d->rules, r);
            mark_record(tl->node, r);
        } else {
            parse_failed = 1;
            ptrvec_push(a, &d->errors, e);
            mark_error(tl->node, e);
        }
    }
    /* Without a single rule nobody could connect, so PostgreSQL refuses the
     * file; it only says so when nothing else was wrong. */
    if (d->errors.n == 0 && !parse_failed && d->rules.n == 0) {
        diag *e = arena_alloc(a, sizeof *e);
        e->src = root;
        e->path = root->path;
        e->code = "hba-syntax-error";
        e->message = arena_printf(a, "configuration file \"%s\" contains no entries",
                                  auth_src_name(root));
        ptrvec_push(a, &d->errors, e);
    }
    return d;
}

hba_doc *hba_doc_load(arena *a, const source *root, const load_opts *o)
{
    auth_env env = auth_env_default();
    return hba_doc_load_env(a, root, o, &env);
}

const auth_tree *hba_doc_tree(const hba_doc *d, const source *s)
{
    return auth_ctx_tree(d->impl, s);
}

ident_doc *ident_doc_load(arena *a, const source *root, const load_opts *o)
{
    ident_doc *d = arena_alloc(a, sizeof *d);
    d->a = a;
    d->root = root;
    d->opts = *o;
    /* the build does not matter for pg_ident.conf */
    auth_env *env = arena_alloc(a, sizeof *env);
    *env = auth_env_default();
    auth_ctx *c = auth_ctx_new(a, &d->opts, env, "ident-syntax-error", &d->sources, &d->warnings);
    d->opts.pg_version = c->ver;
    d->impl = c;
    ptrvec lines = {0};
    tokenize_phase(c, root, &lines, &d->errors);
    for (size_t i = 0; i < lines.n; i++) {
        auth_tok_line *tl = lines.items[i];
        if (tl->err)
            continue;
        diag *e = NULL;
        ident_map *m = ident_parse_line(c, tl, &e);
        if (m) {
            ptrvec_push(a, &d->maps, m);
            mark_record(tl->node, m);
        } else {
            ptrvec_push(a, &d->errors, e);
            mark_error(tl->node, e);
        }
    }
    return d;
}

const auth_tree *ident_doc_tree(const ident_doc *d, const source *s)
{
    return auth_ctx_tree(d->impl, s);
}

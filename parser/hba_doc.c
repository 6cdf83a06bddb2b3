/* hba_doc.c — loading pg_hba.conf and pg_ident.conf documents (load_hba,
 * load_ident): tokenize everything, then parse each line that survived
 * (in that order as far as anyone can see; see load_lines). */
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
 * Both files, as PostgreSQL does it: every line is tokenized (includes and
 * @file followed), then each line that survived is parsed. Lines rejected
 * while tokenizing are reported first (PostgreSQL logs them while reading),
 * then the lines the parser rejects, in order; the same for warnings.
 *
 * To keep memory flat, a line is parsed as soon as it is tokenized
 * (auth_ctx.stream) and the outcomes are put in PostgreSQL's order: the
 * parse phase's errors and warnings are kept apart and appended at the end.
 * The syntax-tree marks are set at once; a line reached twice (a file
 * included twice) shows its first tokenizer error if it has one, else its
 * first parse outcome, as if every tokenizer mark had come first.
 */
typedef struct loading {
    auth_ctx *c;
    hba_doc *hba;            /* one of these two */
    ident_doc *ident;
    ptrvec *errors;          /* the document's: tokenizer errors arrive in order */
    ptrvec parse_errors, parse_warnings;
    int parse_failed;
} loading;

static void tok_mark(auth_node *n, const diag *e)
{
    if (n->parse_marked) {
        /* a parse mark came first only because of the streaming */
        n->kind = AUTH_NODE_ERROR;
        n->error = e;
        n->record = NULL;
        n->parse_marked = 0;
        return;
    }
    mark_error(n, e);
}

static void parse_mark(auth_node *n, const diag *e, void *rec)
{
    if (n->kind != AUTH_NODE_UNVISITED)
        return;
    if (e)
        mark_error(n, e);
    else
        mark_record(n, rec);
    n->parse_marked = 1;
}

static void take_line(void *ctx, auth_tok_line *tl)
{
    loading *L = ctx;
    auth_ctx *c = L->c;
    if (tl->err) {
        ptrvec_push(c->a, L->errors, tl->err);
        tok_mark(tl->node, tl->err);
        return;
    }
    ptrvec *tok_warnings = c->warnings;
    c->warnings = &L->parse_warnings;
    diag *e = NULL;
    void *rec = NULL;
    if (L->hba) {
        hba_rule *r = hba_parse_line(c, tl, &e);
        if (r) {
            r->rule_number = (int)L->hba->rules.n + 1;
            ptrvec_push(c->a, &L->hba->rules, r);
            rec = r;
        }
    } else {
        ident_map *m = ident_parse_line(c, tl, &e);
        if (m) {
            ptrvec_push(c->a, &L->ident->maps, m);
            rec = m;
        }
    }
    if (e) {
        L->parse_failed = 1;
        ptrvec_push(c->a, &L->parse_errors, e);
    }
    parse_mark(tl->node, e, rec);
    c->warnings = tok_warnings;
}

static void load_lines(loading *L, const source *root)
{
    auth_ctx *c = L->c;
    c->scratch = arena_new();
    ptrvec doc_lines = {0};
    c->stream_into = &doc_lines;
    c->stream = take_line;
    c->stream_ctx = L;
    auth_tokenize_file(c, root, 0, &doc_lines);
    c->stream = NULL;
    arena_free(c->scratch);
    c->scratch = c->a;
    for (size_t i = 0; i < L->parse_errors.n; i++)
        ptrvec_push(c->a, L->errors, L->parse_errors.items[i]);
    for (size_t i = 0; i < L->parse_warnings.n; i++)
        ptrvec_push(c->a, c->warnings, L->parse_warnings.items[i]);
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
    loading L = {.c = c, .hba = d, .errors = &d->errors};
    load_lines(&L, root);
    /* Without a single rule nobody could connect, so PostgreSQL refuses the
     * file; it only says so when nothing else was wrong. */
    if (d->errors.n == 0 && !L.parse_failed && d->rules.n == 0) {
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
    loading L = {.c = c, .ident = d, .errors = &d->errors};
    load_lines(&L, root);
    return d;
}

const auth_tree *ident_doc_tree(const ident_doc *d, const source *s)
{
    return auth_ctx_tree(d->impl, s);
}

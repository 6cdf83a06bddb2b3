/* auth_ctx.c — sources, trees and located messages of one hba/ident load. */
#include "auth_ctx.h"

#include <stdarg.h>
#include <string.h>

#include "auth_lines.h"
#include "auth_tokens.h"

/* Far more than any real file produces, low enough that a file which
 * references itself through @file stops in reasonable time. */
#define EXPAND_BUDGET 4000000L

auth_ctx *auth_ctx_new(arena *a, const load_opts *o, const auth_env *env, const char *syntax_code,
                       ptrvec *sources, ptrvec *warnings)
{
    auth_ctx *c = arena_alloc(a, sizeof *c);
    c->a = a;
    c->ver = o->pg_version < PG_VERSION_MIN   ? PG_VERSION_DEFAULT
             : o->pg_version > PG_VERSION_MAX ? PG_VERSION_MAX
                                              : o->pg_version;
    c->env = env;
    c->opts = o;
    c->syntax_code = syntax_code;
    c->sources = sources;
    c->warnings = warnings;
    c->expand_budget = EXPAND_BUDGET;
    c->scratch = a;   /* the loaders swap in an arena of their own */
    return c;
}

auth_tree *auth_ctx_tree(const auth_ctx *c, const source *s)
{
    for (size_t i = 0; i < c->sources->n; i++)
        if (c->sources->items[i] == s)
            return c->trees.items[i];
    return NULL;
}

const source *auth_ctx_find(const auth_ctx *c, const char *abspath)
{
    for (size_t i = 0; i < c->sources->n; i++) {
        const source *s = c->sources->items[i];
        if (s->abspath && strcmp(s->abspath, abspath) == 0)
            return s;
    }
    return NULL;
}

auth_tree *auth_ctx_add_source(auth_ctx *c, const source *s)
{
    auth_tree *t = auth_ctx_tree(c, s);
    if (t)
        return t;
    t = arena_alloc(c->a, sizeof *t);
    t->src = s;
    /* Room for a line per physical line (the usual count); the vector then
     * becomes the tree's node vector, and the nodes are one array:
     * an allocation and a push per line were a tenth of loading a file. */
    ptrvec lines = {0};
    lines.cap = s->nlines + 1;
    lines.items = arena_alloc_raw(c->a, lines.cap * sizeof(void *));
    auth_lines_split(c->a, s, c->ver, &lines);
    auth_node *nodes = lines.n ? arena_alloc_raw(c->a, lines.n * sizeof *nodes) : NULL;
    for (size_t i = 0; i < lines.n; i++) {
        auth_node *n = &nodes[i];
        *n = (auth_node){.line = lines.items[i]};
        auth_tokenize_line(c->a, n->line, c->ver, n, &c->tokbuf);
        n->kind = n->tokens.n ? AUTH_NODE_UNVISITED : AUTH_NODE_EMPTY;
        lines.items[i] = n;
    }
    t->nodes = lines;
    ptrvec_push(c->a, c->sources, (void *)s);
    ptrvec_push(c->a, &c->trees, t);
    return t;
}

const char *auth_src_name(const source *s)
{
    return s->abspath ? s->abspath : s->path;
}

static void locate(const auth_tok_line *tl, const hba_token *at, size_t *off, size_t *len)
{
    const auth_line *l = tl->node->line;
    while (at && at->via)
        at = at->via;
    if (at && at->src == l->src) {
        *off = at->off;
        *len = at->len;
    } else {
        *off = auth_line_src_off(l, l->text_len);
        *len = 0;
    }
}

static diag *make_diag(auth_ctx *c, const auth_tok_line *tl, const hba_token *at, const char *code,
                       const char *detail, const char *fmt, va_list ap)
{
    diag *d = arena_alloc(c->a, sizeof *d);
    d->message = arena_vprintf(c->a, fmt, ap);
    d->detail = detail;
    d->code = code;
    if (tl) {
        const auth_line *l = tl->node->line;
        d->src = l->src;
        d->path = l->src->path;
        locate(tl, at, &d->off, &d->len);
        d->line = l->line;
        d->col = (int)(d->off - source_line_offset(l->src, l->line)) + 1;
    }
    return d;
}

diag *auth_line_diag(auth_ctx *c, const auth_tok_line *tl, const hba_token *at, const char *code,
                     const char *detail, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag *d = make_diag(c, tl, at, code ? code : c->syntax_code, detail, fmt, ap);
    va_end(ap);
    return d;
}

void auth_warn(auth_ctx *c, const auth_tok_line *tl, const hba_token *at, const char *code,
               const char *detail, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag *d = make_diag(c, tl, at, code, detail, fmt, ap);
    va_end(ap);
    ptrvec_push(c->a, c->warnings, d);
}

/* ident_parser.c — parse_ident_line: the three columns of pg_ident.conf. */
#include "ident_parser.h"

#include <string.h>

#include "auth_regex.h"

/* One column: present and a single token, else *err is set. */
static hba_token *column(auth_ctx *c, const auth_tok_line *tl, size_t i, diag **err)
{
    if (i >= tl->fields.n) {
        if (c->ver >= 16)
            *err = auth_line_diag(c, tl, NULL, NULL, NULL, "missing entry at end of line");
        else
            *err = auth_line_diag(c, tl, NULL, NULL, NULL,
                                  "missing entry in file \"%s\" at end of line %d",
                                  auth_src_name(tl->src), tl->node->line->pg_line);
        return NULL;
    }
    const ptrvec *f = tl->fields.items[i];
    if (f->n > 1) {
        *err = auth_line_diag(c, tl, f->items[1], NULL, NULL, "multiple values in ident field");
        return NULL;
    }
    return f->items[0];
}

static int regex_ok(auth_ctx *c, const auth_tok_line *tl, const hba_token *t, diag **err)
{
    if (t->text[0] != '/')
        return 1;
    const char *why = auth_regex_error(t->text + 1, strlen(t->text + 1));
    if (!why)
        return 1;
    *err = auth_line_diag(c, tl, t, NULL, NULL, "invalid regular expression \"%s\": %s",
                          t->text + 1, why);
    return 0;
}

ident_map *ident_parse_line(auth_ctx *c, const auth_tok_line *tl, diag **err)
{
    *err = NULL;
    hba_token *map = column(c, tl, 0, err), *sys = NULL, *pg = NULL;
    if (!map || !(sys = column(c, tl, 1, err)) || !(pg = column(c, tl, 2, err)))
        return NULL;
    if (!regex_ok(c, tl, sys, err))
        return NULL;
    /* 16+ also gives the PG-user column regex, "all" and +role forms */
    if (c->ver >= 16 && !regex_ok(c, tl, pg, err))
        return NULL;
    ident_map *m = arena_alloc(c->a, sizeof *m);
    const auth_line *l = tl->node->line;
    m->src = l->src;
    m->line = l->line;
    m->off = l->off;
    m->len = l->len;
    m->map_name = map->text;
    m->system_user = sys->text;
    m->pg_user = pg->text;
    m->map_tok = map;
    m->sys_tok = sys;
    m->pg_tok = pg;
    return m;
}

/* hba_remedy.c — pg_hba.conf remedies turned into byte edits. */
#include "hba_remedy.h"

#include <string.h>

#include "columns.h"
#include "edit.h"

static size_t line_start(const source *src, size_t off)
{
    while (off > 0 && src->data[off - 1] != '\n')
        off--;
    return off;
}

/* The token written after `tok` in the tree node of its line, or NULL. */
static const hba_token *next_token(const hba_doc *d, const hba_token *tok)
{
    const auth_tree *t = hba_doc_tree(d, tok->src);
    if (!t)
        return NULL;
    for (size_t i = 0; i < t->nodes.n; i++) {
        const auth_node *n = t->nodes.items[i];
        if (tok->off < n->line->off || tok->off >= n->line->off + n->line->len)
            continue;
        const hba_token *best = NULL;
        for (size_t k = 0; k < n->tokens.n; k++) {
            const hba_token *o = n->tokens.items[k];
            if (o->src == tok->src && o->off > tok->off && (!best || o->off < best->off))
                best = o;
        }
        return best;
    }
    return NULL;
}

/*
 * Replace `tok` by `text`; when the blanks after it lead to another token on
 * the same physical line, resize them so that token keeps its column.
 */
static edit *replace_token(arena *a, const hba_doc *d, const hba_rule *r, const hba_token *tok,
                           const char *text)
{
    const source *src = tok->src;
    size_t ls = line_start(src, tok->off);
    size_t end = tok->off + tok->len;
    strbuf b = {0};
    strbuf_puts(a, &b, text);
    const hba_token *nx = next_token(d, tok);
    if (nx && !memchr(src->data + end, '\n', nx->off - end)) {
        size_t now = col_advance(col_advance(0, src->data + ls, tok->off - ls),
                                 (const unsigned char *)b.data, b.len);
        size_t target = col_advance(0, src->data + ls, nx->off - ls);
        size_t glen = 0;
        const char *g = col_realign_gap(a, src->data + end, nx->off - end, now, target, &glen);
        if (g) {
            strbuf_put(a, &b, g, glen);
            end = nx->off;
        }
    }
    edit *e = edit_new(a, src, tok->off, end - tok->off, b.data, b.len);
    edit_claim(e, r->off, r->len);
    return e;
}

static const char *editable(const hba_rule *r, const hba_token *tok)
{
    if (!tok)
        return "the line has no such field";
    if (tok->via || tok->src != r->src)
        return "the field comes from an @file; edit that file by hand";
    return NULL;
}

static void comment_out(arena *a, const hba_doc *d, const hba_rule *r, fix_item *it)
{
    const source *src = r->src;
    size_t end = r->off + r->len;
    for (size_t ls = line_start(src, r->off); ls < end;) {
        size_t le = ls;
        while (le < src->len && src->data[le] != '\n')
            le++;
        size_t p = ls;
        while (p < le && (src->data[p] == ' ' || src->data[p] == '\t'))
            p++;
        edit *e;
        const hba_token *first = NULL;
        if (r->type_tok && r->type_tok->off == p && r->type_tok->src == src)
            first = r->type_tok;
        if (first) {
            char *t = arena_printf(a, "#%.*s", (int)first->len, (const char *)src->data + first->off);
            e = replace_token(a, d, r, first, t);
        } else {
            e = edit_new_str(a, src, p, 0, "#");
            edit_claim(e, r->off, r->len);
        }
        ptrvec_push(a, &it->edits, e);
        ls = le + 1;
    }
}

void hba_remedy_plan(arena *a, const hba_doc *d, fix_item *it)
{
    const remedy *rm = &it->f->fix;
    const hba_rule *r = rm->target;
    if (!r) {
        it->refused = "the remedy names no pg_hba.conf line";
        return;
    }
    const char *why;
    switch (rm->kind) {
    case REMEDY_HBA_SET_METHOD:
    case REMEDY_HBA_SET_TYPE: {
        const hba_token *tok = rm->kind == REMEDY_HBA_SET_METHOD ? r->method_tok : r->type_tok;
        if ((why = editable(r, tok))) {
            it->refused = why;
            return;
        }
        if (!rm->text || !*rm->text || strpbrk(rm->text, " \t\r\n#,\"")) {
            it->refused = "the replacement is not a single pg_hba.conf keyword";
            return;
        }
        ptrvec_push(a, &it->edits, replace_token(a, d, r, tok, rm->text));
        return;
    }
    case REMEDY_HBA_COMMENT_OUT:
        comment_out(a, d, r, it);
        return;
    default:
        it->refused = "not a pg_hba.conf remedy";
        return;
    }
}

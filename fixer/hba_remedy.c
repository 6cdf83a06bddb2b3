/* hba_remedy.c — pg_hba.conf remedies turned into byte edits. */
#include "hba_remedy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "edit.h"

static size_t line_start(const source *src, size_t off)
{
    while (off > 0 && src->data[off - 1] != '\n')
        off--;
    return off;
}

/* The tree node whose line holds byte `off` of `src`, or NULL. */
static const auth_node *node_at(const hba_doc *d, const source *src, size_t off)
{
    const auth_tree *t = hba_doc_tree(d, src);
    if (!t)
        return NULL;
    for (size_t i = 0; i < t->nodes.n; i++) {
        const auth_node *n = t->nodes.items[i];
        if (off >= n->line->off && off < n->line->off + n->line->len)
            return n;
    }
    return NULL;
}

/* The token written after `tok` in the tree node of its line, or NULL. */
static const hba_token *next_token(const hba_doc *d, const hba_token *tok)
{
    const auth_node *n = node_at(d, tok->src, tok->off);
    if (!n)
        return NULL;
    const hba_token *best = NULL;
    for (size_t k = 0; k < n->tokens.n; k++) {
        const hba_token *o = n->tokens.items[k];
        if (o->src == tok->src && o->off > tok->off && (!best || o->off < best->off))
            best = o;
    }
    return best;
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

/* A replacement that is one pg_hba.conf token, written without quotes. */
static int one_keyword(const char *s)
{
    return s && *s && !strpbrk(s, " \t\r\n#,\"");
}

/* The token remedy `rm` rewrites, with its new text in *text; NULL for a
 * remedy that does not set one field of its line (or a line without that
 * field). hba_remedy_plan and hba_remedy_merge both take the field here. */
static const hba_token *field_of(const remedy *rm, const char **text)
{
    const hba_rule *r = rm->target;
    *text = rm->text;
    if (!r)
        return NULL;
    switch (rm->kind) {
    case REMEDY_HBA_SET_METHOD:
        return r->method_tok;
    case REMEDY_HBA_SET_TYPE:
        return r->type_tok;
    case REMEDY_HBA_SET_ADDRESS:
        return r->address_tok;   /* a separate netmask is kept as written */
    default:
        return NULL;
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
    case REMEDY_HBA_SET_TYPE:
    case REMEDY_HBA_SET_ADDRESS: {
        const char *text;
        const hba_token *tok = field_of(rm, &text);
        /* an address is only rewritten where the line writes it bare: a
         * quoted one is left to the user */
        if (rm->kind == REMEDY_HBA_SET_ADDRESS && tok && tok->quoted) {
            it->refused = "the address is quoted; edit it by hand";
            return;
        }
        if ((why = editable(r, tok))) {
            it->refused = why;
            return;
        }
        if (!one_keyword(text)) {
            it->refused = "the replacement is not a single pg_hba.conf keyword";
            return;
        }
        ptrvec_push(a, &it->edits, replace_token(a, d, r, tok, text));
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

/* ---- replace line: several fields of one record in one edit ------------- */
/*
 * hba_replace_line and hba_remedy_merge (issue #5). The record is rewritten
 * from its tokens as written, in place: the indentation before the first
 * token and everything after the last one (blanks, the trailing comment, the
 * line end) are outside the edit, so they stay as they are; a token that is
 * not changed is copied byte for byte (quotes, comma lists). The changes are
 * made one after another in the order given, each on the line as the ones
 * before it left it, exactly as replace_token would make it in a round of
 * its own: so the line reads byte for byte as the rounds of token edits
 * would have left it, in one round, except where those left the rest of the
 * line shifted out of its columns: then a later run of blanks takes the
 * shift back (below), which the trailing comment's run does too.
 */

typedef struct piece {
    const char *p;
    size_t n;
} piece;

/* The tree node of record `r` (a record starts its line), or NULL. */
static const auth_node *record_node(const hba_doc *d, const hba_rule *r)
{
    const auth_node *n = node_at(d, r->src, r->off);
    return n && n->kind == AUTH_NODE_RECORD ? n : NULL;
}

static int any_from_file(const hba_rule *r, const ptrvec *toks)
{
    for (size_t i = 0; i < toks->n; i++) {
        const hba_token *t = toks->items[i];
        if (t->via || t->src != r->src || (!t->quoted && t->text[0] == '@'))
            return 1;
    }
    return 0;
}

/* Why record `r` cannot be rewritten as a whole, or NULL (*out: its node). */
static const char *line_replaceable(const hba_doc *d, const hba_rule *r, const auth_node **out)
{
    const auth_node *n = record_node(d, r);
    if (!n || n->tokens.n == 0)
        return "the line is not in the syntax tree";
    if (n->too_long_at >= 0)
        return "the line is longer than PostgreSQL reads";
    const hba_token *first = n->tokens.items[0], *last = n->tokens.items[n->tokens.n - 1];
    if (n->line->segs || n->line->has_nul ||
        memchr(r->src->data + first->off, '\n', last->off + last->len - first->off))
        return "the record is continued over several physical lines";
    if (any_from_file(r, &n->tokens) || any_from_file(r, &r->databases) ||
        any_from_file(r, &r->users))
        return "a field of the line comes from an @file";
    *out = n;
    return NULL;
}

edit *hba_replace_line(arena *a, const hba_doc *d, const hba_rule *r, const hba_field_change *ch,
                       size_t nch, const char **why)
{
    const auth_node *n = NULL;
    if ((*why = line_replaceable(d, r, &n)))
        return NULL;
    const source *src = r->src;
    const char *data = (const char *)src->data;
    size_t k = n->tokens.n;
    const hba_token *first = n->tokens.items[0], *last = n->tokens.items[k - 1];
    size_t ls = line_start(src, first->off);
    piece *tok = arena_alloc(a, k * sizeof *tok), *gap = arena_alloc(a, k * sizeof *gap);
    size_t *was = arena_alloc(a, (k + 1) * sizeof *was);   /* start columns as written */
    for (size_t i = 0; i < k; i++) {
        const hba_token *t = n->tokens.items[i];
        tok[i] = (piece){data + t->off, t->len};
        gap[i] = (piece){NULL, 0};
        was[i] = col_advance(0, src->data + ls, t->off - ls);
        if (i + 1 < k) {
            const hba_token *nx = n->tokens.items[i + 1];
            gap[i] = (piece){data + t->off + t->len, nx->off - (t->off + t->len)};
        }
    }
    /* a trailing comment: the blanks before it are the last gap */
    size_t end = last->off + last->len, hash = end;
    while (hash < src->len && (data[hash] == ' ' || data[hash] == '\t'))
        hash++;
    int comment = hash < src->len && data[hash] == '#';
    if (comment) {
        gap[k - 1] = (piece){data + end, hash - end};
        was[k] = col_advance(0, src->data + ls, hash - ls);
        end = hash;
    }
    for (size_t c = 0; c < nch; c++) {
        size_t i = 0;
        for (; i < k; i++) {
            const hba_token *t = n->tokens.items[i];
            if (ch[c].tok && (t == ch[c].tok || (t->src == ch[c].tok->src && t->off == ch[c].tok->off)))
                break;
        }
        if (i == k) {
            *why = editable(r, ch[c].tok) ? editable(r, ch[c].tok)
                                          : "the field is not written in the line";
            return NULL;
        }
        if (!one_keyword(ch[c].text)) {
            *why = "the replacement is not a single pg_hba.conf keyword";
            return NULL;
        }
        /* the line as the changes before this one left it */
        size_t col = col_advance(0, src->data + ls, first->off - ls);
        for (size_t j = 0; j < i; j++)
            col = col_advance(col_advance(col, (const unsigned char *)tok[j].p, tok[j].n),
                              (const unsigned char *)gap[j].p, gap[j].n);
        size_t len = strlen(ch[c].text);
        if (i + 1 < k) {
            size_t now = col_advance(col, (const unsigned char *)ch[c].text, len);
            size_t target = col_advance(col_advance(col, (const unsigned char *)tok[i].p, tok[i].n),
                                        (const unsigned char *)gap[i].p, gap[i].n);
            size_t glen = 0;
            const char *g = col_realign_gap(a, (const unsigned char *)gap[i].p, gap[i].n, now,
                                            target, &glen);
            if (g)
                gap[i] = (piece){g, glen};
        }
        tok[i] = (piece){ch[c].text, len};
    }
    /* Where a change left the rest of the line shifted (a token longer than
     * its column, a single blank after it), the first later run of two or
     * more blanks that can take the whole shift back does, so the columns
     * after it and the trailing comment start where the line had them. A
     * run that cannot is left as it is (the line was not aligned there), and
     * without a shift nothing is touched. */
    size_t col = col_advance(0, src->data + ls, first->off - ls);
    for (size_t i = 0; i < k; i++) {
        col = col_advance(col, (const unsigned char *)tok[i].p, tok[i].n);
        if (i + 1 == k && !comment)
            break;
        size_t at = col_advance(col, (const unsigned char *)gap[i].p, gap[i].n);
        if (at != was[i + 1]) {
            size_t glen = 0;
            const char *g = col_realign_gap(a, (const unsigned char *)gap[i].p, gap[i].n, col,
                                            was[i + 1], &glen);
            if (g && col_advance(col, (const unsigned char *)g, glen) == was[i + 1]) {
                gap[i] = (piece){g, glen};
                at = was[i + 1];
            }
        }
        col = at;
    }
    strbuf b = {0};
    for (size_t i = 0; i < k; i++) {
        strbuf_put(a, &b, tok[i].p, tok[i].n);
        if (gap[i].n)
            strbuf_put(a, &b, gap[i].p, gap[i].n);
    }
    edit *e = edit_new(a, src, first->off, end - first->off, b.data, b.len);
    edit_claim(e, r->off, r->len);
    return e;
}

/* 1 if the token edits `v` (one edit) make the bytes the line edit `line`
 * writes: then the token edit stays, as it always was. */
static int same_as_token_edit(const edit *line, const ptrvec *v)
{
    if (v->n != 1)
        return 0;
    const edit *t = v->items[0];
    if (t->src != line->src || t->off < line->off || t->off + t->len > line->off + line->len)
        return 0;
    const char *d = (const char *)line->src->data;
    size_t pre = t->off - line->off, post = line->off + line->len - (t->off + t->len);
    return pre + t->repl_len + post == line->repl_len &&
           memcmp(line->repl, d + line->off, pre) == 0 &&
           memcmp(line->repl + pre, t->repl, t->repl_len) == 0 &&
           memcmp(line->repl + pre + t->repl_len, d + t->off + t->len, post) == 0;
}

/* An item on a pg_hba.conf record, for grouping the items by record. */
typedef struct slot {
    const hba_rule *r;
    size_t i;         /* its place in the items, so a group keeps finding order */
} slot;

static int cmp_slot(const void *x, const void *y)
{
    const slot *a = x, *b = y;
    if (a->r != b->r)
        return (uintptr_t)a->r < (uintptr_t)b->r ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

void hba_remedy_merge(arena *a, const hba_doc *d, ptrvec *items)
{
    /* the items of each record together (sorted: a file with a fix on
     * every line stays n log n) */
    slot *v = arena_alloc(a, (items->n + 1) * sizeof *v);
    size_t m = 0;
    for (size_t i = 0; i < items->n; i++) {
        const fix_item *it = items->items[i];
        remedy_kind k = it->f->fix.kind;
        /* only pg_hba.conf remedies: the round's items include the conf ones,
         * whose target is a conf_setting */
        if (it->refused || !it->f->fix.target ||
            (k != REMEDY_HBA_SET_METHOD && k != REMEDY_HBA_SET_TYPE &&
             k != REMEDY_HBA_SET_ADDRESS && k != REMEDY_HBA_COMMENT_OUT))
            continue;
        v[m++] = (slot){it->f->fix.target, i};
    }
    if (m > 1)
        qsort(v, m, sizeof *v, cmp_slot);
    hba_field_change *ch = arena_alloc(a, (m + 1) * sizeof *ch);
    for (size_t s = 0, e; s < m; s = e) {
        for (e = s + 1; e < m && v[e].r == v[s].r; e++)
            ;
        const hba_rule *r = v[s].r;
        size_t nch = 0;
        int conflict = 0;
        for (size_t g = s; g < e && !conflict; g++) {
            const fix_item *o = items->items[v[g].i];
            const char *text;
            const hba_token *tok = field_of(&o->f->fix, &text);
            if (!tok) {
                /* the line is also commented out: that fix takes its own
                 * round, the others wait for it as they always did */
                conflict = 1;
                break;
            }
            int dup = 0;
            for (size_t c = 0; c < nch && !dup; c++)
                if (ch[c].tok == tok) {
                    /* two values for one field: the first is made, the
                     * other planned again next round, as before */
                    conflict = strcmp(ch[c].text, text) != 0;
                    dup = 1;
                }
            if (!dup)
                ch[nch++] = (hba_field_change){tok, text};
        }
        if (conflict || nch == 0)
            continue;
        const char *why;
        edit *ed = hba_replace_line(a, d, r, ch, nch, &why);
        if (!ed)
            continue;   /* an @file or a continued record: a round per token edit */
        /* one field whose token edit leaves no column shifted: the token
         * edit (items making it already ride along by their signature) */
        const fix_item *lead = items->items[v[s].i];
        if (nch == 1 && same_as_token_edit(ed, &lead->edits))
            continue;
        for (size_t g = s; g < e; g++) {
            fix_item *o = items->items[v[g].i];
            o->edits = (ptrvec){0};
            ptrvec_push(a, &o->edits, ed);
        }
    }
}

/* auth_tokens.c — next_token and field grouping for hba/ident lines. */
#include "auth_tokens.h"

#include <stdint.h>
#include <string.h>

#include "hba_doc.h"

int auth_is_blank(int pg_version, unsigned char c)
{
    /* master switched from its own pg_isblank to isblank(), dropping CR */
    return c == ' ' || c == '\t' || (c == '\r' && pg_version < 19);
}

typedef struct scan {
    const auth_line *l;
    const char *s;
    size_t n, pos;
    int ver;
    size_t limit;
    strbuf *text;           /* reused for every token (and line) */
} scan;

typedef struct raw_tok {
    strbuf *text;
    size_t start, end;      /* text positions of the token's first and past-last byte */
    int quoted, comma, too_long;
} raw_tok;

/* next_token: returns 1 if a token (possibly the empty "") was read. */
static int next_token(arena *a, scan *sc, raw_tok *t)
{
    *t = (raw_tok){0};
    t->text = sc->text;
    sc->text->len = 0;
    while (sc->pos < sc->n &&
           (auth_is_blank(sc->ver, (unsigned char)sc->s[sc->pos]) || sc->s[sc->pos] == ','))
        sc->pos++;
    t->start = t->end = sc->pos;
    int in_quote = 0, was_quote = 0, saw_quote = 0;
    while (sc->pos < sc->n) {
        unsigned char c = (unsigned char)sc->s[sc->pos];
        if (!in_quote && auth_is_blank(sc->ver, c))
            break;
        if (c == '#' && !in_quote) {
            sc->pos = sc->n;    /* the comment runs to the end of the line */
            break;
        }
        /* The limit is checked before the comma test, so a full token
         * followed directly by a comma is already too long. */
        if (t->text->len >= sc->limit) {
            t->too_long = 1;
            t->end = sc->n;
            sc->pos = sc->n;
            return 1;
        }
        if (c == ',' && !in_quote) {
            t->comma = 1;
            sc->pos++;
            break;
        }
        if (c != '"') {
            /* A run of bytes that end nothing (no quote; outside quotes no
             * blank, comma or '#') goes in at once, as far as the limit
             * allows: byte by byte this loop was most of a line's cost. */
            size_t e = sc->pos + 1, room = sc->limit - t->text->len;
            while (e < sc->n && e - sc->pos < room) {
                unsigned char d = (unsigned char)sc->s[e];
                if (d == '"' ||
                    (!in_quote && (d == ',' || d == '#' || auth_is_blank(sc->ver, d))))
                    break;
                e++;
            }
            strbuf_put(a, t->text, sc->s + sc->pos, e - sc->pos);
            was_quote = 0;
            sc->pos = t->end = e;
            continue;
        }
        if (was_quote)
            strbuf_putc(a, t->text, (char)c);
        /* inside quotes, "" is one literal quote */
        was_quote = (in_quote && c == '"') ? !was_quote : 0;
        if (c == '"') {
            in_quote = !in_quote;
            saw_quote = 1;
            if (t->text->len == 0)
                t->quoted = 1;
        }
        sc->pos++;
        t->end = sc->pos;
    }
    return saw_quote || t->text->len > 0;
}

static hba_token *make_token(arena *a, const auth_line *l, const raw_tok *t, int field)
{
    /* The token and its text in one block, filled here field by field (no
     * clearing): a file has a token per word, and two zeroed allocations
     * per token were over a quarter of tokenizing a line. */
    size_t tl = t->text->len;
    hba_token *k = arena_alloc_raw(a, sizeof *k + (tl ? tl + 1 : 0));
    if (tl) {
        char *text = (char *)(k + 1);
        memcpy(text, t->text->data, tl);
        text[tl] = '\0';
        k->text = text;
    } else {
        k->text = "";
    }
    k->via = NULL;
    k->quoted = t->quoted;
    k->src = l->src;
    k->off = auth_line_src_off(l, t->start);
    size_t end = t->end > t->start ? auth_line_src_off(l, t->end - 1) + 1 : k->off;
    k->len = end - k->off;
    k->field = field;
    return k;
}

/* A line's tokens are gathered here and copied out at their exact count:
 * most lines have a handful, and a growing vector would leave its smaller
 * copies behind in the arena. */
#define LOCAL_TOKENS 16

void auth_tokenize_line(arena *a, const auth_line *l, int pg_version, auth_node *node,
                        strbuf *buf)
{
    scan sc = {l, l->text, l->text_len, 0, pg_version,
               pg_version <= 15 ? AUTH_TOKEN_MAX_PRE16 : SIZE_MAX, buf};
    node->too_long_at = -1;
    hba_token *local[LOCAL_TOKENS];
    ptrvec more = {0};   /* beyond LOCAL_TOKENS, all of them */
    size_t n = 0;
    int field = 0;
    while (sc.pos < sc.n) {
        int any = 0;
        raw_tok t;
        do {
            if (!next_token(a, &sc, &t))
                break;
            if (t.too_long)
                node->too_long_at = (int)n;
            hba_token *k = make_token(a, l, &t, field);
            if (n < LOCAL_TOKENS) {
                local[n] = k;
            } else {
                if (n == LOCAL_TOKENS)
                    for (size_t i = 0; i < LOCAL_TOKENS; i++)
                        ptrvec_push(a, &more, local[i]);
                ptrvec_push(a, &more, k);
            }
            n++;
            any = 1;
        } while (!t.too_long && t.comma);
        if (any)
            field++;
        if (node->too_long_at >= 0)
            break;   /* the rest of the line is discarded */
    }
    node->tokens = (ptrvec){0};
    if (n > LOCAL_TOKENS) {
        node->tokens = more;
    } else if (n) {
        node->tokens.items = arena_alloc_raw(a, n * sizeof(void *));
        memcpy(node->tokens.items, local, n * sizeof(void *));
        node->tokens.n = node->tokens.cap = n;
    }
}

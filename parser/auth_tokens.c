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

/* Byte classes for the scan: what ends a run of plain token bytes. CR is a
 * blank before 19 only, hence two tables (read-only, shared by all threads). */
enum { C_BLANK = 1, C_COMMA = 2, C_HASH = 4, C_QUOTE = 8 };
#define CLASSES(cr)                                                                       \
    {[' '] = C_BLANK, ['\t'] = C_BLANK, ['\r'] = (cr), [','] = C_COMMA, ['#'] = C_HASH, \
     ['"'] = C_QUOTE}
static const unsigned char classes_cr_blank[256] = CLASSES(C_BLANK);
static const unsigned char classes_cr_plain[256] = CLASSES(0);

typedef struct scan {
    const auth_line *l;
    const char *s;
    size_t n, pos;
    int ver;
    size_t limit;
    strbuf *text;           /* reused for every token (and line) */
    const unsigned char *cls;
} scan;

typedef struct raw_tok {
    const char *text;       /* len bytes: in the line itself, or in the scan's buffer */
    size_t len;
    size_t start, end;      /* text positions of the token's first and past-last byte */
    int quoted, comma, too_long;
} raw_tok;

/* next_token as written, byte by byte, for what the fast path below leaves:
 * quotes, and tokens at the length limit. Starts at the token's first byte. */
static int next_token_slow(arena *a, scan *sc, raw_tok *t)
{
    strbuf *text = sc->text;
    text->len = 0;
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
        if (text->len >= sc->limit) {
            t->too_long = 1;
            t->end = sc->n;
            sc->pos = sc->n;
            break;
        }
        if (c == ',' && !in_quote) {
            t->comma = 1;
            sc->pos++;
            break;
        }
        if (c != '"') {
            /* A run of bytes that end nothing (no quote; outside quotes no
             * blank, comma or '#') goes in at once, as far as the limit
             * allows. */
            size_t e = sc->pos + 1, room = sc->limit - text->len;
            while (e < sc->n && e - sc->pos < room) {
                unsigned char d = (unsigned char)sc->s[e];
                if (d == '"' || (!in_quote && (sc->cls[d] & (C_COMMA | C_HASH | C_BLANK))))
                    break;
                e++;
            }
            strbuf_put(a, text, sc->s + sc->pos, e - sc->pos);
            was_quote = 0;
            sc->pos = t->end = e;
            continue;
        }
        if (was_quote)
            strbuf_putc(a, text, (char)c);
        /* inside quotes, "" is one literal quote */
        was_quote = (in_quote && c == '"') ? !was_quote : 0;
        if (c == '"') {
            in_quote = !in_quote;
            saw_quote = 1;
            if (text->len == 0)
                t->quoted = 1;
        }
        sc->pos++;
        t->end = sc->pos;
    }
    t->text = text->data;
    t->len = text->len;
    return t->too_long || saw_quote || text->len > 0;
}

/* next_token: returns 1 if a token (possibly the empty "") was read. The
 * usual token, plain bytes ended by a blank, comma, '#' or the end of the
 * line within the length limit, is its own bytes of the line: nothing is
 * copied, and each byte costs one table look-up. */
static int next_token(arena *a, scan *sc, raw_tok *t)
{
    *t = (raw_tok){0};
    const unsigned char *s = (const unsigned char *)sc->s, *cls = sc->cls;
    size_t pos = sc->pos, n = sc->n;
    /* columns are lined up with runs of spaces: eight at a time first */
    uint64_t w;
    while (n - pos >= 8 && (memcpy(&w, s + pos, 8), w == 0x2020202020202020u))
        pos += 8;
    while (pos < n && (cls[s[pos]] & (C_BLANK | C_COMMA)))
        pos++;
    t->start = t->end = sc->pos = pos;
    size_t e = pos;
    /* Eight bytes at a time while all of them are ASCII from '-' (0x2d) up,
     * which no byte that ends a token is; the test adds 0x53 to each byte
     * (no carry out of a byte below 0x80) and wants every high bit set. */
    while (n - e >= 8) {
        memcpy(&w, s + e, 8);
        if ((w & 0x8080808080808080u) ||
            ((w + 0x5353535353535353u) & 0x8080808080808080u) != 0x8080808080808080u)
            break;
        e += 8;
    }
    while (e < n && !cls[s[e]])
        e++;
    size_t len = e - pos;
    unsigned stop = e < n ? cls[s[e]] : C_BLANK;
    if (stop & C_QUOTE || len > sc->limit || (stop & C_COMMA && len == sc->limit))
        return next_token_slow(a, sc, t);
    t->text = sc->s + pos;
    t->len = len;
    t->end = e;
    if (stop & C_HASH)
        sc->pos = n;    /* the comment runs to the end of the line */
    else if (stop & C_COMMA) {
        t->comma = 1;
        sc->pos = e + 1;
    } else
        sc->pos = e;
    return len > 0;
}

/* Source offset of text position pos: the usual line is one segment. */
static size_t src_off(const auth_line *l, size_t pos)
{
    if (l->nsegs == 1 && !l->segs)
        return l->off + (pos < l->text_len ? pos : l->text_len);
    return auth_line_src_off(l, pos);
}

static inline void fill_token(hba_token *k, char *text, const auth_line *l, const raw_tok *t,
                              int field)
{
    if (t->len) {
        memcpy(text, t->text, t->len);
        text[t->len] = '\0';
        k->text = text;
    } else {
        k->text = "";
    }
    k->via = NULL;
    k->quoted = t->quoted;
    k->src = l->src;
    k->off = src_off(l, t->start);
    size_t end = t->end > t->start ? src_off(l, t->end - 1) + 1 : k->off;
    k->len = end - k->off;
    k->field = field;
}

static hba_token *make_token(arena *a, const auth_line *l, const raw_tok *t, int field)
{
    /* The token and its text in one block, filled field by field (no
     * clearing). */
    size_t tl = t->len;
    hba_token *k = arena_alloc_raw(a, sizeof *k + (tl ? tl + 1 : 0));
    fill_token(k, (char *)(k + 1), l, t, field);
    return k;
}

/* A line's tokens are gathered here and then made in one block with the
 * vector that holds them: most lines have a handful, and an allocation per
 * token was a large part of tokenizing a line. A plain token's text is still
 * in the line then; one that went through the buffer is copied out at once
 * (the next token reuses the buffer). */
#define LOCAL_TOKENS 16

typedef struct pending {
    raw_tok t;
    int field;
} pending;

void auth_tokenize_line(arena *a, const auth_line *l, int pg_version, auth_node *node,
                        strbuf *buf)
{
    if (l->text_len == 0 || l->text[0] == '#') {
        /* empty or a comment from its first byte: most lines of a file */
        node->too_long_at = -1;
        node->tokens = (ptrvec){0};
        return;
    }
    scan sc = {l, l->text, l->text_len, 0, pg_version,
               pg_version <= 15 ? AUTH_TOKEN_MAX_PRE16 : SIZE_MAX, buf,
               pg_version < 19 ? classes_cr_blank : classes_cr_plain};
    node->too_long_at = -1;
    node->tokens = (ptrvec){0};
    pending local[LOCAL_TOKENS];
    ptrvec more = {0};   /* beyond LOCAL_TOKENS, all of them */
    size_t n = 0, text_bytes = 0;
    int field = 0;
    while (sc.pos < sc.n) {
        int any = 0;
        raw_tok t;
        do {
            if (!next_token(a, &sc, &t))
                break;
            if (t.too_long)
                node->too_long_at = (int)n;
            if (n < LOCAL_TOKENS) {
                if (t.len && t.text == buf->data)
                    t.text = arena_strndup(a, t.text, t.len);
                local[n].t = t;
                local[n].field = field;
                text_bytes += t.len ? t.len + 1 : 0;
            } else {
                if (n == LOCAL_TOKENS)
                    for (size_t i = 0; i < LOCAL_TOKENS; i++)
                        ptrvec_push(a, &more, make_token(a, l, &local[i].t, local[i].field));
                ptrvec_push(a, &more, make_token(a, l, &t, field));
            }
            n++;
            any = 1;
        } while (!t.too_long && t.comma);
        if (any)
            field++;
        if (node->too_long_at >= 0)
            break;   /* the rest of the line is discarded */
    }
    if (n > LOCAL_TOKENS) {
        node->tokens = more;
    } else if (n) {
        /* [n pointers][n tokens][their texts]: pointers and tokens are
         * 8-byte multiples, so the tokens stay aligned */
        char *block = arena_alloc_raw(a, n * (sizeof(void *) + sizeof(hba_token)) + text_bytes);
        void **items = (void **)block;
        hba_token *toks = (hba_token *)(block + n * sizeof(void *));
        char *text = (char *)(toks + n);
        for (size_t i = 0; i < n; i++) {
            fill_token(&toks[i], text, l, &local[i].t, local[i].field);
            text += local[i].t.len ? local[i].t.len + 1 : 0;
            items[i] = &toks[i];
        }
        node->tokens.items = items;
        node->tokens.n = node->tokens.cap = n;
    }
}

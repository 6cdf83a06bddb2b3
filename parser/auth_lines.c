/* auth_lines.c — reading hba/ident files the way hba.c's fgets loops do. */
#include "auth_lines.h"

#include <string.h>

/* 12–13 read each line with fgets into a buffer of MAX_LINE bytes. The
 * spec's 8192 is the value before the Aug 2023 minors; the current 12.22
 * and 13.23 use 20480 (twice the new token limit), measured with the oracle. */
#define OLD_LINE_BUF 20480
/* 14+ read through a StringInfo that starts at 1024 bytes and grows by
 * doubling; its size decides how much a NUL byte hides (see read_chunk). */
#define STRINGINFO_INIT 1024

typedef struct line_builder {
    arena *a;
    strbuf text;
    auth_seg *segs;
    size_t nsegs, cap;
    int has_nul;
    size_t nul_off;
    size_t cur_line;   /* index into src->line_start at or before the next line */
    auth_line *pool;   /* line structs not handed out yet (see new_line) */
    size_t pool_left;
} line_builder;

/* The builder's buffers are reused from line to line; finish_line copies
 * out exactly what a line needs. */
static void lb_reset(line_builder *b)
{
    b->text.len = 0;
    if (b->text.data)
        b->text.data[0] = '\0';
    b->nsegs = 0;
    b->has_nul = 0;
}

static void lb_append(line_builder *b, const source *s, size_t src_off, size_t n)
{
    if (n == 0)
        return;
    if (b->nsegs == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 4;
        b->segs = arena_realloc(b->a, b->segs, b->cap * sizeof *b->segs, nc * sizeof *b->segs);
        b->cap = nc;
    }
    b->segs[b->nsegs++] = (auth_seg){b->text.len, src_off, n};
    strbuf_put(b->a, &b->text, (const char *)s->data + src_off, n);
}

static void lb_truncate(line_builder *b, size_t len)
{
    b->text.len = len;
    if (b->text.data)
        b->text.data[len] = '\0';
    while (b->nsegs > 0 && b->segs[b->nsegs - 1].text_off >= len)
        b->nsegs--;
    if (b->nsegs > 0) {
        auth_seg *g = &b->segs[b->nsegs - 1];
        if (g->text_off + g->len > len)
            g->len = len - g->text_off;
    }
}

/* Drop trailing CR and LF bytes, as pg_strip_crlf and the 12–13 loop do. */
static void lb_strip_crlf(line_builder *b)
{
    size_t len = b->text.len;
    while (len > 0 && (b->text.data[len - 1] == '\n' || b->text.data[len - 1] == '\r'))
        len--;
    lb_truncate(b, len);
}

/*
 * One fgets(buf, room + 1) call at *pos: up to `room` bytes, stopping after a
 * newline. Only the bytes before the first NUL are kept, because the caller
 * measures what it got with strlen. Returns the number of bytes consumed.
 */
static size_t read_chunk(line_builder *b, const source *s, size_t pos, size_t room)
{
    size_t avail = s->len - pos;
    size_t k = room < avail ? room : avail;
    const unsigned char *p = s->data + pos;
    const unsigned char *nl = memchr(p, '\n', k);
    if (nl)
        k = (size_t)(nl - p) + 1;
    const unsigned char *z = memchr(p, '\0', k);
    if (z && !b->has_nul) {
        b->has_nul = 1;
        b->nul_off = pos + (size_t)(z - p);
    }
    lb_append(b, s, pos, z ? (size_t)(z - p) : k);
    return k;
}

/* ptrvec_push without the call while the caller's room lasts. */
static void push_line(arena *a, ptrvec *out, auth_line *l)
{
    if (out->n < out->cap)
        out->items[out->n++] = l;
    else
        ptrvec_push(a, out, l);
}

/* source_linecol's line for `off`: lines are split in file order, so the
 * physical line is found by walking on from the previous one rather than by
 * a binary search per line. */
static int line_of(line_builder *b, const source *s, size_t off)
{
    if (s->nlines == 0)
        return 1;
    size_t i = b->cur_line;
    while (i + 1 < s->nlines && s->line_start[i + 1] <= off)
        i++;
    b->cur_line = i;
    return (int)i + 1;
}

/* A new line struct with every field set: one per line of the file, so it
 * is not cleared first. */
static inline auth_line *new_line(line_builder *b, const source *s, size_t start, size_t end,
                           int pg_line)
{
    /* Taken from a block sized for the physical lines still to come: an
     * allocation per line was a fifth of splitting a file. More logical
     * lines than that (12-13 cut long lines) just take another block. */
    if (b->pool_left == 0) {
        size_t k = s->nlines > b->cur_line ? s->nlines - b->cur_line : 0;
        if (k < 16)
            k = 16;
        b->pool = arena_alloc_raw(b->a, k * sizeof *b->pool);
        b->pool_left = k;
    }
    auth_line *l = b->pool++;
    b->pool_left--;
    l->src = s;
    l->segs = NULL;
    l->too_long = 0;
    l->off = start;
    l->len = end - start;
    l->line = line_of(b, s, start);
    l->pg_line = pg_line;
    return l;
}

static auth_line *finish_line(line_builder *b, const source *s, size_t start, size_t end,
                              int pg_line)
{
    auth_line *l = new_line(b, s, start, end, pg_line);
    l->text_len = b->text.len;
    l->nsegs = b->nsegs;
    if (b->nsegs == 1 && b->segs[0].text_off == 0 && b->segs[0].src_off == start) {
        /* The usual line: its text is a prefix of its own bytes, so it need
         * not be copied, nor its one segment stored (auth_line_src_off). */
        l->text = (const char *)s->data + start;
    } else {
        l->text = b->text.len ? arena_strndup(b->a, b->text.data, b->text.len) : "";
        if (b->nsegs) {
            l->segs = arena_alloc(b->a, b->nsegs * sizeof *l->segs);
            memcpy(l->segs, b->segs, b->nsegs * sizeof *l->segs);
        }
    }
    l->has_nul = b->has_nul;
    l->nul_off = b->nul_off;
    return l;
}

static void split_old(arena *a, const source *s, ptrvec *out)
{
    line_builder b = {.a = a};
    size_t pos = 0;
    int pg_line = 1;
    while (pos < s->len) {
        lb_reset(&b);
        size_t start = pos;
        pos += read_chunk(&b, s, pos, OLD_LINE_BUF - 1);
        int too_long = b.text.len == OLD_LINE_BUF - 1;
        lb_strip_crlf(&b);
        auth_line *l = finish_line(&b, s, start, pos, pg_line++);
        l->too_long = too_long;
        push_line(a, out, l);
    }
}

/* pg_get_line_append: read until a newline has been collected or EOF.
 * Returns 0 when nothing at all could be read. */
static int get_line_append(line_builder *b, const source *s, size_t *pos, size_t *maxlen)
{
    size_t orig = b->text.len;
    while (*pos < s->len) {
        *pos += read_chunk(b, s, *pos, *maxlen - b->text.len - 1);
        if (b->text.len > orig && b->text.data[b->text.len - 1] == '\n')
            return 1;
        size_t needed = b->text.len + 128 + 1;   /* enlargeStringInfo(buf, 128) */
        if (needed > *maxlen) {
            size_t n = *maxlen * 2;
            while (n < needed)
                n *= 2;
            *maxlen = n;
        }
    }
    return b->text.len != orig;
}

static void split_modern(arena *a, const source *s, ptrvec *out)
{
    line_builder b = {.a = a};
    size_t pos = 0, maxlen = STRINGINFO_INIT;
    int pg_line = 1;
    /* The first NUL byte at or after pos (or NULL): looked for again only
     * once passed, instead of once per line. */
    const unsigned char *next_nul = memchr(s->data, '\0', s->len);
    while (pos < s->len) {
        size_t start = pos;
        /* The usual line: a newline within the first read, no NUL byte, no
         * continuation. It is exactly what the loop below makes of it (one
         * segment at `start`, the read buffer not grown), without copying
         * its bytes into the builder first. */
        size_t room = maxlen - 1, avail = s->len - pos;
        const unsigned char *p = s->data + pos;
        const unsigned char *nl = memchr(p, '\n', room < avail ? room : avail);
        if (next_nul && next_nul < p)
            next_nul = memchr(p, '\0', avail);
        if (nl && !(next_nul && next_nul < nl)) {
            size_t k = (size_t)(nl - p) + 1, tl = k;
            while (tl > 0 && (p[tl - 1] == '\n' || p[tl - 1] == '\r'))
                tl--;
            if (tl == 0 || p[tl - 1] != '\\') {
                auth_line *l = new_line(&b, s, start, start + k, pg_line);
                l->text_len = tl;
                l->nsegs = tl ? 1 : 0;
                l->text = tl ? (const char *)p : "";
                l->has_nul = 0;
                l->nul_off = b.nul_off;
                push_line(a, out, l);
                pos += k;
                pg_line++;
                continue;
            }
        }
        lb_reset(&b);
        size_t last_backslash = 0;
        int continuations = 0;
        while (get_line_append(&b, s, &pos, &maxlen)) {
            lb_strip_crlf(&b);
            /* The backslash must lie beyond the previous continuation point,
             * so "\\" then an empty line does not continue twice. */
            if (b.text.len > last_backslash && b.text.data[b.text.len - 1] == '\\') {
                lb_truncate(&b, b.text.len - 1);
                last_backslash = b.text.len;
                continuations++;
                continue;
            }
            break;
        }
        push_line(a, out, finish_line(&b, s, start, pos, pg_line));
        pg_line += continuations + 1;
    }
}

void auth_lines_split(arena *a, const source *s, int pg_version, ptrvec *out)
{
    if (pg_version <= 13)
        split_old(a, s, out);
    else
        split_modern(a, s, out);
}

size_t auth_line_src_off(const auth_line *l, size_t pos)
{
    if (l->nsegs == 0)
        return l->off;
    if (!l->segs)   /* one segment starting at the line's first byte */
        return l->off + (pos < l->text_len ? pos : l->text_len);
    size_t lo = 0, hi = l->nsegs;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (l->segs[mid].text_off <= pos)
            lo = mid;
        else
            hi = mid;
    }
    const auth_seg *g = &l->segs[lo];
    if (pos >= g->text_off + g->len)
        return g->src_off + g->len;
    return g->src_off + (pos - g->text_off);
}

/* edit.c — byte-range edits: ordering, overlap refusal, application. */
#include "edit.h"

#include <stdlib.h>
#include <string.h>

edit *edit_new(arena *a, const source *src, size_t off, size_t len, const char *repl,
               size_t repl_len)
{
    edit *e = arena_alloc(a, sizeof *e);
    e->src = src;
    e->off = off;
    e->len = len;
    e->repl = arena_strndup(a, repl ? repl : "", repl_len);
    e->repl_len = repl_len;
    e->claim_off = off;
    e->claim_len = len;
    return e;
}

edit *edit_new_str(arena *a, const source *src, size_t off, size_t len, const char *repl)
{
    return edit_new(a, src, off, len, repl, strlen(repl));
}

void edit_claim(edit *e, size_t off, size_t len)
{
    /* A claim never shrinks below the edit itself. */
    size_t lo = off < e->off ? off : e->off;
    size_t hi_c = off + len, hi_e = e->off + e->len;
    size_t hi = hi_c > hi_e ? hi_c : hi_e;
    e->claim_off = lo;
    e->claim_len = hi - lo;
}

int edit_ranges_overlap(size_t a_off, size_t a_len, size_t b_off, size_t b_len)
{
    if (a_len == 0 && b_len == 0)
        return a_off == b_off;
    if (a_len == 0)
        return a_off >= b_off && a_off < b_off + b_len;
    if (b_len == 0)
        return b_off >= a_off && b_off < a_off + a_len;
    return a_off < b_off + b_len && b_off < a_off + a_len;
}

static int cmp_edit(const void *x, const void *y)
{
    const edit *a = *(const edit *const *)x, *b = *(const edit *const *)y;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    /* an insertion goes before a replacement that starts at the same byte */
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    size_t n = a->repl_len < b->repl_len ? a->repl_len : b->repl_len;
    int c = memcmp(a->repl, b->repl, n);
    if (c)
        return c;
    return a->repl_len < b->repl_len ? -1 : a->repl_len > b->repl_len;
}

static int same_edit(const edit *a, const edit *b)
{
    return a->off == b->off && a->len == b->len && a->repl_len == b->repl_len &&
           memcmp(a->repl, b->repl, a->repl_len) == 0;
}

int edits_normalize(ptrvec *edits, const edit **x, const edit **y)
{
    if (edits->n > 1)
        qsort(edits->items, edits->n, sizeof(void *), cmp_edit);
    size_t k = 0;
    for (size_t i = 0; i < edits->n; i++) {
        edit *e = edits->items[i];
        if (k > 0 && same_edit(edits->items[k - 1], e))
            continue;
        edits->items[k++] = e;
    }
    edits->n = k;
    for (size_t i = 0; i + 1 < edits->n; i++) {
        const edit *a = edits->items[i], *b = edits->items[i + 1];
        /* sorted, so only neighbours can overlap, except that a long
         * replacement can reach past its neighbour: compare with the furthest */
        if (edit_ranges_overlap(a->off, a->len, b->off, b->len)) {
            *x = a;
            *y = b;
            return -1;
        }
        for (size_t j = i + 2; j < edits->n; j++) {
            const edit *c = edits->items[j];
            if (c->off >= a->off + a->len)
                break;
            if (edit_ranges_overlap(a->off, a->len, c->off, c->len)) {
                *x = a;
                *y = c;
                return -1;
            }
        }
    }
    return 0;
}

unsigned char *edits_apply(arena *a, const unsigned char *data, size_t len, const ptrvec *edits,
                           size_t *out_len)
{
    size_t n = len;
    for (size_t i = 0; i < edits->n; i++) {
        const edit *e = edits->items[i];
        n = n - e->len + e->repl_len;
    }
    unsigned char *out = arena_alloc(a, n + 1);
    size_t pos = 0, w = 0;
    for (size_t i = 0; i < edits->n; i++) {
        const edit *e = edits->items[i];
        memcpy(out + w, data + pos, e->off - pos);
        w += e->off - pos;
        memcpy(out + w, e->repl, e->repl_len);
        w += e->repl_len;
        pos = e->off + e->len;
    }
    memcpy(out + w, data + pos, len - pos);
    w += len - pos;
    out[w] = 0;
    *out_len = w;
    return out;
}

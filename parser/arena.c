/* arena.c — chunked bump allocation; see arena.h for ownership rules. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN ((size_t)64 * 1024)
#define ALIGN 16 /* chunk data starts here */
#define GRAIN 8
/* Cleared ahead of use in batches of this: at most half a page is cleared
 * before it is needed. (It also stays at glibc's 2 KB threshold for `rep
 * stosb`, which callgrind counts one instruction per byte: at 4096 the
 * batches showed as 8% of a one-file check's instructions, though their
 * cycles were far fewer.) */
#define ZERO_BATCH 2048

struct chunk {
    struct chunk *next;
    size_t used, size;
    size_t zeroed;   /* bytes [0, zeroed) have been cleared; blocks come from there */
    /* data follows, aligned */
};

struct arena {
    struct chunk *head;
};

static void oom(void)
{
    fputs("pgconflint: out of memory\n", stderr);
    abort();
}

static size_t hdr_size(void)
{
    return (sizeof(struct chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof *a);
    if (!a)
        oom();
    return a;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

void arena_reset(arena *a)
{
    struct chunk *keep = a->head;
    if (keep && keep->size != CHUNK_MIN)
        keep = NULL;   /* a large block's own chunk is not worth keeping */
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        if (c != keep)
            free(c);
        c = next;
    }
    a->head = keep;
    if (keep) {
        /* blocks are handed out again from a cleared start */
        memset((char *)keep + hdr_size(), 0, keep->used);
        keep->next = NULL;
        keep->used = 0;
    }
}

/* Objects whose size is a multiple of 16 may need 16-byte alignment (long
 * double, max_align_t); everything else needs at most 8. Packing small
 * objects at 8 keeps a parsed file near its own size: most of what a parser
 * allocates is short strings and pointer-sized fields. */
static size_t align_of(size_t size)
{
    return size && (size & 15) == 0 ? 16 : GRAIN;
}

static char *chunk_data(struct chunk *c)
{
    return (char *)c + hdr_size();
}

static void *alloc(arena *a, size_t size, int zero);

void *arena_alloc(arena *a, size_t size)
{
    return alloc(a, size, 1);
}

void *arena_alloc_raw(arena *a, size_t size)
{
    return alloc(a, size, 0);
}

/* A block is cleared unless `zero` is 0; then it is left as it is, and
 * the `zeroed` mark moves past it (blocks after it are cleared as usual). */
static void *alloc(arena *a, size_t size, int zero)
{
    size_t align = align_of(size);
    size = (size + GRAIN - 1) & ~(size_t)(GRAIN - 1);
    if (size == 0)
        size = GRAIN;
    struct chunk *c = a->head;
    size_t start = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || start > c->size || c->size - start < size) {
        /* Large requests get a chunk of their own so small ones keep packing. */
        size_t want = size > CHUNK_MIN / 4 ? size : CHUNK_MIN;
        struct chunk *n = malloc(hdr_size() + want);
        if (!n)
            oom();
        n->size = want;
        n->used = 0;
        n->zeroed = 0;
        if (c && size > CHUNK_MIN / 4) {
            /* keep the current chunk at the head: it still has room */
            n->next = c->next;
            c->next = n;
            n->used = n->zeroed = size;
            void *p = chunk_data(n);
            if (zero)
                memset(p, 0, size);
            return p;
        }
        n->next = c;
        a->head = c = n;
        start = 0;
    }
    void *p = chunk_data(c) + start;
    c->used = start + size;
    /* Clear ahead in batches: a parse allocates thousands of small nodes,
     * and one memset per few kilobytes costs far less than one per node.
     * Bytes past `used` are never written, so a cleared byte stays zero. */
    if (c->used > c->zeroed && !zero) {
        c->zeroed = c->used;   /* the block is the caller's to fill */
    } else if (c->used > c->zeroed) {
        size_t upto = c->zeroed + ZERO_BATCH;
        if (upto < c->used)
            upto = c->used;
        if (upto > c->size)
            upto = c->size;
        memset(chunk_data(c) + c->zeroed, 0, upto - c->zeroed);
        c->zeroed = upto;
    }
    return p;
}

/* Growing arrays (ptrvec, strbuf) would leave every old copy behind. Two
 * cases avoid that: the block is the newest one in the head chunk (it grows
 * in place), or it is a large block alone in its chunk (the chunk is
 * reallocated). Returns NULL when neither applies. */
static void *grow_in_place(arena *a, void *old, size_t old_size, size_t new_size)
{
    size_t old_r = (old_size + GRAIN - 1) & ~(size_t)(GRAIN - 1);
    size_t new_r = (new_size + GRAIN - 1) & ~(size_t)(GRAIN - 1);
    struct chunk *h = a->head;
    if (h && (char *)old + old_r == chunk_data(h) + h->used) {
        size_t at = (size_t)((char *)old - chunk_data(h));
        if (h->size - at >= new_r) {
            memset((char *)old + old_size, 0, new_r - old_size);
            h->used = at + new_r;
            if (h->zeroed < h->used)
                h->zeroed = h->used;
            return old;
        }
    }
    if (old_r <= CHUNK_MIN / 4)
        return NULL;
    for (struct chunk **link = &a->head; *link; link = &(*link)->next) {
        struct chunk *c = *link;
        if (chunk_data(c) != (char *)old || c->used != old_r)
            continue;
        struct chunk *n = realloc(c, hdr_size() + new_r);
        if (!n)
            oom();
        n->size = n->used = n->zeroed = new_r;
        *link = n;
        memset(chunk_data(n) + old_size, 0, new_r - old_size);
        return chunk_data(n);
    }
    return NULL;
}

void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
    if (old && old_size) {
        void *p = grow_in_place(a, old, old_size, new_size);
        if (p)
            return p;
    }
    void *p = arena_alloc(a, new_size);
    if (old && old_size)
        memcpy(p, old, old_size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    /* Formatted once into a stack buffer, copied if it fits: most messages
     * do, and measuring first formatted every message twice. */
    char local[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(local, sizeof local, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    if ((size_t)n < sizeof local)
        return arena_strndup(a, local, (size_t)n);
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void ptrvec_push(arena *a, ptrvec *v, void *item)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 8;
        v->items = arena_realloc(a, v->items, v->cap * sizeof(void *),
                                 nc * sizeof(void *));
        v->cap = nc;
    }
    v->items[v->n++] = item;
}

static void strbuf_reserve(arena *a, strbuf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->len + extra + 1)
            nc *= 2;
        b->data = arena_realloc(a, b->data, b->cap, nc);
        b->cap = nc;
    }
}

void strbuf_put(arena *a, strbuf *b, const char *s, size_t n)
{
    strbuf_reserve(a, b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_putc(arena *a, strbuf *b, char c)
{
    /* the tokenizers add one byte at a time: skip the general path when
     * there is room */
    if (b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    strbuf_put(a, b, &c, 1);
}

void strbuf_puts(arena *a, strbuf *b, const char *s)
{
    strbuf_put(a, b, s, strlen(s));
}

void strbuf_printf(arena *a, strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    strbuf_puts(a, b, s);
}

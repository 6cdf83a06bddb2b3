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

static void *alloc_slow(arena *a, size_t size, int zero);

/* Clear ahead in batches: a parse allocates thousands of small nodes, and
 * one memset per few kilobytes costs far less than one per node. Bytes past
 * `used` are never written, so a cleared byte stays zero. A block that is
 * not to be cleared (`zero` 0) moves the mark past itself instead. */
static void clear_ahead(struct chunk *c, int zero)
{
    if (!zero) {
        c->zeroed = c->used;   /* the block is the caller's to fill */
        return;
    }
    size_t upto = c->zeroed + ZERO_BATCH;
    if (upto < c->used)
        upto = c->used;
    if (upto > c->size)
        upto = c->size;
    memset(chunk_data(c) + c->zeroed, 0, upto - c->zeroed);
    c->zeroed = upto;
}

/* The block at `start` of chunk c, once the bytes up to c->used are
 * cleared (or marked the caller's). Kept out of line: it runs once per
 * couple of kilobytes, and inlined it made every allocation save and
 * restore registers for it. */
__attribute__((noinline)) static void *block_after_clearing(struct chunk *c, size_t start, int zero)
{
    clear_ahead(c, zero);
    return chunk_data(c) + start;
}

/* The common case inline: the block fits the head chunk. Every allocation
 * of a run passes here (over a hundred thousand for a few hundred files),
 * so it is kept to a few compares and a bump. */
static inline void *alloc(arena *a, size_t size, int zero)
{
    struct chunk *c = a->head;
    if (c && size - 1 < CHUNK_MIN / 4) {
        /* `used` is always a multiple of GRAIN: only 16-byte alignment
         * may need a gap */
        size_t start = c->used;
        if ((size & 15) == 0)
            start = (start + 15) & ~(size_t)15;
        size_t end = start + ((size + GRAIN - 1) & ~(size_t)(GRAIN - 1));
        if (end <= c->size) {
            c->used = end;
            if (end > c->zeroed)
                return block_after_clearing(c, start, zero);
            return chunk_data(c) + start;
        }
    }
    return alloc_slow(a, size, zero);
}

void *arena_alloc(arena *a, size_t size)
{
    return alloc(a, size, 1);
}

void *arena_alloc_raw(arena *a, size_t size)
{
    return alloc(a, size, 0);
}

/* Everything alloc() does not settle inline: a size of 0, a large block, a
 * full chunk. */
static void *alloc_slow(arena *a, size_t size, int zero)
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
    if (c->used > c->zeroed)
        clear_ahead(c, zero);
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

/* Appends the decimal digits of v (negative when neg) to buf[*n..cap);
 * 0 when they do not fit. */
static int put_decimal(char *buf, size_t cap, size_t *n, unsigned long long v, int neg)
{
    char tmp[24];
    size_t k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (neg)
        tmp[k++] = '-';
    if (cap - *n <= k)
        return 0;
    while (k)
        buf[(*n)++] = tmp[--k];
    return 1;
}

/*
 * The conversions messages are made of (%s %.*s %d %u %ld %lu %zu %c %%),
 * formatted as vsnprintf would into buf[0..cap), NUL-terminated; returns
 * the length, or -1 for anything else (flags, widths, floating point, a
 * NULL string) or a result that does not fit: the caller then asks
 * vsnprintf. glibc's vsnprintf costs near a thousand instructions per
 * message, most of it setting up, and a run formats thousands of them.
 */
static long format_simple(char *buf, size_t cap, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            /* copy the literal run up to the next conversion at once */
            const char *pct = strchr(f, '%');
            size_t run = pct ? (size_t)(pct - f) : strlen(f);
            if (cap - n <= run)
                return -1;
            memcpy(buf + n, f, run);
            n += run;
            f += run - 1;
            continue;
        }
        f++;
        int prec = -1;
        if (f[0] == '.' && f[1] == '*') {
            prec = va_arg(ap, int);
            f += 2;
            if (*f != 's')
                return -1;
        }
        switch (*f) {
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                return -1;
            size_t sl = prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str);
            if (cap - n <= sl)
                return -1;
            memcpy(buf + n, str, sl);
            n += sl;
            break;
        }
        case 'd': {
            int v = va_arg(ap, int);
            if (!put_decimal(buf, cap, &n, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
                             v < 0))
                return -1;
            break;
        }
        case 'u':
            if (!put_decimal(buf, cap, &n, va_arg(ap, unsigned), 0))
                return -1;
            break;
        case 'z':
            if (f[1] != 'u' || !put_decimal(buf, cap, &n, va_arg(ap, size_t), 0))
                return -1;
            f++;
            break;
        case 'l':
            if (f[1] == 'd') {
                long v = va_arg(ap, long);
                if (!put_decimal(buf, cap, &n,
                                 v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0))
                    return -1;
            } else if (f[1] != 'u' || !put_decimal(buf, cap, &n, va_arg(ap, unsigned long), 0)) {
                return -1;
            }
            f++;
            break;
        case 'c':
            if (cap - n <= 1)
                return -1;
            buf[n++] = (char)(unsigned char)va_arg(ap, int);
            break;
        case '%':
            if (cap - n <= 1)
                return -1;
            buf[n++] = '%';
            break;
        default:
            return -1;
        }
    }
    buf[n] = '\0';
    return (long)n;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    /* Formatted once into a stack buffer, copied if it fits: most messages
     * do, and measuring first formatted every message twice. */
    char local[256];
    va_list ap2;
    va_copy(ap2, ap);
    long simple = format_simple(local, sizeof local, fmt, ap2);
    va_end(ap2);
    if (simple >= 0)
        return arena_strndup(a, local, (size_t)simple);
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

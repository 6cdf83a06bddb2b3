/* arena.c — chunked bump allocation; see arena.h for ownership rules. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

struct chunk {
    struct chunk *next;
    size_t used, size;
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

void *arena_alloc(arena *a, size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0)
        size = ALIGN;
    struct chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        /* Large requests get a chunk of their own so small ones keep packing. */
        size_t want = size > CHUNK_MIN / 4 ? size : CHUNK_MIN;
        struct chunk *n = malloc(hdr_size() + want);
        if (!n)
            oom();
        n->size = want;
        n->used = 0;
        if (c && size > CHUNK_MIN / 4) {
            /* keep the current chunk at the head: it still has room */
            n->next = c->next;
            c->next = n;
            n->used = size;
            void *p = (char *)n + hdr_size();
            memset(p, 0, size);
            return p;
        }
        n->next = c;
        a->head = c = n;
    }
    void *p = (char *)c + hdr_size() + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
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
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
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

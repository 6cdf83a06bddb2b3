/*
 * arena — a bump allocator that owns everything a document needs.
 *
 * Memory: every pointer returned by arena_* belongs to the arena and is freed
 * all at once by arena_free(). Nothing returned here may be passed to free().
 * An arena is not shared between threads; batch mode gives each file its own.
 * Allocation failure aborts the process (out of memory is not a lint result).
 */
#ifndef PGCL_ARENA_H
#define PGCL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Forget everything allocated so far but keep one chunk for reuse: scratch
 * space emptied again and again (one line after another) stays one chunk. */
void arena_reset(arena *a);

/* Zeroed; 16-byte aligned when size is a multiple of 16 (what any type of
 * that size may need), else 8-byte aligned. */
void *arena_alloc(arena *a, size_t size);
/* The same, not zeroed: for a buffer the caller fills before reading (a
 * file's bytes, one node per line), where clearing it first cost a pass
 * over memory as large as the file. */
void *arena_alloc_raw(arena *a, size_t size);
/* Grows in place when `old` is the newest block (or a large block of its
 * own), so growing arrays do not leave copies behind; new bytes are zero. */
void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);

/*
 * A growable array of pointers whose storage lives in the arena.
 * Usage: ptrvec v = {0}; ptrvec_push(a, &v, item); v.items[i], v.n.
 */
typedef struct ptrvec {
    void **items;
    size_t n, cap;
} ptrvec;

void ptrvec_push(arena *a, ptrvec *v, void *item);

/* A growable byte buffer in the arena, always NUL-terminated. */
typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf;

void strbuf_putc(arena *a, strbuf *b, char c);
void strbuf_put(arena *a, strbuf *b, const char *s, size_t n);
void strbuf_puts(arena *a, strbuf *b, const char *s);
void strbuf_printf(arena *a, strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif

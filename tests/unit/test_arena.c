/* test_arena — the arena's allocations and its printf. arena_printf formats
 * the conversions messages use itself and hands anything else to
 * vsnprintf: whichever path a format takes, the text must be what
 * snprintf makes of it. Allocations must be cleared (arena_alloc), aligned
 * as documented, and survive a mix with raw blocks. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "tests/tap.h"

/* arena_printf and snprintf of the same format and arguments. */
static void same(arena *a, const char *name, const char *fmt, ...)
{
    char want[2048];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    vsnprintf(want, sizeof want, fmt, ap);
    va_end(ap);
    char *got = arena_vprintf(a, fmt, ap2);
    va_end(ap2);
    tap_str_eq(got, want, name);
}

static void test_printf(arena *a)
{
    same(a, "plain text", "no conversions at all");
    same(a, "empty", "%s", "");
    same(a, "%s between literals", "value \"%s\" of %s", "on", "ssl");
    same(a, "%.*s shorter than the string", "[%.*s]", 3, "abcdef");
    same(a, "%.*s longer than the string", "[%.*s]", 10, "abc");
    same(a, "%d extremes", "%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
    same(a, "%u", "%u %u", 0u, UINT_MAX);
    same(a, "%ld extremes", "%ld %ld", LONG_MAX, LONG_MIN);
    same(a, "%lu", "%lu", ULONG_MAX);
    same(a, "%zu", "%zu %zu", (size_t)0, SIZE_MAX);
    same(a, "%c and %%", "%c%%%c", 'x', 'y');
    same(a, "NULL string (vsnprintf's form)", "<%s>", (const char *)NULL);
    same(a, "a width goes to vsnprintf", "%5d|%-4s|", 42, "ab");
    same(a, "%g goes to vsnprintf", "%g %g", 0.1, 1e300);
    same(a, "%x goes to vsnprintf", "%x %lld", 255u, LLONG_MIN);

    /* the stack buffer is 256 bytes: results around it and far beyond */
    char s[1200];
    for (size_t n = 250; n <= 260; n++) {
        memset(s, 'a' + (int)(n % 26), n);
        s[n] = '\0';
        char name[64];
        snprintf(name, sizeof name, "a %zu-byte result", n);
        same(a, name, "%s", s);
        snprintf(name, sizeof name, "a %zu-byte result after text", n + 2);
        same(a, name, "<>%s", s);
    }
    memset(s, 'q', sizeof s - 1);
    s[sizeof s - 1] = '\0';
    same(a, "a 1199-byte result", "%s=%d", s, -7);
}

static void test_alloc(arena *a)
{
    int cleared = 1, aligned = 1;
    for (int i = 0; i < 5000; i++) {
        size_t size = (size_t)(i % 97) + 1;
        unsigned char *raw = arena_alloc_raw(a, size);
        memset(raw, 0xAB, size);   /* dirty bytes next to cleared ones */
        unsigned char *p = arena_alloc(a, size * 3);
        for (size_t k = 0; k < size * 3; k++)
            cleared &= p[k] == 0;
        if ((size * 3) % 16 == 0)
            aligned &= ((uintptr_t)p % 16) == 0;
        aligned &= ((uintptr_t)p % 8) == 0;
    }
    tap_ok(cleared, "arena_alloc blocks are cleared beside dirty raw blocks");
    tap_ok(aligned, "blocks are 8-aligned, 16-aligned when a multiple of 16");
    unsigned char *big = arena_alloc(a, 300000);
    int big_clear = 1;
    for (size_t k = 0; k < 300000; k += 997)
        big_clear &= big[k] == 0;
    tap_ok(big_clear, "a block larger than a chunk is cleared");
    tap_ok(arena_alloc(a, 0) != NULL, "a zero-size allocation is a valid pointer");
}

int main(void)
{
    arena *a = arena_new();
    test_printf(a);
    test_alloc(a);
    arena_free(a);
    return tap_done();
}

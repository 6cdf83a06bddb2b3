/* columns.c — display columns and realigned blank runs. */
#include "columns.h"

#include <string.h>

#define TAB_WIDTH 8

size_t col_advance(size_t col, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\t')
            col = (col / TAB_WIDTH + 1) * TAB_WIDTH;
        else if ((p[i] & 0xC0) != 0x80)
            col++;
    }
    return col;
}

static char *repeat(arena *a, char c, size_t n, size_t *out_len)
{
    char *s = arena_alloc(a, n + 1);
    memset(s, c, n);
    *out_len = n;
    return s;
}

const char *col_realign_gap(arena *a, const unsigned char *gap, size_t gap_len, size_t from,
                            size_t to, size_t *out_len)
{
    if (gap_len < 2)
        return NULL;
    size_t spaces = 0, tabs = 0;
    for (size_t i = 0; i < gap_len; i++) {
        if (gap[i] == ' ')
            spaces++;
        else if (gap[i] == '\t')
            tabs++;
        else
            return NULL;
    }
    if (tabs == 0)
        return repeat(a, ' ', to > from ? to - from : 1, out_len);
    if (spaces == 0) {
        if (from >= to)
            return repeat(a, '\t', 1, out_len);
        size_t c = from, k = 0;
        while (c < to) {
            c = (c / TAB_WIDTH + 1) * TAB_WIDTH;
            k++;
        }
        return c == to ? repeat(a, '\t', k, out_len) : NULL;
    }
    /* tabs then spaces, the usual mixed style */
    if (from >= to)
        return NULL;
    size_t c = from, k = 0;
    while ((c / TAB_WIDTH + 1) * TAB_WIDTH <= to) {
        c = (c / TAB_WIDTH + 1) * TAB_WIDTH;
        k++;
    }
    size_t n = k + (to - c);
    char *s = arena_alloc(a, n + 1);
    memset(s, '\t', k);
    memset(s + k, ' ', to - c);
    *out_len = n;
    return s;
}

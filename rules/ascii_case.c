/* ascii_case.c — locale-independent ASCII case folding. */
#include "ascii_case.h"

/* Bytes that are equal need no folding: most comparisons are of words
 * spelled alike, or differ at once. */
int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x == y) {
            if (x == 0)
                return 0;
            continue;
        }
        x = (unsigned char)ascii_tolower((char)x);
        y = (unsigned char)ascii_tolower((char)y);
        if (x != y)
            return x - y;
    }
    return 0;
}

int ascii_casecmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        if (*x == *y) {
            if (*x == 0)
                return 0;
            continue;
        }
        unsigned char cx = (unsigned char)ascii_tolower((char)*x);
        unsigned char cy = (unsigned char)ascii_tolower((char)*y);
        if (cx != cy)
            return cx - cy;
    }
}

/* ascii_case.c — locale-independent ASCII case folding. */
#include "ascii_case.h"

char ascii_tolower(char c)
{
    if (c >= 'A' && c <= 'Z')
        return (char)(c + ('a' - 'A'));
    return c;
}

int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)ascii_tolower(a[i]);
        unsigned char y = (unsigned char)ascii_tolower(b[i]);
        if (x != y || x == 0)
            return x - y;
    }
    return 0;
}

int ascii_casecmp(const char *a, const char *b)
{
    return ascii_ncasecmp(a, b, (size_t)-1);
}

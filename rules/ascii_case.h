/*
 * ascii_case — case-insensitive comparison of ASCII letters only, as
 * PostgreSQL's pg_strcasecmp does for keywords; independent of the locale the
 * process runs in. Bytes >= 0x80 compare exactly.
 *
 * Memory: allocates nothing.
 */
#ifndef PGCL_ASCII_CASE_H
#define PGCL_ASCII_CASE_H

#include <stddef.h>

int ascii_casecmp(const char *a, const char *b);
int ascii_ncasecmp(const char *a, const char *b, size_t n);

/* Inline: the catalog lookups and the edit distance call it per byte. */
static inline char ascii_tolower(char c)
{
    if (c >= 'A' && c <= 'Z')
        return (char)(c + ('a' - 'A'));
    return c;
}

#endif

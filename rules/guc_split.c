/* guc_split.c — splitting comma lists the way PostgreSQL's hooks do. */
#include <string.h>

#include "guc_split.h"

/* NAMEDATALEN - 1: identifiers longer than this are silently cut. */
#define MAX_IDENT 63

int guc_scanner_isspace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int split(arena *a, const char *s, char sep, ptrvec *items, int fold)
{
    const char *p = s;
    while (guc_scanner_isspace(*p))
        p++;
    if (!*p)
        return 1;
    for (;;) {
        strbuf item = { 0 };
        if (*p == '"') {
            p++;
            for (;;) {
                const char *q = strchr(p, '"');
                if (!q)
                    return 0;
                strbuf_put(a, &item, p, (size_t)(q - p));
                if (q[1] != '"') {
                    p = q + 1;
                    break;
                }
                strbuf_putc(a, &item, '"');
                p = q + 2;
            }
            /* unlike an empty unquoted item, "" is accepted */
        } else {
            const char *start = p;
            while (*p && *p != sep && !guc_scanner_isspace(*p))
                p++;
            if (p == start)
                return 0;
            for (const char *c = start; c < p; c++) {
                char ch = *c;
                if (fold && ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch + ('a' - 'A'));
                strbuf_putc(a, &item, ch);
            }
        }
        /* Cut like truncate_identifier in a SQL_ASCII server: by bytes. */
        if (fold && item.len > MAX_IDENT) {
            item.len = MAX_IDENT;
            item.data[MAX_IDENT] = '\0';
        }
        ptrvec_push(a, items, item.data ? item.data : arena_strdup(a, ""));
        while (guc_scanner_isspace(*p))
            p++;
        if (*p == sep) {
            p++;
            while (guc_scanner_isspace(*p))
                p++;
        } else if (*p == '\0') {
            return 1;
        } else {
            return 0;
        }
    }
}

int guc_split_identifiers(arena *a, const char *s, char sep, ptrvec *items)
{
    return split(a, s, sep, items, 1);
}

int guc_split_list(arena *a, const char *s, char sep, ptrvec *items)
{
    return split(a, s, sep, items, 0);
}

/* catalog_tables.c — wraps the generated tables (catalog_data.inc, made in the
 * build directory by catalog_gen.awk) behind small accessors. */
#include <float.h>
#include <stddef.h>

#include "catalog_tables.h"

#include "rules/catalog_data.inc"

#define COUNT_OF(x) (sizeof(x) / sizeof((x)[0]))

const catalog_version_table *catalog_table(int version)
{
    for (size_t i = 0; i < COUNT_OF(version_tables); i++)
        if (version_tables[i].version == version)
            return &version_tables[i];
    return NULL;
}

const catalog_version_table *catalog_tables(size_t *n)
{
    *n = COUNT_OF(version_tables);
    return version_tables;
}

const catalog_change_row *catalog_change_rows(size_t *n)
{
    *n = COUNT_OF(change_rows);
    return change_rows;
}

const catalog_alias_row *catalog_alias_rows(size_t *n)
{
    *n = COUNT_OF(alias_rows);
    return alias_rows;
}

static int ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

int catalog_name_cmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (;; x++, y++) {
        if (*x == *y) {   /* names mostly match byte for byte: no folding */
            if (*x == 0)
                return 0;
            continue;
        }
        int cx = ascii_lower(*x), cy = ascii_lower(*y);
        if (cx != cy)
            return cx - cy;
    }
}

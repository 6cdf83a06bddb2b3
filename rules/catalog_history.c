/* catalog_history.c — a name's life across versions, from changes.tsv,
 * aliases.tsv and the per-version tables. */
#include <string.h>

#include "catalog_info.h"
#include "catalog_tables.h"

/* Read off the rows themselves: asking every version about a name builds
 * none of their guc_param records. (An alias is never a row's name, so this
 * is catalog_find() finding the name itself, not its target.) */
int catalog_exists_in(int version, const char *name)
{
    const catalog_version_table *t = catalog_table(version);
    return t && name && catalog_row_find(t, name) >= 0;
}

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

int catalog_history_of(const char *name, catalog_history *h)
{
    memset(h, 0, sizeof *h);
    size_t n;
    const catalog_alias_row *al = catalog_alias_rows(&n);
    for (size_t i = 0; i < n; i++)
        if (catalog_name_cmp(name, catalog_str(al[i].alias)) == 0) {
            h->alias_of = catalog_str(al[i].canonical);
            h->alias_since = al[i].since;
        }

    /* Presence is read off the tables themselves; changes.tsv adds the
     * curated rename and note (and says whether "12" means "12 or older"). */
    size_t nt;
    const catalog_version_table *t = catalog_tables(&nt);
    int last = 0;
    for (size_t i = 0; i < nt; i++) {
        int row = catalog_row_find(&t[i], name);
        if (row < 0)
            continue;
        h->name = catalog_row_name(&t[i], row);
        if (!h->added_in)
            h->added_in = t[i].version;
        last = t[i].version;
    }
    if (h->added_in) {
        h->added_or_earlier = h->added_in == t[0].version;
        h->removed_in = last == t[nt - 1].version ? 0 : last + 1;
    }

    const catalog_change_row *c = catalog_change_rows(&n);
    for (size_t i = 0; i < n; i++)
        if (catalog_name_cmp(name, catalog_str(c[i].name)) == 0) {
            if (!h->name)
                h->name = catalog_str(c[i].name);
            const char *added = catalog_str(c[i].added_text);
            h->added_or_earlier = added && strncmp(added, "<=", 2) == 0;
            if (c[i].removed_in)
                h->removed_in = c[i].removed_in;
            h->renamed_to = or_null(catalog_str(c[i].renamed_to));
            h->note = or_null(catalog_str(c[i].note));
        }
    if (!h->name && h->alias_of)
        h->name = name;
    return h->added_in != 0 || h->alias_of != NULL;
}

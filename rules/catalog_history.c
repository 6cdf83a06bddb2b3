/* catalog_history.c — a name's life across versions, from changes.tsv,
 * aliases.tsv and the per-version tables. */
#include <string.h>

#include "catalog_info.h"
#include "catalog_tables.h"

int catalog_exists_in(int version, const char *name)
{
    const guc_param *p = catalog_find(version, name);
    return p && catalog_name_cmp(p->name, name) == 0;
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
        if (catalog_name_cmp(name, al[i].alias) == 0) {
            h->alias_of = al[i].canonical;
            h->alias_since = al[i].since;
        }

    /* Presence is read off the tables themselves; changes.tsv adds the
     * curated rename and note (and says whether "12" means "12 or older"). */
    size_t nt;
    const catalog_version_table *t = catalog_tables(&nt);
    int last = 0;
    for (size_t i = 0; i < nt; i++) {
        if (!catalog_exists_in(t[i].version, name))
            continue;
        const guc_param *p = catalog_find(t[i].version, name);
        h->name = p->name;
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
        if (catalog_name_cmp(name, c[i].name) == 0) {
            if (!h->name)
                h->name = c[i].name;
            h->added_or_earlier = strncmp(c[i].added_text, "<=", 2) == 0;
            if (c[i].removed_in)
                h->removed_in = c[i].removed_in;
            h->renamed_to = or_null(c[i].renamed_to);
            h->note = or_null(c[i].note);
        }
    if (!h->name && h->alias_of)
        h->name = name;
    return h->added_in != 0 || h->alias_of != NULL;
}

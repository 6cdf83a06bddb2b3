/* catalog.c — name lookup in the compiled-in parameter tables. */
#include <stddef.h>

#include "catalog.h"
#include "catalog_tables.h"

int catalog_has_version(int version)
{
    return catalog_table(version) != NULL;
}

/* A version's parameter by exact name (no aliases): the generated hash
 * index finds its row (catalog_tables.h); its record is built with the rest
 * of the version's on first use. */
static const guc_param *find_exact(const catalog_version_table *t, const char *name)
{
    int i = catalog_row_find(t, name);
    return i < 0 ? NULL : &catalog_params(t)[i];
}

const guc_param *catalog_find(int version, const char *name)
{
    const catalog_version_table *t = catalog_table(version);
    if (!t || !name)
        return NULL;
    /* The server tries the real names first and only then the old spellings,
     * which is why ssl_ecdh_curve stays itself before 18. */
    const guc_param *p = find_exact(t, name);
    if (p)
        return p;
    size_t n;
    const catalog_alias_row *al = catalog_alias_rows(&n);
    for (size_t i = 0; i < n; i++)
        if (version >= al[i].since && catalog_name_cmp(name, catalog_str(al[i].alias)) == 0)
            return find_exact(t, catalog_str(al[i].canonical));
    return NULL;
}

const guc_param *catalog_all(int version, int *count)
{
    const catalog_version_table *t = catalog_table(version);
    if (!t) {
        *count = 0;
        return NULL;
    }
    *count = t->count;
    return catalog_params(t);
}

const char *guc_type_name(guc_type t)
{
    switch (t) {
    case GUC_BOOL: return "bool";
    case GUC_INT: return "integer";
    case GUC_REAL: return "real";
    case GUC_STRING: return "string";
    case GUC_ENUM: return "enum";
    }
    return "?";
}

const char *guc_context_name(guc_context c)
{
    switch (c) {
    case CTX_INTERNAL: return "internal";
    case CTX_POSTMASTER: return "postmaster";
    case CTX_SIGHUP: return "sighup";
    case CTX_SUPERUSER_BACKEND: return "superuser-backend";
    case CTX_BACKEND: return "backend";
    case CTX_SUPERUSER: return "superuser";
    case CTX_USER: return "user";
    }
    return "?";
}

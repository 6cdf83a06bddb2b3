/* catalog.c — name lookup in the compiled-in parameter tables. */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

#include "ascii_case.h"
#include "catalog.h"
#include "catalog_tables.h"

int catalog_has_version(int version)
{
    return catalog_table(version) != NULL;
}

/* A hash index per version table, by lower-cased name: every setting of
 * every file is looked up several times, and a binary search over a few
 * hundred names cost a dozen string comparisons each time. Built once, on
 * first use, for all threads; the binary search stays for when it could
 * not be built. */
typedef struct name_index {
    int *slot;       /* a param's position + 1, or 0 for an empty slot */
    unsigned mask;   /* slots - 1; a power of two at least twice the count */
} name_index;

/* parallel to catalog_tables(); set once, after it is complete: a reader
 * that sees it set sees it built, without pthread_once's cost per lookup */
static name_index *_Atomic indexes;
static pthread_once_t indexes_once = PTHREAD_ONCE_INIT;

static unsigned name_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)ascii_tolower(*s)) * 16777619u;
    return h;
}

static void build_indexes(void)
{
    size_t n;
    const catalog_version_table *ts = catalog_tables(&n);
    name_index *ix = calloc(n, sizeof *ix);
    if (!ix)
        return;
    for (size_t k = 0; k < n; k++) {
        unsigned size = 16;
        while (size < 2u * (unsigned)ts[k].count)
            size *= 2;
        ix[k].slot = calloc(size, sizeof(int));
        if (!ix[k].slot)
            continue;
        ix[k].mask = size - 1;
        for (int i = 0; i < ts[k].count; i++) {
            unsigned h = name_hash(ts[k].params[i].name) & ix[k].mask;
            while (ix[k].slot[h])
                h = (h + 1) & ix[k].mask;
            ix[k].slot[h] = i + 1;
        }
    }
    atomic_store_explicit(&indexes, ix, memory_order_release);
}

static const guc_param *find_exact(const catalog_version_table *t, const char *name)
{
    const name_index *all = atomic_load_explicit(&indexes, memory_order_acquire);
    if (!all) {
        pthread_once(&indexes_once, build_indexes);
        all = atomic_load_explicit(&indexes, memory_order_acquire);
    }
    size_t n;
    const name_index *ix = all ? &all[t - catalog_tables(&n)] : NULL;
    if (ix && ix->slot) {
        for (unsigned h = name_hash(name) & ix->mask; ix->slot[h]; h = (h + 1) & ix->mask) {
            const guc_param *p = &t->params[ix->slot[h] - 1];
            if (catalog_name_cmp(name, p->name) == 0)
                return p;
        }
        return NULL;
    }
    int lo = 0, hi = t->count - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = catalog_name_cmp(name, t->params[mid].name);
        if (c == 0)
            return &t->params[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return NULL;
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
        if (version >= al[i].since && catalog_name_cmp(name, al[i].alias) == 0)
            return find_exact(t, al[i].canonical);
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
    return t->params;
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

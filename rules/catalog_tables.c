/* catalog_tables.c — wraps the generated tables (catalog_data.inc, made in the
 * build directory by catalog_gen.awk) behind small accessors, and builds a
 * version's guc_param records from its rows when it is first used. */
#include <float.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "catalog_tables.h"
#include "guc_hooks.h"

#include "rules/catalog_data.inc"

#define COUNT_OF(x) (sizeof(x) / sizeof((x)[0]))

const catalog_version_table *catalog_table(int version)
{
    /* The versions are consecutive: the first guess is right. */
    long guess = (long)version - version_tables[0].version;
    if (guess >= 0 && guess < (long)COUNT_OF(version_tables) &&
        version_tables[guess].version == version)
        return &version_tables[guess];
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

const char *catalog_str(uint32_t offset)
{
    return offset == CATALOG_NONE ? NULL : catalog_pool + offset;
}

const char *catalog_row_name(const catalog_version_table *t, int i)
{
    return catalog_pool + catalog_rows[t->first_row + (unsigned)i].name;
}

/* hash() of catalog_gen.awk, which built the index: the two must agree. */
static uint32_t catalog_name_hash(const char *s)
{
    uint32_t h = 0;
    for (; *s; s++)
        h = h * 31u + (unsigned char)ascii_tolower(*s);
    return h;
}

int catalog_row_find(const catalog_version_table *t, const char *name)
{
    const uint16_t *slot = catalog_index + t->index_first;
    unsigned mask = t->index_size - 1;
    for (unsigned h = catalog_name_hash(name) & mask; slot[h]; h = (h + 1) & mask) {
        int i = slot[h] - 1;
        const char *row = catalog_row_name(t, i);
        /* Names are mostly asked for as the catalog spells them: the
         * library's strcmp settles those faster than folding each byte. */
        if (strcmp(name, row) == 0 || catalog_name_cmp(name, row) == 0)
            return i;
    }
    return -1;
}

/* What was built: catalog_lists as pointers (once), and each version's
 * records. Set once each, after they are complete, under `build_mu`; a
 * reader that sees one set sees it built. */
static const char *const *_Atomic list_ptrs;
static const guc_param *_Atomic version_params[COUNT_OF(version_tables)];
static pthread_mutex_t build_mu = PTHREAD_MUTEX_INITIALIZER;

static void *alloc_or_die(size_t n, size_t size)
{
    void *p = malloc(n * size);
    if (!p) {
        fputs("pgconflint: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* with build_mu held */
static const char *const *lists_locked(void)
{
    const char *const *l = atomic_load_explicit(&list_ptrs, memory_order_relaxed);
    if (l)
        return l;
    const char **p = alloc_or_die(COUNT_OF(catalog_lists), sizeof *p);
    for (size_t i = 0; i < COUNT_OF(catalog_lists); i++)
        p[i] = catalog_str(catalog_lists[i]);
    atomic_store_explicit(&list_ptrs, p, memory_order_release);
    return p;
}

static const char *const *list_at(const char *const *lists, uint16_t at)
{
    return at == CATALOG_NO_LIST ? NULL : lists + at;
}

const guc_param *catalog_params(const catalog_version_table *t)
{
    size_t k = (size_t)(t - version_tables);
    const guc_param *done = atomic_load_explicit(&version_params[k], memory_order_acquire);
    if (done)
        return done;
    pthread_mutex_lock(&build_mu);
    done = atomic_load_explicit(&version_params[k], memory_order_relaxed);
    if (!done) {
        const char *const *lists = lists_locked();
        guc_param *p = alloc_or_die(t->count ? (size_t)t->count : 1, sizeof *p);
        for (int i = 0; i < t->count; i++) {
            const catalog_row *r = &catalog_rows[t->first_row + (unsigned)i];
            p[i] = (guc_param){
                .name = catalog_str(r->name),
                .type = (guc_type)r->type,
                .unit = catalog_str(r->unit),
                .min = r->min,
                .max = r->max,
                .enumvals = list_at(lists, r->enumvals),
                .hidden = list_at(lists, r->hidden),
                .context = (guc_context)r->context,
                .boot_val = catalog_str(r->boot_val),
                .flags = r->flags,
                /* known once here, not asked on every value checked */
                .hook = guc_has_check_hook(catalog_str(r->name), (guc_type)r->type)
                            ? GUC_HOOK_SOME
                            : GUC_HOOK_NONE,
            };
        }
        atomic_store_explicit(&version_params[k], p, memory_order_release);
        done = p;
    }
    pthread_mutex_unlock(&build_mu);
    return done;
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

/* findset.c — open addressing with linear probing, kept at most half full. */
#include "findset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t home(const findset *s, findkey k)
{
    return (size_t)(k.lo ^ (k.hi >> 7)) & (s->cap - 1);
}

static findset_entry *probe(const findset *s, findkey k)
{
    size_t i = home(s, k);
    for (;;) {
        findset_entry *e = &s->slot[i];
        if (e->count == 0 || (e->key.hi == k.hi && e->key.lo == k.lo))
            return e;
        i = (i + 1) & (s->cap - 1);
    }
}

static void grow(findset *s)
{
    findset old = *s;
    /* Small to start: a set emptied after every unit (the files of one
     * cluster) is cleared whole each time. */
    s->cap = old.cap ? old.cap * 2 : 16;
    s->slot = calloc(s->cap, sizeof *s->slot);
    if (!s->slot) {
        fputs("pgconflint: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < old.cap; i++)
        if (old.slot[i].count)
            *probe(s, old.slot[i].key) = old.slot[i];
    free(old.slot);
}

unsigned findset_add(findset *s, findkey k)
{
    if ((s->n + 1) * 2 > s->cap)
        grow(s);
    findset_entry *e = probe(s, k);
    if (e->count == 0) {
        e->key = k;
        s->n++;
    }
    return e->count++;
}

findset_entry *findset_get(const findset *s, findkey k)
{
    if (!s->cap)
        return NULL;
    findset_entry *e = probe(s, k);
    return e->count ? e : NULL;
}

void findset_clear(findset *s)
{
    if (s->n)
        memset(s->slot, 0, s->cap * sizeof *s->slot);
    s->n = 0;
}

void findset_free(findset *s)
{
    free(s->slot);
    s->slot = NULL;
    s->cap = s->n = 0;
}

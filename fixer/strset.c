/* strset.c — open addressing with linear probing, FNV-1a hashes. */
#include "strset.h"

#include <stdint.h>
#include <string.h>

static uint64_t hash(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static strset_entry *find(const strset *s, const void *key, size_t len)
{
    if (!s->cap)
        return NULL;
    size_t i = (size_t)hash(key, len) & (s->cap - 1);
    for (;;) {
        strset_entry *e = &s->slots[i];
        if (!e->key)
            return e;
        if (e->len == len && memcmp(e->key, key, len) == 0)
            return e;
        i = (i + 1) & (s->cap - 1);
    }
}

static void grow(arena *a, strset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 64;
    strset_entry *old = s->slots;
    size_t ocap = s->cap;
    s->slots = arena_alloc(a, ncap * sizeof *s->slots);
    s->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].key)
            *find(s, old[i].key, old[i].len) = old[i];
}

void strset_add(arena *a, strset *s, const void *key, size_t len)
{
    if ((s->used + 1) * 2 > s->cap)
        grow(a, s);
    strset_entry *e = find(s, key, len);
    if (!e->key) {
        e->key = arena_strndup(a, key, len);
        e->len = len;
        s->used++;
    }
    e->count++;
}

void strset_add_str(arena *a, strset *s, const char *key)
{
    strset_add(a, s, key, strlen(key));
}

size_t strset_count(const strset *s, const void *key, size_t len)
{
    const strset_entry *e = find(s, key, len);
    return e && e->key ? e->count : 0;
}

int strset_has_str(const strset *s, const char *key)
{
    return strset_count(s, key, strlen(key)) > 0;
}

int strset_take(strset *s, const void *key, size_t len)
{
    strset_entry *e = find(s, key, len);
    if (!e || !e->key || e->count == 0)
        return 0;
    e->count--;
    return 1;
}

int strset_take_str(strset *s, const char *key)
{
    return strset_take(s, key, strlen(key));
}

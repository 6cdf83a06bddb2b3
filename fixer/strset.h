/*
 * strset — a multiset of byte strings (and of pointers, as their bytes),
 * so the fix loop's bookkeeping (which findings were fixed, which lines a
 * round has claimed, which problems a file had) stays linear in the number
 * of findings: a file with 20 000 duplicate assignments has 20 000 fixes.
 *
 * Memory: the table and copies of the keys live in the arena passed in;
 * nothing is freed separately.
 */
#ifndef PGCL_STRSET_H
#define PGCL_STRSET_H

#include <stddef.h>

#include "arena.h"

typedef struct strset_entry {
    const char *key;
    size_t len;
    size_t count;
} strset_entry;

typedef struct strset {
    strset_entry *slots;
    size_t cap, used;
} strset;

/* Add one occurrence of key[0..len). */
void strset_add(arena *a, strset *s, const void *key, size_t len);
void strset_add_str(arena *a, strset *s, const char *key);

/* How many occurrences the set holds. */
size_t strset_count(const strset *s, const void *key, size_t len);
int strset_has_str(const strset *s, const char *key);

/* Remove one occurrence; 1 if there was one. */
int strset_take(strset *s, const void *key, size_t len);
int strset_take_str(strset *s, const char *key);

#endif

/*
 * findset — a hash set of 128-bit keys with a count per key: which findings
 * a run has already reported (a file reached through includes from several
 * roots reports each finding once), and which baseline entries exist and
 * how often. O(1) per lookup; a finding's key is computed by the caller.
 *
 * Memory: the table is malloc'ed and grows by doubling; findset_free()
 * releases it. Not thread-safe: the run's emitter alone uses it.
 */
#ifndef PGCL_FINDSET_H
#define PGCL_FINDSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct findkey {
    uint64_t hi, lo;
} findkey;

typedef struct findset_entry {
    findkey key;
    unsigned count;   /* 0 = empty slot */
    unsigned value;   /* the caller's: baselines count matches, maps keep an index */
} findset_entry;

typedef struct findset {
    findset_entry *slot;
    size_t cap, n;
} findset;

/* Add one occurrence of `k`; returns the count before adding (0 = new). */
unsigned findset_add(findset *s, findkey k);
/* The entry for `k`, or NULL. */
findset_entry *findset_get(const findset *s, findkey k);
/* Empty the set, keeping its table for reuse. */
void findset_clear(findset *s);
void findset_free(findset *s);

#endif

/*
 * hash — a 64-bit non-cryptographic hash for keys the CLI keeps per run
 * (dedupe of findings, baseline fingerprints). Two seeds give independent
 * halves of a 128-bit key where a collision would hide a finding.
 * Pure functions; hold no memory.
 */
#ifndef PGCL_HASH_H
#define PGCL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Hash `n` bytes, continuing from `h` (start with a seed). */
uint64_t hash_bytes(uint64_t h, const void *data, size_t n);
uint64_t hash_str(uint64_t h, const char *s);   /* NULL hashes like "" */
uint64_t hash_u64(uint64_t h, uint64_t v);
/* Mix a running hash into its final value. */
uint64_t hash_final(uint64_t h);

#endif

/* fingerprint.c — hashing a finding's file, rule and flagged line. */
#include "fingerprint.h"

#include <stdio.h>

#include "hash.h"

#define SEED_HI 0x70676366ULL   /* "pgcf" */
#define SEED_LO 0x6c696e74ULL   /* "lint" */

const char *fingerprint_path(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    return path;
}

/* Hash the flagged line with runs of blanks collapsed and the ends trimmed,
 * so re-indenting a file keeps its fingerprints. */
static uint64_t hash_line(uint64_t h, const diag *d)
{
    if (!d->src || d->line <= 0 || (size_t)d->line > d->src->nlines)
        return hash_u64(h, 0);
    size_t start = source_line_offset(d->src, d->line);
    size_t end = source_line_offset(d->src, d->line + 1);
    const unsigned char *p = d->src->data;
    unsigned char buf[64];
    size_t n = 0;
    int pending_space = 0, started = 0;
    for (size_t i = start; i < end; i++) {
        unsigned char c = p[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            pending_space = 1;
            continue;
        }
        if (pending_space && started)
            buf[n++] = ' ';
        pending_space = 0;
        started = 1;
        buf[n++] = c;
        if (n >= sizeof buf - 2) {
            h = hash_bytes(h, buf, n);
            n = 0;
        }
    }
    return hash_bytes(h, buf, n);
}

const char *fingerprint_of(fingerprinter *fp, arena *a, const char *path, const finding *f)
{
    path = fingerprint_path(path);
    uint64_t hi = hash_line(hash_str(hash_str(SEED_HI, path), f->rule), &f->where);
    uint64_t lo = hash_line(hash_str(hash_str(SEED_LO, path), f->rule), &f->where);
    findkey k = {hash_final(hi), hash_final(lo)};
    unsigned occurrence = findset_add(&fp->seen, k);
    uint64_t id = hash_final(hash_u64(k.hi, occurrence));
    return arena_printf(a, "%016llx", (unsigned long long)id);
}

void fingerprinter_free(fingerprinter *fp)
{
    findset_free(&fp->seen);
}

/*
 * baseline — findings recorded once and then not reported again, so a team
 * can adopt the linter on an existing repository and fail only on new
 * problems. Entries are fingerprints (fingerprint.h), not line numbers.
 *
 * The file is text, one finding a line, diff-friendly in review:
 *   # pgconflint baseline v1
 *   <fingerprint>\t<path>\t<rule>\t<message>
 * Only the fingerprint is matched; the rest is for people reading it.
 *
 * Memory: a baseline owns a findset (baseline_free); a baseline_writer owns
 * its FILE until baseline_writer_close().
 */
#ifndef PGCL_BASELINE_H
#define PGCL_BASELINE_H

#include <stdio.h>

#include "findset.h"

typedef struct baseline {
    findset set;
    int entries;
} baseline;

/* 0, or -1 with *err set (a static or strerror string). */
int baseline_load(const char *path, baseline *b, const char **err);
/* 1 if the fingerprint is in the baseline and not used up; consumes one. */
int baseline_take(baseline *b, const char *fingerprint);
/* Entries no finding matched. */
int baseline_stale(const baseline *b);
void baseline_free(baseline *b);

typedef struct baseline_writer {
    FILE *f;
    char *path, *tmp;
    int entries;
} baseline_writer;

int baseline_writer_open(baseline_writer *w, const char *path, const char **err);
void baseline_writer_add(baseline_writer *w, const char *fingerprint, const char *path,
                         const char *rule, const char *message);
/* Replace the file atomically. 0, or -1 with *err set. */
int baseline_writer_close(baseline_writer *w, const char **err);

#endif

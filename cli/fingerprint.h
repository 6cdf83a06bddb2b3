/*
 * fingerprint — a finding's identity that survives unrelated edits: the
 * file, the rule, the text of the flagged line (whitespace-normalised) and
 * which occurrence of that triple it is. Line numbers and messages are left
 * out on purpose (messages name other lines: "set again at line 14"), so
 * inserting lines above a finding keeps its fingerprint. Baselines and
 * SARIF partialFingerprints use it.
 *
 * Memory: a fingerprinter holds a findset of the triples seen in the run;
 * fingerprinter_free() releases it. Returned strings live in the arena.
 */
#ifndef PGCL_FINGERPRINT_H
#define PGCL_FINGERPRINT_H

#include "arena.h"
#include "finding.h"
#include "findset.h"

typedef struct fingerprinter {
    findset seen;
} fingerprinter;

/* 16 lower-case hex digits for `f`, reported under `path`. Call in report
 * order: the occurrence count depends on the findings before it (since the
 * last findset_clear(&fp->seen): a run clears it after each unit). */
const char *fingerprint_of(fingerprinter *fp, arena *a, const char *path, const finding *f);
void fingerprinter_free(fingerprinter *fp);

/* The path as fingerprints and code scanning see it: "./" prefixes dropped. */
const char *fingerprint_path(const char *path);

#endif

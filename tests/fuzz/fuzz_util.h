/*
 * fuzz_util — what the fuzz targets share: capturing what a printer writes,
 * a sink that discards output, the checks every target makes (the tree
 * prints back to the input bytes; every location lies inside its file), and
 * the one check of both auth files (pg_hba.conf, pg_ident.conf). A
 * failed check aborts, which libFuzzer, AFL++ and the regression runner all
 * report as a crash with the input that caused it.
 *
 * Memory: fuzz_capture() returns a malloc'd buffer the caller frees.
 */
#ifndef PGCL_FUZZ_UTIL_H
#define PGCL_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "finding.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message naming the broken property. */
void fuzz_fail(const char *what, const char *detail) __attribute__((noreturn));

/* A stream whose bytes go nowhere (for printers whose output is not checked). */
FILE *fuzz_sink(void);

/* Run `print(obj, stream)` and return what it wrote (malloc'd; *len set). */
char *fuzz_capture(void (*print)(const void *obj, FILE *out), const void *obj, size_t *len);

/* The printed file must be exactly the input. */
void fuzz_expect_same(const char *what, const uint8_t *want, size_t want_len, const char *got,
                      size_t got_len);

/* A diag or finding must point inside its source, with 1-based line/col. */
void fuzz_check_diag(const diag *d);
void fuzz_check_findings(const ptrvec *findings);

/* The whole check of an auth file (KIND_HBA: pg_hba.conf, KIND_IDENT:
 * pg_ident.conf), under the versions whose readers differ: 13 (fgets
 * chunks), 15 (token limit), 16 (include lines, regexes), the newest. Load
 * it (includes and @file not followed), it prints back to the input, its
 * errors, warnings and findings lie inside the file, its JSON and tree
 * printers run. */
void fuzz_auth_document(file_kind kind, const uint8_t *data, size_t size);

#endif

/*
 * report — what every output format of `check` receives, and the table of
 * formats. The run (cmd_check.c) turns each finding into a report_finding
 * (display path, end position, fingerprint, fix availability and edits) and
 * hands it to a reporter in a stable order; reporters only format. One file
 * per format: report_text.c, report_json.c, report_sarif.c, report_github.c.
 *
 * Memory: report_finding and report_summary point into the run's memory and
 * are valid only during the call; a reporter that needs something later
 * copies it into its own arena (reporter.a).
 */
#ifndef PGCL_REPORT_H
#define PGCL_REPORT_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "finding.h"
#include "rule_registry.h"

/* A place in a file, 1-based; end_col is the column after the last byte.
 * line == 0: the finding names the file but no place in it. */
typedef struct report_span {
    int line, col, end_line, end_col;
    size_t off, len;         /* bytes; valid when has_bytes */
    int has_bytes;
} report_span;

/* One byte edit of the fix: replace `span` of `path` by `text`. */
typedef struct report_edit {
    const char *path;
    report_span span;
    const char *text;
} report_edit;

typedef struct report_finding {
    const finding *f;
    const rule_info *rule;   /* registry entry; NULL for an id the registry lacks */
    int rule_index;          /* index into rule_all(), -1 when rule is NULL */
    const char *path;        /* display path ("-" when the finding has none) */
    report_span span;
    const char *fingerprint; /* 16 hex digits, stable when lines move (baselines, SARIF);
                                NULL when nothing in the run shows or keeps it */
    fix_class fix;           /* the finding's remedy: none, safe or unsafe */
    const char *fix_description;
    const char *fix_refused; /* why the fixer cannot carry it out, or NULL */
    const report_edit *edits;/* the fix as byte edits, when the fixer produced them */
    int nedits;              /* -1: edits were not computed */
} report_finding;

typedef struct rule_count {
    const char *rule;
    severity sev;
    int count;
} rule_count;

typedef struct report_summary {
    int files;               /* files checked (including those reached by include) */
    int counts[3];           /* reported findings per severity */
    int unreadable;          /* files that could not be checked */
    int baselined;           /* findings hidden because the baseline has them */
    int stale;               /* baseline entries that matched no finding */
    int fixable, fixable_unsafe;
    const rule_count *by_rule;   /* sorted by count, then id */
    int nrules;
    int exit_code;
    const char *baseline_written;  /* --write-baseline FILE, or NULL */
    int baseline_entries;    /* findings written to it */
} report_summary;

typedef struct reporter reporter;
struct reporter {
    void (*begin)(reporter *r);
    void (*finding)(reporter *r, const report_finding *rf);
    /* a file that could not be checked (unreadable, kind unknown) */
    void (*error)(reporter *r, const diag *d);
    void (*end)(reporter *r, const report_summary *s);
    FILE *out;
    int color;               /* text: ANSI colour */
    int statistics;          /* text: counts per rule instead of each finding */
    int no_span;             /* set by a format that never shows report_finding.span
                                (text): the run leaves it zero instead of working it
                                out from the file's line index for every finding */
    arena *a;                /* the reporter's own memory, freed with the run */
    void *state;             /* the format's private state */
};

/* Set up `r` for `format` (text, json, sarif, github); -1 if unknown.
 * Fill out, color, statistics and a before calling. */
int report_init(reporter *r, const char *format);
const char *report_formats(void);   /* "text, json, sarif, github" for messages */

void report_text_init(reporter *r);
void report_json_init(reporter *r);
void report_sarif_init(reporter *r);
void report_github_init(reporter *r);

/* The span of a diag: its byte span when it has a source, else its line. */
report_span report_span_of(const diag *d);

#define JSON_SCHEMA_VERSION 1

#endif

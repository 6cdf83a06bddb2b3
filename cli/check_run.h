/*
 * check_run — the state of one `pgconflint check` run over many files, and
 * the three steps that use it:
 *   check_units.c  turns the walked files into units of work: a cluster (a
 *                  server's postgresql.conf, auto.conf, pg_hba.conf and
 *                  pg_ident.conf together) or a single file; a file that
 *                  another file of the run includes is checked as part of
 *                  its includer, not on its own;
 *   cmd_check.c    runs the units on several threads (jobs.h);
 *   check_emit.c   takes each unit's result in order: keeps the findings of
 *                  the files the run was asked about, drops repeats (a file
 *                  reached from several roots), fingerprints, applies the
 *                  baseline, counts, and hands the rest to the reporter.
 *
 * Memory: the run arena holds paths and units for the whole run; each
 * unit's documents live in the unit result's arena and are freed as soon as
 * the emitter is done with it, so memory stays flat in the number of files.
 * Only the emitter (one thread) touches the tables below.
 */
#ifndef PGCL_CHECK_RUN_H
#define PGCL_CHECK_RUN_H

#include "arena.h"
#include "baseline.h"
#include "cluster.h"
#include "findset.h"
#include "fingerprint.h"
#include "options.h"
#include "pipeline.h"
#include "report.h"
#include "walk.h"

/* How a file was first reported: as the root of a document (its findings
 * are complete there and their keys are not kept), or through an include
 * (other roots may reach it again: its findings' keys are kept to drop
 * repeats). Memory stays flat in the number of files; only findings in
 * included files cost a key each. */
#define SEEN_AS_ROOT 1u
#define SEEN_AS_INCLUDED 2u

/* One unit of work. A cluster loads every member it has (members the run
 * did not name are context for cross-file rules); `targets` says whose
 * findings are reported. A single file is loaded on its own. */
typedef struct check_unit {
    cluster_files files;
    unsigned targets;          /* bit (1u << member) */
    const char *single;        /* a file outside any cluster, or NULL */
    file_kind kind;            /* single: the kind the policy's globs gave it, or
                                  KIND_UNKNOWN (by its name, or --kind) */
} check_unit;

/* A walked file that is not a cluster member. */
typedef struct walked_file {
    const char *path;
    file_kind kind;
} walked_file;

typedef struct tally_row {
    rule_count c;              /* id copied into the run arena */
    const rule_info *info;     /* registry entry, or NULL */
    int index;                 /* its position in rule_all(), or -1 */
} tally_row;

#define TALLY_MEMO 32

typedef struct rule_tally {
    findset index;             /* rule-id hash -> position in `rows` (entry value) */
    tally_row *rows;
    int n, cap;
    /* rule-id address -> position in `rows`, direct-mapped, checked by
     * comparing the ids: findings repeat a few rule ids, mostly at the same
     * address, and this spares hashing the id for each */
    const char *memo_id[TALLY_MEMO];
    int memo_row[TALLY_MEMO];
} rule_tally;

typedef struct check_run {
    const cli_options *o;
    run_config cfg;
    arena *a;
    const char *cwd;
    reporter rep;
    findset seen_findings;     /* dedupe keys of reported findings in included files */
    findset seen_files;        /* files this run has reported (value: SEEN_AS_*) */
    findset unit_files;        /* the current unit's reported files (scratch) */
    fingerprinter fp;
    baseline base;
    int have_base;
    baseline_writer bw;
    int writing_base;
    rule_tally tally;
    int want_edits;            /* the format shows each fix's edits (json, sarif) */
    int want_fingerprints;     /* a baseline is read or written, or the format
                                  shows fingerprints (json, sarif) */
    int files, unreadable, failing, baselined, fixable, fixable_unsafe;
    int counts[3];
} check_run;

/* Cluster units for the walked files named postgresql.conf, pg_hba.conf,
 * pg_ident.conf or postgresql.auto.conf (members grouped at the first
 * member's place); every other file goes to `rest` (walked_file*). */
void check_units_clusters(check_run *run, const walk_result *w, ptrvec *units, ptrvec *rest);

/* Single-file units for `rest`, after the cluster units have been reported:
 * a file that a reported file or another file of `rest` includes is left
 * out, as it was (or will be) checked, and reported under its own path, as
 * part of its includer. Reads the files once to learn their includes. */
void check_units_singles(check_run *run, const ptrvec *rest, ptrvec *units);

/* Lint one unit (on a worker thread): the result to hand to check_emit. */
void *check_unit_run(const check_run *run, const check_unit *u);
/* Report a unit's result and free it (on the emitting thread, in order). */
void check_emit(check_run *run, const check_unit *u, void *result);

/* The absolute path key of a file, as findsets store it. */
findkey check_path_key(const char *abspath);

#endif

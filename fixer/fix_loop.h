/*
 * fix_loop — fixing one checked root (a postgresql.conf with its includes
 * and auto.conf, a pg_hba.conf, a pg_ident.conf) to a fixed point: take the
 * findings that carry a remedy, turn them into edits, apply the ones that do
 * not collide, read and lint the result again (through the caller's driver,
 * with the patched bytes standing in for the files), and repeat until no
 * fix is left, at most FIX_MAX_ROUNDS times.
 *
 * A round that makes PostgreSQL report something new (startup_check: a
 * parse error, a rejected value or line, a server that would not start)
 * gives the root up, as issue #5 asks ("if a round breaks parsing, nothing
 * is written"): none of its changes are kept, not even those of earlier
 * rounds; its fixes are then tried one by one only to name the culprit in
 * the error and its note. Rules do not offer remedies they can tell are
 * unsafe (a value the version rejects, ssl = on without a certificate), so
 * this is the net under them. The root is given up too when the rounds do
 * not converge or a fix leaves its finding in place.
 *
 * Nothing here writes to disk: the run holds the new bytes of every file it
 * changed, each file once however many roots or includes reach it, and later
 * roots read them instead of the disk.
 *
 * The loop knows remedies, edits and problems, never why a rule fired.
 *
 * Memory: the run's arena holds files, new bytes and notes; each pass's
 * arena belongs to the driver, which releases it.
 */
#ifndef PGCL_FIX_LOOP_H
#define PGCL_FIX_LOOP_H

#include "arena.h"
#include "conf_doc.h"
#include "hba_doc.h"
#include "source.h"

#define FIX_MAX_ROUNDS 5

#define FIX_TARGET_CONF 1u
#define FIX_TARGET_HBA 2u
#define FIX_TARGET_IDENT 4u

/* One read-and-lint of the root (a file, or a server's files together), as
 * the driver produced it. */
typedef struct fix_pass {
    const conf_doc *conf;     /* the documents read; any may be NULL */
    const hba_doc *hba;
    const ident_doc *ident;
    unsigned targets;         /* FIX_TARGET_*: the documents the run may change
                                 (the others are context for cross-file rules) */
    const ptrvec *findings;   /* finding* of the target documents */
    const char *error;        /* the root could not be read or classified */
    void *handle;             /* the driver's, given back to release() */
} fix_pass;

typedef struct fix_driver {
    /* Read, parse and lint the root with `ov` standing in for the disk. */
    void (*lint)(void *ctx, const source_overlay *ov, fix_pass *out);
    void (*release)(void *ctx, fix_pass *p);
    void *ctx;
} fix_driver;

typedef struct fix_options {
    int unsafe_fixes;         /* apply remedies marked unsafe too */
    int pg_version;
    int max_rounds;           /* 0: FIX_MAX_ROUNDS */
    int root_only;            /* refuse fixes outside the root file (--stdout) */
} fix_options;

/* A file the run changed. */
typedef struct fix_file {
    const char *key;          /* identity: the real path, "-" for standard input */
    const char *path;         /* as the first document that reached it names it */
    ptrvec names;             /* const char*: absolute paths that reach it */
    const unsigned char *orig;
    size_t orig_len;          /* as it was read from disk */
    const unsigned char *data;
    size_t len;               /* with every fix kept so far */
} fix_file;

typedef enum fix_status {
    FIX_APPLIED,
    FIX_UNSAFE_SKIPPED,       /* has an unsafe fix; --unsafe-fixes applies it */
    FIX_REFUSED,              /* has a remedy that cannot be carried out safely */
} fix_status;

/* What happened to one finding's fix, for the report. */
typedef struct fix_note {
    fix_status status;
    const char *rule;
    const char *path;
    int line, col;
    const char *message;      /* the finding's */
    const char *description;  /* the remedy's */
    int unsafe;
    const char *why;          /* FIX_REFUSED: the reason */
} fix_note;

typedef struct fix_run {
    arena *a;
    ptrvec files;             /* fix_file*, in the order they were first changed */
    source_overlay ov;        /* the new bytes of every changed file, by each name */
} fix_run;

typedef struct fix_result {
    ptrvec notes;             /* fix_note*, in the run's arena */
    const char *error;        /* set when the root was given up (nothing kept) */
    int rounds;
    size_t applied, unsafe_skipped, refused;
} fix_result;

void fix_run_init(fix_run *run);
void fix_run_free(fix_run *run);

/* Fix one root; its changes join `run` unless out->error is set. */
void fix_root(fix_run *run, const fix_driver *drv, const fix_options *o, fix_result *out);

/* 1 if the file's bytes differ from what was read. */
int fix_file_changed(const fix_file *f);

#endif

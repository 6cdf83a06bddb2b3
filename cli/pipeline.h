/*
 * pipeline — one file through the whole flow: read, parse (with includes and
 * auto.conf), lint. `check` reports the result, `fix` edits from it, batch
 * mode runs it on several threads at once (it shares no mutable state).
 *
 * Memory: each file_result owns an arena holding the document and its
 * findings; file_result_free() releases it.
 */
#ifndef PGCL_PIPELINE_H
#define PGCL_PIPELINE_H

#include "arena.h"
#include "document.h"
#include "lint.h"
#include "load_opts.h"

typedef struct run_config {
    lint_opts lint;
    load_opts load;
    file_kind kind;          /* forced kind, or KIND_UNKNOWN */
} run_config;

typedef struct file_result {
    arena *a;
    const char *path;
    document *doc;           /* NULL when the kind could not be told */
    const diag *error;       /* the file could not be read or classified */
    ptrvec findings;         /* finding*, sorted */
} file_result;

file_result *pipeline_check_file(const run_config *cfg, const char *path);
void file_result_free(file_result *r);

/* postgresql.auto.conf is checked as part of its postgresql.conf when that
 * file is in the same run; 1 if `path` is such a file. */
int pipeline_covered_by_sibling(const ptrvec *files, const char *path);

#endif

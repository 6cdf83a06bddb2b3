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
#include "cluster.h"
#include "document.h"
#include "lint.h"
#include "load_opts.h"

typedef struct run_config {
    lint_opts lint;
    load_opts load;
    file_kind kind;          /* forced kind, or KIND_UNKNOWN */
    int pg_version_fixed;    /* 1: --pg-version was given. Otherwise a PG_VERSION
                                file of the server's layout (cluster_version.h)
                                decides the version of the files it holds */
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

/*
 * One server's files checked together (batch runs group them with
 * cluster.h): every present member is loaded and linted in one arena, the
 * auto.conf as part of postgresql.conf. Cross-file rules (hba methods vs
 * password_encryption, hostssl lines vs ssl = off) belong here, where they
 * see every document of the cluster. member[m] is NULL for an absent file
 * and always for MEMBER_AUTO. Free with cluster_result_free() only (the
 * members share its arena; do not file_result_free them).
 */
typedef struct cluster_result {
    arena *a;
    file_result *member[MEMBER_COUNT];
} cluster_result;

cluster_result *pipeline_check_cluster(const run_config *cfg, const cluster_files *c);
void cluster_result_free(cluster_result *r);

/* postgresql.auto.conf is checked as part of its postgresql.conf when that
 * file is in the same run; 1 if `path` is such a file. */
int pipeline_covered_by_sibling(const ptrvec *files, const char *path);

#endif

/*
 * conf_doc — postgresql.conf as PostgreSQL reads it: the root file, every
 * file reached through include / include_if_exists / include_dir, then
 * postgresql.auto.conf; the settings in processing order and the errors
 * PostgreSQL would report at server start.
 *
 * Memory: a conf_doc and everything it points to (sources, syntax trees,
 * settings, diags) live in the arena given to conf_doc_load().
 */
#ifndef PGCL_CONF_DOC_H
#define PGCL_CONF_DOC_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "load_opts.h"
#include "source.h"

typedef struct conf_setting {
    const source *src;     /* file the line is in */
    int line;              /* 1-based physical line */
    const char *name;      /* as written */
    const char *value;     /* after unquoting and escape processing */
    size_t name_off, name_len;    /* byte spans in src, for findings and fixes */
    size_t value_off, value_len;  /* the value token as written (quotes included) */
    int applied;           /* 1 if this entry takes effect (not overridden, no error) */
    int from_auto_conf;    /* 1 if it comes from postgresql.auto.conf */
} conf_setting;

typedef struct conf_doc {
    arena *a;
    const source *root;
    load_opts opts;
    ptrvec sources;        /* const source*: every file read, root first */
    ptrvec settings;       /* conf_setting*: processing order, like pg_file_settings */
    ptrvec errors;         /* diag*: what PostgreSQL would report, in processing order */
    void *impl;            /* parser-private data (syntax trees) */
} conf_doc;

/* Parse `root` and what it includes; `auto_conf` (may be NULL) is read after
 * it as PostgreSQL reads postgresql.auto.conf. Never returns NULL. */
conf_doc *conf_doc_load(arena *a, const source *root, const source *auto_conf,
                        const load_opts *o);

/* `pgconflint parse --format json|tree|source` for conf files. */
void conf_doc_write_json(const conf_doc *d, FILE *out);
void conf_doc_write_tree(const conf_doc *d, FILE *out);
void conf_doc_write_source(const conf_doc *d, FILE *out);  /* root file, from the tree */

#endif

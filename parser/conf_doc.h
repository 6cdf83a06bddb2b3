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

struct guc_param;   /* rules/catalog.h */
struct conf_node;   /* conf_syntax.h */
struct conf_tree;

typedef struct conf_setting {
    const source *src;     /* file the line is in */
    int line;              /* 1-based physical line */
    const char *name;      /* as written */
    const char *value;     /* after unquoting and escape processing */
    size_t name_off, name_len;    /* byte spans in src, for findings and fixes */
    size_t value_off, value_len;  /* the value token as written (quotes included) */
    int applied;           /* 1 if this entry takes effect (not overridden, no error) */
    int from_auto_conf;    /* 1 if it comes from postgresql.auto.conf (or a file it includes) */
    /* added by the conf parser: */
    const struct guc_param *param;  /* catalog entry; NULL for unknown and custom (dotted) names */
    int ignored;           /* overridden by a later entry with the byte-identical name */
    const diag *error;     /* what PostgreSQL says about this entry, or NULL; set even
                              when an earlier phase failed and it is not in `errors` */
    const struct conf_node *node;   /* the line in the syntax tree of `src` */
    const char *pg_path;   /* the file name as PostgreSQL prints it (absolute) */
} conf_setting;

typedef struct conf_doc {
    arena *a;
    const source *root;
    load_opts opts;
    ptrvec sources;        /* const source*: every file read, root first */
    ptrvec settings;       /* conf_setting*: processing order, like pg_file_settings */
    ptrvec errors;         /* diag*: what PostgreSQL would report, in processing order */
    void *impl;            /* parser-private data (syntax trees) */
    ptrvec notes;          /* diag*: messages PostgreSQL logs that are not errors
                              (skipped include_if_exists targets) */
    int parse_ok;          /* 1 if no syntax or include error (auto.conf was read) */
} conf_doc;

/* Parse `root` and what it includes; `auto_conf` (may be NULL) is read after
 * it as PostgreSQL reads postgresql.auto.conf. Never returns NULL. */
conf_doc *conf_doc_load(arena *a, const source *root, const source *auto_conf,
                        const load_opts *o);

/* The syntax tree of a file of the document (root, an included file or
 * auto.conf), or NULL if `src` is not one of d->sources. */
const struct conf_tree *conf_doc_tree(const conf_doc *d, const source *src);

/* The file name PostgreSQL prints for `src` (absolute), or NULL. */
const char *conf_doc_pg_path(const conf_doc *d, const source *src);

/* `pgconflint parse --format json|tree|source` for conf files. */
void conf_doc_write_json(const conf_doc *d, FILE *out);
void conf_doc_write_tree(const conf_doc *d, FILE *out);
void conf_doc_write_source(const conf_doc *d, FILE *out);  /* root file, from the tree */

#endif

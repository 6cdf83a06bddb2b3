/*
 * conf_model — what PostgreSQL makes of the collected settings at server
 * start (ProcessConfigFileInternal): the name check with duplicate marking,
 * then value validation through the parameter catalog, each phase reported
 * only when the ones before it found nothing.
 *
 * Memory: diags and strings go into the document's arena; the catalog's
 * parameter records are static.
 */
#ifndef PGCL_CONF_MODEL_H
#define PGCL_CONF_MODEL_H

#include "arena.h"
#include "catalog.h"
#include "conf_doc.h"

/* The catalog the model consults; tests may supply their own. */
typedef struct conf_catalog {
    const guc_param *(*find)(int version, const char *name);
    void (*check)(arena *a, const guc_param *p, int version, const char *value,
                  guc_value_result *r);
} conf_catalog;

/* rules/catalog.h's catalog_find() and guc_check_value(). */
const conf_catalog *conf_catalog_builtin(void);

/*
 * Run the name and apply phases over d->settings: set each setting's param,
 * ignored, applied and error; append the errors PostgreSQL would report to
 * d->errors. `parse_ok` is 0 when parsing (syntax, includes) already failed,
 * in which case PostgreSQL reports nothing further, but `applied` is still
 * worked out as if the file had no errors.
 */
void conf_model_process(conf_doc *d, int parse_ok, const conf_catalog *cat);

/* conf_doc_load() with another catalog (tests). */
conf_doc *conf_doc_load_catalog(arena *a, const source *root, const source *auto_conf,
                                const load_opts *o, const conf_catalog *cat);

#endif

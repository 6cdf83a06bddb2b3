/*
 * effective — the value each parameter has once PostgreSQL has read the whole
 * configuration: the last assignment under the parameter's canonical name
 * across the root file, its includes and postgresql.auto.conf, else the
 * version's built-in default (the catalog's boot_val). Values are typed and
 * unit-normalised through guc_check_value, so "1GB" and "1024MB" compare
 * equal, and list values are split the way the server reads each list.
 *
 * Memory: an effective_conf and everything it returns live in the arena
 * passed to effective_build() (one per checked file, so one per thread);
 * settings point into the conf_doc, which must outlive it.
 */
#ifndef PGCL_EFFECTIVE_H
#define PGCL_EFFECTIVE_H

#include "arena.h"
#include "catalog.h"
#include "conf_doc.h"

typedef struct effective_conf effective_conf;

/* `d` may be NULL: then every parameter has its default. */
effective_conf *effective_build(arena *a, const conf_doc *d, int version);
int effective_version(const effective_conf *e);
const conf_doc *effective_doc(const effective_conf *e);

typedef struct eff_value {
    const char *name;             /* canonical name, or as written for custom names */
    const guc_param *param;       /* NULL: not a parameter of this version (custom) */
    const conf_setting *setting;  /* the assignment in effect; NULL: the default */
    const char *text;             /* the value before parsing (de-quoted), or boot_val */
    int valid;                    /* 1 when the parameter accepts `text` */
    double number;                /* base units (int/real), 0/1 (bool), index (enum) */
    const char *canonical;        /* the parsed form (on/off, enum spelling, base-unit
                                     number); `text` for strings and custom names */
} eff_value;

/* Fills *v and returns 1 when `name` is a parameter of the version or is set
 * in the files (custom names); 0 otherwise. */
int effective_get(effective_conf *e, const char *name, eff_value *v);

/* Whether a value left at its default counts against the configuration: 1
 * when the document is a server's whole configuration (its root file is
 * named postgresql.conf), 0 for a fragment (conf.d/10-memory.conf, a
 * template) that only says what it sets, and 0 with no document. */
int effective_judges_defaults(const effective_conf *e);

/* conf_settings_by_param() of the document (NULL without one or with no
 * settings), made once for all who ask: in the arena of the build. */
struct conf_keyed;
const struct conf_keyed *effective_settings_by_param(effective_conf *e);

/* 1 when the parameter is assigned anywhere (the default does not apply). */
int effective_is_set(effective_conf *e, const char *name);

/* Parse `text` as parameter `p` reads it for `version` (a value written in a
 * policy): 1 on success with *number and *canonical set. */
int effective_parse(arena *a, const guc_param *p, int version, const char *text, double *number,
                    const char **canonical);

/*
 * The items of a list value, as the server reads that list (const char*,
 * lower-cased): comma lists split like the server splits them; ssl_ciphers
 * keeps only the entries that add suites (not !x, -x, +x, @x); log_connections
 * (18+) expands on/all to its aspects; pgaudit.log expands all and applies
 * -class; *_preload_libraries reduce "$libdir/pgaudit.so" to "pgaudit".
 */
void effective_items(arena *a, const eff_value *v, ptrvec *items);

/* How one item written in a policy compares with the items above: `item`
 * itself when it already is its own key (lower case, not a library), else
 * a string in `a`. */
const char *effective_item_key(arena *a, const char *param_name, const char *item);

/* The separator of a list parameter: ':' for the OpenSSL lists, else ','. */
char effective_list_sep(const char *param_name);

#endif

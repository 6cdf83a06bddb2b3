/*
 * hba_doc / ident_doc — pg_hba.conf and pg_ident.conf as PostgreSQL reads
 * them (hba.c): logical lines (with continuation), fields of tokens,
 * @file expansion, 16+ include directives, the parsed records and the errors
 * PostgreSQL would report when loading the file.
 *
 * Memory: a doc and everything it points to live in the arena given to the
 * load function.
 */
#ifndef PGCL_HBA_DOC_H
#define PGCL_HBA_DOC_H

#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "load_opts.h"
#include "source.h"

typedef struct hba_token {
    const char *text;      /* after quote processing */
    int quoted;            /* first character was '"': not a keyword, not +/@ */
    const source *src;
    size_t off, len;       /* raw span in src */
} hba_token;

typedef struct hba_rule {
    const source *src;
    int line;              /* first physical line of the logical line */
    size_t off, len;       /* span of the whole logical line in src */
    const char *type;      /* local, host, hostssl, hostnossl, hostgssenc, hostnogssenc */
    ptrvec databases;      /* hba_token* after @file expansion */
    ptrvec users;          /* hba_token* */
    const char *address;   /* as pg_hba_file_rules shows it; NULL for local */
    const char *netmask;   /* NULL unless an IP address */
    const char *method;    /* after local+ident -> peer */
    ptrvec option_names;   /* const char*, as pg_hba_file_rules shows them */
    ptrvec option_values;  /* const char* */
    hba_token *type_tok, *address_tok, *mask_tok, *method_tok;  /* for findings/fixes */
} hba_rule;

typedef struct hba_doc {
    arena *a;
    const source *root;
    load_opts opts;
    ptrvec sources;        /* const source*: every file read, root first */
    ptrvec rules;          /* hba_rule*: lines without error, in order */
    ptrvec errors;         /* diag*: every line PostgreSQL rejects, in order */
    void *impl;
} hba_doc;

hba_doc *hba_doc_load(arena *a, const source *root, const load_opts *o);
void hba_doc_write_json(const hba_doc *d, FILE *out);
void hba_doc_write_tree(const hba_doc *d, FILE *out);
void hba_doc_write_source(const hba_doc *d, FILE *out);

typedef struct ident_map {
    const source *src;
    int line;
    size_t off, len;
    const char *map_name;
    const char *system_user;   /* a leading '/' marks a regular expression */
    const char *pg_user;
    hba_token *map_tok, *sys_tok, *pg_tok;
} ident_map;

typedef struct ident_doc {
    arena *a;
    const source *root;
    load_opts opts;
    ptrvec sources;
    ptrvec maps;           /* ident_map* */
    ptrvec errors;         /* diag* */
    void *impl;
} ident_doc;

ident_doc *ident_doc_load(arena *a, const source *root, const load_opts *o);
void ident_doc_write_json(const ident_doc *d, FILE *out);
void ident_doc_write_tree(const ident_doc *d, FILE *out);
void ident_doc_write_source(const ident_doc *d, FILE *out);

#endif

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
#include "auth_env.h"
#include "auth_tree.h"
#include "diag.h"
#include "hba_address.h"
#include "load_opts.h"
#include "source.h"

typedef struct hba_token {
    const char *text;      /* after quote processing */
    const source *src;
    size_t off, len;       /* raw span in src */
    const struct hba_token *via;  /* the @file token this one was expanded
                                     from, in the line that uses it; NULL if
                                     written in the line itself */
    int quoted;            /* first character was '"': not a keyword, not +/@ */
    int field;             /* index of the field (as written) in its line */
    /* (the two ints last: one token per word of a large file, no padding) */
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
    ptrvec option_tokens;  /* hba_token*: every name=value token as written, in order */
    int addr_kind;         /* HBA_ADDRESS_* (hba_address.h) */
    hba_ip ip, mask;       /* HBA_ADDRESS_IP: the binary address and mask that
                              address/netmask show (what parse_hba_line keeps);
                              family 0 in every other case */
    int rule_number;       /* 1-based among accepted rules, as the 16+ view counts */
    const diag *warning;   /* a kept record PostgreSQL still flags (hostssl with
                              ssl=off, hostgssenc without GSSAPI), or NULL */
} hba_rule;

typedef struct hba_doc {
    arena *a;
    const source *root;
    load_opts opts;
    ptrvec sources;        /* const source*: every file read, root first */
    ptrvec rules;          /* hba_rule*: lines without error, in order */
    ptrvec errors;         /* diag*: every line PostgreSQL rejects, in order */
    void *impl;
    ptrvec warnings;       /* diag*: logged but harmless (skipped include_if_exists,
                              invalid ldapscheme, unreadable @file, ...) */
    auth_env env;          /* the build/server profile the file was judged against */
} hba_doc;

hba_doc *hba_doc_load(arena *a, const source *root, const load_opts *o);
/* Same, judged against another build/server profile than auth_env_default(). */
hba_doc *hba_doc_load_env(arena *a, const source *root, const load_opts *o, const auth_env *env);
/* The syntax tree of one file this doc read (root, included or @file); NULL
 * if `s` is not one of d->sources. */
const auth_tree *hba_doc_tree(const hba_doc *d, const source *s);
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
    ptrvec warnings;       /* diag*: logged but harmless */
} ident_doc;

ident_doc *ident_doc_load(arena *a, const source *root, const load_opts *o);
const auth_tree *ident_doc_tree(const ident_doc *d, const source *s);
void ident_doc_write_json(const ident_doc *d, FILE *out);
void ident_doc_write_tree(const ident_doc *d, FILE *out);
void ident_doc_write_source(const ident_doc *d, FILE *out);

#endif

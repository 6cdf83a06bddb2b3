/*
 * conf_syntax — the lossless syntax tree of one postgresql.conf-family file:
 * one node per physical line, every byte of the file in exactly one span of
 * exactly one node, so printing the nodes gives back the input byte for byte.
 * It knows PostgreSQL's line grammar (guc-file.l) and its quoted-string
 * de-escaping, nothing about includes or parameters.
 *
 * Memory: trees, nodes and their strings live in the arena passed to
 * conf_syntax_parse(); node spans point into the source's bytes.
 */
#ifndef PGCL_CONF_SYNTAX_H
#define PGCL_CONF_SYNTAX_H

#include <stdio.h>

#include "arena.h"
#include "conf_lexer.h"
#include "diag.h"
#include "source.h"

typedef struct conf_span {
    size_t off, len;
} conf_span;

typedef enum conf_node_kind {
    CN_BLANK,     /* only whitespace (or nothing) before the newline */
    CN_COMMENT,   /* optional whitespace, then a comment */
    CN_SETTING,   /* name [=] value */
    CN_INCLUDE,   /* a setting line whose name is include/include_if_exists/include_dir */
    CN_ERROR      /* a line PostgreSQL rejects with a syntax error */
} conf_node_kind;

typedef enum conf_include_kind {
    CINC_NONE = 0,
    CINC_FILE,        /* include */
    CINC_IF_EXISTS,   /* include_if_exists */
    CINC_DIR          /* include_dir */
} conf_include_kind;

/* What a CN_ERROR line carries; error lines are rare, so this lives apart. */
typedef struct conf_error {
    conf_span rest;             /* from the first token up to the newline */
    conf_span token;            /* the offending token; len 0 at end of line */
    int at_eol;                 /* 1: "near end of line" */
    const char *token_text;     /* "near token" text, up to its first NUL byte */
    diag *diag;                 /* PostgreSQL's message (code conf-syntax-error) */
} conf_error;

/*
 * Spans tile the line in this order:
 *   lead | name | sep | value | trail | comment | newline      (setting, include)
 *   lead | comment | newline                                   (blank, comment)
 *   lead | error->rest | newline                               (error)
 * Absent parts have len 0 and sit where they would be. `sep` holds the
 * whitespace and the optional '=' (located by `eq`) between name and value;
 * `trail` the whitespace (CR included) after the value; `newline` the '\n'
 * (empty on a last line without one). On error lines `name` and `value` are
 * kept when the parser got that far.
 */
typedef struct conf_node {
    conf_node_kind kind;
    int line;                   /* 1-based physical line */
    conf_span lead, name, sep, eq, value, trail, comment, newline;
    conf_tok_kind value_kind;   /* token kind of the value */
    conf_include_kind include;  /* CN_INCLUDE: which directive */
    const char *name_text;      /* the name as written */
    const char *value_text;     /* the value after de-escaping (NUL-truncated) */
    const conf_error *error;    /* CN_ERROR only */
} conf_node;

typedef struct conf_tree {
    const source *src;
    const char *pg_path;        /* the file name PostgreSQL prints for this file */
    conf_node *nodes;           /* one per physical line */
    size_t n;
    size_t nerrors;             /* CN_ERROR nodes */
    /* Indices of the nodes that are neither blank nor comment, in order: a
     * sample file is mostly comments, and walking the settings should not
     * visit every line again. */
    size_t *sig;
    size_t nsig;
} conf_tree;

/* Parse every line of `src`. `pg_path` is the absolute path PostgreSQL names
 * the file by in its messages. */
conf_tree *conf_syntax_parse(arena *a, const source *src, const char *pg_path);

/* Write the file back from the node spans. */
void conf_tree_print(const conf_tree *t, FILE *out);

/* The whole line of a node, its newline included. */
conf_span conf_node_whole(const conf_node *n);

/* The spans of a node, in file order (len-0 parts included); returns the count. */
size_t conf_node_parts(const conf_node *n, conf_span *parts, const char **names, size_t max);

/* De-escape a STRING token (quotes included) as PostgreSQL does (§1.4); the
 * result ends at the first NUL byte it produces. */
char *conf_deescape(arena *a, const unsigned char *tok, size_t len);

/* Which directive a name is (ASCII case-insensitive), or CINC_NONE. */
conf_include_kind conf_include_kind_of(const char *name);

const char *conf_node_kind_name(conf_node_kind k);

#endif

/*
 * auth_tree — the lossless syntax tree of one pg_hba.conf / pg_ident.conf
 * file: one node per logical line, each holding the tokens as written (with
 * byte spans) and what PostgreSQL made of the line. The bytes between tokens
 * (blanks, commas, comments, continuation backslashes, line ends) are the
 * gaps between token spans, so printing gaps and tokens in order gives the
 * file back byte for byte.
 *
 * Memory: trees live in the arena of the document that read the file.
 */
#ifndef PGCL_AUTH_TREE_H
#define PGCL_AUTH_TREE_H

#include <stdio.h>

#include "arena.h"
#include "auth_lines.h"
#include "diag.h"
#include "source.h"

typedef enum auth_node_kind {
    AUTH_NODE_EMPTY = 0,   /* blank or comment only: PostgreSQL sees no fields */
    AUTH_NODE_RECORD,      /* an hba rule or ident mapping PostgreSQL accepted */
    AUTH_NODE_INCLUDE,     /* 16+ include / include_if_exists / include_dir */
    AUTH_NODE_ERROR,       /* a line PostgreSQL rejects */
    AUTH_NODE_UNVISITED,   /* not read as part of a record (e.g. only via @file) */
} auth_node_kind;

typedef struct auth_node {
    const auth_line *line;     /* span, first physical line, logical text */
    ptrvec tokens;             /* struct hba_token*: as written, in order */
    int too_long_at;           /* 12–15: index of the token over the length limit, or -1 */
    auth_node_kind kind;
    const diag *error;         /* for AUTH_NODE_ERROR (first time the line was read) */
    void *record;              /* hba_rule* / ident_map* for AUTH_NODE_RECORD */
    const char *include_path;  /* for AUTH_NODE_INCLUDE: the absolute target */
    int nul_warned;            /* the NUL-byte warning was given (files read twice) */
    int parse_marked;          /* kind/record/error set by the parse phase (hba_doc.c) */
} auth_node;

typedef struct auth_tree {
    const source *src;
    ptrvec nodes;              /* auth_node*, in file order; spans partition src */
} auth_tree;

/* Print the file from the tree (gaps and token spans in order). */
void auth_tree_write_source(const auth_tree *t, FILE *out);

#endif

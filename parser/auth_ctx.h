/*
 * auth_ctx — the state of loading one pg_hba.conf or pg_ident.conf: the
 * version and build profile, every file read so far with its syntax tree,
 * and the warnings logged on the way. Also the "tokenized line" PostgreSQL
 * passes from its tokenizer to its line parsers, and the helper that turns
 * a problem on such a line into a diag.
 *
 * Memory: everything lives in the arena of the document being loaded. A
 * context belongs to one load on one thread.
 */
#ifndef PGCL_AUTH_CTX_H
#define PGCL_AUTH_CTX_H

#include <string.h>

#include "arena.h"
#include "auth_env.h"
#include "auth_tree.h"
#include "diag.h"
#include "hba_doc.h"
#include "load_opts.h"
#include "source.h"

struct auth_tok_line;

typedef struct auth_ctx {
    arena *a;
    int ver;
    const auth_env *env;
    const load_opts *opts;
    const char *syntax_code;   /* "hba-syntax-error" or "ident-syntax-error" */
    ptrvec *sources;           /* const source*: the document's list */
    ptrvec trees;              /* auth_tree*, parallel to *sources */
    ptrvec *warnings;          /* diag* */
    long expand_budget;        /* tokens @file expansion may still produce */
    /* Loading only: the tokenized lines (auth_tok_line and their fields) are
     * dropped once every line is parsed, so they live in an arena of their
     * own that the load frees; `tokbuf` is the tokenizer's reused buffer. */
    arena *scratch;
    strbuf tokbuf;
    /* Lines tokenized for the document itself (those auth_tokenize_file
     * would append to `stream_into`) go to `stream` one at a time instead,
     * and the scratch arena is emptied after each line of the main file:
     * memory for tokenized lines stays flat however long the file is. */
    const ptrvec *stream_into;
    void (*stream)(void *ctx, struct auth_tok_line *tl);
    void *stream_ctx;
} auth_ctx;

/* What the tokenizer hands to parse_hba_line / parse_ident_line (in the
 * context's scratch arena; a field without @file shares the node's tokens). */
typedef struct auth_tok_line {
    const source *src;
    auth_node *node;
    ptrvec fields;             /* ptrvec* of hba_token*, after @file expansion */
    diag *err;                 /* the line was rejected while tokenizing */
} auth_tok_line;

auth_ctx *auth_ctx_new(arena *a, const load_opts *o, const auth_env *env, const char *syntax_code,
                       ptrvec *sources, ptrvec *warnings);

/* Register a source that has been read and build its tree (once). */
auth_tree *auth_ctx_add_source(auth_ctx *c, const source *s);
auth_tree *auth_ctx_tree(const auth_ctx *c, const source *s);

/* A source by the absolute path it was opened as, or NULL. */
const source *auth_ctx_find(const auth_ctx *c, const char *abspath);

/* The name PostgreSQL would use for `s` in messages: its absolute path. */
const char *auth_src_name(const source *s);

/*
 * A diag for a tokenized line: at token `at` (or where it was expanded from),
 * or at the end of the line's text when `at` is NULL. `line` is the first
 * physical line of the logical line, `col` counts bytes from that line's start.
 */
diag *auth_line_diag(auth_ctx *c, const auth_tok_line *tl, const hba_token *at,
                     const char *code, const char *detail, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A warning tied to a line (tl may be NULL: then it names the file only). */
void auth_warn(auth_ctx *c, const auth_tok_line *tl, const hba_token *at, const char *code,
               const char *detail, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Keyword test: unquoted and equal (token_is_keyword). Inline, first
 * letter first: every address is tested against three keywords. */
static inline int auth_token_is_keyword(const hba_token *t, const char *kw)
{
    return !t->quoted && t->text[0] == kw[0] && strcmp(t->text, kw) == 0;
}

#endif

/*
 * auth_include — reading one hba/ident file into tokenized lines the way
 * tokenize_auth_file does: every line's fields with @file tokens replaced by
 * the tokens of the named file (in any field), and in 16+ the include,
 * include_if_exists and include_dir lines replaced by the lines of the files
 * they name. Paths are relative to the directory of the file that names
 * them; nesting depth is limited as PostgreSQL limits it.
 *
 * Memory: tokenized lines, sources read and diags live in the context's arena.
 */
#ifndef PGCL_AUTH_INCLUDE_H
#define PGCL_AUTH_INCLUDE_H

#include "auth_ctx.h"

/* Append auth_tok_line* for `s` (already registered with the context) and
 * what it includes to `out`. The main file is depth 0. */
void auth_tokenize_file(auth_ctx *c, const source *s, int depth, ptrvec *out);

#endif

/*
 * ident_parser — one tokenized pg_ident.conf line turned into a mapping the
 * way parse_ident_line does it: MAPNAME SYSTEM-USER PG-USER, each a single
 * token, later fields ignored, /regex system users (and 16+ PG users)
 * compiled when the file is loaded.
 *
 * Memory: mappings and diags live in the context's arena.
 */
#ifndef PGCL_IDENT_PARSER_H
#define PGCL_IDENT_PARSER_H

#include "auth_ctx.h"
#include "hba_doc.h"

/* The mapping PostgreSQL keeps for `tl`, or NULL with *err set. */
ident_map *ident_parse_line(auth_ctx *c, const auth_tok_line *tl, diag **err);

#endif

/*
 * hba_parser — one tokenized pg_hba.conf line turned into a rule the way
 * parse_hba_line does it for the selected version: connection type,
 * database and user lists (16+ /regex checked), address with CIDR or a
 * separate netmask, method (by version and build), options, and the checks
 * that tie them together.
 *
 * Memory: rules and diags live in the context's arena.
 */
#ifndef PGCL_HBA_PARSER_H
#define PGCL_HBA_PARSER_H

#include "auth_ctx.h"
#include "hba_doc.h"

/* The rule PostgreSQL keeps for `tl`, or NULL with *err set to what it logs.
 * Warnings that keep the rule go to the context (and rule->warning). */
hba_rule *hba_parse_line(auth_ctx *c, const auth_tok_line *tl, diag **err);

#endif

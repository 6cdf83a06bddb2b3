/*
 * auth_tokens — one logical hba/ident line cut into tokens and fields the
 * way hba.c's next_token / next_field_expand do it: blanks and commas,
 * double quotes (with "" for a literal quote), # comments, the "quoted" flag
 * (first character was a quote), and the 12–15 token length limit.
 * @file expansion is not done here (see auth_include), so the result is the
 * line exactly as written.
 *
 * Memory: tokens and their text live in the arena passed in.
 */
#ifndef PGCL_AUTH_TOKENS_H
#define PGCL_AUTH_TOKENS_H

#include "arena.h"
#include "auth_lines.h"
#include "auth_tree.h"

/* 12–15 (since the Aug 2023 minor releases): a token holds at most this many
 * bytes; one more is "token too long". 16+ have no limit. */
#define AUTH_TOKEN_MAX_PRE16 10239

/* Fill node->tokens (hba_token*, field = index of the field as written) and
 * node->too_long_at for one line. `buf` is working space the caller keeps
 * from line to line (it ends up holding nothing of value). */
void auth_tokenize_line(arena *a, const auth_line *l, int pg_version, auth_node *node,
                        strbuf *buf);

/* Blank characters between tokens: SP, TAB and (before 19) CR. */
int auth_is_blank(int pg_version, unsigned char c);

#endif

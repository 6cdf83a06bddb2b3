/*
 * guc_split — comma lists as PostgreSQL's check hooks split them
 * (SplitIdentifierString for identifier lists such as search_path, and
 * SplitGUCList, which keeps case, for file and keyword lists).
 *
 * Memory: the items and the ptrvec storage live in the arena passed in.
 */
#ifndef PGCL_GUC_SPLIT_H
#define PGCL_GUC_SPLIT_H

#include "arena.h"

/* Identifier list: unquoted items are lower-cased (ASCII) and cut to 63
 * bytes, "double quoted" items keep case and may contain "" for a quote.
 * Returns 0 on bad syntax (empty item, unterminated quote, junk between
 * items), the cases where PostgreSQL says "List syntax is invalid.". An empty
 * or all-blank string is an empty list. */
int guc_split_identifiers(arena *a, const char *s, char sep, ptrvec *items);

/* As above but unquoted items keep their case and length. */
int guc_split_list(arena *a, const char *s, char sep, ptrvec *items);

/* The whitespace PostgreSQL's scanner skips: space, tab, LF, CR, FF. */
int guc_scanner_isspace(char c);

#endif

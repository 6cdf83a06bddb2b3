/*
 * auth_regex — does PostgreSQL's regex engine (Spencer's ARE, as pg_regcomp
 * with REG_ADVANCED) accept a pattern from pg_hba.conf / pg_ident.conf, and
 * if not, which regerror text does it give ("parentheses () not balanced")?
 *
 * This is a structural check of ARE syntax written for this project; it
 * covers the errors people make (unbalanced (), [], {}, bad ranges, bad
 * escapes, misplaced quantifiers, bad bounds, bad classes, bad
 * back-references). Patterns it accepts may still be refused by PostgreSQL
 * for limits such as "regular expression is too complex".
 *
 * Memory: returns static strings; allocates nothing.
 */
#ifndef PGCL_AUTH_REGEX_H
#define PGCL_AUTH_REGEX_H

#include <stddef.h>

/* NULL if `re` (n bytes) compiles; else PostgreSQL's reason text. */
const char *auth_regex_error(const char *re, size_t n);

#endif

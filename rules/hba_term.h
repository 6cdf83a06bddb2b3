/*
 * hba_term — what one token of a pg_hba.conf DATABASE or USER column means
 * to PostgreSQL (check_db, check_role): a keyword, a +group, a regular
 * expression (16+), or a literal name. Plain values; the names point into the
 * token they were read from.
 */
#ifndef PGCL_HBA_TERM_H
#define PGCL_HBA_TERM_H

#include <string.h>

#include "hba_doc.h"

typedef enum hba_term_kind {
    HBA_TERM_LITERAL,      /* a name compared exactly */
    HBA_TERM_ALL,
    HBA_TERM_SAMEUSER,     /* database only */
    HBA_TERM_SAMEROLE,     /* database only; samegroup is the same keyword */
    HBA_TERM_REPLICATION,  /* database only */
    HBA_TERM_GROUP,        /* user only: +name, membership in role name */
    HBA_TERM_REGEX,        /* 16+: /pattern, name is the pattern after the slash */
} hba_term_kind;

typedef struct hba_term {
    hba_term_kind kind;
    const char *name;
    const hba_token *tok;
} hba_term;

hba_term hba_db_term(const hba_token *t, int pg_version);
hba_term hba_user_term(const hba_token *t, int pg_version);

/* Two terms of the same column that select exactly the same connections.
 * Inline: the cover check asks it for every pair of candidate and cell, and
 * most pairs differ in kind or first letter. */
static inline int hba_term_same(const hba_term *x, const hba_term *y)
{
    if (x->kind != y->kind)
        return 0;
    switch (x->kind) {
    case HBA_TERM_LITERAL:
    case HBA_TERM_GROUP:
    case HBA_TERM_REGEX:
        return x->name[0] == y->name[0] && strcmp(x->name, y->name) == 0;
    default:
        return 1;
    }
}

#endif

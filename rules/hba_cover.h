/*
 * hba_cover — whether a set of pg_hba.conf rules together match every
 * connection another rule could match. Sound, not complete: "yes" is only
 * answered when it holds for every database, user, group membership, client
 * address and DNS answer; regular expressions, host names, samehost/samenet
 * and +group are compared only where the answer does not depend on them.
 *
 * Memory: a cover set and its scratch space live in the arena given to
 * hba_cover_set_new; it holds pointers to the rules added, which must outlive it.
 */
#ifndef PGCL_HBA_COVER_H
#define PGCL_HBA_COVER_H

#include "arena.h"
#include "hba_doc.h"

/* The rules that may cover others, in file order. Adding a rule reads its
 * address once; checks reuse the same scratch space, so checking every line
 * of a long file against its predecessors costs no memory per check. */
typedef struct hba_cover_set hba_cover_set;

hba_cover_set *hba_cover_set_new(arena *a, size_t capacity, int pg_version);
void hba_cover_set_add(hba_cover_set *s, const hba_rule *r);   /* at most capacity */
size_t hba_cover_set_size(const hba_cover_set *s);

/* Do the set's rules together match every connection `r` could match? If so,
 * and `used` is given, push the rules the proof relies on (file order) onto
 * it, allocated in arena `a`. */
int hba_cover_check(hba_cover_set *s, const hba_rule *r, arena *a, ptrvec *used);

/* A rule's columns as the checks read them (address, type bits, database and
 * user terms), worked out once in arena `a` for `pg_version`: a line that is
 * checked and then added to two sets is read once instead of three times.
 * The read form must outlive every set it is added to. */
typedef struct hba_cover_rule hba_cover_rule;

const hba_cover_rule *hba_cover_rule_read(arena *a, const hba_rule *r, int pg_version);
/* hba_cover_set_add and hba_cover_check for a rule read with the set's pg_version. */
void hba_cover_set_add_read(hba_cover_set *s, const hba_cover_rule *r);
int hba_cover_check_read(hba_cover_set *s, const hba_cover_rule *r, arena *a, ptrvec *used);

#endif

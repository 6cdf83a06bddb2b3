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

#endif

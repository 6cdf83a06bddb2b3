/*
 * hba_remedy — pg_hba.conf remedies as byte edits on the syntax tree:
 *   HBA_SET_METHOD  replace the method token,
 *   HBA_SET_TYPE    replace the connection-type token,
 *   HBA_COMMENT_OUT put '#' before every physical line of the record.
 * Where the line is aligned (a run of two or more blanks after the token),
 * the run is resized so the next column starts where it did. A token that
 * came from an @file is not edited.
 *
 * Memory: edits live in the arena passed in.
 */
#ifndef PGCL_HBA_REMEDY_H
#define PGCL_HBA_REMEDY_H

#include "arena.h"
#include "fix_item.h"
#include "hba_doc.h"

void hba_remedy_plan(arena *a, const hba_doc *d, fix_item *it);

#endif

/*
 * hba_remedy — pg_hba.conf remedies as byte edits on the syntax tree:
 *   HBA_SET_METHOD  replace the method token,
 *   HBA_SET_TYPE    replace the connection-type token,
 *   HBA_SET_ADDRESS replace the address token (`10.1.2.3/8`, or the address
 *                   before a separate netmask, which stays): the network
 *                   address hba-address-host-bits proposes; a quoted
 *                   address is refused,
 *   HBA_COMMENT_OUT put '#' before every physical line of the record.
 * Where the line is aligned (a run of two or more blanks after the token),
 * the run is resized so the next column starts where it did. A token that
 * came from an @file is not edited.
 *
 * Replace line (issue #5): when one round changes several fields of one
 * record (its type and its method, from two findings), hba_remedy_merge
 * makes them one edit that rewrites the record from its tokens,
 * hba_replace_line, instead of a token edit per round. Each change keeps the
 * columns as a token edit of its own would (the changes are made in order,
 * each on the line the previous ones left), so the line reads byte for byte
 * as the rounds would have left it — except that where they would leave the
 * rest of the line shifted (a token longer than its column), the first later
 * run of two or more blanks that can takes the shift back, so later columns
 * and the trailing comment start where they did (for a single field too,
 * when its token edit would leave such a shift). The indentation, the
 * trailing comment and the line end (CRLF) are outside the edit. A record
 * with a field from an @file, or continued over several physical lines with
 * backslash, or that another fix of the round comments out, is not
 * rewritten as a whole: its fixes stay token edits, a round each.
 *
 * Memory: edits live in the arena passed in.
 */
#ifndef PGCL_HBA_REMEDY_H
#define PGCL_HBA_REMEDY_H

#include "arena.h"
#include "edit.h"
#include "fix_item.h"
#include "hba_doc.h"

void hba_remedy_plan(arena *a, const hba_doc *d, fix_item *it);

/* One field of a record to rewrite: the token as written in the line (the
 * rule's type_tok, method_tok, address_tok, ...) and its new text, a single
 * keyword. */
typedef struct hba_field_change {
    const hba_token *tok;
    const char *text;
} hba_field_change;

/* One edit rewriting record `r` with the `n` changes made in order, claiming
 * the record; NULL with *why set when the record cannot be rewritten as a
 * whole (a field from an @file, a continued record) or a change is not one
 * keyword of its line. */
edit *hba_replace_line(arena *a, const hba_doc *d, const hba_rule *r, const hba_field_change *ch,
                       size_t n, const char **why);

/* Planned items (fix_item*, in finding order) that set different fields of
 * one record get one replace-line edit between them, the same for each, so
 * the round makes it once and the other items ride along; so does a single
 * field whose token edit would leave the line shifted. Items that set one
 * field to two values, records another item comments out, and records
 * hba_replace_line refuses are left as they are. */
void hba_remedy_merge(arena *a, const hba_doc *d, ptrvec *items);

#endif

/*
 * fix_item — one finding's remedy made concrete: the byte edits that carry
 * it out, a line to append (a parameter that is set nowhere), or the reason
 * no edit can be made. conf_remedy and hba_remedy fill it; fix_loop decides
 * which items a round applies.
 *
 * Memory: items and what they point to live in the arena of the round.
 */
#ifndef PGCL_FIX_ITEM_H
#define PGCL_FIX_ITEM_H

#include "arena.h"
#include "finding.h"
#include "source.h"

typedef struct fix_item {
    const finding *f;
    int unsafe;
    ptrvec edits;              /* edit*: all on files of the document */
    const source *append_to;   /* a parameter set nowhere: the file that gets it */
    const char *append_line;   /* "name = value", no line end */
    const char *refused;       /* why the remedy cannot be carried out, or NULL */
    int retry;                 /* refused only for now: another fix of the same run may
                                  remove the reason, so a later round tries again */
} fix_item;

#endif

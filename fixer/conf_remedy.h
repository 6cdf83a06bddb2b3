/*
 * conf_remedy — postgresql.conf remedies as byte edits on the syntax trees:
 *   SET_PARAM       change the value where it takes effect (the last
 *                   assignment, across includes and postgresql.auto.conf),
 *                   keeping the quoting style, the `=` spacing and the
 *                   trailing comment's column; if the parameter is set
 *                   nowhere, uncomment its commented line in the root file
 *                   (`#ssl = off` -> `ssl = on`), else append it to a marked
 *                   block at the end of the root file;
 *   REMOVE_SETTING  comment the assignment out;
 *   RENAME_PARAM    write the parameter's name for an alias of it (sort_mem
 *                   -> work_mem): the value, the `=` spacing, the quoting and
 *                   the line end stay, a trailing comment keeps its column;
 *                   refused when an assignment of the parameter has an error.
 * Values are written as ALTER SYSTEM writes them when they need quotes
 * (grammar.md 1.10). A value the version would reject is refused.
 *
 * Memory: edits and strings live in the arena passed in.
 */
#ifndef PGCL_CONF_REMEDY_H
#define PGCL_CONF_REMEDY_H

#include "arena.h"
#include "conf_doc.h"
#include "edit.h"
#include "fix_item.h"

#define CONF_FIX_BLOCK_BEGIN "# BEGIN pgconflint fix"
#define CONF_FIX_BLOCK_END "# END pgconflint fix"

/* Fill `it` from it->f->fix for document `d` read for `version`. */
void conf_remedy_plan(arena *a, const conf_doc *d, int version, fix_item *it);

/* The edit that adds `lines` ("name = value", no line ends) to the marked
 * block of `src` (a file of `d`), creating the block at the end of the file
 * if there is none. The file's line ending (LF or CRLF) and a missing final
 * newline are kept. */
edit *conf_append_block(arena *a, const conf_doc *d, const source *src,
                        const char *const *lines, size_t n);

/* `value` as a conf value token: bare when it lexes as exactly one value
 * token and `quote` is 0, else single-quoted with ' and \ doubled. */
char *conf_render_value(arena *a, const char *value, int quote);

#endif

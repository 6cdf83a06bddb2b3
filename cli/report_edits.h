/*
 * report_edits — a finding's fix as the byte edits the fixer would make for
 * it alone (fixer/conf_remedy.h, fixer/hba_remedy.h), for the JSON and
 * SARIF reports: "fix available, and this is the change". `pgconflint fix`
 * may apply more (other fixes in the same round) or refuse it after
 * re-checking the result; this shows the fix on its own.
 *
 * Memory: the edits and their strings live in the arena passed in.
 */
#ifndef PGCL_REPORT_EDITS_H
#define PGCL_REPORT_EDITS_H

#include "arena.h"
#include "document.h"
#include "finding.h"
#include "report.h"

/* Fill rf->edits / rf->nedits (0 with rf->fix_refused set when the fixer
 * cannot carry the remedy out). `doc` is the document the finding came from. */
void report_edits_plan(arena *a, const document *doc, int pg_version, report_finding *rf);

#endif

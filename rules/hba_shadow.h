/*
 * hba_shadow — pg_hba.conf ordering mistakes found by coverage (hba_cover):
 *   hba-shadowed-line            a rule no connection can reach, because the
 *                                rules before it take every connection it could
 *   hba-shadowing-weaker-method  a rule that takes a later rule's connections
 *                                with a weaker method ("trust before scram",
 *                                an allow before the reject it voids)
 *   hba-no-final-reject          the file does not end in reject rules that
 *                                catch every connection (a policy choice:
 *                                only run it when the policy asks)
 *
 * Memory: findings are allocated in the arena passed in and appended to
 * findings_out (finding*); they point at the doc's sources.
 */
#ifndef PGCL_HBA_SHADOW_H
#define PGCL_HBA_SHADOW_H

#include "arena.h"
#include "finding.h"
#include "hba_doc.h"

/* Reports hba-shadowed-line and hba-shadowing-weaker-method. */
void hba_find_shadowed(arena *a, const hba_doc *d, ptrvec *findings_out);

/* Reports hba-no-final-reject. */
void hba_find_missing_final_reject(arena *a, const hba_doc *d, ptrvec *findings_out);

#endif

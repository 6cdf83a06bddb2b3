/*
 * suppress — inline suppressions written as comments in the checked files:
 *
 *   # pgconflint: ignore[rule-id,other-id] reason
 *       in a comment after a line: that line's findings; on a line of its
 *       own: the next line that is not a comment (its whole logical line)
 *   # pgconflint: ignore-file[rule-id] reason
 *       anywhere in a file: every finding in that file
 *
 * A directive that does not parse or names an unknown rule is itself a
 * finding (suppression-invalid), as is one that suppresses nothing
 * (suppression-unused) and one the policy forbids (suppression-forbidden:
 * the rule may not be suppressed, or a reason is required and missing).
 * Comments are read from the syntax trees, so a '#' inside a quoted value is
 * never mistaken for one.
 *
 * Memory: a suppress_set and the findings it makes live in the arena passed
 * in; it points into the document's sources.
 */
#ifndef PGCL_SUPPRESS_H
#define PGCL_SUPPRESS_H

#include "arena.h"
#include "conf_doc.h"
#include "finding.h"
#include "hba_doc.h"
#include "policy.h"

typedef struct suppress_set suppress_set;

/* Read the directives of every file of a document. `p` may be NULL (every
 * suppression allowed, no reason needed). */
suppress_set *suppress_scan_conf(arena *a, const conf_doc *d, const policy *p);
suppress_set *suppress_scan_hba(arena *a, const hba_doc *d, const policy *p);
suppress_set *suppress_scan_ident(arena *a, const ident_doc *d, const policy *p);

/* 1 if a directive covers the finding (the directive is then used). */
int suppress_covers(suppress_set *s, const finding *f);

/* Findings about the directives: invalid and forbidden ones, and, for rules
 * that ran (`enabled`), unused ones. Call after every suppress_covers(). */
void suppress_report(arena *a, suppress_set *s, int (*enabled)(const void *, const char *),
                     const void *ctx, ptrvec *out);

/* Number of directives read (tests). */
size_t suppress_count(const suppress_set *s);

#endif

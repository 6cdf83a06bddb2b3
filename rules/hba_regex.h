/*
 * hba_regex — PostgreSQL 16+ `/regex` entries in pg_hba.conf, evaluated with
 * PCRE2 for the part of the syntax that PCRE2 and PostgreSQL's ARE flavour
 * read the same way. Holds no memory between calls.
 */
#ifndef PGCL_HBA_REGEX_H
#define PGCL_HBA_REGEX_H

/* Does the ARE `pattern` find a match anywhere in `subject` (regexec is
 * unanchored)? Returns 1 or 0; -1 when the pattern uses syntax outside the
 * shared subset or does not compile, with *why (a static string) set. */
int hba_regex_match(const char *pattern, const char *subject, const char **why);

/* Work caps per match (PCRE2's match and depth limits): far above what a
 * name of a few dozen bytes needs, far below a catastrophic backtrack. A
 * match cut short is undecided (-1). */
#define HBA_REGEX_MATCH_LIMIT 100000u
#define HBA_REGEX_DEPTH_LIMIT 1000u

#endif

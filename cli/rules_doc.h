/*
 * rules_doc — the rule reference (docs/rules.md) as Markdown, generated
 * from the rule registry's own metadata so the documentation cannot drift
 * from the code: `pgconflint rules --format markdown`, `make
 * update-rules-doc`, and a test that the committed file is current.
 * Writes to a FILE*; holds no memory.
 */
#ifndef PGCL_RULES_DOC_H
#define PGCL_RULES_DOC_H

#include <stdio.h>

/* Returns 0, or 2 when writing failed. */
int rules_write_markdown(FILE *out);

#endif

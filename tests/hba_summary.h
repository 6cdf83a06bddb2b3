/*
 * hba_summary — the findings of the hba ordering analysis as one short
 * string, so tests can state what they expect in a line:
 *   "S3:1+2"  line 3 is shadowed by lines 1 and 2    (hba-shadowed-line)
 *   "W1:3"    line 1 takes line 3's connections with a weaker method
 *   "R5"      no final catch-all reject (reported at line 5)
 * Space separated, in the order reported. The string lives in the arena.
 */
#ifndef PGCL_TESTS_HBA_SUMMARY_H
#define PGCL_TESTS_HBA_SUMMARY_H

#include <string.h>

#include "finding.h"

static inline const char *hba_summary(arena *a, const ptrvec *findings)
{
    strbuf b = {0};
    for (size_t i = 0; i < findings->n; i++) {
        const finding *f = findings->items[i];
        if (i)
            strbuf_putc(a, &b, ' ');
        if (strcmp(f->rule, "hba-shadowed-line") == 0) {
            strbuf_printf(a, &b, "S%d:", f->where.line);
            for (size_t k = 0; k < f->related.n; k++)
                strbuf_printf(a, &b, "%s%d", k ? "+" : "",
                              ((const diag *)f->related.items[k])->line);
        } else if (strcmp(f->rule, "hba-shadowing-weaker-method") == 0) {
            strbuf_printf(a, &b, "W%d:%d", f->where.line,
                          f->related.n ? ((const diag *)f->related.items[0])->line : 0);
        } else if (strcmp(f->rule, "hba-no-final-reject") == 0) {
            strbuf_printf(a, &b, "R%d", f->where.line);
        } else {
            strbuf_printf(a, &b, "?%s@%d", f->rule, f->where.line);
        }
    }
    return b.data ? b.data : "";
}

#endif

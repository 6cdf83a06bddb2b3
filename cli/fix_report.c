/* fix_report.c — the notes and summary line of `pgconflint fix` (see
 * fix_report.h). */
#include <stdlib.h>
#include <string.h>

#include "fix_report.h"

/* `applied_verb`: what became of the applied fixes ("fixed", "would fix",
 * "not written"). */
static void print_note(FILE *out, const fix_note *n, const char *applied_verb)
{
    const char *safety = n->unsafe ? "unsafe fix" : "fix";
    switch (n->status) {
    case FIX_APPLIED:
        fprintf(out, "%s:%d:%d: %s [%s] %s\n", n->path, n->line, n->col, applied_verb, n->rule,
                n->description);
        break;
    case FIX_UNSAFE_SKIPPED:
        fprintf(out, "%s:%d:%d: not fixed [%s] %s (an unsafe fix: apply it with "
                     "--unsafe-fixes)\n",
                n->path, n->line, n->col, n->rule, n->description);
        break;
    case FIX_REFUSED:
        fprintf(out, "%s:%d:%d: not fixed [%s] %s: the %s was refused: %s\n", n->path, n->line,
                n->col, n->rule, n->description, safety, n->why);
        break;
    }
}

static int cmp_note(const void *x, const void *y)
{
    const fix_note *a = *(const fix_note *const *)x, *b = *(const fix_note *const *)y;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if ((c = strcmp(a->rule, b->rule)))
        return c;
    return strcmp(a->message, b->message);
}

void fix_report_sort(ptrvec *notes)
{
    if (notes->n > 1)
        qsort(notes->items, notes->n, sizeof(void *), cmp_note);
}

void fix_report_print(FILE *out, const ptrvec *notes, const fix_tally *t, int dry,
                      int write_failed)
{
    const char *verb = dry ? "would fix" : write_failed ? "not written" : "fixed";
    for (size_t k = 0; k < notes->n; k++)
        print_note(out, notes->items[k], verb);
    fprintf(out, "%zu fix%s %s", t->applied, t->applied == 1 ? "" : "es",
            dry ? "to apply" : write_failed ? "not written" : "applied");
    if (t->changed)
        fprintf(out, " in %zu file%s", t->changed, t->changed == 1 ? "" : "s");
    if (t->unsafe_left)
        fprintf(out, "; %zu more with --unsafe-fixes", t->unsafe_left);
    if (t->refused)
        fprintf(out, "; %zu refused", t->refused);
    if (t->given_up)
        fprintf(out, "; %zu file set%s left as %s (see the error)", t->given_up,
                t->given_up == 1 ? "" : "s", t->given_up == 1 ? "it was" : "they were");
    fputc('\n', out);
}

/* report_edits.c — planning one finding's fix for display. */
#include "report_edits.h"

#include <string.h>

#include "conf_remedy.h"
#include "fix_item.h"
#include "hba_remedy.h"

/* Line and column of an edit position. An insertion after the file's final
 * newline is at the start of the line that does not exist yet, where an
 * editor would put the cursor, not past the end of the last line. */
static void edit_linecol(const source *s, size_t off, int *line, int *col)
{
    if (off == s->len && s->len > 0 && s->data[s->len - 1] == '\n') {
        *line = (int)s->nlines + 1;
        *col = 1;
        return;
    }
    source_linecol(s, off, line, col);
}

static void to_report(arena *a, const edit *e, report_edit *out)
{
    out->path = e->src->path;
    /* an edit's span is exact: a replaced newline stays in it */
    out->span.off = e->off;
    out->span.len = e->len;
    out->span.has_bytes = 1;
    edit_linecol(e->src, e->off, &out->span.line, &out->span.col);
    edit_linecol(e->src, e->off + e->len, &out->span.end_line, &out->span.end_col);
    out->text = arena_strndup(a, e->repl ? e->repl : "", e->repl_len);
}

void report_edits_plan(arena *a, const document *doc, int pg_version, report_finding *rf)
{
    rf->fix_refused = NULL;
    rf->nedits = -1;
    if (!doc || rf->f->fix.kind == REMEDY_NONE)
        return;
    fix_item it = {.f = rf->f, .unsafe = rf->f->fix.unsafe};
    if (doc->conf)
        conf_remedy_plan(a, doc->conf, pg_version, &it);
    else if (doc->hba)
        hba_remedy_plan(a, doc->hba, &it);
    else
        return;
    if (it.refused) {
        rf->fix_refused = it.refused;
        rf->nedits = 0;
        return;
    }
    const edit *append = NULL;
    if (it.append_to && it.append_line && doc->conf)
        append = conf_append_block(a, doc->conf, it.append_to, &it.append_line, 1);
    int n = (int)it.edits.n + (append ? 1 : 0);
    report_edit *out = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *out);
    for (size_t i = 0; i < it.edits.n; i++)
        to_report(a, it.edits.items[i], &out[i]);
    if (append)
        to_report(a, append, &out[it.edits.n]);
    rf->edits = out;
    rf->nedits = n;
}

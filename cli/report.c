/* report.c — the table of output formats, and spans for display. */
#include "report.h"

#include <string.h>

static const struct {
    const char *name;
    void (*init)(reporter *r);
} formats[] = {
    {"text", report_text_init},
    {"json", report_json_init},
    {"sarif", report_sarif_init},
    {"github", report_github_init},
};

int report_init(reporter *r, const char *format)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, format) == 0) {
            formats[i].init(r);
            return 0;
        }
    return -1;
}

const char *report_formats(void)
{
    return "text, json, sarif, github";
}

report_span report_span_of(const diag *d)
{
    report_span s = {.line = d->line, .col = d->line > 0 ? (d->col > 0 ? d->col : 1) : 0};
    if (!d->src || d->line <= 0 || d->off > d->src->len) {
        s.end_line = s.line;
        s.end_col = s.col;
        return s;
    }
    size_t off = d->off, len = d->len;
    if (len > d->src->len - off)
        len = d->src->len - off;
    /* A span that swallows its line's newline ends on that line, not at
     * column 1 of the next: editors and code scanning highlight it better. */
    while (len > 0 && (d->src->data[off + len - 1] == '\n' || d->src->data[off + len - 1] == '\r'))
        len--;
    s.off = off;
    s.len = len;
    s.has_bytes = 1;
    /* Positions come from the bytes. The diag's own line is PostgreSQL's
     * numbering of the error (the first line of a continued pg_hba.conf
     * line), which the text format keeps; tools that highlight a range
     * need the place the bytes are at. */
    source_linecol(d->src, off, &s.line, &s.col);
    source_linecol(d->src, off + len, &s.end_line, &s.end_col);
    return s;
}

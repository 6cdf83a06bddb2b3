/* report_text.c — the human format, one finding per line. */
#include "report_text.h"

#define BOLD "\033[1m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

/* Messages may carry newlines (PostgreSQL joins include-dir errors); keep one
 * finding per output line so that tools reading the output stay line-based. */
static void put_oneline(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' ? ' ' : *s, out);
}

void report_text_diag(FILE *out, const diag *d, const char *severity, int color)
{
    const char *sev_color = severity[0] == 'e' ? RED : severity[0] == 'w' ? YELLOW : CYAN;
    if (color)
        fputs(BOLD, out);
    if (d->line > 0)
        fprintf(out, "%s:%d:%d:", d->path ? d->path : "-", d->line, d->col > 0 ? d->col : 1);
    else
        fprintf(out, "%s:", d->path ? d->path : "-");
    if (color)
        fprintf(out, RESET " %s%s%s" RESET ": ", BOLD, sev_color, severity);
    else
        fprintf(out, " %s: ", severity);
    put_oneline(out, d->message);
    if (d->detail) {
        fputs(" (", out);
        put_oneline(out, d->detail);
        fputc(')', out);
    }
    if (d->code)
        fprintf(out, color ? " " CYAN "[%s]" RESET : " [%s]", d->code);
    fputc('\n', out);
}

void report_text_finding(FILE *out, const finding *f, int color)
{
    diag d = f->where;
    d.code = f->rule;
    report_text_diag(out, &d, severity_name(f->sev), color);
    for (size_t i = 0; i < f->related.n; i++) {
        diag r = *(const diag *)f->related.items[i];
        r.code = NULL;
        report_text_diag(out, &r, "note", color);
    }
}

void report_text_summary(FILE *out, int files, const int counts[3], int color)
{
    int total = counts[0] + counts[1] + counts[2];
    if (color)
        fputs(BOLD, out);
    if (total == 0)
        fprintf(out, "%d file%s checked, no problems found", files, files == 1 ? "" : "s");
    else
        fprintf(out, "%d file%s checked: %d error%s, %d warning%s, %d info", files,
                files == 1 ? "" : "s", counts[SEV_ERROR], counts[SEV_ERROR] == 1 ? "" : "s",
                counts[SEV_WARNING], counts[SEV_WARNING] == 1 ? "" : "s", counts[SEV_INFO]);
    if (color)
        fputs(RESET, out);
    fputc('\n', out);
}

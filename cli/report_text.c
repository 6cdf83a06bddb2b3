/* report_text.c — the human format, one finding per line. */
#include "report_text.h"

#include "report.h"
#include "rule_registry.h"
#include "safe_text.h"

#define BOLD "\033[1m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

/* Messages may carry newlines (PostgreSQL joins include-dir errors); keep one
 * finding per output line so that tools reading the output stay line-based.
 * They also quote bytes of the checked files: never let those reach the
 * terminal as control sequences (safe_text.h). */
static void put_oneline(FILE *out, const char *s)
{
    safe_text_put(out, s);
}

/* ":N" for a positive int. Every finding writes two of them, and
 * fprintf's format parsing cost more than the rest of the line. */
static void put_colon_int(FILE *out, int v)
{
    char buf[16];
    char *p = buf + sizeof buf;
    *--p = '\0';
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    *--p = ':';
    fputs(p, out);
}

void report_text_diag(FILE *out, const diag *d, const char *severity, int color)
{
    const char *sev_color = severity[0] == 'e' ? RED : severity[0] == 'w' ? YELLOW : CYAN;
    if (color)
        fputs(BOLD, out);
    put_oneline(out, d->path ? d->path : "-");
    if (d->line > 0) {
        put_colon_int(out, d->line);
        put_colon_int(out, d->col > 0 ? d->col : 1);
    }
    fputc(':', out);
    if (color) {
        fputs(RESET " " BOLD, out);
        fputs(sev_color, out);
    } else {
        fputc(' ', out);
    }
    fputs(severity, out);
    fputs(color ? RESET ": " : ": ", out);
    put_oneline(out, d->message);
    if (d->detail) {
        fputs(" (", out);
        put_oneline(out, d->detail);
        fputc(')', out);
    }
    if (d->code) {
        fputs(color ? " " CYAN "[" : " [", out);
        fputs(d->code, out);
        fputs(color ? "]" RESET : "]", out);
    }
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

/* --statistics: one line per rule, most frequent first. */
static void write_statistics(FILE *out, const report_summary *s, int color)
{
    int max = 0, width = 1;
    for (int i = 0; i < s->nrules; i++)
        if (s->by_rule[i].count > max)
            max = s->by_rule[i].count;
    for (; max >= 10; max /= 10)
        width++;
    for (int i = 0; i < s->nrules; i++) {
        const rule_count *rc = &s->by_rule[i];
        const rule_info *ri = rule_find(rc->rule);
        fprintf(out, "%*d  ", width, rc->count);
        fprintf(out, color ? BOLD "%-32s" RESET : "%-32s", rc->rule);
        fprintf(out, " %-8s %s\n", severity_name(rc->sev), ri ? ri->summary : "");
    }
}

static void text_begin(reporter *r)
{
    (void)r;
}

static void text_finding(reporter *r, const report_finding *rf)
{
    if (!r->statistics)
        report_text_finding(r->out, rf->f, r->color);
}

static void text_error(reporter *r, const diag *d)
{
    report_text_diag(r->out, d, "error", r->color);
}

static void text_end(reporter *r, const report_summary *s)
{
    FILE *out = r->out;
    if (r->statistics)
        write_statistics(out, s, r->color);
    int total = s->counts[0] + s->counts[1] + s->counts[2];
    if (r->color)
        fputs(BOLD, out);
    if (s->baseline_written)
        fprintf(out, "%d file%s checked: %d finding%s recorded in %s", s->files,
                s->files == 1 ? "" : "s", s->baseline_entries, s->baseline_entries == 1 ? "" : "s",
                s->baseline_written);
    else if (total == 0)
        fprintf(out, "%d file%s checked, no problems found", s->files, s->files == 1 ? "" : "s");
    else
        fprintf(out, "%d file%s checked: %d error%s, %d warning%s, %d info", s->files,
                s->files == 1 ? "" : "s", s->counts[SEV_ERROR], s->counts[SEV_ERROR] == 1 ? "" : "s",
                s->counts[SEV_WARNING], s->counts[SEV_WARNING] == 1 ? "" : "s", s->counts[SEV_INFO]);
    /* What the user can do next, on the same line so the summary stays one line. */
    const char *sep = " (";
    if (s->unreadable) {
        fprintf(out, "%s%d file%s could not be checked", sep, s->unreadable,
                s->unreadable == 1 ? "" : "s");
        sep = "; ";
    }
    if (s->fixable) {
        fprintf(out, "%s%d fixable with `pgconflint fix`", sep, s->fixable);
        sep = "; ";
    }
    if (s->fixable_unsafe) {
        fprintf(out, "%s%d more with unsafe fixes", sep, s->fixable_unsafe);
        sep = "; ";
    }
    if (s->baselined) {
        fprintf(out, "%s%d in the baseline not shown", sep, s->baselined);
        sep = "; ";
    }
    if (s->stale) {
        fprintf(out, "%s%d baseline entr%s no longer found", sep, s->stale,
                s->stale == 1 ? "y" : "ies");
        sep = "; ";
    }
    if (sep[0] == ';')
        fputc(')', out);
    if (r->color)
        fputs(RESET, out);
    fputc('\n', out);
}

void report_text_init(reporter *r)
{
    r->begin = text_begin;
    r->finding = text_finding;
    r->error = text_error;
    r->end = text_end;
}

/* report_text.c — the human format, one finding per line. */
#include "report_text.h"

#include <string.h>

#include "report.h"
#include "rule_registry.h"
#include "safe_text.h"

#define BOLD "\033[1m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

/* A finding's line is assembled here and written with one fwrite: a
 * dozen stdio calls per line cost more than everything else in it. A line
 * longer than the buffer goes out in pieces, in order. */
typedef struct line_buf {
    FILE *out;
    size_t n;
    char buf[1024];
} line_buf;

static void lb_flush(line_buf *b)
{
    if (b->n)
        fwrite(b->buf, 1, b->n, b->out);
    b->n = 0;
}

static void lb_put_long(line_buf *b, const char *s, size_t n)
{
    lb_flush(b);
    if (n > sizeof b->buf) {
        fwrite(s, 1, n, b->out);
        return;
    }
    memcpy(b->buf, s, n);
    b->n = n;
}

/* Inline, so that the literal pieces of a line are copied without a call. */
static inline void lb_put(line_buf *b, const char *s, size_t n)
{
    if (n > sizeof b->buf - b->n) {
        lb_put_long(b, s, n);
        return;
    }
    memcpy(b->buf + b->n, s, n);
    b->n += n;
}

static inline void lb_puts(line_buf *b, const char *s)
{
    lb_put(b, s, strlen(s));
}

static void lb_putc(line_buf *b, char c)
{
    if (b->n == sizeof b->buf)
        lb_flush(b);
    b->buf[b->n++] = c;
}

/* Messages may carry newlines (PostgreSQL joins include-dir errors); keep one
 * finding per output line so that tools reading the output stay line-based.
 * They also quote bytes of the checked files: never let those reach the
 * terminal as control sequences (safe_text.h). */
static void put_to_line(void *b, const char *bytes, size_t n)
{
    lb_put(b, bytes, n);
}

static void put_oneline(line_buf *b, const char *s)
{
    safe_text_each(s, put_to_line, b);
}

/* ":N" for a positive int, straight into the line. */
static void put_colon_int(line_buf *b, int n)
{
    char digits[12];
    size_t k = 0;
    unsigned v = (unsigned)n;   /* unsigned division is the cheaper */
    do {
        digits[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (sizeof b->buf - b->n < k + 1)
        lb_flush(b);
    b->buf[b->n++] = ':';
    while (k)
        b->buf[b->n++] = digits[--k];
}

void report_text_diag(FILE *out, const diag *d, const char *severity, int color)
{
    const char *sev_color = severity[0] == 'e' ? RED : severity[0] == 'w' ? YELLOW : CYAN;
    line_buf lb;
    line_buf *b = &lb;
    b->out = out;
    b->n = 0;
    if (color)
        lb_puts(b, BOLD);
    put_oneline(b, d->path ? d->path : "-");
    if (d->line > 0) {
        put_colon_int(b, d->line);
        put_colon_int(b, d->col > 0 ? d->col : 1);
    }
    lb_putc(b, ':');
    if (color) {
        lb_puts(b, RESET " " BOLD);
        lb_puts(b, sev_color);
    } else {
        lb_putc(b, ' ');
    }
    lb_puts(b, severity);
    lb_puts(b, color ? RESET ": " : ": ");
    put_oneline(b, d->message);
    if (d->detail) {
        lb_puts(b, " (");
        put_oneline(b, d->detail);
        lb_putc(b, ')');
    }
    if (d->code) {
        lb_puts(b, color ? " " CYAN "[" : " [");
        lb_puts(b, d->code);
        lb_puts(b, color ? "]" RESET : "]");
    }
    lb_putc(b, '\n');
    lb_flush(b);
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
    r->no_span = 1;
}

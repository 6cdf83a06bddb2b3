/* report_github.c — `--format github`: GitHub Actions workflow commands
 * (`::error file=…,line=…::message`), which the runner turns into
 * annotations on the changed lines. Related places go into the message, as
 * an annotation has one location. GitHub shows at most 10 annotations of each
 * level per step; the summary line says how many there were. */
#include <string.h>

#include "report.h"

/* Workflow-command escaping: message data escapes %, CR, LF; property values
 * also escape ':' and ',' (the separators of the command). */
static void put_escaped(FILE *out, const char *s, int property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':':
            if (property) {
                fputs("%3A", out);
                break;
            }
            fputc(*s, out);
            break;
        case ',':
            if (property) {
                fputs("%2C", out);
                break;
            }
            fputc(*s, out);
            break;
        default: fputc(*s, out);
        }
    }
}

static const char *clean_path(const char *p)
{
    while (p[0] == '.' && p[1] == '/')
        p += 2;
    return p;
}

static void gh_begin(reporter *r)
{
    (void)r;
}

static void gh_finding(reporter *r, const report_finding *rf)
{
    FILE *out = r->out;
    const finding *f = rf->f;
    const char *level = f->sev == SEV_ERROR ? "error" : f->sev == SEV_WARNING ? "warning" : "notice";
    fprintf(out, "::%s file=", level);
    put_escaped(out, clean_path(rf->path), 1);
    if (rf->span.line > 0) {
        fprintf(out, ",line=%d,col=%d,endLine=%d", rf->span.line, rf->span.col, rf->span.end_line);
        /* endColumn is only meaningful on a one-line span */
        if (rf->span.end_line == rf->span.line)
            fprintf(out, ",endColumn=%d", rf->span.end_col);
    }
    fputs(",title=", out);
    put_escaped(out, "pgconflint (", 1);
    put_escaped(out, f->rule, 1);
    put_escaped(out, ")", 1);
    fputs("::", out);
    put_escaped(out, f->where.message, 0);
    if (f->where.detail) {
        put_escaped(out, " (", 0);
        put_escaped(out, f->where.detail, 0);
        put_escaped(out, ")", 0);
    }
    for (size_t i = 0; i < f->related.n; i++) {
        const diag *d = f->related.items[i];
        fputs("%0A", out);
        if (d->line > 0)
            fprintf(out, "%s:%d: ", clean_path(d->path ? d->path : rf->path), d->line);
        put_escaped(out, d->message, 0);
    }
    if (rf->fix != FIX_NONE) {
        put_escaped(out, "\nfix", 0);
        put_escaped(out, rf->fix == FIX_UNSAFE ? " (unsafe): " : ": ", 0);
        put_escaped(out, rf->fix_description ? rf->fix_description : "available", 0);
    }
    fputc('\n', out);
}

static void gh_error(reporter *r, const diag *d)
{
    fputs("::error ", r->out);
    if (d->path) {
        fputs("file=", r->out);
        put_escaped(r->out, clean_path(d->path), 1);
        fputc(',', r->out);
    }
    fputs("title=pgconflint::", r->out);
    put_escaped(r->out, d->message, 0);
    fputc('\n', r->out);
}

static void gh_end(reporter *r, const report_summary *s)
{
    /* a plain line: shown in the log, ignored by the annotation parser */
    fprintf(r->out, "pgconflint: %d file%s checked: %d error%s, %d warning%s, %d info\n", s->files,
            s->files == 1 ? "" : "s", s->counts[SEV_ERROR], s->counts[SEV_ERROR] == 1 ? "" : "s",
            s->counts[SEV_WARNING], s->counts[SEV_WARNING] == 1 ? "" : "s", s->counts[SEV_INFO]);
}

void report_github_init(reporter *r)
{
    r->begin = gh_begin;
    r->finding = gh_finding;
    r->error = gh_error;
    r->end = gh_end;
}

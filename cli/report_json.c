/* report_json.c — `--format json`: the versioned schema of
 * docs/json-schema/check-v1.json, streamed one finding at a time. Files that
 * could not be checked are kept until the end and listed under "errors". */
#include <string.h>

#include "config.h"
#include "json_writer.h"
#include "report.h"

typedef struct json_state {
    json_writer w;
    ptrvec errors;           /* diag*, copied */
} json_state;

/* "span": an object, or null when there is no line (a whole file). */
static void write_span(json_writer *w, const report_span *s)
{
    jw_key(w, "span");
    if (s->line <= 0) {
        jw_null(w);
        return;
    }
    jw_begin_object(w);
    jw_key_int(w, "line", s->line);
    jw_key_int(w, "column", s->col);
    jw_key_int(w, "end_line", s->end_line);
    jw_key_int(w, "end_column", s->end_col);
    if (s->has_bytes) {
        jw_key_int(w, "offset", (long long)s->off);
        jw_key_int(w, "length", (long long)s->len);
    }
    jw_end_object(w);
}

static void json_begin(reporter *r)
{
    json_state *st = arena_alloc(r->a, sizeof *st);
    r->state = st;
    jw_init(&st->w, r->out, 1);
    jw_begin_object(&st->w);
    jw_key_int(&st->w, "schema_version", JSON_SCHEMA_VERSION);
    jw_key(&st->w, "tool");
    jw_begin_object(&st->w);
    jw_key_string(&st->w, "name", PACKAGE_NAME);
    jw_key_string(&st->w, "version", PACKAGE_VERSION);
    jw_end_object(&st->w);
    jw_key(&st->w, "findings");
    jw_begin_array(&st->w);
}

static void write_fix(json_writer *w, const report_finding *rf)
{
    if (rf->fix == FIX_NONE) {
        jw_null(w);
        return;
    }
    jw_begin_object(w);
    jw_key_string(w, "applicability", rf->fix == FIX_SAFE ? "safe" : "unsafe");
    jw_key_string(w, "description", rf->fix_description);
    if (rf->fix_refused)
        jw_key_string(w, "refused", rf->fix_refused);
    if (rf->nedits >= 0) {
        jw_key(w, "edits");
        jw_begin_array(w);
        for (int i = 0; i < rf->nedits; i++) {
            const report_edit *e = &rf->edits[i];
            jw_begin_object(w);
            jw_key_string(w, "path", e->path);
            write_span(w, &e->span);
            jw_key_string(w, "replacement", e->text);
            jw_end_object(w);
        }
        jw_end_array(w);
    }
    jw_end_object(w);
}

static void json_finding(reporter *r, const report_finding *rf)
{
    json_state *st = r->state;
    json_writer *w = &st->w;
    const finding *f = rf->f;
    jw_begin_object(w);
    jw_key_string(w, "rule", f->rule);
    jw_key_string(w, "severity", severity_name(f->sev));
    jw_key_string(w, "message", f->where.message ? f->where.message : "");
    jw_key_string(w, "detail", f->where.detail);
    jw_key_string(w, "path", rf->path);
    write_span(w, &rf->span);
    jw_key(w, "related");
    jw_begin_array(w);
    for (size_t i = 0; i < f->related.n; i++) {
        const diag *d = f->related.items[i];
        report_span s = report_span_of(d);
        jw_begin_object(w);
        jw_key_string(w, "path", d->path ? d->path : rf->path);
        write_span(w, &s);
        jw_key_string(w, "message", d->message ? d->message : "");
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key_string(w, "fingerprint", rf->fingerprint);
    jw_key(w, "fix");
    write_fix(w, rf);
    jw_end_object(w);
}

static void json_error(reporter *r, const diag *d)
{
    json_state *st = r->state;
    diag *copy = arena_alloc(r->a, sizeof *copy);
    copy->path = arena_strdup(r->a, d->path ? d->path : "-");
    copy->message = arena_strdup(r->a, d->message ? d->message : "");
    copy->code = d->code ? arena_strdup(r->a, d->code) : NULL;
    copy->line = d->line;
    copy->col = d->col;
    ptrvec_push(r->a, &st->errors, copy);
}

static void json_end(reporter *r, const report_summary *s)
{
    json_state *st = r->state;
    json_writer *w = &st->w;
    jw_end_array(w);
    jw_key(w, "errors");
    jw_begin_array(w);
    for (size_t i = 0; i < st->errors.n; i++) {
        const diag *d = st->errors.items[i];
        jw_begin_object(w);
        jw_key_string(w, "path", d->path);
        jw_key_string(w, "message", d->message);
        jw_key_string(w, "code", d->code ? d->code : "io-error");
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key(w, "summary");
    jw_begin_object(w);
    jw_key_int(w, "files", s->files);
    jw_key_int(w, "errors", s->counts[SEV_ERROR]);
    jw_key_int(w, "warnings", s->counts[SEV_WARNING]);
    jw_key_int(w, "info", s->counts[SEV_INFO]);
    jw_key_int(w, "unreadable", s->unreadable);
    jw_key_int(w, "fixable", s->fixable);
    jw_key_int(w, "fixable_unsafe", s->fixable_unsafe);
    jw_key_int(w, "baselined", s->baselined);
    jw_key_int(w, "stale_baseline_entries", s->stale);
    jw_key(w, "by_rule");
    jw_begin_object(w);
    for (int i = 0; i < s->nrules; i++)
        jw_key_int(w, s->by_rule[i].rule, s->by_rule[i].count);
    jw_end_object(w);
    jw_key_int(w, "exit_code", s->exit_code);
    jw_end_object(w);
    jw_end_object(w);
    jw_finish(w);
}

void report_json_init(reporter *r)
{
    r->begin = json_begin;
    r->finding = json_finding;
    r->error = json_error;
    r->end = json_end;
}

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

static void write_span(json_writer *w, const report_span *s)
{
    if (s->line <= 0) {
        jw_null(w);
        return;
    }
    jw_begin_object(w);
    jw_key(w, "line");
    jw_int(w, s->line);
    jw_key(w, "column");
    jw_int(w, s->col);
    jw_key(w, "end_line");
    jw_int(w, s->end_line);
    jw_key(w, "end_column");
    jw_int(w, s->end_col);
    if (s->has_bytes) {
        jw_key(w, "offset");
        jw_int(w, (long long)s->off);
        jw_key(w, "length");
        jw_int(w, (long long)s->len);
    }
    jw_end_object(w);
}

static void json_begin(reporter *r)
{
    json_state *st = arena_alloc(r->a, sizeof *st);
    r->state = st;
    jw_init(&st->w, r->out, 1);
    jw_begin_object(&st->w);
    jw_key(&st->w, "schema_version");
    jw_int(&st->w, JSON_SCHEMA_VERSION);
    jw_key(&st->w, "tool");
    jw_begin_object(&st->w);
    jw_key(&st->w, "name");
    jw_string(&st->w, PACKAGE_NAME);
    jw_key(&st->w, "version");
    jw_string(&st->w, PACKAGE_VERSION);
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
    jw_key(w, "applicability");
    jw_string(w, rf->fix == FIX_SAFE ? "safe" : "unsafe");
    jw_key(w, "description");
    jw_string(w, rf->fix_description);
    if (rf->fix_refused) {
        jw_key(w, "refused");
        jw_string(w, rf->fix_refused);
    }
    if (rf->nedits >= 0) {
        jw_key(w, "edits");
        jw_begin_array(w);
        for (int i = 0; i < rf->nedits; i++) {
            const report_edit *e = &rf->edits[i];
            jw_begin_object(w);
            jw_key(w, "path");
            jw_string(w, e->path);
            jw_key(w, "span");
            write_span(w, &e->span);
            jw_key(w, "replacement");
            jw_string(w, e->text);
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
    jw_key(w, "rule");
    jw_string(w, f->rule);
    jw_key(w, "severity");
    jw_string(w, severity_name(f->sev));
    jw_key(w, "message");
    jw_string(w, f->where.message ? f->where.message : "");
    jw_key(w, "detail");
    jw_string(w, f->where.detail);
    jw_key(w, "path");
    jw_string(w, rf->path);
    jw_key(w, "span");
    write_span(w, &rf->span);
    jw_key(w, "related");
    jw_begin_array(w);
    for (size_t i = 0; i < f->related.n; i++) {
        const diag *d = f->related.items[i];
        report_span s = report_span_of(d);
        jw_begin_object(w);
        jw_key(w, "path");
        jw_string(w, d->path ? d->path : rf->path);
        jw_key(w, "span");
        write_span(w, &s);
        jw_key(w, "message");
        jw_string(w, d->message ? d->message : "");
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key(w, "fingerprint");
    jw_string(w, rf->fingerprint);
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
        jw_key(w, "path");
        jw_string(w, d->path);
        jw_key(w, "message");
        jw_string(w, d->message);
        jw_key(w, "code");
        jw_string(w, d->code ? d->code : "io-error");
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key(w, "summary");
    jw_begin_object(w);
    jw_key(w, "files");
    jw_int(w, s->files);
    jw_key(w, "errors");
    jw_int(w, s->counts[SEV_ERROR]);
    jw_key(w, "warnings");
    jw_int(w, s->counts[SEV_WARNING]);
    jw_key(w, "info");
    jw_int(w, s->counts[SEV_INFO]);
    jw_key(w, "unreadable");
    jw_int(w, s->unreadable);
    jw_key(w, "fixable");
    jw_int(w, s->fixable);
    jw_key(w, "fixable_unsafe");
    jw_int(w, s->fixable_unsafe);
    jw_key(w, "baselined");
    jw_int(w, s->baselined);
    jw_key(w, "stale_baseline_entries");
    jw_int(w, s->stale);
    jw_key(w, "by_rule");
    jw_begin_object(w);
    for (int i = 0; i < s->nrules; i++) {
        jw_key(w, s->by_rule[i].rule);
        jw_int(w, s->by_rule[i].count);
    }
    jw_end_object(w);
    jw_key(w, "exit_code");
    jw_int(w, s->exit_code);
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

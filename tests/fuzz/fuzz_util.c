/* fuzz_util.c — capture, sink and the shared checks of the fuzz targets,
 * and the check of both auth files (fuzz_hba, fuzz_ident). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie, open_memstream */
#endif
#include "fuzz_util.h"

#include <stdlib.h>
#include <string.h>

#include "hba_doc.h"
#include "lint.h"

void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz property violated: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    (void)buf;
    return (ssize_t)n;
}

FILE *fuzz_sink(void)
{
    cookie_io_functions_t io = {.write = sink_write};
    FILE *f = fopencookie(NULL, "w", io);
    if (!f)
        fuzz_fail("fopencookie", NULL);
    return f;
}

char *fuzz_capture(void (*print)(const void *obj, FILE *out), const void *obj, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        fuzz_fail("open_memstream", NULL);
    print(obj, f);
    if (fclose(f) != 0)
        fuzz_fail("fclose of the capture stream", NULL);
    *len = n;
    return buf;
}

void fuzz_expect_same(const char *what, const uint8_t *want, size_t want_len, const char *got,
                      size_t got_len)
{
    if (got_len == want_len && (want_len == 0 || memcmp(want, got, want_len) == 0))
        return;
    size_t i = 0;
    while (i < want_len && i < got_len && want[i] == (uint8_t)got[i])
        i++;
    char detail[160];
    snprintf(detail, sizeof detail, "printed %zu bytes for %zu input bytes, first difference at %zu",
             got_len, want_len, i);
    fuzz_fail(what, detail);
}

void fuzz_check_diag(const diag *d)
{
    if (!d->message)
        fuzz_fail("diag without a message", d->code);
    if (!d->src)
        return;
    if (d->off > d->src->len || d->len > d->src->len - d->off)
        fuzz_fail("diag span outside its file", d->message);
    /* line 0 names the whole file ("contains no entries") */
    if (d->line < 0 || d->col < 0 || (d->line > 0 && d->col < 1))
        fuzz_fail("diag line/column not 1-based", d->message);
    if ((size_t)d->line > d->src->nlines + 1)
        fuzz_fail("diag line past the end of its file", d->message);
}

void fuzz_check_findings(const ptrvec *findings)
{
    for (size_t i = 0; i < findings->n; i++) {
        const finding *f = findings->items[i];
        if (!f->rule)
            fuzz_fail("finding without a rule id", NULL);
        fuzz_check_diag(&f->where);
        for (size_t k = 0; k < f->related.n; k++)
            fuzz_check_diag(f->related.items[k]);
    }
}

/* A loaded pg_hba.conf or pg_ident.conf (the other pointer NULL). */
typedef struct auth_doc {
    const hba_doc *hba;
    const ident_doc *ident;
} auth_doc;

static void auth_write_source(const void *obj, FILE *out)
{
    const auth_doc *d = obj;
    if (d->hba)
        hba_doc_write_source(d->hba, out);
    else
        ident_doc_write_source(d->ident, out);
}

void fuzz_auth_document(file_kind kind, const uint8_t *data, size_t size)
{
    static const int versions[] = {13, 15, 16, PG_VERSION_MAX};
    int is_hba = kind == KIND_HBA;
    for (size_t v = 0; v < sizeof versions / sizeof versions[0]; v++) {
        arena *a = arena_new();
        source *s = source_from_buffer(a, is_hba ? "fuzz/pg_hba.conf" : "fuzz/pg_ident.conf",
                                       data, size);
        s->kind = kind;
        load_opts o = {.pg_version = versions[v], .follow_includes = 0};
        auth_doc d = {0};
        const ptrvec *errors, *warnings;
        if (is_hba) {
            d.hba = hba_doc_load(a, s, &o);
            errors = &d.hba->errors;
            warnings = &d.hba->warnings;
        } else {
            d.ident = ident_doc_load(a, s, &o);
            errors = &d.ident->errors;
            warnings = &d.ident->warnings;
        }

        size_t n;
        char *back = fuzz_capture(auth_write_source, &d, &n);
        fuzz_expect_same(is_hba ? "hba tree prints back the input"
                                : "ident tree prints back the input",
                         data, size, back, n);
        free(back);

        for (size_t i = 0; i < errors->n; i++)
            fuzz_check_diag(errors->items[i]);
        for (size_t i = 0; i < warnings->n; i++)
            fuzz_check_diag(warnings->items[i]);
        FILE *sink = fuzz_sink();
        if (is_hba) {
            hba_doc_write_json(d.hba, sink);
            hba_doc_write_tree(d.hba, sink);
        } else {
            ident_doc_write_json(d.ident, sink);
            ident_doc_write_tree(d.ident, sink);
        }
        fclose(sink);

        lint_opts lo = {.pg_version = versions[v]};
        ptrvec findings = {0};
        if (is_hba) {
            lo.extend_select = "hba-no-final-reject";
            lint_hba(a, d.hba, &lo, &findings);
        } else {
            lint_ident(a, d.ident, &lo, &findings);
        }
        fuzz_check_findings(&findings);
        arena_free(a);
    }
}

/*
 * fuzz_ident — pg_ident.conf: the same line reader and tokenizer as
 * pg_hba.conf, the three columns and the regular expressions of the system
 * user (and, from 16, of the database user). Checked: no crash or sanitizer
 * report, the tree prints back to the input, locations inside the file.
 */
#include <stdlib.h>

#include "fuzz_util.h"
#include "hba_doc.h"
#include "lint.h"

static void print_source(const void *d, FILE *out) { ident_doc_write_source(d, out); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int versions[] = {13, 15, 16, PG_VERSION_MAX};
    for (size_t v = 0; v < sizeof versions / sizeof versions[0]; v++) {
        arena *a = arena_new();
        source *s = source_from_buffer(a, "fuzz/pg_ident.conf", data, size);
        s->kind = KIND_IDENT;
        load_opts o = {.pg_version = versions[v], .follow_includes = 0};
        ident_doc *d = ident_doc_load(a, s, &o);

        size_t n;
        char *back = fuzz_capture(print_source, d, &n);
        fuzz_expect_same("ident tree prints back the input", data, size, back, n);
        free(back);

        for (size_t i = 0; i < d->errors.n; i++)
            fuzz_check_diag(d->errors.items[i]);
        for (size_t i = 0; i < d->warnings.n; i++)
            fuzz_check_diag(d->warnings.items[i]);
        FILE *sink = fuzz_sink();
        ident_doc_write_json(d, sink);
        ident_doc_write_tree(d, sink);
        fclose(sink);

        lint_opts lo = {.pg_version = versions[v]};
        ptrvec findings = {0};
        lint_ident(a, d, &lo, &findings);
        fuzz_check_findings(&findings);
        arena_free(a);
    }
    return 0;
}

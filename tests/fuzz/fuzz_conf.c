/*
 * fuzz_conf — postgresql.conf: lex, parse, model and lint any bytes, under
 * the versions whose readers differ. Checked: no crash or sanitizer report,
 * the syntax tree prints back to the input bytes, every location lies
 * inside the file. Includes are not followed (a fuzzer must not read the
 * disk), so directives only exercise the parser's side.
 */
#include <stdlib.h>

#include "conf_doc.h"
#include "fuzz_util.h"
#include "lint.h"

static void print_source(const void *d, FILE *out) { conf_doc_write_source(d, out); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int versions[] = {14, 15, PG_VERSION_MAX};
    for (size_t v = 0; v < sizeof versions / sizeof versions[0]; v++) {
        arena *a = arena_new();
        source *s = source_from_buffer(a, "fuzz/postgresql.conf", data, size);
        s->kind = KIND_CONF;
        load_opts o = {.pg_version = versions[v], .follow_includes = 0};
        conf_doc *d = conf_doc_load(a, s, NULL, &o);

        size_t n;
        char *back = fuzz_capture(print_source, d, &n);
        fuzz_expect_same("conf tree prints back the input", data, size, back, n);
        free(back);

        for (size_t i = 0; i < d->errors.n; i++)
            fuzz_check_diag(d->errors.items[i]);
        FILE *sink = fuzz_sink();
        conf_doc_write_json(d, sink);
        conf_doc_write_tree(d, sink);
        fclose(sink);

        lint_opts lo = {.pg_version = versions[v]};
        ptrvec findings = {0};
        lint_conf(a, d, &lo, &findings);
        fuzz_check_findings(&findings);
        arena_free(a);
    }
    return 0;
}

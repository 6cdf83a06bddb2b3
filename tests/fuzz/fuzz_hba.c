/*
 * fuzz_hba — pg_hba.conf: line splitting, tokens, @file and include lines
 * (not followed: a fuzzer must not read the disk), every field and option,
 * and the rules that analyse the result (shadowing, final reject). Run under
 * the versions whose readers differ: 13 (fgets chunks), 15 (token limit),
 * 16 (include lines, regexes), the newest (CR no longer blank).
 * Checked: no crash or sanitizer report, the tree prints back to the input,
 * every location lies inside the file.
 */
#include <stdlib.h>

#include "fuzz_util.h"
#include "hba_doc.h"
#include "lint.h"

static void print_source(const void *d, FILE *out) { hba_doc_write_source(d, out); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int versions[] = {13, 15, 16, PG_VERSION_MAX};
    for (size_t v = 0; v < sizeof versions / sizeof versions[0]; v++) {
        arena *a = arena_new();
        source *s = source_from_buffer(a, "fuzz/pg_hba.conf", data, size);
        s->kind = KIND_HBA;
        load_opts o = {.pg_version = versions[v], .follow_includes = 0};
        hba_doc *d = hba_doc_load(a, s, &o);

        size_t n;
        char *back = fuzz_capture(print_source, d, &n);
        fuzz_expect_same("hba tree prints back the input", data, size, back, n);
        free(back);

        for (size_t i = 0; i < d->errors.n; i++)
            fuzz_check_diag(d->errors.items[i]);
        for (size_t i = 0; i < d->warnings.n; i++)
            fuzz_check_diag(d->warnings.items[i]);
        FILE *sink = fuzz_sink();
        hba_doc_write_json(d, sink);
        hba_doc_write_tree(d, sink);
        fclose(sink);

        lint_opts lo = {.pg_version = versions[v], .extend_select = "hba-no-final-reject"};
        ptrvec findings = {0};
        lint_hba(a, d, &lo, &findings);
        fuzz_check_findings(&findings);
        arena_free(a);
    }
    return 0;
}

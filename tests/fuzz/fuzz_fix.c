/*
 * fuzz_fix — parse, fix, re-parse: any bytes read as postgresql.conf and as
 * pg_hba.conf, linted with the default policy, fixed to a fixed point with
 * unsafe fixes allowed. Checked: no crash or sanitizer report; the fixed
 * bytes parse, their tree prints back to them, and PostgreSQL reports no
 * more errors than before; fixing the fixed bytes again changes nothing;
 * every round's findings lie inside the bytes that round read.
 */
#include <stdlib.h>
#include <string.h>

#include "conf_doc.h"
#include "fix_loop.h"
#include "fuzz_util.h"
#include "hba_doc.h"
#include "lint.h"
#include "policy.h"

typedef struct target {
    const unsigned char *data;
    size_t len;
    int hba;
    const policy *pol;
} target;

static const load_opts OPTS = {.pg_version = 16, .follow_includes = 0};

static source *as_source(arena *a, const target *t, const unsigned char *data, size_t len)
{
    source *s = source_from_buffer(a, t->hba ? "fuzz/pg_hba.conf" : "fuzz/postgresql.conf",
                                   data, len);
    s->kind = t->hba ? KIND_HBA : KIND_CONF;
    s->dir = "/nonexistent-pgconflint-fuzz";
    return s;
}

static void drv_lint(void *ctx, const source_overlay *ov, fix_pass *out)
{
    const target *t = ctx;
    arena *a = arena_new();
    const source_overlay_file *held = source_overlay_find(ov, "-");
    source *s = held ? as_source(a, t, held->data, held->len) : as_source(a, t, t->data, t->len);
    ptrvec *findings = arena_alloc(a, sizeof *findings);
    lint_opts lo = {.pg_version = 16, .policy = t->pol};
    if (t->hba) {
        out->hba = hba_doc_load(a, s, &OPTS);
        lint_hba(a, out->hba, &lo, findings);
    } else {
        out->conf = conf_doc_load(a, s, NULL, &OPTS);
        lint_conf(a, out->conf, &lo, findings);
    }
    /* every round's findings, on the original and on patched bytes alike,
     * must point inside the file the round read */
    fuzz_check_findings(findings);
    out->findings = findings;
    out->targets = FIX_TARGET_CONF | FIX_TARGET_HBA;
    out->handle = a;
}

static void drv_release(void *ctx, fix_pass *p)
{
    (void)ctx;
    arena_free(p->handle);
}

/* Fix `t`; returns the new bytes (malloc'd) or NULL when nothing changed. */
static unsigned char *fix_once(target *t, size_t *len)
{
    fix_run run;
    fix_run_init(&run);
    fix_driver drv = {drv_lint, drv_release, t};
    fix_options o = {.unsafe_fixes = 1, .pg_version = 16};
    fix_result res;
    fix_root(&run, &drv, &o, &res);
    unsigned char *out = NULL;
    for (size_t i = 0; i < run.files.n; i++) {
        const fix_file *f = run.files.items[i];
        if (!fix_file_changed(f))
            continue;
        out = malloc(f->len + 1);   /* one file: standard input */
        if (!out)
            abort();
        memcpy(out, f->data, f->len);
        *len = f->len;
        break;
    }
    fix_run_free(&run);
    return out;
}

static void print_hba(const void *d, FILE *out) { hba_doc_write_source(d, out); }
static void print_conf(const void *d, FILE *out) { conf_doc_write_source(d, out); }

static size_t parse_errors(const target *t, const unsigned char *data, size_t len)
{
    arena *a = arena_new();
    source *s = as_source(a, t, data, len);
    size_t n;
    char *back;
    size_t back_len;
    if (t->hba) {
        hba_doc *d = hba_doc_load(a, s, &OPTS);
        n = d->errors.n;
        back = fuzz_capture(print_hba, d, &back_len);
    } else {
        conf_doc *d = conf_doc_load(a, s, NULL, &OPTS);
        n = d->errors.n;
        back = fuzz_capture(print_conf, d, &back_len);
    }
    fuzz_expect_same("the fixed file's tree prints back to it", data, len, back, back_len);
    free(back);
    arena_free(a);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static policy *pol;
    if (!pol)
        pol = policy_load_profile("default");
    for (int hba = 0; hba <= 1; hba++) {
        target t = {data, size, hba, pol};
        size_t before = parse_errors(&t, data, size);
        size_t len = 0;
        unsigned char *fixed = fix_once(&t, &len);
        if (!fixed)
            continue;
        if (parse_errors(&t, fixed, len) > before)
            fuzz_fail(hba ? "a fix made pg_hba.conf worse" : "a fix made postgresql.conf worse",
                      NULL);
        target again = {fixed, len, hba, pol};
        size_t len2 = 0;
        unsigned char *twice = fix_once(&again, &len2);
        if (twice)
            fuzz_fail(hba ? "a second fix of pg_hba.conf changed it" :
                            "a second fix of postgresql.conf changed it",
                      NULL);
        free(fixed);
    }
    return 0;
}

/*
 * fuzz_policy — the YAML policy loader on any bytes: keys, types, patterns
 * (PCRE2, compiled with limits), rule ids, parameter names and values,
 * globs. Checked: no crash or sanitizer report; every error is located
 * inside the text; a policy that loads without error prints (resolved) as a
 * policy that loads without error and prints the same again; and it can
 * lint a sample configuration (its patterns run) without trouble.
 * `extends:` names resolve against a directory that does not exist.
 */
#include <stdlib.h>
#include <string.h>

#include "conf_doc.h"
#include "fuzz_util.h"
#include "hba_doc.h"
#include "lint.h"
#include "policy.h"

static const char sample_conf[] =
    "ssl = off\npassword_encryption = md5\nlog_line_prefix = '%m [%p] '\n"
    "listen_addresses = '*'\nwork_mem = 4MB\nmy.custom = 'x'\n";
static const char sample_hba[] =
    "local all postgres peer\nhost all all 0.0.0.0/0 md5\n"
    "hostssl db1,db2 +admins 10.0.0.0/8 scram-sha-256 clientcert=verify-full\n"
    "host all all ::/0 trust\n";

static void print_resolved(const void *p, FILE *out) { policy_write_resolved(p, out); }

static void check_errors(const policy *p, const uint8_t *data, size_t size)
{
    /* lines as YAML counts them: LF, CR, CRLF, NEL, LS and PS all break */
    size_t lines = 1;
    for (size_t i = 0; i < size; i++) {
        int lf = data[i] == '\n', cr = data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n');
        int nel = i + 1 < size && data[i] == 0xc2 && data[i + 1] == 0x85;
        int ls_ps = i + 2 < size && data[i] == 0xe2 && data[i + 1] == 0x80 &&
                    (data[i + 2] == 0xa8 || data[i + 2] == 0xa9);
        if (lf || cr || nel || ls_ps)
            lines++;
    }
    const ptrvec *errs = policy_errors(p);
    for (size_t i = 0; i < errs->n; i++) {
        const policy_error *e = errs->items[i];
        if (!e->message || !e->path)
            fuzz_fail("policy error without message or path", NULL);
        if (e->line < 0 || e->col < 0)
            fuzz_fail("policy error at a negative position", e->message);
        if (strcmp(e->path, "fuzz/.pgconflint.yaml") == 0 && (size_t)e->line > lines + 1)
            fuzz_fail("policy error past the end of the text", e->message);
    }
}

static void lint_samples(const policy *p)
{
    arena *a = arena_new();
    load_opts lo = {.pg_version = 16};
    lint_opts o = {.pg_version = 16, .policy = p};
    ptrvec findings = {0};
    source *cs = source_from_buffer(a, "fuzz/postgresql.conf", sample_conf, sizeof sample_conf - 1);
    lint_conf(a, conf_doc_load(a, cs, NULL, &lo), &o, &findings);
    source *hs = source_from_buffer(a, "fuzz/pg_hba.conf", sample_hba, sizeof sample_hba - 1);
    lint_hba(a, hba_doc_load(a, hs, &lo), &o, &findings);
    fuzz_check_findings(&findings);
    arena_free(a);
}

static size_t after_comments(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == '#') {
        const char *nl = memchr(s + i, '\n', n - i);
        i = nl ? (size_t)(nl - s) + 1 : n;
    }
    return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    policy *p = policy_load_text("fuzz/.pgconflint.yaml", "/nonexistent-pgconflint-fuzz",
                                 (const char *)data, size);
    check_errors(p, data, size);
    if (policy_errors(p)->n == 0) {
        lint_samples(p);
        size_t n1, n2;
        char *once = fuzz_capture(print_resolved, p, &n1);
        policy *q = policy_load_text("fuzz/resolved.yaml", "/nonexistent-pgconflint-fuzz", once, n1);
        if (policy_errors(q)->n != 0) {
            const policy_error *e = policy_errors(q)->items[0];
            fuzz_fail("the resolved policy does not load", e->message);
        }
        char *twice = fuzz_capture(print_resolved, q, &n2);
        /* the leading comment names the file and its layers: skip it */
        size_t s1 = after_comments(once, n1), s2 = after_comments(twice, n2);
        fuzz_expect_same("the resolved policy prints the same again",
                         (const uint8_t *)once + s1, n1 - s1, twice + s2, n2 - s2);
        free(once);
        free(twice);
        policy_free(q);
    }
    policy_free(p);
    return 0;
}

/* hba_shadow_cases.c — runs the ordering analysis over testdata/hba/shadow.
 *
 * Each case file says in comments what it expects:
 *   # expect: S3:1+2 W1:3     (see hba_summary.h; empty: nothing reported)
 *   # pg-version: 16          (default 18)
 *   # policy: require-final-reject
 * Files are read with the real pg_hba.conf parser; while that parser is a
 * placeholder returning no rules, the test fixture reads them instead. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hba_fixture.h"
#include "hba_shadow.h"
#include "hba_summary.h"
#include "tap.h"

typedef struct case_header {
    const char *expect;
    int pg_version;
    int final_reject;
} case_header;

static const char *header_value(arena *a, const source *s, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i < s->nlines; i++) {
        size_t off = s->line_start[i];
        size_t end = i + 1 < s->nlines ? s->line_start[i + 1] : s->len;
        const char *l = (const char *)s->data + off;
        if (end - off > klen && strncmp(l, key, klen) == 0) {
            const char *v = l + klen;
            size_t n = end - off - klen;
            while (n && (*v == ' ' || *v == '\t'))
                v++, n--;
            while (n && (v[n - 1] == '\n' || v[n - 1] == '\r' || v[n - 1] == ' '))
                n--;
            return arena_strndup(a, v, n);
        }
    }
    return NULL;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int main(void)
{
    const char *top = getenv("TOP_SRCDIR");
    arena *names = arena_new();
    const char *dir = arena_printf(names, "%s/testdata/hba/shadow", top ? top : ".");
    DIR *dh = opendir(dir);
    if (!dh) {
        printf("1..1\nnot ok 1 - cannot open %s\n", dir);
        return 1;
    }
    ptrvec files = {0};
    struct dirent *e;
    while ((e = readdir(dh)))
        if (strlen(e->d_name) > 5 && strcmp(e->d_name + strlen(e->d_name) - 5, ".conf") == 0)
            ptrvec_push(names, &files, arena_strdup(names, e->d_name));
    closedir(dh);
    qsort(files.items, files.n, sizeof *files.items, by_name);
    int fixture_used = 0;
    for (size_t i = 0; i < files.n; i++) {
        arena *a = arena_new();
        const char *name = files.items[i];
        const char *path = arena_printf(a, "%s/%s", dir, name);
        source *src = NULL;
        const char *err = NULL;
        if (source_read_file(a, path, &src, &err) != 0) {
            tap_ok(0, arena_printf(a, "%s: cannot read: %s", name, err));
            arena_free(a);
            continue;
        }
        src->kind = KIND_HBA;
        case_header h = {header_value(a, src, "# expect:"), 18, 0};
        const char *v = header_value(a, src, "# pg-version:");
        if (v)
            h.pg_version = atoi(v);
        v = header_value(a, src, "# policy:");
        h.final_reject = v && strcmp(v, "require-final-reject") == 0;
        load_opts lo = {.pg_version = h.pg_version, .follow_includes = 1, .allow_outside = 1};
        hba_doc *d = hba_doc_load(a, src, &lo);
        if (d->rules.n == 0 && d->errors.n == 0) {
            d = fx_doc_source(a, h.pg_version, src);
            fixture_used++;
        }
        if (!h.expect) {
            tap_ok(0, arena_printf(a, "%s: has no \"# expect:\" line", name));
        } else if (d->errors.n) {
            const diag *dg = d->errors.items[0];
            tap_ok(0, arena_printf(a, "%s: line %d: %s", name, dg->line, dg->message));
        } else {
            ptrvec out = {0};
            if (h.final_reject)
                hba_find_missing_final_reject(a, d, &out);
            else
                hba_find_shadowed(a, d, &out);
            tap_str_eq(hba_summary(a, &out), h.expect, name);
        }
        arena_free(a);
    }
    if (fixture_used)
        printf("# %d file(s) read by the test fixture: the pg_hba.conf parser returned no rules\n",
               fixture_used);
    arena_free(names);
    return tap_done();
}

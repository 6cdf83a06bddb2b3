/*
 * auth_test_util.h — helpers for the hba/ident unit tests: load a document
 * from a string for a given version, look up rules/errors by line, render
 * token lists as "a|b|c" so expectations read like the spec's vectors.
 * Everything lives in the arena the caller passes; header-only.
 */
#ifndef PGCL_AUTH_TEST_UTIL_H
#define PGCL_AUTH_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hba_doc.h"

static inline source *mem_source(arena *a, const char *name, const char *text, size_t len,
                                 const char *dir)
{
    source *s = source_from_buffer(a, name, text, len);
    s->dir = dir ? arena_strdup(a, dir) : "/nonexistent-dir";
    s->abspath = arena_printf(a, "%s/%s", s->dir, name);
    return s;
}

static inline hba_doc *hba_load_n(arena *a, const char *text, size_t len, int ver, const char *dir)
{
    load_opts o = {.pg_version = ver, .follow_includes = 1, .allow_outside = 1};
    return hba_doc_load(a, mem_source(a, "pg_hba.conf", text, len, dir), &o);
}

static inline hba_doc *hba_load(arena *a, const char *text, int ver)
{
    return hba_load_n(a, text, strlen(text), ver, NULL);
}

static inline ident_doc *ident_load(arena *a, const char *text, int ver, const char *dir)
{
    load_opts o = {.pg_version = ver, .follow_includes = 1, .allow_outside = 1};
    return ident_doc_load(a, mem_source(a, "pg_ident.conf", text, strlen(text), dir), &o);
}

/* The first rule/error on a 1-based line of the root file (or any file). */
static inline const hba_rule *rule_at(const hba_doc *d, int line)
{
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *r = d->rules.items[i];
        if (r->line == line)
            return r;
    }
    return NULL;
}

static inline const char *error_at(const ptrvec *errors, int line)
{
    for (size_t i = 0; i < errors->n; i++) {
        const diag *g = errors->items[i];
        if (g->line == line)
            return g->message;
    }
    return NULL;
}

/* "a|b|c", with a leading '"' on quoted tokens. */
static inline const char *toks(arena *a, const ptrvec *v)
{
    strbuf b = {0};
    strbuf_puts(a, &b, "");
    for (size_t i = 0; i < v->n; i++) {
        const hba_token *t = v->items[i];
        if (i)
            strbuf_putc(a, &b, '|');
        if (t->quoted)
            strbuf_putc(a, &b, '"');
        strbuf_puts(a, &b, t->text);
    }
    return b.data;
}

/* name=value,name=value as the view lists the options */
static inline const char *opts(arena *a, const hba_rule *r)
{
    strbuf b = {0};
    strbuf_puts(a, &b, "");
    for (size_t i = 0; i < r->option_names.n; i++)
        strbuf_printf(a, &b, "%s%s=%s", i ? "," : "", (const char *)r->option_names.items[i],
                      (const char *)r->option_values.items[i]);
    return b.data;
}

/* The root file printed back from its tree. */
static inline int source_roundtrips(const hba_doc *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    hba_doc_write_source(d, f);
    fclose(f);
    int same = len == d->root->len && memcmp(buf, d->root->data, len) == 0;
    free(buf);
    return same;
}

static inline void write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

#endif

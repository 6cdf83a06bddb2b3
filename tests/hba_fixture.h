/*
 * hba_fixture — builds hba_doc values by hand for the hba unit tests, so they
 * do not depend on the pg_hba.conf parser (and can stand in for it while it
 * is missing). Understands whitespace-separated fields, comma lists, quotes
 * (no blanks inside), CIDR or address-plus-mask, and name=value options.
 * Everything lives in the arena.
 */
#ifndef PGCL_TESTS_HBA_FIXTURE_H
#define PGCL_TESTS_HBA_FIXTURE_H

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "hba_addr.h"
#include "hba_doc.h"

static inline hba_token *fx_token(arena *a, const source *src, const char *s, size_t n, size_t off)
{
    hba_token *t = arena_alloc(a, sizeof *t);
    /* Quotes are dropped wherever they are (al"l" is all, unquoted). */
    t->quoted = n > 0 && s[0] == '"';
    strbuf b = {0};
    for (size_t i = 0; i < n; i++)
        if (s[i] != '"')
            strbuf_putc(a, &b, s[i]);
    t->text = b.data ? b.data : arena_strdup(a, "");
    t->src = src;
    t->off = off;
    t->len = n;
    return t;
}

/* One field: tokens separated by commas. */
static inline void fx_field(arena *a, const source *src, const char *f, size_t n, size_t off, ptrvec *out)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && f[j] != ',')
            j++;
        if (j > i)
            ptrvec_push(a, out, fx_token(a, src, f + i, j - i, off + i));
        i = j + 1;
    }
}

static inline const char *fx_mask_text(arena *a, const ip_range *r)
{
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(r->family == 6 ? AF_INET6 : AF_INET, r->mask, buf, sizeof buf);
    return arena_strdup(a, buf);
}

/* One rule from the bytes [off, off+len) of src, numbered `line`. */
static inline hba_rule *fx_rule(arena *a, const source *src, size_t off, size_t len, int line)
{
    const char *s = (const char *)src->data + off;
    ptrvec fields = {0};
    ptrvec spans = {0};
    for (size_t p = 0; p < len;) {
        while (p < len && (s[p] == ' ' || s[p] == '\t'))
            p++;
        size_t q = p;
        while (q < len && s[q] != ' ' && s[q] != '\t')
            q++;
        if (q > p) {
            ptrvec_push(a, &fields, arena_strndup(a, s + p, q - p));
            ptrvec_push(a, &spans, (void *)(off + p));
        }
        p = q;
    }
    hba_rule *r = arena_alloc(a, sizeof *r);
    r->src = src;
    r->line = line;
    r->off = off;
    r->len = len;
    size_t f = 0;
#define FX_FIELD(k) ((k) < fields.n ? (const char *)fields.items[k] : "")
#define FX_SPAN(k) ((k) < spans.n ? (size_t)spans.items[k] : off + len)
    r->type_tok = fx_token(a, src, FX_FIELD(f), strlen(FX_FIELD(f)), FX_SPAN(f));
    r->type = r->type_tok->text;
    f++;
    fx_field(a, src, FX_FIELD(f), strlen(FX_FIELD(f)), FX_SPAN(f), &r->databases);
    f++;
    fx_field(a, src, FX_FIELD(f), strlen(FX_FIELD(f)), FX_SPAN(f), &r->users);
    f++;
    if (strcmp(r->type, "local") != 0) {
        const char *addr = FX_FIELD(f);
        r->address_tok = fx_token(a, src, addr, strlen(addr), FX_SPAN(f));
        f++;
        ip_range ip;
        const char *slash = strchr(addr, '/');
        if (slash && ip_range_parse(addr, NULL, &ip) == 0) {
            r->address = arena_strndup(a, addr, (size_t)(slash - addr));
            r->netmask = fx_mask_text(a, &ip);
        } else if (!r->address_tok->quoted && ip_range_parse(addr, NULL, &ip) == 0) {
            r->address = addr;
            r->netmask = FX_FIELD(f);
            f++;
        } else {
            r->address = r->address_tok->text;
        }
    }
    r->method_tok = fx_token(a, src, FX_FIELD(f), strlen(FX_FIELD(f)), FX_SPAN(f));
    r->method = r->method_tok->text;
    f++;
    for (; f < fields.n; f++) {
        const char *o = FX_FIELD(f);
        const char *eq = strchr(o, '=');
        ptrvec_push(a, &r->option_names, arena_strndup(a, o, eq ? (size_t)(eq - o) : strlen(o)));
        ptrvec_push(a, &r->option_values, arena_strdup(a, eq ? eq + 1 : ""));
    }
#undef FX_FIELD
#undef FX_SPAN
    return r;
}

static inline hba_doc *fx_empty_doc(arena *a, int pg_version, const source *src)
{
    hba_doc *d = arena_alloc(a, sizeof *d);
    d->a = a;
    d->root = src;
    d->opts.pg_version = pg_version;
    ptrvec_push(a, &d->sources, (void *)src);
    return d;
}

/* lines joined by '\n' become the source; each line one rule. */
static inline hba_doc *fx_doc(arena *a, int pg_version, const char *const *lines, size_t n)
{
    strbuf all = {0};
    for (size_t i = 0; i < n; i++) {
        strbuf_puts(a, &all, lines[i]);
        strbuf_putc(a, &all, '\n');
    }
    source *src = source_from_buffer(a, "pg_hba.conf", all.data, all.len);
    hba_doc *d = fx_empty_doc(a, pg_version, src);
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(lines[i]);
        ptrvec_push(a, &d->rules, fx_rule(a, src, off, len, (int)i + 1));
        off += len + 1;
    }
    return d;
}

/* A whole file: '#' starts a comment, blank lines are skipped; no
 * continuation lines, includes or @files. */
static inline hba_doc *fx_doc_source(arena *a, int pg_version, const source *src)
{
    hba_doc *d = fx_empty_doc(a, pg_version, src);
    const char *base = (const char *)src->data;
    size_t off = 0;
    for (int line = 1; off < src->len; line++) {
        const char *nl = memchr(base + off, '\n', src->len - off);
        size_t len = nl ? (size_t)(nl - (base + off)) : src->len - off;
        size_t used = len;
        const char *hash = memchr(base + off, '#', len);
        if (hash)
            used = (size_t)(hash - (base + off));
        while (used && (base[off + used - 1] == ' ' || base[off + used - 1] == '\t' ||
                        base[off + used - 1] == '\r'))
            used--;
        size_t lead = 0;
        while (lead < used && (base[off + lead] == ' ' || base[off + lead] == '\t'))
            lead++;
        if (lead < used)
            ptrvec_push(a, &d->rules, fx_rule(a, src, off, used, line));
        off += len + 1;
    }
    return d;
}

#endif

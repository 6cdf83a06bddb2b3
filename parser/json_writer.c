/* json_writer.c — streaming JSON with byte-exact string escaping. */
#include "json_writer.h"

#include <string.h>

#include "diag.h"

void jw_init(json_writer *w, FILE *out, int pretty)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->pretty = pretty;
}

static void indent(json_writer *w)
{
    if (!w->pretty)
        return;
    fputc('\n', w->out);
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->out);
}

/* Called before every value or key at the current level. */
static void before_item(json_writer *w)
{
    if (w->need_comma[w->depth])
        fputc(',', w->out);
    w->need_comma[w->depth] = 1;
    if (w->depth > 0)
        indent(w);
}

/* Values that directly follow a key do not get a comma or indent. */
static void value_prefix(json_writer *w)
{
    if (w->need_comma[w->depth] == 2) {
        w->need_comma[w->depth] = 1;
        return;
    }
    before_item(w);
}

/* An object or array opens a level ... */
static void begin_level(json_writer *w, char open)
{
    value_prefix(w);
    fputc(open, w->out);
    if (w->depth < 63)
        w->depth++;
    w->need_comma[w->depth] = 0;
}

/* ... and closes it, on a line of its own when it has items. */
static void end_level(json_writer *w, char close)
{
    int had = w->need_comma[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (had)
        indent(w);
    fputc(close, w->out);
}

void jw_begin_object(json_writer *w)
{
    begin_level(w, '{');
}

void jw_end_object(json_writer *w)
{
    end_level(w, '}');
}

void jw_begin_array(json_writer *w)
{
    begin_level(w, '[');
}

void jw_end_array(json_writer *w)
{
    end_level(w, ']');
}

void jw_key(json_writer *w, const char *key)
{
    before_item(w);
    json_put_string(w->out, key, strlen(key));
    fputs(w->pretty ? ": " : ":", w->out);
    w->need_comma[w->depth] = 2; /* next value belongs to this key */
}

void jw_string(json_writer *w, const char *s)
{
    if (!s) {
        jw_null(w);
        return;
    }
    jw_stringn(w, s, strlen(s));
}

void jw_stringn(json_writer *w, const char *s, size_t n)
{
    value_prefix(w);
    json_put_string(w->out, s, n);
}

void jw_int(json_writer *w, long long v)
{
    value_prefix(w);
    fprintf(w->out, "%lld", v);
}

void jw_bool(json_writer *w, int v)
{
    value_prefix(w);
    fputs(v ? "true" : "false", w->out);
}

void jw_null(json_writer *w)
{
    value_prefix(w);
    fputs("null", w->out);
}

void jw_raw(json_writer *w, const char *text)
{
    value_prefix(w);
    fputs(text, w->out);
}

void jw_finish(json_writer *w)
{
    fputc('\n', w->out);
}

void jw_key_string(json_writer *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_string(w, s);
}

void jw_key_int(json_writer *w, const char *key, long long v)
{
    jw_key(w, key);
    jw_int(w, v);
}

void jw_key_bool(json_writer *w, const char *key, int v)
{
    jw_key(w, key);
    jw_bool(w, v);
}

void jw_key_text(json_writer *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_begin_object(w);
    jw_key_string(w, "text", s);
    jw_end_object(w);
}

void jw_key_diags(json_writer *w, const char *key, const ptrvec *diags)
{
    jw_key(w, key);
    jw_begin_array(w);
    for (size_t i = 0; i < diags->n; i++) {
        const diag *g = diags->items[i];
        jw_begin_object(w);
        jw_key_string(w, "file", g->path ? g->path : "");
        jw_key_int(w, "line", g->line);
        jw_key_int(w, "column", g->col);
        jw_key_string(w, "message", g->message);
        if (g->detail)
            jw_key_string(w, "detail", g->detail);
        jw_end_object(w);
    }
    jw_end_array(w);
}

/* Length of a valid UTF-8 sequence at s (max n bytes), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    unsigned min;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void json_put_string(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', out);
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        switch (c) {
        case '"': fputs("\\\"", out); i++; continue;
        case '\\': fputs("\\\\", out); i++; continue;
        case '\n': fputs("\\n", out); i++; continue;
        case '\r': fputs("\\r", out); i++; continue;
        case '\t': fputs("\\t", out); i++; continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            i++;
            continue;
        }
        size_t l = utf8_len(p + i, n - i);
        if (l == 0) {
            /* Not UTF-8: keep the byte value visible and lossless. */
            fprintf(out, "\\u%04x", c);
            i++;
            continue;
        }
        fwrite(p + i, 1, l, out);
        i += l;
    }
    fputc('"', out);
}

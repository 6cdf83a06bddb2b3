/* test_conf_lexer — postgresql.conf tokens: every row of grammar.md §1.2's
 * consequence table, plus the byte classes (LETTER 0x80-0xFF, NUL/FF/VT are
 * ERROR, CR is whitespace). */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "conf_lexer.h"
#include "tests/tap.h"

/* "KIND:text KIND:text ..." of the significant tokens (no WS/COMMENT/EOF). */
static void lex_desc(const char *in, size_t len, char *out, size_t cap)
{
    conf_lexer lx;
    conf_lexer_init(&lx, (const unsigned char *)in, len);
    size_t o = 0;
    out[0] = '\0';
    for (;;) {
        conf_token t = conf_lex_next(&lx);
        if (t.kind == CTOK_EOF)
            break;
        if (t.kind == CTOK_WS || t.kind == CTOK_COMMENT)
            continue;
        int w = snprintf(out + o, cap - o, "%s%s:", o ? " " : "", conf_tok_kind_name(t.kind));
        o += (size_t)w;
        for (size_t i = 0; i < t.len && o + 5 < cap; i++) {
            unsigned char c = (unsigned char)in[t.off + i];
            if (c < 0x20 || c >= 0x7f)
                o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
            else
                out[o++] = (char)c;
        }
        out[o] = '\0';
    }
}

static void check(const char *in, const char *want)
{
    char got[1024];
    lex_desc(in, strlen(in), got, sizeof got);
    char name[256];
    size_t o = (size_t)snprintf(name, sizeof name, "lex [");
    for (const char *p = in; *p && o + 6 < sizeof name; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c >= 0x7f)
            o += (size_t)snprintf(name + o, sizeof name - o, "\\x%02x", c);
        else
            name[o++] = (char)c;
    }
    snprintf(name + o, sizeof name - o, "]");
    tap_str_eq(got, want, name);
}

static void checkn(const char *in, size_t len, const char *want, const char *name)
{
    char got[1024];
    lex_desc(in, len, got, sizeof got);
    tap_str_eq(got, want, name);
}

int main(void)
{
    /* §1.2 consequences */
    check("on", "ID:on");
    check("work_mem", "ID:work_mem");
    check("a.b", "QUALIFIED_ID:a.b");
    check("public.foo", "QUALIFIED_ID:public.foo");
    check("special.conf", "QUALIFIED_ID:special.conf");
    check("a.b.c", "UNQUOTED_STRING:a.b.c");
    check("a.", "UNQUOTED_STRING:a.");
    check("C.UTF-8", "UNQUOTED_STRING:C.UTF-8");
    check("x/y", "UNQUOTED_STRING:x/y");
    check("a-b", "UNQUOTED_STRING:a-b");
    check("Europe/Berlin", "UNQUOTED_STRING:Europe/Berlin");
    check("128MB", "INTEGER:128MB");
    check("10s", "INTEGER:10s");
    check("0x1F", "INTEGER:0x1F");
    check("100abc", "INTEGER:100abc");
    check("0x", "INTEGER:0x");
    check("1e", "INTEGER:1e");
    check("0X1F", "INTEGER:0X INTEGER:1F");
    check("1.5", "REAL:1.5");
    check(".5", "REAL:.5");
    check("5.", "REAL:5.");
    check(".", "REAL:.");
    check("-2.5E-3", "REAL:-2.5E-3");
    check("1.5GB", "REAL:1.5 ID:GB");
    check("1.5min", "REAL:1.5 ID:min");
    check("1e5", "INTEGER:1e INTEGER:5");
    check("127.0.0.1", "REAL:127.0 REAL:.0 REAL:.1");
    check("-", "ERROR:-");
    check("+a", "ERROR:+ ID:a");
    check("*", "ERROR:*");
    check("/var", "ERROR:/ ID:var");
    check("%m", "ERROR:% ID:m");
    check("$user", "ERROR:$ ID:user");
    check(",", "ERROR:,");
    check(";", "ERROR:;");
    check("\"x\"", "ERROR:\" ID:x ERROR:\"");
    check("1_000", "INTEGER:1 ID:_000");

    /* more longest-match / tie cases */
    check("-0x10", "INTEGER:-0x10");
    check("+8", "INTEGER:+8");
    check("0x1Fg", "INTEGER:0x1Fg");
    check("0xg", "INTEGER:0xg");
    check("+.e5", "REAL:+.e5");
    check("1.5e+", "REAL:1.5 ID:e ERROR:+");
    check("9e-1", "INTEGER:9e INTEGER:-1");
    check("9.0e-1", "REAL:9.0e-1");
    check("a.b.", "UNQUOTED_STRING:a.b.");
    check("_x", "ID:_x");
    check("a:b", "UNQUOTED_STRING:a:b");
    check("a=b", "ID:a EQUALS:= ID:b");
    check("==", "EQUALS:= EQUALS:=");
    check("HIGH:MEDIUM:+3DES", "UNQUOTED_STRING:HIGH:MEDIUM: INTEGER:+3DES");
    check("ts-1", "UNQUOTED_STRING:ts-1");

    /* strings */
    check("'it''s'", "STRING:'it''s'");
    check("'abc''", "STRING:'abc' ERROR:'");
    check("'a''''", "STRING:'a''' ERROR:'");
    check("'C:\\data\\'", "ERROR:' UNQUOTED_STRING:C: ERROR:\\ ID:data ERROR:\\ ERROR:'");
    check("'abc\\''", "STRING:'abc\\''");
    check("'x' 'y'", "STRING:'x' STRING:'y'");
    check("''", "STRING:''");
    check("'", "ERROR:'");
    check("'a\nb'", "ERROR:' ID:a EOL:\\x0a ID:b ERROR:'");
    check("'a\\\nb'", "ERROR:' ID:a ERROR:\\ EOL:\\x0a ID:b ERROR:'");

    /* byte classes */
    check("caf\xe9", "ID:caf\\xe9");
    check("\xef\xbb\xbfwork_mem", "ID:\\xef\\xbb\\xbfwork_mem");
    check("\x80.\xff", "QUALIFIED_ID:\\x80.\\xff");
    check("a\x0c", "ID:a ERROR:\\x0c");
    check("\x0b", "ERROR:\\x0b");
    checkn("a\0b", 3, "ID:a ERROR:\\x00 ID:b", "NUL is an ERROR token");
    checkn("'a\0b'", 5, "STRING:'a\\x00b'", "NUL inside a quoted string");
    checkn("#x\0y\nz", 6, "EOL:\\x0a ID:z", "NUL inside a comment");
    check("a\r\n", "ID:a EOL:\\x0a");
    check("\r\r a \t", "ID:a");
    check("a # c = 1", "ID:a");
    check("#", "");
    check("", "");

    /* token spans */
    {
        const char *in = " \tab = 'x' #c\n";
        conf_lexer lx;
        conf_lexer_init(&lx, (const unsigned char *)in, strlen(in));
        conf_tok_kind want[] = {CTOK_WS, CTOK_ID, CTOK_WS, CTOK_EQUALS, CTOK_WS,
                                CTOK_STRING, CTOK_WS, CTOK_COMMENT, CTOK_EOL, CTOK_EOF};
        size_t pos = 0;
        int ok = 1;
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            conf_token t = conf_lex_next(&lx);
            if (t.kind != want[i] || t.off != pos)
                ok = 0;
            pos = t.off + t.len;
        }
        tap_ok(ok && pos == strlen(in), "tokens tile the input");
    }
    tap_ok(conf_tok_is_value(CTOK_UNQUOTED_STRING) && !conf_tok_is_value(CTOK_QUALIFIED_ID),
           "QUALIFIED_ID is not a value");
    tap_ok(conf_tok_is_name(CTOK_QUALIFIED_ID) && !conf_tok_is_name(CTOK_UNQUOTED_STRING),
           "UNQUOTED_STRING is not a name");
    return tap_done();
}

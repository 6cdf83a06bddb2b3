/* test_conf_syntax — quoted-string de-escaping (grammar.md §1.4), the line
 * grammar and syntax errors (§1.3, §1.5), and the lossless round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "conf_syntax.h"
#include "source.h"
#include "tests/tap.h"

static arena *A;

static const char *printable(const char *prefix, const char *s);

static const char *deesc(const char *tok, size_t len)
{
    return conf_deescape(A, (const unsigned char *)tok, len);
}

static void check_deesc(const char *tok, const char *want)
{
    tap_str_eq(deesc(tok, strlen(tok)), want, printable("de-escape ", tok));
}

/* A test name without control bytes (TAP is line based). */
static const char *printable(const char *prefix, const char *s)
{
    strbuf b = {0};
    strbuf_puts(A, &b, prefix);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c >= 0x7f)
            strbuf_printf(A, &b, "\\x%02x", c);
        else
            strbuf_putc(A, &b, (char)c);
    }
    return b.data;
}

static conf_tree *parse(const char *text, size_t len)
{
    source *s = source_from_buffer(A, "t.conf", text, len);
    return conf_syntax_parse(A, s, "/abs/t.conf");
}

static conf_node *one(const char *line)
{
    conf_tree *t = parse(line, strlen(line));
    return t->n ? &t->nodes[0] : NULL;
}

static void check_setting(const char *line, const char *name, const char *value)
{
    conf_node *n = one(line);
    const char *msg = printable("setting: ", line);
    if (!tap_ok(n && n->kind == CN_SETTING, msg))
        return;
    tap_str_eq(n->name_text, name, "  name");
    tap_str_eq(n->value_text, value, "  value");
}

/* Line 1 is an error near `token` (NULL: near end of line) at byte column `col`. */
static void check_error(const char *line, const char *token, int col)
{
    conf_node *n = one(line);
    const char *msg = printable("syntax error: ", line);
    if (!tap_ok(n && n->kind == CN_ERROR, msg))
        return;
    if (token) {
        tap_ok(!n->error->at_eol, "  near a token");
        tap_str_eq(n->error->token_text, token, "  token");
        char want[300];
        snprintf(want, sizeof want, "syntax error in file \"/abs/t.conf\" line 1, near token \"%s\"",
                 token);
        tap_str_eq(n->error->diag->message, want, "  message");
    } else {
        tap_ok(n->error->at_eol, "  near end of line");
    }
    tap_int_eq(n->error->diag->col, col, "  column");
    tap_int_eq(n->error->diag->line, 1, "  line");
    tap_str_eq(n->error->diag->code, "conf-syntax-error", "  code");
}

/* Print the tree to memory and compare with the input; also check that the
 * parts of every node tile it exactly. */
static int round_trip(const char *text, size_t len)
{
    source *s = source_from_buffer(A, "rt.conf", text, len);
    conf_tree *t = conf_syntax_parse(A, s, "/abs/rt.conf");
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    conf_tree_print(t, f);
    fclose(f);
    int ok = blen == len && memcmp(buf, text, len) == 0;
    free(buf);
    size_t pos = 0;
    for (size_t i = 0; i < t->n && ok; i++) {
        const conf_node *nd = &t->nodes[i];
        conf_span whole = conf_node_whole(nd);
        if (whole.off != pos || nd->line != (int)i + 1)
            ok = 0;
        conf_span parts[8];
        size_t k = conf_node_parts(nd, parts, NULL, 8);
        for (size_t j = 0; j < k; j++) {
            if (parts[j].off != pos)
                ok = 0;
            pos += parts[j].len;
        }
        if (pos != whole.off + whole.len)
            ok = 0;
    }
    return ok && pos == len;
}

int main(void)
{
    A = arena_new();

    /* §1.4 */
    check_deesc("'it''s'", "it's");
    check_deesc("'a\\nb\\tc\\x\\101'", "a\nb\tcxA");
    check_deesc("'abc\\0def'", "abc");
    check_deesc("'abc\\''", "abc'");
    check_deesc("'back\\\\slash'", "back\\slash");
    check_deesc("'\\b\\f\\r'", "\b\f\r");
    check_deesc("'\\8\\9\\q'", "89q");
    check_deesc("'\\101\\102\\x41'", "ABx41");
    check_deesc("'\\1234'", "S4");
    check_deesc("'\\7777'", "\xff" "7");
    check_deesc("'x\\400y'", "x");
    check_deesc("'\\000'", "");
    check_deesc("''", "");
    check_deesc("''''", "'");
    check_deesc("'a''''b'", "a''b");
    check_deesc("'%m [%p] '", "%m [%p] ");
    check_deesc("'\"$user\", public'", "\"$user\", public");
    /* a raw NUL ends the token for PostgreSQL, and the byte before it is
     * dropped as if it were the closing quote */
    tap_str_eq(deesc("'o\0n'", 5), "", "raw NUL: 'o<NUL>n' -> empty");
    tap_str_eq(deesc("'ab\0cd'", 7), "a", "raw NUL: 'ab<NUL>cd' -> a");
    tap_str_eq(deesc("'\0'", 3), "", "raw NUL right after the quote");
    tap_str_eq(deesc("'a\\\0'", 5), "a", "backslash before a raw NUL");

    /* §1.3 */
    check_setting("work_mem = 4MB", "work_mem", "4MB");
    check_setting("work_mem 4MB", "work_mem", "4MB");
    check_setting("WORK_MEM = '8MB'", "WORK_MEM", "8MB");
    check_setting("lc_messages = C.UTF-8", "lc_messages", "C.UTF-8");
    check_setting("my.param = on", "my.param", "on");
    check_setting("work_mem=4MB#comment", "work_mem", "4MB");
    check_setting("application_name = abc#def", "application_name", "abc");
    check_setting("timezone = Europe/Berlin", "timezone", "Europe/Berlin");
    check_setting("x = -0x10", "x", "-0x10");
    check_setting("seq_page_cost = .", "seq_page_cost", ".");
    check_setting("work_mem = 4MB\r\n", "work_mem", "4MB");
    check_setting("  \t x\t=\t'y'  # c  ", "x", "y");
    check_setting("caf\xc3\xa9 = 1", "caf\xc3\xa9", "1");
    check_setting("x = 'a' ", "x", "a");
    {
        conf_node *n = one("include 'a.conf'");
        tap_ok(n && n->kind == CN_INCLUDE && n->include == CINC_FILE, "include directive");
        n = one("INCLUDE_IF_EXISTS = 'nx.conf'");
        tap_ok(n && n->kind == CN_INCLUDE && n->include == CINC_IF_EXISTS,
               "include_if_exists, any case, with =");
        n = one("Include_Dir conf.d/");
        tap_ok(n && n->kind == CN_INCLUDE && n->include == CINC_DIR &&
                   strcmp(n->value_text, "conf.d/") == 0,
               "include_dir with an unquoted path");
        n = one("include_dir conf.d");
        tap_ok(n && n->kind == CN_ERROR, "unquoted conf.d is a QUALIFIED_ID: syntax error");
        n = one("include.x = 1");
        tap_ok(n && n->kind == CN_SETTING, "include.x is a setting");
        n = one("includes = 1");
        tap_ok(n && n->kind == CN_SETTING, "includes is a setting");
    }

    /* §1.5 */
    check_error("shared_buffers = 1.5GB", "GB", 21);
    check_error("seq_page_cost = 1e5", "5", 19);
    check_error("listen_addresses = *", "*", 20);
    check_error("listen_addresses = 127.0.0.1", ".0", 25);
    check_error("search_path = public.foo", "public.foo", 15);
    check_error("my.ext.param = 1", "my.ext.param", 1);
    check_error("my-param = 1", "my-param", 1);
    check_error("work_mem =", NULL, 11);
    check_error("work_mem = \n", NULL, 12);
    check_error("work_mem", NULL, 9);
    check_error("work_mem # no value", NULL, 20);
    check_error("= 5", "=", 1);
    check_error("a = = 1", "=", 5);
    check_error("application_name = abc def", "def", 24);
    check_error("application_name = 'unterminated", "'", 20);
    check_error("application_name = \"dq\"", "\"", 20);
    check_error("data_directory = 'C:\\data\\'", "'", 18);
    check_error("application_name = /var/log", "/", 20);
    check_error("vacuum_cost_limit = 0X1F", "1F", 23);
    check_error("statement_timeout = 10 s", "s", 24);
    check_error("include special.conf", "special.conf", 9);
    check_error("x y z", "z", 5);
    check_error("datestyle = iso, mdy", ",", 16);
    check_error("work_mem = 4MB\x0c", "\x0c", 15);
    check_error("'quoted_name' = 1", "'quoted_name'", 1);
    check_error("1_000 = 1", "1", 1);
    check_error("x = 1_000", "_000", 6);
    check_error("x = 'a' 'b'", "'b'", 9);
    {
        conf_node *n = one("x = 'a\0b' c");
        tap_ok(n && n->kind == CN_ERROR, "error after a string with NUL");
        conf_tree *t = parse("\0 = 1\n", sizeof("\0 = 1\n") - 1);
        tap_str_eq(t->nodes[0].error->token_text, "", "NUL token prints as empty");
        tap_str_eq(t->nodes[0].error->diag->message,
                   "syntax error in file \"/abs/t.conf\" line 1, near token \"\"",
                   "NUL token message");
    }
    {
        /* P62: no final newline, "near end of line": the message keeps
         * PostgreSQL's line (one too low), the diag has the real line */
        conf_tree *t = parse("\n\nwork_mem =", sizeof("\n\nwork_mem =") - 1);
        conf_node *n = &t->nodes[2];
        tap_ok(t->n == 3 && n->kind == CN_ERROR && n->error->at_eol, "P62 parsed");
        tap_int_eq(n->error->diag->line, 3, "P62 real line");
        tap_str_eq(n->error->diag->message,
                   "syntax error in file \"/abs/t.conf\" line 2, near end of line",
                   "P62 message as PostgreSQL words it");
        t = parse("\n\nwork_mem = 1MB", sizeof("\n\nwork_mem = 1MB") - 1);
        tap_ok(t->n == 3 && t->nodes[2].kind == CN_SETTING && t->nodes[2].line == 3, "P63");
        t = parse("a b c\nd e f\n", sizeof("a b c\nd e f\n") - 1);
        tap_int_eq((long long)t->nerrors, 2, "one error per line");
        tap_int_eq(t->nodes[1].error->diag->line, 2, "second error's line");
    }
    {
        conf_tree *t = parse("# c\n\n   \n\t# x\r\nw = 1\n", sizeof("# c\n\n   \n\t# x\r\nw = 1\n") - 1);
        tap_ok(t->n == 5 && t->nodes[0].kind == CN_COMMENT && t->nodes[1].kind == CN_BLANK &&
                   t->nodes[2].kind == CN_BLANK && t->nodes[3].kind == CN_COMMENT &&
                   t->nodes[4].kind == CN_SETTING,
               "blank and comment lines");
        tap_int_eq((long long)parse("", sizeof("") - 1)->n, 0, "empty file: no nodes");
        tap_int_eq((long long)parse("\n", sizeof("\n") - 1)->n, 1, "one newline: one blank line");
    }
    {
        /* Blank and comment lines are settled before the grammar runs: their
         * nodes must be what the grammar would make. Indents of 16 blanks and
         * more are scanned in blocks. */
        static const char text[] =
            "\n"
            "                                # indented comment\n"
            "\t \r\t                 \t      \n"
            "                 x = 1   # c\n"
            "                \x0c\n"
            "#\n"
            "   \t# short indent\r\n"
            "                                        ";
        conf_tree *t = parse(text, sizeof text - 1);
        const conf_span none = {0, 0};
        int ok = t->n == 8;
        size_t off = 0;
        for (size_t i = 0; ok && i < t->n; i++) {
            const conf_node *n = &t->nodes[i];
            size_t le = n->newline.off, first = n->comment.off, start = off;
            off = n->newline.off + n->newline.len;
            if (n->kind != CN_BLANK && n->kind != CN_COMMENT)
                continue;
            ok = n->line == (int)i + 1 && n->lead.off == start && n->lead.len == first - start &&
                 n->comment.len == le - first &&
                 (n->kind == CN_COMMENT ? text[first] == '#' : first == le) &&
                 n->newline.len == (le < sizeof text - 1) && !memcmp(&n->name, &none, sizeof none) &&
                 !memcmp(&n->sep, &none, sizeof none) && !memcmp(&n->eq, &none, sizeof none) &&
                 !memcmp(&n->value, &none, sizeof none) && !memcmp(&n->trail, &none, sizeof none) &&
                 n->value_kind == CTOK_EOF && n->include == CINC_NONE && !n->name_text &&
                 !n->value_text && !n->error;
        }
        tap_ok(ok, "blank and comment nodes hold only lead, comment and newline");
        static const conf_node_kind kinds[] = {CN_BLANK, CN_COMMENT, CN_BLANK, CN_SETTING,
                                               CN_ERROR, CN_COMMENT, CN_COMMENT, CN_BLANK};
        ok = t->n == 8;
        for (size_t i = 0; ok && i < t->n; i++)
            ok = t->nodes[i].kind == kinds[i];
        tap_ok(ok, "indented lines of every kind");
        tap_ok(t->nodes[3].lead.len == 17 && t->nodes[3].name.off == 17 + t->nodes[3].lead.off,
               "a setting after 17 blanks");
        tap_ok(t->nsig == 2 && t->sig[0] == 3 && t->sig[1] == 4,
               "sig lists the setting and error lines, in order");
        tap_ok(round_trip(text, sizeof text - 1), "round trip of indented lines");
        ok = 1;
        for (size_t i = 0; i < t->n; i++) {
            size_t k = 0;
            while (k < t->nsig && t->sig[k] != i)
                k++;
            ok &= (k < t->nsig) == (t->nodes[i].kind != CN_BLANK && t->nodes[i].kind != CN_COMMENT);
        }
        tap_ok(ok, "sig holds every other line and nothing else");
    }
    {
        /* spans of a setting line */
        const char *l = "  name = 'v'  # c\r\n";
        conf_node *n = one(l);
        tap_ok(n->lead.off == 0 && n->lead.len == 2, "lead span");
        tap_ok(n->name.off == 2 && n->name.len == 4, "name span");
        tap_ok(n->sep.off == 6 && n->sep.len == 3 && n->eq.off == 7 && n->eq.len == 1,
               "separator and = spans");
        tap_ok(n->value.off == 9 && n->value.len == 3 && n->value_kind == CTOK_STRING,
               "value span");
        tap_ok(n->trail.off == 12 && n->trail.len == 2, "trailing space span");
        tap_ok(n->comment.off == 14 && n->comment.len == 4, "comment span (CR included)");
        tap_ok(n->newline.off == 18 && n->newline.len == 1, "newline span");
    }

    /* round trips */
    const char *cases[] = {
        "", "\n", "a=1", "a = 1\n", "a = 1\r\n# c\r\n\r\n", "  x y z  # c\n",
        "'''\n", "\x0c\x0b\n", "caf\xe9 = '\xff\xfe'\n", "a = 'b\nc'\n", "\xef\xbb\xbfx=1",
        "x = 'unterminated\\'\nnext = 1", "\t\t\n \n", "#\n#\n#", "= = =\n", "a = b c d e f g\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "round trip case %zu", i);
        tap_ok(round_trip(cases[i], strlen(cases[i])), name);
    }
    {
        static const char nul[] = "a = 'x\0y'\n\0\0\n# \0\nb\0 = 1";
        tap_ok(round_trip(nul, sizeof nul - 1), "round trip with NUL bytes");
    }
    {
        /* pseudo-random bytes from the characters that matter to the grammar */
        const char alphabet[] = "ab_.=' \t\r\n#\\0x1-+e\"\x80\xff\0\x0c/:";
        unsigned seed = 12345;
        int ok = 1;
        for (int c = 0; c < 2000 && ok; c++) {
            char buf[200];
            size_t len = (size_t)(c % 199);
            for (size_t i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
            ok = round_trip(buf, len);
        }
        tap_ok(ok, "round trip on 2000 random inputs");
    }
    {
        /* a 1 MB line of quotes and backslashes: lossless and linear */
        size_t len = 1 << 20;
        char *big = malloc(len);
        for (size_t i = 0; i < len; i++)
            big[i] = "'\\'x"[i % 4];
        memcpy(big, "a = ", 4);
        clock_t t0 = clock();
        int ok = round_trip(big, len);
        double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
        tap_ok(ok, "round trip of a 1 MB line");
        tap_ok(ms < 2000, "1 MB hostile line parses in linear time");
        for (size_t i = 0; i < len; i++)
            big[i] = (i % 64 == 63) ? '\n' : "a='b''c\\'d #"[i % 12];
        tap_ok(round_trip(big, len), "round trip of 1 MB of short lines");
        free(big);
    }
    arena_free(A);
    return tap_done();
}

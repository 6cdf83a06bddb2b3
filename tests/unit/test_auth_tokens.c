/* test_auth_tokens.c — reading lines and tokens of pg_hba.conf (spec §3.1,
 * §3.2; vectors H02–H08, H53, H60–H68) and printing the file back. */
#include "auth_test_util.h"
#include "tests/tap.h"

/* Fields of the first record line, "f1 / f2 / ..." (tokens as toks()). */
static const char *fields_of(arena *a, const char *text, int ver)
{
    hba_doc *d = hba_load(a, text, ver);
    const auth_tree *t = hba_doc_tree(d, d->root);
    for (size_t i = 0; i < t->nodes.n; i++) {
        const auth_node *n = t->nodes.items[i];
        if (!n->tokens.n)
            continue;
        strbuf b = {0};
        strbuf_puts(a, &b, "");
        int field = -1;
        for (size_t k = 0; k < n->tokens.n; k++) {
            const hba_token *tok = n->tokens.items[k];
            if (tok->field != field) {
                if (field >= 0)
                    strbuf_puts(a, &b, " / ");
                field = tok->field;
            } else {
                strbuf_putc(a, &b, '|');
            }
            if (tok->quoted)
                strbuf_putc(a, &b, '"');
            strbuf_puts(a, &b, tok->text);
        }
        return b.data;
    }
    return "";
}

static void test_blanks_commas_quotes(arena *a)
{
    tap_str_eq(fields_of(a, "a\tb  c\r d", 15), "a / b / c / d", "SP, TAB and CR separate");
    tap_str_eq(fields_of(a, "a\rb", 19), "a\rb", "master: CR is not a blank");
    tap_str_eq(fields_of(a, "host all, bob all", 15), "host / all|bob / all",
               "H02: a comma continues the field across blanks");
    tap_str_eq(fields_of(a, "host all ,bob", 15), "host / all / bob",
               "H03: a blank before the comma ends the field");
    tap_str_eq(fields_of(a, "host all,,bob all", 15), "host / all|bob / all",
               "H04: empty list elements vanish");
    tap_str_eq(fields_of(a, "host a, ", 15), "host / a", "a trailing comma is harmless");
    tap_str_eq(fields_of(a, "host al\"l\" x", 15), "host / all / x",
               "H05: al\"l\" is not quoted (first char is not a quote)");
    tap_str_eq(fields_of(a, "host \"all\" x", 15), "host / \"all / x", "H06: \"all\" is quoted");
    tap_str_eq(fields_of(a, "host \"a\"\"b\" \"c d\",e", 15), "host / \"a\"b / \"c d|e",
               "H07: doubled quote inside quotes; quoted blank");
    tap_str_eq(fields_of(a, "x ab\"c d\"e", 15), "x / abc de",
               "quoted and unquoted stretches join");
    tap_str_eq(fields_of(a, "x \"\" y", 15), "x / \" / y", "\"\" is an empty, quoted token");
    tap_str_eq(fields_of(a, "x \"\"abc", 15), "x / \"abc", "\"\"abc counts as quoted");
    tap_str_eq(fields_of(a, "x \"a,b\",c", 15), "x / \"a,b|c", "a quoted comma is literal");
    tap_str_eq(fields_of(a, "x \"a # b\" c", 15), "x / \"a # b / c", "a quoted # is literal");
    tap_str_eq(fields_of(a, "x db#comment y", 15), "x / db", "# ends the token and the line");
    tap_str_eq(fields_of(a, "x \"unterminated # y z", 15), "x / \"unterminated # y z",
               "H64: an unterminated quote takes the rest of the line");
}

static void test_keywords_and_at(arena *a)
{
    hba_doc *d = hba_load(a,
                          "host all \"@users.txt\" 127.0.0.1/32 md5\n"
                          "host all @ 127.0.0.1/32 md5\n"
                          "local all all trust#comment\n",
                          15);
    const hba_rule *r = rule_at(d, 1);
    tap_ok(r != NULL, "H08: \"@users.txt\" is accepted");
    tap_str_eq(r ? toks(a, &r->users) : NULL, "\"@users.txt", "H08: literal quoted @name");
    r = rule_at(d, 2);
    tap_str_eq(r ? toks(a, &r->users) : NULL, "@", "H08: a lone @ is literal");
    r = rule_at(d, 3);
    tap_str_eq(r ? r->method : NULL, "trust", "H53: trust#comment is trust");
    tap_int_eq((long long)d->errors.n, 0, "no errors in the H08/H53 lines");
}

static void test_continuation(arena *a)
{
    hba_doc *d = hba_load(a, "local all \\\nall trust\n", 15);
    tap_str_eq(rule_at(d, 1) ? toks(a, &rule_at(d, 1)->users) : NULL, "all",
               "H60 (14+): continued line is one record on line 1");
    d = hba_load(a, "local all \\\nall trust\n", 13);
    tap_str_eq(error_at(&d->errors, 1), "end-of-line before authentication method",
               "H60 (12–13): line 1 has user \\ and no method");
    tap_str_eq(error_at(&d->errors, 2), "invalid connection type \"all\"",
               "H60 (12–13): line 2 stands alone");
    d = hba_load(a, "local all\\\nall trust\n", 16);
    tap_str_eq(error_at(&d->errors, 1), "end-of-line before authentication method",
               "H61: no separator is added (allall)");
    d = hba_load(a,
                 "local all all trust # c \\\nhost all all 127.0.0.1/32 md5\nlocal all bob trust\n",
                 15);
    tap_int_eq((long long)d->rules.n, 2, "H62: the comment swallows the next line");
    tap_ok(rule_at(d, 3) != NULL, "H62: numbering continues at line 3");
    d = hba_load(a, "local all all trust \\ \n", 15);
    tap_str_eq(error_at(&d->errors, 1), "authentication option not in name=value format: \\",
               "H63: backslash then space does not continue");
    d = hba_load(a, "host all all 0.0.0.0/0 scram-sha-256 \\\n   map=foo\n", 17);
    tap_str_eq(error_at(&d->errors, 1),
               "authentication option \"map\" is only valid for authentication methods ident, "
               "peer, gssapi, sspi, and cert",
               "H67: option on the continuation line");
    d = hba_load(a, "local all a\\\\\n\nlocal all b trust\n", 15);
    tap_str_eq(error_at(&d->errors, 1), "end-of-line before authentication method",
               "\\\\ then an empty line continues only once");
    tap_ok(rule_at(d, 3) != NULL, "and the line after the empty one is its own record");
    d = hba_load(a, "local all all peer \\", 15);
    tap_str_eq(rule_at(d, 1) ? rule_at(d, 1)->method : NULL, "peer",
               "a backslash at end of file continues into nothing");
}

static void test_crlf_and_nul(arena *a)
{
    hba_doc *d = hba_load(a, "local \"all\",x all trust\r\n", 15);
    const hba_rule *r = rule_at(d, 1);
    tap_str_eq(r ? toks(a, &r->databases) : NULL, "\"all|x", "H68: CRLF stripped, \"all\" literal");
    d = hba_load(a, "local all all trust\r\r\n", 19);
    tap_ok(rule_at(d, 1) != NULL, "master: all trailing CRs are stripped too");
    static const char nul14[] = "local all all trust\0xyz\nhost all all 127.0.0.1/32 md5\n"
                                "local all bob trust\n";
    d = hba_load_n(a, nul14, sizeof nul14 - 1, 15, NULL);
    tap_str_eq(error_at(&d->errors, 1), "invalid authentication method \"trusthost\"",
               "14+: a NUL hides the rest of its line and joins the next line");
    tap_ok(rule_at(d, 3) != NULL, "the following line keeps its real line number");
    tap_ok(d->warnings.n >= 1, "a NUL byte gives a warning");
    d = hba_load_n(a, nul14, sizeof nul14 - 1, 13, NULL);
    tap_ok(rule_at(d, 1) != NULL && rule_at(d, 2) != NULL,
           "12–13: a NUL only truncates its own line");
}

static void test_token_limits(arena *a)
{
    strbuf b = {0};
    strbuf_puts(a, &b, "local all ");
    for (int i = 0; i < 10239; i++)
        strbuf_putc(a, &b, 'b');
    strbuf_puts(a, &b, " trust\n");
    hba_doc *d = hba_load(a, b.data, 15);
    tap_int_eq((long long)d->rules.n, 1, "15: a 10239-byte token is accepted");
    b.len -= 7;
    strbuf_puts(a, &b, ",x trust\n");
    d = hba_load(a, b.data, 15);
    tap_ok(error_at(&d->errors, 1) &&
               strncmp(error_at(&d->errors, 1),
                       "authentication file token too long, skipping: \"bbb",
                       strlen("authentication file token too long, skipping: \"bbb")) == 0,
           "15: a full token followed by a comma is too long");
    b.len = 0;
    strbuf_puts(a, &b, "local all ");
    for (int i = 0; i < 10300; i++)
        strbuf_putc(a, &b, 'a');
    strbuf_puts(a, &b, " trust\n");
    d = hba_load(a, b.data, 12);
    const char *e = error_at(&d->errors, 1);
    tap_ok(e && strlen(e) == strlen("authentication file token too long, skipping: \"\"") + 10239,
           "H65 (12–15): message shows the first 10239 bytes");
    d = hba_load(a, b.data, 16);
    tap_int_eq((long long)d->rules.n, 1, "H65 (16+): no token limit");
    b.len = 0;
    strbuf_puts(a, &b, "local all ");
    for (int i = 0; i < 300; i++)
        strbuf_putc(a, &b, 'd');
    strbuf_puts(a, &b, " trust\n");
    d = hba_load(a, b.data, 14);
    tap_int_eq((long long)d->rules.n, 1, "H66: 300 bytes are fine after the 2023 minors");

    /* 12–13 read lines through a 20480-byte fgets buffer */
    b.len = 0;
    strbuf_puts(a, &b, "local all u trust #");
    while (b.len < 20479)
        strbuf_putc(a, &b, 'x');
    strbuf_puts(a, &b, "yz\nlocal all v trust\n");
    d = hba_load(a, b.data, 13);
    tap_str_eq(error_at(&d->errors, 1), "authentication file line too long",
               "13: a line filling the read buffer is too long");
    tap_ok(d->errors.n == 2 && strcmp(((diag *)d->errors.items[1])->message,
                                      "invalid connection type \"yz\"") == 0,
           "13: the rest of that line is read as a line of its own");
    d = hba_load(a, b.data, 14);
    tap_int_eq((long long)d->rules.n, 2, "14: no line length limit");
}

static void test_spans_and_roundtrip(arena *a)
{
    static const char text[] = "# c\r\nhost \"a b\",c all \\\n 10.0.0.0/8 md5 # x\nlocal";
    hba_doc *d = hba_load(a, text, 15);
    const auth_tree *t = hba_doc_tree(d, d->root);
    const auth_node *n = t->nodes.items[1];
    const hba_token *q = n->tokens.items[1];
    tap_int_eq((long long)q->off, 10, "quoted token span starts at its quote");
    tap_int_eq((long long)q->len, 5, "and covers both quotes");
    const hba_token *addr = n->tokens.items[4];
    tap_int_eq((long long)addr->off, (long long)(strstr(text, "10.0") - text),
               "token after a continuation points into the second physical line");
    tap_ok(source_roundtrips(d), "source printed from the tree equals the input");
    const hba_rule *r = rule_at(d, 2);
    tap_ok(r && r->line == 2, "continued record reports its first physical line");
    const diag *g = d->errors.n ? d->errors.items[0] : NULL;
    tap_ok(g && g->line == 4 && g->col == 6, "error at end of line: line 4, column after text");

    static const char *const tricky[] = {
        "", "\n", "\r\n", "no newline", "a\\", "\\\n\\\n", "x \"unterminated\\\n rest",
        "\0\0\n\0", "local all all trust\0\0\0\nx\n", "\xff\xfe \"\xc3\x28\" #\x80\n",
        "a,,,\t\r\r\n,,\n", "@\n@@\n\"@x\"\n",
    };
    int all_ok = 1;
    for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
        size_t len = strlen(tricky[i]);
        if (i == 7)
            len = 4;
        if (i == 8)
            len = sizeof "local all all trust\0\0\0\nx\n" - 1;
        for (int v = 12; v <= 19; v++)
            all_ok &= source_roundtrips(hba_load_n(a, tricky[i], len, v, NULL));
    }
    tap_ok(all_ok, "tricky inputs round-trip in every version");
}

int main(void)
{
    arena *a = arena_new();
    test_blanks_commas_quotes(a);
    test_keywords_and_at(a);
    test_continuation(a);
    test_crlf_and_nul(a);
    test_token_limits(a);
    test_spans_and_roundtrip(a);
    arena_free(a);
    return tap_done();
}

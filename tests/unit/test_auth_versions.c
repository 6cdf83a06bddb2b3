/* test_auth_versions.c — what changes between versions in reading pg_hba.conf
 * and pg_ident.conf: @file messages and nesting, 16+ include directives and
 * /regex, and pg_ident.conf (spec §3.9, §4; vectors H09, H10, H54–H59,
 * I01–I10). Files for includes are written to a temporary directory. */
#include <dirent.h>
#include <sys/stat.h>

#include "auth_regex.h"
#include "auth_test_util.h"
#include "tests/tap.h"

static char dir[256];

static void test_at_files(arena *a)
{
    write_file(dir, "users.txt", "alice\n\"bob smith\", carol # c\n\n+grp\n");
    hba_doc *d = hba_load_n(a, "local all @users.txt trust\n", 27, 15, dir);
    const hba_rule *r = rule_at(d, 1);
    tap_str_eq(r ? toks(a, &r->users) : NULL, "alice|\"bob smith|carol|+grp",
               "H09: @file tokens, fields flattened, quoted flags kept");
    tap_ok(r && ((const hba_token *)r->users.items[0])->via != NULL,
           "expanded tokens remember the @token they came from");
    const char *h10 = "host all +admins,@missing.txt 127.0.0.1/32 md5\n";
    d = hba_load_n(a, h10, strlen(h10), 15, dir);
    tap_str_eq(error_at(&d->errors, 1),
               arena_printf(a, "could not open secondary authentication file \"@missing.txt\" as "
                               "\"%s/missing.txt\": No such file or directory",
                            dir),
               "H10 (12–15)");
    tap_str_eq(d->errors.n ? ((diag *)d->errors.items[0])->code : NULL, "include-error",
               "H10: include-error code");
    d = hba_load_n(a, h10, strlen(h10), 16, dir);
    tap_str_eq(error_at(&d->errors, 1),
               arena_printf(a, "could not open file \"%s/missing.txt\": No such file or directory", dir),
               "H10 (16+)");
    write_file(dir, "loop.txt", "x,@loop.txt\n");
    d = hba_load_n(a, "local all @loop.txt trust\n", 26, 16, dir);
    tap_str_eq(error_at(&d->errors, 1),
               arena_printf(a, "could not open file \"%s/loop.txt\": maximum nesting depth exceeded", dir),
               "16+: @file nesting stops at depth 10");
    write_file(dir, "m.txt", "local\n");
    d = hba_load_n(a, "@m.txt all all trust\n", 21, 15, dir);
    tap_str_eq(rule_at(d, 1) ? rule_at(d, 1)->type : NULL, "local", "@file works in any field");
}

static void test_regex(arena *a)
{
    hba_doc *d = hba_load(a, "local /^db.*$ all trust\nlocal all /^(bad trust\nlocal all \"/^x$\" trust\n", 15);
    tap_int_eq((long long)d->rules.n, 3, "H54/H55 (12–15): /names are literals");
    d = hba_load(a, "local /^db.*$ all trust\nlocal all /^(bad trust\nlocal all \"/^(x\" trust\n", 16);
    tap_ok(rule_at(d, 1) != NULL, "H54 (16+): a regex");
    tap_str_eq(error_at(&d->errors, 2), "invalid regular expression \"^(bad\": parentheses () not balanced",
               "H55 (16+)");
    tap_str_eq(error_at(&d->errors, 3), "invalid regular expression \"^(x\": parentheses () not balanced",
               "H56: quoting does not stop regex compilation");
    static const struct { const char *re, *want; } cases[] = {
        {"[z-a]", "invalid character range"},     {"a**", "quantifier operand invalid"},
        {"\\q", "invalid escape \\ sequence"},     {"[[:foo:]]", "invalid character class"},
        {"x\\2", "invalid backreference number"}, {"a(?i)b", "quantifier operand invalid"},
        {"a{3,2}", "invalid repetition count(s)"}, {"a{256}", "invalid repetition count(s)"},
        {"a{2", "braces {} not balanced"},        {"[a", "brackets [] not balanced"},
        {"a)", "parentheses () not balanced"},    {"(?=a)*", "quantifier operand invalid"},
        {"[[.bogus.]]", "invalid collating element"}, {"(?z)a", "invalid embedded option"},
        {"[a-\\d]", "invalid character range"},   {"***", "quantifier operand invalid"},
        {"(a)\\1", NULL},      {"(?i)abc", NULL},  {"a{,2}", NULL},       {"[[.space.]]", NULL},
        {"\\mabc\\M", NULL},   {"a+?", NULL},      {"[]a]", NULL},        {"\\x41\\u0041", NULL},
        {"***=a(b", NULL},     {"(?:a|b)+", NULL}, {"[[:<:]]a", NULL},    {"a{1,255}", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        tap_str_eq(auth_regex_error(cases[i].re, strlen(cases[i].re)), cases[i].want,
                   arena_printf(a, "ARE: %s (checked with the 16 oracle)", cases[i].re));
}

static void test_includes(arena *a)
{
    write_file(dir, "other.conf", "local all other trust\ninclude sub/nested.conf\n");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0755);
    write_file(sub, "nested.conf", "local all nested trust\n");
    snprintf(sub, sizeof sub, "%s/conf.d", dir);
    mkdir(sub, 0755);
    write_file(sub, "b.conf", "local all b trust\n");
    write_file(sub, "10.conf", "local all ten trust\n");
    write_file(sub, "a.txt", "local all txt trust\n");
    write_file(sub, ".hidden.conf", "local all hidden trust\n");
    const char *text = "include other.conf\ninclude_if_exists missing.conf\ninclude_dir conf.d\n"
                       "include a b\ninclude missing.conf\nlocal all last trust\n";
    hba_doc *d = hba_load_n(a, text, strlen(text), 15, dir);
    tap_str_eq(error_at(&d->errors, 1), "invalid connection type \"include\"", "H57 (12–15)");
    d = hba_load_n(a, text, strlen(text), 16, dir);
    const char *order = "";
    for (size_t i = 0; i < d->rules.n; i++)
        order = arena_printf(a, "%s%s%s", order, i ? "," : "",
                             toks(a, &((const hba_rule *)d->rules.items[i])->users));
    tap_str_eq(order, "other,nested,ten,b,last",
               "H57 (16+): includes spliced in place, nested relative to the includer, dir sorted");
    const hba_rule *r = d->rules.n > 1 ? d->rules.items[1] : NULL;
    tap_str_eq(r ? r->src->path : NULL, "sub/nested.conf", "included file keeps its own name");
    tap_ok(r && r->line == 1, "and its own line numbers");
    tap_str_eq(error_at(&d->errors, 4), "invalid connection type \"include\"", "H59: three fields");
    tap_str_eq(error_at(&d->errors, 5),
               arena_printf(a, "could not open file \"%s/missing.conf\": No such file or directory", dir),
               "H57 (16+): missing include");
    tap_ok(error_at(&d->errors, 2) == NULL, "H58: include_if_exists with a missing file is no error");
    int skipped = 0;
    for (size_t i = 0; i < d->warnings.n; i++)
        skipped |= strstr(((diag *)d->warnings.items[i])->message,
                          "skipping missing authentication file") != NULL;
    tap_ok(skipped, "H58: it is logged as skipped");
    const char *bad = "include_dir \"\"\ninclude_dir nodir\n";
    d = hba_load_n(a, bad, strlen(bad), 17, dir);
    tap_str_eq(error_at(&d->errors, 1), "empty configuration directory name: \"\"", "empty include_dir");
    tap_str_eq(error_at(&d->errors, 2),
               arena_printf(a, "could not open configuration directory \"%s/nodir\": No such file or "
                               "directory",
                            dir),
               "missing include_dir");
    write_file(dir, "self.conf", "include self.conf\n");
    d = hba_load_n(a, "include self.conf\nlocal all x trust\n", 36, 16, dir);
    tap_int_eq((long long)d->errors.n, 1, "self-include: one error, at the deepest level");
    tap_str_eq(d->errors.n ? ((diag *)d->errors.items[0])->path : NULL, "self.conf",
               "self-include: reported in self.conf");
    d = hba_load(a, "# only comments\n\n", 15);
    tap_str_eq(error_at(&d->errors, 0),
               "configuration file \"/nonexistent-dir/pg_hba.conf\" contains no entries", "H69");
}

static void test_ident(arena *a)
{
    ident_doc *d = ident_load(a, "mymap /^(.*)@EXAMPLE\\.COM$ \\1\n", 15, dir);
    const ident_map *m = d->maps.n ? d->maps.items[0] : NULL;
    tap_str_eq(m ? m->system_user : NULL, "/^(.*)@EXAMPLE\\.COM$", "I01: regex system user");
    tap_str_eq(m ? m->pg_user : NULL, "\\1", "I01: \\1 pg user");
    d = ident_load(a, "\nmymap sys\n", 15, dir);
    tap_str_eq(error_at(&d->errors, 2),
               arena_printf(a, "missing entry in file \"%s/pg_ident.conf\" at end of line 2", dir),
               "I02 (12–15)");
    d = ident_load(a, "mymap sys\n", 16, dir);
    tap_str_eq(error_at(&d->errors, 1), "missing entry at end of line", "I02 (16+)");
    d = ident_load(a, "mymap a,b c\n", 15, dir);
    tap_str_eq(error_at(&d->errors, 1), "multiple values in ident field", "I03");
    d = ident_load(a, "mymap sys pg extra\n", 15, dir);
    tap_int_eq((long long)d->maps.n, 1, "I04: extra fields ignored");
    d = ident_load(a, "mymap /^(bad pg\n", 12, dir);
    tap_str_eq(error_at(&d->errors, 1), "invalid regular expression \"^(bad\": parentheses () not balanced",
               "I05 (all versions)");
    d = ident_load(a, "mymap \"Sys User\" \"pg\"\n", 15, dir);
    m = d->maps.n ? d->maps.items[0] : NULL;
    tap_str_eq(m ? m->system_user : NULL, "Sys User", "I06");
    d = ident_load(a, "m sys +grp\nm sys all\nm sys /^(x\n", 15, dir);
    tap_int_eq((long long)d->maps.n, 3, "I07/I08 (12–15): +grp, all and /^(x are plain names");
    d = ident_load(a, "m sys +grp\nm sys all\nm sys /^(x\n", 16, dir);
    tap_str_eq(error_at(&d->errors, 3), "invalid regular expression \"^(x\": parentheses () not balanced",
               "16+: the PG-user column can be a regex");
    write_file(dir, "map.d.conf", "m9 s9 p9\n");
    d = ident_load(a, "include map.d.conf\nm1 s1 p1\n", 16, dir);
    tap_int_eq((long long)d->maps.n, 2, "I10 (16+): include in pg_ident.conf");
    d = ident_load(a, "include_dir conf.d\n", 15, dir);
    tap_str_eq(error_at(&d->errors, 1),
               arena_printf(a, "missing entry in file \"%s/pg_ident.conf\" at end of line 1", dir),
               "I10 (12–15): only two fields");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/pgcl-auth-test-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    arena *a = arena_new();
    test_at_files(a);
    test_regex(a);
    test_includes(a);
    test_ident(a);
    arena_free(a);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return tap_done();
}

/* test_conf_include — include / include_if_exists / include_dir (grammar.md
 * §1.6): order, path resolution, the listing rules, the checks and their
 * messages, and the syntax error cap (§1.5). Works in a fresh temp dir. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "conf_doc.h"
#include "conf_include.h"
#include "conf_model.h"
#include "source.h"
#include "tests/tap.h"

static arena *A;
static char dir[256];

static void put(const char *rel, const char *fmt, ...)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fclose(f);
}

static void mk(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    mkdir(path, 0755);
}

static const char *P(const char *rel) { return arena_printf(A, "%s/%s", dir, rel); }

/* A catalog that knows nothing: every setting here is a dotted name. */
static const guc_param *find_none(int v, const char *n)
{
    (void)v;
    (void)n;
    return NULL;
}
static void check_all(arena *a, const guc_param *p, int v, const char *value, guc_value_result *r)
{
    (void)a; (void)p; (void)v;
    r->ok = 1;
    r->normalized = value;
}
static const conf_catalog none_catalog = {find_none, check_all};

static load_opts opts(int version)
{
    load_opts o = {.pg_version = version, .follow_includes = 1, .allow_outside = 1};
    return o;
}

static conf_doc *load_v(const char *root_rel, const char *auto_rel, int version)
{
    source *root = NULL, *au = NULL;
    const char *err = NULL;
    if (source_read_file(A, P(root_rel), &root, &err) != 0) {
        fprintf(stderr, "cannot read %s: %s\n", root_rel, err);
        exit(2);
    }
    if (auto_rel && source_read_file(A, P(auto_rel), &au, &err) != 0)
        exit(2);
    load_opts o = opts(version);
    return conf_doc_load_catalog(A, root, au, &o, &none_catalog);
}

static conf_doc *load(const char *root_rel) { return load_v(root_rel, NULL, 15); }

/* "name=value@line name=value@line ..." */
static const char *settings_desc(const conf_doc *d)
{
    strbuf b = {0};
    strbuf_puts(A, &b, "");
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        strbuf_printf(A, &b, "%s%s=%s@%d", i ? " " : "", s->name, s->value, s->line);
    }
    return b.data;
}

static const diag *err(const conf_doc *d, size_t i)
{
    return i < d->errors.n ? d->errors.items[i] : NULL;
}

static void check_err(const conf_doc *d, size_t i, const char *msg, const char *file, int line,
                      const char *code, const char *what)
{
    const diag *g = err(d, i);
    if (!tap_ok(g != NULL, what))
        return;
    tap_str_eq(g->message, msg, "  message");
    tap_str_eq(g->path, file, "  file");
    tap_int_eq(g->line, line, "  line");
    tap_str_eq(g->code, code, "  code");
}

int main(void)
{
    A = arena_new();
    snprintf(dir, sizeof dir, "/tmp/pgcl-conf-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }

    /* P58: listing rules and byte order */
    mk("cd");
    mk("cd/d.conf");
    put("cd/10.conf", "a.v = 10\n");
    put("cd/9.conf", "a.v = 9\n");
    put("cd/B.conf", "a.v = B\n");
    put("cd/a.conf", "a.v = a\n");
    put("cd/b.conf", "a.v = b\n");
    put("cd/.hidden.conf", "a.v = hidden\n");
    put("cd/.conf", "a.v = dot\n");
    put("cd/c.conf~", "a.v = tilde\n");
    put("cd/x.CONF", "a.v = upper\n");
    put("cd/d.conf/in.conf", "a.v = subdir\n");
    put("p58.conf", "a.first = 1\ninclude_dir 'cd'\na.last = 2\n");
    conf_doc *d = load("p58.conf");
    tap_str_eq(settings_desc(d), "a.first=1@1 a.v=10@1 a.v=9@1 a.v=B@1 a.v=a@1 a.v=b@1 a.last=2@3",
               "P58 include_dir order and filtering");
    tap_int_eq((long long)d->errors.n, 0, "P58 no errors");
    tap_str_eq(((conf_setting *)d->settings.items[1])->src->path, P("cd/10.conf"),
               "include_dir file shown under the directory");

    /* relative resolution, nesting, include_if_exists */
    mk("sub");
    put("sub/s.conf", "a.s = 1\ninclude 't.conf'\ninclude '../top2.conf'\ninclude './t.conf'\n");
    put("sub/t.conf", "a.t = 1\n");
    put("top2.conf", "a.top2 = 1\n");
    put("rel.conf",
        "a.r = 1\ninclude 'sub/s.conf'\ninclude_if_exists 'nx.conf'\nINCLUDE_IF_EXISTS = 'sub/nx2.conf'\na.end = 1\n");
    d = load("rel.conf");
    tap_str_eq(settings_desc(d), "a.r=1@1 a.s=1@1 a.t=1@1 a.top2=1@1 a.t=1@1 a.end=1@5",
               "relative includes resolve against the including file");
    tap_int_eq((long long)d->errors.n, 0, "missing include_if_exists is no error");
    tap_int_eq((long long)d->notes.n, 2, "two skipped-file notes");
    if (d->notes.n == 2) {
        const diag *n0 = d->notes.items[0], *n1 = d->notes.items[1];
        tap_str_eq(n0->message, arena_printf(A, "skipping missing configuration file \"%s\"", P("nx.conf")),
                   "P52 message");
        tap_str_eq(n1->message,
                   arena_printf(A, "skipping missing configuration file \"%s\"", P("sub/nx2.conf")),
                   "P55 upper-case directive");
        tap_int_eq(n1->line, 4, "note line");
    }
    tap_ok(d->sources.n == 4, "sources: root, s, t, top2 (t read once)");
    tap_ok(conf_doc_tree(d, d->sources.items[1]) != NULL, "tree of an included file");

    /* P53, P54, P59: failures keep the rest of the file */
    put("fail.conf",
        "include 'nx.conf'\ninclude ''\ninclude_dir 'nope'\na.x = 1\ninclude_dir '  '\ninclude_if_exists '\\t\\n'\n");
    d = load("fail.conf");
    tap_str_eq(settings_desc(d), "a.x=1@4", "settings after failed includes");
    check_err(d, 0,
              arena_printf(A, "could not open configuration file \"%s\": No such file or directory",
                           P("nx.conf")),
              P("fail.conf"), 1, "include-error", "P53 missing include");
    tap_int_eq(err(d, 0)->col, 9, "  column of the path");
    check_err(d, 1, "empty configuration file name: \"\"", P("fail.conf"), 2, "include-error",
              "P54 empty name");
    check_err(d, 2,
              arena_printf(A, "could not open configuration directory \"%s\": No such file or directory",
                           P("nope")),
              P("fail.conf"), 3, "include-error", "P59 missing directory");
    check_err(d, 3, "empty configuration directory name: \"  \"", P("fail.conf"), 5,
              "include-error", "blank directory name");
    check_err(d, 4, "empty configuration file name: \"\t\n\"", P("fail.conf"), 6,
              "include-error", "whitespace-only name (de-escaped)");
    tap_int_eq((long long)d->errors.n, 5, "five include errors");

    /* P56 self include; P57 loop */
    put("self.conf", "a.x = 1\ninclude 'self.conf'\n");
    d = load("self.conf");
    check_err(d, 0, arena_printf(A, "configuration file recursion in \"%s\"", P("self.conf")),
              P("self.conf"), 2, "include-error", "P56 recursion");
    put("self2.conf", "include './sub/../self2.conf'\n");
    d = load("self2.conf");
    tap_str_eq(err(d, 0) ? err(d, 0)->message : NULL,
               arena_printf(A, "configuration file recursion in \"%s\"", P("self2.conf")),
               "recursion seen through a canonicalized path (15)");
    d = load_v("self2.conf", NULL, 14);
    tap_str_eq(err(d, 0) ? err(d, 0)->message : NULL,
               "could not open configuration file \"./sub/../self2.conf\": maximum nesting depth exceeded",
               "14 keeps the inner .. and only the depth limit stops it");
    put("loop1.conf", "include 'loop2.conf'\na.l1 = 1\n");
    put("loop2.conf", "include 'loop1.conf'\n");
    put("loop.conf", "include 'loop1.conf'\n");
    d = load("loop.conf");
    check_err(d, 0, "could not open configuration file \"loop1.conf\": maximum nesting depth exceeded",
              P("loop2.conf"), 1, "include-error", "P57 nesting depth");
    tap_int_eq((long long)d->errors.n, 1, "P57 one error");
    tap_int_eq((long long)d->settings.n, 5, "P57 settings of the files that were read");

    /* include_dir: a dangling symlink; the first failing file ends the directory */
    mk("dang");
    put("dang/a.conf", "a.a = 1\n");
    if (symlink(P("nowhere"), P("dang/z.conf")) != 0)
        perror("symlink");
    put("dang.conf", "include_dir 'dang'\na.after = 1\n");
    d = load("dang.conf");
    check_err(d, 0,
              arena_printf(A, "could not stat file \"%s\": No such file or directory", P("dang/z.conf")),
              P("dang.conf"), 1, "include-error", "dangling symlink in include_dir");
    tap_str_eq(settings_desc(d), "a.after=1@2", "no file of that directory is read");
    mk("stop");
    put("stop/1.conf", "a.one = 1\n");
    put("stop/2.conf", "bad line here\na.two = 2\n");
    put("stop/3.conf", "a.three = 3\n");
    put("stop.conf", "include_dir 'stop'\na.after = 1\n");
    d = load("stop.conf");
    tap_str_eq(settings_desc(d), "a.one=1@1 a.two=2@2 a.after=1@2",
               "the file with a syntax error ends include_dir");
    check_err(d, 0,
              arena_printf(A, "syntax error in file \"%s\" line 1, near token \"here\"", P("stop/2.conf")),
              P("stop/2.conf"), 1, "conf-syntax-error", "syntax error in an included file");

    /* a directory named by include: PostgreSQL's scanner fails on it */
    put("incdir.conf", "include 'sub'\na.after = 1\n");
    d = load("incdir.conf");
    check_err(d, 0, arena_printf(A, "input in flex scanner failed at file \"%s\" line 1", P("sub")),
              P("sub"), 1, "include-error", "include of a directory");

    /* absolute paths are used as written */
    put("abs.conf", "include '%s//./top2.conf'\ninclude '%s/nx.conf'\n", dir, dir);
    d = load("abs.conf");
    tap_ok(d->settings.n == 1 &&
               strcmp(((conf_setting *)d->settings.items[0])->src->path,
                      arena_printf(A, "%s//./top2.conf", dir)) == 0,
           "absolute include shown as written");
    check_err(d, 0,
              arena_printf(A, "could not open configuration file \"%s/nx.conf\": No such file or directory", dir),
              P("abs.conf"), 2, "include-error", "absolute missing include");

    /* 100 syntax errors, then PostgreSQL abandons the file */
    {
        FILE *f = fopen(P("many.conf"), "w");
        for (int i = 0; i < 105; i++)
            fprintf(f, "a b c\na.ok%d = 1\n", i);
        fclose(f);
        d = load("many.conf");
        tap_int_eq((long long)d->errors.n, 101, "100 syntax errors and the give-up message");
        check_err(d, 100,
                  arena_printf(A, "too many syntax errors found, abandoning file \"%s\"", P("many.conf")),
                  P("many.conf"), 199, "conf-syntax-error", "give-up message");
        tap_int_eq((long long)d->settings.n, 99, "settings after the 100th error are not read");
    }

    /* postgresql.auto.conf: after the main file, only when it had no error */
    put("main.conf", "a.m = 1\n");
    put("postgresql.auto.conf", "a.auto = 2\ninclude 'sub/t.conf'\n");
    d = load_v("main.conf", "postgresql.auto.conf", 15);
    tap_str_eq(settings_desc(d), "a.m=1@1 a.auto=2@1 a.t=1@1", "auto.conf settings follow");
    tap_ok(d->settings.n == 3 && !((conf_setting *)d->settings.items[0])->from_auto_conf &&
               ((conf_setting *)d->settings.items[1])->from_auto_conf,
           "from_auto_conf flags");
    {
        /* the printers: JSON per docs/parse-json.md, source from the tree */
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        conf_doc_write_json(d, f);
        fclose(f);
        tap_ok(buf && strstr(buf, "\"kind\": \"conf\"") && strstr(buf, "\"pg_version\": 15") &&
                   strstr(buf, "\"name\": \"a.auto\"") && strstr(buf, "\"auto\": true") &&
                   strstr(buf, "\"errors\": []"),
               "JSON output");
        free(buf);
        buf = NULL;
        f = open_memstream(&buf, &len);
        conf_doc_write_source(d, f);
        fclose(f);
        tap_ok(len == d->root->len && memcmp(buf, d->root->data, len) == 0,
               "source output is the root file");
        free(buf);
    }
    put("mainbad.conf", "a.m = 1\nx y z\n");
    d = load_v("mainbad.conf", "postgresql.auto.conf", 15);
    tap_str_eq(settings_desc(d), "a.m=1@1", "auto.conf not read after an error");
    tap_ok(!d->parse_ok, "parse_ok is 0");

    /* follow_includes = 0 */
    {
        source *root = NULL;
        const char *e = NULL;
        source_read_file(A, P("rel.conf"), &root, &e);
        load_opts o = opts(15);
        o.follow_includes = 0;
        d = conf_doc_load_catalog(A, root, NULL, &o, &none_catalog);
        tap_str_eq(settings_desc(d), "a.r=1@1 a.end=1@5", "follow_includes=0 reads the root only");
    }

    /* relative root: shown paths stay relative */
    if (chdir(dir) == 0) {
        source *root = NULL;
        const char *e = NULL;
        source_read_file(A, "rel.conf", &root, &e);
        load_opts o = opts(15);
        d = conf_doc_load_catalog(A, root, NULL, &o, &none_catalog);
        tap_ok(d->settings.n >= 3 &&
                   strcmp(((conf_setting *)d->settings.items[1])->src->path, "sub/s.conf") == 0 &&
                   strcmp(((conf_setting *)d->settings.items[2])->src->path, "sub/t.conf") == 0 &&
                   strcmp(((conf_setting *)d->settings.items[3])->src->path, "top2.conf") == 0,
               "relative display paths");
        tap_ok(d->settings.n >= 1 &&
                   strcmp(((conf_setting *)d->settings.items[0])->pg_path, P("rel.conf")) == 0,
               "PostgreSQL's name is absolute");
    }

    /* path helpers */
    tap_str_eq(conf_canonicalize(A, "/a/b/../c/./d//e/", 15), "/a/c/d/e", "canonicalize 15");
    tap_str_eq(conf_canonicalize(A, "/a/b/../c/./d//e/", 14), "/a/b/../c/./d/e", "canonicalize 14");
    tap_str_eq(conf_canonicalize(A, "/a/b/c/..", 14), "/a/b", "canonicalize 14: trailing ..");
    tap_str_eq(conf_canonicalize(A, "/a/b/c/.", 12), "/a/b/c", "canonicalize 12: trailing .");
    tap_str_eq(conf_canonicalize(A, "../x", 15), "../x", "relative .. kept");
    tap_str_eq(conf_include_abs_path(A, "./x.conf", "/d", 14), "/d/x.conf", "./ dropped when joining");
    tap_str_eq(conf_include_abs_path(A, "/q//r.conf", "/d", 15), "/q//r.conf", "absolute as written");
    tap_str_eq(conf_parent_dir(A, "/a/b.conf"), "/a", "parent dir");
    tap_str_eq(conf_parent_dir(A, "/b.conf"), "/", "parent dir of a top-level file");
    tap_str_eq(conf_include_display_path(A, "x/../y.conf", "etc/postgresql.conf", 15), "etc/y.conf",
               "display path");
    tap_str_eq(conf_include_display_path(A, "../x/y.conf", "etc/postgresql.conf", 14),
               "etc/../x/y.conf", "display path before 15 keeps ..");
    tap_str_eq(conf_include_display_path(A, "./y.conf", "postgresql.conf", 15), "y.conf",
               "display path of a bare root name");
    tap_ok(conf_include_name_is_empty(" \t\r\n") && !conf_include_name_is_empty(" x"),
           "empty-name rule");

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    arena_free(A);
    return tap_done();
}

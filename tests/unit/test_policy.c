/* test_policy — the policy machinery below the CLI: glob matching, effective
 * values (units, last-wins, auto.conf, defaults, list items), bounded PCRE2
 * matching, OpenSSL cipher strings, address specs, rule enabling and
 * severities across layers, and inline suppressions. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "conf_doc.h"
#include "effective.h"
#include "hba_constraints.h"
#include "hba_doc.h"
#include "lint.h"
#include "policy.h"
#include "policy_regex.h"
#include "security_conf.h"
#include "source.h"
#include "suppress.h"
#include "tests/tap.h"

static arena *A;

static conf_doc *conf_text(const char *text, const char *auto_text, int version)
{
    source *s = source_from_buffer(A, "postgresql.conf", text, strlen(text));
    s->dir = "/nonexistent";
    s->kind = KIND_CONF;
    source *au = NULL;
    if (auto_text) {
        au = source_from_buffer(A, "postgresql.auto.conf", auto_text, strlen(auto_text));
        au->dir = "/nonexistent";
        au->kind = KIND_CONF;
    }
    load_opts o = {.pg_version = version, .follow_includes = 1};
    return conf_doc_load(A, s, au, &o);
}

static hba_doc *hba_text(const char *text, int version)
{
    source *s = source_from_buffer(A, "pg_hba.conf", text, strlen(text));
    s->dir = "/nonexistent";
    s->kind = KIND_HBA;
    load_opts o = {.pg_version = version, .follow_includes = 1};
    return hba_doc_load(A, s, &o);
}

static void test_globs(void)
{
    tap_ok(policy_glob_match("**/pg_hba*.conf", "pg_hba.conf"), "** matches no directory");
    tap_ok(policy_glob_match("**/pg_hba*.conf", "a/b/pg_hba_prod.conf"), "** matches directories");
    tap_ok(!policy_glob_match("**/pg_hba*.conf", "a/b/postgresql.conf"), "** keeps the name");
    tap_ok(policy_glob_match("*.hba", "deep/dir/x.hba"), "a slash-less glob matches the name at any depth");
    tap_ok(policy_glob_match("legacy/**", "legacy/old/pg_hba.conf"), "trailing ** matches below");
    tap_ok(!policy_glob_match("legacy/**", "new/legacy.conf"), "a directory glob keeps its root");
    tap_ok(!policy_glob_match("conf/*.conf", "conf/sub/x.conf"), "* stays inside a segment");
    tap_ok(policy_glob_match("conf/[ab].conf", "conf/b.conf"), "character classes");
    tap_ok(policy_glob_match("./pg_hba.conf", "pg_hba.conf"), "./ pins a name to the top");
    tap_ok(!policy_glob_match("./pg_hba.conf", "sub/pg_hba.conf"), "... and only the top");
    tap_ok(policy_glob_match("./conf/*.conf", "conf/x.conf"), "./ before a path changes nothing");
    tap_ok(policy_glob_never_matches("legacy/**") == NULL &&
               policy_glob_never_matches("./x") == NULL && policy_glob_never_matches("..x/y") == NULL,
           "a relative glob can match");
    tap_str_eq(policy_glob_never_matches("/etc/pg_hba.conf"), "is absolute", "an absolute glob never matches");
    tap_ok(policy_glob_never_matches("../x") && policy_glob_never_matches("a/../b") &&
               policy_glob_never_matches("a/.."),
           "a glob with a .. segment never matches");

    const char *y = "files: {hba: ['**/*.hba'], conf: ['**/postgresql*.conf']}\n"
                    "exclude: ['legacy/**', 'tmp/']\n";
    policy *p = policy_load_text("t.yaml", "/", y, strlen(y));
    tap_int_eq((long long)policy_errors(p)->n, 0, "files/exclude policy loads");
    tap_int_eq(policy_kind_for_path(p, "envs/prod.hba"), KIND_HBA, "files: gives a walked file its kind");
    tap_int_eq(policy_kind_for_path(p, "envs/postgresql-prod.conf"), KIND_CONF, "conf glob");
    tap_int_eq(policy_kind_for_path(p, "envs/readme.txt"), KIND_UNKNOWN, "other files stay out");
    tap_ok(policy_path_excluded(p, "legacy/x/pg_hba.conf"), "exclude: legacy/**");
    tap_ok(policy_path_excluded(p, "tmp/a/postgresql.conf"), "exclude: a directory with a slash");
    tap_ok(!policy_path_excluded(p, "prod/postgresql.conf"), "exclude leaves the rest");
    policy_free(p);
}

static void test_effective(void)
{
    conf_doc *d = conf_text("work_mem = 1GB\nWork_Mem = '512MB'\nssl = true\n"
                            "shared_preload_libraries = '$libdir/pgaudit.so, pg_stat_statements'\n",
                            "work_mem = '2GB'\n", 18);
    effective_conf *e = effective_build(A, d, 18);
    eff_value v;
    tap_ok(effective_get(e, "work_mem", &v), "work_mem is known");
    tap_ok(v.setting && v.setting->from_auto_conf, "auto.conf wins over postgresql.conf");
    tap_ok(v.valid && v.number == 2.0 * 1024 * 1024, "2GB in kB (work_mem's unit)");
    double n;
    tap_ok(effective_parse(A, v.param, 18, "2048MB", &n, NULL) && n == v.number,
           "2048MB compares equal to 2GB");
    tap_ok(effective_get(e, "ssl", &v) && v.valid && v.number == 1 && strcmp(v.canonical, "on") == 0,
           "ssl = true is on");
    tap_ok(effective_get(e, "log_disconnections", &v) && !v.setting && v.valid && v.number == 0,
           "an unset parameter has its default");
    tap_ok(!effective_get(e, "no_such_parameter", &v), "unknown and unset: nothing");
    tap_ok(effective_get(e, "password_encryption", &v) && strcmp(v.canonical, "scram-sha-256") == 0,
           "18's default password_encryption");
    effective_conf *e13 = effective_build(A, conf_text("password_encryption = on\n", NULL, 13), 13);
    tap_ok(effective_get(e13, "password_encryption", &v) && strcmp(v.canonical, "md5") == 0,
           "13 reads password_encryption = on as md5");

    ptrvec items = {0};
    effective_get(e, "shared_preload_libraries", &v);
    effective_items(A, &v, &items);
    tap_ok(items.n == 2 && strcmp(items.items[0], "pgaudit") == 0, "$libdir/pgaudit.so is pgaudit");

    effective_conf *lc = effective_build(A, conf_text("log_connections = on\n", NULL, 18), 18);
    effective_get(lc, "log_connections", &v);
    items.n = 0;
    effective_items(A, &v, &items);
    tap_int_eq((long long)items.n, 3, "18: log_connections = on is receipt, authentication, authorization");
    lc = effective_build(A, conf_text("log_connections = 'all'\n", NULL, 18), 18);
    effective_get(lc, "log_connections", &v);
    items.n = 0;
    effective_items(A, &v, &items);
    tap_int_eq((long long)items.n, 4, "18: log_connections = all adds setup_durations");

    effective_conf *pa = effective_build(A, conf_text("pgaudit.log = 'all, -misc'\n", NULL, 18), 18);
    effective_get(pa, "pgaudit.log", &v);
    items.n = 0;
    effective_items(A, &v, &items);
    int has_misc = 0, has_ddl = 0;
    for (size_t i = 0; i < items.n; i++) {
        has_misc |= strcmp(items.items[i], "misc") == 0;
        has_ddl |= strcmp(items.items[i], "ddl") == 0;
    }
    tap_ok(has_ddl && !has_misc, "pgaudit.log: all minus misc");

    effective_conf *ci = effective_build(A, conf_text("ssl_ciphers = 'HIGH:!aNULL:+3DES:@STRENGTH'\n", NULL, 18), 18);
    effective_get(ci, "ssl_ciphers", &v);
    items.n = 0;
    effective_items(A, &v, &items);
    tap_ok(items.n == 1 && strcmp(items.items[0], "high") == 0,
           "ssl_ciphers items: only what adds suites");
}

static void test_regex(void)
{
    char err[256];
    size_t off = 99;
    tap_ok(policy_regex_compile("a(b", err, sizeof err, &off) == NULL && off == 3,
           "a bad pattern fails with its offset");
    policy_regex *re = policy_regex_compile("^(a+)+$", err, sizeof err, &off);
    char subject[4096];
    memset(subject, 'a', sizeof subject - 2);
    subject[sizeof subject - 2] = 'b';
    subject[sizeof subject - 1] = '\0';
    tap_int_eq(policy_regex_match(re, subject, strlen(subject)), REGEX_LIMIT,
               "a catastrophic pattern stops at the match limit");
    tap_int_eq(policy_regex_match(re, "aaa", 3), REGEX_MATCH, "and still matches what it should");
    policy_regex_free(re);
}

static void test_ciphers(void)
{
    const char *w = ssl_ciphers_weak(A, "HIGH:MEDIUM:+3DES:!aNULL");
    tap_ok(w && strstr(w, "MEDIUM"), "PostgreSQL's default enables MEDIUM");
    tap_ok(ssl_ciphers_weak(A, "HIGH:!aNULL:!MD5") == NULL, "HIGH:!aNULL:!MD5 is fine");
    w = ssl_ciphers_weak(A, "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH");
    tap_ok(w && strstr(w, "ALL"), "ALL without !aNULL keeps the anonymous ECDH suites");
    tap_ok(ssl_ciphers_weak(A, "ALL:!aNULL:!eNULL:!MEDIUM") == NULL, "ALL with exclusions");
    w = ssl_ciphers_weak(A, "ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA");
    tap_ok(w && strstr(w, "DES-CBC3-SHA"), "a 3DES suite by name");
    tap_ok(ssl_ciphers_weak(A, "HIGH:!aNULL:+MEDIUM") == NULL, "+MEDIUM only reorders, it adds nothing");
}

static void test_addresses(void)
{
    hba_doc *d = hba_text("hostssl all all 10.0.0.0/8 scram-sha-256\n"
                          "hostssl all all all scram-sha-256\n"
                          "hostssl all all 10.1.2.0 255.255.255.0 scram-sha-256\n", 18);
    hba_addr a0 = hba_rule_addr(d->rules.items[0]), a1 = hba_rule_addr(d->rules.items[1]),
             a2 = hba_rule_addr(d->rules.items[2]);
    addr_spec s;
    tap_ok(addr_spec_parse("10.1.0.0/16", &s) == 0 && addr_spec_meets(&s, &a0),
           "10.0.0.0/8 admits addresses of 10.1.0.0/16");
    tap_ok(!addr_spec_covers(&s, &a0), "but is not inside it");
    tap_ok(addr_spec_covers(&s, &a2), "10.1.2.0 with a netmask lies inside 10.1.0.0/16");
    tap_ok(addr_spec_meets(&s, &a1), "all admits every range");
    tap_ok(addr_spec_parse("all", &s) == 0 && addr_spec_meets(&s, &a1) && !addr_spec_meets(&s, &a0),
           "the keyword all names the address all");
    tap_ok(addr_spec_parse("10.0.0.0/33", &s) != 0, "a bad prefix is refused");
}

static void test_policy_layers(void)
{
    policy *d = policy_load_profile("default");
    tap_int_eq((long long)policy_errors(d)->n, 0, "default profile loads");
    tap_ok(policy_rule_enabled(d, "conf-ssl-off"), "default runs conf-ssl-off");
    tap_ok(!policy_rule_enabled(d, "conf-log-hostname"), "default leaves the conflicting log_hostname rule out");
    policy_free(d);

    const char *y = "extends: none\n"
                    "rules:\n"
                    "  hba-method-md5: {severity: info}\n"
                    "  conf-ssl-off: {enabled: true}\n"
                    "settings:\n"
                    "  - id: acme-cap\n"
                    "    name: work_mem\n"
                    "    max: 64MB\n";
    policy *p = policy_load_text("t.yaml", "/", y, strlen(y));
    tap_int_eq((long long)policy_errors(p)->n, 0, "a layered policy loads");
    tap_ok(policy_rule_enabled(p, "hba-method-md5"), "a severity enables the rule");
    severity sev;
    tap_ok(policy_rule_severity_set(p, "hba-method-md5", &sev) && sev == SEV_INFO, "and sets it");
    tap_ok(!policy_rule_enabled(p, "conf-listen-all"), "none disables the rest");
    tap_ok(policy_rule_enabled(p, "conf-syntax-error"), "parse errors always run");
    tap_ok(policy_rule_enabled(p, "acme-cap") && policy_knows_rule(p, "acme-cap"),
           "a user rule is known and runs");
    tap_ok(!policy_knows_rule(p, "acme-other"), "an undefined id is unknown");
    lint_opts o = {.pg_version = 18, .policy = p, .ignore = "acme-cap"};
    tap_ok(!lint_rule_enabled(&o, "acme-cap"), "--ignore still works on top of the policy");
    o.ignore = NULL;
    o.extend_select = "conf-listen-all";
    tap_ok(lint_rule_enabled(&o, "conf-listen-all"), "--extend-select on top of the policy");
    o.extend_select = "acme-nope";
    tap_str_eq(lint_unknown_rule(&o), "acme-nope", "unknown ids in --extend-select are caught");
    o.extend_select = "acme-cap";
    tap_ok(lint_unknown_rule(&o) == NULL, "user rule ids are valid in --extend-select");
    policy_free(p);

    const char *s = "suppressions: {forbid: [conf-ssl-off], require_reason: true}\n";
    p = policy_load_text("s.yaml", "/", s, strlen(s));
    tap_ok(!policy_rule_suppressible(p, "conf-ssl-off") && policy_rule_suppressible(p, "conf-listen-all"),
           "suppressions: forbid");
    tap_ok(policy_suppression_needs_reason(p), "suppressions: require_reason");
    policy_free(p);

    const char *cands[] = {"severity", "enabled"};
    tap_str_eq(policy_closest("severty", cands, 2), "severity", "did-you-mean");
    tap_ok(policy_closest("colour", cands, 2) == NULL, "no far-fetched suggestion");
}

static int enabled(const void *ctx, const char *rule)
{
    return lint_rule_enabled(ctx, rule);
}

static void test_suppress(void)
{
    conf_doc *d = conf_text("ssl = off  # pgconflint: ignore[conf-ssl-off] lab box\n"
                            "# pgconflint: ignore[conf-listen-all,conf-ssl-off] reviewed\n"
                            "# a plain comment between\n"
                            "listen_addresses = '*'\n"
                            "password_encryption = md5\n"
                            "# pgconflint: ignore-file[conf-password-encryption] legacy clients\n"
                            "work_mem = '4MB # pgconflint: ignore[conf-ssl-off] in a value'\n",
                            NULL, 18);
    policy *p = policy_load_profile("default");
    suppress_set *s = suppress_scan_conf(A, d, p);
    tap_int_eq((long long)suppress_count(s), 3, "three directives (a '#' inside quotes is no comment)");
    finding *f1 = finding_at(A, "conf-ssl-off", SEV_ERROR, d->root, 6, 3, "x");
    finding *f2 = finding_at(A, "conf-listen-all", SEV_WARNING, d->root,
                             source_line_offset(d->root, 4) + 19, 3, "x");
    finding *f3 = finding_at(A, "conf-password-encryption", SEV_ERROR, d->root,
                             source_line_offset(d->root, 5) + 22, 3, "x");
    finding *f4 = finding_at(A, "conf-log-statement-none", SEV_WARNING, d->root,
                             source_line_offset(d->root, 4), 3, "x");
    tap_ok(suppress_covers(s, f1), "a trailing comment covers its line");
    tap_ok(suppress_covers(s, f2), "a comment line covers the next line that is not a comment");
    tap_ok(suppress_covers(s, f3), "ignore-file covers the file");
    tap_ok(!suppress_covers(s, f4), "other rules are not covered");
    lint_opts o = {.pg_version = 18, .policy = p};
    ptrvec out = {0};
    suppress_report(A, s, enabled, &o, &out);
    tap_int_eq((long long)out.n, 1, "the unused conf-ssl-off of line 2 is reported");
    tap_ok(out.n == 1 && strcmp(((finding *)out.items[0])->rule, "suppression-unused") == 0 &&
               ((finding *)out.items[0])->where.line == 2,
           "as suppression-unused on line 2");
    policy_free(p);
}

int main(void)
{
    A = arena_new();
    test_globs();
    test_effective();
    test_regex();
    test_ciphers();
    test_addresses();
    test_policy_layers();
    test_suppress();
    arena_free(A);
    return tap_done();
}

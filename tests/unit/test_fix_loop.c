/* test_fix_loop — the fix loop on test rules that carry remedies, through a
 * driver that re-parses the patched bytes as the pipeline does: a fix is
 * applied and verified; unsafe fixes wait for --unsafe-fixes; conflicting
 * remedies are refused; a round that breaks the file or the server's start
 * and fixes that never settle give the root up with nothing kept (naming the
 * fix that broke it); two fixes on one pg_hba.conf line are made as one
 * line replacement in one round (two rounds on a continued record); one
 * change fixing two findings is made once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "conf_doc.h"
#include "finding.h"
#include "fix_loop.h"
#include "hba_doc.h"
#include "source.h"
#include "tests/tap.h"

typedef void (*test_rule)(arena *a, const conf_doc *cd, const hba_doc *hd, ptrvec *out);

typedef struct fake {
    const char *text;
    int hba;
    test_rule rules[3];
    int lints;
} fake;

static const load_opts OPTS = {.pg_version = 16};

static void fake_lint(void *ctx, const source_overlay *ov, fix_pass *out)
{
    fake *fk = ctx;
    fk->lints++;
    arena *a = arena_new();
    const source_overlay_file *held = source_overlay_find(ov, "-");
    source *s = held ? source_from_buffer(a, "t", held->data, held->len)
                     : source_from_buffer(a, "t", fk->text, strlen(fk->text));
    ptrvec *findings = arena_alloc(a, sizeof *findings);
    if (fk->hba)
        out->hba = hba_doc_load(a, s, &OPTS);
    else
        out->conf = conf_doc_load(a, s, NULL, &OPTS);
    for (int i = 0; i < 3 && fk->rules[i]; i++)
        fk->rules[i](a, out->conf, out->hba, findings);
    out->findings = findings;
    out->targets = FIX_TARGET_CONF | FIX_TARGET_HBA;
    out->handle = a;
}

static void fake_release(void *ctx, fix_pass *p)
{
    (void)ctx;
    arena_free(p->handle);
}

/* ---- test rules ---- */

static const conf_setting *last(const conf_doc *d, const char *name)
{
    const conf_setting *r = NULL;
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        if (strcmp(s->name, name) == 0)
            r = s;
    }
    return r;
}

static finding *at(arena *a, const conf_setting *s, const char *rule)
{
    return finding_at(a, rule, SEV_ERROR, s->src, s->name_off, s->name_len, "%s", rule);
}

static void want_param(arena *a, const conf_doc *d, ptrvec *out, const char *rule,
                       const char *name, const char *value, int unsafe)
{
    const conf_setting *s = last(d, name);
    if (!s || strcmp(s->value, value) == 0)
        return;
    finding *f = at(a, s, rule);
    f->fix = (remedy){.kind = REMEDY_SET_PARAM, .param = name, .value = value, .unsafe = unsafe};
    ptrvec_push(a, out, f);
}

static void ssl_on(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)h;
    want_param(a, d, out, "want-ssl", "ssl", "on", 0);
}

static void ssl_on_unsafe(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)h;
    want_param(a, d, out, "want-ssl-unsafe", "ssl", "on", 1);
}

static void port_5432(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)h;
    want_param(a, d, out, "want-5432", "port", "5432", 0);
}

static void port_5433(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)h;
    want_param(a, d, out, "want-5433", "port", "5433", 0);
}

/* always wants one more: never settles */
static void bump(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)h;
    const conf_setting *s = last(d, "work_mem");
    if (!s)
        return;
    finding *f = at(a, s, "bump");
    f->fix = (remedy){.kind = REMEDY_SET_PARAM, .param = "work_mem",
                      .value = arena_printf(a, "%ld", atol(s->value) + 1)};
    ptrvec_push(a, out, f);
}

/* reports ssl even when it is on: its fix changes nothing */
static void stubborn(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)h;
    const conf_setting *s = last(d, "ssl");
    if (!s)
        return;
    finding *f = at(a, s, "stubborn");
    f->fix = (remedy){.kind = REMEDY_SET_PARAM, .param = "ssl", .value = s->value};
    ptrvec_push(a, out, f);
}

static void hba_each(arena *a, const hba_doc *h, ptrvec *out, const char *rule, const char *from,
                     remedy_kind k, const char *to)
{
    for (size_t i = 0; i < h->rules.n; i++) {
        const hba_rule *r = h->rules.items[i];
        const char *have = k == REMEDY_HBA_SET_TYPE ? r->type : r->method;
        if (strcmp(have, from) != 0)
            continue;
        finding *f = finding_at(a, rule, SEV_ERROR, r->src, r->off, 1, "%s", rule);
        f->fix = (remedy){.kind = k, .target = r, .text = to};
        ptrvec_push(a, out, f);
    }
}

static void md5_to_scram(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)d;
    hba_each(a, h, out, "md5", "md5", REMEDY_HBA_SET_METHOD, "scram-sha-256");
}

static void md5_to_scram_again(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)d;
    hba_each(a, h, out, "md5-too", "md5", REMEDY_HBA_SET_METHOD, "scram-sha-256");
}

static void password_to_ldap(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)d;
    /* ldap needs ldapserver/ldapbasedn options: PostgreSQL would reject it */
    hba_each(a, h, out, "to-ldap", "password", REMEDY_HBA_SET_METHOD, "ldap");
}

/* fires only once md5_to_scram has run: breaks the file in round 2 */
static void scram_to_ldap(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)d;
    hba_each(a, h, out, "scram-to-ldap", "scram-sha-256", REMEDY_HBA_SET_METHOD, "ldap");
}

static void host_to_hostssl(arena *a, const conf_doc *d, const hba_doc *h, ptrvec *out)
{
    (void)d;
    hba_each(a, h, out, "hostssl", "host", REMEDY_HBA_SET_TYPE, "hostssl");
}

/* ---- running ---- */

/* Texts copied out of finished runs; freed together at the end so each
 * outcome can be inspected after its run is gone. */
static char *kept_texts[64];
static size_t n_kept;

static void free_kept_texts(void)
{
    for (size_t i = 0; i < n_kept; i++)
        free(kept_texts[i]);
    n_kept = 0;
}

typedef struct outcome {
    fix_result res;     /* counts and rounds (its pointers are gone with the run) */
    const char *text;   /* the file after the run (unchanged if nothing kept) */
    int changed;
    char why[512];      /* the first refusal's reason */
    char error[512];    /* why the root was given up, or "" */
} outcome;

static void run(fake *fk, int unsafe, outcome *oc)
{
    fix_run r;
    fix_run_init(&r);
    fix_driver drv = {fake_lint, fake_release, fk};
    fix_options o = {.unsafe_fixes = unsafe, .pg_version = 16};
    memset(oc, 0, sizeof *oc);
    fix_root(&r, &drv, &o, &oc->res);
    oc->text = fk->text;
    for (size_t i = 0; i < r.files.n; i++) {
        const fix_file *f = r.files.items[i];
        oc->changed |= fix_file_changed(f);
        char *t = malloc(f->len + 1);
        memcpy(t, f->data, f->len);
        t[f->len] = 0;
        if (n_kept < sizeof kept_texts / sizeof *kept_texts)
            kept_texts[n_kept++] = t;
        oc->text = t;
    }
    for (size_t i = 0; i < oc->res.notes.n && !oc->why[0]; i++) {
        const fix_note *n = oc->res.notes.items[i];
        if (n->why)
            snprintf(oc->why, sizeof oc->why, "%s", n->why);
    }
    if (oc->res.error)
        snprintf(oc->error, sizeof oc->error, "%s", oc->res.error);
    memset(&oc->res.notes, 0, sizeof oc->res.notes);
    oc->res.error = NULL;
    fix_run_free(&r);
}

int main(void)
{
    {
        fake fk = {.text = "ssl = off\nssl_cert_file = 'c.pem'\nssl_key_file = 'k.pem'\n",
                   .rules = {ssl_on}};
        outcome o;
        run(&fk, 0, &o);
        tap_str_eq(o.text, "ssl = on\nssl_cert_file = 'c.pem'\nssl_key_file = 'k.pem'\n",
                   "a safe fix is applied");
        tap_int_eq((long long)o.res.applied, 1, "one fix applied");
        tap_int_eq(o.res.rounds, 1, "in one round");
        tap_ok(o.error[0] == 0, "no error");
        tap_ok(fk.lints >= 2, "the result was linted again");
    }
    {
        fake fk = {.text = "ssl = off\n", .rules = {ssl_on}};
        outcome o;
        run(&fk, 0, &o);
        tap_int_eq(o.changed, 0, "ssl = on without certificate and key is not applied");
        tap_int_eq((long long)o.res.refused, 1, "it is reported as refused");
        tap_ok(strstr(o.why, "ssl_cert_file") != NULL, "naming the missing settings");
        tap_ok(strstr(o.error, "[want-ssl]") && strstr(o.error, "ssl_cert_file"),
               "the root is given up, naming the fix and what it breaks");
    }
    {
        fake fk = {.text = "ssl = off\nssl_cert_file = 'c'\nssl_key_file = 'k'\n",
                   .rules = {ssl_on_unsafe}};
        outcome o;
        run(&fk, 0, &o);
        tap_int_eq(o.changed, 0, "an unsafe fix waits for --unsafe-fixes");
        tap_int_eq((long long)o.res.unsafe_skipped, 1, "and is counted as available");
        outcome u;
        run(&fk, 1, &u);
        tap_int_eq(u.changed, 1, "--unsafe-fixes applies it");
    }
    {
        fake fk = {.text = "port = 5000\n", .rules = {port_5432, port_5433}};
        outcome o;
        run(&fk, 0, &o);
        tap_int_eq(o.changed, 0, "two rules wanting different values: neither applied");
        tap_int_eq((long long)o.res.refused, 2, "both refused");
        tap_ok(strstr(o.why, "the policy must choose") != NULL, "saying why");
        tap_ok(o.error[0] == 0, "not an error of the run");
    }
    {
        fake fk = {.text = "work_mem = 100\n", .rules = {bump}};
        outcome o;
        run(&fk, 0, &o);
        tap_ok(strstr(o.error, "did not settle") != NULL, "fixes that never settle");
        tap_int_eq(o.changed, 0, "leave nothing behind");
    }
    {
        fake fk = {.text = "ssl = on\n", .rules = {stubborn}};
        outcome o;
        run(&fk, 0, &o);
        tap_int_eq(o.changed, 0, "a fix that changes nothing is not applied");
        tap_int_eq((long long)o.res.refused, 1, "and is refused with a reason");
        tap_ok(o.error[0] == 0, "without failing the run");
    }
    {
        fake fk = {.text = "host all all 10.0.0.0/8 password\nhost all all ::1/128 md5\n",
                   .hba = 1, .rules = {password_to_ldap, md5_to_scram}};
        outcome o;
        run(&fk, 0, &o);
        /* issue #5: if a round breaks parsing, nothing is written */
        tap_int_eq(o.changed, 0, "a round with a fix PostgreSQL would reject keeps nothing, "
                                 "not even the fix that works");
        tap_int_eq((long long)o.res.applied, 0, "no fix counts as applied");
        tap_ok(strstr(o.why, "ldap") != NULL, "the refusal quotes PostgreSQL's error");
        tap_ok(strstr(o.error, "[to-ldap] at t:1") != NULL, "the error names the fix that broke it");
        tap_ok(strstr(o.error, "ldap") != NULL && strstr(o.error, "no fix of these files is kept"),
               "and what it broke, and that nothing is kept");
    }
    {
        /* round 1 is fine, round 2 breaks the file: round 1 is not kept */
        fake fk = {.text = "host all all ::1/128 md5\n", .hba = 1,
                   .rules = {md5_to_scram, scram_to_ldap}};
        outcome o;
        run(&fk, 0, &o);
        tap_int_eq(o.changed, 0, "a later round that breaks the file drops the earlier rounds");
        tap_ok(strstr(o.error, "[scram-to-ldap]") != NULL, "naming the later fix");
    }
    {
        fake fk = {.text = "host    all  all  ::1/128  md5\n", .hba = 1,
                   .rules = {md5_to_scram, host_to_hostssl}};
        outcome o;
        run(&fk, 0, &o);
        tap_str_eq(o.text, "hostssl all  all  ::1/128  scram-sha-256\n",
                   "two fixes on one line both land");
        tap_int_eq(o.res.rounds, 1, "in one round: one pg_hba.conf line replacement");
        tap_int_eq((long long)o.res.applied, 2, "both count as fixed");
    }
    {
        /* the same line with a second physical line: continued records keep
         * their token edits, a round each */
        fake fk = {.text = "host    all  all  \\\n  ::1/128  md5\n", .hba = 1,
                   .rules = {md5_to_scram, host_to_hostssl}};
        outcome o;
        run(&fk, 0, &o);
        tap_str_eq(o.text, "hostssl all  all  \\\n  ::1/128  scram-sha-256\n",
                   "a continued record: both fixes land");
        tap_int_eq(o.res.rounds, 2, "in two rounds (token edits, one per round)");
    }
    {
        /* two lines with two fixes each, the second line also fixed by a
         * duplicate rule: still one round */
        fake fk = {.text = "host    all  all  ::1/128       md5  # a\r\n"
                           "host    db   app  10.0.0.0/8    md5\r\n",
                   .hba = 1, .rules = {md5_to_scram, host_to_hostssl, md5_to_scram_again}};
        outcome o;
        run(&fk, 0, &o);
        tap_str_eq(o.text, "hostssl all  all  ::1/128       scram-sha-256  # a\r\n"
                           "hostssl db   app  10.0.0.0/8    scram-sha-256\r\n",
                   "several fixes on each of two CRLF lines");
        tap_int_eq(o.res.rounds, 1, "in one round");
        tap_int_eq((long long)o.res.applied, 6, "every finding counts as fixed");
    }
    {
        fake fk = {.text = "local all all md5\n", .hba = 1,
                   .rules = {md5_to_scram, md5_to_scram_again}};
        outcome o;
        run(&fk, 0, &o);
        tap_str_eq(o.text, "local all all scram-sha-256\n", "one change fixing two findings");
        tap_int_eq((long long)o.res.applied, 2, "counts both as fixed");
    }
    free_kept_texts();
    return tap_done();
}

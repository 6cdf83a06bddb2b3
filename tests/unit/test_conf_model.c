/* test_conf_model — PostgreSQL's processing phases at server start
 * (grammar.md §1.7, §1.8) with a small stand-in catalog: unknown names,
 * duplicate marking by exact spelling, value errors only when nothing failed
 * before, PGC_INTERNAL parameters, and the `applied` flags. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "conf_doc.h"
#include "conf_model.h"
#include "source.h"
#include "tests/tap.h"

static arena *A;

static const guc_param params[] = {
    {.name = "work_mem", .type = GUC_INT, .unit = "kB", .context = CTX_USER},
    {.name = "enable_seqscan", .type = GUC_BOOL, .unit = "", .context = CTX_USER},
    {.name = "block_size", .type = GUC_INT, .unit = "", .context = CTX_INTERNAL},
    {.name = "DateStyle", .type = GUC_STRING, .unit = "", .context = CTX_USER},
};

static const guc_param *fake_find(int v, const char *name)
{
    (void)v;
    if (strcasecmp(name, "sort_mem") == 0)
        name = "work_mem";
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
        if (strcasecmp(params[i].name, name) == 0)
            return &params[i];
    return NULL;
}

/* work_mem: digits only; enable_seqscan: on/off; DateStyle: anything but "bad" */
static void fake_check(arena *a, const guc_param *p, int v, const char *value, guc_value_result *r)
{
    (void)v;
    r->ok = 1;
    r->normalized = value;
    if (p->type == GUC_INT && strspn(value, "0123456789") != strlen(value)) {
        r->ok = 0;
        r->message = arena_printf(a, "invalid value for parameter \"%s\": \"%s\"", p->name, value);
        r->hint = "a hint";
    } else if (p->type == GUC_BOOL && strcmp(value, "on") && strcmp(value, "off")) {
        r->ok = 0;
        r->message = arena_printf(a, "parameter \"%s\" requires a Boolean value", p->name);
    } else if (p->type == GUC_STRING && strcmp(value, "bad") == 0) {
        r->ok = 0;
        r->message = arena_printf(a, "invalid value for parameter \"%s\": \"%s\"", p->name, value);
        r->detail = "a detail";
        r->hint = "a hint";
    }
}

static const conf_catalog fake = {fake_find, fake_check};

static conf_doc *load_text_v(const char *text, const char *auto_text, int version)
{
    source *s = source_from_buffer(A, "t.conf", text, strlen(text));
    s->abspath = "/abs/t.conf";
    s->dir = "/abs";
    source *au = NULL;
    if (auto_text) {
        au = source_from_buffer(A, "postgresql.auto.conf", auto_text, strlen(auto_text));
        au->abspath = "/data/postgresql.auto.conf";
        au->dir = "/data";
    }
    load_opts o = {.pg_version = version, .follow_includes = 1, .allow_outside = 1};
    return conf_doc_load_catalog(A, s, au, &o, &fake);
}

static conf_doc *load_text(const char *text) { return load_text_v(text, NULL, 15); }

/* "tf..." applied flags */
static const char *applied(const conf_doc *d)
{
    char *b = arena_alloc(A, d->settings.n + 1);
    for (size_t i = 0; i < d->settings.n; i++)
        b[i] = ((conf_setting *)d->settings.items[i])->applied ? 't' : 'f';
    return b;
}

/* "code:message | ..." */
static const char *errors(const conf_doc *d)
{
    strbuf b = {0};
    strbuf_puts(A, &b, "");
    for (size_t i = 0; i < d->errors.n; i++) {
        const diag *g = d->errors.items[i];
        strbuf_printf(A, &b, "%s%s:%s", i ? " | " : "", g->code, g->message);
        if (g->detail)
            strbuf_printf(A, &b, " [%s]", g->detail);
    }
    return b.data;
}

int main(void)
{
    A = arena_new();
    conf_doc *d;

    /* P60, P61 */
    d = load_text("work_mem = 1\nwork_mem = 2\n");
    tap_str_eq(applied(d), "ft", "P60 earlier duplicate not applied");
    d = load_text("work_mem = 1\nWORK_MEM = 2\n");
    tap_str_eq(applied(d), "tt", "P61 different spelling: both applied");
    tap_str_eq(errors(d), "", "P61 no errors");

    /* the 05-duplicates example */
    d = load_text("work_mem = 1\nWork_Mem = bogus\nwork_mem = 2\nWORK_MEM = 3\n"
                  "enable_seqscan = off\nenable_seqscan = garbage\nenable_seqscan = on\n");
    tap_str_eq(applied(d), "ffttfft", "05-duplicates applied flags");
    tap_str_eq(errors(d), "conf-invalid-value:invalid value for parameter \"Work_Mem\": \"bogus\" [a hint]",
               "05-duplicates: only the differently spelled entry is checked, named as written");
    {
        const diag *g = d->errors.n ? d->errors.items[0] : NULL;
        tap_ok(g && g->line == 2 && g->col == 12, "value error points at the value");
    }
    d = load_text_v("Work_Mem = bogus\n", NULL, 18);
    tap_str_eq(errors(d),
               "conf-invalid-value:invalid value for parameter \"work_mem\": \"bogus\" [a hint]",
               "18 names the parameter canonically");
    d = load_text("datestyle = bad\n");
    tap_str_eq(errors(d),
               "conf-invalid-value:invalid value for parameter \"datestyle\": \"bad\" [a detail\na hint]",
               "DETAIL then HINT; respelled from DateStyle");

    /* P15: an unknown name stops value checks; applied still worked out */
    d = load_text("work_mem = bogus\nmyparam = 1\nenable_seqscan = maybe\nmy.x = 1\n");
    tap_str_eq(errors(d),
               "conf-unknown-parameter:unrecognized configuration parameter \"myparam\" in file \"/abs/t.conf\" line 2",
               "P15 only the unknown name is reported");
    tap_str_eq(applied(d), "ffft", "applied as if the file had no errors");
    {
        const conf_setting *s = d->settings.items[0];
        tap_ok(s->error && strcmp(s->error->code, "conf-invalid-value") == 0,
               "the setting still carries its value error");
    }

    /* a syntax error stops everything after parsing */
    d = load_text("myparam = 1\nx y z\nwork_mem = bogus\n");
    tap_str_eq(errors(d),
               "conf-syntax-error:syntax error in file \"/abs/t.conf\" line 2, near token \"z\"",
               "syntax error only");

    /* dotted names are never deduplicated; aliases */
    d = load_text("a.b = 1\na.b = 2\n");
    tap_str_eq(applied(d), "tt", "custom names: all applied");
    d = load_text("sort_mem = 1\nwork_mem = 2\nsort_mem = 3\n");
    tap_str_eq(applied(d), "ftt", "alias: same parameter, exact spelling decides");
    d = load_text("sort_mem = x\n");
    tap_str_eq(errors(d), "conf-invalid-value:invalid value for parameter \"sort_mem\": \"x\" [a hint]",
               "alias named as written");

    /* P64 */
    d = load_text("block_size = 8192\n");
    tap_str_eq(errors(d), "conf-internal-parameter:parameter \"block_size\" cannot be changed",
               "P64 internal parameter");
    tap_str_eq(applied(d), "f", "P64 not applied");
    d = load_text("BLOCK_SIZE = 8192\nBLOCK_SIZE = 1\n");
    tap_str_eq(errors(d), "conf-internal-parameter:parameter \"BLOCK_SIZE\" cannot be changed",
               "internal: only the last of identical duplicates");

    /* P70 */
    d = load_text("caf\xc3\xa9 = 1\n");
    tap_str_eq(errors(d),
               "conf-unknown-parameter:unrecognized configuration parameter \"caf\xc3\xa9\" in file \"/abs/t.conf\" line 1",
               "P70 non-ASCII name");

    /* auto.conf: duplicates across files; its errors named by its path */
    d = load_text_v("work_mem = 1\n", "work_mem = 2\nfoo = 1\n", 15);
    tap_str_eq(applied(d), "ftf", "auto.conf overrides the main file");
    tap_str_eq(errors(d),
               "conf-unknown-parameter:unrecognized configuration parameter \"foo\" in file \"/data/postgresql.auto.conf\" line 2",
               "unknown name in auto.conf");
    tap_ok(d->settings.n == 3 && ((conf_setting *)d->settings.items[1])->from_auto_conf,
           "auto flag");

    {
        /* Many entries, names long and short, some spelled alike: an entry
         * of a known parameter is ignored exactly when a later entry has
         * the identical name (checked here the slow way). */
        static const char *const names[] = {
            "work_mem", "WORK_MEM", "Work_Mem", "sort_mem", "enable_seqscan",
            "enable_seqscaN", "DateStyle", "datestyle", "my.x", "my.y", "w", "x.a",
        };
        const size_t nn = sizeof names / sizeof names[0];
        strbuf b = {0};
        unsigned seed = 7;
        for (int i = 0; i < 400; i++) {
            seed = seed * 1103515245u + 12345u;
            strbuf_printf(A, &b, "%s = 1\n", names[(seed >> 16) % nn]);
        }
        d = load_text(b.data);
        int ok = d->settings.n == 400;
        for (size_t i = 0; ok && i < d->settings.n; i++) {
            const conf_setting *s = d->settings.items[i];
            int later = 0;
            for (size_t j = i + 1; j < d->settings.n; j++)
                if (strcmp(((conf_setting *)d->settings.items[j])->name, s->name) == 0)
                    later = 1;
            ok = s->ignored == (s->param && later);
        }
        tap_ok(ok, "400 entries: ignored exactly when a later entry is spelled alike");
    }

    /* params are attached */
    d = load_text("work_mem = 1\nmy.x = 2\n");
    tap_ok(((conf_setting *)d->settings.items[0])->param == &params[0] &&
               ((conf_setting *)d->settings.items[1])->param == NULL,
           "param attached to settings");

    arena_free(A);
    return tap_done();
}

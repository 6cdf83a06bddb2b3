/* test_fix_edits — the fixer's parts on remedies built by hand: byte edits
 * (order, overlap, application), column realignment, value quoting, every
 * postgresql.conf and pg_hba.conf remedy turned into edits on real syntax
 * trees, and unified diffs. Inputs are in-memory files; each check compares
 * the patched bytes with the expected text. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "columns.h"
#include "conf_doc.h"
#include "conf_remedy.h"
#include "diff.h"
#include "edit.h"
#include "finding.h"
#include "fix_item.h"
#include "hba_doc.h"
#include "hba_remedy.h"
#include "source.h"
#include "tests/tap.h"

static arena *A;
static const load_opts OPTS = {.pg_version = 16, .follow_includes = 0};

static const conf_doc *conf_of(const char *text)
{
    source *s = source_from_buffer(A, "t.conf", text, strlen(text));
    return conf_doc_load(A, s, NULL, &OPTS);
}

static const hba_doc *hba_of(const char *text)
{
    source *s = source_from_buffer(A, "pg_hba.conf", text, strlen(text));
    s->kind = KIND_HBA;
    return hba_doc_load(A, s, &OPTS);
}

static finding *with_remedy(remedy r)
{
    finding *f = arena_alloc(A, sizeof *f);
    f->rule = "test-rule";
    f->fix = r;
    return f;
}

/* Apply an item's edits (and its appended line) to the source they are on. */
static const char *patched(const conf_doc *cd, const fix_item *it)
{
    ptrvec edits = {0};
    const source *src = NULL;
    for (size_t i = 0; i < it->edits.n; i++) {
        ptrvec_push(A, &edits, it->edits.items[i]);
        src = ((const edit *)it->edits.items[i])->src;
    }
    if (it->append_to) {
        const char *lines[1] = {it->append_line};
        ptrvec_push(A, &edits, conf_append_block(A, cd, it->append_to, lines, 1));
        src = it->append_to;
    }
    if (!src)
        return it->refused ? arena_printf(A, "refused: %s", it->refused) : "(no edit)";
    const edit *x, *y;
    if (edits_normalize(&edits, &x, &y) != 0)
        return "(overlap)";
    size_t n;
    return (const char *)edits_apply(A, src->data, src->len, &edits, &n);
}

static const char *set_param(const char *text, const char *param, const char *value)
{
    const conf_doc *d = conf_of(text);
    fix_item it = {.f = with_remedy((remedy){.kind = REMEDY_SET_PARAM, .param = param,
                                             .value = value})};
    conf_remedy_plan(A, d, 16, &it);
    return patched(d, &it);
}

static const char *remove_nth(const char *text, size_t nth)
{
    const conf_doc *d = conf_of(text);
    fix_item it = {.f = with_remedy((remedy){.kind = REMEDY_REMOVE_SETTING,
                                             .target = d->settings.items[nth]})};
    conf_remedy_plan(A, d, 16, &it);
    return patched(d, &it);
}

static const char *hba_fix(const char *text, size_t nth, remedy_kind k, const char *repl)
{
    const hba_doc *d = hba_of(text);
    if (nth >= d->rules.n)
        return "(no such rule)";
    fix_item it = {.f = with_remedy((remedy){.kind = k, .target = d->rules.items[nth],
                                             .text = repl})};
    hba_remedy_plan(A, d, &it);
    if (it.refused)
        return arena_printf(A, "refused: %s", it.refused);
    const source *src = d->root;
    const edit *x, *y;
    if (edits_normalize(&it.edits, &x, &y) != 0)
        return "(overlap)";
    size_t n;
    return (const char *)edits_apply(A, src->data, src->len, &it.edits, &n);
}

static void test_edits(void)
{
    source *s = source_from_buffer(A, "x", "abcdef", 6);
    ptrvec v = {0};
    ptrvec_push(A, &v, edit_new_str(A, s, 4, 1, "E"));
    ptrvec_push(A, &v, edit_new_str(A, s, 0, 0, ">"));
    ptrvec_push(A, &v, edit_new_str(A, s, 1, 2, ""));
    ptrvec_push(A, &v, edit_new_str(A, s, 1, 2, ""));   /* a duplicate is dropped */
    const edit *x, *y;
    tap_int_eq(edits_normalize(&v, &x, &y), 0, "disjoint edits are accepted");
    tap_int_eq((long long)v.n, 3, "an exact duplicate edit counts once");
    size_t n;
    tap_str_eq((const char *)edits_apply(A, s->data, s->len, &v, &n), ">adEf",
               "edits apply in offset order, bytes between them copied");
    ptrvec w = {0};
    ptrvec_push(A, &w, edit_new_str(A, s, 1, 3, "X"));
    ptrvec_push(A, &w, edit_new_str(A, s, 2, 0, "Y"));
    tap_int_eq(edits_normalize(&w, &x, &y), -1, "an insertion inside a replaced range clashes");
    ptrvec z = {0};
    ptrvec_push(A, &z, edit_new_str(A, s, 3, 0, "P"));
    ptrvec_push(A, &z, edit_new_str(A, s, 3, 0, "Q"));
    tap_int_eq(edits_normalize(&z, &x, &y), -1, "two different insertions at one offset clash");
    ptrvec t = {0};
    ptrvec_push(A, &t, edit_new_str(A, s, 0, 5, "L"));
    ptrvec_push(A, &t, edit_new_str(A, s, 1, 1, "M"));
    ptrvec_push(A, &t, edit_new_str(A, s, 3, 1, "N"));
    tap_int_eq(edits_normalize(&t, &x, &y), -1, "a long replacement clashes with what it spans");
    tap_int_eq(edit_ranges_overlap(0, 2, 2, 2), 0, "touching ranges do not overlap");
    tap_int_eq(edit_ranges_overlap(6, 0, 4, 2), 0, "an insertion at the end of a range is apart");
}

static void test_columns(void)
{
    size_t n;
    const char *g = col_realign_gap(A, (const unsigned char *)"    ", 4, 10, 14, &n);
    tap_str_eq(g ? arena_strndup(A, g, n) : NULL, "    ", "spaces: same width keeps the run");
    g = col_realign_gap(A, (const unsigned char *)"        ", 8, 17, 20, &n);
    tap_str_eq(g ? arena_strndup(A, g, n) : NULL, "   ", "spaces shrink to keep the column");
    g = col_realign_gap(A, (const unsigned char *)"  ", 2, 25, 20, &n);
    tap_str_eq(g ? arena_strndup(A, g, n) : NULL, " ", "overrun: one space is left");
    tap_ok(col_realign_gap(A, (const unsigned char *)" ", 1, 3, 9, &n) == NULL,
           "a single separator is not alignment and stays");
    g = col_realign_gap(A, (const unsigned char *)"\t\t", 2, 3, 16, &n);
    tap_str_eq(g ? arena_strndup(A, g, n) : NULL, "\t\t", "tabs reach the same tab stop");
    g = col_realign_gap(A, (const unsigned char *)"\t\t", 2, 9, 16, &n);
    tap_str_eq(g ? arena_strndup(A, g, n) : NULL, "\t", "fewer tabs when the text grew");
    tap_int_eq((long long)col_advance(0, (const unsigned char *)"ab\tc\xc3\xa9", 6), 10,
               "a tab stops at 8; UTF-8 continuation bytes take no column");
}

static void test_render(void)
{
    tap_str_eq(conf_render_value(A, "on", 0), "on", "an ID stays bare");
    tap_str_eq(conf_render_value(A, "scram-sha-256", 0), "scram-sha-256",
               "an unquoted string token stays bare");
    tap_str_eq(conf_render_value(A, "64MB", 0), "64MB", "an integer with a unit stays bare");
    tap_str_eq(conf_render_value(A, "public.x", 0), "'public.x'",
               "a qualified name is not a value: quoted");
    tap_str_eq(conf_render_value(A, "%m [%p] ", 0), "'%m [%p] '", "spaces and % need quotes");
    tap_str_eq(conf_render_value(A, "it's C:\\x", 0), "'it''s C:\\\\x'",
               "quotes and backslashes doubled as ALTER SYSTEM writes them");
    tap_str_eq(conf_render_value(A, "", 0), "''", "the empty value is quoted");
    tap_str_eq(conf_render_value(A, "on", 1), "'on'", "quoting asked for");
}

static void test_conf(void)
{
    tap_str_eq(set_param("ssl = off\n", "ssl", "on"), "ssl = on\n", "set a bare value in place");
    tap_str_eq(set_param("ssl='off'  # tls\n", "ssl", "on"), "ssl='on'   # tls\n",
               "quoted stays quoted, no-space '=' kept, comment keeps its column");
    tap_str_eq(set_param("ssl off\t\t# tls\r\n", "ssl", "on"), "ssl on\t\t# tls\r\n",
               "no '=', tabs and CRLF kept");
    tap_str_eq(set_param("password_encryption = md5          # hash\n", "password_encryption",
                         "scram-sha-256"),
               "password_encryption = scram-sha-256 # hash\n",
               "a longer value eats into the padding, one blank kept");
    tap_str_eq(set_param("ssl = off\nssl = off # later wins\n", "ssl", "on"),
               "ssl = off\nssl = on # later wins\n",
               "the assignment that takes effect (the last) is changed");
    tap_str_eq(set_param("SSL = off\n", "ssl", "on"), "SSL = on\n",
               "names match case-insensitively; the spelling stays");
    tap_str_eq(set_param("sort_mem = 1MB\n", "work_mem", "4MB"), "sort_mem = 4MB\n",
               "an obsolete alias is the parameter it maps to");
    tap_str_eq(set_param("# comment\n#ssl = off\t\t\t\t# (change requires restart)\nport = 5432\n",
                         "ssl", "on"),
               "# comment\nssl = on\t\t\t\t# (change requires restart)\nport = 5432\n",
               "the commented default line is uncommented, its comment column kept");
    tap_str_eq(set_param("# ssl_ciphers = 'HIGH:MEDIUM'   # allowed\n", "ssl_ciphers", "HIGH"),
               "ssl_ciphers = 'HIGH'            # allowed\n",
               "uncommenting keeps the commented value's quoting and realigns");
    tap_str_eq(set_param("# ssl is off here\nport = 5432\n", "ssl", "on"),
               "# ssl is off here\nport = 5432\n\n" CONF_FIX_BLOCK_BEGIN "\nssl = on\n"
               CONF_FIX_BLOCK_END "\n",
               "prose that is not an assignment is left; the setting is appended in a block");
    tap_str_eq(set_param("port = 5432\n\n", "ssl", "on"),
               "port = 5432\n\n" CONF_FIX_BLOCK_BEGIN "\nssl = on\n" CONF_FIX_BLOCK_END "\n",
               "no second blank line before the block");
    tap_str_eq(set_param("port = 5432", "ssl", "on"),
               "port = 5432\n\n" CONF_FIX_BLOCK_BEGIN "\nssl = on\n" CONF_FIX_BLOCK_END,
               "a missing final newline stays missing");
    tap_str_eq(set_param("port = 5432\r\n", "ssl", "on"),
               "port = 5432\r\n\r\n" CONF_FIX_BLOCK_BEGIN "\r\nssl = on\r\n"
               CONF_FIX_BLOCK_END "\r\n",
               "CRLF files get CRLF lines");
    tap_str_eq(set_param("", "ssl", "on"),
               CONF_FIX_BLOCK_BEGIN "\nssl = on\n" CONF_FIX_BLOCK_END "\n", "an empty file");
    tap_str_eq(set_param("a = 1\n" CONF_FIX_BLOCK_BEGIN "\nport = 5433\n" CONF_FIX_BLOCK_END
                         "\n# after\n",
                         "ssl", "on"),
               "a = 1\n" CONF_FIX_BLOCK_BEGIN "\nport = 5433\nssl = on\n" CONF_FIX_BLOCK_END
               "\n# after\n",
               "an existing block takes the new line before its end marker");
    tap_str_eq(set_param("port = 5432\n", "log_line_prefix", "%m [%p] "),
               "port = 5432\n\n" CONF_FIX_BLOCK_BEGIN "\nlog_line_prefix = '%m [%p] '\n"
               CONF_FIX_BLOCK_END "\n",
               "an appended string value is quoted");
    tap_str_eq(set_param("port = 5432\n", "port", "99999999"),
               "refused: PostgreSQL 16 would reject port = '99999999': 99999999 is outside the "
               "valid range for parameter \"port\" (1 .. 65535)",
               "a value outside the version's range is refused");
    tap_str_eq(set_param("port = 5432\n", "no_such_param", "1"),
               "refused: PostgreSQL 16 has no parameter \"no_such_param\"",
               "an unknown parameter is refused");
    tap_str_eq(set_param("ssl = off\nwork_mem = = 1\n", "ssl", "on"),
               "refused: the configuration has syntax or include errors; fix those first",
               "no SET_PARAM while the file has syntax errors (auto.conf unread)");
    tap_str_eq(set_param("ssl = off\n", "application_name", "a\nb"),
               "refused: the value contains a line break, which a configuration file cannot "
               "hold",
               "a value with a newline is refused");
    tap_str_eq(remove_nth("work_mem = 4MB   # first\nwork_mem = 8MB\n", 0),
               "#work_mem = 4MB  # first\nwork_mem = 8MB\n",
               "comment out: '#' before the name, the trailing comment keeps its column");
    tap_str_eq(remove_nth("  work_mem = 4MB\n", 0), "  #work_mem = 4MB\n",
               "comment out keeps the indentation");
    tap_str_eq(remove_nth("a = 1\nwork_mem 4MB\t# x\r\nb = 2", 1), "a = 1\n#work_mem 4MB\t# x\r\nb = 2",
               "comment out inside a CRLF line, tab run kept");
}

static void test_hba(void)
{
    const char *aligned = "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                          "host    all       all   0.0.0.0/0     md5\n"
                          "host    all       all   ::/0          md5     # v6\n";
    tap_str_eq(hba_fix(aligned, 0, REMEDY_HBA_SET_METHOD, "scram-sha-256"),
               "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
               "host    all       all   0.0.0.0/0     scram-sha-256\n"
               "host    all       all   ::/0          md5     # v6\n",
               "method in the last column: replaced");
    tap_str_eq(hba_fix("hostssl  all  all  ::/0  md5  clientcert=verify-full\n", 0,
                       REMEDY_HBA_SET_METHOD, "cert"),
               "hostssl  all  all  ::/0  cert clientcert=verify-full\n",
               "the options column moves as little as it can");
    tap_str_eq(hba_fix("host all all 10.0.0.0/8 trust\n", 0, REMEDY_HBA_SET_METHOD,
                       "scram-sha-256"),
               "host all all 10.0.0.0/8 scram-sha-256\n", "unaligned lines stay unaligned");
    tap_str_eq(hba_fix(aligned, 1, REMEDY_HBA_SET_TYPE, "hostssl"),
               "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
               "host    all       all   0.0.0.0/0     md5\n"
               "hostssl all       all   ::/0          md5     # v6\n",
               "host -> hostssl keeps the DATABASE column");
    tap_str_eq(hba_fix("host\tall\tall\t::1/128\tmd5\n", 0, REMEDY_HBA_SET_TYPE, "hostssl"),
               "hostssl\tall\tall\t::1/128\tmd5\n", "tab-separated: one tab still reaches the stop");
    tap_str_eq(hba_fix(aligned, 0, REMEDY_HBA_COMMENT_OUT, NULL),
               "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
               "#host   all       all   0.0.0.0/0     md5\n"
               "host    all       all   ::/0          md5     # v6\n",
               "comment out: '#' takes one blank of the padding");
    tap_str_eq(hba_fix("local all all peer\nhost all \\\n  all 1.2.3.4/32 md5\r\n", 1,
                       REMEDY_HBA_COMMENT_OUT, NULL),
               "local all all peer\n#host all \\\n  #all 1.2.3.4/32 md5\r\n",
               "every physical line of a continued record is commented");
    tap_str_eq(hba_fix("host all all 1.2.3.4/32 md5", 0, REMEDY_HBA_SET_METHOD, "scram-sha-256"),
               "host all all 1.2.3.4/32 scram-sha-256", "no final newline, none added");
    tap_str_eq(hba_fix("host all all 1.2.3.4/32 md5\n", 0, REMEDY_HBA_SET_METHOD, "scram sha"),
               "refused: the replacement is not a single pg_hba.conf keyword",
               "a replacement with a blank is refused");
}

/* Record `nth` of `text` rewritten by hba_replace_line with the changes
 * "type=T", "method=M", "address=A" (NULL-terminated). */
static const char *hba_replace(const char *text, size_t nth, const char *const *changes)
{
    const hba_doc *d = hba_of(text);
    if (nth >= d->rules.n)
        return "(no such rule)";
    const hba_rule *r = d->rules.items[nth];
    hba_field_change ch[8];
    size_t n = 0;
    for (; changes[n]; n++) {
        const char *c = changes[n], *eq = strchr(c, '=');
        ch[n].text = eq + 1;
        ch[n].tok = strncmp(c, "type", 4) == 0     ? r->type_tok
                    : strncmp(c, "method", 6) == 0 ? r->method_tok
                                                   : r->address_tok;
    }
    const char *why = NULL;
    edit *e = hba_replace_line(A, d, r, ch, n, &why);
    if (!e)
        return arena_printf(A, "refused: %s", why);
    if (e->claim_off != r->off || e->claim_len != r->len)
        return "(the edit does not claim the record)";
    ptrvec v = {0};
    ptrvec_push(A, &v, e);
    size_t len;
    return (const char *)edits_apply(A, d->root->data, d->root->len, &v, &len);
}

/* Fix items for `kinds` ("type:T" / "method:M") on record `nth`, merged as
 * one round of the fix loop merges them; the text with every distinct edit
 * applied, or "(overlap)". *nedits: the distinct edits. */
static const char *hba_merged(const char *text, size_t nth, const char *const *kinds,
                              size_t *nedits)
{
    const hba_doc *d = hba_of(text);
    const hba_rule *r = d->rules.items[nth];
    ptrvec items = {0};
    for (size_t i = 0; kinds[i]; i++) {
        fix_item *it = arena_alloc(A, sizeof *it);
        int type = strncmp(kinds[i], "type:", 5) == 0;
        remedy_kind k = strncmp(kinds[i], "comment:", 8) == 0 ? REMEDY_HBA_COMMENT_OUT
                        : type                               ? REMEDY_HBA_SET_TYPE
                                                             : REMEDY_HBA_SET_METHOD;
        it->f = with_remedy((remedy){.kind = k, .target = r, .text = strchr(kinds[i], ':') + 1});
        hba_remedy_plan(A, d, it);
        ptrvec_push(A, &items, it);
    }
    hba_remedy_merge(A, d, &items);
    ptrvec all = {0};
    for (size_t i = 0; i < items.n; i++) {
        const fix_item *it = items.items[i];
        for (size_t k = 0; k < it->edits.n; k++) {
            int dup = 0;
            for (size_t j = 0; j < all.n; j++)
                dup |= all.items[j] == it->edits.items[k];
            if (!dup)
                ptrvec_push(A, &all, it->edits.items[k]);
        }
    }
    *nedits = all.n;
    const edit *x, *y;
    if (edits_normalize(&all, &x, &y) != 0)
        return "(overlap)";
    size_t len;
    return (const char *)edits_apply(A, d->root->data, d->root->len, &all, &len);
}

static void test_hba_replace_line(void)
{
    const char *both[] = {"type=hostssl", "method=scram-sha-256", NULL};
    const char *aligned = "# TYPE  DATABASE  USER  ADDRESS       METHOD          OPTIONS\n"
                          "host    all       all   10.0.0.0/8    ident           map=ops\n"
                          "host    app       app   10.1.0.0/16   password        # app servers\n";
    tap_str_eq(hba_replace(aligned, 0, (const char *[]){"type=hostssl", "method=cert", NULL}),
               "# TYPE  DATABASE  USER  ADDRESS       METHOD          OPTIONS\n"
               "hostssl all       all   10.0.0.0/8    cert            map=ops\n"
               "host    app       app   10.1.0.0/16   password        # app servers\n",
               "replace line: type and method in one edit, every column kept, options kept");
    tap_str_eq(hba_replace(aligned, 1, both),
               "# TYPE  DATABASE  USER  ADDRESS       METHOD          OPTIONS\n"
               "host    all       all   10.0.0.0/8    ident           map=ops\n"
               "hostssl app       app   10.1.0.0/16   scram-sha-256   # app servers\n",
               "replace line: the trailing comment keeps its column");
    tap_str_eq(hba_replace("host all all 10.0.0.0/8 md5 # x\n", 0, both),
               "hostssl all all 10.0.0.0/8 scram-sha-256 # x\n",
               "replace line: an unaligned line stays unaligned");
    tap_str_eq(hba_replace("  host  all  all  ::1/128  md5\r\nlocal all all peer\r\n", 0, both),
               "  hostssl all  all  ::1/128  scram-sha-256\r\nlocal all all peer\r\n",
               "replace line: indentation and CRLF kept");
    tap_str_eq(hba_replace("host\tall\tall\t::1/128\t\tmd5\t# c\n", 0, both),
               "hostssl\tall\tall\t::1/128\t\tscram-sha-256\t# c\n",
               "replace line: tab stops kept");
    tap_str_eq(hba_replace("host \"db\",b2 all 10.0.0.0/8 md5", 0, both),
               "hostssl \"db\",b2 all 10.0.0.0/8 scram-sha-256",
               "replace line: quoted and comma-listed fields copied, no newline added");
    tap_str_eq(hba_replace("host    all     all     10.0.0.0/8      md5     # c\n", 0,
                           (const char *[]){"method=scram-sha-256", "type=hostssl", NULL}),
               "hostssl all     all     10.0.0.0/8      scram-sha-256     # c\n",
               "replace line: changes in another order, each on the line the last left");
    tap_str_eq(hba_replace("# TYPE  DATABASE  USER     ADDRESS      METHOD\n"
                           "hostnossl reports   analyst  10.2.0.0/16  md5\n", 0, both),
               "# TYPE  DATABASE  USER     ADDRESS      METHOD\n"
               "hostssl reports     analyst  10.2.0.0/16  scram-sha-256\n",
               "replace line: a shift from an overlong column is taken back by the next run");
    tap_str_eq(hba_replace("host    all     all     10.0.0.0/8      md5  # c\n", 0,
                           (const char *[]){"method=scram-sha-256", NULL}),
               "host    all     all     10.0.0.0/8      scram-sha-256  # c\n",
               "replace line: a run too short for the shift is left as it is");
    tap_str_eq(hba_replace("host all @admins 10.0.0.0/8 md5\n", 0, both),
               "refused: a field of the line comes from an @file",
               "replace line: not over an @file name list");
    tap_str_eq(hba_replace("host all all \\\n 10.0.0.0/8 md5\n", 0, both),
               "refused: the record is continued over several physical lines",
               "replace line: not over a continued record");
    tap_str_eq(hba_replace("host all all 10.0.0.0/8 md5\n", 0,
                           (const char *[]){"method=scram sha", NULL}),
               "refused: the replacement is not a single pg_hba.conf keyword",
               "replace line: a replacement with a blank is refused");

    size_t n = 0;
    tap_str_eq(hba_merged(aligned, 0, (const char *[]){"type:hostssl", "method:cert", NULL}, &n),
               "# TYPE  DATABASE  USER  ADDRESS       METHOD          OPTIONS\n"
               "hostssl all       all   10.0.0.0/8    cert            map=ops\n"
               "host    app       app   10.1.0.0/16   password        # app servers\n",
               "merge: two fixes of one line become one line replacement");
    tap_int_eq((long long)n, 1, "merge: one edit shared by both fixes");
    hba_merged(aligned, 0, (const char *[]){"method:scram-sha-256", NULL}, &n);
    tap_int_eq((long long)n, 1, "merge: a lone fix keeps its token edit");
    tap_str_eq(hba_merged(aligned, 0,
                          (const char *[]){"method:scram-sha-256", "method:cert", NULL}, &n),
               "(overlap)", "merge: two values for one field are not merged");
    hba_merged(aligned, 0, (const char *[]){"type:hostssl", "comment:", "method:cert", NULL}, &n);
    tap_int_eq((long long)n, 3, "merge: not on a line another fix comments out (each waits its round)");
    tap_str_eq(hba_merged("hostnossl reports  analyst  10.2.0.0/16  md5  # x\n", 0,
                          (const char *[]){"type:hostssl", NULL}, &n),
               "hostssl reports    analyst  10.2.0.0/16  md5  # x\n",
               "merge: one field whose token edit shifts the line gets the line edit");
    tap_int_eq((long long)n, 1, "merge: one edit");
    tap_str_eq(hba_merged("host all @admins 10.0.0.0/8 md5\n", 0,
                          (const char *[]){"type:hostssl", "method:scram-sha-256", NULL}, &n),
               "hostssl all @admins 10.0.0.0/8 scram-sha-256\n",
               "merge: beside an @file the token edits stay");
    tap_int_eq((long long)n, 2, "merge: two token edits there (the loop makes them a round each)");
}

static const char *diff_of(const char *a, const char *b)
{
    strbuf out = {0};
    diff_unified(A, &out, "f.conf", (const unsigned char *)a, strlen(a),
                 (const unsigned char *)b, strlen(b));
    return out.data ? out.data : "";
}

static void test_diff(void)
{
    tap_str_eq(diff_of("a\nb\n", "a\nb\n"), "", "equal files: no diff");
    tap_str_eq(diff_of("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nX\n6\n7\n8\n"),
               "--- a/f.conf\n+++ b/f.conf\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n",
               "one changed line with three lines of context");
    tap_str_eq(diff_of("a\n2\n3\n4\n5\n6\n7\n8\n9\nj\n", "A\n2\n3\n4\n5\n6\n7\n8\n9\nJ\n"),
               "--- a/f.conf\n+++ b/f.conf\n@@ -1,4 +1,4 @@\n-a\n+A\n 2\n 3\n 4\n"
               "@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-j\n+J\n",
               "changes far apart make two hunks");
    tap_str_eq(diff_of("a\nb", "a\nc"),
               "--- a/f.conf\n+++ b/f.conf\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
               "+c\n\\ No newline at end of file\n",
               "a last line without newline is marked");
    tap_str_eq(diff_of("", "x\n"), "--- a/f.conf\n+++ b/f.conf\n@@ -0,0 +1,1 @@\n+x\n",
               "an empty file gains a line");
    {
        /* more changes than a shortest script is worth: lines paired in order */
        strbuf a = {0}, b = {0};
        for (int i = 0; i < 3000; i++) {
            strbuf_printf(A, &a, "work_mem = %dMB\n", i);
            strbuf_printf(A, &b, i % 1000 == 7 ? "work_mem = %dMB\n" : "#work_mem = %dMB\n", i);
        }
        const char *d = diff_of(a.data, b.data);
        int minus = 0, plus = 0, same = 0;
        for (const char *p = d; *p; p = strchr(p, '\n') + 1) {
            if (strncmp(p, "---", 3) == 0 || strncmp(p, "+++", 3) == 0)
                continue;
            minus += *p == '-';
            plus += *p == '+';
            same += *p == ' ' && strstr(p, "work_mem = 7MB") == p + 1;
        }
        tap_ok(minus == 2997 && plus == 2997, "3000 changed lines: each old and new line once");
        tap_int_eq(same, 1, "an unchanged line among them stays context");
    }
    tap_str_eq(diff_of("a\r\nb\r\n", "a\r\nc\r\nd\r\n"),
               "--- a/f.conf\n+++ b/f.conf\n@@ -1,2 +1,3 @@\n a\r\n-b\r\n+c\r\n+d\r\n",
               "CR bytes are content");
}

int main(void)
{
    A = arena_new();
    test_edits();
    test_columns();
    test_render();
    test_conf();
    test_hba();
    test_hba_replace_line();
    test_diff();
    arena_free(A);
    return tap_done();
}

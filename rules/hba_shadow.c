/* hba_shadow.c — shadowed rules, weaker methods in front, missing final reject. */
#include "hba_shadow.h"

#include <string.h>

#include "hba_cover.h"

/* "line 3" within one file, "other.conf:3" across included files. */
static const char *where(arena *a, const hba_rule *r, const hba_rule *from)
{
    if (r->src == from->src || !r->src)
        return arena_printf(a, "line %d", r->line);
    return arena_printf(a, "%s:%d", r->src->path, r->line);
}

/* "line 3", "lines 3 and 4", or with file names when they are elsewhere. */
static const char *name_list(arena *a, const ptrvec *rules, const hba_rule *from)
{
    int same_file = 1;
    for (size_t i = 0; i < rules->n; i++)
        same_file &= ((const hba_rule *)rules->items[i])->src == from->src;
    strbuf b = {0};
    if (same_file && rules->n > 1)
        strbuf_puts(a, &b, "lines ");
    for (size_t i = 0; i < rules->n; i++) {
        const hba_rule *r = rules->items[i];
        if (i)
            strbuf_puts(a, &b, i + 1 == rules->n ? " and " : ", ");
        if (same_file && rules->n > 1)
            strbuf_printf(a, &b, "%d", r->line);
        else
            strbuf_puts(a, &b, where(a, r, from));
    }
    return b.data;
}

/* Is method e clearly weaker than method l? Only the undisputed orderings:
 * anything lets in more than reject, trust less than any check, and
 * password < md5 < scram-sha-256. Other pairs (ldap vs cert, ...) are not
 * ranked. */
static int chain_rank(const char *m)
{
    if (strcmp(m, "password") == 0)
        return 1;
    if (strcmp(m, "md5") == 0)
        return 2;
    if (strcmp(m, "scram-sha-256") == 0)
        return 3;
    return 0;
}

static int weaker(const char *e, const char *l)
{
    if (!e || !l || strcmp(e, l) == 0 || strcmp(e, "reject") == 0)
        return 0;
    if (strcmp(l, "reject") == 0 || strcmp(e, "trust") == 0)
        return 1;
    int re = chain_rank(e), rl = chain_rank(l);
    return re && rl && re < rl;
}

static void report(arena *a, const hba_rule *r, const ptrvec *by, ptrvec *out)
{
    finding *f = finding_at(a, "hba-shadowed-line", SEV_WARNING, r->src, r->off, r->len,
                            "this line is never reached: %s %s every connection it could match",
                            name_list(a, by, r), by->n == 1 ? "matches" : "together match");
    for (size_t i = 0; i < by->n; i++) {
        const hba_rule *e = by->items[i];
        finding_relate(a, f, e->src, e->off, e->len, "shadows %s", where(a, r, e));
    }
    /* No connection reaches the line, so commenting it out changes nothing.
     * When a weaker line shadows it, the line is the intent (a reject, a
     * stronger method) and the fix is to reorder: no remedy then. */
    int weaker_first = 0;
    for (size_t i = 0; i < by->n; i++)
        weaker_first |= weaker(((const hba_rule *)by->items[i])->method, r->method);
    if (!weaker_first)
        f->fix = (remedy){.kind = REMEDY_HBA_COMMENT_OUT, .target = r,
                          .description = "comment out the line no connection reaches"};
    ptrvec_push(a, out, f);
    for (size_t i = 0; i < by->n; i++) {
        const hba_rule *e = by->items[i];
        if (!weaker(e->method, r->method))
            continue;
        finding *w;
        if (strcmp(r->method, "reject") == 0)
            w = finding_at(a, "hba-shadowing-weaker-method", SEV_WARNING, e->src, e->off, e->len,
                           "this line (%s) admits connections that %s would reject; "
                           "the reject never happens",
                           e->method, where(a, r, e));
        else
            w = finding_at(a, "hba-shadowing-weaker-method", SEV_WARNING, e->src, e->off, e->len,
                           "this line (%s) takes connections that %s (%s) would handle; "
                           "the stronger method is never used",
                           e->method, where(a, r, e), r->method);
        finding_relate(a, w, r->src, r->off, r->len, "never reached, shadowed by %s",
                       where(a, e, r));
        ptrvec_push(a, out, w);
    }
}

/* Every line is compared with the lines before it: quadratic. Real files
 * have hundreds of lines; a machine-made or hostile one may have millions,
 * and a run must stay bounded. Past these limits the rest of the file is not
 * compared (a missed shadow, never a false one) and one note says so. */
#define SHADOW_MAX_RULES 50000
#define SHADOW_MAX_WORK 100000000.0   /* candidate rules examined, all checks (~3 s) */

static void report_cut_short(arena *a, const hba_rule *r, size_t checked, ptrvec *out)
{
    ptrvec_push(a, out,
                finding_at(a, "hba-shadowed-line", SEV_INFO, r->src, r->off, r->len,
                           "shadowed lines not looked for from here on: the file has too many "
                           "lines to compare each with all before it (%zu lines checked)",
                           checked));
}

/* The candidates one check of `r` examines against a set of `n` rules. */
static double check_work(const hba_rule *r, size_t n)
{
    return 4.0 * (double)(r->databases.n ? r->databases.n : 1) *
           (double)(r->users.n ? r->users.n : 1) * (double)n;
}

void hba_find_shadowed(arena *a, const hba_doc *d, ptrvec *out)
{
    int pgv = d->opts.pg_version ? d->opts.pg_version : 18;
    /* Shadowing is named by the lines that are really reached; only when the
     * proof needs a shadowed line too (it never adds connections, but the cell
     * split may use it) is the full prefix tried. */
    size_t cap = d->rules.n < SHADOW_MAX_RULES ? d->rules.n : SHADOW_MAX_RULES;
    hba_cover_set *reached = hba_cover_set_new(a, cap, pgv);
    hba_cover_set *every = hba_cover_set_new(a, cap, pgv);
    double work = 0;
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *r = d->rules.items[i];
        work += check_work(r, hba_cover_set_size(reached)) +
                check_work(r, hba_cover_set_size(every));
        if (i >= SHADOW_MAX_RULES || work > SHADOW_MAX_WORK) {
            report_cut_short(a, r, i, out);
            return;
        }
        ptrvec by = {0};
        /* read once: checked against one or both sets, then added to them */
        const hba_cover_rule *cr = hba_cover_rule_read(a, r, pgv);
        int shadowed = hba_cover_check_read(reached, cr, a, &by);
        if (!shadowed && hba_cover_set_size(every) > hba_cover_set_size(reached))
            shadowed = hba_cover_check_read(every, cr, a, &by);
        if (shadowed)
            report(a, r, &by, out);
        else
            hba_cover_set_add_read(reached, cr);
        hba_cover_set_add_read(every, cr);
    }
}

static hba_token *all_token(arena *a)
{
    hba_token *t = arena_alloc(a, sizeof *t);
    t->text = "all";
    return t;
}

/* A synthetic "TYPE all all [all]" rule to test catch-all coverage against. */
static hba_rule *catch_all(arena *a, const char *type)
{
    hba_rule *r = arena_alloc(a, sizeof *r);
    r->type = type;
    ptrvec_push(a, &r->databases, all_token(a));
    ptrvec_push(a, &r->users, all_token(a));
    if (strcmp(type, "local") != 0)
        r->address = "all";
    r->method = "reject";
    return r;
}

void hba_find_missing_final_reject(arena *a, const hba_doc *d, ptrvec *out)
{
    int pgv = d->opts.pg_version ? d->opts.pg_version : 18;
    size_t first = d->rules.n;
    while (first > 0) {
        const hba_rule *r = d->rules.items[first - 1];
        if (!r->method || strcmp(r->method, "reject") != 0)
            break;
        first--;
    }
    hba_cover_set *tail = hba_cover_set_new(a, d->rules.n - first, pgv);
    for (size_t i = first; i < d->rules.n; i++)
        hba_cover_set_add(tail, d->rules.items[i]);
    int local_ok = hba_cover_check(tail, catch_all(a, "local"), a, NULL);
    int host_ok = hba_cover_check(tail, catch_all(a, "host"), a, NULL);
    if (local_ok && host_ok)
        return;
    const char *missing = !local_ok && !host_ok ? "\"local all all reject\" and "
                                                  "\"host all all all reject\""
                          : !local_ok ? "\"local all all reject\""
                                      : "\"host all all all reject\"";
    const source *src = d->root;
    size_t off = src ? src->len : 0, len = 0;
    if (d->rules.n) {
        const hba_rule *last = d->rules.items[d->rules.n - 1];
        src = last->src;
        off = last->off;
        len = last->len;
    }
    ptrvec_push(a, out,
                finding_at(a, "hba-no-final-reject", SEV_WARNING, src, off, len,
                           "the rules do not end with a catch-all reject: add %s as the last "
                           "line%s",
                           missing, !local_ok && !host_ok ? "s" : ""));
}

/* check_emit.c — running a unit, and reporting its result in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "hash.h"
#include "report_edits.h"

typedef struct unit_result {
    cluster_result *cr;   /* a cluster, or */
    file_result *fr;      /* a single file */
} unit_result;

void *check_unit_run(const check_run *run, const check_unit *u)
{
    unit_result *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    if (u->single) {
        run_config cfg = run->cfg;
        if (u->kind != KIND_UNKNOWN)
            cfg.kind = u->kind;
        r->fr = pipeline_check_file(&cfg, u->single);
    }
    else {
        r->cr = pipeline_check_cluster(&run->cfg, &u->files);
    }
    return r;
}

/* The registry row of a rule and its running count: O(1) per finding. */
static tally_row *tally(check_run *run, const finding *f)
{
    rule_tally *t = &run->tally;
    size_t m = ((uintptr_t)f->rule >> 3) % TALLY_MEMO;
    if (f->rule && t->memo_id[m] == f->rule && strcmp(t->rows[t->memo_row[m]].c.rule, f->rule) == 0)
        return &t->rows[t->memo_row[m]];
    findkey k = {hash_final(hash_str(1, f->rule)), hash_final(hash_str(2, f->rule))};
    findset_entry *e = findset_get(&t->index, k);
    if (e) {
        t->memo_id[m] = f->rule;
        t->memo_row[m] = (int)e->value;
        return &t->rows[e->value];
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->rows = realloc(t->rows, (size_t)t->cap * sizeof *t->rows);
        if (!t->rows)
            abort();
    }
    tally_row *row = &t->rows[t->n];
    memset(row, 0, sizeof *row);
    row->c.rule = arena_strdup(run->a, f->rule);
    row->c.sev = f->sev;
    row->info = rule_find(f->rule);
    row->index = -1;
    if (row->info) {
        int n;
        row->index = (int)(row->info - rule_all(&n));
    }
    findset_add(&t->index, k);
    findset_get(&t->index, k)->value = (unsigned)t->n;
    t->n++;
    return row;
}

/* Identity of a finding for dedupe: the file it is in (absolute), place,
 * rule and message. Two roots that include one file find the same things
 * in it; the second report is dropped. */
static findkey finding_key(const finding *f, const char *abspath)
{
    const diag *d = &f->where;
    uint64_t h[2];
    for (int i = 0; i < 2; i++) {
        uint64_t x = hash_str(0x64656475ULL + (uint64_t)i, abspath);
        x = hash_u64(x, (uint64_t)(unsigned)d->line << 32 | (unsigned)d->col);
        x = hash_u64(x, d->len);
        x = hash_str(x, f->rule);
        x = hash_str(x, d->message);
        h[i] = hash_final(x);
    }
    return (findkey){h[0], h[1]};
}

static const char *file_abspath(check_run *run, arena *a, const diag *d, const char *fallback)
{
    if (d->src && d->src->abspath)
        return d->src->abspath;
    const char *p = d->path ? d->path : fallback;
    if (!p || strcmp(p, "-") == 0 || strcmp(p, "<stdin>") == 0)
        return "-";
    return path_make_absolute(a, p, run->cwd);
}

static void emit_finding(check_run *run, const file_result *r, const finding *f, int dedupe,
                         const char *abspath)
{
    arena *a = r->a;
    if (dedupe && findset_add(&run->seen_findings, finding_key(f, abspath)) > 0)
        return;
    report_finding rf = {.f = f, .rule_index = -1, .nedits = -1};
    rf.path = f->where.path ? f->where.path : r->path ? r->path : "-";
    if (!run->rep.no_span)
        rf.span = report_span_of(&f->where);
    rf.fingerprint = run->want_fingerprints ? fingerprint_of(&run->fp, a, rf.path, f) : NULL;
    if (run->writing_base) {
        baseline_writer_add(&run->bw, rf.fingerprint, fingerprint_path(rf.path), f->rule,
                            f->where.message);
        return;
    }
    if (run->have_base && baseline_take(&run->base, rf.fingerprint)) {
        run->baselined++;
        return;
    }
    tally_row *row = tally(run, f);
    row->c.count++;
    row->c.sev = f->sev;
    rf.rule = row->info;
    rf.rule_index = row->index;
    if (f->fix.kind != REMEDY_NONE) {
        rf.fix = f->fix.unsafe ? FIX_UNSAFE : FIX_SAFE;
        rf.fix_description = f->fix.description;
        if (run->want_edits)
            report_edits_plan(a, r->doc, run->cfg.lint.pg_version, &rf);
        if (f->fix.unsafe)
            run->fixable_unsafe++;
        else
            run->fixable++;
    }
    run->counts[f->sev]++;
    if ((int)f->sev >= run->o->fail_on)
        run->failing++;
    run->rep.finding(&run->rep, &rf);
}

static const ptrvec *doc_sources(const document *d)
{
    if (!d)
        return NULL;
    if (d->conf)
        return &d->conf->sources;
    if (d->hba)
        return &d->hba->sources;
    if (d->ident)
        return &d->ident->sources;
    return NULL;
}

/* What the unit does with the findings in one of its files. */
enum file_action {
    EMIT = 1,          /* first reported here as a root: emit, keep no keys */
    EMIT_KEEP_KEYS,    /* first reported here through an include: emit, keep keys */
    DEDUPE,            /* reported before through an include: drop repeats */
    SKIP,              /* reported before as its own root, in full */
};

/* Note every file of a target's document as reported by this unit (and
 * count the new ones). */
static void mark_files(check_run *run, const file_result *r, int whole, const char *only_abspath)
{
    const ptrvec *srcs = doc_sources(r->doc);
    if (!srcs)
        return;
    for (size_t i = 0; i < srcs->n; i++) {
        const source *s = srcs->items[i];
        const char *abs = s->abspath ? s->abspath : "-";
        if (!whole && (!only_abspath || strcmp(abs, only_abspath) != 0))
            continue;
        findkey k = check_path_key(abs);
        if (findset_add(&run->unit_files, k) > 0)
            continue;   /* reached twice within this unit: the first way decides */
        unsigned as = i == 0 && whole ? SEEN_AS_ROOT : SEEN_AS_INCLUDED;
        unsigned action;
        if (findset_add(&run->seen_files, k) == 0) {
            run->files++;
            findset_get(&run->seen_files, k)->value = as;
            action = as == SEEN_AS_ROOT ? EMIT : EMIT_KEEP_KEYS;
        } else {
            action = findset_get(&run->seen_files, k)->value == SEEN_AS_ROOT ? SKIP : DEDUPE;
        }
        findset_get(&run->unit_files, k)->value = action;
    }
}

static void emit_results(check_run *run, file_result *const *rs, const int *target, int n,
                         const char *auto_abspath)
{
    /* the files whose findings this unit reports: every file a target
     * document read; for an auto.conf named without its postgresql.conf,
     * the auto.conf alone */
    findset_clear(&run->unit_files);
    for (int i = 0; i < n; i++) {
        if (!rs[i])
            continue;
        if (target[i] && rs[i]->error) {
            run->rep.error(&run->rep, rs[i]->error);
            run->unreadable++;
            continue;
        }
        if (target[i] == 1)
            mark_files(run, rs[i], 1, NULL);
        else if (target[i] == 2)
            mark_files(run, rs[i], 0, auto_abspath);
    }
    for (int i = 0; i < n; i++) {
        if (!rs[i] || rs[i]->error)
            continue;
        /* findings come sorted by file: look each file up once */
        const source *last_src = NULL;
        const char *abs = NULL;
        unsigned action = 0;
        for (size_t k = 0; k < rs[i]->findings.n; k++) {
            const finding *f = rs[i]->findings.items[k];
            if (!f->where.src || f->where.src != last_src || !abs) {
                last_src = f->where.src;
                abs = file_abspath(run, rs[i]->a, &f->where, rs[i]->path);
                findset_entry *e = findset_get(&run->unit_files, check_path_key(abs));
                action = e ? e->value : 0;
            }
            if (action == EMIT || action == EMIT_KEEP_KEYS || action == DEDUPE)
                emit_finding(run, rs[i], f, action != EMIT, abs);
        }
    }
    /* occurrences count within a unit: a file's findings come from one */
    findset_clear(&run->fp.seen);
}

static int by_path(const void *x, const void *y)
{
    const file_result *a = *(file_result *const *)x, *b = *(file_result *const *)y;
    return strcmp(a->path, b->path);
}

void check_emit(check_run *run, const check_unit *u, void *result)
{
    unit_result *ur = result;
    if (ur->fr) {
        int whole = 1;
        emit_results(run, &ur->fr, &whole, 1, NULL);
        file_result_free(ur->fr);
        free(ur);
        return;
    }
    /* members in path order, as a directory listing shows them */
    file_result *rs[MEMBER_COUNT] = {0};
    int n = 0;
    for (int m = MEMBER_CONF; m <= MEMBER_IDENT; m++)
        if (ur->cr->member[m])
            rs[n++] = ur->cr->member[m];
    qsort(rs, (size_t)n, sizeof(void *), by_path);   /* an array of pointers */
    int target[MEMBER_COUNT] = {0};
    const char *auto_abs = NULL;
    for (int i = 0; i < n; i++) {
        for (int m = MEMBER_CONF; m <= MEMBER_IDENT; m++)
            if (rs[i] == ur->cr->member[m] && (u->targets & (1u << m)))
                target[i] = 1;
        if (!target[i] && rs[i] == ur->cr->member[MEMBER_CONF] &&
            (u->targets & (1u << MEMBER_AUTO))) {
            target[i] = 2;
            auto_abs = path_make_absolute(ur->cr->a, u->files.path[MEMBER_AUTO], run->cwd);
        }
    }
    emit_results(run, rs, target, n, auto_abs);
    cluster_result_free(ur->cr);
    free(ur);
}

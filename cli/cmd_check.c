/* cmd_check.c — `pgconflint check PATH...`: report what PostgreSQL would
 * reject, over any number of files, on every core, in a stable order. The
 * steps are described in check_run.h. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_run.h"
#include "commands.h"
#include "confine.h"
#include "tree_root.h"
#include "jobs.h"
#include "policy_setup.h"
#include "walk.h"
#include "walk_policy.h"

/* --color auto: colour on a terminal, unless NO_COLOR asks otherwise (or
 * FORCE_COLOR asks for it where there is no terminal, as in CI logs). */
static int use_color(color_mode m)
{
    if (m == COLOR_ALWAYS)
        return 1;
    if (m == COLOR_NEVER)
        return 0;
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return 0;
    const char *force = getenv("FORCE_COLOR");
    if (force && *force && strcmp(force, "0") != 0)
        return 1;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(1);
}

typedef struct batch {
    check_run *run;
    const ptrvec *units;
} batch;

static void *unit_work(void *ctx, size_t i)
{
    batch *b = ctx;
    return check_unit_run(b->run, b->units->items[i]);
}

static void unit_emit(void *ctx, size_t i, void *result)
{
    batch *b = ctx;
    check_emit(b->run, b->units->items[i], result);
}

static void run_units(check_run *run, const ptrvec *units)
{
    batch b = {run, units};
    int jobs = run->o->jobs > 0 ? run->o->jobs : jobs_default_count();
    jobs_run(units->n, jobs, unit_work, unit_emit, &b);
}

static int cmp_count(const void *x, const void *y)
{
    const rule_count *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->rule, b->rule);
}

/* Options that do not fit together, or files that must exist: exit 2. */
static int check_usage(const cli_options *o)
{
    if (o->stdin_filename) {
        if (o->npaths > 1 || (o->npaths == 1 && strcmp(o->paths[0], "-") != 0)) {
            fprintf(stderr, "pgconflint: --stdin-filename reads standard input; give no PATH "
                            "or \"-\"\n");
            return 2;
        }
    } else if (o->npaths == 0) {
        fprintf(stderr, "pgconflint: check needs at least one PATH (see pgconflint check --help)\n");
        return 2;
    }
    if (o->statistics && o->format && strcmp(o->format, "text") != 0) {
        fprintf(stderr, "pgconflint: --statistics is for --format text (json and sarif "
                        "summaries always carry the counts per rule)\n");
        return 2;
    }
    return 0;
}

/* --stdin-filename NAME: standard input stands in for NAME, which is then
 * checked like a file on disk (its kind, its includes, its cluster). */
static int hold_stdin(check_run *run, source_overlay *ov, source_overlay_file *f)
{
    strbuf b = {0};
    char buf[65536];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0)
        strbuf_put(run->a, &b, buf, (size_t)r);
    if (r < 0) {
        perror("pgconflint: reading standard input");
        return 2;
    }
    f->abspath = path_make_absolute(run->a, run->o->stdin_filename, run->cwd);
    f->data = (const unsigned char *)(b.data ? b.data : "");
    f->len = b.len;
    ov->files = f;
    ov->n = 1;
    run->cfg.load.overlay = ov;
    return 0;
}

static int check_with_policy(const cli_options *o, const policy *pol)
{
    /* --pg-version, else the policy's pg_version (a PG_VERSION file beside
     * the checked files still wins over the policy: pipeline.h) */
    int pg_version = cli_pg_version(o, pol);
    check_run run = {
        .o = o,
        .cfg = {
            .lint = {.pg_version = pg_version, .select = o->select,
                     .extend_select = o->extend_select, .ignore = o->ignore, .policy = pol},
            .load = {.pg_version = pg_version, .follow_includes = 1,
                     .allow_outside = o->allow_include_outside},
            .kind = o->kind,
            .pg_version_fixed = o->pg_version_set,
        },
    };
    const char *bad_rule = lint_unknown_rule(&run.cfg.lint);
    if (bad_rule) {
        fprintf(stderr, "pgconflint: unknown rule id in \"%s\" (see pgconflint rules)\n", bad_rule);
        return 2;
    }
    run.a = arena_new();
    /* includes may not leave the tree being checked (docs/security.md) */
    run.cfg.load.root_dir = tree_root(run.a, o->paths, o->npaths, o->stdin_filename);
    run.rep.a = run.a;
    run.rep.out = stdout;
    run.rep.color = use_color(o->color);
    run.rep.statistics = o->statistics;
    if (report_init(&run.rep, o->format ? o->format : "text") != 0) {
        fprintf(stderr, "pgconflint: check --format must be one of %s, not \"%s\"\n",
                report_formats(), o->format);
        arena_free(run.a);
        return 2;
    }
    run.want_edits = run.rep.finding != NULL && o->format &&
                     (strcmp(o->format, "json") == 0 || strcmp(o->format, "sarif") == 0);
    run.want_fingerprints = run.want_edits || o->baseline || o->write_baseline;
    char *cwd = getcwd(NULL, 0);
    run.cwd = arena_strdup(run.a, cwd ? cwd : "/");
    free(cwd);
    run.cfg.load.cwd = run.cwd;   /* taken once: the run does not change it */

    const char *err = NULL;
    if (o->baseline) {
        if (baseline_load(o->baseline, &run.base, &err) != 0) {
            fprintf(stderr, "pgconflint: --baseline %s: %s\n", o->baseline, err);
            arena_free(run.a);
            return 2;
        }
        run.have_base = 1;
    }
    if (o->write_baseline) {
        if (baseline_writer_open(&run.bw, o->write_baseline, &err) != 0) {
            fprintf(stderr, "pgconflint: --write-baseline %s: %s\n", o->write_baseline, err);
            if (run.have_base)
                baseline_free(&run.base);
            arena_free(run.a);
            return 2;
        }
        run.writing_base = 1;
    }

    /* directories confinement resolves, remembered for this run */
    run.cfg.load.confine_cache = confine_cache_new();
    source_overlay ov;
    source_overlay_file held;
    walk_result w = {0};
    int rc = 0;
    /* the policy's files:/exclude: globs pick what a walk checks */
    walk_filter filter;
    walk_policy_ctx fctx;
    walk_policy_filter(&filter, &fctx, pol, run.cwd, o->force_exclude);
    if (o->stdin_filename) {
        rc = hold_stdin(&run, &ov, &held);
        /* an editor or hook passing an excluded file gets no findings */
        if (!(o->force_exclude && walk_policy_excluded(&fctx, o->stdin_filename)))
            ptrvec_push(run.a, &w.files, (void *)o->stdin_filename);
        if (w.files.n)
            ptrvec_push(run.a, &w.kinds, (void *)(intptr_t)KIND_UNKNOWN);
    } else {
        walk_paths(run.a, o->paths, o->npaths, &filter, &w);
    }
    /* what the walk listed spares confinement an lstat() per name */
    walk_index *listed = walk_index_new(&w, run.cwd);
    if (listed)
        confine_cache_set_lister(run.cfg.load.confine_cache, walk_index_kind, listed);

    run.rep.begin(&run.rep);
    for (size_t i = 0; i < w.errors.n; i++) {
        run.rep.error(&run.rep, w.errors.items[i]);
        run.unreadable++;
    }
    if (rc == 0) {
        ptrvec units = {0}, rest = {0}, singles = {0};
        check_units_clusters(&run, &w, &units, &rest);
        run_units(&run, &units);
        check_units_singles(&run, &rest, &singles);
        run_units(&run, &singles);
    }

    report_summary s = {
        .files = run.files,
        .unreadable = run.unreadable,
        .baselined = run.baselined,
        .fixable = run.fixable,
        .fixable_unsafe = run.fixable_unsafe,
    };
    memcpy(s.counts, run.counts, sizeof s.counts);
    rule_count *by_rule = calloc((size_t)run.tally.n + 1, sizeof *by_rule);
    if (!by_rule)
        abort();
    for (int i = 0; i < run.tally.n; i++)
        by_rule[i] = run.tally.rows[i].c;
    qsort(by_rule, (size_t)run.tally.n, sizeof *by_rule, cmp_count);
    s.by_rule = by_rule;
    s.nrules = run.tally.n;
    if (run.have_base)
        s.stale = baseline_stale(&run.base);
    if (run.writing_base) {
        s.baseline_written = o->write_baseline;
        s.baseline_entries = run.bw.entries;
        if (baseline_writer_close(&run.bw, &err) != 0) {
            fprintf(stderr, "pgconflint: --write-baseline %s: %s\n", o->write_baseline, err);
            rc = 2;
        }
    }
    if (rc == 0 && run.unreadable)
        rc = 2;
    else if (rc == 0 && run.failing && !o->exit_zero)
        rc = 1;
    s.exit_code = rc;
    run.rep.end(&run.rep, &s);
    fflush(stdout);

    free(by_rule);
    free(run.tally.rows);
    findset_free(&run.tally.index);
    findset_free(&run.seen_findings);
    findset_free(&run.seen_files);
    findset_free(&run.unit_files);
    fingerprinter_free(&run.fp);
    if (run.have_base)
        baseline_free(&run.base);
    confine_cache_free(run.cfg.load.confine_cache);
    walk_index_free(listed);
    arena_free(run.a);
    return rc;
}

int cmd_check(const cli_options *o)
{
    if (check_usage(o))
        return 2;
    /* A batch run writes a line per finding: when the output is a file or a
     * pipe, fill larger blocks than the default before each write. */
    if (!isatty(1))
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    /* Every unit allocates and frees its documents' arenas; by default
     * glibc hands the freed top of the heap back to the kernel each time
     * and the next unit faults the same pages in again. Keeping it costs
     * nothing in peak memory (the high-water mark is the same). */
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
    /* The policy is loaded once per run; its errors are usage errors. */
    policy *pol = cli_load_policy(o, stderr);
    if (!pol)
        return 2;
    int rc = check_with_policy(o, pol);
    policy_free(pol);
    return rc;
}

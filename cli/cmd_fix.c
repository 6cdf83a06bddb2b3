/* cmd_fix.c — `pgconflint fix PATH...`: apply the fixes the findings carry,
 * in place (atomically), as a unified diff (--diff), or to standard output
 * (--stdout, and for standard input). The rounds are fixer/fix_loop.h's;
 * this file picks the units (a server's files together, or single files),
 * drives the pipeline for the loop, and prints the diff or the fixed text;
 * fix_write.c writes the files and fix_report.c tells what was done. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cluster.h"
#include "commands.h"
#include "confine.h"
#include "tree_root.h"
#include "diff.h"
#include "fix_loop.h"
#include "fix_names.h"
#include "fix_report.h"
#include "fix_write.h"
#include "pipeline.h"
#include "policy_setup.h"
#include "walk.h"
#include "walk_policy.h"

/* What `fix` works on: one file, or a server's files linted together so
 * cross-file rules see all of them. */
typedef struct fix_unit {
    const char *single;
    file_kind kind;            /* single: the kind the policy's files: globs give */
    cluster_files files;
    unsigned targets;          /* FIX_TARGET_* named by the user */
} fix_unit;

typedef struct fix_ctx {
    const run_config *cfg;
    const fix_unit *u;
    const source_overlay_file *held;   /* standard input, read once, or NULL */
} fix_ctx;

typedef struct pass_handle {
    file_result *single;
    cluster_result *cluster;
    ptrvec findings;
} pass_handle;

/* The loop's overlay, plus standard input unless a fix already replaced it. */
static source_overlay *with_held(arena *a, const source_overlay *ov,
                                 const source_overlay_file *held)
{
    if (!held || source_overlay_find(ov, held->abspath))
        return (source_overlay *)ov;
    source_overlay *n = arena_alloc(a, sizeof *n);
    source_overlay_file *f = arena_alloc(a, (ov->n + 1) * sizeof *f);
    if (ov->n)
        memcpy(f, ov->files, ov->n * sizeof *f);
    f[ov->n] = *held;
    n->files = f;
    n->n = ov->n + 1;
    return n;
}

static unsigned target_bit(const document *d)
{
    return d->conf ? FIX_TARGET_CONF : d->hba ? FIX_TARGET_HBA : FIX_TARGET_IDENT;
}

static unsigned target_bit_of_member(int m)
{
    return m == MEMBER_HBA ? FIX_TARGET_HBA : m == MEMBER_IDENT ? FIX_TARGET_IDENT : FIX_TARGET_CONF;
}

static void take_doc(fix_pass *out, const document *d)
{
    if (d->conf)
        out->conf = d->conf;
    else if (d->hba)
        out->hba = d->hba;
    else if (d->ident)
        out->ident = d->ident;
}

static void drive_lint(void *vctx, const source_overlay *ov, fix_pass *out)
{
    fix_ctx *c = vctx;
    pass_handle *h = calloc(1, sizeof *h);
    if (!h)
        abort();
    run_config cfg = *c->cfg;
    out->handle = h;
    if (c->u->single) {
        if (c->u->kind != KIND_UNKNOWN)
            cfg.kind = c->u->kind;
        arena *tmp = arena_new();
        cfg.load.overlay = with_held(tmp, ov, c->held);
        h->single = pipeline_check_file(&cfg, c->u->single);
        arena_free(tmp);
        file_result *r = h->single;
        if (r->error) {
            out->error = arena_printf(r->a, "%s: %s", r->error->path ? r->error->path : "",
                                      r->error->message);
            return;
        }
        take_doc(out, r->doc);
        out->targets = target_bit(r->doc);
        out->findings = &r->findings;
        return;
    }
    arena *tmp = arena_new();
    cfg.load.overlay = with_held(tmp, ov, c->held);
    h->cluster = pipeline_check_cluster(&cfg, &c->u->files);
    arena_free(tmp);
    cluster_result *cr = h->cluster;
    out->findings = &h->findings;
    for (int m = MEMBER_CONF; m <= MEMBER_IDENT; m++) {
        file_result *r = cr->member[m];
        if (!r)
            continue;
        int target = (c->u->targets & target_bit_of_member(m)) != 0;
        if (r->error) {
            if (target)
                out->error = arena_printf(cr->a, "%s: %s", r->error->path ? r->error->path : "",
                                          r->error->message);
            continue;
        }
        take_doc(out, r->doc);
        if (!target)
            continue;
        out->targets |= target_bit(r->doc);
        for (size_t i = 0; i < r->findings.n; i++)
            ptrvec_push(cr->a, &h->findings, r->findings.items[i]);
    }
}

static void drive_release(void *vctx, fix_pass *p)
{
    (void)vctx;
    pass_handle *h = p->handle;
    if (!h)
        return;
    file_result_free(h->single);
    cluster_result_free(h->cluster);
    free(h);
}

/* ---- units -------------------------------------------------------------- */

/* `listing`: the walk's reading of `dir`, or NULL (then asked on disk). */
static fix_unit *cluster_unit(arena *a, ptrvec *units, ptrvec *dirs, const char *dir,
                              const char *cwd, const walk_listing *listing)
{
    const char *key = path_make_absolute(a, dir, cwd);
    for (size_t i = 0; i < dirs->n; i++)
        if (strcmp(dirs->items[i], key) == 0)
            return units->items[i];
    fix_unit *u = arena_alloc(a, sizeof *u);
    cluster_in_listed_dir(a, dir, listing, &u->files);
    ptrvec_push(a, dirs, (void *)key);
    ptrvec_push(a, units, u);
    return u;
}

static const file_kind member_kind[MEMBER_COUNT] = {KIND_CONF, KIND_HBA, KIND_IDENT, KIND_CONF};

/* A server's standard files go together (in the order of the first one
 * named); any other file is a unit of its own. As in `check`
 * (check_units.c), a file the policy's globs give another kind is not a
 * server's file. */
static void make_units(arena *a, const walk_result *w, file_kind forced, const char *cwd,
                       ptrvec *units)
{
    ptrvec clusters = {0}, dirs = {0}, singles = {0};
    for (size_t i = 0; i < w->files.n; i++) {
        const char *p = w->files.items[i];
        /* --kind wins over the name (and the globs) of every file */
        file_kind kind = forced == KIND_UNKNOWN && i < w->kinds.n
                             ? (file_kind)(intptr_t)w->kinds.items[i] : KIND_UNKNOWN;
        int m = forced == KIND_UNKNOWN && strcmp(p, "-") != 0 ? cluster_member_of(p) : -1;
        if (m >= 0 && kind != KIND_UNKNOWN && kind != member_kind[m])
            m = -1;
        const char *conf = NULL;
        if (m == MEMBER_AUTO && !(conf = cluster_conf_for_auto(a, p)))
            m = -1;
        if (m < 0) {
            fix_unit *u = arena_alloc(a, sizeof *u);
            u->single = p;
            u->kind = kind;
            u->targets = FIX_TARGET_CONF | FIX_TARGET_HBA | FIX_TARGET_IDENT;
            ptrvec_push(a, &singles, u);
            continue;
        }
        /* the listing is of p's directory, which Debian's /etc is not */
        const walk_listing *listing =
            !conf && i < w->listings.n ? w->listings.items[i] : NULL;
        fix_unit *u = cluster_unit(a, &clusters, &dirs, path_dirname(a, conf ? conf : p), cwd,
                                   listing);
        if (m == MEMBER_AUTO) {
            if (!u->files.path[MEMBER_CONF])
                u->files.path[MEMBER_CONF] = conf;
            u->files.path[MEMBER_AUTO] = p;
        } else {
            u->files.path[m] = p;
        }
        u->targets |= target_bit_of_member(m);
    }
    for (size_t i = 0; i < clusters.n; i++)
        ptrvec_push(a, units, clusters.items[i]);
    for (size_t i = 0; i < singles.n; i++)
        ptrvec_push(a, units, singles.items[i]);
}

/* ---- the command -------------------------------------------------------- */

static int fix_usage(const cli_options *o, int *to_stdout)
{
    int reads_stdin = o->stdin_filename != NULL;
    for (int i = 0; i < o->npaths; i++)
        if (strcmp(o->paths[i], "-") == 0)
            reads_stdin = 1;
    if (o->npaths == 0 && !o->stdin_filename) {
        fprintf(stderr, "pgconflint: fix needs at least one PATH (see pgconflint fix --help)\n");
        return 2;
    }
    if (reads_stdin && (o->npaths > 1 || (o->stdin_filename && o->npaths == 1 &&
                                          strcmp(o->paths[0], "-") != 0))) {
        fprintf(stderr, "pgconflint: fix reads standard input alone; give \"-\" as the only "
                        "PATH\n");
        return 2;
    }
    if (o->fix_diff && o->fix_stdout) {
        fprintf(stderr, "pgconflint: --diff and --stdout do not go together\n");
        return 2;
    }
    *to_stdout = o->fix_stdout || (reads_stdin && !o->fix_diff);
    if (*to_stdout && o->npaths > 1) {
        fprintf(stderr, "pgconflint: fix --stdout prints one file; give one PATH\n");
        return 2;
    }
    if (o->fix_backup && (o->fix_diff || *to_stdout)) {
        fprintf(stderr, "pgconflint: --backup is for fixing files in place\n");
        return 2;
    }
    return 0;
}

/* 1 for a regular file (not a directory --stdout could not print). */
static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Read standard input once: it stands for "-" or for --stdin-filename. */
static int hold_stdin(arena *a, const cli_options *o, const char *cwd, source_overlay_file *f)
{
    strbuf b = {0};
    char buf[65536];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0)
        strbuf_put(a, &b, buf, (size_t)r);
    if (r < 0) {
        perror("pgconflint: reading standard input");
        return 2;
    }
    f->abspath = o->stdin_filename ? path_make_absolute(a, o->stdin_filename, cwd) : "-";
    f->data = (const unsigned char *)(b.data ? b.data : "");
    f->len = b.len;
    return 0;
}

static int fix_with_policy(const cli_options *o, const policy *pol, int to_stdout);

int cmd_fix(const cli_options *o)
{
    int to_stdout = 0;
    if (fix_usage(o, &to_stdout))
        return 2;
    /* the same policy and version as `check`, so fix fixes what check reports */
    policy *pol = cli_load_policy(o, stderr);
    if (!pol)
        return 2;
    int rc = fix_with_policy(o, pol, to_stdout);
    policy_free(pol);
    return rc;
}

static int fix_with_policy(const cli_options *o, const policy *pol, int to_stdout)
{
    int pg_version = cli_pg_version(o, pol);
    run_config cfg = {
        .lint = {.pg_version = pg_version, .select = o->select,
                 .extend_select = o->extend_select, .ignore = o->ignore, .policy = pol},
        .load = {.pg_version = pg_version, .follow_includes = 1,
                 .allow_outside = o->allow_include_outside},
        .kind = o->kind,
        .pg_version_fixed = o->pg_version_set,
    };
    const char *bad_rule = lint_unknown_rule(&cfg.lint);
    if (bad_rule) {
        fprintf(stderr, "pgconflint: unknown rule id in \"%s\" (see pgconflint rules)\n", bad_rule);
        return 2;
    }
    arena *a = arena_new();
    /* includes may not leave the tree being fixed (docs/security.md) */
    cfg.load.root_dir = tree_root(a, o->paths, o->npaths, o->stdin_filename);
    char *cwdp = getcwd(NULL, 0);
    const char *cwd = arena_strdup(a, cwdp ? cwdp : "/");
    free(cwdp);
    cfg.load.cwd = cwd;   /* the run's, taken once: it does not change */

    source_overlay_file held = {0};
    int have_held = 0;
    walk_result w = {0};
    /* the policy's files:/exclude: globs pick what a walk fixes, and with
     * --force-exclude what is named too, exactly as for `check` */
    walk_filter filter;
    walk_policy_ctx fctx;
    walk_policy_filter(&filter, &fctx, pol, cwd, o->force_exclude);
    if (o->stdin_filename || (o->npaths == 1 && strcmp(o->paths[0], "-") == 0)) {
        if (hold_stdin(a, o, cwd, &held)) {
            arena_free(a);
            return 2;
        }
        have_held = 1;
        /* an editor passing an excluded file gets its text back unchanged */
        if (!(o->stdin_filename && o->force_exclude &&
              walk_policy_excluded(&fctx, o->stdin_filename)))
            ptrvec_push(a, &w.files, (void *)(o->stdin_filename ? o->stdin_filename : "-"));
    } else {
        walk_paths(a, o->paths, o->npaths, &filter, &w);
    }
    /* directories confinement resolves, remembered for this run */
    cfg.load.confine_cache = confine_cache_new();
    int rc = 0;
    for (size_t i = 0; i < w.errors.n; i++) {
        const diag *d = w.errors.items[i];
        fprintf(stderr, "pgconflint: %s: %s\n", d->path ? d->path : "", d->message);
        rc = 2;
    }
    ptrvec units = {0};
    make_units(a, &w, o->kind, cwd, &units);

    FILE *rep = (o->fix_diff || to_stdout) ? stderr : stdout;
    int dry = o->fix_diff || to_stdout;   /* nothing is written */
    fix_options fo = {.unsafe_fixes = o->unsafe_fixes, .pg_version = pg_version,
                      .root_only = to_stdout};
    fix_run run;
    fix_run_init(&run);
    size_t applied = 0, unsafe_left = 0, refused = 0, given_up = 0;
    ptrvec notes = {0};
    for (size_t i = 0; i < units.n; i++) {
        fix_unit *u = units.items[i];
        fix_ctx ctx = {.cfg = &cfg, .u = u, .held = have_held ? &held : NULL};
        fix_driver drv = {drive_lint, drive_release, &ctx};
        fix_result res;
        fix_root(&run, &drv, &fo, &res);
        /* in file order, whatever round each fix was made in; printed once
         * the files are written (the notes live in the run's arena) */
        fix_report_sort(&res.notes);
        for (size_t k = 0; k < res.notes.n; k++)
            ptrvec_push(a, &notes, res.notes.items[k]);
        if (res.error) {
            const char *what = u->single ? u->single : "the server's files";
            for (int m = 0; !u->single && m < MEMBER_COUNT; m++)
                if (u->files.path[m]) {
                    what = u->files.path[m];
                    break;
                }
            fprintf(stderr, "pgconflint: %s: not fixed: %s\n", what, res.error);
            rc = 2;
            given_up++;
        }
        unsafe_left += res.unsafe_skipped;
        refused += res.refused;
        if (res.error)
            continue;
        applied += res.applied;
    }

    size_t changed = 0;
    for (size_t i = 0; i < run.files.n; i++)
        changed += fix_file_changed(run.files.items[i]) != 0;

    if (o->fix_diff) {
        strbuf b = {0};
        for (size_t i = 0; i < run.files.n; i++) {
            const fix_file *f = run.files.items[i];
            diff_unified(a, &b, fix_shown_path(a, fix_diff_name(f), cwd), f->orig, f->orig_len,
                         f->data, f->len);
        }
        if (b.len)
            fwrite(b.data, 1, b.len, stdout);
    } else if (to_stdout) {
        /* the one file, fixed or as it was */
        const unsigned char *data = NULL;
        size_t len = 0;
        if (run.files.n == 1) {
            const fix_file *f = run.files.items[0];
            data = f->data;
            len = f->len;
        } else if (have_held) {
            data = held.data;
            len = held.len;
        } else if (w.files.n == 1 || (w.files.n == 0 && o->npaths == 1 && o->force_exclude &&
                                      is_file(o->paths[0]))) {
            /* a file --force-exclude left out is printed as it is: an
             * editor replaces its buffer with what it reads here */
            const char *path = w.files.n ? w.files.items[0] : o->paths[0];
            source *s = NULL;
            const char *err = NULL;
            if (source_read_file(a, path, &s, &err) == 0) {
                data = s->data;
                len = s->len;
            } else {
                fprintf(stderr, "pgconflint: %s: %s\n", path, err);
                rc = 2;
            }
        }
        if (data && len)
            fwrite(data, 1, len, stdout);
    }
    int write_failed = 0;
    if (!dry && changed && fix_write_files(a, &run, o->fix_backup, cwd, &cfg.load)) {
        write_failed = 1;
        rc = 2;
    }
    fflush(stdout);

    fix_tally tally = {.applied = applied, .changed = changed, .unsafe_left = unsafe_left,
                       .refused = refused, .given_up = given_up};
    fix_report_print(rep, &notes, &tally, dry, write_failed);

    fix_run_free(&run);
    confine_cache_free(cfg.load.confine_cache);
    arena_free(a);
    if (rc)
        return rc;
    return changed ? 1 : 0;
}

/* cmd_check.c — `pgconflint check PATH...`: report what PostgreSQL would reject. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "pipeline.h"
#include "report_text.h"
#include "walk.h"

static int use_color(color_mode m)
{
    if (m == COLOR_ALWAYS)
        return 1;
    if (m == COLOR_NEVER || getenv("NO_COLOR"))
        return 0;
    return isatty(1);
}

/* A file reached through includes from several roots reports each finding once. */
static int seen_before(arena *a, ptrvec *seen, const finding *f)
{
    const diag *d = &f->where;
    char *key = arena_printf(a, "%s\x1f%d\x1f%d\x1f%s\x1f%s", d->path ? d->path : "", d->line,
                             d->col, f->rule, d->message);
    for (size_t i = 0; i < seen->n; i++)
        if (strcmp(seen->items[i], key) == 0)
            return 1;
    ptrvec_push(a, seen, key);
    return 0;
}

int cmd_check(const cli_options *o)
{
    if (o->format && strcmp(o->format, "text") != 0) {
        fprintf(stderr, "pgconflint: check --format %s is not supported yet (text)\n", o->format);
        return 2;
    }
    if (o->npaths == 0) {
        fprintf(stderr, "pgconflint: check needs at least one PATH (see pgconflint --help)\n");
        return 2;
    }
    run_config cfg = {
        .lint = {.pg_version = o->pg_version, .select = o->select,
                 .extend_select = o->extend_select, .ignore = o->ignore},
        .load = {.pg_version = o->pg_version, .follow_includes = 1, .allow_outside = 1},
        .kind = o->kind,
    };
    const char *bad_rule = lint_unknown_rule(&cfg.lint);
    if (bad_rule) {
        fprintf(stderr, "pgconflint: unknown rule id in \"%s\" (see pgconflint rules)\n", bad_rule);
        return 2;
    }
    int color = use_color(o->color);
    arena *run = arena_new();
    walk_result w = {0};
    walk_paths(run, o->paths, o->npaths, &w);
    int io_error = 0, checked = 0, failing = 0;
    int counts[3] = {0, 0, 0};
    for (size_t i = 0; i < w.errors.n; i++) {
        report_text_diag(stdout, w.errors.items[i], "error", color);
        io_error = 1;
    }
    ptrvec seen = {0};
    for (size_t i = 0; i < w.files.n; i++) {
        const char *path = w.files.items[i];
        if (pipeline_covered_by_sibling(&w.files, path))
            continue;
        file_result *r = pipeline_check_file(&cfg, path);
        if (r->error) {
            report_text_diag(stdout, r->error, "error", color);
            io_error = 1;
        } else {
            checked++;
            for (size_t k = 0; k < r->findings.n; k++) {
                const finding *f = r->findings.items[k];
                if (seen_before(run, &seen, f))
                    continue;
                report_text_finding(stdout, f, color);
                counts[f->sev]++;
                if ((int)f->sev >= o->fail_on)
                    failing++;
            }
        }
        file_result_free(r);
    }
    report_text_summary(stdout, checked, counts, color);
    fflush(stdout);
    arena_free(run);
    if (io_error)
        return 2;
    return failing && !o->exit_zero ? 1 : 0;
}

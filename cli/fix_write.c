/* fix_write.c — writing the fixed files to disk, all or none (see
 * fix_write.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "confine.h"
#include "fix_names.h"
#include "fix_write.h"

#ifdef PGCL_TEST_HOOKS
/* Test builds only: `make check` builds tests/pgconflint-test-hooks with
 * PGCL_TEST_HOOKS (tests/fixer.inc); it is never installed, and the
 * pgconflint binary has no such hook. The shell command in the environment
 * variable `var` runs at that point of writing, so tests/cli/fix_write.sh
 * can change a file between reading and renaming, as another program
 * might. */
static void test_hook(const char *var)
{
    const char *cmd = getenv(var);
    if (cmd && *cmd && system(cmd) != 0)
        fprintf(stderr, "pgconflint: test hook %s failed\n", var);
}
#else
#define test_hook(var) ((void)0)
#endif

/* A file is written only if its real target lies inside the tree being
 * fixed (a symbolic link may lead out of it). All temporary files are made
 * before any target is checked, so a full disk stops the run with nothing
 * written. */
int fix_write_files(arena *a, fix_run *run, const char *backup, const char *cwd,
                    const load_opts *lo)
{
    ptrvec pending = {0};
    int failed = 0;
    for (size_t i = 0; i < run->files.n && !failed; i++) {
        fix_file *f = run->files.items[i];
        if (!fix_file_changed(f))
            continue;
        const char *path = fix_file_name(f);
        const char *name = fix_shown_path(a, path, cwd);
        load_opts confined = *lo;
        confined.allow_outside = 0;
        if (strcmp(path, "-") != 0 && confine_outside(a, &confined, path)) {
            fprintf(stderr, "pgconflint: %s: not written: %s\n", name,
                    confine_message(a, &confined, "file", path));
            failed = 1;
            break;
        }
        atomic_file *af = arena_alloc(a, sizeof *af);
        const char *err = NULL;
        if (atomic_prepare(a, name, f->orig, f->orig_len, f->data, f->len, backup, NULL, af,
                           &err) != 0) {
            fprintf(stderr, "pgconflint: %s\n", err);
            failed = 1;
            break;
        }
        ptrvec_push(a, &pending, af);
    }
    test_hook("PGCONFLINT_TEST_BEFORE_CHECK");
    /* another program may have changed a file since it was read */
    for (size_t i = 0; i < pending.n && !failed; i++) {
        const char *err = NULL;
        if (atomic_check(a, pending.items[i], &err) != 0) {
            fprintf(stderr, "pgconflint: %s\n", err);
            failed = 1;
        }
    }
    if (failed) {
        for (size_t i = 0; i < pending.n; i++)
            atomic_abort(pending.items[i]);
        fprintf(stderr, "pgconflint: nothing was written; every file is as it was\n");
        return 2;
    }
    /* Each rename checks its file once more; a change in the moment since
     * the check above stops the run there. */
    size_t done = 0;
    int rc = 0;
    for (size_t i = 0; i < pending.n; i++) {
        atomic_file *af = pending.items[i];
        const char *err = NULL;
        if (rc) {
            atomic_abort(af);
            continue;
        }
        if (atomic_commit(a, af, &err) != 0) {
            fprintf(stderr, "pgconflint: %s\n", err);
            rc = 2;
            continue;
        }
        done++;
    }
    if (rc && done == 0)
        fprintf(stderr, "pgconflint: nothing was written; every file is as it was\n");
    else if (rc)
        fprintf(stderr, "pgconflint: %zu file%s before it %s written; it and the files after it "
                        "are as they were\n",
                done, done == 1 ? "" : "s", done == 1 ? "was" : "were");
    return rc;
}

/*
 * tap.h — a tiny TAP producer for C unit tests. Each check prints one
 * "ok N - name" or "not ok N - name" line; tap_done() prints the plan and
 * returns the exit status. Header-only; keeps its counters in a static
 * struct local to each test program.
 */
#ifndef PGCL_TAP_H
#define PGCL_TAP_H

#include <stdio.h>
#include <string.h>

static struct { int n, failed; } tap_state;

static inline int tap_ok(int cond, const char *name)
{
    tap_state.n++;
    if (!cond)
        tap_state.failed++;
    printf("%sok %d - %s\n", cond ? "" : "not ", tap_state.n, name);
    return cond;
}

static inline int tap_str_eq(const char *got, const char *want, const char *name)
{
    int eq = (got == NULL && want == NULL) ||
             (got != NULL && want != NULL && strcmp(got, want) == 0);
    if (!tap_ok(eq, name))
        printf("#   got:  %s%s%s\n#   want: %s%s%s\n", got ? "\"" : "", got ? got : "NULL",
               got ? "\"" : "", want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
    return eq;
}

static inline int tap_int_eq(long long got, long long want, const char *name)
{
    int eq = got == want;
    if (!tap_ok(eq, name))
        printf("#   got:  %lld\n#   want: %lld\n", got, want);
    return eq;
}

static inline int tap_done(void)
{
    printf("1..%d\n", tap_state.n);
    return tap_state.failed ? 1 : 0;
}

#endif

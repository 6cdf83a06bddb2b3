/* policy_regex.c — PCRE2 with bounded matching. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "policy_regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JIT compiling costs ten times the compile itself (some 45,000
 * instructions a pattern, and a 64 KB executable mapping on the first),
 * while matching a configuration value without it costs a few hundred: a
 * run that checks one file (a pre-commit hook) matches each pattern it
 * meets once or twice, and spent some 8% of its instructions on the JIT.
 * So a pattern is JIT-compiled only once it has been matched
 * this many times (a batch run over many files still gets it). Answers
 * are the same either way, except for a match that runs into the limits
 * (policy_regex.h): the JIT counts them differently and has no depth
 * limit, as was already so between PCRE2 builds with and without JIT. */
#define JIT_AFTER_MATCHES 32

struct policy_regex {
    pcre2_code *code;            /* NULL until first use when deferred */
    pcre2_match_context *mctx;   /* read-only while matching, so shareable */
    char *pattern;
    /* The compile of a deferred pattern happens on its first match, once,
     * under `mu`; so does the JIT compile, on the JIT_AFTER_MATCHESth, of a
     * copy of `code` (matches may be using `code` meanwhile), published in
     * `jit` once made. */
    atomic_int ready;
    atomic_uint matches;
    pcre2_code *_Atomic jit;
    pthread_mutex_t mu;
    /* Match data (the ovector, and the frames of the interpreter) made once
     * and reused: a match that finds it taken by another thread makes its
     * own for the call, as every match used to. */
    pcre2_match_data *md;
    atomic_flag md_busy;
};

static pcre2_code *compile(const char *pattern, int *errcode, PCRE2_SIZE *off)
{
    return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, errcode, off, NULL);
}

static policy_regex *wrap(pcre2_code *code, const char *pattern)
{
    policy_regex *re = calloc(1, sizeof *re);
    pcre2_match_context *mctx = pcre2_match_context_create(NULL);
    char *copy = strdup(pattern);
    if (!re || !mctx || !copy)
        abort();
    pcre2_set_match_limit(mctx, POLICY_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(mctx, POLICY_REGEX_DEPTH_LIMIT);
    re->code = code;
    re->mctx = mctx;
    re->pattern = copy;
    atomic_init(&re->ready, 0);
    atomic_init(&re->matches, 0);
    atomic_init(&re->jit, NULL);
    atomic_flag_clear(&re->md_busy);
    pthread_mutex_init(&re->mu, NULL);
    return re;
}

policy_regex *policy_regex_compile(const char *pattern, char *errbuf, size_t errlen,
                                   size_t *err_offset)
{
    int errcode = 0;
    PCRE2_SIZE off = 0;
    pcre2_code *code = compile(pattern, &errcode, &off);
    if (!code) {
        if (errbuf && errlen) {
            if (pcre2_get_error_message(errcode, (PCRE2_UCHAR *)errbuf, errlen) < 0)
                snprintf(errbuf, errlen, "PCRE2 error %d", errcode);
        }
        if (err_offset)
            *err_offset = (size_t)off;
        return NULL;
    }
    return wrap(code, pattern);
}

policy_regex *policy_regex_deferred(const char *pattern)
{
    return wrap(NULL, pattern);
}

/* Compile (if deferred) once. Every match waits for this, so no match
 * reads the code while it is being made. */
static void prepare(policy_regex *re)
{
    if (atomic_load_explicit(&re->ready, memory_order_acquire))
        return;
    pthread_mutex_lock(&re->mu);
    if (!atomic_load_explicit(&re->ready, memory_order_relaxed)) {
        int errcode;
        PCRE2_SIZE off;
        if (!re->code)
            re->code = compile(re->pattern, &errcode, &off);
        atomic_store_explicit(&re->ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&re->mu);
}

/* The code to match with: the JIT-compiled copy once there is one (made
 * here on the JIT_AFTER_MATCHESth match). JIT is an optimisation: a library
 * built without it matches with `code`. */
static const pcre2_code *match_code(policy_regex *re)
{
    pcre2_code *j = atomic_load_explicit(&re->jit, memory_order_acquire);
    if (j)
        return j;
    if (atomic_fetch_add_explicit(&re->matches, 1, memory_order_relaxed) + 1 != JIT_AFTER_MATCHES)
        return re->code;
    pthread_mutex_lock(&re->mu);
    pcre2_code *copy = pcre2_code_copy(re->code);
    if (copy && pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) == 0) {
        atomic_store_explicit(&re->jit, copy, memory_order_release);
        j = copy;
    } else {
        pcre2_code_free(copy);
    }
    pthread_mutex_unlock(&re->mu);
    return j ? j : re->code;
}

regex_result policy_regex_match(const policy_regex *re, const char *subject, size_t len)
{
    policy_regex *mre = (policy_regex *)re;   /* the lazy and scratch parts of a read-only object */
    prepare(mre);
    if (!re->code)
        return REGEX_LIMIT;   /* a deferred pattern that does not compile: never matched */
    const pcre2_code *code = match_code(mre);
    pcre2_match_data *md = NULL;
    int shared = !atomic_flag_test_and_set_explicit(&mre->md_busy, memory_order_acquire);
    if (shared) {
        if (!mre->md)
            mre->md = pcre2_match_data_create_from_pattern(re->code, NULL);
        md = mre->md;
    } else {
        md = pcre2_match_data_create_from_pattern(re->code, NULL);
    }
    if (!md)
        abort();
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, md, re->mctx);
    if (shared)
        atomic_flag_clear_explicit(&mre->md_busy, memory_order_release);
    else
        pcre2_match_data_free(md);
    if (rc >= 0)
        return REGEX_MATCH;
    if (rc == PCRE2_ERROR_NOMATCH)
        return REGEX_NO_MATCH;
    /* Match limit, depth limit, heap limit: the search was cut short. */
    return REGEX_LIMIT;
}

const char *policy_regex_pattern(const policy_regex *re)
{
    return re->pattern;
}

void policy_regex_free(policy_regex *re)
{
    if (!re)
        return;
    pcre2_match_data_free(re->md);
    pcre2_code_free(atomic_load_explicit(&re->jit, memory_order_relaxed));
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    pthread_mutex_destroy(&re->mu);
    free(re->pattern);
    free(re);
}

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

/* Patterns simple enough to answer without PCRE2, with exactly its answer
 * (compile options 0: no multiline, so ^ is the start and $ the end or
 * before a final newline; bytes, no UTF): a literal or a group of literal
 * alternatives, each end optionally anchored ('^all$', '^(postgres|all)$',
 * '^/'), and '\S'. Policies mostly use these, and each call of PCRE2 costs
 * a few hundred instructions for what is a comparison. */
#define LIT_MAX_ALTS 8

typedef enum lit_kind { LIT_NONE, LIT_ALTS, LIT_NONSPACE } lit_kind;

typedef struct lit_plan {
    lit_kind kind;
    int start, end;              /* anchored by ^ / $ */
    int n;                       /* alternatives */
    const char *alt[LIT_MAX_ALTS];   /* into policy_regex.pattern */
    size_t len[LIT_MAX_ALTS];
} lit_plan;

struct policy_regex {
    lit_plan lit;                /* LIT_NONE: ask PCRE2 */
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

static int is_literal_byte(char c)
{
    return c && !strchr("\\^$.[]|()?*+{}", c);
}

/* Fill *lp when `pat` is one of the simple forms; kind stays LIT_NONE if not. */
static void plan_literal(const char *pat, lit_plan *lp)
{
    memset(lp, 0, sizeof *lp);
    if (strcmp(pat, "\\S") == 0) {
        lp->kind = LIT_NONSPACE;
        return;
    }
    const char *s = pat;
    lit_plan t = {0};
    if (*s == '^') {
        t.start = 1;
        s++;
    }
    int group = *s == '(';
    if (group)
        s++;
    for (;;) {
        const char *b = s;
        while (is_literal_byte(*s))
            s++;
        if (s == b || t.n == LIT_MAX_ALTS)
            return;   /* an empty alternative, or too many */
        t.alt[t.n] = b;
        t.len[t.n++] = (size_t)(s - b);
        if (group && *s == '|') {
            s++;
            continue;
        }
        break;
    }
    if (group && *s++ != ')')
        return;
    if (*s == '$') {
        t.end = 1;
        s++;
    }
    if (*s)
        return;   /* a quantifier, a class, an escape... */
    t.kind = LIT_ALTS;
    *lp = t;
}

static int alt_matches(const lit_plan *lp, const char *a, size_t n, const char *s, size_t len)
{
    if (lp->start && lp->end)
        return (len == n || (len == n + 1 && s[n] == '\n')) && memcmp(s, a, n) == 0;
    if (lp->start)
        return len >= n && memcmp(s, a, n) == 0;
    if (lp->end) {
        if (len >= n && memcmp(s + len - n, a, n) == 0)
            return 1;
        return len >= n + 1 && s[len - 1] == '\n' && memcmp(s + len - 1 - n, a, n) == 0;
    }
    return len >= n && memmem(s, len, a, n) != NULL;
}

static regex_result lit_match(const lit_plan *lp, const char *s, size_t len)
{
    if (lp->kind == LIT_NONSPACE) {
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c != ' ' && (c < '\t' || c > '\r'))   /* not \t \n \v \f \r */
                return REGEX_MATCH;
        }
        return REGEX_NO_MATCH;
    }
    for (int i = 0; i < lp->n; i++)
        if (alt_matches(lp, lp->alt[i], lp->len[i], s, len))
            return REGEX_MATCH;
    return REGEX_NO_MATCH;
}

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
    plan_literal(copy, &re->lit);
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
    if (re->lit.kind != LIT_NONE)
        return lit_match(&re->lit, subject, len);
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

regex_result policy_regex_match_str(const policy_regex *re, const char *subject)
{
    const lit_plan *lp = &re->lit;
    if (lp->kind == LIT_ALTS && lp->start && lp->end) {
        /* the whole subject is an alternative, or one and a final newline:
         * no need to measure it first */
        for (int i = 0; i < lp->n; i++) {
            const char *a = lp->alt[i];
            size_t n = lp->len[i], k = 0;
            while (k < n && subject[k] == a[k])   /* stops at the subject's NUL too */
                k++;
            if (k == n && (!subject[n] || (subject[n] == '\n' && !subject[n + 1])))
                return REGEX_MATCH;
        }
        return REGEX_NO_MATCH;
    }
    return policy_regex_match(re, subject, strlen(subject));
}

const char *policy_regex_pattern(const policy_regex *re)
{
    return re->pattern;
}

int policy_regex_plain(const policy_regex *re)
{
    return re->lit.kind != LIT_NONE;
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

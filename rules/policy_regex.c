/* policy_regex.c — PCRE2 with bounded matching. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "policy_regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct policy_regex {
    pcre2_code *code;
    pcre2_match_context *mctx;   /* read-only while matching, so shareable */
    char *pattern;
};

policy_regex *policy_regex_compile(const char *pattern, char *errbuf, size_t errlen,
                                   size_t *err_offset)
{
    int errcode = 0;
    PCRE2_SIZE off = 0;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &errcode,
                                     &off, NULL);
    if (!code) {
        if (errbuf && errlen) {
            if (pcre2_get_error_message(errcode, (PCRE2_UCHAR *)errbuf, errlen) < 0)
                snprintf(errbuf, errlen, "PCRE2 error %d", errcode);
        }
        if (err_offset)
            *err_offset = (size_t)off;
        return NULL;
    }
    /* JIT is an optimisation: a library built without it still matches. */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
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
    return re;
}

regex_result policy_regex_match(const policy_regex *re, const char *subject, size_t len)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
    if (!md)
        abort();
    int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, md, re->mctx);
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
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    free(re->pattern);
    free(re);
}

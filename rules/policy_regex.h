/*
 * policy_regex — PCRE2 patterns written in a policy: compiled once when the
 * policy loads (JIT-compiled too, where the library has it, once a pattern
 * has been matched a few dozen times: see policy_regex.c), matched with a
 * match limit and
 * a depth limit so that a catastrophic pattern costs a bounded amount of work
 * instead of hanging a CI job.
 *
 * Memory: a compiled pattern belongs to the policy that loaded it and is
 * released by policy_regex_free(), with the match scratch space it keeps for
 * reuse; a match that finds that space in use by another thread allocates
 * its own, so one pattern may be matched from several threads at once.
 */
#ifndef PGCL_POLICY_REGEX_H
#define PGCL_POLICY_REGEX_H

#include <stddef.h>

typedef struct policy_regex policy_regex;

/* Work caps per match; generous for real configuration values (a few hundred
 * bytes), tiny next to what an exponential pattern would need. */
#define POLICY_REGEX_MATCH_LIMIT 200000u
#define POLICY_REGEX_DEPTH_LIMIT 2000u

/* Compile `pattern`. On failure returns NULL and sets *err (a static-sized
 * message in errbuf) and *err_offset (byte offset in the pattern). */
policy_regex *policy_regex_compile(const char *pattern, char *errbuf, size_t errlen,
                                   size_t *err_offset);

/* A pattern known to be valid (a built-in profile's, proven when it was
 * written), compiled on its first match instead: most are never matched.
 * Should it not compile after all, it reports REGEX_LIMIT. */
policy_regex *policy_regex_deferred(const char *pattern);

typedef enum regex_result { REGEX_NO_MATCH = 0, REGEX_MATCH = 1, REGEX_LIMIT = 2 } regex_result;

/* Match against `len` bytes of `subject` (NULs allowed). REGEX_LIMIT when the
 * match or depth limit stopped the search. */
regex_result policy_regex_match(const policy_regex *re, const char *subject, size_t len);

/* The same for a NUL-terminated subject (no NULs inside, then). */
regex_result policy_regex_match_str(const policy_regex *re, const char *subject);

const char *policy_regex_pattern(const policy_regex *re);

/* 1 when matches are answered without PCRE2 (a literal, '^(a|b)$', '\S'):
 * as cheap as looking an answer up, so not worth remembering. */
int policy_regex_plain(const policy_regex *re);
void policy_regex_free(policy_regex *re);

#endif

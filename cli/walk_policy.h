/*
 * walk_policy — the walker's filter from a policy's `files:` and `exclude:`
 * globs (rules/policy.h), which are relative to the policy's directory: a
 * path is turned into that relative form (lexically, from the working
 * directory) before it is matched; paths outside the policy's directory
 * match no glob.
 *
 * Memory: the filter points at `ctx`, which the caller keeps alive for the
 * walk; scratch strings are freed per call.
 */
#ifndef PGCL_WALK_POLICY_H
#define PGCL_WALK_POLICY_H

#include "policy.h"
#include "walk.h"

typedef struct walk_policy_ctx {
    const policy *p;
    const char *base;    /* policy_base_dir(p), absolute */
    const char *cwd;
} walk_policy_ctx;

void walk_policy_filter(walk_filter *f, walk_policy_ctx *ctx, const policy *p, const char *cwd,
                        int exclude_named);

/* 1 if the policy's `exclude:` drops `path` (a file). */
int walk_policy_excluded(walk_policy_ctx *ctx, const char *path);

#endif

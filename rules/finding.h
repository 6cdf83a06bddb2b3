/*
 * finding — what a rule says about a place in a checked file: rule id,
 * severity, location, message, and the other places it refers to (the line
 * that shadows this one, the earlier duplicate, ...). Reporters print them;
 * the fixer later reads their edits.
 *
 * Memory: findings and their strings live in the arena of the run that
 * produced them.
 */
#ifndef PGCL_FINDING_H
#define PGCL_FINDING_H

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef enum severity { SEV_INFO = 0, SEV_WARNING = 1, SEV_ERROR = 2 } severity;

typedef struct finding {
    const char *rule;       /* stable kebab-case id, e.g. "hba-shadowed-line" */
    severity sev;
    diag where;             /* file, span, line/col, message (and detail) */
    ptrvec related;         /* diag*: other places the message names */
} finding;

const char *severity_name(severity s);

/* A finding at a byte span of `src`; message printf-style. */
finding *finding_at(arena *a, const char *rule, severity sev, const source *src, size_t off,
                    size_t len, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Add a related location ("shadowed by line 3") to a finding. */
void finding_relate(arena *a, finding *f, const source *src, size_t off, size_t len,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Wrap a parser diag (syntax, include, value errors) as an error finding. */
finding *finding_from_diag(arena *a, const diag *d);

#endif

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

/*
 * A remedy says WHAT would fix the finding, in the model's terms; the fixer
 * (fixer/) turns it into byte edits on the syntax tree, so rules never touch
 * bytes and the fixer never knows why. `unsafe` remedies (may lock clients
 * out or change who can connect) only apply when asked.
 */
typedef enum remedy_kind {
    REMEDY_NONE = 0,
    REMEDY_SET_PARAM,        /* set `param` to `value` where it takes effect, or add it */
    REMEDY_REMOVE_SETTING,   /* comment out the assignment `target` (a conf_setting*) */
    REMEDY_HBA_SET_METHOD,   /* replace the method of `target` (an hba_rule*) by `text` */
    REMEDY_HBA_SET_TYPE,     /* replace the connection type of `target` by `text` */
    REMEDY_HBA_COMMENT_OUT,  /* comment out the line of `target` (an hba_rule*) */
    REMEDY_RENAME_PARAM,     /* write `param` for the name of the assignment `target` (a
                                conf_setting*): an alias to the name it stands for */
    REMEDY_HBA_SET_ADDRESS,  /* replace the address of `target` (an hba_rule*) by `text`
                                (the address token as written: `a.b.c.d/len`, or the
                                address before a separate netmask, which stays) */
} remedy_kind;

typedef struct remedy {
    remedy_kind kind;
    int unsafe;
    const char *param;       /* SET_PARAM, RENAME_PARAM: canonical parameter name */
    const char *value;       /* SET_PARAM: the new value, unquoted */
    const void *target;      /* conf_setting* or hba_rule* the remedy acts on */
    const char *text;        /* HBA_SET_METHOD / _TYPE / _ADDRESS: the replacement */
    const char *description; /* one line for reports: "set ssl = on" */
} remedy;

typedef struct finding {
    const char *rule;       /* stable kebab-case id, e.g. "hba-shadowed-line" */
    severity sev;
    diag where;             /* file, span, line/col, message (and detail) */
    ptrvec related;         /* diag*: other places the message names */
    remedy fix;             /* kind REMEDY_NONE when there is no mechanical fix */
} finding;

const char *severity_name(severity s);

/* A finding at a byte span of `src`; message printf-style. */
finding *finding_at(arena *a, const char *rule, severity sev, const source *src, size_t off,
                    size_t len, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* finding_at(..., "%s", message) without copying the message, which must
 * live as long as the finding: a literal, a string in `a`, or the rule's own
 * text (which lives as long as its id, which the finding keeps too). */
finding *finding_at_text(arena *a, const char *rule, severity sev, const source *src,
                         size_t off, size_t len, const char *message);

/* Add a related location ("shadowed by line 3") to a finding. */
void finding_relate(arena *a, finding *f, const source *src, size_t off, size_t len,
                    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The strings joined, as printf prints them with "%s%s..." (a NULL as
 * "(null)"), in `a`: messages are mostly such joins, made once per finding,
 * and a printf call costs several times the copying. str_join(a, "x", s, ...)
 * counts its arguments (sizeof does not evaluate them). */
const char *str_join_list(arena *a, const char *const *parts, size_t n);
#define str_join(a, ...)                                         \
    str_join_list((a), (const char *const[]){__VA_ARGS__},       \
                  sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* Wrap a parser diag (syntax, include, value errors) as an error finding. */
finding *finding_from_diag(arena *a, const diag *d);

#endif

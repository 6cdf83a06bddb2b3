/*
 * options — the command line, parsed into plain values. Owns nothing: string
 * fields point into argv.
 */
#ifndef PGCL_OPTIONS_H
#define PGCL_OPTIONS_H

#include "source.h"

typedef enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

typedef struct cli_options {
    const char *command;      /* parse, check, ... */
    file_kind kind;           /* --kind, KIND_UNKNOWN = from the file name */
    int pg_version;           /* --pg-version */
    int pg_version_set;       /* --pg-version was given (it wins over PG_VERSION files
                                 and the policy's pg_version) */
    const char *policy_path;  /* --policy FILE (else .pgconflint.yaml, found upward) */
    const char *profile;      /* --profile NAME: a built-in profile instead */
    int resolved;             /* policy show --resolved: the merged policy */
    const char *format;       /* --format */
    color_mode color;         /* --color */
    const char *select;       /* --select ids (only these rules) */
    const char *extend_select;/* --extend-select ids (add opt-in rules) */
    const char *ignore;       /* --ignore ids */
    int fail_on;              /* --fail-on: lowest severity that fails (severity enum) */
    int exit_zero;            /* --exit-zero: report only */
    int jobs;                 /* --jobs/-j N: threads for batch runs (0 = one per core) */
    const char *stdin_filename;  /* --stdin-filename NAME: standard input is this file */
    const char *baseline;     /* --baseline FILE: hide the findings recorded there */
    const char *write_baseline;  /* --write-baseline FILE: record today's findings */
    int statistics;           /* --statistics: counts per rule */
    int force_exclude;        /* --force-exclude: policy excludes apply to named files */
    int fix_diff;             /* fix --diff: print a unified diff, change nothing */
    int fix_stdout;           /* fix --stdout: print the fixed text of one file */
    int unsafe_fixes;         /* fix --unsafe-fixes: apply unsafe fixes too */
    const char *fix_backup;   /* fix --backup[=SUFFIX]: keep the old file (NULL: no) */
    int allow_include_outside;/* --allow-include-outside: read include targets outside
                                 the checked tree (confine.h) */
    int confine_includes;     /* parse --confine-includes: do not read them */
    const char **paths;       /* positional arguments */
    int npaths;
} cli_options;

/* Parse argv after the command word. Returns 0, or 2 with a message printed. */
int options_parse(int argc, char **argv, cli_options *o);

#endif

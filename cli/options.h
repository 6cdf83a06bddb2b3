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
    const char *format;       /* --format */
    color_mode color;         /* --color */
    const char *select;       /* --select ids (only these rules) */
    const char *extend_select;/* --extend-select ids (add opt-in rules) */
    const char *ignore;       /* --ignore ids */
    int fail_on;              /* --fail-on: lowest severity that fails (severity enum) */
    int exit_zero;            /* --exit-zero: report only */
    const char **paths;       /* positional arguments */
    int npaths;
} cli_options;

/* Parse argv after the command word. Returns 0, or 2 with a message printed. */
int options_parse(int argc, char **argv, cli_options *o);

#endif

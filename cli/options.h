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
    const char **paths;       /* positional arguments */
    int npaths;
} cli_options;

/* Parse argv after the command word. Returns 0, or 2 with a message printed. */
int options_parse(int argc, char **argv, cli_options *o);

#endif

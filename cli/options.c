/* options.c — turning argv into cli_options, with usage errors as exit 2. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_opts.h"

/* "--name=value" or "--name value": returns the value or NULL. */
static const char *take_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (!arg || strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] == '\0') {
        if (*i + 1 >= argc) {
            fprintf(stderr, "pgconflint: option %s needs a value\n", name);
            exit(2);
        }
        return argv[++*i];
    }
    return NULL;
}

int options_parse(int argc, char **argv, cli_options *o)
{
    o->paths = calloc((size_t)argc + 1, sizeof(char *));
    if (!o->paths) {
        fputs("pgconflint: out of memory\n", stderr);
        return 2;
    }
    int only_paths = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *v;
        if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
            o->paths[o->npaths++] = arg;
        } else if (strcmp(arg, "--") == 0) {
            only_paths = 1;
        } else if ((v = take_value(argc, argv, &i, "--kind"))) {
            o->kind = kind_parse(v);
            if (o->kind == KIND_UNKNOWN) {
                fprintf(stderr, "pgconflint: --kind must be conf, hba or ident, not \"%s\"\n", v);
                return 2;
            }
        } else if ((v = take_value(argc, argv, &i, "--pg-version"))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < PG_VERSION_MIN || n > PG_VERSION_MAX) {
                fprintf(stderr, "pgconflint: --pg-version must be %d..%d, not \"%s\"\n",
                        PG_VERSION_MIN, PG_VERSION_MAX, v);
                return 2;
            }
            o->pg_version = (int)n;
            o->pg_version_set = 1;
        } else if ((v = take_value(argc, argv, &i, "--policy"))) {
            o->policy_path = v;
        } else if ((v = take_value(argc, argv, &i, "--profile"))) {
            o->profile = v;
        } else if (strcmp(arg, "--resolved") == 0) {
            o->resolved = 1;
        } else if ((v = take_value(argc, argv, &i, "--select"))) {
            o->select = v;
        } else if ((v = take_value(argc, argv, &i, "--extend-select"))) {
            o->extend_select = v;
        } else if ((v = take_value(argc, argv, &i, "--ignore"))) {
            o->ignore = v;
        } else if ((v = take_value(argc, argv, &i, "--fail-on"))) {
            if (strcmp(v, "error") == 0)
                o->fail_on = 2;
            else if (strcmp(v, "warning") == 0)
                o->fail_on = 1;
            else if (strcmp(v, "info") == 0)
                o->fail_on = 0;
            else {
                fprintf(stderr, "pgconflint: --fail-on must be error, warning or info\n");
                return 2;
            }
        } else if (strcmp(arg, "--allow-include-outside") == 0) {
            o->allow_include_outside = 1;
        } else if (strcmp(arg, "--confine-includes") == 0) {
            o->confine_includes = 1;
        } else if (strcmp(arg, "--exit-zero") == 0) {
            o->exit_zero = 1;
        } else if ((v = take_value(argc, argv, &i, "--jobs")) ||
                   (v = take_value(argc, argv, &i, "-j")) ||
                   (strncmp(arg, "-j", 2) == 0 && arg[2] >= '0' && arg[2] <= '9' && (v = arg + 2))) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || end == v || n < 1 || n > 1024) {
                fprintf(stderr, "pgconflint: --jobs must be a number from 1 to 1024, not \"%s\"\n", v);
                return 2;
            }
            o->jobs = (int)n;
        } else if ((v = take_value(argc, argv, &i, "--stdin-filename"))) {
            o->stdin_filename = v;
        } else if ((v = take_value(argc, argv, &i, "--baseline"))) {
            o->baseline = v;
        } else if ((v = take_value(argc, argv, &i, "--write-baseline"))) {
            o->write_baseline = v;
        } else if (strcmp(arg, "--statistics") == 0) {
            o->statistics = 1;
        } else if (strcmp(arg, "--force-exclude") == 0) {
            o->force_exclude = 1;
        } else if (strcmp(arg, "--diff") == 0) {
            o->fix_diff = 1;
        } else if (strcmp(arg, "--stdout") == 0) {
            o->fix_stdout = 1;
        } else if (strcmp(arg, "--unsafe-fixes") == 0) {
            o->unsafe_fixes = 1;
        } else if (strcmp(arg, "--backup") == 0 || strncmp(arg, "--backup=", 9) == 0) {
            /* the suffix is optional, so it only comes after '=' */
            o->fix_backup = arg[8] == '=' ? arg + 9 : ".orig";
            if (!*o->fix_backup || strchr(o->fix_backup, '/')) {
                fprintf(stderr, "pgconflint: --backup=SUFFIX needs a suffix without '/'\n");
                return 2;
            }
        } else if ((v = take_value(argc, argv, &i, "--format"))) {
            o->format = v;
        } else if ((v = take_value(argc, argv, &i, "--color"))) {
            if (strcmp(v, "auto") == 0)
                o->color = COLOR_AUTO;
            else if (strcmp(v, "always") == 0)
                o->color = COLOR_ALWAYS;
            else if (strcmp(v, "never") == 0)
                o->color = COLOR_NEVER;
            else {
                fprintf(stderr, "pgconflint: --color must be auto, always or never\n");
                return 2;
            }
        } else {
            fprintf(stderr, "pgconflint: unknown option \"%s\" (see pgconflint --help)\n", arg);
            return 2;
        }
    }
    return 0;
}

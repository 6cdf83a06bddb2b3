/* main.c — pgconflint's entry point: pick the subcommand, hand over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "config.h"
#include "help.h"
#include "load_opts.h"
#include "options.h"

static const char usage[] =
    "usage: pgconflint COMMAND [OPTIONS] PATH...\n"
    "\n"
    "Lint PostgreSQL's postgresql.conf, pg_hba.conf and pg_ident.conf.\n"
    "\n"
    "commands:\n"
    "  check PATH...     report what PostgreSQL would reject (directories are walked)\n"
    "  fix PATH...       apply the fixes findings carry (--diff: print them instead)\n"
    "  parse FILE        print PostgreSQL's view of one file\n"
    "  describe NAME     what the catalog knows of a parameter (--pg-version N)\n"
    "  rules [ID]        list the rules (severity, fix, versions, profiles), or explain one\n"
    "  policy list|show|check\n"
    "                    the built-in profiles; a policy as written (--resolved: merged);\n"
    "                    validate policy files\n"
    "  hba-match [OPTIONS] PG_HBA_FILE\n"
    "                    which pg_hba.conf line a connection attempt would use\n"
    "\n"
    "options:\n"
    "  --kind conf|hba|ident   file kind (default: from the file name; required for -)\n"
    "  --pg-version N          PostgreSQL major version 12..19 (default: a PG_VERSION file\n"
    "                          beside the files, the policy's pg_version, else 18)\n"
    "  --policy FILE           the YAML policy (default: .pgconflint.yaml here or above)\n"
    "  --profile NAME          a built-in profile instead: default, none, cis-13..cis-18,\n"
    "                          devsec, stig-16, pgdsat (pgconflint policy list)\n"
    "  --format FMT            parse: json (default), tree, source;\n"
    "                          check: text (default), json, sarif, github\n"
    "  --select IDS            check: run only these rules (comma-separated)\n"
    "  --extend-select IDS     check: also run these opt-in rules\n"
    "  --ignore IDS            check: never report these rules\n"
    "  --fail-on SEVERITY      check: lowest severity that makes the exit status 1\n"
    "                          (error, warning (default), info)\n"
    "  --exit-zero             check: exit 0 even with findings (report only)\n"
    "  -j, --jobs N            check: files checked in parallel (default: all cores)\n"
    "  --color auto|always|never\n"
    "  -h, --help              this text (COMMAND --help or help COMMAND: that\n"
    "                          command's options)\n"
    "  --version               print the version\n"
    "\n"
    "exit status: 0 clean, 1 findings, 2 usage or I/O error\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 && argc > 2)
        return help_command(argv[2]);
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("pgconflint %s\n", PACKAGE_VERSION);
        return 0;
    }
    if (strcmp(cmd, "hba-match") == 0)
        return cmd_hba_match(argc - 2, argv + 2);
    cli_options o = {.command = cmd, .pg_version = PG_VERSION_DEFAULT, .fail_on = 1};
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            const char *h = help_for(cmd);
            fputs(h ? h : usage, stdout);
            return 0;
        }
    }
    if (options_parse(argc - 2, argv + 2, &o) != 0) {
        free(o.paths);
        return 2;
    }
    int rc;
    if (strcmp(cmd, "parse") == 0)
        rc = cmd_parse(&o);
    else if (strcmp(cmd, "check") == 0)
        rc = cmd_check(&o);
    else if (strcmp(cmd, "describe") == 0)
        rc = cmd_describe(&o);
    else if (strcmp(cmd, "rules") == 0)
        rc = cmd_rules(&o);
    else if (strcmp(cmd, "policy") == 0)
        rc = cmd_policy(&o);
    else if (strcmp(cmd, "fix") == 0)
        rc = cmd_fix(&o);
    else {
        fprintf(stderr, "pgconflint: unknown command \"%s\" (see pgconflint --help)\n", cmd);
        rc = 2;
    }
    free(o.paths);
    return rc;
}

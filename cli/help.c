/* help.c — per-command help texts. Keep them in step with options.c and
 * docs/pgconflint.1 (tests/cli/help.sh checks that every option the man
 * page lists for check is in `check --help`). */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"

static const char check_help[] =
    "usage: pgconflint check [OPTIONS] PATH...\n"
    "       pgconflint check [OPTIONS] --stdin-filename NAME [-]\n"
    "\n"
    "Report what PostgreSQL would reject or a policy forbids in postgresql.conf,\n"
    "postgresql.auto.conf, pg_hba.conf and pg_ident.conf files. Directories are\n"
    "walked (skipping .git and hidden entries); the files of one server (a data\n"
    "directory, or Debian's /etc/postgresql/N/NAME with /var/lib/postgresql/N/NAME)\n"
    "are checked together. A file that another checked file includes is reported\n"
    "once, under its own path.\n"
    "\n"
    "output:\n"
    "  --format FMT            text (default), json, sarif (SARIF 2.1.0 for GitHub\n"
    "                          code scanning), github (workflow annotations)\n"
    "  --color auto|always|never\n"
    "                          colour the text format (auto: on a terminal, unless\n"
    "                          NO_COLOR is set; FORCE_COLOR forces it)\n"
    "  --statistics            text: the number of findings per rule instead of\n"
    "                          each finding\n"
    "\n"
    "rules:\n"
    "  --policy FILE           the YAML policy (default: .pgconflint.yaml here or in\n"
    "                          a parent directory, else the built-in default profile)\n"
    "  --profile NAME          a built-in profile instead (pgconflint policy list)\n"
    "  --pg-version N          PostgreSQL major version 12..19 (default: a PG_VERSION\n"
    "                          file beside the files, the policy's, else 18)\n"
    "  --select IDS            run only these rules (comma-separated)\n"
    "  --extend-select IDS     also run these opt-in rules\n"
    "  --ignore IDS            never report these rules\n"
    "  --kind conf|hba|ident   treat every file as this kind (default: by name)\n"
    "\n"
    "exit status:\n"
    "  --fail-on SEVERITY      lowest severity that makes the exit status 1:\n"
    "                          error, warning (default) or info\n"
    "  --exit-zero             exit 0 even with findings (report only)\n"
    "\n"
    "runs:\n"
    "  -j, --jobs N            files checked in parallel (default: one per core);\n"
    "                          the output order does not depend on it\n"
    "  --stdin-filename NAME   read the file from standard input and check it as\n"
    "                          NAME (its kind, includes and server come from NAME)\n"
    "  --baseline FILE         do not report the findings recorded in FILE\n"
    "  --write-baseline FILE   record every finding in FILE and exit 0\n"
    "  --force-exclude         the policy's excludes apply to files named on the\n"
    "                          command line too (pre-commit names files one by one)\n"
    "  --allow-include-outside also read include targets outside the checked tree\n"
    "                          (by default they are reported, not read)\n"
    "\n"
    "exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, policy or\n"
    "I/O error (a file that could not be read is never \"no problems\")\n";

static const char parse_help[] =
    "usage: pgconflint parse [OPTIONS] FILE\n"
    "\n"
    "Print PostgreSQL's view of one file: settings after includes and auto.conf,\n"
    "pg_hba/pg_ident records, and the errors the server would report.\n"
    "\n"
    "  --format json|tree|source  json (default, docs/parse-json.md), the lossless\n"
    "                          syntax tree, or the file printed back from the tree\n"
    "  --kind conf|hba|ident   file kind (default: from the name; required for -)\n"
    "  --pg-version N          PostgreSQL major version 12..19 (default 18)\n"
    "  --confine-includes      do not read include targets outside the file's\n"
    "                          directory (as check does; docs/security.md)\n"
    "\n"
    "exit status: 0 printed, 2 usage or I/O error\n";

static const char describe_help[] =
    "usage: pgconflint describe [--pg-version N] NAME\n"
    "\n"
    "What the parameter catalog knows of NAME for the version: type, unit, range\n"
    "or values, default, context (restart, reload, ...), and the versions that\n"
    "have it.\n"
    "\n"
    "exit status: 0 known, 1 unknown parameter, 2 usage error\n";

static const char rules_help[] =
    "usage: pgconflint rules [--format text|markdown] [ID]\n"
    "\n"
    "List the rules: id, default severity, fix (none, safe, unsafe), versions and\n"
    "the built-in profiles that enable them; with ID, the rule's reference: why it\n"
    "matters, how to fix it, its references, and how the policy in effect checks\n"
    "it (--policy FILE, --profile NAME). --format markdown prints the rule\n"
    "reference that docs/rules.md holds (make update-rules-doc).\n"
    "\n"
    "exit status: 0, or 2 for an unknown ID\n";

static const char fix_help[] =
    "usage: pgconflint fix [OPTIONS] PATH...\n"
    "       pgconflint fix [OPTIONS] -          (fixed text on standard output)\n"
    "\n"
    "Apply the fixes that findings carry, as byte edits that change only what a\n"
    "finding names: a value set where it takes effect, a commented default line\n"
    "uncommented, a setting appended in a marked block, a pg_hba.conf method or\n"
    "connection type replaced, a line commented out. Fixes repeat until nothing\n"
    "is left to fix; a fix that PostgreSQL would reject, or that would stop the\n"
    "server from starting, is not offered, and if one slips through, that file\n"
    "set is given up: nothing of it is written. Files are replaced atomically, each\n"
    "once however many includes reach it, with mode, owner and group kept.\n"
    "\n"
    "  --diff                  print a unified diff (git apply, patch -p1) and\n"
    "                          change nothing\n"
    "  --stdout                print the fixed text of the one PATH\n"
    "  --unsafe-fixes          also apply fixes that may lock clients out or change\n"
    "                          who can connect (md5 -> scram-sha-256, host -> hostssl)\n"
    "  --backup[=SUFFIX]       keep the old file as FILE.orig (or FILE+SUFFIX)\n"
    "  --select IDS, --extend-select IDS, --ignore IDS\n"
    "                          fix only the findings of these rules\n"
    "  --kind conf|hba|ident   treat every file as this kind (default: by name)\n"
    "  --pg-version N          PostgreSQL major version 12..19 (default 18)\n"
    "  --stdin-filename NAME   standard input is NAME; the fixed text is printed\n"
    "  --policy FILE, --profile NAME\n"
    "                          the policy whose findings are fixed (as for check)\n"
    "  --force-exclude         the policy's excludes apply to files named on the\n"
    "                          command line too\n"
    "\n"
    "exit status: 0 nothing to change, 1 files changed (or would be, with --diff\n"
    "and --stdout), 2 usage or I/O error, or a file that could not be fixed\n"
    "safely (then it is left as it was)\n";

static const char policy_help[] =
    "usage: pgconflint policy list\n"
    "       pgconflint policy show [--policy FILE | --profile NAME] [--resolved]\n"
    "       pgconflint policy check [FILE...]\n"
    "\n"
    "list: the built-in profiles. show: the policy a run would use, as written,\n"
    "or with everything it extends merged (--resolved). check: validate policy\n"
    "files (default: the one a run would use); every error is printed as\n"
    "path:line:col.\n"
    "\n"
    "A policy is a YAML file: --policy FILE, else .pgconflint.yaml in the current\n"
    "directory or a parent, else the built-in default profile. Its keys:\n"
    "  extends: PROFILE|FILE   start from default, none, cis-13..cis-18, devsec,\n"
    "                          stig-16, pgdsat, or another policy file\n"
    "  pg_version: N           the PostgreSQL major the files are for\n"
    "  rules: {ID: {severity: S} | {enabled: false}}\n"
    "  settings: [{id, name, CHECK, severity, message}]   CHECK: min, max, equals,\n"
    "                          one_of, not_one_of, at_least, at_most, matches,\n"
    "                          not_matches, contains, required, ...\n"
    "  hba: [{id, forbid_methods, types, databases, users, addresses,\n"
    "         require_ssl, require_options, severity, ...}]\n"
    "  files: {hba: [GLOB...], conf: [GLOB...]}   kinds for walked files\n"
    "  exclude: [GLOB...]      paths the walk skips\n"
    "  suppressions: {forbid: [ID...], require_reason: true}\n"
    "The whole language is in docs/policy.md.\n"
    "\n"
    "exit status: 0 valid, 2 an error in a policy or a usage error\n";

static const struct {
    const char *command;
    const char *text;
} helps[] = {
    {"policy", policy_help},
    {"check", check_help},
    {"fix", fix_help},
    {"parse", parse_help},
    {"describe", describe_help},
    {"rules", rules_help},
};

const char *help_for(const char *command)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (strcmp(helps[i].command, command) == 0)
            return helps[i].text;
    return NULL;
}

int help_command(const char *command)
{
    const char *h = help_for(command);
    if (h) {
        fputs(h, stdout);
        return 0;
    }
    /* hba-match keeps its usage beside its own option parser */
    if (strcmp(command, "hba-match") == 0) {
        char *argv[] = {(char *)"--help", NULL};
        cmd_hba_match(1, argv);
        return 0;
    }
    fprintf(stderr, "pgconflint: help: unknown command \"%s\" (see pgconflint --help)\n",
            command);
    return 2;
}

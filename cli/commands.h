/* commands — one entry point per subcommand; each returns the exit status. */
#ifndef PGCL_COMMANDS_H
#define PGCL_COMMANDS_H

#include "options.h"

int cmd_parse(const cli_options *o);
int cmd_check(const cli_options *o);
int cmd_fix(const cli_options *o);
int cmd_describe(const cli_options *o);
int cmd_rules(const cli_options *o);
int cmd_policy(const cli_options *o);
/* hba-match has options of its own; it parses argv after the command word. */
int cmd_hba_match(int argc, char **argv);

#endif

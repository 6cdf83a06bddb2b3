/*
 * help — the `pgconflint COMMAND --help` texts, one per command, so each
 * command documents its own options (the man page, docs/pgconflint.1, says
 * the same at length). Static strings.
 */
#ifndef PGCL_HELP_H
#define PGCL_HELP_H

/* The help of `command`, or NULL when the command has none here (hba-match
 * prints its own). */
const char *help_for(const char *command);

/* `pgconflint help COMMAND`: print that command's help on stdout and return
 * 0, or report an unknown command and return 2. */
int help_command(const char *command);

#endif

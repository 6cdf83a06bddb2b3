/* cmd_hba_match.c — PLACEHOLDER until `pgconflint hba-match` lands. */
#include <stdio.h>

#include "commands.h"

int cmd_hba_match(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("pgconflint: hba-match is not implemented yet\n", stderr);
    return 2;
}

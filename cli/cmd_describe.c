/* cmd_describe.c — `pgconflint describe NAME`: what the catalog knows of a
 * parameter. (`pgconflint rules` is in cmd_rules.c.) */
#include <stdio.h>

#include "catalog_info.h"
#include "commands.h"

int cmd_describe(const cli_options *o)
{
    if (o->npaths != 1) {
        fprintf(stderr, "pgconflint: describe takes exactly one parameter NAME\n");
        return 2;
    }
    return catalog_describe(stdout, o->paths[0], o->pg_version) == 0 ? 0 : 1;
}

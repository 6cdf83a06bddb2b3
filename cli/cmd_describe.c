/* cmd_describe.c — `pgconflint describe NAME`: what the catalog knows of a
 * parameter, and `pgconflint rules`: the rules and their defaults. */
#include <stdio.h>
#include <string.h>

#include "catalog_info.h"
#include "commands.h"
#include "rule_registry.h"

int cmd_describe(const cli_options *o)
{
    if (o->npaths != 1) {
        fprintf(stderr, "pgconflint: describe takes exactly one parameter NAME\n");
        return 2;
    }
    return catalog_describe(stdout, o->paths[0], o->pg_version) == 0 ? 0 : 1;
}

int cmd_rules(const cli_options *o)
{
    int n;
    const rule_info *all = rule_all(&n);
    int shown = 0;
    for (int i = 0; i < n; i++) {
        if (o->npaths && strcmp(o->paths[0], all[i].id) != 0)
            continue;
        printf("%-30s %-8s %-8s %s\n", all[i].id, severity_name(all[i].sev),
               all[i].enabled ? "default" : "opt-in", all[i].summary);
        shown++;
    }
    if (o->npaths && !shown) {
        fprintf(stderr, "pgconflint: no rule \"%s\"\n", o->paths[0]);
        return 2;
    }
    return 0;
}

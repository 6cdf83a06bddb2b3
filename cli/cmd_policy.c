/* cmd_policy.c — `pgconflint policy list | show | check`: the built-in
 * profiles, a policy as written or resolved, and validating policy files
 * (for CI and pre-commit: exit 2 on any error, located path:line:col). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "policy.h"
#include "policy_setup.h"

static int policy_list(void)
{
    int n;
    const policy_profile_info *all = policy_profiles(&n);
    for (int i = 0; i < n; i++) {
        if (strcmp(all[i].name, "builtin") == 0)
            printf("%-10s %s\n", all[i].name,
                   "the definitions of the built-in checks (every policy's bottom layer)");
        else
            printf("%-10s %s\n", all[i].name, all[i].description);
    }
    return 0;
}

static int policy_show(const cli_options *o)
{
    if (o->npaths > 1) {
        fprintf(stderr, "pgconflint: policy show takes no PATH (use --policy FILE or --profile NAME)\n");
        return 2;
    }
    policy *p = cli_load_policy(o, stderr);
    if (!p)
        return 2;
    if (o->resolved) {
        policy_write_resolved(p, stdout);
    } else {
        size_t len;
        const char *src = policy_source(p, &len);
        fwrite(src ? src : "", 1, src ? len : 0, stdout);
    }
    policy_free(p);
    return 0;
}

static int policy_check(const cli_options *o)
{
    int rc = 0;
    if (o->npaths <= 1) {
        policy *p = cli_load_policy(o, stdout);
        if (!p)
            return 2;
        printf("%s: ok\n", policy_name(p));
        policy_free(p);
        return 0;
    }
    for (int i = 1; i < o->npaths; i++) {
        policy *p = policy_load_file(o->paths[i]);
        if (policy_errors(p)->n) {
            cli_print_policy_errors(p, stdout);
            rc = 2;
        } else {
            printf("%s: ok\n", o->paths[i]);
        }
        policy_free(p);
    }
    return rc;
}

int cmd_policy(const cli_options *o)
{
    const char *sub = o->npaths ? o->paths[0] : NULL;
    if (!sub) {
        fprintf(stderr, "usage: pgconflint policy list | show [--profile NAME | --policy FILE] "
                        "[--resolved] | check [FILE...]\n");
        return 2;
    }
    if (strcmp(sub, "list") == 0)
        return policy_list();
    cli_options rest = *o;
    rest.paths = o->paths + 1;
    rest.npaths = o->npaths - 1;
    if (strcmp(sub, "show") == 0)
        return policy_show(&rest);
    if (strcmp(sub, "check") == 0)
        return policy_check(o);
    fprintf(stderr, "pgconflint: unknown policy command \"%s\" (list, show, check)\n", sub);
    return 2;
}

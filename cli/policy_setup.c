/* policy_setup.c — choosing and loading the run's policy. */
#include "policy_setup.h"

#include <stdlib.h>

#include "load_opts.h"

void cli_print_policy_errors(const policy *p, FILE *err)
{
    const ptrvec *errs = policy_errors(p);
    for (size_t i = 0; i < errs->n; i++) {
        const policy_error *e = errs->items[i];
        if (e->line > 0)
            fprintf(err, "%s:%d:%d: error: %s\n", e->path, e->line, e->col, e->message);
        else
            fprintf(err, "%s: error: %s\n", e->path, e->message);
    }
}

policy *cli_load_policy(const cli_options *o, FILE *err)
{
    if (o->policy_path && o->profile) {
        fprintf(err, "pgconflint: --policy and --profile do not go together (a policy file "
                     "names its profile with \"extends:\")\n");
        return NULL;
    }
    policy *p;
    if (o->policy_path) {
        p = policy_load_file(o->policy_path);
    } else if (o->profile) {
        p = policy_load_profile(o->profile);
    } else {
        char *found = policy_discover(NULL);
        p = found ? policy_load_file(found) : policy_load_profile("default");
        free(found);
    }
    if (policy_errors(p)->n) {
        cli_print_policy_errors(p, err);
        policy_free(p);
        return NULL;
    }
    return p;
}

int cli_pg_version(const cli_options *o, const policy *p)
{
    if (o->pg_version_set)
        return o->pg_version;
    if (p && policy_pg_version(p))
        return policy_pg_version(p);
    return o->pg_version ? o->pg_version : PG_VERSION_DEFAULT;
}

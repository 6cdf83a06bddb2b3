/* policy_builtin.c — the profiles compiled into the binary from
 * the YAML files of rules/policies/ (policy_gen.awk writes rules/policy_data.inc into the
 * build directory), so the tool needs no data files at run time. */
#include <string.h>

#include "policy.h"

#include "rules/policy_data.inc"

const policy_profile_info *policy_profiles(int *count)
{
    *count = (int)(sizeof profile_table / sizeof profile_table[0]);
    return profile_table;
}

const policy_profile_info *policy_profile_find(const char *name)
{
    for (size_t i = 0; i < sizeof profile_table / sizeof profile_table[0]; i++)
        if (strcmp(profile_table[i].name, name) == 0)
            return &profile_table[i];
    return NULL;
}

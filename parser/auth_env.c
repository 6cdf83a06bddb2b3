/* auth_env.c — the build and server profiles hba parsing is judged against. */
#include "auth_env.h"

auth_env auth_env_default(void)
{
    auth_env e = {0};
    e.has_gss = 1;
    e.has_pam = 1;
    e.has_ldap = 1;
    e.openldap = 1;
    e.has_ssl = 1;
    return e;
}

auth_env auth_env_release_build(void)
{
    auth_env e = {0};
    e.has_ssl = 1;
    return e;
}

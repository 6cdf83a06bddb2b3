/*
 * auth_env — what PostgreSQL's reading of pg_hba.conf depends on beyond the
 * file itself: the features the server binary was built with, a few server
 * settings, and how host names would resolve.
 *
 * The default is the Debian PostgreSQL 15 package the project's oracle runs
 * (LDAP, GSSAPI, PAM and SSL; no BSD auth, no SSPI) with the settings at their
 * built-in defaults. Plain values; owns nothing.
 */
#ifndef PGCL_AUTH_ENV_H
#define PGCL_AUTH_ENV_H

typedef struct auth_env {
    int has_gss;            /* ENABLE_GSS */
    int has_sspi;           /* Windows only */
    int has_pam;            /* USE_PAM */
    int has_bsd;            /* USE_BSD_AUTH */
    int has_ldap;           /* USE_LDAP */
    int openldap;           /* ldap URLs parsed by OpenLDAP; ldapserver optional */
    int has_ssl;            /* USE_SSL */
    int ssl_off;            /* ssl = off is known: hostssl lines get a warning */
    int db_user_namespace;  /* 12–16 setting; md5 is refused when on */
    /* oauth_validator_libraries (18+); NULL or "" = the built-in empty default */
    const char *oauth_validator_libraries;
    /*
     * RADIUS server names are resolved by DNS when the file is loaded. We do
     * not ask DNS: numeric addresses and "localhost" resolve, a name with a
     * dot is assumed to resolve, a single-label name is assumed not to (as on
     * the oracle's machine, which has no resolver). Set to 1 to accept all.
     */
    int radius_names_resolve;
} auth_env;

/* The Debian 15 build with default settings (see above). */
auth_env auth_env_default(void);

/* The official release builds the oracle downloads for --pg NN
 * (no GSSAPI, LDAP or PAM). */
auth_env auth_env_release_build(void);

#endif

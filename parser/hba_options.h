/*
 * hba_options — the name=value options after the METHOD column of
 * pg_hba.conf (parse_hba_auth_opt): which names exist in which version,
 * which methods and connection types allow them, how each value is read,
 * the per-method requirements checked once all options are read, and the
 * options list pg_hba_file_rules shows (derived entries such as ldapscope=2,
 * include_realm=true, clientcert=verify-full included).
 *
 * Memory: strings stored in hba_auth and returned messages live in the arena
 * passed in.
 */
#ifndef PGCL_HBA_OPTIONS_H
#define PGCL_HBA_OPTIONS_H

#include "arena.h"
#include "auth_env.h"

typedef enum hba_conntype {
    HBA_CT_LOCAL, HBA_CT_HOST, HBA_CT_HOSTSSL, HBA_CT_HOSTNOSSL, HBA_CT_HOSTGSS, HBA_CT_HOSTNOGSS
} hba_conntype;

typedef enum hba_method {
    HBA_M_TRUST, HBA_M_REJECT, HBA_M_MD5, HBA_M_PASSWORD, HBA_M_SCRAM, HBA_M_IDENT, HBA_M_PEER,
    HBA_M_GSS, HBA_M_SSPI, HBA_M_PAM, HBA_M_BSD, HBA_M_LDAP, HBA_M_CERT, HBA_M_RADIUS,
    HBA_M_OAUTH
} hba_method;

enum { HBA_CLIENTCERT_OFF, HBA_CLIENTCERT_CA, HBA_CLIENTCERT_FULL };

/* The part of PostgreSQL's HbaLine that options read and write. */
typedef struct hba_auth {
    int ver;
    const auth_env *env;
    hba_conntype conntype;
    hba_method method;
    const char *usermap;
    int clientcert, clientname;           /* clientname: 0 unset, 1 CN, 2 DN */
    const char *pamservice;
    int pam_use_hostname;
    const char *ldapserver, *ldapscheme, *ldapprefix, *ldapsuffix, *ldapbasedn, *ldapbinddn,
        *ldapbindpasswd, *ldapsearchattribute, *ldapsearchfilter;
    int ldapport, ldaptls, ldapscope;
    const char *krb_realm;
    int include_realm, compat_realm, upn_username;
    const char *radiusservers_s, *radiussecrets_s, *radiusports_s, *radiusidentifiers_s;
    int n_radiusservers, n_radiussecrets, n_radiusports, n_radiusidentifiers;
    const char *oauth_issuer, *oauth_scope, *oauth_validator;
    int oauth_skip_usermap;
} hba_auth;

/* Method defaults that apply before options are read (include_realm for
 * gss/sspi, compat_realm for sspi). */
void hba_auth_init(hba_auth *h, int ver, const auth_env *env, hba_conntype ct, hba_method m);

/* One option. Returns NULL if accepted, else the message PostgreSQL logs.
 * *warning gets a message PostgreSQL only logs (the option is kept). */
const char *hba_option_apply(arena *a, hba_auth *h, const char *name, const char *val,
                             const char **warning);

/* Requirements once every option is read (ldap, radius, oauth, cert).
 * Returns NULL or the error message. */
const char *hba_options_check(arena *a, hba_auth *h);

/* The options column of pg_hba_file_rules, in its order. */
void hba_options_view(arena *a, const hba_auth *h, ptrvec *names, ptrvec *values);

#endif

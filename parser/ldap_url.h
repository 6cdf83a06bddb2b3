/*
 * ldap_url — reading an ldapurl= value the way PostgreSQL's OpenLDAP build
 * does (ldap_url_parse), so that the fields it fills in pg_hba_file_rules and
 * its failures come out the same. Written from OpenLDAP's documented URL
 * syntax and its observed behaviour: scheme prefixes ldap:// ldaps:// ldapi://
 * (case-insensitive, after an optional '<' and "URL:"), host[:port], then
 * ?-separated dn, attributes, scope, filter, extensions; %XX unescaping in
 * which a bad escape empties the whole part.
 *
 * Memory: strings in the result live in the arena passed in.
 */
#ifndef PGCL_LDAP_URL_H
#define PGCL_LDAP_URL_H

#include "arena.h"

/* OpenLDAP's LDAP_URL_ERR_* codes */
enum {
    LDAP_URL_OK = 0,
    LDAP_URL_ERR_BADSCHEME = 3,
    LDAP_URL_ERR_BADENCLOSURE = 4,
    LDAP_URL_ERR_BADURL = 5,
    LDAP_URL_ERR_BADATTRS = 7,
    LDAP_URL_ERR_BADSCOPE = 8,
    LDAP_URL_ERR_BADFILTER = 9,
    LDAP_URL_ERR_BADEXTS = 10,
};

typedef struct ldap_url {
    const char *scheme;      /* "ldap", "ldaps" or "ldapi" */
    const char *host;        /* NULL when empty */
    int port;                /* default filled in: 389 / 636 */
    const char *dn;          /* NULL when the URL has no dn part */
    const char *attr;        /* first attribute, or NULL */
    int attrs_empty;         /* an attribute part that yields no attribute */
    int scope;               /* 0 base, 1 one, 2 sub, 3 children */
    const char *filter;      /* NULL when absent */
} ldap_url;

/* ldap_url_parse: LDAP_URL_OK or an LDAP_URL_ERR_* code. */
int ldap_url_read(arena *a, const char *url, ldap_url *out);

/*
 * PostgreSQL prints the URL error code through ldap_err2string, which reads
 * it as an LDAP result code: 3 gives "Time limit exceeded" and so on.
 */
const char *ldap_url_err_text(int code);

#endif

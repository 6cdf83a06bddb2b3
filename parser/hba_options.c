/* hba_options.c — authentication options of pg_hba.conf, by version. */
#include "hba_options.h"

#include <ctype.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hba_address.h"
#include "ldap_url.h"

/* PostgreSQL reads these numbers with atoi(): leading digits, anything after
 * them ignored, 0 when there are none. glibc's atoi is this strtol call. */
static int pg_atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

#define LDAP_SCOPE_SUBTREE 2

void hba_auth_init(hba_auth *h, int ver, const auth_env *env, hba_conntype ct, hba_method m)
{
    memset(h, 0, sizeof *h);
    h->ver = ver;
    h->env = env;
    h->conntype = ct;
    h->method = m;
    /* realm kept by default: stripping it is unsafe with several realms */
    if (m == HBA_M_GSS || m == HBA_M_SSPI)
        h->include_realm = 1;
    if (m == HBA_M_SSPI)
        h->compat_realm = 1;
}

static const char *only_valid(arena *a, const char *name, const char *methods)
{
    return arena_printf(a, "authentication option \"%s\" is only valid for authentication methods %s",
                        name, methods);
}

/* The "1 means true, anything else false" options. */
static int flag(const char *val)
{
    return strcmp(val, "1") == 0;
}

static int scanner_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * SplitGUCList with ',' as separator: double-quote aware ("" is a quote),
 * blanks around items ignored, case kept. Returns -1 on a syntax error,
 * else the number of items; items go to *items when given.
 */
static int split_list(arena *a, const char *raw, ptrvec *items)
{
    const char *p = raw;
    while (scanner_space((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0;
    int n = 0;
    for (;;) {
        strbuf item = {0};
        if (*p == '"') {
            p++;
            for (;;) {
                const char *q = strchr(p, '"');
                if (!q)
                    return -1;
                strbuf_put(a, &item, p, (size_t)(q - p));
                if (q[1] != '"') {
                    p = q + 1;
                    break;
                }
                strbuf_putc(a, &item, '"');
                p = q + 2;
            }
        } else {
            const char *start = p;
            while (*p && *p != ',' && !scanner_space((unsigned char)*p))
                p++;
            if (p == start)
                return -1;
            strbuf_put(a, &item, start, (size_t)(p - start));
        }
        while (scanner_space((unsigned char)*p))
            p++;
        if (items)
            ptrvec_push(a, items, item.data ? item.data : "");
        n++;
        if (*p == ',') {
            p++;
            while (scanner_space((unsigned char)*p))
                p++;
            continue;
        }
        if (*p == '\0')
            return n;
        return -1;
    }
}

/* RADIUS servers are looked up in DNS when the file is loaded; see
 * auth_env.radius_names_resolve for what we assume instead. */
static int radius_resolves(const auth_env *e, const char *name)
{
    hba_ip ip;
    if (hba_numeric_addr(name, &ip) == 0 || strcasecmp(name, "localhost") == 0)
        return 1;
    return e->radius_names_resolve || (name[0] != '\0' && strchr(name, '.') != NULL);
}

static const char *radius_option(arena *a, hba_auth *h, const char *name, const char *val)
{
    ptrvec items = {0};
    int n = split_list(a, val, &items);
    const char *what = strcmp(name, "radiusservers") == 0     ? "server"
                       : strcmp(name, "radiusports") == 0     ? "port"
                       : strcmp(name, "radiussecrets") == 0   ? "secret"
                                                              : "identifiers";
    if (n < 0)
        return arena_printf(a, "could not parse RADIUS %s list \"%s\"", what, val);
    if (what[0] == 's' && what[1] == 'e' && what[2] == 'r') {
        for (size_t i = 0; i < items.n; i++)
            if (!radius_resolves(h->env, items.items[i]))
                return arena_printf(a,
                                    "could not translate RADIUS server name \"%s\" to address: %s",
                                    (const char *)items.items[i], hba_gai_error(EAI_NONAME));
        h->radiusservers_s = val;
        h->n_radiusservers = n;
    } else if (what[0] == 'p') {
        for (size_t i = 0; i < items.n; i++)
            if (pg_atoi(items.items[i]) == 0)
                return arena_printf(a, "invalid RADIUS port number: \"%s\"", val);
        h->radiusports_s = val;
        h->n_radiusports = n;
    } else if (what[0] == 's') {
        h->radiussecrets_s = val;
        h->n_radiussecrets = n;
    } else {
        h->radiusidentifiers_s = val;
        h->n_radiusidentifiers = n;
    }
    return NULL;
}

static const char *ldapurl_option(arena *a, hba_auth *h, const char *val)
{
    if (!h->env->openldap)
        return "LDAP URLs not supported on this platform";
    ldap_url u;
    int rc = ldap_url_read(a, val, &u);
    if (rc != LDAP_URL_OK)
        return arena_printf(a, "could not parse LDAP URL \"%s\": %s", val, ldap_url_err_text(rc));
    if (strcmp(u.scheme, "ldap") != 0 && strcmp(u.scheme, "ldaps") != 0)
        return arena_printf(a, "unsupported LDAP URL scheme: %s", u.scheme);
    if (u.attrs_empty)
        /* the server dereferences the missing first attribute and crashes */
        return arena_printf(a, "could not parse LDAP URL \"%s\": no attribute in the attribute "
                               "list (PostgreSQL's backend crashes on this URL)",
                            val);
    h->ldapscheme = u.scheme;
    if (u.host)
        h->ldapserver = u.host;
    h->ldapport = u.port;
    if (u.dn)
        h->ldapbasedn = u.dn;
    if (u.attr)
        h->ldapsearchattribute = u.attr;
    h->ldapscope = u.scope;
    if (u.filter)
        h->ldapsearchfilter = u.filter;
    return NULL;
}

/* The string-valued ldap options. */
static const char **ldap_string_slot(hba_auth *h, const char *name)
{
    static const char *const names[] = {"ldapserver", "ldapbinddn", "ldapbindpasswd",
                                        "ldapsearchattribute", "ldapsearchfilter", "ldapbasedn",
                                        "ldapprefix", "ldapsuffix"};
    const char **slots[] = {&h->ldapserver, &h->ldapbinddn, &h->ldapbindpasswd,
                            &h->ldapsearchattribute, &h->ldapsearchfilter, &h->ldapbasedn,
                            &h->ldapprefix, &h->ldapsuffix};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return slots[i];
    return NULL;
}

static const char *clientcert_option(arena *a, hba_auth *h, const char *val)
{
    if (h->conntype != HBA_CT_HOSTSSL)
        return "clientcert can only be configured for \"hostssl\" rows";
    if (h->ver <= 13) {
        if (strcmp(val, "1") == 0 || strcmp(val, "verify-ca") == 0) {
            h->clientcert = HBA_CLIENTCERT_CA;
        } else if (strcmp(val, "verify-full") == 0) {
            h->clientcert = HBA_CLIENTCERT_FULL;
        } else if (strcmp(val, "0") == 0 || strcmp(val, "no-verify") == 0) {
            if (h->method == HBA_M_CERT)
                return h->ver == 12 ? "clientcert can not be set to \"no-verify\" when using "
                                      "\"cert\" authentication"
                                    : "clientcert cannot be set to \"no-verify\" when using "
                                      "\"cert\" authentication";
            h->clientcert = HBA_CLIENTCERT_OFF;
        } else {
            return arena_printf(a, "invalid value for clientcert: \"%s\"", val);
        }
        return NULL;
    }
    if (strcmp(val, "verify-full") == 0) {
        h->clientcert = HBA_CLIENTCERT_FULL;
    } else if (strcmp(val, "verify-ca") == 0) {
        if (h->method == HBA_M_CERT)
            return "clientcert only accepts \"verify-full\" when using \"cert\" authentication";
        h->clientcert = HBA_CLIENTCERT_CA;
    } else {
        return arena_printf(a, "invalid value for clientcert: \"%s\"", val);
    }
    return NULL;
}

static int validator_key_ok(const char *k)
{
    if (!*k)
        return 0;
    for (; *k; k++)
        if (!isalnum((unsigned char)*k) && *k != '_' && *k != '-')
            return 0;
    return 1;
}

const char *hba_option_apply(arena *a, hba_auth *h, const char *name, const char *val,
                             const char **warning)
{
    *warning = NULL;
    hba_method m = h->method;
    /* every option resets the scope an earlier ldapurl may have set */
    if (h->env->has_ldap)
        h->ldapscope = LDAP_SCOPE_SUBTREE;

    if (strcmp(name, "map") == 0) {
        int ok = m == HBA_M_IDENT || m == HBA_M_PEER || m == HBA_M_GSS || m == HBA_M_SSPI ||
                 m == HBA_M_CERT || (h->ver >= 18 && m == HBA_M_OAUTH);
        if (!ok)
            return only_valid(a, "map", h->ver >= 18 ? "ident, peer, gssapi, sspi, cert, and oauth"
                                                     : "ident, peer, gssapi, sspi, and cert");
        h->usermap = val;
    } else if (strcmp(name, "clientcert") == 0) {
        return clientcert_option(a, h, val);
    } else if (strcmp(name, "clientname") == 0 && h->ver >= 14) {
        if (h->conntype != HBA_CT_HOSTSSL)
            return "clientname can only be configured for \"hostssl\" rows";
        if (strcmp(val, "CN") == 0)
            h->clientname = 1;
        else if (strcmp(val, "DN") == 0)
            h->clientname = 2;
        else
            return arena_printf(a, "invalid value for clientname: \"%s\"", val);
    } else if (strcmp(name, "pamservice") == 0 || strcmp(name, "pam_use_hostname") == 0) {
        if (m != HBA_M_PAM)
            return only_valid(a, name, "pam");
        if (name[3] == 's')
            h->pamservice = val;
        else
            h->pam_use_hostname = flag(val);
    } else if (strcmp(name, "ldapurl") == 0) {
        if (m != HBA_M_LDAP)
            return only_valid(a, name, "ldap");
        return ldapurl_option(a, h, val);
    } else if (strcmp(name, "ldaptls") == 0) {
        if (m != HBA_M_LDAP)
            return only_valid(a, name, "ldap");
        h->ldaptls = flag(val);
    } else if (strcmp(name, "ldapscheme") == 0) {
        if (m != HBA_M_LDAP)
            return only_valid(a, name, "ldap");
        if (strcmp(val, "ldap") != 0 && strcmp(val, "ldaps") != 0)
            *warning = arena_printf(a, "invalid ldapscheme value: \"%s\"", val);
        h->ldapscheme = val;
    } else if (strcmp(name, "ldapport") == 0) {
        if (m != HBA_M_LDAP)
            return only_valid(a, name, "ldap");
        h->ldapport = pg_atoi(val);
        if (h->ldapport == 0)
            return arena_printf(a, "invalid LDAP port number: \"%s\"", val);
    } else if (ldap_string_slot(h, name)) {
        if (m != HBA_M_LDAP)
            return only_valid(a, name, "ldap");
        *ldap_string_slot(h, name) = val;
    } else if (strcmp(name, "krb_realm") == 0 || strcmp(name, "include_realm") == 0) {
        if (m != HBA_M_GSS && m != HBA_M_SSPI)
            return only_valid(a, name, "gssapi and sspi");
        if (name[0] == 'k')
            h->krb_realm = val;
        else
            h->include_realm = flag(val);
    } else if (strcmp(name, "compat_realm") == 0 || strcmp(name, "upn_username") == 0) {
        if (m != HBA_M_SSPI)
            return only_valid(a, name, "sspi");
        if (name[0] == 'c')
            h->compat_realm = flag(val);
        else
            h->upn_username = flag(val);
    } else if (h->ver <= 18 &&
               (strcmp(name, "radiusservers") == 0 || strcmp(name, "radiusports") == 0 ||
                strcmp(name, "radiussecrets") == 0 || strcmp(name, "radiusidentifiers") == 0)) {
        if (m != HBA_M_RADIUS)
            return only_valid(a, name, "radius");
        return radius_option(a, h, name, val);
    } else if (h->ver >= 18 && (strcmp(name, "issuer") == 0 || strcmp(name, "scope") == 0 ||
                                strcmp(name, "validator") == 0 ||
                                strcmp(name, "delegate_ident_mapping") == 0)) {
        if (m != HBA_M_OAUTH)
            return only_valid(a, name, "oauth");
        if (name[0] == 'i')
            h->oauth_issuer = val;
        else if (name[0] == 's')
            h->oauth_scope = val;
        else if (name[0] == 'v')
            h->oauth_validator = val;
        else
            h->oauth_skip_usermap = flag(val);
    } else if (h->ver >= 19 && strncmp(name, "validator.", 10) == 0) {
        if (m != HBA_M_OAUTH)
            return only_valid(a, name, "oauth");
        if (!validator_key_ok(name + 10))
            return arena_printf(a, "invalid OAuth validator option name: \"%s\"", name);
    } else {
        return arena_printf(a, "unrecognized authentication option name: \"%s\"", name);
    }
    return NULL;
}

static const char *requires(arena *a, const char *method, const char *arg)
{
    return arena_printf(a, "authentication method \"%s\" requires argument \"%s\" to be set", method,
                        arg);
}

static const char *radius_count(arena *a, int ver, const char *what, int n, int servers)
{
    (void)ver;  /* 12–13 print the same text through one generic format */
    return arena_printf(a, "the number of RADIUS %s (%d) must be 1 or the same as the number of "
                           "RADIUS servers (%d)",
                        what, n, servers);
}

static const char *oauth_check(arena *a, hba_auth *h)
{
    const char *libs = h->env->oauth_validator_libraries;
    if (!libs || !libs[0])
        return "oauth_validator_libraries must be set for authentication method oauth";
    ptrvec list = {0};
    if (split_list(a, libs, &list) < 0)
        return "invalid list syntax in parameter \"oauth_validator_libraries\"";
    if (!h->oauth_validator) {
        if (list.n == 1) {
            h->oauth_validator = list.items[0];
            return NULL;
        }
        return "authentication method \"oauth\" requires argument \"validator\" to be set when "
               "oauth_validator_libraries contains multiple options";
    }
    for (size_t i = 0; i < list.n; i++)
        if (strcmp(list.items[i], h->oauth_validator) == 0)
            return NULL;
    return arena_printf(a, "validator \"%s\" is not permitted by oauth_validator_libraries",
                        h->oauth_validator);
}

const char *hba_options_check(arena *a, hba_auth *h)
{
    if (h->method == HBA_M_LDAP) {
        if (!h->env->openldap && !h->ldapserver)
            return requires(a, "ldap", "ldapserver");
        if (h->ldapprefix || h->ldapsuffix) {
            if (h->ldapbasedn || h->ldapbinddn || h->ldapbindpasswd || h->ldapsearchattribute ||
                h->ldapsearchfilter)
                return h->ver >= 18 ? "cannot mix options for simple bind and search+bind modes"
                                    : "cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, "
                                      "ldapsearchattribute, ldapsearchfilter, or ldapurl together "
                                      "with ldapprefix";
        } else if (!h->ldapbasedn) {
            return "authentication method \"ldap\" requires argument \"ldapbasedn\", "
                   "\"ldapprefix\", or \"ldapsuffix\" to be set";
        }
        if (h->ldapsearchattribute && h->ldapsearchfilter)
            return "cannot use ldapsearchattribute together with ldapsearchfilter";
    }
    if (h->method == HBA_M_RADIUS) {
        /* an empty list is stored as "not set", so the "cannot be empty"
         * checks PostgreSQL has after these are never reached */
        if (!h->n_radiusservers)
            return requires(a, "radius", "radiusservers");
        if (!h->n_radiussecrets)
            return requires(a, "radius", "radiussecrets");
        if (h->n_radiussecrets != 1 && h->n_radiussecrets != h->n_radiusservers)
            return radius_count(a, h->ver, "secrets", h->n_radiussecrets, h->n_radiusservers);
        if (h->n_radiusports > 1 && h->n_radiusports != h->n_radiusservers)
            return radius_count(a, h->ver, "ports", h->n_radiusports, h->n_radiusservers);
        if (h->n_radiusidentifiers > 1 && h->n_radiusidentifiers != h->n_radiusservers)
            return radius_count(a, h->ver, "identifiers", h->n_radiusidentifiers,
                                h->n_radiusservers);
    }
    if (h->method == HBA_M_OAUTH) {
        if (!h->oauth_scope)
            return requires(a, "oauth", "scope");
        if (!h->oauth_issuer)
            return requires(a, "oauth", "issuer");
        const char *e = oauth_check(a, h);
        if (e)
            return e;
        if (h->oauth_skip_usermap && h->usermap)
            return "map cannot be used in combination with delegate_ident_mapping";
    }
    /* cert always verifies the full certificate */
    if (h->method == HBA_M_CERT)
        h->clientcert = HBA_CLIENTCERT_FULL;
    return NULL;
}

static void add(arena *a, ptrvec *names, ptrvec *values, const char *n, const char *v)
{
    ptrvec_push(a, names, (void *)n);
    ptrvec_push(a, values, (void *)v);
}

void hba_options_view(arena *a, const hba_auth *h, ptrvec *names, ptrvec *values)
{
    if (h->method == HBA_M_GSS || h->method == HBA_M_SSPI) {
        if (h->include_realm)
            add(a, names, values, "include_realm", "true");
        if (h->krb_realm)
            add(a, names, values, "krb_realm", h->krb_realm);
    }
    if (h->usermap)
        add(a, names, values, "map", h->usermap);
    if (h->clientcert != HBA_CLIENTCERT_OFF)
        add(a, names, values, "clientcert",
            h->clientcert == HBA_CLIENTCERT_CA ? "verify-ca" : "verify-full");
    if (h->pamservice)
        add(a, names, values, "pamservice", h->pamservice);
    if (h->method == HBA_M_LDAP) {
        if (h->ldapserver)
            add(a, names, values, "ldapserver", h->ldapserver);
        if (h->ldapport)
            add(a, names, values, "ldapport", arena_printf(a, "%d", h->ldapport));
        if (h->ldapscheme)
            add(a, names, values, "ldapscheme", h->ldapscheme);
        if (h->ldaptls)
            add(a, names, values, "ldaptls", "true");
        if (h->ldapprefix)
            add(a, names, values, "ldapprefix", h->ldapprefix);
        if (h->ldapsuffix)
            add(a, names, values, "ldapsuffix", h->ldapsuffix);
        if (h->ldapbasedn)
            add(a, names, values, "ldapbasedn", h->ldapbasedn);
        if (h->ldapbinddn)
            add(a, names, values, "ldapbinddn", h->ldapbinddn);
        if (h->ldapbindpasswd)
            add(a, names, values, "ldapbindpasswd", h->ldapbindpasswd);
        if (h->ldapsearchattribute)
            add(a, names, values, "ldapsearchattribute", h->ldapsearchattribute);
        if (h->ldapsearchfilter)
            add(a, names, values, "ldapsearchfilter", h->ldapsearchfilter);
        if (h->ldapscope)
            add(a, names, values, "ldapscope", arena_printf(a, "%d", h->ldapscope));
    }
    if (h->method == HBA_M_RADIUS) {
        if (h->radiusservers_s)
            add(a, names, values, "radiusservers", h->radiusservers_s);
        if (h->radiussecrets_s)
            add(a, names, values, "radiussecrets", h->radiussecrets_s);
        if (h->radiusidentifiers_s)
            add(a, names, values, "radiusidentifiers", h->radiusidentifiers_s);
        if (h->radiusports_s)
            add(a, names, values, "radiusports", h->radiusports_s);
    }
    if (h->method == HBA_M_OAUTH) {
        if (h->oauth_issuer)
            add(a, names, values, "issuer", h->oauth_issuer);
        if (h->oauth_scope)
            add(a, names, values, "scope", h->oauth_scope);
        if (h->oauth_validator)
            add(a, names, values, "validator", h->oauth_validator);
        if (h->oauth_skip_usermap)
            add(a, names, values, "delegate_ident_mapping", "true");
    }
}

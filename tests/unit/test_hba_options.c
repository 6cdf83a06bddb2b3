/* test_hba_options.c — methods and options of pg_hba.conf by version
 * (spec §3.7, §3.8; vectors H23–H52, H70–H72) and the options list
 * pg_hba_file_rules shows. */
#include "auth_test_util.h"
#include "tests/tap.h"

static const char *err1(arena *a, const char *line, int ver)
{
    hba_doc *d = hba_load(a, line, ver);
    return d->errors.n ? ((diag *)d->errors.items[0])->message : NULL;
}

/* The options list of the accepted rule, or "ERR: message". */
static const char *view(arena *a, const char *line, int ver)
{
    hba_doc *d = hba_load(a, line, ver);
    const hba_rule *r = rule_at(d, 1);
    if (!r)
        return arena_printf(a, "ERR: %s", d->errors.n ? ((diag *)d->errors.items[0])->message : "?");
    return opts(a, r);
}

static void test_clientcert(arena *a)
{
    const char *cert_ca = "hostssl all all 0.0.0.0/0 cert clientcert=verify-ca";
    tap_str_eq(err1(a, cert_ca, 14),
               "clientcert only accepts \"verify-full\" when using \"cert\" authentication", "H23 (14+)");
    tap_str_eq(view(a, cert_ca, 12), "clientcert=verify-full", "H23 (12–13): accepted, cert is full");
    const char *one = "hostssl all all 0.0.0.0/0 md5 clientcert=1";
    tap_str_eq(view(a, one, 13), "clientcert=verify-ca", "H24 (12–13): 1 is verify-ca");
    tap_str_eq(err1(a, one, 14), "invalid value for clientcert: \"1\"", "H24 (14+)");
    tap_str_eq(view(a, "hostssl all all 0.0.0.0/0 md5 clientcert=no-verify", 12), "",
               "12: no-verify turns clientcert off");
    tap_str_eq(err1(a, "hostssl all all 0.0.0.0/0 cert clientcert=0", 12),
               "clientcert can not be set to \"no-verify\" when using \"cert\" authentication",
               "12: can not");
    tap_str_eq(err1(a, "hostssl all all 0.0.0.0/0 cert clientcert=0", 13),
               "clientcert cannot be set to \"no-verify\" when using \"cert\" authentication",
               "13: cannot");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 md5 clientcert=verify-full", 15),
               "clientcert can only be configured for \"hostssl\" rows", "H25");
    const char *cn = "hostssl all all 0.0.0.0/0 cert clientname=DN map=m";
    tap_str_eq(view(a, cn, 14), "map=m,clientcert=verify-full", "H26 (14+)");
    tap_str_eq(err1(a, cn, 13), "unrecognized authentication option name: \"clientname\"",
               "H26 (12–13)");
    tap_str_eq(err1(a, "hostssl all all 0.0.0.0/0 md5 clientname=cn", 15),
               "invalid value for clientname: \"cn\"", "clientname is case-sensitive");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 md5 clientname=CN", 15),
               "clientname can only be configured for \"hostssl\" rows", "clientname needs hostssl");
    tap_str_eq(view(a, "hostssl all all 0.0.0.0/0 md5 clientcert=verify-full clientcert=1", 12),
               "clientcert=verify-ca", "a repeated option overrides");
}

static void test_methods(arena *a)
{
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 peer", 15),
               "peer authentication is only supported on local sockets", "H28");
    hba_doc *d = hba_load(a, "local all all ident map=x", 15);
    tap_str_eq(rule_at(d, 1) ? rule_at(d, 1)->method : NULL, "peer", "H29: local ident is peer");
    tap_str_eq(rule_at(d, 1) ? opts(a, rule_at(d, 1)) : NULL, "map=x", "H29: map kept");
    tap_str_eq(err1(a, "local all all md5 map=x", 17),
               "authentication option \"map\" is only valid for authentication methods ident, peer, "
               "gssapi, sspi, and cert",
               "H30 (12–17)");
    tap_str_eq(err1(a, "local all all md5 map=x", 18),
               "authentication option \"map\" is only valid for authentication methods ident, peer, "
               "gssapi, sspi, cert, and oauth",
               "H30 (18+)");
    tap_str_eq(err1(a, "local all all trust foo", 15),
               "authentication option not in name=value format: foo", "H31");
    tap_str_eq(err1(a, "local all all trust foo=bar", 15),
               "unrecognized authentication option name: \"foo\"", "H32");
    tap_str_eq(err1(a, "local all all gss", 15), "gssapi authentication is not supported on local sockets",
               "H41");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 gss include_realm=true", 15), "",
               "H42: include_realm=true means false");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 gss", 15), "include_realm=true",
               "gss shows include_realm=true by default");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 gss krb_realm=R map=m include_realm=1", 15),
               "include_realm=true,krb_realm=R,map=m", "gss option order");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 md5 include_realm=0", 15),
               "authentication option \"include_realm\" is only valid for authentication methods "
               "gssapi and sspi",
               "H43");
    tap_ok(hba_load(a, "hostgssenc all all 0.0.0.0/0 md5", 12)->rules.n == 1,
           "H44: hostgssenc with md5 (current minors)");
    tap_str_eq(err1(a, "hostfoo all all 0.0.0.0/0 md5", 15), "invalid connection type \"hostfoo\"",
               "H45");
    d = hba_load(a, "local,host all all md5", 15);
    tap_str_eq(error_at(&d->errors, 1), "multiple values specified for connection type", "H46");
    tap_str_eq(d->errors.n ? ((diag *)d->errors.items[0])->detail : NULL,
               "Specify exactly one connection type per line.", "H46: hint");
    tap_str_eq(err1(a, "local all", 15), "end-of-line before role specification", "H47");
    tap_str_eq(err1(a, "local", 15), "end-of-line before database specification", "no database");
    tap_str_eq(err1(a, "local all all md5,trust", 15),
               "multiple values specified for authentication type", "H49");
    tap_str_eq(err1(a, "local all all MD5", 15), "invalid authentication method \"MD5\"", "H50");
    tap_str_eq(err1(a, "local all all crypt", 15), "invalid authentication method \"crypt\"", "H50");
    tap_str_eq(err1(a, "host all all 127.0.0.1/32 cert", 15),
               "cert authentication is only supported on hostssl connections", "H52");
    tap_str_eq(err1(a, "host all all 10.0.0.0/8 bsd", 15),
               "invalid authentication method \"bsd\": not supported by this build", "bsd: no build");
    tap_str_eq(err1(a, "host all all 10.0.0.0/8 sspi", 15),
               "invalid authentication method \"sspi\": not supported by this build", "sspi: no build");
    tap_str_eq(err1(a, "\"local\" all all \"trust\"", 15), NULL, "quoting does not matter for type/method");
    d = hba_load(a, "host sameuser,samerole,samegroup,replication +grp 127.0.0.1/32 md5", 15);
    tap_str_eq(rule_at(d, 1) ? toks(a, &rule_at(d, 1)->databases) : NULL,
               "sameuser|samerole|samegroup|replication", "H73: database keywords");

    /* a release build without LDAP/GSSAPI/PAM (the oracle's --pg NN) */
    auth_env env = auth_env_release_build();
    load_opts o = {.pg_version = 16, .follow_includes = 1};
    d = hba_doc_load_env(a, mem_source(a, "h", "host all all 0.0.0.0/0 ldap\nhostgssenc all all 0.0.0.0/0 md5\n",
                                       strlen("host all all 0.0.0.0/0 ldap\nhostgssenc all all 0.0.0.0/0 md5\n"), NULL),
                         &o, &env);
    tap_str_eq(error_at(&d->errors, 1), "invalid authentication method \"ldap\": not supported by this build",
               "release build: ldap unsupported");
    tap_ok(rule_at(d, 2) && rule_at(d, 2)->warning &&
               strcmp(rule_at(d, 2)->warning->message,
                      "hostgssenc record cannot match because GSSAPI is not supported by this build") == 0,
           "release build: hostgssenc kept with a warning");
}

static void test_ldap(arena *a)
{
    tap_str_eq(view(a, "local all all ldap ldapserver=ldap.example.com ldapprefix=\"cn=\" "
                       "ldapsuffix=\", dc=example, dc=net\"", 15),
               "ldapserver=ldap.example.com,ldapprefix=cn=,ldapsuffix=, dc=example, dc=net,ldapscope=2",
               "H33");
    const char *mix = "local all all ldap ldapserver=x ldapprefix=\"cn=\" ldapbasedn=\"dc=x\"";
    tap_str_eq(err1(a, mix, 17),
               "cannot use ldapbasedn, ldapbinddn, ldapbindpasswd, ldapsearchattribute, "
               "ldapsearchfilter, or ldapurl together with ldapprefix",
               "H34 (12–17)");
    tap_str_eq(err1(a, mix, 18), "cannot mix options for simple bind and search+bind modes", "H34 (18+)");
    tap_str_eq(err1(a, "local all all ldap ldapserver=x", 15),
               "authentication method \"ldap\" requires argument \"ldapbasedn\", \"ldapprefix\", or "
               "\"ldapsuffix\" to be set",
               "H35");
    tap_str_eq(err1(a, "local all all ldap ldapserver=x ldapbasedn=\"dc=x\" ldapsearchattribute=uid "
                       "ldapsearchfilter=\"(uid=$username)\"",
                    15),
               "cannot use ldapsearchattribute together with ldapsearchfilter", "H36");
    tap_str_eq(err1(a, "local all all ldap ldapserver=x ldapbasedn=\"dc=x\" ldapport=abc", 15),
               "invalid LDAP port number: \"abc\"", "H37: abc");
    tap_str_eq(view(a, "local all all ldap ldapserver=x ldapbasedn=\"dc=x\" ldapport=389x", 15),
               "ldapserver=x,ldapport=389,ldapbasedn=dc=x,ldapscope=2", "H37: 389x is 389");
    hba_doc *d = hba_load(a, "local all all ldap ldapserver=x ldapbasedn=\"dc=x\" ldapscheme=http", 15);
    tap_int_eq((long long)d->rules.n, 1, "H38: invalid ldapscheme keeps the record");
    tap_str_eq(d->warnings.n ? ((diag *)d->warnings.items[0])->message : NULL,
               "invalid ldapscheme value: \"http\"", "H38: only a warning");
    tap_str_eq(view(a, "local all all ldap ldapbasedn=dc=x ldaptls=1 ldapport=1 ldapbinddn=b "
                       "ldapbindpasswd=p ldapsearchattribute=a ldapscheme=ldaps",
                    15),
               "ldapport=1,ldapscheme=ldaps,ldaptls=true,ldapbasedn=dc=x,ldapbinddn=b,"
               "ldapbindpasswd=p,ldapsearchattribute=a,ldapscope=2",
               "ldap option order in the view");
    /* ldapurl, as the Debian 15 (OpenLDAP) build reads it; checked with the oracle */
    tap_str_eq(view(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://h/dc=x", 15),
               "ldapserver=h,ldapport=389,ldapscheme=ldap,ldapbasedn=dc=x", "ldapurl: base scope hidden");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://h/dc=x?uid?sub ldaptls=1", 15),
               "ldapserver=h,ldapport=389,ldapscheme=ldap,ldaptls=true,ldapbasedn=dc=x,"
               "ldapsearchattribute=uid,ldapscope=2",
               "ldapurl with attribute and scope");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 ldap ldapurl=ldaps://h:636/dc=x??one?(uid=*)", 15),
               "ldapserver=h,ldapport=636,ldapscheme=ldaps,ldapbasedn=dc=x,ldapsearchfilter=(uid=*),"
               "ldapscope=1",
               "ldaps URL with filter");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 ldap ldapurl=http://h/dc=x", 15),
               "could not parse LDAP URL \"http://h/dc=x\": Time limit exceeded",
               "ldapurl: OpenLDAP's error code read as an LDAP result");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 ldap ldapurl=ldapi://h/dc=x", 15),
               "unsupported LDAP URL scheme: ldapi", "ldapurl: ldapi");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://h/dc=x?uid?bogus", 15),
               "could not parse LDAP URL \"ldap://h/dc=x?uid?bogus\": Strong(er) authentication required",
               "ldapurl: bad scope");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://h:389x/dc=x", 15),
               "could not parse LDAP URL \"ldap://h:389x/dc=x\": Compare False", "ldapurl: bad port");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://h/dc=%zz", 15),
               "ldapserver=h,ldapport=389,ldapscheme=ldap,ldapbasedn=", "ldapurl: bad escape empties");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://[::1]:389/dc=x", 15),
               "ldapserver=::1,ldapport=389,ldapscheme=ldap,ldapbasedn=dc=x", "ldapurl: IPv6 host");
    tap_str_eq(view(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap:///dc=x", 15),
               "ldapport=389,ldapscheme=ldap,ldapbasedn=dc=x", "ldapurl: no host");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 ldap ldapurl=ldap://h?uid", 15),
               "authentication method \"ldap\" requires argument \"ldapbasedn\", \"ldapprefix\", or "
               "\"ldapsuffix\" to be set",
               "ldapurl: no dn");
}

static void test_radius_oauth(arena *a)
{
    const char *h39 = "local all all radius radiusservers=a,b radiussecrets=s";
    tap_str_eq(err1(a, h39, 15),
               "could not translate RADIUS server name \"a\" to address: Name or service not known",
               "H39 (12–18): field split, single-label name does not resolve");
    tap_str_eq(err1(a, h39, 19), "invalid authentication method \"radius\"", "H39 (master)");
    tap_str_eq(err1(a, "local all all radius radiusservers=\"127.0.0.1,127.0.0.1\" "
                       "radiussecrets=\"s1,s2,s3\"",
                    15),
               "the number of RADIUS secrets (3) must be 1 or the same as the number of RADIUS "
               "servers (2)",
               "H40");
    tap_str_eq(view(a, "host all all 127.0.0.1/32 radius radiusservers=127.0.0.1 radiussecrets=s "
                       "radiusidentifiers=i radiusports=1812",
                    15),
               "radiusservers=127.0.0.1,radiussecrets=s,radiusidentifiers=i,radiusports=1812",
               "radius option order");
    tap_str_eq(err1(a, "host all all 0/0 radius radiusservers=\"\" radiussecrets=s", 15),
               "authentication method \"radius\" requires argument \"radiusservers\" to be set",
               "an empty server list counts as missing");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 radius radiusservers=\"127.0.0.1\" radiussecrets=s "
                       "radiusports=\"a b\"",
                    15),
               "could not parse RADIUS port list \"a b\"", "radius list syntax");
    tap_str_eq(err1(a, "host all all 0.0.0.0/0 radius radiusservers=\"127.0.0.1\" radiussecrets=s "
                       "radiusports=0",
                    15),
               "invalid RADIUS port number: \"0\"", "radius port 0");
    tap_str_eq(err1(a, "host all all 127.0.0.1/32 oauth issuer=https://x scope=openid", 17),
               "invalid authentication method \"oauth\"", "H70 (12–17)");
    tap_str_eq(err1(a, "host all all 127.0.0.1/32 oauth issuer=https://x scope=openid", 18),
               "oauth_validator_libraries must be set for authentication method oauth", "H70 (18+)");
    tap_str_eq(err1(a, "host all all 127.0.0.1/32 oauth issuer=https://x", 18),
               "authentication method \"oauth\" requires argument \"scope\" to be set", "H71");
    const char *h72 = "host all all 127.0.0.1/32 oauth scope=a issuer=b validator.my-opt=1";
    tap_str_eq(err1(a, h72, 18), "unrecognized authentication option name: \"validator.my-opt\"",
               "H72 (18)");
    tap_str_eq(err1(a, h72, 19), "oauth_validator_libraries must be set for authentication method oauth",
               "H72 (master): the option is accepted");
    auth_env env = auth_env_default();
    env.oauth_validator_libraries = "v1";
    load_opts o = {.pg_version = 18, .follow_includes = 1};
    const char *ok = "host all all 0/0 oauth scope=s issuer=i";
    hba_doc *d = hba_doc_load_env(a, mem_source(a, "h", ok, strlen(ok), NULL), &o, &env);
    tap_str_eq(rule_at(d, 1) ? opts(a, rule_at(d, 1)) : NULL, "issuer=i,scope=s,validator=v1",
               "oauth with one validator library");
}

int main(void)
{
    arena *a = arena_new();
    test_clientcert(a);
    test_methods(a);
    test_ldap(a);
    test_radius_oauth(a);
    arena_free(a);
    return tap_done();
}

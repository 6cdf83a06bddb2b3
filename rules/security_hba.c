/* security_hba.c — pg_hba.conf checks written in code. */
#include "security_hba.h"

#include <string.h>

#include "ascii_case.h"

static const char *option(const hba_rule *l, const char *name)
{
    for (size_t i = 0; i < l->option_names.n; i++)
        if (strcmp(l->option_names.items[i], name) == 0)
            return l->option_values.items[i];
    return NULL;
}

static void check_ldap(arena *a, const hba_rule *l, ptrvec *out)
{
    if (ascii_casecmp(l->method, "ldap") != 0 || !l->method_tok)
        return;
    const char *msg = NULL;
    if (ascii_casecmp(l->type, "local") != 0 && ascii_casecmp(l->type, "hostssl") != 0 &&
        ascii_casecmp(l->type, "hostgssenc") != 0)
        msg = arena_printf(a, "ldap on a %s line: the client may send its password to "
                              "PostgreSQL unencrypted", l->type);
    else {
        /* The options are in pg_hba_file_rules form: ldaptls=true stands for
         * the ldaptls=1 PostgreSQL requires (it reads =true as false). The
         * scheme is kept as written and PostgreSQL compares it exactly:
         * ldapscheme=LDAPS is logged as invalid, yet the line loads and the
         * password goes to the LDAP server in clear. */
        const char *tls = option(l, "ldaptls"), *scheme = option(l, "ldapscheme");
        int tls_on = tls && strcmp(tls, "true") == 0;
        if (!tls_on && !(scheme && strcmp(scheme, "ldaps") == 0))
            msg = "ldap without ldaptls=1 or ldapscheme=ldaps: PostgreSQL forwards the password "
                  "to the LDAP server in clear";
    }
    if (msg)
        ptrvec_push(a, out, finding_at(a, "hba-ldap-cleartext", SEV_WARNING, l->method_tok->src,
                                       l->method_tok->off, l->method_tok->len, "%s", msg));
}

static void check_no_tls(arena *a, const hba_doc *d, ptrvec *out)
{
    const hba_rule *first_plain = NULL;
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *l = d->rules.items[i];
        if (ascii_casecmp(l->type, "hostssl") == 0 || ascii_casecmp(l->type, "hostgssenc") == 0)
            return;
        if (!first_plain && ascii_casecmp(l->method, "reject") != 0 &&
            (ascii_casecmp(l->type, "host") == 0 || ascii_casecmp(l->type, "hostnossl") == 0))
            first_plain = l;
    }
    if (first_plain && first_plain->type_tok)
        ptrvec_push(a, out,
                    finding_at(a, "hba-no-tls-lines", SEV_WARNING, first_plain->type_tok->src,
                               first_plain->type_tok->off, first_plain->type_tok->len,
                               "remote logins are allowed but no hostssl or hostgssenc line "
                               "requires encryption"));
}

static void check_ident_local(arena *a, const hba_rule *l, ptrvec *out)
{
    if (ascii_casecmp(l->type, "local") != 0 || !l->method_tok ||
        strcmp(l->method_tok->text, "ident") != 0)
        return;
    finding *f = finding_at(a, "hba-ident-on-local", SEV_INFO, l->method_tok->src,
                            l->method_tok->off, l->method_tok->len,
                            "ident on a local line: PostgreSQL uses peer authentication");
    f->fix.kind = REMEDY_HBA_SET_METHOD;
    f->fix.target = l;
    f->fix.text = "peer";
    f->fix.description = "write peer, which is what PostgreSQL does";
    ptrvec_push(a, out, f);
}

void security_hba_run(arena *a, const hba_doc *d, int (*enabled)(const void *, const char *),
                      const void *ctx, ptrvec *out)
{
    int ldap = enabled(ctx, "hba-ldap-cleartext"), ident = enabled(ctx, "hba-ident-on-local");
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *l = d->rules.items[i];
        if (ldap)
            check_ldap(a, l, out);
        if (ident)
            check_ident_local(a, l, out);
    }
    if (enabled(ctx, "hba-no-tls-lines"))
        check_no_tls(a, d, out);
}

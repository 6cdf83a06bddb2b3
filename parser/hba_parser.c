/* hba_parser.c — parse_hba_line: the columns of a pg_hba.conf record. */
#include "hba_parser.h"

#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include "auth_regex.h"
#include "hba_address.h"
#include "hba_options.h"

enum build_need { NEED_NONE, NEED_GSS, NEED_SSPI, NEED_PAM, NEED_BSD, NEED_LDAP, NEED_SSL };

static const struct {
    const char *name;
    hba_method m;
    int min_ver, max_ver;
    enum build_need need;
} methods[] = {
    {"trust", HBA_M_TRUST, 12, 19, NEED_NONE},
    {"ident", HBA_M_IDENT, 12, 19, NEED_NONE},
    {"peer", HBA_M_PEER, 12, 19, NEED_NONE},
    {"password", HBA_M_PASSWORD, 12, 19, NEED_NONE},
    {"gss", HBA_M_GSS, 12, 19, NEED_GSS},
    {"sspi", HBA_M_SSPI, 12, 19, NEED_SSPI},
    {"reject", HBA_M_REJECT, 12, 19, NEED_NONE},
    {"md5", HBA_M_MD5, 12, 19, NEED_NONE},
    {"scram-sha-256", HBA_M_SCRAM, 12, 19, NEED_NONE},
    {"pam", HBA_M_PAM, 12, 19, NEED_PAM},
    {"bsd", HBA_M_BSD, 12, 19, NEED_BSD},
    {"ldap", HBA_M_LDAP, 12, 19, NEED_LDAP},
    {"cert", HBA_M_CERT, 12, 19, NEED_SSL},
    {"radius", HBA_M_RADIUS, 12, 18, NEED_NONE},   /* removed in master */
    {"oauth", HBA_M_OAUTH, 18, 19, NEED_NONE},
};

static int built_with(const auth_env *e, enum build_need n)
{
    switch (n) {
    case NEED_GSS: return e->has_gss;
    case NEED_SSPI: return e->has_sspi;
    case NEED_PAM: return e->has_pam;
    case NEED_BSD: return e->has_bsd;
    case NEED_LDAP: return e->has_ldap;
    case NEED_SSL: return e->has_ssl;
    default: return 1;
    }
}

static const char *method_name(hba_method m)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i].m == m)
            return methods[i].name;
    return "?";
}

typedef struct line_parse {
    auth_ctx *c;
    const auth_tok_line *tl;
    size_t next;            /* index of the next field */
    diag **err;
} line_parse;

static const ptrvec *next_field(line_parse *p)
{
    return p->next < p->tl->fields.n ? p->tl->fields.items[p->next++] : NULL;
}

#define FAIL(at, detail, ...)                                                         \
    do {                                                                              \
        *p->err = auth_line_diag(p->c, p->tl, (at), NULL, (detail), __VA_ARGS__);     \
        return NULL;                                                                  \
    } while (0)

static int parse_conntype(const char *s, hba_conntype *ct)
{
    static const struct { const char *n; hba_conntype t; } types[] = {
        {"local", HBA_CT_LOCAL}, {"host", HBA_CT_HOST}, {"hostssl", HBA_CT_HOSTSSL},
        {"hostnossl", HBA_CT_HOSTNOSSL}, {"hostgssenc", HBA_CT_HOSTGSS},
        {"hostnogssenc", HBA_CT_HOSTNOGSS}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (s[0] == types[i].n[0] && strcmp(s, types[i].n) == 0) {
            *ct = types[i].t;
            return 1;
        }
    return 0;
}

/* Records that cannot match in this build or configuration are kept, but
 * PostgreSQL logs them and shows the text in the view's error column. */
static void conntype_warning(line_parse *p, hba_rule *r, hba_conntype ct, const hba_token *t)
{
    const auth_env *e = p->c->env;
    const char *msg = NULL, *hint = NULL;
    if (ct == HBA_CT_HOSTSSL && !e->has_ssl) {
        msg = "hostssl record cannot match because SSL is not supported by this build";
        hint = p->c->ver >= 14 ? "Compile with --with-ssl to use SSL connections."
                               : "Compile with --with-openssl to use SSL connections.";
    } else if (ct == HBA_CT_HOSTSSL && e->ssl_off) {
        msg = "hostssl record cannot match because SSL is disabled";
        hint = p->c->ver >= 17 ? "Set \"ssl = on\" in postgresql.conf."
                               : "Set ssl = on in postgresql.conf.";
    } else if (ct == HBA_CT_HOSTGSS && !e->has_gss) {
        msg = "hostgssenc record cannot match because GSSAPI is not supported by this build";
        hint = p->c->ver <= 13 ? "Compile with --with-gssapi to use GSSAPI connections." : NULL;
    }
    if (!msg)
        return;
    r->warning = auth_line_diag(p->c, p->tl, t, "hba-warning", hint, "%s", msg);
    ptrvec_push(p->c->a, p->c->warnings, (void *)r->warning);
}

/* Database and user lists; 16+ compiles /regex tokens (quoted or not). */
static int copy_list(line_parse *p, const ptrvec *f, ptrvec *out)
{
    /* sized once: the field's vector is scratch that the load drops; each
     * slot is written before out->n counts it */
    out->items = arena_alloc_raw(p->c->a, f->n * sizeof(void *));
    out->cap = f->n;
    for (size_t i = 0; i < f->n; i++) {
        const hba_token *t = f->items[i];
        if (p->c->ver >= 16 && t->text[0] == '/') {
            const char *why = auth_regex_error(t->text + 1, strlen(t->text + 1));
            if (why) {
                *p->err = auth_line_diag(p->c, p->tl, t, NULL, NULL,
                                         "invalid regular expression \"%s\": %s", t->text + 1, why);
                return 0;
            }
        }
        out->items[out->n++] = (void *)t;
    }
    return 1;
}

static hba_rule *parse_address(line_parse *p, hba_rule *r)
{
    arena *a = p->c->a;
    const ptrvec *f = next_field(p);
    if (!f)
        FAIL(NULL, NULL, "end-of-line before IP address specification");
    hba_token *t = f->items[0];
    if (f->n > 1)
        FAIL(f->items[1], "Specify one address range per line.",
             "multiple values specified for host address");
    r->address_tok = t;
    static const struct { const char *kw; hba_address_kind k; } kws[] = {
        {"all", HBA_ADDRESS_ALL}, {"samehost", HBA_ADDRESS_SAMEHOST}, {"samenet", HBA_ADDRESS_SAMENET}};
    for (size_t i = 0; i < 3; i++)
        if (auth_token_is_keyword(t, kws[i].kw)) {
            r->addr_kind = kws[i].k;
            r->address = kws[i].kw;
            return r;
        }
    char *str = arena_strdup(a, t->text);
    char *slash = strchr(str, '/');
    if (slash)
        *slash = '\0';
    hba_ip ip, mask;
    /* A plain dotted quad (hba_plain_ipv4) is the text the view shows for
     * it, so it need not be formatted back. */
    unsigned char quad[4];
    int plain = hba_plain_ipv4(str, quad);
    int rc = 0;
    if (plain) {
        memset(&ip, 0, sizeof ip);
        ip.family = AF_INET;
        memcpy(ip.bytes, quad, 4);
    } else {
        rc = hba_numeric_addr(str, &ip);
    }
    int hostname = 0;
    if (rc == EAI_NONAME)
        hostname = 1;
    else if (rc != 0)
        FAIL(t, NULL, "invalid IP address \"%s\": %s", str, hba_gai_error(rc));
    if (slash) {
        if (hostname)
            FAIL(t, NULL, "specifying both host name and CIDR mask is invalid: \"%s\"", t->text);
        if (hba_cidr_mask(slash + 1, ip.family, &mask) < 0)
            FAIL(t, NULL, "invalid CIDR mask in address \"%s\"", t->text);
    } else if (!hostname) {
        const ptrvec *mf = next_field(p);
        if (!mf)
            FAIL(NULL, "Specify an address range in CIDR notation, or provide a separate netmask.",
                 "end-of-line before netmask specification");
        hba_token *mt = mf->items[0];
        if (mf->n > 1)
            FAIL(mf->items[1], NULL, "multiple values specified for netmask");
        r->mask_tok = mt;
        int mrc = hba_numeric_addr(mt->text, &mask);
        if (mrc != 0)
            FAIL(mt, NULL, "invalid IP mask \"%s\": %s", mt->text, hba_gai_error(mrc));
        if (mask.family != ip.family)
            FAIL(mt, NULL, "IP address and mask do not match");
    }
    if (hostname) {
        r->addr_kind = HBA_ADDRESS_HOSTNAME;
        r->address = str;
    } else {
        r->addr_kind = HBA_ADDRESS_IP;
        r->address = plain ? str : hba_ip_format(a, &ip);
        r->netmask = hba_mask_text(a, &mask);
        r->ip = ip;
        r->mask = mask;
    }
    return r;
}

static hba_rule *parse_method(line_parse *p, hba_rule *r, hba_conntype ct, hba_method *out)
{
    const auth_ctx *c = p->c;
    const ptrvec *f = next_field(p);
    if (!f)
        FAIL(NULL, NULL, "end-of-line before authentication method");
    hba_token *t = f->items[0];
    if (f->n > 1)
        FAIL(f->items[1], "Specify exactly one authentication type per line.",
             "multiple values specified for authentication type");
    r->method_tok = t;
    size_t i = 0, n = sizeof methods / sizeof methods[0];
    /* the first letter first: a strcmp per table row was most of the search */
    while (i < n && !(t->text[0] == methods[i].name[0] && strcmp(t->text, methods[i].name) == 0 &&
                      c->ver >= methods[i].min_ver && c->ver <= methods[i].max_ver))
        i++;
    if (i == n)
        FAIL(t, NULL, "invalid authentication method \"%s\"", t->text);
    hba_method m = methods[i].m;
    if (m == HBA_M_MD5 && c->ver <= 16 && c->env->db_user_namespace)
        FAIL(t, NULL, "MD5 authentication is not supported when \"db_user_namespace\" is enabled");
    if (!built_with(c->env, methods[i].need))
        FAIL(t, NULL, "invalid authentication method \"%s\": not supported by this build", t->text);
    /* kept for backwards compatibility: ident over a socket is peer */
    if (ct == HBA_CT_LOCAL && m == HBA_M_IDENT)
        m = HBA_M_PEER;
    if (ct == HBA_CT_LOCAL && m == HBA_M_GSS)
        FAIL(t, NULL, "gssapi authentication is not supported on local sockets");
    if (ct != HBA_CT_LOCAL && m == HBA_M_PEER)
        FAIL(t, NULL, "peer authentication is only supported on local sockets");
    if (ct != HBA_CT_HOSTSSL && m == HBA_M_CERT)
        FAIL(t, NULL, "cert authentication is only supported on hostssl connections");
    *out = m;
    /* the row found names m unless ident became peer above */
    r->method = m == methods[i].m ? methods[i].name : method_name(m);
    return r;
}

static hba_rule *parse_options(line_parse *p, hba_rule *r, hba_auth *h)
{
    arena *a = p->c->a;
    const ptrvec *f;
    while ((f = next_field(p)) != NULL) {
        for (size_t i = 0; i < f->n; i++) {
            hba_token *t = f->items[i];
            const char *eq = strchr(t->text, '=');
            if (!eq)
                FAIL(t, NULL, "authentication option not in name=value format: %s", t->text);
            ptrvec_push(a, &r->option_tokens, t);
            const char *name = arena_strndup(a, t->text, (size_t)(eq - t->text));
            const char *warning = NULL;
            const char *e = hba_option_apply(a, h, name, eq + 1, &warning);
            if (warning)
                auth_warn(p->c, p->tl, t, "hba-warning", NULL, "%s", warning);
            if (e)
                FAIL(t, NULL, "%s", e);
        }
    }
    const char *e = hba_options_check(a, h);
    if (e)
        FAIL(r->method_tok, NULL, "%s", e);
    hba_options_view(a, h, &r->option_names, &r->option_values);
    return r;
}

hba_rule *hba_parse_line(auth_ctx *c, const auth_tok_line *tl, diag **err)
{
    line_parse pp = {c, tl, 0, err}, *p = &pp;
    *err = NULL;
    hba_rule *r = arena_alloc(c->a, sizeof *r);
    const auth_line *l = tl->node->line;
    r->src = l->src;
    r->line = l->line;
    r->off = l->off;
    r->len = l->len;

    const ptrvec *f = next_field(p);
    hba_token *t = f->items[0];
    if (f->n > 1)
        FAIL(f->items[1], "Specify exactly one connection type per line.",
             "multiple values specified for connection type");
    hba_conntype ct;
    if (!parse_conntype(t->text, &ct))
        FAIL(t, NULL, "invalid connection type \"%s\"", t->text);
    r->type_tok = t;
    r->type = t->text;
    conntype_warning(p, r, ct, t);

    if (!(f = next_field(p)))
        FAIL(NULL, NULL, "end-of-line before database specification");
    if (!copy_list(p, f, &r->databases))
        return NULL;
    if (!(f = next_field(p)))
        FAIL(NULL, NULL, "end-of-line before role specification");
    if (!copy_list(p, f, &r->users))
        return NULL;

    if (ct != HBA_CT_LOCAL && !parse_address(p, r))
        return NULL;
    hba_method m;
    if (!parse_method(p, r, ct, &m))
        return NULL;
    hba_auth h;
    hba_auth_init(&h, c->ver, c->env, ct, m);
    if (!parse_options(p, r, &h))
        return NULL;
    return r;
}

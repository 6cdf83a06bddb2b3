/* security_conf.c — postgresql.conf checks written in code. */
#include "security_conf.h"

#include <string.h>

#include "ascii_case.h"
#include "rule_registry.h"

/* Cipher classes and name parts that are weak, export-grade or
 * unauthenticated (rules.md §2.2, CIS 6.10). */
static const char *const weak_classes[] = {"MEDIUM", "LOW", "EXP", "EXPORT", "EXPORT40",
                                           "EXPORT56", "NULL", "eNULL", "aNULL", "RC4", "DES",
                                           "3DES", "MD5", "ADH", "AECDH", "COMPLEMENTOFALL",
                                           "COMPLEMENTOFDEFAULT", "SSLv3", NULL};
static const char *const weak_parts[] = {"RC4", "DES", "MD5", "NULL", "EXP", "ADH", "AECDH",
                                         "ANON", NULL};

static int ci_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (ascii_ncasecmp(p, needle, n) == 0)
            return 1;
    return 0;
}

static int in_set(const ptrvec *v, const char *s)
{
    for (size_t i = 0; i < v->n; i++)
        if (ascii_casecmp(v->items[i], s) == 0)
            return 1;
    return 0;
}

const char *ssl_ciphers_weak(arena *a, const char *s)
{
    ptrvec on = {0}, off = {0}, weak = {0};
    while (*s) {
        size_t n = strcspn(s, ": ,");
        if (n) {
            char *tok = arena_strndup(a, s, n);
            /* !X and -X remove; +X only moves suites already enabled to the
             * end and @X is a directive: neither enables anything */
            if (tok[0] == '!' || tok[0] == '-')
                ptrvec_push(a, &off, tok + 1);
            else if (tok[0] != '@' && tok[0] != '+')
                ptrvec_push(a, &on, tok);
        }
        s += n;
        if (*s)
            s++;
    }
    for (size_t i = 0; i < on.n; i++) {
        const char *t = on.items[i];
        if (in_set(&off, t) || in_set(&weak, t))
            continue;
        int bad = 0;
        for (int k = 0; weak_classes[k] && !bad; k++)
            if (ascii_casecmp(t, weak_classes[k]) == 0)
                bad = 1;
        /* a suite name (with '-' or '_') is weak when a part of it is */
        if (!bad && (strchr(t, '-') || strchr(t, '_')))
            for (int k = 0; weak_parts[k] && !bad; k++)
                if (ci_contains(t, weak_parts[k]))
                    bad = 1;
        /* ALL and DEFAULT include the anonymous suites unless they are
         * excluded (aNULL, or both ADH and AECDH) */
        if (!bad && (ascii_casecmp(t, "ALL") == 0 || ascii_casecmp(t, "DEFAULT") == 0) &&
            !in_set(&off, "aNULL") && !(in_set(&off, "ADH") && in_set(&off, "AECDH")))
            bad = 1;
        if (bad)
            ptrvec_push(a, &weak, (void *)t);
    }
    if (!weak.n)
        return NULL;
    strbuf b = {0};
    for (size_t i = 0; i < weak.n; i++)
        strbuf_printf(a, &b, "%s%s", i ? ", " : "", (const char *)weak.items[i]);
    return b.data;
}

static const source *root_of(effective_conf *e)
{
    const conf_doc *d = effective_doc(e);
    return d ? d->root : NULL;
}

static finding *at_value(arena *a, const char *rule, severity sev, effective_conf *e,
                         const eff_value *v, const char *msg)
{
    const source *src = v->setting ? v->setting->src : root_of(e);
    finding *f = finding_at(a, rule, sev, src, v->setting ? v->setting->value_off : 0,
                            v->setting ? v->setting->value_len : 0, "%s", msg);
    if (!v->setting)
        f->where.detail = arena_printf(a, "not set, so PostgreSQL %d's default '%s' applies",
                                       effective_version(e), v->text);
    return f;
}

static void check_ciphers(arena *a, effective_conf *e, ptrvec *out)
{
    eff_value ssl, min, c;
    if (!effective_get(e, "ssl", &ssl) || !ssl.valid || ssl.number != 1)
        return;   /* conf-ssl-off speaks for a server without TLS */
    /* ssl_ciphers only governs TLS 1.2 and older */
    if (effective_get(e, "ssl_min_protocol_version", &min) && min.valid &&
        ascii_casecmp(min.canonical, "TLSv1.3") == 0)
        return;
    if (!effective_get(e, "ssl_ciphers", &c) || !c.valid ||
        (!c.setting && !effective_judges_defaults(e)))
        return;
    const char *weak = ssl_ciphers_weak(a, c.text);
    if (!weak)
        return;
    finding *f = at_value(a, "conf-ssl-ciphers-weak", SEV_WARNING, e, &c,
                          arena_printf(a, "ssl_ciphers enables weak or anonymous suites: %s", weak));
    static const char strong[] = "HIGH:!aNULL:!MD5";
    if (effective_parse(a, c.param, effective_version(e), strong, NULL, NULL)) {
        f->fix.kind = REMEDY_SET_PARAM;
        f->fix.unsafe = 1;
        f->fix.param = "ssl_ciphers";
        f->fix.value = strong;
        f->fix.target = c.setting;
        f->fix.description = arena_printf(a, "set ssl_ciphers = '%s'", strong);
    }
    ptrvec_push(a, out, f);
}

static int tls_rank(const char *v)
{
    static const char *const order[] = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", NULL};
    for (int i = 0; order[i]; i++)
        if (ascii_casecmp(v, order[i]) == 0)
            return i;
    return -1;
}

static void check_tls_range(arena *a, effective_conf *e, ptrvec *out)
{
    eff_value mx, mn;
    if (!effective_get(e, "ssl_max_protocol_version", &mx) || !mx.valid || !mx.setting)
        return;
    int rmax = tls_rank(mx.canonical);
    if (rmax < 0)
        return;   /* '' = no upper limit */
    int rmin = effective_get(e, "ssl_min_protocol_version", &mn) && mn.valid
                   ? tls_rank(mn.canonical)
                   : -1;
    const char *msg = NULL;
    if (rmin >= 0 && rmax < rmin)
        msg = arena_printf(a, "ssl_max_protocol_version %s is below ssl_min_protocol_version %s: "
                              "no TLS connection can succeed", mx.canonical, mn.canonical);
    else if (rmax < 2)
        msg = arena_printf(a, "ssl_max_protocol_version %s caps TLS below 1.2 (RFC 8996)",
                           mx.canonical);
    if (msg)
        ptrvec_push(a, out, at_value(a, "conf-ssl-max-below-min", SEV_ERROR, e, &mx, msg));
}

/* Extension parameters that do nothing unless the library is preloaded. */
static const char *const preload_prefixes[] = {"pgaudit", "auth_delay", "credcheck", "set_user",
                                               NULL};

static void check_libraries(arena *a, effective_conf *e, ptrvec *out)
{
    const conf_doc *d = effective_doc(e);
    if (!d)
        return;
    eff_value libs;
    ptrvec items = {0};
    if (effective_get(e, "shared_preload_libraries", &libs) && libs.valid)
        effective_items(a, &libs, &items);
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        const char *dot = s->name ? strchr(s->name, '.') : NULL;
        if (!dot)
            continue;
        const char *prefix = arena_strndup(a, s->name, (size_t)(dot - s->name));
        int known = 0;
        for (int k = 0; preload_prefixes[k]; k++)
            if (ascii_casecmp(prefix, preload_prefixes[k]) == 0)
                known = 1;
        if (!known)
            continue;
        const char *key = effective_item_key(a, "shared_preload_libraries", prefix);
        int loaded = 0;
        for (size_t k = 0; k < items.n; k++)
            if (strcmp(items.items[k], key) == 0)
                loaded = 1;
        if (loaded)
            continue;
        ptrvec_push(a, out,
                    finding_at(a, "conf-requires-library", SEV_WARNING, s->src, s->name_off,
                               s->name_len,
                               "\"%s\" has no effect: %s is not in shared_preload_libraries",
                               s->name, key));
    }
}

static void check_octal_modes(arena *a, effective_conf *e, ptrvec *out)
{
    const conf_doc *d = effective_doc(e);
    if (!d)
        return;
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        if (!s->param || (ascii_casecmp(s->param->name, "log_file_mode") != 0 &&
                          ascii_casecmp(s->param->name, "unix_socket_permissions") != 0))
            continue;
        const char *v = s->value ? s->value : "";
        if (strlen(v) != 3 || strspn(v, "01234567") != 3 || v[0] == '0')
            continue;
        finding *f = finding_at(a, "conf-octal-mode-not-octal", SEV_WARNING, s->src, s->value_off,
                                s->value_len,
                                "%s = %s is read as the decimal number %s, not as mode 0%s",
                                s->param->name, v, v, v);
        const char *fixed = arena_printf(a, "0%s", v);
        f->fix.kind = REMEDY_SET_PARAM;
        f->fix.param = s->param->name;
        f->fix.value = fixed;
        f->fix.target = s;
        f->fix.description = arena_printf(a, "set %s = %s", s->param->name, fixed);
        ptrvec_push(a, out, f);
    }
}

void security_conf_run(arena *a, effective_conf *e, int (*enabled)(const void *, const char *),
                       const void *ctx, ptrvec *out)
{
    if (enabled(ctx, "conf-ssl-ciphers-weak"))
        check_ciphers(a, e, out);
    if (enabled(ctx, "conf-ssl-max-below-min"))
        check_tls_range(a, e, out);
    if (enabled(ctx, "conf-requires-library"))
        check_libraries(a, e, out);
    if (enabled(ctx, "conf-octal-mode-not-octal"))
        check_octal_modes(a, e, out);
}

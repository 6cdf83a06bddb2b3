/* startup_check.c — problems a fix must not introduce. */
#include "startup_check.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "strset.h"

/* "… line 12 …" -> "… line N …": an appended line moves later errors down
 * without making them new. */
static const char *key_of(arena *a, const diag *d)
{
    strbuf b = {0};
    strbuf_printf(a, &b, "%s: ", d->path ? d->path : "");
    const char *m = d->message ? d->message : "";
    for (const char *p = m; *p; p++) {
        if (strncmp(p, "line ", 5) == 0 && isdigit((unsigned char)p[5])) {
            strbuf_puts(a, &b, "line N");
            p += 5;
            while (isdigit((unsigned char)p[1]))
                p++;
            continue;
        }
        strbuf_putc(a, &b, *p);
    }
    return b.data;
}

/* Each diag once: a setting's error is often also in the document's list. */
static void add_diag(arena *a, strset *seen, const diag *d, ptrvec *out)
{
    /* keyed by the diag's address */
    if (!d || strset_count(seen, &d, sizeof(const void *)))
        return;
    strset_add(a, seen, &d, sizeof(const void *));
    ptrvec_push(a, out, (void *)key_of(a, d));
}

static const conf_setting *last_of(const conf_doc *d, int version, const char *name)
{
    const guc_param *want = catalog_find(version, name);
    for (size_t i = d->settings.n; i-- > 0;) {
        const conf_setting *s = d->settings.items[i];
        if (s->error)
            continue;   /* a rejected value leaves the earlier one in force */
        if (want ? s->param == want : strcasecmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

static int is_on(arena *a, const conf_setting *s, int version)
{
    if (!s || !s->param)
        return 0;
    guc_value_result r;
    guc_check_value(a, s->param, version, s->value, &r);
    return r.ok && r.number != 0;
}

static void conf_problems(arena *a, const conf_doc *d, int version, ptrvec *out)
{
    strset seen = {0};
    for (size_t i = 0; i < d->errors.n; i++)
        add_diag(a, &seen, d->errors.items[i], out);
    for (size_t i = 0; i < d->settings.n; i++)
        add_diag(a, &seen, ((const conf_setting *)d->settings.items[i])->error, out);
    if (is_on(a, last_of(d, version, "ssl"), version)) {
        /* the built-in defaults name server.crt and server.key in the data
         * directory, which a configuration cannot promise exist */
        const conf_setting *cert = last_of(d, version, "ssl_cert_file");
        const conf_setting *key = last_of(d, version, "ssl_key_file");
        if (!cert || !*cert->value || !key || !*key->value)
            ptrvec_push(a, out,
                        "ssl = on without ssl_cert_file and ssl_key_file: the server does not "
                        "start unless the certificate and key are found");
    }
}

static void auth_problems(arena *a, const ptrvec *errors, ptrvec *out)
{
    strset seen = {0};
    for (size_t i = 0; i < errors->n; i++)
        add_diag(a, &seen, errors->items[i], out);
}

void startup_problems(arena *a, const conf_doc *conf, const hba_doc *hba, const ident_doc *ident,
                      int version, ptrvec *out)
{
    if (conf)
        conf_problems(a, conf, version, out);
    if (hba) {
        auth_problems(a, &hba->errors, out);
        for (size_t i = 0; i < hba->rules.n; i++) {
            const hba_rule *r = hba->rules.items[i];
            if (r->warning)
                ptrvec_push(a, out, (void *)key_of(a, r->warning));
        }
    }
    if (ident)
        auth_problems(a, &ident->errors, out);
}

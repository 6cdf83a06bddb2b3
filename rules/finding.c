/* finding.c — building findings. */
#include "finding.h"

#include <stdarg.h>
#include <string.h>

const char *severity_name(severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    default: return "info";
    }
}

static void fill(arena *a, diag *d, const source *src, size_t off, size_t len, const char *fmt,
                 va_list ap)
{
    diag_place(d, src, off, len);
    if (fmt[0] == '%' && fmt[1] == 's' && fmt[2] == '\0') {
        /* a message made elsewhere: copied, not formatted (as printf
         * shows a null string) */
        const char *m = va_arg(ap, const char *);
        d->message = arena_strdup(a, m ? m : "(null)");
        return;
    }
    d->message = arena_vprintf(a, fmt, ap);
}

finding *finding_at(arena *a, const char *rule, severity sev, const source *src, size_t off,
                    size_t len, const char *fmt, ...)
{
    finding *f = arena_alloc(a, sizeof *f);
    f->rule = rule;
    f->sev = sev;
    va_list ap;
    va_start(ap, fmt);
    fill(a, &f->where, src, off, len, fmt, ap);
    va_end(ap);
    f->where.code = rule;
    return f;
}

finding *finding_at_text(arena *a, const char *rule, severity sev, const source *src,
                         size_t off, size_t len, const char *message)
{
    finding *f = arena_alloc(a, sizeof *f);
    f->rule = rule;
    f->sev = sev;
    diag *d = &f->where;
    diag_place(d, src, off, len);
    d->message = message ? message : "(null)";
    d->code = rule;
    return f;
}

void finding_relate(arena *a, finding *f, const source *src, size_t off, size_t len,
                    const char *fmt, ...)
{
    diag *d = arena_alloc(a, sizeof *d);
    va_list ap;
    va_start(ap, fmt);
    fill(a, d, src, off, len, fmt, ap);
    va_end(ap);
    ptrvec_push(a, &f->related, d);
}

finding *finding_from_diag(arena *a, const diag *d)
{
    finding *f = arena_alloc(a, sizeof *f);
    f->rule = d->code ? d->code : "syntax-error";
    f->sev = SEV_ERROR;
    f->where = *d;
    return f;
}

const char *str_join_list(arena *a, const char *const *parts, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(parts[i] ? parts[i] : "(null)");
    char *out = arena_alloc_raw(a, total + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        const char *s = parts[i] ? parts[i] : "(null)";
        size_t len = strlen(s);
        memcpy(o, s, len);
        o += len;
    }
    *o = '\0';
    return out;
}

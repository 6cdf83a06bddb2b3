/* conf_model.c — PostgreSQL's name and apply phases over the settings list. */
#include "conf_model.h"

#include <stdint.h>
#include <string.h>

#include "conf_syntax.h"

static const conf_catalog builtin = {catalog_find, guc_check_value};

const conf_catalog *conf_catalog_builtin(void) { return &builtin; }

/*
 * PostgreSQL marks earlier entries ignorable when a known parameter shows up
 * again, but only those spelled byte for byte like the new one. Identical
 * spellings always find the same parameter, so this comes down to: an entry
 * of a known parameter is ignored when a later entry has the identical name.
 * Walking from the last entry with a set of the names seen keeps that O(n)
 * (sorting the names cost more than the rest of the name phase).
 */
/* Where a name goes in mark_duplicates' set: its length and its first and
 * last eight bytes, mixed. Names that share all three only probe further. */
static size_t name_hash(const char *name)
{
    size_t len = strlen(name);
    uint64_t h = len;
    if (len >= 8) {
        uint64_t head, tail;
        memcpy(&head, name, 8);
        memcpy(&tail, name + len - 8, 8);
        h ^= head * 0x9e3779b97f4a7c15ULL;
        h ^= (tail ^ (h >> 29)) * 0xc2b2ae3d27d4eb4fULL;
    } else {
        for (size_t i = 0; i < len; i++)
            h = (h << 8 | (unsigned char)name[i]) * 0x9e3779b97f4a7c15ULL;
    }
    return (size_t)(h ^ h >> 32);
}

static void mark_duplicates(arena *a, conf_doc *d)
{
    size_t n = d->settings.n;
    if (n < 2)
        return;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    const char **seen = arena_alloc(a, cap * sizeof *seen);
    for (size_t i = n; i-- > 0;) {
        conf_setting *s = d->settings.items[i];
        size_t j = name_hash(s->name) & (cap - 1);
        while (seen[j] && strcmp(seen[j], s->name) != 0)
            j = (j + 1) & (cap - 1);
        if (!seen[j])
            seen[j] = s->name;
        else if (s->param)
            s->ignored = 1;
    }
}

/* The diag of a setting line, built without printf: a file of hundreds of
 * unknown names (say, the wrong --pg-version) must stay cheap. */
static diag *setting_diag(arena *a, const conf_setting *s, int at_value, const char *code,
                          const char *message, const char *detail)
{
    diag *d = arena_alloc(a, sizeof *d);
    d->src = s->src;
    d->path = s->src->path;
    d->off = at_value ? s->value_off : s->name_off;
    d->len = at_value ? s->value_len : s->name_len;
    d->line = s->line;
    d->col = (int)(d->off - source_line_offset(s->src, s->line)) + 1;
    d->message = message;
    d->detail = detail;
    d->code = code;
    return d;
}

/* unrecognized configuration parameter "<name>" in file "<file>" line <n> */
static const char *unknown_message(arena *a, const conf_setting *s)
{
    static const char p1[] = "unrecognized configuration parameter \"";
    static const char p2[] = "\" in file \"";
    static const char p3[] = "\" line ";
    char num[24];
    int nl = 0;
    for (unsigned v = (unsigned)s->line; v || !nl; v /= 10)
        num[nl++] = (char)('0' + v % 10);
    size_t ln = strlen(s->name), lf = strlen(s->pg_path);
    size_t total = sizeof p1 - 1 + ln + sizeof p2 - 1 + lf + sizeof p3 - 1 + (size_t)nl;
    char *m = arena_alloc(a, total + 1), *o = m;
    memcpy(o, p1, sizeof p1 - 1), o += sizeof p1 - 1;
    memcpy(o, s->name, ln), o += ln;
    memcpy(o, p2, sizeof p2 - 1), o += sizeof p2 - 1;
    memcpy(o, s->pg_path, lf), o += lf;
    memcpy(o, p3, sizeof p3 - 1), o += sizeof p3 - 1;
    while (nl)
        *o++ = num[--nl];
    *o = '\0';
    return m;
}

/* Before 18 PostgreSQL names the parameter as the file spells it when the
 * value cannot be parsed or is out of range, but by its canonical name when
 * a check hook rejects it; the catalog always uses the canonical name. */
static const char *respell(arena *a, const char *msg, const char *canonical, const char *written,
                           int version)
{
    if (!msg || version >= 18 || strcmp(canonical, written) == 0)
        return msg;
    const char *needle = arena_printf(a, "parameter \"%s\"", canonical);
    const char *hit = strstr(msg, needle);
    if (!hit)
        return msg;
    return arena_printf(a, "%.*sparameter \"%s\"%s", (int)(hit - msg), msg, written,
                        hit + strlen(needle));
}

void conf_model_process(conf_doc *d, int parse_ok, const conf_catalog *cat)
{
    arena *a = d->a;
    int v = d->opts.pg_version;
    size_t n = d->settings.n;

    /* Name phase: unknown plain names are errors; custom (dotted) names
     * pass; duplicates of known parameters are marked. */
    int name_errors = 0;
    ptrvec unknown = {0};
    for (size_t i = 0; i < n; i++) {
        conf_setting *s = d->settings.items[i];
        const guc_param *p = cat->find(v, s->name);
        s->param = p;
        if (!p && !strchr(s->name, '.')) {
            s->error = setting_diag(a, s, 0, "conf-unknown-parameter", unknown_message(a, s), NULL);
            ptrvec_push(a, &unknown, (void *)s->error);
            name_errors++;
        }
    }
    mark_duplicates(a, d);
    if (parse_ok)
        for (size_t i = 0; i < unknown.n; i++)
            ptrvec_push(a, &d->errors, unknown.items[i]);

    /* Apply phase: each remaining entry in order; a failure hits only that
     * entry. PostgreSQL gets here only when the phases before found nothing,
     * but `applied` is worked out regardless. */
    int report = parse_ok && name_errors == 0;
    for (size_t i = 0; i < n; i++) {
        conf_setting *s = d->settings.items[i];
        s->applied = 0;
        if (s->ignored || s->error)
            continue;
        const guc_param *p = s->param;
        if (!p) {
            s->applied = 1;   /* custom placeholder: any value goes */
            continue;
        }
        if (p->context == CTX_INTERNAL) {
            const char *nm = v >= 18 ? p->name : s->name;
            s->error = setting_diag(a, s, 0, "conf-internal-parameter",
                                    arena_printf(a, "parameter \"%s\" cannot be changed", nm),
                                    NULL);
        } else {
            guc_value_result r;
            memset(&r, 0, sizeof r);
            cat->check(a, p, v, s->value, &r);
            if (!r.ok) {
                const char *msg = r.message ? r.message : "invalid value";
                if (r.status != GUCV_HOOK)
                    msg = respell(a, msg, p->name, s->name, v);
                /* PostgreSQL prints DETAIL before HINT */
                const char *extra = r.detail && r.hint ? arena_printf(a, "%s\n%s", r.detail, r.hint)
                                    : r.detail         ? r.detail
                                                       : r.hint;
                s->error = setting_diag(a, s, 1, "conf-invalid-value", msg, extra);
            }
        }
        if (s->error) {
            if (report)
                ptrvec_push(a, &d->errors, (void *)s->error);
        } else {
            s->applied = 1;
        }
    }
}

/* effective.c — the value in effect for each parameter of a configuration. */
#include "effective.h"

#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "guc_split.h"

typedef struct eff_entry {
    const char *key;              /* canonical name, lower-cased; NULL: empty slot */
    size_t len;
    size_t hash;                  /* lower_key()'s hash of the key */
    const conf_setting *setting;  /* the last assignment under that name */
} eff_entry;

/* A value already worked out: rules ask for the same few parameters again
 * and again (ssl, password_encryption), and each answer costs a catalog
 * lookup and a parse of the value. */
typedef struct eff_memo {
    const char *name;             /* as asked for; a copy, as callers' may not last */
    size_t len;
    int found;
    eff_value v;
} eff_memo;

enum { MEMO_MAX = 32 };   /* a file's rules ask for some 16 names */

struct effective_conf {
    arena *a;
    const conf_doc *doc;
    int version;
    eff_entry *slots;             /* one per key, hashed (open addressing) */
    size_t mask;                  /* slots - 1; no slots when no setting */
    eff_memo *memo;               /* MEMO_MAX slots, allocated on first use */
    size_t nmemo;
};

static char *lower(arena *a, const char *s)
{
    char *r = arena_strdup(a, s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return r;
}

/* `s` lower-cased, its length and its hash (FNV-1a of the lower-cased
 * bytes), in one pass: `s` itself when it has no upper-case letter (most
 * names), else a copy in the arena. */
static const char *lower_key(arena *a, const char *s, size_t *len, size_t *hash)
{
    size_t h = (size_t)14695981039346656037ull;
    int upper = 0;
    const char *p = s;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
            upper = 1;
        }
        h = (h ^ c) * (size_t)1099511628211ull;
    }
    *len = (size_t)(p - s);
    *hash = h;
    return upper ? lower(a, s) : s;
}

static eff_entry *slot_of(const effective_conf *e, const char *key, size_t len, size_t h)
{
    for (size_t i = h & e->mask;; i = (i + 1) & e->mask) {
        eff_entry *s = &e->slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

effective_conf *effective_build(arena *a, const conf_doc *d, int version)
{
    effective_conf *e = arena_alloc(a, sizeof *e);
    e->a = a;
    e->doc = d;
    e->version = version;
    size_t n = d ? d->settings.n : 0;
    if (!n)
        return e;
    /* In processing order, a later assignment under the same key replaces
     * the earlier one: the last is in effect. The key is the one under which
     * the server applies an entry: aliases and case variants of a name
     * override each other (Work_Mem after work_mem wins). */
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    e->slots = arena_alloc(a, cap * sizeof *e->slots);
    e->mask = cap - 1;
    for (size_t i = 0; i < n; i++) {
        const conf_setting *st = d->settings.items[i];
        if (!st->name || !*st->name)
            continue;
        size_t len, h;
        const char *key = lower_key(a, st->param ? st->param->name : st->name, &len, &h);
        eff_entry *s = slot_of(e, key, len, h);
        *s = (eff_entry){key, len, h, st};
    }
    return e;
}

int effective_version(const effective_conf *e)
{
    return e->version;
}

const conf_doc *effective_doc(const effective_conf *e)
{
    return e->doc;
}

int effective_parse(arena *a, const guc_param *p, int version, const char *text, double *number,
                    const char **canonical)
{
    guc_value_result r;
    guc_check_value(a, p, version, text ? text : "", &r);
    if (!r.ok)
        return 0;
    if (number)
        *number = r.number;
    if (canonical)
        *canonical = r.normalized ? r.normalized : (text ? text : "");
    return 1;
}

static int effective_get_uncached(effective_conf *e, const char *name, eff_value *v);

int effective_get(effective_conf *e, const char *name, eff_value *v)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < e->nmemo; i++) {
        const eff_memo *m = &e->memo[i];
        if (m->len == len && m->name[0] == name[0] && memcmp(m->name, name, len) == 0) {
            *v = m->v;
            return m->found;
        }
    }
    int found = effective_get_uncached(e, name, v);
    if (!e->memo)
        e->memo = arena_alloc(e->a, MEMO_MAX * sizeof *e->memo);
    if (e->nmemo < MEMO_MAX) {
        eff_memo *m = &e->memo[e->nmemo++];
        *m = (eff_memo){arena_strndup(e->a, name, len), len, found, *v};
        if (m->v.name == name)
            m->v.name = m->name;   /* a custom name is the caller's string */
    }
    return found;
}

static int effective_get_uncached(effective_conf *e, const char *name, eff_value *v)
{
    memset(v, 0, sizeof *v);
    const guc_param *p = catalog_find(e->version, name);
    size_t klen, h;
    const char *key = lower_key(e->a, p ? p->name : name, &klen, &h);
    const conf_setting *s = e->slots ? slot_of(e, key, klen, h)->setting : NULL;
    if (!p && !s)
        return 0;
    v->param = p;
    v->name = p ? p->name : name;
    v->setting = s;
    v->text = s ? (s->value ? s->value : "") : (p && p->boot_val ? p->boot_val : "");
    if (!p) {
        v->valid = 1;
        v->canonical = v->text;
        char *end;
        v->number = strtod(v->text, &end);
        return 1;
    }
    if (s && s->error) {
        v->valid = 0;   /* the server refuses it; conf-invalid-value says so */
        v->canonical = v->text;
        return 1;
    }
    v->valid = effective_parse(e->a, p, e->version, v->text, &v->number, &v->canonical);
    if (!v->valid)
        v->canonical = v->text;
    return 1;
}

int effective_judges_defaults(const effective_conf *e)
{
    if (!e->doc || !e->doc->root || !e->doc->root->path)
        return 0;
    const char *path = e->doc->root->path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strcmp(base, "postgresql.conf") == 0;
}

int effective_is_set(effective_conf *e, const char *name)
{
    eff_value v;
    return effective_get(e, name, &v) && v.setting != NULL;
}

char effective_list_sep(const char *param_name)
{
    if (ascii_casecmp(param_name, "ssl_ciphers") == 0 ||
        ascii_casecmp(param_name, "ssl_tls13_ciphers") == 0 ||
        ascii_casecmp(param_name, "ssl_groups") == 0 ||
        ascii_casecmp(param_name, "ssl_ecdh_curve") == 0)
        return ':';
    return ',';
}

static int is_preload_list(const char *name)
{
    size_t n = strlen(name), s = strlen("_preload_libraries");
    return n > s && ascii_casecmp(name + n - s, "_preload_libraries") == 0;
}

/* "$libdir/plugins/pgaudit.so" -> "pgaudit": how a policy names a library. */
static const char *library_key(arena *a, const char *item)
{
    const char *base = strrchr(item, '/');
    base = base ? base + 1 : item;
    size_t n = strlen(base);
    if (n > 3 && ascii_casecmp(base + n - 3, ".so") == 0)
        n -= 3;
    return lower(a, arena_strndup(a, base, n));
}

const char *effective_item_key(arena *a, const char *param_name, const char *item)
{
    if (is_preload_list(param_name))
        return library_key(a, item);
    return lower(a, item);
}

static void push_unique(arena *a, ptrvec *v, const char *item)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->items[i], item) == 0)
            return;
    ptrvec_push(a, v, (void *)item);
}

static void remove_item(ptrvec *v, const char *item)
{
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->items[i], item) != 0)
            v->items[k++] = v->items[i];
    v->n = k;
}

static void split_chars(arena *a, const char *s, const char *seps, ptrvec *out)
{
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, seps);
        if (n)
            ptrvec_push(a, out, arena_strndup(a, p, n));
        p += n;
        if (*p)
            p++;
    }
}

static void log_connections_items(arena *a, const char *text, ptrvec *out)
{
    static const char *const on_words[] = {"on", "true", "yes", "1", NULL};
    static const char *const off_words[] = {"off", "false", "no", "0", NULL};
    for (int i = 0; on_words[i]; i++)
        if (ascii_casecmp(text, on_words[i]) == 0) {
            text = "receipt,authentication,authorization";
            break;
        }
    for (int i = 0; off_words[i]; i++)
        if (ascii_casecmp(text, off_words[i]) == 0)
            return;
    ptrvec raw = {0};
    if (!guc_split_identifiers(a, text, ',', &raw))
        return;
    for (size_t i = 0; i < raw.n; i++) {
        const char *it = raw.items[i];
        if (strcmp(it, "all") == 0) {
            push_unique(a, out, "receipt");
            push_unique(a, out, "authentication");
            push_unique(a, out, "authorization");
            push_unique(a, out, "setup_durations");
        } else {
            push_unique(a, out, it);
        }
    }
}

/* pgaudit's own reading of pgaudit.log: classes, "all", and "-class". */
static void pgaudit_items(arena *a, const char *text, ptrvec *out)
{
    static const char *const every[] = {"read", "write", "function", "role", "ddl", "misc",
                                        "misc_set", NULL};
    ptrvec raw = {0};
    split_chars(a, text, ", \t", &raw);
    for (size_t i = 0; i < raw.n; i++) {
        const char *it = lower(a, raw.items[i]);
        int minus = it[0] == '-';
        if (minus || it[0] == '+')
            it++;
        if (strcmp(it, "all") == 0) {
            for (int k = 0; every[k]; k++)
                minus ? remove_item(out, every[k]) : push_unique(a, out, every[k]);
        } else if (strcmp(it, "none") != 0 && *it) {
            minus ? remove_item(out, it) : push_unique(a, out, it);
        }
    }
}

void effective_items(arena *a, const eff_value *v, ptrvec *items)
{
    const char *name = v->name;
    const char *text = v->text ? v->text : "";
    if (ascii_casecmp(name, "ssl_ciphers") == 0) {
        ptrvec raw = {0};
        split_chars(a, text, ": ,", &raw);
        for (size_t i = 0; i < raw.n; i++) {
            const char *it = raw.items[i];
            /* !x, -x remove suites, +x reorders, @x is a directive: none adds. */
            if (it[0] != '!' && it[0] != '-' && it[0] != '+' && it[0] != '@')
                push_unique(a, items, lower(a, it));
        }
        return;
    }
    if (effective_list_sep(name) == ':') {
        ptrvec raw = {0};
        split_chars(a, text, ":", &raw);
        for (size_t i = 0; i < raw.n; i++)
            push_unique(a, items, lower(a, raw.items[i]));
        return;
    }
    if (ascii_casecmp(name, "log_connections") == 0 && v->param &&
        v->param->type == GUC_STRING) {
        log_connections_items(a, text, items);
        return;
    }
    if (ascii_casecmp(name, "pgaudit.log") == 0) {
        pgaudit_items(a, text, items);
        return;
    }
    ptrvec raw = {0};
    if (!guc_split_list(a, text, ',', &raw)) {
        /* Not a well-formed list (the server says so elsewhere): best effort. */
        raw.n = 0;
        split_chars(a, text, ",", &raw);
    }
    for (size_t i = 0; i < raw.n; i++) {
        const char *it = raw.items[i];
        while (*it == ' ' || *it == '\t')
            it++;
        size_t n = strlen(it);
        while (n && (it[n - 1] == ' ' || it[n - 1] == '\t'))
            n--;
        if (n)
            push_unique(a, items, effective_item_key(a, name, arena_strndup(a, it, n)));
    }
}

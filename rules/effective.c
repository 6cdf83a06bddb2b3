/* effective.c — the value in effect for each parameter of a configuration. */
#include "effective.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "conf_rules.h"
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
    size_t hash;
    int found;
    eff_value v;
} eff_memo;

/* The memo: entries in the order made, and a hash index over them by the
 * name as asked (bytes, not folded), grown when half full. A file's rules
 * ask for some 40 names, and a scan of a list that long cost more than the
 * answers it saved. */
enum { MEMO_FIRST = 64 };

struct effective_conf {
    arena *a;
    const conf_doc *doc;
    int version;
    eff_entry *slots;             /* one per key, hashed (open addressing) */
    size_t mask;                  /* slots - 1; no slots when no setting */
    int judges_defaults;          /* effective_judges_defaults(), worked out once */
    const conf_keyed *keyed;      /* effective_settings_by_param(), once asked */
    int keyed_done;
    eff_memo *memo;               /* nmemo entries of memo_cap, allocated on first use */
    size_t nmemo, memo_cap;
    unsigned *memo_index;         /* memo_mask + 1 slots: entry + 1, 0 = free */
    size_t memo_mask;
};

/* `s` lower-cased: `s` itself when it has no upper-case letter (most
 * names and items), else a copy in the arena. Read-only either way. */
static const char *lower(arena *a, const char *s)
{
    const char *p = s;
    while (*p && !(*p >= 'A' && *p <= 'Z'))
        p++;
    if (!*p)
        return s;
    char *r = arena_strdup(a, s);
    for (char *q = r + (p - s); *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q - 'A' + 'a');
    return r;
}

/* Eight bytes of `s` from `i` (zero past n), as one word: one load, but
 * for the last few bytes. */
static uint64_t word_at(const char *s, size_t i, size_t n)
{
    uint64_t w = 0;
    if (n - i >= 8) {
        memcpy(&w, s + i, 8);
        return w;
    }
    for (size_t k = 0; k < n - i; k++)
        w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    return w;
}

/* The bytes of `w` that are ASCII upper-case letters, as 0x80 in their byte
 * (each byte's high bit set before subtracting, so no borrow crosses). */
static uint64_t upper_bytes(uint64_t w)
{
    const uint64_t hi = 0x8080808080808080ull;
    uint64_t ge_a = (w | hi) - 0x4141414141414141ull;   /* low 7 bits >= 'A' */
    uint64_t ge_z1 = (w | hi) - 0x5b5b5b5b5b5b5b5bull;  /* low 7 bits > 'Z' */
    return ge_a & ~ge_z1 & ~w & hi;
}

/* A hash of n bytes lower-cased, a word at a time (*upper set when one
 * was not lower case). Hashing byte by byte was a tenth of the cost of
 * the settings rules. */
static size_t hash_folded(const char *s, size_t n, int *upper)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n, any = 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = word_at(s, i, n);
        uint64_t m = upper_bytes(w);
        any |= m;
        w |= m >> 2;   /* 0x80 >> 2 is the 0x20 that makes a letter lower case */
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    *upper = any != 0;
    return (size_t)h;
}

/* A hash of a name for the memo, from its length and its first and last
 * eight bytes only: enough to tell apart the few dozen names a file's rules
 * ask for (a full compare confirms), and independent of the length. */
static size_t hash_name(const char *s, size_t n)
{
    uint64_t first = word_at(s, 0, n), last = 0;
    if (n > 8)
        memcpy(&last, s + n - 8, 8);
    uint64_t h = (first ^ (n * 0x9E3779B97F4A7C15ull)) * 0xff51afd7ed558ccdull;
    h = (h ^ (h >> 32) ^ last) * 0xc4ceb9fe1a85ec53ull;
    return (size_t)(h ^ (h >> 29));
}

/* `s` lower-cased, with its length and the hash of the lower-cased bytes:
 * `s` itself when it has no upper-case letter (most names), else a copy in
 * the arena. */
static const char *lower_key(arena *a, const char *s, size_t *len, size_t *hash)
{
    int upper;
    *len = strlen(s);
    *hash = hash_folded(s, *len, &upper);
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

/* effective_judges_defaults(), from the root file's name */
static int judges_defaults(const conf_doc *d)
{
    if (!d || !d->root || !d->root->path)
        return 0;
    const char *path = d->root->path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strcmp(base, "postgresql.conf") == 0;
}

effective_conf *effective_build(arena *a, const conf_doc *d, int version)
{
    effective_conf *e = arena_alloc(a, sizeof *e);
    e->a = a;
    e->doc = d;
    e->version = version;
    e->judges_defaults = judges_defaults(d);
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

/* The index slot of `name`: its entry's, or the free one it would take. */
static unsigned *memo_slot(const effective_conf *e, const char *name, size_t len, size_t h)
{
    for (size_t i = h & e->memo_mask;; i = (i + 1) & e->memo_mask) {
        unsigned *x = &e->memo_index[i];
        if (!*x)
            return x;
        const eff_memo *m = &e->memo[*x - 1];
        if (m->hash == h && m->len == len && memcmp(m->name, name, len) == 0)
            return x;
    }
}

/* Room for one more entry, the index at most half full. */
static void memo_reserve(effective_conf *e)
{
    if (e->nmemo == e->memo_cap) {
        size_t cap = e->memo_cap ? 2 * e->memo_cap : MEMO_FIRST / 2;
        eff_memo *m = arena_alloc_raw(e->a, cap * sizeof *m);
        if (e->nmemo)
            memcpy(m, e->memo, e->nmemo * sizeof *m);
        e->memo = m;
        e->memo_cap = cap;
    }
    if (!e->memo_index || 2 * (e->nmemo + 1) > e->memo_mask + 1) {
        size_t slots = e->memo_index ? 2 * (e->memo_mask + 1) : MEMO_FIRST;
        e->memo_index = arena_alloc(e->a, slots * sizeof *e->memo_index);
        e->memo_mask = slots - 1;
        for (size_t k = 0; k < e->nmemo; k++) {
            const eff_memo *m = &e->memo[k];
            *memo_slot(e, m->name, m->len, m->hash) = (unsigned)k + 1;
        }
    }
}

int effective_get(effective_conf *e, const char *name, eff_value *v)
{
    size_t len = strlen(name), h = hash_name(name, len);
    memo_reserve(e);
    unsigned *slot = memo_slot(e, name, len, h);
    if (*slot) {
        const eff_memo *m = &e->memo[*slot - 1];
        *v = m->v;
        return m->found;
    }
    int found = effective_get_uncached(e, name, v);
    /* the uncached lookup does not touch the memo: slot is still free */
    eff_memo *m = &e->memo[e->nmemo];
    *m = (eff_memo){arena_strndup(e->a, name, len), len, h, found, *v};
    *slot = (unsigned)++e->nmemo;
    if (m->v.name == name)
        m->v.name = m->name;   /* a custom name is the caller's string */
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
    return e->judges_defaults;
}

const conf_keyed *effective_settings_by_param(effective_conf *e)
{
    if (!e->keyed_done) {
        e->keyed = e->doc ? conf_settings_by_param(e->a, e->doc) : NULL;
        e->keyed_done = 1;
    }
    return e->keyed;
}

int effective_is_set(effective_conf *e, const char *name)
{
    eff_value v;
    return effective_get(e, name, &v) && v.setting != NULL;
}

char effective_list_sep(const char *param_name)
{
    if (ascii_tolower(param_name[0]) != 's')
        return ',';   /* none of the four below */
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

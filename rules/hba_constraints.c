/* hba_constraints.c — evaluating hba rules on the lines of a pg_hba.conf. */
#include "hba_constraints.h"

#include <string.h>

#include "ascii_case.h"

int hba_check_rule_applies(const hba_check_rule *r, int version)
{
    return (!r->min_version || version >= r->min_version) &&
           (!r->max_version || version <= r->max_version);
}

int hba_check_rule_needs_conf(const hba_check_rule *r)
{
    return r->when.n > 0;
}

int addr_spec_parse(const char *text, addr_spec *out)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    if (strcmp(text, "all") == 0)
        out->kind = ADDR_SPEC_ALL;
    else if (strcmp(text, "samehost") == 0)
        out->kind = ADDR_SPEC_SAMEHOST;
    else if (strcmp(text, "samenet") == 0)
        out->kind = ADDR_SPEC_SAMENET;
    else if (strcmp(text, "hostnames") == 0)
        out->kind = ADDR_SPEC_HOSTNAME;
    else if (ip_range_parse(text, NULL, &out->range) == 0)
        out->kind = ADDR_SPEC_RANGE;
    else
        return -1;
    return 0;
}

/* Keywords name the address column's kind; ranges compare addresses. */
static int kind_matches(const addr_spec *s, const hba_addr *l)
{
    switch (s->kind) {
    case ADDR_SPEC_ALL: return l->kind == HBA_ADDR_ALL;
    case ADDR_SPEC_SAMEHOST: return l->kind == HBA_ADDR_SAMEHOST;
    case ADDR_SPEC_SAMENET: return l->kind == HBA_ADDR_SAMENET;
    case ADDR_SPEC_HOSTNAME: return l->kind == HBA_ADDR_HOSTNAME;
    default: return 0;
    }
}

/* Two ranges share an address iff the addresses agree on every bit both
 * masks fix (true for non-contiguous masks as well). */
static int ranges_meet(const ip_range *x, const ip_range *y)
{
    if (x->family != y->family)
        return 0;
    for (int i = 0; i < ip_addr_len(x->family); i++) {
        unsigned char both = x->mask[i] & y->mask[i];
        if ((x->addr[i] & both) != (y->addr[i] & both))
            return 0;
    }
    return 1;
}

int addr_spec_meets(const addr_spec *s, const hba_addr *l)
{
    if (s->kind != ADDR_SPEC_RANGE)
        return kind_matches(s, l);
    if (l->kind == HBA_ADDR_ALL)
        return 1;
    return l->kind == HBA_ADDR_IP && ranges_meet(&s->range, &l->ip);
}

int addr_spec_covers(const addr_spec *s, const hba_addr *l)
{
    if (s->kind != ADDR_SPEC_RANGE)
        return kind_matches(s, l);
    return l->kind == HBA_ADDR_IP && ip_range_contains(&s->range, &l->ip);
}

static int mask_bits(const ip_range *r)
{
    int n = 0;
    for (int i = 0; i < ip_addr_len(r->family); i++)
        for (unsigned char b = r->mask[i]; b; b &= (unsigned char)(b - 1))
            n++;
    return n;
}

/* ascii_casecmp(x, y) == 0, inline: every rule asks it of every line's
 * type and method, and most answers come at the first byte or two. */
static inline int words_equal(const char *x, const char *y)
{
    for (;; x++, y++) {
        if (*x == *y) {
            if (*x == '\0')
                return 1;
            continue;
        }
        if (ascii_tolower(*x) != ascii_tolower(*y))
            return 0;
    }
}

static int in_words(const ptrvec *v, const char *w)
{
    for (size_t i = 0; i < v->n; i++)
        if (words_equal(v->items[i], w))
            return 1;
    return 0;
}

/* Answers of one pattern for the token texts met so far in a file: the
 * same few names ("all", "app") come back on line after line, and each
 * match costs PCRE2 an allocation. A match is a pure function of pattern
 * and text. */
#define MEMO_TEXTS 16

typedef struct regex_memo {
    const policy_regex *re;
    size_t n;
    const char *text[MEMO_TEXTS];
    int yes[MEMO_TEXTS];
} regex_memo;

static int memo_match(regex_memo *m, const char *text)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->text[i][0] == text[0] && strcmp(m->text[i], text) == 0)
            return m->yes[i];
    /* a pattern cut short by the match limit counts as a match: the rule
     * reports rather than silently passes */
    int yes = policy_regex_match(m->re, text, strlen(text)) != REGEX_NO_MATCH;
    if (m->n < MEMO_TEXTS) {
        m->text[m->n] = text;   /* the line's token: it outlives the memo */
        m->yes[m->n++] = yes;
    }
    return yes;
}

static int any_token_matches(const ptrvec *tokens, regex_memo *m)
{
    for (size_t i = 0; i < tokens->n; i++) {
        const hba_token *t = tokens->items[i];
        if (memo_match(m, t->text))
            return 1;
    }
    return 0;
}

/* Does the line carry option "name" or "name=value" (as the
 * pg_hba_file_rules view shows options, derived ones included)? Returns the
 * index of the option, or -1. */
static int option_index(const hba_rule *l, const char *spec)
{
    size_t nl = strcspn(spec, "=");
    for (size_t i = 0; i < l->option_names.n; i++) {
        const char *n = l->option_names.items[i];
        if (strlen(n) != nl || strncmp(n, spec, nl) != 0)
            continue;
        if (!spec[nl])
            return (int)i;
        const char *want = spec + nl + 1, *have = l->option_values.items[i];
        if (words_equal(want, have) ||
            ((words_equal(want, "1") || words_equal(want, "true")) &&
             (words_equal(have, "1") || words_equal(have, "true"))))
            return (int)i;
    }
    return -1;
}

/* The option as written on the line, for locating a finding at it. */
static const hba_token *option_token(const hba_rule *l, const char *name)
{
    size_t nl = strcspn(name, "=");
    for (size_t i = 0; i < l->option_tokens.n; i++) {
        const hba_token *t = l->option_tokens.items[i];
        if (strncmp(t->text, name, nl) == 0 && t->text[nl] == '=')
            return t;
    }
    return NULL;
}

static int selected(const hba_check_rule *r, const hba_rule *l, regex_memo *dbs,
                    regex_memo *users)
{
    int is_reject = words_equal(l->method, "reject");
    if (is_reject && !r->forbid_methods.n && !r->has_allow_methods && !in_words(&r->methods, "reject"))
        return 0;   /* a reject line admits no one */
    if (r->types.n && !in_words(&r->types, l->type))
        return 0;
    if (r->methods.n && !in_words(&r->methods, l->method))
        return 0;
    if (r->databases && !any_token_matches(&l->databases, dbs))
        return 0;
    if (r->users && !any_token_matches(&l->users, users))
        return 0;
    for (size_t i = 0; i < r->options.n; i++)
        if (option_index(l, r->options.items[i]) < 0)
            return 0;
    if (r->except_addresses.n && l->address) {
        hba_addr la = hba_rule_addr(l);
        for (size_t i = 0; i < r->except_addresses.n; i++)
            if (addr_spec_covers(r->except_addresses.items[i], &la))
                return 0;
    }
    return 1;
}

typedef struct violation {
    const hba_token *at;
    const char *why;
} violation;

static const hba_token *addr_tok(const hba_rule *l)
{
    return l->address_tok ? l->address_tok : l->type_tok;
}

/* The address as written: "10.0.0.0/8", or "10.0.0.0 255.0.0.0". */
static const char *addr_text(arena *a, const hba_rule *l)
{
    if (!l->address_tok)
        return l->address ? l->address : "";
    if (l->mask_tok)
        return arena_printf(a, "%s %s", l->address_tok->text, l->mask_tok->text);
    return l->address_tok->text;
}

/* The first condition the line breaks, or why=NULL when none does. */
static violation check_line(arena *a, const hba_check_rule *r, const hba_rule *l)
{
    violation v = {l->type_tok, NULL};
    if (r->forbid_methods.n && in_words(&r->forbid_methods, l->method)) {
        v.at = l->method_tok;
        v.why = arena_printf(a, "method %s is not allowed here", l->method);
        return v;
    }
    if (r->has_allow_methods && !in_words(&r->allow_methods, l->method)) {
        v.at = l->method_tok;
        strbuf b = {0};
        for (size_t i = 0; i < r->allow_methods.n; i++)
            strbuf_printf(a, &b, "%s%s", i ? ", " : "", (const char *)r->allow_methods.items[i]);
        v.why = arena_printf(a, "method %s is not one of %s", l->method, b.data);
        return v;
    }
    if (l->address && (r->addresses.n || r->min_prefix4 || r->min_prefix6)) {
        hba_addr la = hba_rule_addr(l);
        for (size_t i = 0; i < r->addresses.n; i++) {
            const addr_spec *s = r->addresses.items[i];
            if (addr_spec_meets(s, &la)) {
                v.at = addr_tok(l);
                v.why = arena_printf(a, "address %s admits %s", addr_text(a, l), s->text);
                return v;
            }
        }
        int prefix = -1, min = 0;
        if (la.kind == HBA_ADDR_ALL) {
            prefix = 0;
            min = r->min_prefix4 > r->min_prefix6 ? r->min_prefix4 : r->min_prefix6;
        } else if (la.kind == HBA_ADDR_IP) {
            prefix = mask_bits(&la.ip);
            min = la.ip.family == 6 ? r->min_prefix6 : r->min_prefix4;
        }
        if (prefix >= 0 && min > 0 && prefix < min) {
            v.at = addr_tok(l);
            v.why = la.kind == HBA_ADDR_ALL ? "address all admits every client"
                    : prefix == 0
                        ? arena_printf(a, "address %s admits every %s client", addr_text(a, l),
                                       la.ip.family == 6 ? "IPv6" : "IPv4")
                        : arena_printf(a, "address %s is a /%d range, wider than /%d",
                                       addr_text(a, l), prefix, min);
            return v;
        }
    }
    if (r->require_ssl && (words_equal(l->type, "host") ||
                           words_equal(l->type, "hostnossl") ||
                           words_equal(l->type, "hostnogssenc"))) {
        v.at = l->type_tok;
        v.why = arena_printf(a, "%s lines accept unencrypted TCP connections", l->type);
        return v;
    }
    for (size_t i = 0; i < r->require_options.n; i++)
        if (option_index(l, r->require_options.items[i]) < 0) {
            v.at = l->method_tok;
            v.why = arena_printf(a, "option %s is missing", (const char *)r->require_options.items[i]);
            return v;
        }
    for (size_t i = 0; i < r->forbid_options.n; i++) {
        const char *spec = r->forbid_options.items[i];
        if (option_index(l, spec) >= 0) {
            const hba_token *t = option_token(l, spec);
            v.at = t ? t : l->method_tok;
            v.why = arena_printf(a, "option %s is not allowed", spec);
            return v;
        }
    }
    int has_condition = r->forbid_methods.n || r->has_allow_methods || r->addresses.n ||
                        r->min_prefix4 || r->min_prefix6 || r->require_ssl ||
                        r->require_options.n || r->forbid_options.n;
    if (!has_condition)
        v.why = "the line matches the rule";
    return v;
}

static void set_remedy(arena *a, finding *f, const hba_check_rule *r, const hba_rule *l,
                       effective_conf *conf)
{
    switch (r->fix) {
    case HBA_FIX_METHOD:
        if (ascii_casecmp(l->method, r->fix_text) == 0)
            return;
        f->fix.kind = REMEDY_HBA_SET_METHOD;
        f->fix.description = arena_printf(a, "change the method %s to %s", l->method, r->fix_text);
        break;
    case HBA_FIX_TYPE:
        if (ascii_casecmp(r->fix_text, "hostssl") == 0) {
            /* hostssl lines never match while ssl is off: only propose the
             * change where the configuration is known to have ssl on */
            eff_value v;
            if (!conf || !effective_get(conf, "ssl", &v) || !v.valid || v.number != 1)
                return;
        }
        f->fix.kind = REMEDY_HBA_SET_TYPE;
        f->fix.description = arena_printf(a, "change the connection type %s to %s", l->type,
                                          r->fix_text);
        break;
    case HBA_FIX_COMMENT_OUT:
        f->fix.kind = REMEDY_HBA_COMMENT_OUT;
        f->fix.description = "comment out the line";
        break;
    default:
        return;
    }
    f->fix.unsafe = 1;   /* every change to pg_hba.conf changes who can connect */
    f->fix.target = l;
    f->fix.text = r->fix_text;
}

void hba_check_rule_run(arena *a, const hba_check_rule *r, const hba_doc *d, effective_conf *conf,
                        int version, ptrvec *out)
{
    if (!hba_check_rule_applies(r, version))
        return;
    if (r->when.n) {
        if (!conf)
            return;   /* the rule reads postgresql.conf, which we do not have */
        for (size_t i = 0; i < r->when.n; i++)
            if (!sc_cond_holds(a, r->when.items[i], conf))
                return;
    }
    regex_memo dbs = {.re = r->databases}, users = {.re = r->users};
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *l = d->rules.items[i];
        if (!selected(r, l, &dbs, &users))
            continue;
        violation v = check_line(a, r, l);
        if (!v.why)
            continue;
        const hba_token *at = v.at ? v.at : l->type_tok;
        const source *src = at ? at->src : l->src;
        size_t off = at ? at->off : l->off, len = at ? at->len : 0;
        finding *f;
        if (r->message) {
            f = finding_at(a, r->id, r->sev, src, off, len, "%s", r->message);
            if (v.at != l->method_tok && strcmp(v.why, "the line matches the rule") != 0)
                f->where.detail = v.why;
        } else {
            f = finding_at(a, r->id, r->sev, src, off, len, "%s", v.why);
        }
        set_remedy(a, f, r, l, conf);
        ptrvec_push(a, out, f);
    }
}

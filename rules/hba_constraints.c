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
    int n = 0, len = ip_addr_len(r->family);
    for (int i = 0; i < len; i++) {
        unsigned b = r->mask[i];
        if (b == 0xff) {   /* the bytes of a usual mask: all or nothing */
            n += 8;
            continue;
        }
        for (; b; b &= b - 1)
            n++;
    }
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

/* The connection types and methods a rule names, each an id (a bit): a
 * rule's list becomes a set, and a line's word its id, so "is the line's
 * method in the list" is one AND instead of a loop of string compares,
 * asked of every line by every rule. The words are distinct even with case
 * folded, so equal ids are exactly words_equal() words. */
#define WORD(w) {(w), sizeof(w) - 1}
static const struct hba_word {
    const char *text;
    size_t len;
} hba_words[] = {
    WORD("local"), WORD("host"), WORD("hostssl"), WORD("hostnossl"), WORD("hostgssenc"),
    WORD("hostnogssenc"), WORD("trust"), WORD("reject"), WORD("md5"), WORD("password"),
    WORD("scram-sha-256"), WORD("gss"), WORD("sspi"), WORD("ident"), WORD("peer"), WORD("pam"),
    WORD("ldap"), WORD("radius"), WORD("cert"), WORD("bsd"), WORD("oauth"),
};
#undef WORD
#define NWORDS (sizeof hba_words / sizeof hba_words[0])
#define REJECT_BIT (1u << 7)   /* hba_words[7] */
_Static_assert(NWORDS <= 32, "word ids are bits of an unsigned");

/* 1 << the id of `w`, or 0 for a word with no id. (The table is lower
 * case: a word of another length or first letter, folded, is not it.) */
static unsigned word_bit(const char *w)
{
    if (!w)
        return 0;
    char c = ascii_tolower(w[0]);
    size_t len = strlen(w);
    for (size_t i = 0; i < NWORDS; i++)
        if (hba_words[i].len == len && hba_words[i].text[0] == c &&
            words_equal(hba_words[i].text, w))
            return 1u << i;
    return 0;
}

/* 0 when some word has no id: the list is then compared word by word. */
static int word_bits(const ptrvec *v, unsigned *bits)
{
    *bits = 0;
    for (size_t i = 0; i < v->n; i++) {
        unsigned b = word_bit(v->items[i]);
        if (!b)
            return 0;
        *bits |= b;
    }
    return 1;
}

void hba_check_rule_compile(hba_check_rule *r)
{
    r->words_compiled = word_bits(&r->types, &r->types_bits) &&
                        word_bits(&r->methods, &r->methods_bits) &&
                        word_bits(&r->forbid_methods, &r->forbid_bits) &&
                        word_bits(&r->allow_methods, &r->allow_bits);
}

/* One line, with what the rules ask of it worked out once. */
typedef struct line_facts {
    const hba_rule *l;
    unsigned type_bit, method_bit;   /* word_bit() of type and method */
    int addr_ready;                  /* addr and prefix are filled in */
    hba_addr addr;                   /* hba_rule_addr() */
    int prefix;                      /* mask bits of an HBA_ADDR_IP address */
} line_facts;

struct hba_lines {
    size_t n;
    line_facts *f;
};

hba_lines *hba_lines_prepare(arena *a, const hba_doc *d)
{
    hba_lines *L = arena_alloc(a, sizeof *L);
    L->n = d->rules.n;
    L->f = arena_alloc(a, (L->n ? L->n : 1) * sizeof *L->f);
    for (size_t i = 0; i < L->n; i++) {
        const hba_rule *l = d->rules.items[i];
        L->f[i].l = l;
        L->f[i].type_bit = word_bit(l->type);
        L->f[i].method_bit = word_bit(l->method);
    }
    return L;
}

/* The address is needed only by rules about addresses: read on first use. */
static const hba_addr *line_addr(line_facts *f)
{
    if (!f->addr_ready) {
        f->addr = hba_rule_addr(f->l);
        f->prefix = f->addr.kind == HBA_ADDR_IP ? mask_bits(&f->addr.ip) : 0;
        f->addr_ready = 1;
    }
    return &f->addr;
}

/* Is the line's word (type or method) in the rule's list? */
static int word_in(const hba_check_rule *r, const ptrvec *words, unsigned bits, unsigned line_bit,
                   const char *line_word)
{
    return r->words_compiled ? (bits & line_bit) != 0 : in_words(words, line_word);
}

/* Answers of one pattern for the token texts met so far in a file: the
 * same few names ("all", "app") come back on line after line, and each
 * match costs PCRE2 an allocation. A match is a pure function of pattern
 * and text. */
#define MEMO_TEXTS 16

typedef struct regex_memo {
    const policy_regex *re;
    int plain;                   /* answered without PCRE2: cheaper than the memo */
    size_t n;
    const char *text[MEMO_TEXTS];
    int yes[MEMO_TEXTS];
} regex_memo;

static int memo_match(regex_memo *m, const char *text)
{
    /* a pattern cut short by the match limit counts as a match: the rule
     * reports rather than silently passes */
    if (m->plain)
        return policy_regex_match_str(m->re, text) != REGEX_NO_MATCH;
    for (size_t i = 0; i < m->n; i++)
        if (m->text[i][0] == text[0] && strcmp(m->text[i], text) == 0)
            return m->yes[i];
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
    if (!l->option_names.n)
        return -1;   /* most lines: no need to read the spec */
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

static int selected(const hba_check_rule *r, line_facts *f, regex_memo *dbs, regex_memo *users)
{
    const hba_rule *l = f->l;
    int is_reject = f->method_bit == REJECT_BIT;
    if (is_reject && !r->forbid_methods.n && !r->has_allow_methods &&
        !word_in(r, &r->methods, r->methods_bits, REJECT_BIT, "reject"))
        return 0;   /* a reject line admits no one */
    if (r->types.n && !word_in(r, &r->types, r->types_bits, f->type_bit, l->type))
        return 0;
    if (r->methods.n && !word_in(r, &r->methods, r->methods_bits, f->method_bit, l->method))
        return 0;
    if (r->databases && !any_token_matches(&l->databases, dbs))
        return 0;
    if (r->users && !any_token_matches(&l->users, users))
        return 0;
    for (size_t i = 0; i < r->options.n; i++)
        if (option_index(l, r->options.items[i]) < 0)
            return 0;
    if (r->except_addresses.n && l->address) {
        const hba_addr *la = line_addr(f);
        for (size_t i = 0; i < r->except_addresses.n; i++)
            if (addr_spec_covers(r->except_addresses.items[i], la))
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
        return str_join(a, l->address_tok->text, " ", l->mask_tok->text);
    return l->address_tok->text;
}

/* The first condition the line breaks, or why=NULL when none does. */
static violation check_line(arena *a, const hba_check_rule *r, line_facts *f)
{
    const hba_rule *l = f->l;
    violation v = {l->type_tok, NULL};
    if (r->forbid_methods.n &&
        word_in(r, &r->forbid_methods, r->forbid_bits, f->method_bit, l->method)) {
        v.at = l->method_tok;
        v.why = str_join(a, "method ", l->method, " is not allowed here");
        return v;
    }
    if (r->has_allow_methods &&
        !word_in(r, &r->allow_methods, r->allow_bits, f->method_bit, l->method)) {
        v.at = l->method_tok;
        strbuf b = {0};
        for (size_t i = 0; i < r->allow_methods.n; i++) {
            strbuf_puts(a, &b, i ? ", " : "");
            strbuf_puts(a, &b, (const char *)r->allow_methods.items[i]);
        }
        v.why = str_join(a, "method ", l->method, " is not one of ", b.data);
        return v;
    }
    if (l->address && (r->addresses.n || r->min_prefix4 || r->min_prefix6)) {
        const hba_addr *la = line_addr(f);
        for (size_t i = 0; i < r->addresses.n; i++) {
            const addr_spec *s = r->addresses.items[i];
            if (addr_spec_meets(s, la)) {
                v.at = addr_tok(l);
                v.why = str_join(a, "address ", addr_text(a, l), " admits ", s->text);
                return v;
            }
        }
        int prefix = -1, min = 0;
        if (la->kind == HBA_ADDR_ALL) {
            prefix = 0;
            min = r->min_prefix4 > r->min_prefix6 ? r->min_prefix4 : r->min_prefix6;
        } else if (la->kind == HBA_ADDR_IP) {
            prefix = f->prefix;
            min = la->ip.family == 6 ? r->min_prefix6 : r->min_prefix4;
        }
        if (prefix >= 0 && min > 0 && prefix < min) {
            v.at = addr_tok(l);
            v.why = la->kind == HBA_ADDR_ALL ? "address all admits every client"
                    : prefix == 0
                        ? str_join(a, "address ", addr_text(a, l), " admits every ",
                                   la->ip.family == 6 ? "IPv6" : "IPv4", " client")
                        : arena_printf(a, "address %s is a /%d range, wider than /%d",
                                       addr_text(a, l), prefix, min);
            return v;
        }
    }
    if (r->require_ssl && (words_equal(l->type, "host") ||
                           words_equal(l->type, "hostnossl") ||
                           words_equal(l->type, "hostnogssenc"))) {
        v.at = l->type_tok;
        v.why = str_join(a, l->type, " lines accept unencrypted TCP connections");
        return v;
    }
    for (size_t i = 0; i < r->require_options.n; i++)
        if (option_index(l, r->require_options.items[i]) < 0) {
            v.at = l->method_tok;
            v.why = str_join(a, "option ", (const char *)r->require_options.items[i],
                             " is missing");
            return v;
        }
    for (size_t i = 0; i < r->forbid_options.n; i++) {
        const char *spec = r->forbid_options.items[i];
        if (option_index(l, spec) >= 0) {
            const hba_token *t = option_token(l, spec);
            v.at = t ? t : l->method_tok;
            v.why = str_join(a, "option ", spec, " is not allowed");
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
        f->fix.description = str_join(a, "change the method ", l->method, " to ", r->fix_text);
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
        f->fix.description =
            str_join(a, "change the connection type ", l->type, " to ", r->fix_text);
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

/* The rule on one line. */
static void run_line(arena *a, const hba_check_rule *r, line_facts *lf, regex_memo *dbs,
                     regex_memo *users, effective_conf *conf, ptrvec *out)
{
    const hba_rule *l = lf->l;
    if (!selected(r, lf, dbs, users))
        return;
    violation v = check_line(a, r, lf);
    if (!v.why)
        return;
    const hba_token *at = v.at ? v.at : l->type_tok;
    const source *src = at ? at->src : l->src;
    size_t off = at ? at->off : l->off, len = at ? at->len : 0;
    finding *f;
    /* the texts are the rule's own or made in `a`: kept as they are */
    if (r->message) {
        f = finding_at_text(a, r->id, r->sev, src, off, len, r->message);
        if (v.at != l->method_tok && strcmp(v.why, "the line matches the rule") != 0)
            f->where.detail = v.why;
    } else {
        f = finding_at_text(a, r->id, r->sev, src, off, len, v.why);
    }
    set_remedy(a, f, r, l, conf);
    ptrvec_push(a, out, f);
}

void hba_check_rule_run_lines(arena *a, const hba_check_rule *r, hba_lines *lines,
                              effective_conf *conf, int version, ptrvec *out)
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
    regex_memo dbs = {.re = r->databases,
                      .plain = r->databases && policy_regex_plain(r->databases)};
    regex_memo users = {.re = r->users, .plain = r->users && policy_regex_plain(r->users)};
    for (size_t i = 0; i < lines->n; i++)
        run_line(a, r, &lines->f[i], &dbs, &users, conf, out);
}

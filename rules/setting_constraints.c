/* setting_constraints.c — evaluating settings rules on effective values. */
#include "setting_constraints.h"

#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "rule_registry.h"

int setting_rule_applies(const setting_rule *r, int version)
{
    return (!r->min_version || version >= r->min_version) &&
           (!r->max_version || version <= r->max_version);
}

const char *sc_show_value(arena *a, const char *text)
{
    return str_join(a, "'", text ? text : "", "'");
}

/* An operand read the way the parameter reads values; custom parameters
 * compare as numbers when both sides are numbers, else as text. */
typedef struct operand {
    int ok;
    double number;
    const char *canonical;
} operand;

static operand read_operand(arena *a, const eff_value *v, int version, const char *text)
{
    operand o = {0};
    if (v->param) {
        o.ok = effective_parse(a, v->param, version, text, &o.number, &o.canonical);
        return o;
    }
    char *end;
    o.number = strtod(text, &end);
    o.canonical = text;
    o.ok = 1;
    return o;
}

static int value_equals(arena *a, const eff_value *v, int version, const char *text, int *ok)
{
    operand o = read_operand(a, v, version, text);
    *ok = o.ok;
    if (!o.ok)
        return 0;
    if (!v->param)
        return strcmp(v->text, text) == 0;
    switch (v->param->type) {
    case GUC_BOOL:
    case GUC_INT:
    case GUC_REAL:
        return v->number == o.number;
    case GUC_ENUM:
        return ascii_casecmp(v->canonical, o.canonical) == 0;
    default:
        return strcmp(v->text, text) == 0;
    }
}

static int item_in(const ptrvec *items, const char *key)
{
    for (size_t i = 0; i < items->n; i++)
        if (strcmp(items->items[i], key) == 0)
            return 1;
    return 0;
}

static const char *join(arena *a, const ptrvec *v, const char *sep)
{
    strbuf b = {0};
    strbuf_puts(a, &b, "");
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            strbuf_puts(a, &b, sep);
        strbuf_puts(a, &b, v->items[i]);
    }
    return b.data;
}

/* The subject a pattern is matched against: strings as written, other types
 * in their parsed form (on/off, the enum's spelling, base-unit numbers). */
static const char *regex_subject(const eff_value *v)
{
    if (!v->param || v->param->type == GUC_STRING)
        return v->text;
    return v->canonical;
}

enum { CHECK_FAIL = 0, CHECK_PASS = 1, CHECK_UNDECIDED = -1, CHECK_LIMIT = -2 };

/* The value as messages show it. */
static const char *shown_value(arena *a, const eff_value *v, int version)
{
    if (v->setting)
        return sc_show_value(a, v->text);
    char num[16], *p = num + sizeof num;   /* "%d" of the version, without printf */
    unsigned u = version < 0 ? 0u - (unsigned)version : (unsigned)version;
    *--p = '\0';
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (version < 0)
        *--p = '-';
    return str_join(a, "'", v->text ? v->text : "", "' (PostgreSQL ", p, "'s default)");
}

/* Does the value pass the check? *why says how it fails. The message is
 * only written when the check fails: checks run for every file of a batch
 * and nearly all of them pass. A NULL `why` (a rule's `when` condition,
 * whose failure is no finding) skips the message altogether. */
static int eval_check(arena *a, const sc_check *c, const eff_value *v, int version,
                      const char **why)
{
#define shown shown_value(a, v, version)
#define WHY(...)                                 \
    do {                                         \
        if (why)                                 \
            *why = arena_printf(a, __VA_ARGS__); \
    } while (0)
/* The same for a message that only joins strings (most): no printf. */
#define WHY_JOIN(...)                            \
    do {                                         \
        if (why)                                 \
            *why = str_join(a, __VA_ARGS__);     \
    } while (0)
    int ok;
    switch (c->op) {
    case SC_MIN:
    case SC_MAX: {
        operand o = read_operand(a, v, version, c->values.items[0]);
        if (!o.ok)
            return CHECK_UNDECIDED;
        int pass = c->op == SC_MIN ? v->number >= o.number : v->number <= o.number;
        int res_ = pass;
        if (res_ != CHECK_PASS)
            WHY_JOIN(v->name, " = ", shown, " is ", c->op == SC_MIN ? "below" : "above",
                     " the ", c->op == SC_MIN ? "minimum" : "maximum", " ",
                     (const char *)c->values.items[0]);
        return res_;
    }
    case SC_EQUALS: {
        int eq = value_equals(a, v, version, c->values.items[0], &ok);
        if (!ok)
            return CHECK_UNDECIDED;
        if (!eq)
            WHY_JOIN(v->name, " = ", shown, "; expected ", (const char *)c->values.items[0]);
        return eq;
    }
    case SC_ONE_OF:
    case SC_NOT_ONE_OF: {
        int any = 0, decided = 0;
        for (size_t i = 0; i < c->values.n; i++) {
            if (value_equals(a, v, version, c->values.items[i], &ok))
                any = 1;
            decided |= ok;
        }
        if (!decided)
            return CHECK_UNDECIDED;
        int res_ = c->op == SC_ONE_OF ? any : !any;
        if (res_ != CHECK_PASS && c->op == SC_ONE_OF)
            WHY_JOIN(v->name, " = ", shown, " is not one of ", join(a, &c->values, ", "));
        else if (res_ != CHECK_PASS)
            WHY_JOIN(v->name, " = ", shown, " is not allowed");
        return res_;
    }
    case SC_AT_LEAST:
    case SC_AT_MOST: {
        if (!v->param || v->param->type != GUC_ENUM)
            return CHECK_UNDECIDED;
        operand o = read_operand(a, v, version, c->values.items[0]);
        if (!o.ok)
            return CHECK_UNDECIDED;
        int pass = c->op == SC_AT_LEAST ? v->number >= o.number : v->number <= o.number;
        int res_ = pass;
        if (res_ != CHECK_PASS)
            WHY_JOIN(v->name, " = ", shown, " is ", c->op == SC_AT_LEAST ? "below" : "above",
                     " ", (const char *)c->values.items[0]);
        return res_;
    }
    case SC_MATCHES:
    case SC_NOT_MATCHES: {
        const char *subj = regex_subject(v);
        regex_result m = policy_regex_match(c->re, subj, strlen(subj));
        if (m == REGEX_LIMIT) {
            WHY("could not check %s: the pattern /%s/ hit the match limit",
                                v->name, policy_regex_pattern(c->re));
            return CHECK_LIMIT;
        }
        int res_ = c->op == SC_MATCHES ? m == REGEX_MATCH : m == REGEX_NO_MATCH;
        if (res_ != CHECK_PASS && c->op == SC_MATCHES)
            WHY_JOIN(v->name, " = ", shown, " does not match /", policy_regex_pattern(c->re),
                     "/");
        else if (res_ != CHECK_PASS)
            WHY_JOIN(v->name, " = ", shown, " matches /", policy_regex_pattern(c->re), "/");
        return res_;
    }
    case SC_CONTAINS:
    case SC_CONTAINS_ANY:
    case SC_NOT_CONTAINS:
    case SC_SUBSET_OF: {
        ptrvec items = {0}, bad = {0};
        effective_items(a, v, &items);
        if (c->op == SC_SUBSET_OF) {
            ptrvec allowed = {0};
            for (size_t i = 0; i < c->values.n; i++)
                ptrvec_push(a, &allowed,
                            (void *)effective_item_key(a, v->name, c->values.items[i]));
            for (size_t i = 0; i < items.n; i++)
                if (!item_in(&allowed, items.items[i]))
                    ptrvec_push(a, &bad, items.items[i]);
            int res_ = bad.n == 0;
            if (res_ != CHECK_PASS)
                WHY_JOIN(v->name, " enables ", join(a, &bad, ", "),
                         ", outside the allowed list");
            return res_;
        }
        int any = 0;
        for (size_t i = 0; i < c->values.n; i++) {
            const char *key = effective_item_key(a, v->name, c->values.items[i]);
            int in = item_in(&items, key);
            any |= in;
            if ((c->op == SC_CONTAINS && !in) || (c->op == SC_NOT_CONTAINS && in))
                ptrvec_push(a, &bad, (void *)c->values.items[i]);
        }
        if (c->op == SC_CONTAINS) {
            int res_ = bad.n == 0;
            if (res_ != CHECK_PASS)
                WHY_JOIN(v->name, " = ", shown, " lacks ", join(a, &bad, ", "));
            return res_;
        }
        if (c->op == SC_NOT_CONTAINS) {
            int res_ = bad.n == 0;
            if (res_ != CHECK_PASS)
                WHY_JOIN(v->name, " = ", shown, " contains ", join(a, &bad, ", "));
            return res_;
        }
        int res_ = any;
        if (res_ != CHECK_PASS)
            WHY_JOIN(v->name, " = ", shown, " contains none of ", join(a, &c->values, ", "));
        return res_;
    }
    case SC_REQUIRED: {
        int res_ = !c->flag || v->setting != NULL;
        if (res_ != CHECK_PASS)
            WHY("%s is not set (PostgreSQL %d's default is %s)", v->name,
                                version, sc_show_value(a, v->text));
        return res_;
    }
    case SC_NO_BITS: {
        if (!v->param || v->param->type != GUC_INT)
            return CHECK_UNDECIDED;
        unsigned long mode = (unsigned long)v->number;
        int res_ = (mode & c->bits) == 0;
        if (res_ != CHECK_PASS)
            WHY("%s = %04lo sets bits %04lo", v->name, mode, mode & c->bits);
        return res_;
    }
    }
    return CHECK_UNDECIDED;
#undef WHY
#undef WHY_JOIN
#undef shown
}

int sc_cond_holds(arena *a, const sc_cond *c, effective_conf *e)
{
    eff_value v;
    if (!effective_get(e, c->name, &v) || !v.valid)
        return 0;
    for (size_t i = 0; i < c->checks.n; i++)
        if (eval_check(a, c->checks.items[i], &v, effective_version(e), NULL) != CHECK_PASS)
            return 0;
    return 1;
}

/* The raw items of a list as written, for remedies that keep the user's
 * spelling ("$libdir/pgaudit" stays as it is). */
static void raw_items(arena *a, const eff_value *v, ptrvec *out)
{
    const char *s = v->text;
    char sep = effective_list_sep(v->name);
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t n = strcspn(s, sep == ':' ? ":" : ",");
        size_t m = n;
        while (m && (s[m - 1] == ' ' || s[m - 1] == '\t'))
            m--;
        if (m)
            ptrvec_push(a, out, arena_strndup(a, s, m));
        s += n;
        if (*s)
            s++;
    }
}

/* The value that would satisfy the failed check, or NULL. */
static const char *derive_fix(arena *a, const sc_check *c, const eff_value *v)
{
    char sepstr[2] = {effective_list_sep(v->name), 0};
    switch (c->op) {
    case SC_EQUALS:
    case SC_ONE_OF:
    case SC_MIN:
    case SC_MAX:
    case SC_AT_LEAST:
    case SC_AT_MOST:
        return c->values.items[0];
    case SC_CONTAINS: {
        ptrvec items = {0}, have = {0};
        raw_items(a, v, &items);
        effective_items(a, v, &have);
        for (size_t i = 0; i < c->values.n; i++)
            if (!item_in(&have, effective_item_key(a, v->name, c->values.items[i])))
                ptrvec_push(a, &items, c->values.items[i]);
        return join(a, &items, sepstr);
    }
    case SC_NOT_CONTAINS: {
        ptrvec items = {0}, keep = {0}, bad = {0};
        raw_items(a, v, &items);
        for (size_t i = 0; i < c->values.n; i++)
            ptrvec_push(a, &bad, (void *)effective_item_key(a, v->name, c->values.items[i]));
        for (size_t i = 0; i < items.n; i++)
            if (!item_in(&bad, effective_item_key(a, v->name, items.items[i])))
                ptrvec_push(a, &keep, items.items[i]);
        return keep.n ? join(a, &keep, sepstr) : NULL;
    }
    case SC_NO_BITS:
        return arena_printf(a, "%04lo", (unsigned long)v->number & ~c->bits & 07777);
    default:
        return NULL;
    }
}

static void set_remedy(arena *a, finding *f, const setting_rule *r, const sc_check *failed,
                       const eff_value *v, effective_conf *e)
{
    if (r->fix_off)
        return;
    const rule_info *ri = rule_find(r->id);
    if (ri && ri->fix == FIX_NONE && !r->fix_value)
        return;
    const char *value = r->fix_value ? r->fix_value : derive_fix(a, failed, v);
    if (!value)
        return;
    /* A remedy that stops the server from starting is no remedy: the value
     * must be one this version accepts, and what it depends on (ssl = on
     * needs a certificate and key) must be configured. */
    for (size_t i = 0; i < r->fix_requires.n; i++)
        if (!effective_is_set(e, r->fix_requires.items[i]))
            return;
    if (v->param) {
        double num;
        const char *canon;
        if (!effective_parse(a, v->param, effective_version(e), value, &num, &canon))
            return;
    }
    int unsafe = r->fix_unsafe >= 0 ? r->fix_unsafe : ri ? ri->fix == FIX_UNSAFE : 1;
    f->fix.kind = REMEDY_SET_PARAM;
    f->fix.unsafe = unsafe;
    f->fix.param = v->param ? v->param->name : v->name;
    f->fix.value = value;
    f->fix.target = v->setting;
    f->fix.description = str_join(a, "set ", f->fix.param, " = '", value, "'");
}

void setting_rule_run(arena *a, const setting_rule *r, effective_conf *e, const source *root,
                      ptrvec *out)
{
    int version = effective_version(e);
    if (!setting_rule_applies(r, version))
        return;
    for (size_t i = 0; i < r->when.n; i++)
        if (!sc_cond_holds(a, r->when.items[i], e))
            return;
    eff_value v;
    if (!effective_get(e, r->target.name, &v) || !v.valid)
        return;
    if (!v.param && !strchr(v.name, '.'))
        return;   /* an unknown name: conf-unknown-parameter says so */
    if (!v.setting && !effective_judges_defaults(e))
        return;   /* a fragment is judged on what it sets */
    for (size_t i = 0; i < r->target.checks.n; i++) {
        const sc_check *c = r->target.checks.items[i];
        const char *why = NULL;
        int res = eval_check(a, c, &v, version, &why);
        if (res == CHECK_PASS || res == CHECK_UNDECIDED)
            continue;
        const source *src = v.setting ? v.setting->src : root;
        size_t off = v.setting ? v.setting->value_off : 0;
        size_t len = v.setting ? v.setting->value_len : 0;
        finding *f;
        /* the texts are the rule's own or made in `a`: kept as they are */
        if (r->message && res != CHECK_LIMIT) {
            f = finding_at_text(a, r->id, r->sev, src, off, len, r->message);
            f->where.detail = why;
        } else {
            f = finding_at_text(a, r->id, r->sev, src, off, len, why);
        }
        if (!src) {
            f->where.path = NULL;
            f->where.line = 0;
        }
        if (res != CHECK_LIMIT)
            set_remedy(a, f, r, c, &v, e);
        ptrvec_push(a, out, f);
        return;   /* one finding per rule entry */
    }
}

/* policy_emit.c — a loaded policy printed back as one YAML policy with the
 * extends chain merged: every rule's state, every check. Loading the output
 * gives the same policy (tests/policy.inc checks the round trip). */
#include <string.h>

#include "policy_internal.h"
#include "rule_registry.h"

/* Must the string be double-quoted, with escapes? A single-quoted scalar
 * keeps every character but line breaks (folded on reading: one break
 * reads back as a space, and the spaces around it go) and the characters
 * YAML does not allow raw in a stream: C0 controls, DEL, C1 controls
 * (NEL among them), LS, PS, BOM, U+FFFE/U+FFFF. A loaded string holds
 * them when the input spelt them as escapes or as breaks in a quoted
 * scalar; single-quoted, the resolved policy lost one break per round
 * trip (found by fuzz_policy: testdata/fuzz-regressions/policy/
 * resolved-description-with-line-breaks.yaml). Libyaml strings are
 * valid UTF-8, so multi-byte sequences are whole. */
static int needs_escapes(const unsigned char *s)
{
    for (; *s; s++) {
        if (*s < 0x20 || *s == 0x7f)
            return 1;
        if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
            return 1;
        if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9))
            return 1;
        if (s[0] == 0xef && ((s[1] == 0xbb && s[2] == 0xbf) ||
                             (s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf))))
            return 1;
    }
    return 0;
}

/* The string double-quoted: what needs_escapes() finds as \xXX or \uXXXX
 * (code points), '"' and '\\' escaped, everything else as is. */
static void dq(FILE *out, const unsigned char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            fputc('\\', out);
            fputc(*s, out);
        } else if (*s == '\n' || *s == '\t') {
            fputs(*s == '\n' ? "\\n" : "\\t", out);   /* readable */
        } else if (*s < 0x20 || *s == 0x7f) {
            fprintf(out, "\\x%02x", *s);
        } else if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
            fprintf(out, "\\x%02x", s[1]);
            s++;
        } else if ((s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9)) ||
                   (s[0] == 0xef && ((s[1] == 0xbb && s[2] == 0xbf) ||
                                     (s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf))))) {
            unsigned cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
            fprintf(out, "\\u%04x", cp);
            s += 2;
        } else {
            fputc(*s, out);
        }
    }
    fputc('"', out);
}

static void q(FILE *out, const char *s)
{
    if (needs_escapes((const unsigned char *)s)) {
        dq(out, (const unsigned char *)s);
        return;
    }
    fputc('\'', out);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', out);
        fputc(*s, out);
    }
    fputc('\'', out);
}

static void qlist(FILE *out, const ptrvec *v)
{
    fputc('[', out);
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            fputs(", ", out);
        q(out, v->items[i]);
    }
    fputc(']', out);
}

static int op_is_list(sc_op op)
{
    return op == SC_ONE_OF || op == SC_NOT_ONE_OF || op == SC_CONTAINS || op == SC_CONTAINS_ANY ||
           op == SC_NOT_CONTAINS || op == SC_SUBSET_OF;
}

static void emit_check(FILE *out, const sc_check *c)
{
    fprintf(out, "%s: ", sc_op_key(c->op));
    if (c->op == SC_REQUIRED)
        fputs(c->flag ? "true" : "false", out);
    else if (op_is_list(c->op))
        qlist(out, &c->values);
    else
        q(out, c->values.items[0]);
}

static void emit_when(FILE *out, const ptrvec *when)
{
    if (!when->n)
        return;
    fputs("    when:\n", out);
    for (size_t i = 0; i < when->n; i++) {
        const sc_cond *c = when->items[i];
        fputs("      - {name: ", out);
        q(out, c->name);
        for (size_t k = 0; k < c->checks.n; k++) {
            fputs(", ", out);
            emit_check(out, c->checks.items[k]);
        }
        fputs("}\n", out);
    }
}

static void emit_head(FILE *out, const char *id, severity sev, const char *message, int min_v,
                      int max_v)
{
    fprintf(out, "  - id: %s\n    severity: %s\n", id, severity_name(sev));
    if (message) {
        fputs("    message: ", out);
        q(out, message);
        fputc('\n', out);
    }
    if (min_v)
        fprintf(out, "    min_version: %d\n", min_v);
    if (max_v)
        fprintf(out, "    max_version: %d\n", max_v);
}

static void emit_setting(FILE *out, const setting_rule *r)
{
    emit_head(out, r->id, r->sev, r->message, r->min_version, r->max_version);
    fputs("    name: ", out);
    q(out, r->target.name);
    fputc('\n', out);
    for (size_t k = 0; k < r->target.checks.n; k++) {
        fputs("    ", out);
        emit_check(out, r->target.checks.items[k]);
        fputc('\n', out);
    }
    emit_when(out, &r->when);
    if (r->fix_off) {
        fputs("    fix: false\n", out);
    } else if (r->fix_value) {
        fputs("    fix: {value: ", out);
        q(out, r->fix_value);
        if (r->fix_unsafe >= 0)
            fprintf(out, ", safety: %s", r->fix_unsafe ? "unsafe" : "safe");
        fputs("}\n", out);
    }
    if (r->fix_requires.n) {
        fputs("    fix_requires: ", out);
        qlist(out, &r->fix_requires);
        fputc('\n', out);
    }
}

static void emit_words(FILE *out, const char *key, const ptrvec *v)
{
    if (!v->n)
        return;
    fprintf(out, "    %s: ", key);
    qlist(out, v);
    fputc('\n', out);
}

static void emit_addrs(FILE *out, const char *key, const ptrvec *v)
{
    if (!v->n)
        return;
    fprintf(out, "    %s: [", key);
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            fputs(", ", out);
        q(out, ((const addr_spec *)v->items[i])->text);
    }
    fputs("]\n", out);
}

static void emit_hba(FILE *out, const hba_check_rule *r)
{
    emit_head(out, r->id, r->sev, r->message, r->min_version, r->max_version);
    emit_words(out, "types", &r->types);
    emit_words(out, "methods", &r->methods);
    if (r->databases) {
        fputs("    databases: ", out);
        q(out, policy_regex_pattern(r->databases));
        fputc('\n', out);
    }
    if (r->users) {
        fputs("    users: ", out);
        q(out, policy_regex_pattern(r->users));
        fputc('\n', out);
    }
    emit_words(out, "options", &r->options);
    emit_addrs(out, "except_addresses", &r->except_addresses);
    emit_words(out, "forbid_methods", &r->forbid_methods);
    if (r->has_allow_methods)
        emit_words(out, "allow_methods", &r->allow_methods);
    emit_addrs(out, "addresses", &r->addresses);
    if (r->min_prefix4 || r->min_prefix6)
        fprintf(out, "    min_prefix: {ipv4: %d, ipv6: %d}\n", r->min_prefix4, r->min_prefix6);
    if (r->require_ssl)
        fputs("    require_ssl: true\n", out);
    emit_words(out, "require_options", &r->require_options);
    emit_words(out, "forbid_options", &r->forbid_options);
    emit_when(out, &r->when);
    if (r->fix == HBA_FIX_METHOD)
        fprintf(out, "    fix: {method: %s}\n", r->fix_text);
    else if (r->fix == HBA_FIX_TYPE)
        fprintf(out, "    fix: {type: %s}\n", r->fix_text);
    else if (r->fix == HBA_FIX_COMMENT_OUT)
        fputs("    fix: comment_out\n", out);
}

static void emit_rule_state(FILE *out, const policy *p, const char *id)
{
    severity sev;
    fprintf(out, "  %s: {enabled: %s", id, policy_rule_enabled(p, id) ? "true" : "false");
    if (policy_rule_severity_set(p, id, &sev))
        fprintf(out, ", severity: %s", severity_name(sev));
    fputs("}\n", out);
}

int policy_write_rule(const policy *p, const char *rule_id, FILE *out)
{
    int n = 0;
    for (size_t i = 0; i < p->settings.n; i++) {
        const setting_rule *r = p->settings.items[i];
        if (strcmp(r->id, rule_id) == 0) {
            if (!n++)
                fputs("settings:\n", out);
            emit_setting(out, r);
        }
    }
    int h = 0;
    for (size_t i = 0; i < p->hba.n; i++) {
        const hba_check_rule *r = p->hba.items[i];
        if (strcmp(r->id, rule_id) == 0) {
            if (!h++)
                fputs("hba:\n", out);
            emit_hba(out, r);
        }
    }
    return n + h;
}

void policy_write_resolved(const policy *p, FILE *out)
{
    fprintf(out, "# pgconflint policy \"%s\", resolved: every layer merged (", p->name);
    for (size_t i = 0; i < p->chain.n; i++)
        fprintf(out, "%s%s", i ? ", " : "", (const char *)p->chain.items[i]);
    fputs(").\n# Loading this file gives the same policy.\nextends: none\n", out);
    if (p->description) {
        fputs("description: ", out);
        q(out, p->description);
        fputc('\n', out);
    }
    if (p->pg_version)
        fprintf(out, "pg_version: %d\n", p->pg_version);
    if (p->settings.n) {
        fputs("settings:\n", out);
        for (size_t i = 0; i < p->settings.n; i++)
            emit_setting(out, p->settings.items[i]);
    }
    if (p->hba.n) {
        fputs("hba:\n", out);
        for (size_t i = 0; i < p->hba.n; i++)
            emit_hba(out, p->hba.items[i]);
    }
    fputs("rules:\n", out);
    int n;
    const rule_info *all = rule_all(&n);
    for (int i = 0; i < n; i++)
        if (!rule_is_parse_error(all[i].id))
            emit_rule_state(out, p, all[i].id);
    for (size_t i = 0; i < p->user_ids.n; i++)
        emit_rule_state(out, p, p->user_ids.items[i]);
    static const char *const kind_names[] = {NULL, "conf", "hba", "ident"};
    int any_files = 0;
    for (int k = 1; k <= 3; k++)
        any_files |= p->files[k].n > 0;
    if (any_files) {
        fputs("files:\n", out);
        for (int k = 1; k <= 3; k++)
            if (p->files[k].n) {
                fprintf(out, "  %s: ", kind_names[k]);
                qlist(out, &p->files[k]);
                fputc('\n', out);
            }
    }
    if (p->exclude.n) {
        fputs("exclude: ", out);
        qlist(out, &p->exclude);
        fputc('\n', out);
    }
    if (!p->supp_allowed || p->supp_reason || p->supp_forbid.n) {
        fprintf(out, "suppressions:\n  allow: %s\n  require_reason: %s\n",
                p->supp_allowed ? "true" : "false", p->supp_reason ? "true" : "false");
        if (p->supp_forbid.n) {
            fputs("  forbid: ", out);
            qlist(out, &p->supp_forbid);
            fputc('\n', out);
        }
    }
}

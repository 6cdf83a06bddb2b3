/* guc_value.c — parsing and range-checking one value the way guc.c does
 * (parse_bool_with_len, parse_int, parse_real, enum lookup, IS_NAME
 * truncation), then the parameter's check hook, with the server's messages. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "catalog.h"
#include "guc_hooks.h"
#include "guc_units.h"

/* NAMEDATALEN - 1 */
#define MAX_NAME_BYTES 63

/* "%d" without printf: every accepted integer is printed (its normalized
 * form), and a printf call cost some 750 instructions, more than the rest of
 * the check. */
static const char *fmt_int(arena *a, long v)
{
    char buf[24], *end = buf + sizeof buf, *p = end;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    return arena_strndup(a, p, (size_t)(end - p));
}

/* PostgreSQL's own printf spells the infinities out; finite numbers are the
 * C library's %g, which prints a whole number below 10^6 (six significant
 * digits) as its digits: those skip printf. -0 keeps its sign. */
static const char *fmt_g(arena *a, double d)
{
    if (isnan(d))
        return "NaN";
    if (isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    if (d > -1e6 && d < 1e6 && d == (double)(long)d && !(d == 0 && signbit(d)))
        return fmt_int(a, (long)d);
    return arena_printf(a, "%g", d);
}

/* parse_bool_with_len: a case-insensitive prefix of true/false/yes/no, at
 * least two letters of on/off, or exactly 1/0. */
static int parse_bool(const char *s, int *out)
{
    size_t len = strlen(s);
    switch (*s) {
    case 't': case 'T':
        if (ascii_ncasecmp(s, "true", len) == 0 && len <= 4) { *out = 1; return 1; }
        break;
    case 'f': case 'F':
        if (ascii_ncasecmp(s, "false", len) == 0 && len <= 5) { *out = 0; return 1; }
        break;
    case 'y': case 'Y':
        if (ascii_ncasecmp(s, "yes", len) == 0 && len <= 3) { *out = 1; return 1; }
        break;
    case 'n': case 'N':
        if (ascii_ncasecmp(s, "no", len) == 0 && len <= 2) { *out = 0; return 1; }
        break;
    case 'o': case 'O': {
        /* "o" alone could be either */
        size_t n = len > 2 ? len : 2;
        if (ascii_ncasecmp(s, "on", n) == 0 && len <= 2) { *out = 1; return 1; }
        if (ascii_ncasecmp(s, "off", n) == 0 && len <= 3) { *out = 0; return 1; }
        break;
    }
    case '1':
        if (len == 1) { *out = 1; return 1; }
        break;
    case '0':
        if (len == 1) { *out = 0; return 1; }
        break;
    }
    return 0;
}

/* Skips C-locale whitespace (strtol/strtod's and guc.c's isspace). */
static const char *skip_space(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* Most integers in a file are a few plain decimal digits: what strtol
 * (base 0) reads of those is read here, without its locale and base
 * handling. 1 with *end after the digits; 0 (strtol's turn) for a sign,
 * leading space, an octal or hex prefix, or more than 9 digits. */
static int fast_decimal(const char *s, char **end)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    if (n == 0 || n > 9 || (s[0] == '0' && n > 1) ||
        (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
        return 0;
    *end = (char *)s + n;
    return 1;
}

static long strtol_small(const char *s, const char *end)
{
    long v = 0;
    for (; s < end; s++)
        v = v * 10 + (*s - '0');
    return v;
}

/* The number, its optional unit, and the unit hint on a bad unit.
 * `is_int` selects parse_int (strtol base 0 first) over parse_real. */
static int parse_number(const char *value, const guc_base_unit *bu, int is_int, double *out,
                        const char **hint)
{
    char *end;
    double val;
    errno = 0;
    if (is_int) {
        val = (double)(fast_decimal(value, &end) ? strtol_small(value, end)
                                                  : strtol(value, &end, 0));
        /* stopped at a decimal point or exponent, or too big for long:
         * read it again as a floating-point number */
        if (*end == '.' || *end == 'e' || *end == 'E' || errno == ERANGE) {
            errno = 0;
            val = strtod(value, &end);
        }
    } else {
        val = strtod(value, &end);
    }
    if (end == value || errno == ERANGE)
        return 0;
    if (isnan(val))
        return 0;
    end = (char *)skip_space(end);
    if (*end) {
        if (bu->family == UNIT_NONE)
            return 0;
        if (!guc_unit_convert(val, end, bu, &val)) {
            *hint = guc_unit_hint(bu->family);
            return 0;
        }
    }
    if (is_int) {
        val = guc_rint(val);
        if (val > INT_MAX || val < INT_MIN) {
            *hint = "Value exceeds integer range.";
            return 0;
        }
    }
    *out = val;
    return 1;
}

static int list_index(const char *const *list, const char *value)
{
    char c = ascii_tolower(value[0]);
    for (int i = 0; list && list[i]; i++)
        if (ascii_tolower(list[i][0]) == c && ascii_casecmp(list[i], value) == 0)
            return i;
    return -1;
}

/* What postgres -C prints for a hidden enum spelling: the first option with
 * the same internal value. The hidden spellings are the boolean words (which
 * mean the listed on/off, or for 12-13 password_encryption the first listed
 * value, md5), "debug" (= debug2) and the pre-9.6 wal_level names (= replica). */
static const char *hidden_canonical(const guc_param *p, const char *h)
{
    static const char *const yes_words[] = { "on", "true", "yes", "1", NULL };
    static const char *const no_words[] = { "off", "false", "no", "0", NULL };
    if (list_index(yes_words, h) >= 0) {
        int i = list_index(p->enumvals, "on");
        return i >= 0 ? p->enumvals[i] : p->enumvals[0];
    }
    if (list_index(no_words, h) >= 0) {
        int i = list_index(p->enumvals, "off");
        return i >= 0 ? p->enumvals[i] : h;
    }
    if (ascii_casecmp(h, "debug") == 0 && list_index(p->enumvals, "debug2") >= 0)
        return "debug2";
    if ((ascii_casecmp(h, "archive") == 0 || ascii_casecmp(h, "hot_standby") == 0) &&
        list_index(p->enumvals, "replica") >= 0)
        return "replica";
    return h;
}

/* Listed options that share an internal value with an earlier option print
 * as that earlier one (wal_compression = on stores pglz). */
static const char *same_value_option(const guc_param *p, const char *option)
{
    static const struct { const char *param, *option, *canonical; } same[] = {
        { "wal_compression", "on", "pglz" },
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (strcmp(p->name, same[i].param) == 0 && strcmp(option, same[i].option) == 0 &&
            list_index(p->enumvals, same[i].canonical) >= 0)
            return same[i].canonical;
    return option;
}

static const char *enum_hint(arena *a, const guc_param *p)
{
    strbuf b = { 0 };
    strbuf_puts(a, &b, "Available values: ");
    for (int i = 0; p->enumvals && p->enumvals[i]; i++)
        strbuf_printf(a, &b, "%s%s", i ? ", " : "", p->enumvals[i]);
    strbuf_puts(a, &b, ".");
    return b.data;
}

static void reject(guc_value_result *r, guc_value_status st, const char *msg, const char *hint)
{
    r->ok = 0;
    r->status = st;
    r->message = msg;
    r->hint = hint;
    r->normalized = NULL;
}

static const char *invalid_msg(arena *a, const char *name, const char *value)
{
    return arena_printf(a, "invalid value for parameter \"%s\": \"%s\"", name, value);
}

/* "<v>[ unit] is outside the valid range for parameter "x" (<min> .. <max>)";
 * 17+ repeat the unit on the bounds. */
static const char *range_msg(arena *a, const guc_param *p, const char *name, int version,
                             const char *v, const char *lo, const char *hi)
{
    const char *sp = *p->unit ? " " : "";
    if (version >= 17)
        return arena_printf(a, "%s%s%s is outside the valid range for parameter \"%s\" "
                               "(%s%s%s .. %s%s%s)",
                            v, sp, p->unit, name, lo, sp, p->unit, hi, sp, p->unit);
    return arena_printf(a, "%s%s%s is outside the valid range for parameter \"%s\" (%s .. %s)",
                        v, sp, p->unit, name, lo, hi);
}

/* Cuts an IS_NAME value to 63 bytes, as a SQL_ASCII server does while it
 * reads its configuration (byte-wise, even inside a UTF-8 character). */
static const char *truncate_name(arena *a, const char *value, guc_value_result *r)
{
    if (strlen(value) <= MAX_NAME_BYTES)
        return value;
    const char *cut = arena_strndup(a, value, MAX_NAME_BYTES);
    r->notice = arena_printf(a, "identifier \"%s\" will be truncated to \"%s\"", value, cut);
    return cut;
}

void guc_check_value_as(arena *a, const guc_param *p, const char *written_name, int version,
                        const char *value, guc_value_result *r)
{
    memset(r, 0, sizeof *r);
    r->ok = 1;
    r->status = GUCV_OK;
    /* 18 reports the canonical spelling; older versions echo the file's. */
    const char *name = (version >= 18 || !written_name) ? p->name : written_name;
    if (!value)
        value = "";

    if (p->context == CTX_INTERNAL) {
        reject(r, GUCV_CANNOT_CHANGE,
               arena_printf(a, "parameter \"%s\" cannot be changed", name), NULL);
        return;
    }

    guc_hook_value hv = { 0 };
    const char *hint = NULL;
    /* Only numbers have units; the other types skip the unit lookup. */
    guc_base_unit bu = {.family = UNIT_NONE, .size = 1};
    if ((p->type == GUC_INT || p->type == GUC_REAL) && !guc_base_unit_from_catalog(p->unit, &bu))
        bu.family = UNIT_NONE;

    switch (p->type) {
    case GUC_BOOL:
        if (!parse_bool(value, &hv.boolval)) {
            reject(r, GUCV_INVALID,
                   arena_printf(a, "parameter \"%s\" requires a Boolean value", name), NULL);
            return;
        }
        r->number = hv.boolval;
        break;
    case GUC_INT: {
        double d;
        if (!parse_number(value, &bu, 1, &d, &hint)) {
            reject(r, GUCV_INVALID, invalid_msg(a, name, value), hint);
            return;
        }
        hv.intval = (int)d;
        if (hv.intval < p->min || hv.intval > p->max) {
            reject(r, GUCV_OUT_OF_RANGE,
                   range_msg(a, p, name, version, fmt_int(a, hv.intval), fmt_int(a, (int)p->min),
                             fmt_int(a, (int)p->max)),
                   NULL);
            return;
        }
        break;
    }
    case GUC_REAL: {
        if (!parse_number(value, &bu, 0, &hv.realval, &hint)) {
            reject(r, GUCV_INVALID, invalid_msg(a, name, value), hint);
            return;
        }
        if (hv.realval < p->min || hv.realval > p->max) {
            reject(r, GUCV_OUT_OF_RANGE,
                   range_msg(a, p, name, version, fmt_g(a, hv.realval), fmt_g(a, p->min),
                             fmt_g(a, p->max)),
                   NULL);
            return;
        }
        break;
    }
    case GUC_ENUM: {
        int i = list_index(p->enumvals, value), listed = i >= 0;
        if (listed) {
            hv.strval = same_value_option(p, p->enumvals[i]);
        } else if ((i = list_index(p->hidden, value)) >= 0) {
            hv.strval = same_value_option(p, hidden_canonical(p, p->hidden[i]));
        } else {
            reject(r, GUCV_INVALID, invalid_msg(a, name, value), enum_hint(a, p));
            return;
        }
        /* The listed option itself is the first of its spelling (else the
         * search above would have stopped earlier): no second search. */
        r->number = listed && hv.strval == p->enumvals[i] ? i : list_index(p->enumvals, hv.strval);
        break;
    }
    case GUC_STRING:
        hv.strval = (p->flags & GUCF_IS_NAME) ? truncate_name(a, value, r) : value;
        break;
    }

    guc_hook_result hr;
    if (!guc_run_check_hook(a, p, version, &hv, &hr)) {
        const char *shown;
        switch (p->type) {
        case GUC_BOOL: shown = fmt_int(a, hv.boolval); break;
        case GUC_INT: shown = fmt_int(a, hv.intval); break;
        case GUC_REAL: shown = fmt_g(a, hv.realval); break;
        default: shown = arena_printf(a, "\"%s\"", hv.strval); break;
        }
        /* hook failures always name the parameter canonically */
        reject(r, GUCV_HOOK,
               hr.errmsg ? hr.errmsg
                         : arena_printf(a, "invalid value for parameter \"%s\": %s", p->name, shown),
               hr.hint);
        r->detail = hr.detail;
        r->env_dependent = hr.env_dependent;
        return;
    }
    r->env_dependent = hr.env_dependent;

    switch (p->type) {
    case GUC_BOOL:
        r->normalized = hv.boolval ? "on" : "off";
        break;
    case GUC_INT:
        r->number = hv.intval;
        r->normalized = fmt_int(a, hv.intval);
        break;
    case GUC_REAL:
        r->number = hv.realval;
        r->normalized = fmt_g(a, hv.realval);
        break;
    case GUC_ENUM:
    case GUC_STRING:
        r->normalized = hv.strval;
        break;
    }
}

void guc_check_value(arena *a, const guc_param *p, int version, const char *value,
                     guc_value_result *r)
{
    guc_check_value_as(a, p, NULL, version, value, r);
}

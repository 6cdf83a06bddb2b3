/* auth_regex.c — a syntax check of PostgreSQL ARE patterns. */
#include "auth_regex.h"

#include <ctype.h>
#include <string.h>

/* regerror texts of PostgreSQL's regex library */
#define E_EESCAPE "invalid escape \\ sequence"
#define E_ESUBREG "invalid backreference number"
#define E_EBRACK "brackets [] not balanced"
#define E_EPAREN "parentheses () not balanced"
#define E_EBRACE "braces {} not balanced"
#define E_BADBR "invalid repetition count(s)"
#define E_ERANGE "invalid character range"
#define E_BADRPT "quantifier operand invalid"
#define E_ECTYPE "invalid character class"
#define E_ECOLLATE "invalid collating element"
#define E_BADOPT "invalid embedded option"

#define DUPMAX 255
#define MAX_GROUPS 1024

typedef struct re_scan {
    const unsigned char *p, *end;
    int ngroups;                  /* capturing groups opened so far */
    unsigned char closed[MAX_GROUPS + 1];
    int stack[256];               /* per open paren: group number, 0 non-capturing,
                                     -1 a lookaround constraint */
    int depth;
} re_scan;

static int at_end(const re_scan *s) { return s->p >= s->end; }

static int is_hex(int c) { return isxdigit(c); }

/* An escape outside brackets. *quantifiable says whether a quantifier may
 * follow (constraints such as \m or \y cannot take one). */
static const char *escape(re_scan *s, int *quantifiable)
{
    s->p++; /* the backslash */
    if (at_end(s))
        return E_EESCAPE;
    int c = *s->p++;
    *quantifiable = 1;
    if (!isalnum(c))
        return NULL;   /* \. \* \\ ... are literals */
    switch (c) {
    case 'a': case 'b': case 'e': case 'f': case 'n': case 'r': case 't': case 'v':
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        return NULL;
    case 'A': case 'Z': case 'm': case 'M': case 'y': case 'Y':
        *quantifiable = 0;
        return NULL;
    case 'B':
        return NULL;
    case 'c':
        if (at_end(s))
            return E_EESCAPE;
        s->p++;
        return NULL;
    case 'u': case 'U': {
        int need = c == 'u' ? 4 : 8;
        for (int i = 0; i < need; i++, s->p++)
            if (at_end(s) || !is_hex(*s->p))
                return E_EESCAPE;
        return NULL;
    }
    case 'x':
        if (at_end(s) || !is_hex(*s->p))
            return E_EESCAPE;
        while (!at_end(s) && is_hex(*s->p))
            s->p++;
        return NULL;
    case '0':
        while (!at_end(s) && *s->p >= '0' && *s->p <= '7')
            s->p++;
        return NULL;
    default:
        if (c >= '1' && c <= '9') {
            int n = c - '0';
            while (!at_end(s) && isdigit(*s->p) && n * 10 + (*s->p - '0') <= s->ngroups)
                n = n * 10 + (*s->p++ - '0');
            if (n > s->ngroups || n > MAX_GROUPS || !s->closed[n])
                return E_ESUBREG;
            return NULL;
        }
        return E_EESCAPE;
    }
}

/* POSIX names of collating elements, as in [[.space.]] */
static int collating_name_ok(const unsigned char *name, size_t n)
{
    static const char *const names[] = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "alert", "BS", "backspace", "HT",
        "tab", "LF", "newline", "VT", "vertical-tab", "FF", "form-feed", "CR", "carriage-return",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "IS4", "FS", "IS3", "GS", "IS2", "RS", "IS1", "US", "space", "exclamation-mark",
        "quotation-mark", "number-sign", "dollar-sign", "percent-sign", "ampersand",
        "apostrophe", "left-parenthesis", "right-parenthesis", "asterisk", "plus-sign", "comma",
        "hyphen", "hyphen-minus", "period", "full-stop", "slash", "solidus", "zero", "one", "two",
        "three", "four", "five", "six", "seven", "eight", "nine", "colon", "semicolon",
        "less-than-sign", "equals-sign", "greater-than-sign", "question-mark", "commercial-at",
        "left-square-bracket", "backslash", "reverse-solidus", "right-square-bracket",
        "circumflex", "circumflex-accent", "underscore", "low-line", "grave-accent", "left-brace",
        "left-curly-bracket", "vertical-line", "right-brace", "right-curly-bracket", "tilde",
        "DEL", NULL};
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
            return 1;
    return 0;
}

static int class_name_ok(const unsigned char *name, size_t n)
{
    static const char *const names[] = {"alnum", "alpha", "ascii", "blank", "cntrl", "digit",
                                        "graph", "lower", "print", "punct", "space", "upper",
                                        "xdigit", "word", "<", ">", NULL};
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
            return 1;
    return 0;
}

/* One bracket element: a character (value in *ch, or -1 if it is a class
 * and cannot bound a range). */
static const char *bracket_elem(re_scan *s, int *ch)
{
    if (s->p[0] == '[' && s->p + 1 < s->end &&
        (s->p[1] == ':' || s->p[1] == '.' || s->p[1] == '=')) {
        unsigned char kind = s->p[1];
        const unsigned char *start = s->p + 2, *q = start;
        while (q + 1 < s->end && !(q[0] == kind && q[1] == ']'))
            q++;
        if (q + 1 >= s->end)
            return E_EBRACK;
        size_t n = (size_t)(q - start);
        s->p = q + 2;
        if (kind == ':') {
            *ch = -1;
            return class_name_ok(start, n) ? NULL : E_ECTYPE;
        }
        if (n == 0)
            return E_ECOLLATE;
        *ch = n == 1 ? start[0] : -1;
        return n == 1 || kind == '=' || collating_name_ok(start, n) ? NULL : E_ECOLLATE;
    }
    if (s->p[0] == '\\') {
        s->p++;
        if (at_end(s))
            return E_EBRACK;
        int c = *s->p++;
        *ch = strchr("dDsSwW", c) && c ? -1 : c;
        if (c == 'x' || c == 'u' || c == 'U') {
            while (!at_end(s) && is_hex(*s->p))
                s->p++;
            *ch = -1;
        }
        return NULL;
    }
    *ch = *s->p++;
    return NULL;
}

static const char *bracket(re_scan *s)
{
    s->p++; /* [ */
    if (!at_end(s) && *s->p == '^')
        s->p++;
    int first = 1;
    for (;;) {
        if (at_end(s))
            return E_EBRACK;
        if (*s->p == ']' && !first) {
            s->p++;
            return NULL;
        }
        first = 0;
        int lo, hi;
        const char *e = bracket_elem(s, &lo);
        if (e)
            return e;
        if (!at_end(s) && *s->p == '-' && s->p + 1 < s->end && s->p[1] != ']') {
            s->p++;
            e = bracket_elem(s, &hi);
            if (e)
                return e;
            if (lo < 0 || hi < 0 || lo > hi)
                return E_ERANGE;
        }
    }
}

/* {m}, {m,}, {m,n}; s->p is at the '{', which is followed by a digit. */
static const char *bound(re_scan *s)
{
    s->p++;
    long m = 0, n;
    while (!at_end(s) && isdigit(*s->p))
        if ((m = m * 10 + (*s->p++ - '0')) > DUPMAX + 1)
            m = DUPMAX + 1;
    n = m;
    if (!at_end(s) && *s->p == ',') {
        s->p++;
        if (!at_end(s) && isdigit(*s->p)) {
            n = 0;
            while (!at_end(s) && isdigit(*s->p))
                if ((n = n * 10 + (*s->p++ - '0')) > DUPMAX + 1)
                    n = DUPMAX + 1;
        } else {
            n = DUPMAX;
        }
    }
    if (at_end(s))
        return E_EBRACE;
    if (*s->p != '}')
        return E_BADBR;
    s->p++;
    if (m > DUPMAX || n > DUPMAX || m > n)
        return E_BADBR;
    return NULL;
}

static int is_quantifier(const re_scan *s)
{
    if (at_end(s))
        return 0;
    int c = *s->p;
    return c == '*' || c == '+' || c == '?' ||
           (c == '{' && s->p + 1 < s->end && isdigit(s->p[1]));
}

static const char *quantifiers(re_scan *s, int quantifiable)
{
    if (!is_quantifier(s))
        return NULL;
    if (!quantifiable)
        return E_BADRPT;
    if (*s->p == '{') {
        const char *e = bound(s);
        if (e)
            return e;
    } else {
        s->p++;
    }
    if (!at_end(s) && *s->p == '?')   /* non-greedy */
        s->p++;
    return is_quantifier(s) ? E_BADRPT : NULL;
}

/* Leading (?opts): only at the very start of an ARE. */
static const char *embedded_options(re_scan *s)
{
    while (s->end - s->p >= 2 && s->p[0] == '(' && s->p[1] == '?' && s->p + 2 < s->end &&
           isalpha(s->p[2])) {
        s->p += 2;
        while (!at_end(s) && *s->p != ')') {
            if (!strchr("bceimnpqstwx", *s->p))
                return E_BADOPT;
            s->p++;
        }
        if (at_end(s))
            return E_BADOPT;
        s->p++;
    }
    return NULL;
}

const char *auth_regex_error(const char *re, size_t n)
{
    re_scan s;
    memset(&s, 0, sizeof s);
    s.p = (const unsigned char *)re;
    s.end = s.p + n;
    if (n >= 4 && memcmp(re, "***=", 4) == 0)
        return NULL;   /* the rest is a literal string */
    if (n >= 4 && memcmp(re, "***:", 4) == 0)
        s.p += 4;
    else if (n >= 3 && memcmp(re, "***", 3) == 0)
        return E_BADRPT;
    const char *e = embedded_options(&s);
    if (e)
        return e;
    int operand = 0;   /* is there something a quantifier could apply to? */
    while (!at_end(&s)) {
        int c = *s.p;
        int quantifiable = 1;
        switch (c) {
        case '(':
            if (s.depth >= (int)(sizeof s.stack / sizeof s.stack[0]))
                return "regular expression is too complex";
            s.p++;
            if (!at_end(&s) && *s.p == '?') {
                s.p++;
                int kind = 0;
                if (!at_end(&s) && *s.p == ':')
                    s.p++;
                else if (!at_end(&s) && (*s.p == '=' || *s.p == '!'))
                    s.p++, kind = -1;
                else if (s.end - s.p >= 2 && s.p[0] == '<' && (s.p[1] == '=' || s.p[1] == '!'))
                    s.p += 2, kind = -1;
                else
                    return E_BADRPT;
                s.stack[s.depth++] = kind;
            } else {
                s.stack[s.depth++] = ++s.ngroups;
            }
            if (is_quantifier(&s))
                return E_BADRPT;
            operand = 0;
            continue;
        case ')':
            if (s.depth == 0)
                return E_EPAREN;
            {
                int g = s.stack[--s.depth];
                if (g > 0 && g <= MAX_GROUPS)
                    s.closed[g] = 1;
                quantifiable = g >= 0;   /* a constraint takes no quantifier */
            }
            s.p++;
            break;
        case '|':
            s.p++;
            if (is_quantifier(&s))
                return E_BADRPT;
            operand = 0;
            continue;
        case '[':
            if ((e = bracket(&s)) != NULL)
                return e;
            break;
        case '\\':
            if ((e = escape(&s, &quantifiable)) != NULL)
                return e;
            break;
        case '^':
        case '$':
            s.p++;
            quantifiable = 0;
            break;
        case '*':
        case '+':
        case '?':
            if (!operand)
                return E_BADRPT;
            s.p++;
            break;
        case '{':
            if (s.p + 1 < s.end && isdigit(s.p[1]) && !operand)
                return E_BADRPT;
            s.p++;
            break;
        default:
            s.p++;
            break;
        }
        operand = 1;
        if ((e = quantifiers(&s, quantifiable)) != NULL)
            return e;
    }
    return s.depth ? E_EPAREN : NULL;
}

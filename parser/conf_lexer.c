/* conf_lexer.c — longest-match scanning of postgresql.conf bytes.
 *
 * Every rule of PostgreSQL's scanner that can start with the current byte
 * is tried and the longest match wins; a tie goes to the rule PostgreSQL
 * lists first. Competing rules (rather than a hand-made state machine) are
 * what make `a.b` a QUALIFIED_ID but `a.b.c` an UNQUOTED_STRING, and `1e5`
 * INTEGER `1e` followed by INTEGER `5`. Each rule scans at most to the end
 * of the line, and a parser only asks for a handful of tokens per line
 * before it either accepts the line or skips to the newline, so scanning
 * stays linear. Line ends and blanks are answered inline (conf_lexer.h).
 */
#include "conf_lexer.h"

#include <string.h>

/* Byte classes, one table lookup per byte instead of a chain of ranges. */
enum {
    C_LETTER = 1,   /* A-Z a-z _ and 0x80-0xFF: the scanner runs in 8-bit mode */
    C_DIGIT = 2,
    C_HEX = 4,
    C_UNQ = 8,      /* - . _ : / , which UNQUOTED_STRING adds after its first byte */
    C_ASCII = 16,   /* A-Z a-z: unit letters after a number */
    C_WS = 32,      /* space, TAB, CR */
};

static const unsigned char cls[256] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0, 32,  0,  0,  0, 32,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    32,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  8,  8,  8,
     6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  8,  0,  0,  0,  0,  0,
     0, 21, 21, 21, 21, 21, 21, 17, 17, 17, 17, 17, 17, 17, 17, 17,
    17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17,  0,  0,  0,  0,  9,
     0, 21, 21, 21, 21, 21, 21, 17, 17, 17, 17, 17, 17, 17, 17, 17,
    17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17,  0,  0,  0,  0,  0,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
     1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
};

static int is_letter(unsigned c) { return cls[c & 0xff] & C_LETTER; }
static int is_digit(unsigned c) { return cls[c & 0xff] & C_DIGIT; }
static int is_hex(unsigned c) { return cls[c & 0xff] & C_HEX; }
static int is_ascii_letter(unsigned c) { return cls[c & 0xff] & C_ASCII; }
static int is_ws(unsigned c) { return cls[c & 0xff] & C_WS; }

/* Lengths of each rule's longest match at p[0..n); 0 = no match. */

static size_t match_id(const unsigned char *p, size_t n)
{
    if (n == 0 || !is_letter(p[0]))
        return 0;
    size_t i = 1;
    while (i < n && (cls[p[i]] & (C_LETTER | C_DIGIT)))
        i++;
    return i;
}

/* UNQUOTED_STRING after its first letter: letters, digits, - . _ : / */
static size_t match_unquoted_tail(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (cls[p[i]] & (C_LETTER | C_DIGIT | C_UNQ)))
        i++;
    return i;
}

/* A quote may close the string or, doubled, stand for itself: every quote
 * reached inside the string is a possible end, and scanning only goes on
 * through a doubled quote, so the last possible end is the longest match. */
static size_t match_string(const unsigned char *p, size_t n)
{
    if (n == 0 || p[0] != '\'')
        return 0;
    size_t best = 0, i = 1;
    while (i < n) {
        unsigned c = p[i];
        if (c == '\'') {
            best = i + 1;
            if (i + 1 < n && p[i + 1] == '\'') {
                i += 2;
                continue;
            }
            break;
        }
        if (c == '\\') {
            if (i + 1 < n && p[i + 1] != '\n') {
                i += 2;
                continue;
            }
            break;
        }
        if (c == '\n')
            break;
        i++;
    }
    return best;
}

static size_t match_integer(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (i < n && (p[i] == '+' || p[i] == '-'))
        i++;
    size_t best = 0;
    /* decimal digits, then unit letters */
    size_t j = i;
    while (j < n && is_digit(p[j]))
        j++;
    if (j > i) {
        while (j < n && is_ascii_letter(p[j]))
            j++;
        best = j;
    }
    /* 0x and hex digits (lower-case x only), then unit letters */
    if (i + 2 < n && p[i] == '0' && p[i + 1] == 'x' && is_hex(p[i + 2])) {
        size_t k = i + 2;
        while (k < n && is_hex(p[k]))
            k++;
        while (k < n && is_ascii_letter(p[k]))
            k++;
        if (k > best)
            best = k;
    }
    return best;
}

static size_t match_real(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (i < n && (p[i] == '+' || p[i] == '-'))
        i++;
    while (i < n && is_digit(p[i]))
        i++;
    if (i >= n || p[i] != '.')
        return 0;
    i++;
    while (i < n && is_digit(p[i]))
        i++;
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        size_t k = i + 1;
        if (k < n && (p[k] == '+' || p[k] == '-'))
            k++;
        if (k < n && is_digit(p[k])) {
            while (k < n && is_digit(p[k]))
                k++;
            i = k;
        }
    }
    return i;
}

conf_token conf_lex_other(const unsigned char *data, size_t len, size_t off)
{
    conf_token t = {CTOK_EOF, off, 0};
    if (off >= len) {
        t.off = len;
        return t;
    }
    const unsigned char *p = data + off;
    size_t n = len - off;
    unsigned c = p[0];
    if (c == '\n') {
        t.kind = CTOK_EOL;
        t.len = 1;
        return t;
    }
    if (is_ws(c)) {
        size_t i = 1;
        while (i < n && is_ws(p[i]))
            i++;
        t.kind = CTOK_WS;
        t.len = i;
        return t;
    }
    if (c == '#') {
        const unsigned char *nl = memchr(p, '\n', n);
        t.kind = CTOK_COMMENT;
        t.len = nl ? (size_t)(nl - p) : n;
        return t;
    }
    /*
     * The remaining rules, in PostgreSQL's order; a strictly longer match
     * wins (a tie goes to the rule listed first). Only the rules that can
     * start with this byte are tried: a letter starts ID, QUALIFIED_ID and
     * UNQUOTED_STRING only; a digit, sign or dot INTEGER and REAL only.
     */
    t.kind = CTOK_ERROR;
    t.len = 1;
    if (is_letter(c)) {
        /* One scan serves all three: UNQUOTED_STRING's characters include
         * ID's, so it continues where ID stops. ID matches at least the
         * letter itself, so it is the first candidate to beat. */
        size_t id = match_id(p, n);
        size_t qid = (id + 1 < n && p[id] == '.') ? match_id(p + id + 1, n - id - 1) : 0;
        size_t unq = id + match_unquoted_tail(p + id, n - id);
        t.kind = CTOK_ID;
        t.len = id;
        if (qid && id + 1 + qid > t.len) {
            t.kind = CTOK_QUALIFIED_ID;
            t.len = id + 1 + qid;
        }
        if (unq > t.len) {
            t.kind = CTOK_UNQUOTED_STRING;
            t.len = unq;
        }
    } else if (is_digit(c) || c == '+' || c == '-' || c == '.') {
        size_t in = match_integer(p, n), re = match_real(p, n);
        if (in > 0 && in >= re) {
            t.kind = CTOK_INTEGER;
            t.len = in;
        } else if (re > 0) {
            t.kind = CTOK_REAL;
            t.len = re;
        }
    } else if (c == '\'') {
        size_t s = match_string(p, n);
        if (s > 0) {
            t.kind = CTOK_STRING;
            t.len = s;
        }
    } else if (c == '=') {
        t.kind = CTOK_EQUALS;
    }
    return t;
}

void conf_lexer_init(conf_lexer *lx, const unsigned char *data, size_t len)
{
    lx->data = data;
    lx->len = len;
    lx->pos = 0;
}

conf_token conf_lex_next(conf_lexer *lx)
{
    conf_token t = conf_lex_at(lx->data, lx->len, lx->pos);
    lx->pos = t.off + t.len;
    return t;
}

const char *conf_tok_kind_name(conf_tok_kind k)
{
    switch (k) {
    case CTOK_EOF: return "EOF";
    case CTOK_EOL: return "EOL";
    case CTOK_WS: return "WS";
    case CTOK_COMMENT: return "COMMENT";
    case CTOK_ID: return "ID";
    case CTOK_QUALIFIED_ID: return "QUALIFIED_ID";
    case CTOK_STRING: return "STRING";
    case CTOK_UNQUOTED_STRING: return "UNQUOTED_STRING";
    case CTOK_INTEGER: return "INTEGER";
    case CTOK_REAL: return "REAL";
    case CTOK_EQUALS: return "EQUALS";
    case CTOK_ERROR: return "ERROR";
    }
    return "?";
}

int conf_tok_is_value(conf_tok_kind k)
{
    return k == CTOK_ID || k == CTOK_STRING || k == CTOK_INTEGER || k == CTOK_REAL ||
           k == CTOK_UNQUOTED_STRING;
}

int conf_tok_is_name(conf_tok_kind k)
{
    return k == CTOK_ID || k == CTOK_QUALIFIED_ID;
}

/* conf_lexer.c — longest-match scanning of postgresql.conf bytes.
 *
 * Every rule of PostgreSQL's scanner that can start with the current byte
 * is tried and the longest match wins; a tie goes to the rule PostgreSQL
 * lists first. Competing rules (rather than a hand-made state machine) are
 * what make `a.b` a QUALIFIED_ID but `a.b.c` an UNQUOTED_STRING, and `1e5`
 * INTEGER `1e` followed by INTEGER `5`. Each rule scans at most to the end
 * of the line, and a parser only asks for a handful of tokens per line
 * before it either accepts the line or skips to the newline, so scanning
 * stays linear.
 */
#include "conf_lexer.h"

#include <string.h>

static int is_letter(unsigned c)
{
    /* bytes 0x80-0xFF count as letters: the scanner runs in 8-bit mode */
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }
static int is_ascii_letter(unsigned c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_hex(unsigned c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int is_ws(unsigned c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Lengths of each rule's longest match at p[0..n); 0 = no match. */

static size_t match_id(const unsigned char *p, size_t n)
{
    if (n == 0 || !is_letter(p[0]))
        return 0;
    size_t i = 1;
    while (i < n && (is_letter(p[i]) || is_digit(p[i])))
        i++;
    return i;
}

/* UNQUOTED_STRING after its first letter: letters, digits, - . _ : / */
static size_t match_unquoted_tail(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (is_letter(p[i]) || is_digit(p[i]) || p[i] == '-' || p[i] == '.' ||
                     p[i] == '_' || p[i] == ':' || p[i] == '/'))
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

conf_token conf_lex_at(const unsigned char *data, size_t len, size_t off)
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
     * wins. Only the rules that can start with this byte are tried: a letter
     * starts ID, QUALIFIED_ID and UNQUOTED_STRING only; a digit, sign or dot
     * INTEGER and REAL only.
     */
    struct { conf_tok_kind kind; size_t len; } cand[3];
    size_t nc = 0;
    if (is_letter(c)) {
        /* One scan serves all three: UNQUOTED_STRING's characters include
         * ID's, so it continues where ID stops. */
        size_t id = match_id(p, n);
        size_t qid = (id + 1 < n && p[id] == '.') ? match_id(p + id + 1, n - id - 1) : 0;
        cand[nc].kind = CTOK_ID;
        cand[nc++].len = id;
        cand[nc].kind = CTOK_QUALIFIED_ID;
        cand[nc++].len = qid ? id + 1 + qid : 0;
        cand[nc].kind = CTOK_UNQUOTED_STRING;
        cand[nc++].len = id + match_unquoted_tail(p + id, n - id);
    } else if (is_digit(c) || c == '+' || c == '-' || c == '.') {
        cand[nc].kind = CTOK_INTEGER;
        cand[nc++].len = match_integer(p, n);
        cand[nc].kind = CTOK_REAL;
        cand[nc++].len = match_real(p, n);
    } else if (c == '\'') {
        cand[nc].kind = CTOK_STRING;
        cand[nc++].len = match_string(p, n);
    } else if (c == '=') {
        cand[nc].kind = CTOK_EQUALS;
        cand[nc++].len = 1;
    }
    t.kind = CTOK_ERROR;
    t.len = 1;
    size_t best = 0;
    for (size_t i = 0; i < nc; i++) {
        if (cand[i].len > best) {
            best = cand[i].len;
            t.kind = cand[i].kind;
            t.len = cand[i].len;
        }
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

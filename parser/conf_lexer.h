/*
 * conf_lexer — the tokens of postgresql.conf, as PostgreSQL's scanner
 * (guc-file.l) cuts them: longest match at each position, ties to the rule
 * listed first; whitespace and comments are tokens too so that a caller can
 * account for every byte.
 *
 * Memory: the lexer only points into the caller's buffer; it allocates nothing.
 */
#ifndef PGCL_CONF_LEXER_H
#define PGCL_CONF_LEXER_H

#include <stddef.h>

typedef enum conf_tok_kind {
    CTOK_EOF = 0,          /* end of input (len 0) */
    CTOK_EOL,              /* one '\n' */
    CTOK_WS,               /* a run of space, TAB, CR */
    CTOK_COMMENT,          /* '#' up to (not including) the next '\n' */
    CTOK_ID,
    CTOK_QUALIFIED_ID,
    CTOK_STRING,           /* quotes included */
    CTOK_UNQUOTED_STRING,
    CTOK_INTEGER,
    CTOK_REAL,
    CTOK_EQUALS,
    CTOK_ERROR             /* any other single byte (NUL, FF, VT, '"', '-', ...) */
} conf_tok_kind;

typedef struct conf_token {
    conf_tok_kind kind;
    size_t off, len;       /* byte span in the buffer */
} conf_token;

typedef struct conf_lexer {
    const unsigned char *data;
    size_t len, pos;
} conf_lexer;

void conf_lexer_init(conf_lexer *lx, const unsigned char *data, size_t len);

/* The token at the current position (whitespace and comments included);
 * advances past it. Returns CTOK_EOF forever at the end. */
conf_token conf_lex_next(conf_lexer *lx);

/* The token that starts at `off` of data[0..len), without a lexer object.
 * Most tokens of a postgresql.conf are a line's end or a run of blanks (a
 * parser asks for one at every line, and skips blanks between the others):
 * those (and the '=' of a setting) are answered here, inline, the rest by
 * conf_lex_other(). */
conf_token conf_lex_other(const unsigned char *data, size_t len, size_t off);

static inline conf_token conf_lex_at(const unsigned char *data, size_t len, size_t off)
{
    if (off < len) {
        unsigned c = data[off];
        if (c == '\n') {
            conf_token t = {CTOK_EOL, off, 1};
            return t;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            size_t i = off + 1;
            while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
                i++;
            conf_token t = {CTOK_WS, off, i - off};
            return t;
        }
        if (c == '=') {   /* no other rule starts with it */
            conf_token t = {CTOK_EQUALS, off, 1};
            return t;
        }
    }
    return conf_lex_other(data, len, off);
}

/* PostgreSQL's name for a token kind ("ID", "QUALIFIED_ID", ...). */
const char *conf_tok_kind_name(conf_tok_kind k);

/* A token kind that may stand as a setting's value / name. */
int conf_tok_is_value(conf_tok_kind k);
int conf_tok_is_name(conf_tok_kind k);

#endif

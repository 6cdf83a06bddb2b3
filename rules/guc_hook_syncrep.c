/* guc_hook_syncrep.c — synchronous_standby_names: its small grammar
 *
 *   config := list | NUM '(' list ')' | ANY NUM '(' list ')' | FIRST NUM '(' list ')'
 *   list   := name (',' name)*        name := identifier | "quoted" | NUM | '*'
 *
 * with ANY/FIRST case-insensitive key words, and the number of standbys > 0.
 * Errors carry the server's wording: "syntax error at or near "x"" or
 * "... at end of input" for the first offending token. */
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "guc_hooks.h"

typedef enum tok_kind { T_END, T_NAME, T_NUM, T_ANY, T_FIRST, T_LPAREN, T_RPAREN, T_COMMA, T_JUNK } tok_kind;

typedef struct lexer {
    arena *a;
    const char *p;
    tok_kind kind;
    const char *text;      /* the token as the server's error shows it */
    const char *error;     /* first error, as in the server */
} lexer;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int ident_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80 || c == '_';
}

static int ident_cont(unsigned char c)
{
    return ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static void set_error(lexer *lx, const char *what)
{
    if (lx->error)
        return;
    if (lx->text && *lx->text)
        lx->error = arena_printf(lx->a, "%s at or near \"%s\"", what, lx->text);
    else
        lx->error = arena_printf(lx->a, "%s at end of input", what);
}

static void next(lexer *lx)
{
    while (is_space(*lx->p))
        lx->p++;
    const char *s = lx->p;
    if (!*s) {
        lx->kind = T_END;
        lx->text = "";
        return;
    }
    if (*s == '"') {
        const char *q = s + 1;
        for (;;) {
            q = strchr(q, '"');
            if (!q) {
                lx->p = s + strlen(s);
                lx->text = "";
                set_error(lx, "unterminated quoted identifier");
                lx->kind = T_JUNK;
                return;
            }
            if (q[1] != '"')
                break;
            q += 2;
        }
        lx->p = q + 1;
        lx->kind = T_NAME;
        lx->text = "\"";   /* the last text the scanner matched: the closing quote */
        return;
    }
    size_t n = 1;
    if (ident_start((unsigned char)*s)) {
        while (ident_cont((unsigned char)s[n]))
            n++;
        /* the key words win only when they are the whole identifier */
        if (n == 3 && ascii_ncasecmp(s, "any", 3) == 0)
            lx->kind = T_ANY;
        else if (n == 5 && ascii_ncasecmp(s, "first", 5) == 0)
            lx->kind = T_FIRST;
        else
            lx->kind = T_NAME;
    } else if (*s >= '0' && *s <= '9') {
        while (s[n] >= '0' && s[n] <= '9')
            n++;
        lx->kind = T_NUM;
    } else if (*s == '*') {
        lx->kind = T_NAME;
    } else if (*s == '(') {
        lx->kind = T_LPAREN;
    } else if (*s == ')') {
        lx->kind = T_RPAREN;
    } else if (*s == ',') {
        lx->kind = T_COMMA;
    } else {
        lx->kind = T_JUNK;
    }
    lx->text = arena_strndup(lx->a, s, n);
    lx->p = s + n;
}

static int expect(lexer *lx, tok_kind k)
{
    if (lx->kind != k) {
        set_error(lx, "syntax error");
        return 0;
    }
    next(lx);
    return 1;
}

static int parse_list(lexer *lx)
{
    for (;;) {
        if (lx->kind != T_NAME && lx->kind != T_NUM) {
            set_error(lx, "syntax error");
            return 0;
        }
        next(lx);
        if (lx->kind != T_COMMA)
            return 1;
        next(lx);
    }
}

/* Returns 1 and sets *num when the text parses. */
static int parse_config(lexer *lx, int *num)
{
    next(lx);
    *num = 1;
    int keyword = lx->kind == T_ANY || lx->kind == T_FIRST;
    if (keyword) {
        next(lx);
        if (lx->kind != T_NUM) {
            set_error(lx, "syntax error");
            return 0;
        }
    }
    if (lx->kind == T_NUM) {
        /* NUM '(' starts a count; a NUM otherwise is a standby named by digits */
        const char *num_text = lx->text;
        lexer after = *lx;
        next(&after);
        if (after.kind == T_LPAREN || keyword) {
            *lx = after;
            if (!expect(lx, T_LPAREN))
                return 0;
            *num = (int)strtol(num_text, NULL, 10);   /* PostgreSQL's atoi */
            if (!parse_list(lx) || !expect(lx, T_RPAREN))
                return 0;
            return expect(lx, T_END);
        }
    }
    if (!parse_list(lx))
        return 0;
    return expect(lx, T_END);
}

int hook_synchronous_standby_names(arena *a, const guc_param *p, int version,
                                   guc_hook_value *v, guc_hook_result *out)
{
    (void)p; (void)version;
    if (!*v->strval)
        return 1;
    lexer lx = { .a = a, .p = v->strval };
    int num = 1;
    if (!parse_config(&lx, &num)) {
        out->detail = lx.error ? lx.error : "synchronous_standby_names parser failed";
        return 0;
    }
    if (num <= 0) {
        out->errmsg = arena_printf(a, "number of synchronous standbys (%d) must be greater than zero",
                                   num);
        return 0;
    }
    return 1;
}

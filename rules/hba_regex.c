/* hba_regex.c — ARE entries of pg_hba.conf through PCRE2: the syntax both
 * flavours share, plus ARE's word-boundary and character escapes rewritten;
 * anything else is reported as undecided, never guessed. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "hba_regex.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* ARE escapes outside brackets, rewritten for PCRE2 (word = alnum or '_',
 * as in both engines' ASCII classes); NULL if not translated. */
static const char *are_escape(unsigned char c)
{
    switch (c) {
    case 'm': return "\\b(?=\\w)";    /* start of a word */
    case 'M': return "\\b(?<=\\w)";   /* end of a word */
    case 'y': return "\\b";
    case 'Y': return "\\B";
    case 'A': return "\\A";
    case 'Z': return "\\z";            /* ARE \Z is the very end */
    case 'B': return "\\\\";           /* ARE \B is a backslash */
    case 'b': return "\\x08";
    case 'a': return "\\x07";
    case 'e': return "\\x1b";
    case 'v': return "\\x0b";
    default: return NULL;
    }
}

/* Escapes that mean the same in ARE and PCRE2. \x, \u, \U and \0 read a
 * different number of digits, \c masks differently, and multi-digit
 * back-references differ. */
static int shared_escape(unsigned char c, int in_bracket)
{
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
        return 1;
    if (strchr("dsw", c))
        return 1;
    if (!in_bracket && strchr("DSWtnrf", c))
        return 1;
    if (!in_bracket && c >= '1' && c <= '9')
        return 1;
    return 0;
}

/* Rewrites the ARE pattern p into PCRE2 syntax in out (room for 5 bytes per
 * input byte plus one). Returns NULL, or why the pattern is left undecided. */
static const char *translate(const char *p, char *out)
{
    size_t o = 0;
    if (strncmp(p, "***", 3) == 0)
        return "ARE director (***) is not supported";
    for (size_t i = 0; p[i]; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\\') {
            unsigned char n = (unsigned char)p[i + 1];
            const char *rep = n ? are_escape(n) : NULL;
            if (rep) {
                size_t rl = strlen(rep);
                memcpy(out + o, rep, rl);
                o += rl;
                i++;
                continue;
            }
            if (!n || !shared_escape(n, 0))
                return "escape without a PCRE2 equivalent";
            if (n >= '1' && n <= '9' && p[i + 2] >= '0' && p[i + 2] <= '9')
                return "multi-digit back-reference";
            out[o++] = (char)c;
            out[o++] = (char)n;
            i++;
            continue;
        }
        if (c == '(' && p[i + 1] == '?') {
            const char *q = p + i + 2;
            if (!(*q == ':' || *q == '=' || *q == '!' || strncmp(q, "<=", 2) == 0 ||
                  strncmp(q, "<!", 2) == 0))
                return "embedded options differ between ARE and PCRE2";
        } else if ((c == '*' || c == '+' || c == '?' || c == '}') && p[i + 1] == '+') {
            return "possessive quantifier";
        } else if (c == '{' && p[i + 1] == ',') {
            return "{,n} bound";
        } else if (c == '[') {
            size_t j = i + 1;
            if (p[j] == '^')
                j++;
            if (p[j] == ']')
                j++;
            for (; p[j] && p[j] != ']'; j++) {
                if (p[j] == '[' && (p[j + 1] == '.' || p[j + 1] == '='))
                    return "collating element in brackets";
                if (p[j] == '[' && p[j + 1] == ':') {
                    const char *end = strstr(p + j + 2, ":]");
                    if (!end)
                        return "unterminated character class";
                    j = (size_t)(end - p) + 1;
                } else if (p[j] == '\\') {
                    if (!p[j + 1] || !shared_escape((unsigned char)p[j + 1], 1))
                        return "escape in brackets without a PCRE2 equivalent";
                    j++;
                }
            }
            if (!p[j])
                return "unterminated bracket expression";
            memcpy(out + o, p + i, j + 1 - i);
            o += j + 1 - i;
            i = j;
            continue;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return NULL;
}

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80 ? 0 : (*s & 0xe0) == 0xc0 ? 1 : (*s & 0xf0) == 0xe0 ? 2
              : (*s & 0xf8) == 0xf0 ? 3 : -1;
        if (n < 0)
            return 0;
        s++;
        for (int k = 0; k < n; k++, s++)
            if ((*s & 0xc0) != 0x80)
                return 0;
    }
    return 1;
}

int hba_regex_match(const char *pattern, const char *subject, const char **why)
{
    char *pcre = malloc(strlen(pattern) * 5 + 1);
    if (!pcre) {
        *why = "out of memory";
        return -1;
    }
    const char *bad = translate(pattern, pcre);
    if (bad) {
        free(pcre);
        *why = bad;
        return -1;
    }
    /* ARE outside newline-sensitive mode: '.' matches a newline and '$' is
     * the very end. Characters are code points when the text is UTF-8. */
    uint32_t opts = PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY;
    if (valid_utf8((const unsigned char *)pattern) && valid_utf8((const unsigned char *)subject))
        opts |= PCRE2_UTF;
    int err;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pcre, PCRE2_ZERO_TERMINATED, opts, &err,
                                   &erroff, NULL);
    free(pcre);
    if (!re) {
        *why = "pattern does not compile with PCRE2";
        return -1;
    }
    /* Both the pattern and the subject come from the checked files, so a
     * catastrophic pattern must cost bounded work: past the limits the
     * answer is "undecided" (-1), which every caller already handles. */
    pcre2_match_context *mctx = pcre2_match_context_create(NULL);
    if (mctx) {
        pcre2_set_match_limit(mctx, HBA_REGEX_MATCH_LIMIT);
        pcre2_set_depth_limit(mctx, HBA_REGEX_DEPTH_LIMIT);
    }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = md ? pcre2_match(re, (PCRE2_SPTR)subject, strlen(subject), 0, 0, md, mctx)
                : PCRE2_ERROR_NOMEMORY;
    pcre2_match_data_free(md);
    pcre2_match_context_free(mctx);
    pcre2_code_free(re);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    *why = "PCRE2 could not finish the match";
    return -1;
}

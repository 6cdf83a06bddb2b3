/* hba_term.c — keyword, group and regex recognition in DATABASE/USER tokens. */
#include "hba_term.h"

#include <string.h>

/* Only unquoted tokens are keywords. The flag records whether the first
 * character was a quote, so al"l" (text "all", unquoted) is still the keyword. */
static int is_kw(const hba_token *t, const char *kw)
{
    /* the first letter first: terms are classified for every pair of
     * lines the cover and shadow checks compare */
    return !t->quoted && t->text[0] == kw[0] && strcmp(t->text, kw) == 0;
}

/* 16+ compiles any token starting with '/' as a regex, quoted or not. */
static int is_regex(const hba_token *t, int pg_version)
{
    return pg_version >= 16 && t->text[0] == '/';
}

hba_term hba_db_term(const hba_token *t, int pg_version)
{
    hba_term r = {HBA_TERM_LITERAL, t->text, t};
    if (is_kw(t, "all"))
        r.kind = HBA_TERM_ALL;
    else if (is_kw(t, "sameuser"))
        r.kind = HBA_TERM_SAMEUSER;
    else if (is_kw(t, "samerole") || is_kw(t, "samegroup"))
        r.kind = HBA_TERM_SAMEROLE;
    else if (is_kw(t, "replication"))
        r.kind = HBA_TERM_REPLICATION;
    else if (is_regex(t, pg_version)) {
        r.kind = HBA_TERM_REGEX;
        r.name = t->text + 1;
    }
    return r;
}

hba_term hba_user_term(const hba_token *t, int pg_version)
{
    hba_term r = {HBA_TERM_LITERAL, t->text, t};
    if (!t->quoted && t->text[0] == '+') {
        r.kind = HBA_TERM_GROUP;
        r.name = t->text + 1;
    } else if (is_kw(t, "all"))
        r.kind = HBA_TERM_ALL;
    else if (is_regex(t, pg_version)) {
        r.kind = HBA_TERM_REGEX;
        r.name = t->text + 1;
    }
    return r;
}

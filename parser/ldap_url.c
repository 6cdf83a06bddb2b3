/* ldap_url.c — OpenLDAP-compatible reading of ldapurl= values. */
#include "ldap_url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* %XX decoding in place; a malformed escape empties the string. */
static void hex_unescape(char *s)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        if (*p != '%') {
            *out++ = *p;
            continue;
        }
        if (!isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2])) {
            out = s;
            break;
        }
        char hex[3] = {p[1], p[2], 0};
        *out++ = (char)strtol(hex, NULL, 16);
        p += 2;
    }
    *out = '\0';
}

static int scope_from(const char *s)
{
    static const struct { const char *name; int scope; } t[] = {
        {"one", 1}, {"onelevel", 1}, {"base", 0}, {"sub", 2}, {"subtree", 2},
        {"subord", 3}, {"subordinate", 3}, {"children", 3}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcasecmp(s, t[i].name) == 0)
            return t[i].scope;
    return -1;
}

/* Count the non-empty comma-separated items; *first gets the first. */
static int split_items(arena *a, const char *s, const char **first)
{
    int n = 0;
    *first = NULL;
    while (*s) {
        while (*s == ',')
            s++;
        if (!*s)
            break;
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (n++ == 0)
            *first = arena_strndup(a, s, len);
        s += len;
    }
    return n;
}

int ldap_url_read(arena *a, const char *url_in, ldap_url *out)
{
    memset(out, 0, sizeof *out);
    const char *p = url_in;
    int enclosed = 0;
    if (*p == '<') {
        enclosed = 1;
        p++;
    }
    if (strncasecmp(p, "URL:", 4) == 0)
        p += 4;
    int ipc = 0;
    if (strncasecmp(p, "ldap://", 7) == 0) {
        out->scheme = "ldap";
        p += 7;
    } else if (strncasecmp(p, "ldaps://", 8) == 0) {
        out->scheme = "ldaps";
        p += 8;
    } else if (strncasecmp(p, "ldapi://", 8) == 0) {
        out->scheme = "ldapi";
        ipc = 1;
        p += 8;
    } else {
        return LDAP_URL_ERR_BADSCHEME;   /* cldap:// too: no connectionless build */
    }
    char *url = arena_strdup(a, p);
    if (enclosed) {
        size_t n = strlen(url);
        if (n == 0 || url[n - 1] != '>')
            return LDAP_URL_ERR_BADENCLOSURE;
        url[n - 1] = '\0';
    }

    char *dnpart = strchr(url, '/');   /* start of dn, or NULL */
    char *novell = NULL;               /* "host??dn" form without a slash */
    if (dnpart) {
        *dnpart++ = '\0';
    } else {
        char *q = strchr(url, '?');
        if (q) {
            *q++ = '\0';
            novell = q;
        }
    }
    int is_v6 = 0;
    if (!ipc) {
        char *colon;
        if (*url == '[') {
            char *r = strchr(url, ']');
            if (!r)
                return LDAP_URL_ERR_BADURL;
            *r++ = '\0';
            colon = strchr(r, ':');
            if (colon && colon != r)
                return LDAP_URL_ERR_BADURL;
            is_v6 = 1;
        } else {
            colon = strchr(url, ':');
        }
        if (colon) {
            *colon++ = '\0';
            hex_unescape(colon);
            if (*colon == '\0')
                return LDAP_URL_ERR_BADURL;
            char *end;
            out->port = (int)strtol(colon, &end, 10);
            if (end == colon || *end != '\0')
                return LDAP_URL_ERR_BADURL;
        }
        if (out->port == 0)
            out->port = strcmp(out->scheme, "ldaps") == 0 ? 636 : 389;
    }
    hex_unescape(url);
    out->host = url[is_v6] ? arena_strdup(a, url + is_v6) : NULL;

    if (!dnpart && novell && *novell == '?') {
        novell++;
        hex_unescape(novell);
        out->dn = arena_strdup(a, novell);
    }
    if (!dnpart)
        return LDAP_URL_OK;

    /* dn ? attrs ? scope ? filter ? extensions */
    char *parts[5] = {dnpart, NULL, NULL, NULL, NULL};
    int nparts = 1;
    for (char *q = dnpart; nparts < 5 && (q = strchr(q, '?')) != NULL;) {
        *q++ = '\0';
        parts[nparts++] = q;
    }
    if (nparts == 5 && strchr(parts[4], '?'))
        return LDAP_URL_ERR_BADURL;

    hex_unescape(parts[0]);
    out->dn = arena_strdup(a, parts[0]);
    if (nparts > 1 && *parts[1]) {
        hex_unescape(parts[1]);
        if (split_items(a, parts[1], &out->attr) == 0)
            out->attrs_empty = 1;
    }
    if (nparts > 2 && *parts[2]) {
        hex_unescape(parts[2]);
        out->scope = scope_from(parts[2]);
        if (out->scope < 0)
            return LDAP_URL_ERR_BADSCOPE;
    }
    if (nparts > 3 && *parts[3]) {
        hex_unescape(parts[3]);
        if (!*parts[3])
            return LDAP_URL_ERR_BADFILTER;
        out->filter = arena_strdup(a, parts[3]);
    }
    if (nparts > 4) {
        const char *first;
        if (split_items(a, parts[4], &first) == 0)
            return LDAP_URL_ERR_BADEXTS;
    }
    return LDAP_URL_OK;
}

const char *ldap_url_err_text(int code)
{
    static const char *const texts[] = {
        "Success", "Operations error", "Protocol error", "Time limit exceeded",
        "Size limit exceeded", "Compare False", "Compare True",
        "Authentication method not supported", "Strong(er) authentication required",
        "Partial results and referral received", "Referral"};
    if (code >= 0 && code < (int)(sizeof texts / sizeof texts[0]))
        return texts[code];
    return "Unknown error";
}

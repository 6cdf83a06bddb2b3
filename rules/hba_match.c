/* hba_match.c — PostgreSQL's first-match walk over pg_hba.conf rules. */
#include "hba_match.h"

#include <string.h>
#include <strings.h>

#include "hba_regex.h"
#include "hba_term.h"

int hba_type_admits(const char *type, hba_transport t)
{
    if (!type)
        return 0;
    if (t == HBA_LOCAL)
        return strcmp(type, "local") == 0;
    if (type[0] != 'h')
        return 0;   /* what follows are all host*: one test for the rest */
    if (strcmp(type, "host") == 0)
        return 1;
    if (strcmp(type, "hostssl") == 0)
        return t == HBA_TCP_SSL;
    if (strcmp(type, "hostnossl") == 0)
        return t != HBA_TCP_SSL;
    if (strcmp(type, "hostgssenc") == 0)
        return t == HBA_TCP_GSSENC;
    if (strcmp(type, "hostnogssenc") == 0)
        return t != HBA_TCP_GSSENC;
    return 0;
}

unsigned hba_type_admit_bits(const char *type)
{
    const unsigned tcp = 1u << HBA_TCP_SSL | 1u << HBA_TCP_PLAIN | 1u << HBA_TCP_GSSENC;
    if (!type)
        return 0;
    if (type[0] != 'h')
        return strcmp(type, "local") == 0 ? 1u << HBA_LOCAL : 0;
    if (strcmp(type, "host") == 0)
        return tcp;
    if (strcmp(type, "hostssl") == 0)
        return 1u << HBA_TCP_SSL;
    if (strcmp(type, "hostnossl") == 0)
        return tcp & ~(1u << HBA_TCP_SSL);
    if (strcmp(type, "hostgssenc") == 0)
        return 1u << HBA_TCP_GSSENC;
    if (strcmp(type, "hostnogssenc") == 0)
        return tcp & ~(1u << HBA_TCP_GSSENC);
    return 0;
}

typedef struct walk {
    arena *a;
    const hba_conn *c;
    hba_match_result *out;
    int client_numeric;
    int client_family;
    unsigned char client_ip[16];
} walk;

static void note(walk *w, const hba_rule *r, const char *fmt, const char *arg)
{
    char *msg = arena_printf(w->a, fmt, arg);
    const char *path = r->src ? r->src->path : "pg_hba.conf";
    ptrvec_push(w->a, &w->out->notes, arena_printf(w->a, "%s:%d: %s", path, r->line, msg));
}

/* is_member_of_role_nosuper: a role counts as a member of itself. */
static int member_of(const hba_conn *c, const char *role)
{
    if (strcmp(role, c->user) == 0)
        return 1;
    for (size_t i = 0; i < c->ngroups; i++)
        if (strcmp(c->groups[i], role) == 0)
            return 1;
    return 0;
}

static int regex_matches(walk *w, const hba_rule *r, const hba_term *t, const char *subject)
{
    const char *why = NULL;
    int m = hba_regex_match(t->name, subject, &why);
    if (m < 0) {
        note(w, r, "regular expression treated as not matching: %s",
             arena_printf(w->a, "/%s: %s", t->name, why));
        return 0;
    }
    return m;
}

static int db_matches(walk *w, const hba_rule *r)
{
    const hba_conn *c = w->c;
    for (size_t i = 0; i < r->databases.n; i++) {
        hba_term t = hba_db_term(r->databases.items[i], c->pg_version);
        if (c->replication) {
            /* A physical walsender matches the replication keyword and nothing else. */
            if (t.kind == HBA_TERM_REPLICATION)
                return 1;
            continue;
        }
        switch (t.kind) {
        case HBA_TERM_ALL:
            return 1;
        case HBA_TERM_SAMEUSER:
            if (strcmp(c->database, c->user) == 0)
                return 1;
            break;
        case HBA_TERM_SAMEROLE:
            if (member_of(c, c->database))
                return 1;
            break;
        case HBA_TERM_REPLICATION:
            break;
        case HBA_TERM_REGEX:
            if (regex_matches(w, r, &t, c->database))
                return 1;
            break;
        default:
            if (strcmp(t.name, c->database) == 0)
                return 1;
        }
    }
    return 0;
}

static int user_matches(walk *w, const hba_rule *r)
{
    const hba_conn *c = w->c;
    for (size_t i = 0; i < r->users.n; i++) {
        hba_term t = hba_user_term(r->users.items[i], c->pg_version);
        switch (t.kind) {
        case HBA_TERM_ALL:
            return 1;
        case HBA_TERM_GROUP:
            if (member_of(c, t.name))
                return 1;
            break;
        case HBA_TERM_REGEX:
            if (regex_matches(w, r, &t, c->user))
                return 1;
            break;
        default:
            if (strcmp(t.name, c->user) == 0)
                return 1;
        }
    }
    return 0;
}

/* hba.c hostname_match: a leading dot matches any name ending in it. */
static int hostname_matches(const char *pattern, const char *actual)
{
    size_t pl = strlen(pattern), al = strlen(actual);
    if (pattern[0] == '.')
        return al >= pl && strcasecmp(pattern, actual + (al - pl)) == 0;
    return strcasecmp(pattern, actual) == 0;
}

static int same_host_or_net(const walk *w, hba_addr_kind kind)
{
    for (size_t i = 0; i < w->c->nifaces; i++) {
        ip_range r = w->c->ifaces[i];
        if (kind == HBA_ADDR_SAMEHOST)
            memset(r.mask, 0xff, sizeof r.mask);
        if (ip_range_has(&r, w->client_family, w->client_ip))
            return 1;
    }
    return 0;
}

static int address_matches(walk *w, const hba_rule *r)
{
    hba_addr h = hba_rule_addr(r);
    switch (h.kind) {
    case HBA_ADDR_ALL:
        return 1;
    case HBA_ADDR_IP:
        if (!w->client_numeric) {
            note(w, r, "%s", "the client is given by host name, so this address range is "
                             "not compared (treated as not matching)");
            return 0;
        }
        return ip_range_has(&h.ip, w->client_family, w->client_ip);
    case HBA_ADDR_HOSTNAME:
        if (!w->client_numeric) {
            int m = hostname_matches(h.hostname, w->c->address);
            if (m)
                note(w, r, "host name \"%s\" matched by name; PostgreSQL also requires the "
                           "client's address to resolve to it and back",
                     h.hostname);
            return m;
        }
        note(w, r, "host name \"%s\" is not looked up in DNS (treated as not matching); "
                   "give --address the client's host name to compare names",
             h.hostname);
        return 0;
    case HBA_ADDR_SAMEHOST:
    case HBA_ADDR_SAMENET:
        if (!w->client_numeric) {
            note(w, r, "%s", "samehost/samenet need the client's numeric address "
                             "(treated as not matching)");
            return 0;
        }
        return same_host_or_net(w, h.kind);
    default:
        note(w, r, "address \"%s\" not understood (treated as not matching)",
             r->address ? r->address : "");
        return 0;
    }
}

int hba_match(arena *a, const hba_doc *d, const hba_conn *c, hba_match_result *out,
              const char **err)
{
    memset(out, 0, sizeof *out);
    if (!c->user || (!c->replication && !c->database)) {
        *err = "a user and a database are required";
        return -1;
    }
    walk w = {.a = a, .c = c, .out = out};
    if (c->transport != HBA_LOCAL) {
        if (!c->address || !*c->address) {
            *err = "a TCP connection needs the client's address";
            return -1;
        }
        w.client_numeric = ip_parse(c->address, &w.client_family, w.client_ip) == 0;
        if (!w.client_numeric && strchr(c->address, '/')) {
            *err = "the client address must be one address, not a range";
            return -1;
        }
    }
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *r = d->rules.items[i];
        if (!hba_type_admits(r->type, c->transport))
            continue;
        /* PostgreSQL checks the address first; the answer is the same either
         * way, and checking it last keeps notes to rules that hinge on it. */
        if (!db_matches(&w, r) || !user_matches(&w, r))
            continue;
        if (c->transport != HBA_LOCAL && !address_matches(&w, r))
            continue;
        out->rule = r;
        return 0;
    }
    return 0;
}

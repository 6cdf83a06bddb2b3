/* hba_cover.c — coverage of one rule's connections by other rules.
 *
 * A rule's connections split into cells: one transport (local, TCP with SSL,
 * TCP with GSS encryption, plain TCP) times one database token times one user
 * token. Within a cell only the rules whose type, database and user columns
 * take the whole cell are used, and their addresses must together contain the
 * cell's address column. Unions across databases or users are not tried. */
#include "hba_cover.h"

#include <string.h>
#include <strings.h>

#include "hba_addr.h"
#include "hba_match.h"
#include "hba_regex.h"
#include "hba_term.h"

/* A candidate rule with what every cell asks of it worked out once, when
 * it is added: cells are many (transports x databases x users of each
 * checked line), and each compares every earlier candidate. */
typedef struct cand {
    const hba_rule *rule;
    hba_addr addr;
    unsigned admits;   /* bit t: the type takes transport t */
    hba_term *dbs;     /* its DATABASE tokens as terms, rule->databases.n of them */
    hba_term *users;   /* its USER tokens as terms, rule->users.n of them */
} cand;

/* Regexes only count when PCRE2 can decide them; undecided means "no". */
static int regex_yes(const char *pattern, const char *subject)
{
    const char *why;
    return hba_regex_match(pattern, subject, &why) == 1;
}

/* Does rule e's DATABASE column take every connection of cell (d, u)? */
static int db_covers(const cand *e, const hba_term *d, const hba_term *u)
{
    for (size_t i = 0; i < e->rule->databases.n; i++) {
        hba_term t = e->dbs[i];
        if (d->kind == HBA_TERM_REPLICATION) {
            if (t.kind == HBA_TERM_REPLICATION)
                return 1;
            continue;
        }
        if (t.kind == HBA_TERM_ALL)
            return 1;
        if (t.kind == HBA_TERM_REPLICATION)
            continue;
        if (hba_term_same(&t, d))
            return 1;
        switch (d->kind) {
        case HBA_TERM_LITERAL:
            /* sameuser takes database n when the user is n too. samerole
             * would need user n to exist, which the cell does not promise. */
            if (t.kind == HBA_TERM_SAMEUSER && u->kind == HBA_TERM_LITERAL &&
                strcmp(u->name, d->name) == 0)
                return 1;
            if (t.kind == HBA_TERM_REGEX && regex_yes(t.name, d->name))
                return 1;
            break;
        case HBA_TERM_SAMEUSER:
            /* With one user n, sameuser is the one database n. */
            if (u->kind == HBA_TERM_LITERAL) {
                if (t.kind == HBA_TERM_LITERAL && strcmp(t.name, u->name) == 0)
                    return 1;
                if (t.kind == HBA_TERM_REGEX && regex_yes(t.name, u->name))
                    return 1;
            }
            break;
        default:
            break;
        }
    }
    return 0;
}

static int user_covers(const cand *e, const hba_term *u)
{
    for (size_t i = 0; i < e->rule->users.n; i++) {
        hba_term t = e->users[i];
        if (t.kind == HBA_TERM_ALL || hba_term_same(&t, u))
            return 1;
        /* +n is not used for user n: it needs role n to exist. */
        if (u->kind == HBA_TERM_LITERAL && t.kind == HBA_TERM_REGEX && regex_yes(t.name, u->name))
            return 1;
    }
    return 0;
}

/* Is every address of p inside the union of the candidates' IP ranges?
 * Splits p in halves only where a narrower candidate range lies inside it. */
static int range_covered(const ip_range *p, const cand *cs, size_t n, unsigned char *mark)
{
    for (size_t i = 0; i < n; i++)
        if (cs[i].addr.kind == HBA_ADDR_IP && ip_range_contains(&cs[i].addr.ip, p)) {
            mark[i] = 1;
            return 1;
        }
    int plen = ip_mask_prefix(p), max = p->family == 6 ? 128 : 32;
    if (plen < 0 || plen >= max)
        return 0;
    int inside = 0;
    for (size_t i = 0; i < n && !inside; i++)
        inside = cs[i].addr.kind == HBA_ADDR_IP && ip_mask_prefix(&cs[i].addr.ip) > plen &&
                 ip_range_contains(p, &cs[i].addr.ip);
    if (!inside)
        return 0;
    ip_range half[2] = {*p, *p};
    for (int k = 0; k < 16; k++)
        half[0].addr[k] &= p->mask[k];
    half[0].mask[plen / 8] |= (unsigned char)(0x80 >> (plen % 8));
    half[1] = half[0];
    half[1].addr[plen / 8] |= (unsigned char)(0x80 >> (plen % 8));
    return range_covered(&half[0], cs, n, mark) && range_covered(&half[1], cs, n, mark);
}

static int everything_covered(const cand *cs, size_t n, unsigned char *mark)
{
    ip_range v4 = ip_range_everything(4), v6 = ip_range_everything(6);
    return range_covered(&v4, cs, n, mark) && range_covered(&v6, cs, n, mark);
}

static int first_kind(const cand *cs, size_t n, hba_addr_kind k, const char *host,
                      unsigned char *mark)
{
    for (size_t i = 0; i < n; i++)
        if (cs[i].addr.kind == k && (!host || strcasecmp(cs[i].addr.hostname, host) == 0)) {
            mark[i] = 1;
            return 1;
        }
    return 0;
}

/* Do the candidates' addresses together take every client `want` takes? */
static int addr_covered(const hba_addr *want, const cand *cs, size_t n, unsigned char *mark)
{
    if (first_kind(cs, n, HBA_ADDR_ALL, NULL, mark))
        return 1;
    switch (want->kind) {
    case HBA_ADDR_IP:
        return range_covered(&want->ip, cs, n, mark);
    case HBA_ADDR_ALL:
        return everything_covered(cs, n, mark);
    case HBA_ADDR_SAMEHOST:
        /* An interface's own address is inside its network: samenet takes samehost. */
        return first_kind(cs, n, HBA_ADDR_SAMEHOST, NULL, mark) ||
               first_kind(cs, n, HBA_ADDR_SAMENET, NULL, mark) ||
               everything_covered(cs, n, mark);
    case HBA_ADDR_SAMENET:
        return first_kind(cs, n, HBA_ADDR_SAMENET, NULL, mark) ||
               everything_covered(cs, n, mark);
    case HBA_ADDR_HOSTNAME:
        /* Names compare case-insensitively, so equal names take the same clients. */
        return first_kind(cs, n, HBA_ADDR_HOSTNAME, want->hostname, mark) ||
               everything_covered(cs, n, mark);
    default:
        return 0;
    }
}

struct hba_cover_set {
    arena *a;
    int pg_version;
    size_t n, cap;
    cand *cs;
    cand *sub;             /* scratch: the candidates of one cell */
    size_t *idx;           /* scratch: their positions in cs */
    unsigned char *cell;   /* scratch: which of sub one cell relied on */
    unsigned char *marks;  /* scratch: which of cs the whole proof relied on */
};

hba_cover_set *hba_cover_set_new(arena *a, size_t capacity, int pg_version)
{
    hba_cover_set *s = arena_alloc(a, sizeof *s);
    size_t cap = capacity ? capacity : 1;
    s->a = a;
    s->pg_version = pg_version;
    s->cap = cap;
    s->cs = arena_alloc(a, cap * sizeof *s->cs);
    s->sub = arena_alloc(a, cap * sizeof *s->sub);
    s->idx = arena_alloc(a, cap * sizeof *s->idx);
    s->cell = arena_alloc(a, cap);
    s->marks = arena_alloc(a, cap);
    return s;
}

void hba_cover_set_add(hba_cover_set *s, const hba_rule *r)
{
    if (s->n >= s->cap)
        return;
    s->cs[s->n].rule = r;
    s->cs[s->n].addr = hba_rule_addr(r);
    s->cs[s->n].admits = hba_type_admit_bits(r->type);
    hba_term *dbs = arena_alloc(s->a, (r->databases.n ? r->databases.n : 1) * sizeof *dbs);
    for (size_t i = 0; i < r->databases.n; i++)
        dbs[i] = hba_db_term(r->databases.items[i], s->pg_version);
    hba_term *users = arena_alloc(s->a, (r->users.n ? r->users.n : 1) * sizeof *users);
    for (size_t i = 0; i < r->users.n; i++)
        users[i] = hba_user_term(r->users.items[i], s->pg_version);
    s->cs[s->n].dbs = dbs;
    s->cs[s->n].users = users;
    s->n++;
}

size_t hba_cover_set_size(const hba_cover_set *s)
{
    return s->n;
}

/* One cell: transport t, database term d, user term u. */
static int cell_covered(hba_cover_set *s, hba_transport t, const hba_term *d, const hba_term *u,
                        const hba_addr *want)
{
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++) {
        const cand *e = &s->cs[i];
        if ((e->admits >> t & 1) && db_covers(e, d, u) && user_covers(e, u)) {
            s->idx[m] = i;
            s->sub[m++] = s->cs[i];
        }
    }
    memset(s->cell, 0, m);
    int ok;
    if (t == HBA_LOCAL) {
        ok = m > 0;
        if (ok)
            s->cell[0] = 1;
    } else {
        ok = addr_covered(want, s->sub, m, s->cell);
    }
    if (ok)
        for (size_t k = 0; k < m; k++)
            if (s->cell[k])
                s->marks[s->idx[k]] = 1;
    return ok;
}

int hba_cover_check(hba_cover_set *s, const hba_rule *r, arena *a, ptrvec *used)
{
    static const hba_transport transports[] = {HBA_LOCAL, HBA_TCP_SSL, HBA_TCP_PLAIN,
                                               HBA_TCP_GSSENC};
    if (s->n == 0 || r->databases.n == 0 || r->users.n == 0)
        return 0;
    memset(s->marks, 0, s->n);
    hba_addr want = hba_rule_addr(r);
    unsigned admits = hba_type_admit_bits(r->type);
    int any_transport = 0;
    for (size_t ti = 0; ti < sizeof transports / sizeof *transports; ti++) {
        if (!(admits >> transports[ti] & 1))
            continue;
        any_transport = 1;
        for (size_t di = 0; di < r->databases.n; di++) {
            hba_term d = hba_db_term(r->databases.items[di], s->pg_version);
            for (size_t ui = 0; ui < r->users.n; ui++) {
                hba_term u = hba_user_term(r->users.items[ui], s->pg_version);
                if (!cell_covered(s, transports[ti], &d, &u, &want))
                    return 0;
            }
        }
    }
    if (!any_transport)
        return 0;
    if (used)
        for (size_t i = 0; i < s->n; i++)
            if (s->marks[i])
                ptrvec_push(a, used, (void *)s->cs[i].rule);
    return 1;
}

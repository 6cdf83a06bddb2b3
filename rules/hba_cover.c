/* hba_cover.c — coverage of one rule's connections by other rules.
 *
 * A rule's connections split into cells: one transport (local, TCP with SSL,
 * TCP with GSS encryption, plain TCP) times one database token times one user
 * token. Within a cell only the rules whose type, database and user columns
 * take the whole cell are used, and their addresses must together contain the
 * cell's address column. Unions across databases or users are not tried. */
#include "hba_cover.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "hba_addr.h"
#include "hba_match.h"
#include "hba_regex.h"
#include "hba_term.h"

/* A candidate rule with what every cell asks of it worked out once, when
 * it is read: cells are many (transports x databases x users of each
 * checked line), and each compares every earlier candidate. */
struct hba_cover_rule {
    const hba_rule *rule;
    hba_addr addr;
    int prefix;        /* HBA_ADDR_IP: ip_mask_prefix of addr.ip, asked for every pair */
    unsigned admits;   /* bit t: the type takes transport t */
    /* Terms that decide a column at once: db_covers and user_covers answer
     * whether any term takes the cell, and these take every cell (but
     * replication ones) without a look at the rest. */
    int db_all, db_replication, user_all;
    hba_term *dbs;     /* its DATABASE tokens as terms, ndbs = rule->databases.n of them */
    hba_term *users;   /* its USER tokens as terms, nusers = rule->users.n of them */
    size_t ndbs, nusers;
};
typedef struct hba_cover_rule cand;

/* Regexes only count when PCRE2 can decide them; undecided means "no". */
static int regex_yes(const char *pattern, const char *subject)
{
    const char *why;
    return hba_regex_match(pattern, subject, &why) == 1;
}

/* Does rule e's DATABASE column take every connection of cell (d, u)? */
static int db_covers(const cand *e, const hba_term *d, const hba_term *u)
{
    if (d->kind == HBA_TERM_REPLICATION)
        return e->db_replication;
    if (e->db_all)
        return 1;
    for (size_t i = 0; i < e->ndbs; i++) {
        const hba_term *t = &e->dbs[i];
        if (t->kind == HBA_TERM_REPLICATION)
            continue;
        if (hba_term_same(t, d))
            return 1;
        switch (d->kind) {
        case HBA_TERM_LITERAL:
            /* sameuser takes database n when the user is n too. samerole
             * would need user n to exist, which the cell does not promise. */
            if (t->kind == HBA_TERM_SAMEUSER && u->kind == HBA_TERM_LITERAL &&
                strcmp(u->name, d->name) == 0)
                return 1;
            if (t->kind == HBA_TERM_REGEX && regex_yes(t->name, d->name))
                return 1;
            break;
        case HBA_TERM_SAMEUSER:
            /* With one user n, sameuser is the one database n. */
            if (u->kind == HBA_TERM_LITERAL) {
                if (t->kind == HBA_TERM_LITERAL && strcmp(t->name, u->name) == 0)
                    return 1;
                if (t->kind == HBA_TERM_REGEX && regex_yes(t->name, u->name))
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
    if (e->user_all)
        return 1;
    for (size_t i = 0; i < e->nusers; i++) {
        const hba_term *t = &e->users[i];
        if (hba_term_same(t, u))
            return 1;
        /* +n is not used for user n: it needs role n to exist. */
        if (u->kind == HBA_TERM_LITERAL && t->kind == HBA_TERM_REGEX && regex_yes(t->name, u->name))
            return 1;
    }
    return 0;
}

/* ip_range_contains four bytes at a time: the same bit tests, asked for
 * every pair of candidate and range. */
static int contains(const ip_range *outer, const ip_range *inner)
{
    if (outer->family != inner->family)
        return 0;
    int len = outer->family == 6 ? 16 : 4;   /* ip_addr_len, without the call */
    for (int i = 0; i < len; i += 4) {
        uint32_t om, im, oa, ia;
        memcpy(&om, outer->mask + i, 4);
        memcpy(&im, inner->mask + i, 4);
        memcpy(&oa, outer->addr + i, 4);
        memcpy(&ia, inner->addr + i, 4);
        if ((om & ~im) | ((oa ^ ia) & om))
            return 0;
    }
    return 1;
}

/* Is every address of p inside the union of the candidates' IP ranges?
 * Splits p in halves only where a narrower candidate range lies inside it. */
static int range_covered(const ip_range *p, const cand *const *cs, size_t n, unsigned char *mark)
{
    for (size_t i = 0; i < n; i++)
        if (cs[i]->addr.kind == HBA_ADDR_IP && contains(&cs[i]->addr.ip, p)) {
            mark[i] = 1;
            return 1;
        }
    int plen = ip_mask_prefix(p), max = p->family == 6 ? 128 : 32;
    if (plen < 0 || plen >= max)
        return 0;
    int inside = 0;
    for (size_t i = 0; i < n && !inside; i++)
        inside = cs[i]->addr.kind == HBA_ADDR_IP && cs[i]->prefix > plen &&
                 contains(p, &cs[i]->addr.ip);
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

static int everything_covered(const cand *const *cs, size_t n, unsigned char *mark)
{
    ip_range v4 = ip_range_everything(4), v6 = ip_range_everything(6);
    return range_covered(&v4, cs, n, mark) && range_covered(&v6, cs, n, mark);
}

static int first_kind(const cand *const *cs, size_t n, hba_addr_kind k, const char *host,
                      unsigned char *mark)
{
    for (size_t i = 0; i < n; i++)
        if (cs[i]->addr.kind == k && (!host || strcasecmp(cs[i]->addr.hostname, host) == 0)) {
            mark[i] = 1;
            return 1;
        }
    return 0;
}

/* Do the candidates' addresses together take every client `want` takes? */
static int addr_covered(const hba_addr *want, const cand *const *cs, size_t n,
                        unsigned char *mark)
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
    const cand **cs;
    const cand **sub;      /* scratch: the candidates of one cell */
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
    s->cs = arena_alloc(a, cap * sizeof(void *));   /* pointers */
    s->sub = arena_alloc(a, cap * sizeof(void *));
    s->idx = arena_alloc(a, cap * sizeof *s->idx);
    s->cell = arena_alloc(a, cap);
    s->marks = arena_alloc(a, cap);
    return s;
}

const hba_cover_rule *hba_cover_rule_read(arena *a, const hba_rule *r, int pg_version)
{
    size_t nd = r->databases.n ? r->databases.n : 1, nu = r->users.n ? r->users.n : 1;
    /* the rule and both term arrays in one block; every field is set below */
    cand *e = arena_alloc_raw(a, sizeof *e + (nd + nu) * sizeof(hba_term));
    e->rule = r;
    e->addr = hba_rule_addr(r);
    e->prefix = e->addr.kind == HBA_ADDR_IP ? ip_mask_prefix(&e->addr.ip) : -1;
    e->admits = hba_type_admit_bits(r->type);
    e->dbs = (hba_term *)(e + 1);
    e->users = e->dbs + nd;
    e->ndbs = r->databases.n;
    e->nusers = r->users.n;
    e->db_all = e->db_replication = e->user_all = 0;
    for (size_t i = 0; i < r->databases.n; i++) {
        e->dbs[i] = hba_db_term(r->databases.items[i], pg_version);
        e->db_all |= e->dbs[i].kind == HBA_TERM_ALL;
        e->db_replication |= e->dbs[i].kind == HBA_TERM_REPLICATION;
    }
    for (size_t i = 0; i < r->users.n; i++) {
        e->users[i] = hba_user_term(r->users.items[i], pg_version);
        e->user_all |= e->users[i].kind == HBA_TERM_ALL;
    }
    return e;
}

void hba_cover_set_add_read(hba_cover_set *s, const hba_cover_rule *r)
{
    if (s->n >= s->cap)
        return;
    s->cs[s->n++] = r;
}

void hba_cover_set_add(hba_cover_set *s, const hba_rule *r)
{
    if (s->n >= s->cap)
        return;
    hba_cover_set_add_read(s, hba_cover_rule_read(s->a, r, s->pg_version));
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
        const cand *e = s->cs[i];
        if ((e->admits >> t & 1) && db_covers(e, d, u) && user_covers(e, u)) {
            s->idx[m] = i;
            s->sub[m++] = e;
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

int hba_cover_check_read(hba_cover_set *s, const hba_cover_rule *c, arena *a, ptrvec *used)
{
    static const hba_transport transports[] = {HBA_LOCAL, HBA_TCP_SSL, HBA_TCP_PLAIN,
                                               HBA_TCP_GSSENC};
    const hba_rule *r = c->rule;
    if (s->n == 0 || r->databases.n == 0 || r->users.n == 0)
        return 0;
    memset(s->marks, 0, s->n);
    int any_transport = 0;
    for (size_t ti = 0; ti < sizeof transports / sizeof *transports; ti++) {
        if (!(c->admits >> transports[ti] & 1))
            continue;
        any_transport = 1;
        for (size_t di = 0; di < r->databases.n; di++)
            for (size_t ui = 0; ui < r->users.n; ui++)
                if (!cell_covered(s, transports[ti], &c->dbs[di], &c->users[ui], &c->addr))
                    return 0;
    }
    if (!any_transport)
        return 0;
    if (used)
        for (size_t i = 0; i < s->n; i++)
            if (s->marks[i])
                ptrvec_push(a, used, (void *)s->cs[i]->rule);
    return 1;
}

int hba_cover_check(hba_cover_set *s, const hba_rule *r, arena *a, ptrvec *used)
{
    if (s->n == 0 || r->databases.n == 0 || r->users.n == 0)
        return 0;
    return hba_cover_check_read(s, hba_cover_rule_read(s->a, r, s->pg_version), a, used);
}

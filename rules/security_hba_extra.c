/* security_hba_extra.c — pg_hba.conf checks about intent (see the header). */
#include "security_hba_extra.h"

#include <string.h>
#include <sys/socket.h>

#include "ascii_case.h"
#include "hba_addr.h"
#include "hba_address.h"
#include "hba_term.h"

/* ---- hba-address-host-bits ---------------------------------------------- */

/* PostgreSQL (check_ip → pg_range_sockaddr) compares (client & mask) with
 * (address & mask) and never checks that the address is a network: the
 * oracle (PostgreSQL 15) loads "host all all 10.1.2.3/8 ..." without a word.
 * So the line is valid, but it admits 10.0.0.0/8 while it reads as one host
 * or a small subnet. */
static int has_host_bits(const ip_range *ip)
{
    for (int i = 0; i < ip_addr_len(ip->family); i++)
        if (ip->addr[i] & (unsigned char)~ip->mask[i])
            return 1;
    return 0;
}

static const char *network_text(arena *a, const ip_range *ip)
{
    hba_ip net;
    memset(&net, 0, sizeof net);
    net.family = ip->family == 6 ? AF_INET6 : AF_INET;
    for (int i = 0; i < ip_addr_len(ip->family); i++)
        net.bytes[i] = ip->addr[i] & ip->mask[i];
    return hba_ip_format(a, &net);
}

static void check_host_bits(arena *a, const hba_rule *l, ptrvec *out)
{
    const hba_token *t = l->address_tok;
    if (l->addr_kind != HBA_ADDRESS_IP || !t)
        return;
    hba_addr h = hba_rule_addr(l);
    if (h.kind != HBA_ADDR_IP || !has_host_bits(&h.ip))
        return;
    const char *net = network_text(a, &h.ip);
    const char *slash = strchr(t->text, '/');
    /* the remedy keeps the mask as written: "/8" or the separate netmask */
    const char *fixed = slash ? arena_printf(a, "%s%s", net, slash) : net;
    int prefix = ip_mask_prefix(&h.ip);
    const char *range = prefix >= 0 ? arena_printf(a, "%s/%d", net, prefix)
                                    : arena_printf(a, "%s mask %s", net, l->netmask);
    finding *f = finding_at(a, "hba-address-host-bits", SEV_WARNING, t->src, t->off, t->len,
                            "the address %s has bits set outside its mask: PostgreSQL ignores "
                            "them, so this line admits all of %s", l->address, range);
    f->where.detail = "write the network address if the whole range is meant, or a longer "
                      "mask (/32, /128) for one host";
    /* A zone id (fe80::1%eth0) is not kept by the formatted address, and a
     * quoted or @file token is edited by hand. */
    if (!strchr(t->text, '%') && !t->quoted && !t->via) {
        f->fix.kind = REMEDY_HBA_SET_ADDRESS;
        f->fix.target = l;
        f->fix.text = fixed;
        f->fix.description = arena_printf(a, "write the network address %s (what PostgreSQL "
                                             "already uses)", fixed);
    }
    ptrvec_push(a, out, f);
}

/* ---- hba-replication-not-covered-by-all --------------------------------- */

/* A physical replication connection (walsender without a database) only
 * matches the keyword `replication` in the database column (hba.c check_db):
 * `all`, names, regular expressions and a quoted "replication" never match it. */
static void check_replication(arena *a, const hba_doc *d, effective_conf *e, int version,
                              ptrvec *out)
{
    eff_value senders;
    if (!e || !effective_get(e, "max_wal_senders", &senders) || !senders.valid ||
        senders.number <= 0)
        return;
    const hba_rule *first = NULL;
    const hba_token *all = NULL;
    for (size_t i = 0; i < d->rules.n; i++) {
        const hba_rule *l = d->rules.items[i];
        for (size_t k = 0; k < l->databases.n; k++) {
            const hba_token *t = l->databases.items[k];
            hba_term term = hba_db_term(t, version);
            if (term.kind == HBA_TERM_REPLICATION)
                return;   /* replication is handled (allowed or rejected) somewhere */
            if (term.kind == HBA_TERM_ALL && !first && ascii_casecmp(l->method, "reject") != 0) {
                first = l;
                all = t;
            }
        }
    }
    if (!first)
        return;
    finding *f = finding_at(a, "hba-replication-not-covered-by-all", SEV_INFO, all->src, all->off,
                            all->len,
                            "database \"all\" does not match replication connections, and no "
                            "line names \"replication\": with max_wal_senders = %s every "
                            "standby and pg_basebackup connection is refused",
                            senders.canonical);
    if (senders.setting)
        finding_relate(a, f, senders.setting->src, senders.setting->value_off,
                       senders.setting->value_len, "max_wal_senders is set here");
    else
        f->where.detail = arena_printf(a, "max_wal_senders is not set: PostgreSQL %d's default "
                                          "%s applies", version, senders.text);
    ptrvec_push(a, out, f);
}

void security_hba_extra_run(arena *a, const hba_doc *d, effective_conf *conf, int version,
                            int (*enabled)(const void *, const char *), const void *ctx,
                            ptrvec *out)
{
    if (enabled(ctx, "hba-address-host-bits"))
        for (size_t i = 0; i < d->rules.n; i++)
            check_host_bits(a, d->rules.items[i], out);
    if (enabled(ctx, "hba-replication-not-covered-by-all"))
        check_replication(a, d, conf, version, out);
}

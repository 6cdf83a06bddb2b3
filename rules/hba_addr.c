/* hba_addr.c — reading and comparing pg_hba.conf addresses. */
#include "hba_addr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hba_address.h"

int ip_addr_len(int family)
{
    return family == 6 ? 16 : 4;
}

int ip_parse(const char *text, int *family, unsigned char out[16])
{
    /* getaddrinfo rather than inet_pton: PostgreSQL uses it, and glibc's
     * numeric parsing accepts inet_aton shorthands and IPv6 zone ids. It
     * costs several allocations per call, so the forms on which both give
     * the same answer skip it: a plain dotted quad, and IPv6 without a
     * zone id (glibc's numeric path is inet_pton for those). */
    if (text && hba_plain_ipv4(text, out)) {
        memset(out + 4, 0, 12);
        *family = 4;
        return 0;
    }
    if (text && strchr(text, ':') && !strchr(text, '%') && inet_pton(AF_INET6, text, out) == 1) {
        *family = 6;
        return 0;
    }
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_NUMERICHOST;
    if (!text || !*text || getaddrinfo(text, NULL, &hints, &res) != 0 || !res)
        return -1;
    int rc = -1;
    memset(out, 0, 16);
    if (res->ai_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)(void *)res->ai_addr;
        memcpy(out, &sin->sin_addr, 4);
        *family = 4;
        rc = 0;
    } else if (res->ai_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)(void *)res->ai_addr;
        memcpy(out, &sin6->sin6_addr, 16);
        *family = 6;
        rc = 0;
    }
    freeaddrinfo(res);
    return rc;
}

static void mask_from_prefix(unsigned char mask[16], int bits)
{
    memset(mask, 0, 16);
    for (int i = 0; i < 16 && bits > 0; i++, bits -= 8)
        mask[i] = bits >= 8 ? 0xff : (unsigned char)(0xff << (8 - bits));
}

int ip_range_parse(const char *text, const char *mask_text, ip_range *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return -1;
    const char *slash = strchr(text, '/');
    char buf[256];
    size_t n = slash ? (size_t)(slash - text) : strlen(text);
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    if (ip_parse(buf, &out->family, out->addr) != 0)
        return -1;
    int max = out->family == 6 ? 128 : 32;
    if (slash) {
        if (mask_text)
            return -1;
        char *end;
        errno = 0;
        long bits = strtol(slash + 1, &end, 10);
        if (slash[1] == '\0' || *end != '\0' || errno || bits < 0 || bits > max)
            return -1;
        mask_from_prefix(out->mask, (int)bits);
    } else if (mask_text) {
        int mf;
        if (ip_parse(mask_text, &mf, out->mask) != 0 || mf != out->family)
            return -1;
    } else {
        mask_from_prefix(out->mask, max);
    }
    return 0;
}

int ip_range_has(const ip_range *r, int family, const unsigned char addr[16])
{
    if (r->family != family)
        return 0;
    for (int i = 0; i < ip_addr_len(family); i++)
        if ((r->addr[i] ^ addr[i]) & r->mask[i])
            return 0;
    return 1;
}

int ip_range_contains(const ip_range *outer, const ip_range *inner)
{
    if (outer->family != inner->family)
        return 0;
    for (int i = 0; i < ip_addr_len(outer->family); i++) {
        /* A bit outer fixes must be fixed by inner too, to the same value. */
        if (outer->mask[i] & ~inner->mask[i])
            return 0;
        if ((outer->addr[i] ^ inner->addr[i]) & outer->mask[i])
            return 0;
    }
    return 1;
}

int ip_mask_prefix(const ip_range *r)
{
    /* byte by byte: whole 0xff bytes, at most one partial byte of leading
     * ones, then zeros (the shadow analysis asks this for every pair) */
    int bits = 0, len = ip_addr_len(r->family), i = 0;
    while (i < len && r->mask[i] == 0xff) {
        bits += 8;
        i++;
    }
    if (i < len) {
        unsigned m = r->mask[i];
        int ones = 0;
        while (ones < 8 && (m & (0x80u >> ones)))
            ones++;
        if ((unsigned char)(m << ones) != 0)
            return -1;   /* a one after a zero */
        bits += ones;
        for (i++; i < len; i++)
            if (r->mask[i])
                return -1;
    }
    return bits;
}

ip_range ip_range_everything(int family)
{
    ip_range r;
    memset(&r, 0, sizeof r);
    r.family = family;
    return r;
}

hba_addr hba_rule_addr(const hba_rule *r)
{
    hba_addr h;
    memset(&h, 0, sizeof h);
    if (!r->type || strcmp(r->type, "local") == 0) {
        h.kind = HBA_ADDR_NONE;
        return h;
    }
    if (!r->address) {
        h.kind = HBA_ADDR_UNKNOWN;
        return h;
    }
    int quoted = r->address_tok && r->address_tok->quoted;
    if (!quoted && !r->netmask) {
        if (strcmp(r->address, "all") == 0) {
            h.kind = HBA_ADDR_ALL;
            return h;
        }
        if (strcmp(r->address, "samehost") == 0) {
            h.kind = HBA_ADDR_SAMEHOST;
            return h;
        }
        if (strcmp(r->address, "samenet") == 0) {
            h.kind = HBA_ADDR_SAMENET;
            return h;
        }
    }
    if (ip_range_parse(r->address, r->netmask, &h.ip) == 0) {
        h.kind = HBA_ADDR_IP;
        return h;
    }
    if (!r->netmask && !strchr(r->address, '/') && r->address[0]) {
        h.kind = HBA_ADDR_HOSTNAME;
        h.hostname = r->address;
        return h;
    }
    h.kind = HBA_ADDR_UNKNOWN;
    return h;
}

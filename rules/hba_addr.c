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

/* glibc's inet_pton6 for the addresses made of hex digits and colons only
 * (no embedded dotted quad): 1 with out filled exactly as inet_pton would
 * fill it, 0 when it is not one of those or inet_pton would refuse it (the
 * caller then asks inet_pton and getaddrinfo, as before). pg_hba.conf's
 * "::1/128" and its "ffff:...:ffff" netmask come once per file, and the
 * library call was a tenth of the address work. */
static int plain_ipv6(const char *src, unsigned char out[16])
{
    unsigned char tmp[16] = {0};
    size_t tp = 0, colonp = 0;
    int have_colonp = 0;
    if (*src == ':' && *++src != ':')
        return 0;
    unsigned val = 0;
    int digits = 0;
    while (*src) {
        int ch = (unsigned char)*src++, d;
        if (ch >= '0' && ch <= '9')
            d = ch - '0';
        else if (ch >= 'a' && ch <= 'f')
            d = ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F')
            d = ch - 'A' + 10;
        else
            d = -1;
        if (d >= 0) {
            if (digits == 4)
                return 0;
            val = (val << 4) | (unsigned)d;
            digits++;
            continue;
        }
        if (ch != ':')
            return 0;   /* a dotted quad, a zone id or junk: the library decides */
        if (digits == 0) {
            if (have_colonp)
                return 0;
            colonp = tp;
            have_colonp = 1;
            continue;
        }
        if (*src == '\0' || tp + 2 > 16)
            return 0;
        tmp[tp++] = (unsigned char)(val >> 8);
        tmp[tp++] = (unsigned char)val;
        digits = 0;
        val = 0;
    }
    if (digits > 0) {
        if (tp + 2 > 16)
            return 0;
        tmp[tp++] = (unsigned char)(val >> 8);
        tmp[tp++] = (unsigned char)val;
    }
    if (have_colonp) {
        if (tp == 16)
            return 0;
        size_t n = tp - colonp;
        memmove(tmp + 16 - n, tmp + colonp, n);
        memset(tmp + colonp, 0, 16 - n - colonp);
        tp = 16;
    }
    if (tp != 16)
        return 0;
    memcpy(out, tmp, 16);
    return 1;
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
    if (text && strchr(text, ':') && !strchr(text, '%') &&
        (plain_ipv6(text, out) || inet_pton(AF_INET6, text, out) == 1)) {
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

/* hba_plain_ipv4 on the text up to the first '/' (or the end): the four
 * octets, and a pointer to that '/' or NUL; NULL if the text is not a plain
 * dotted quad (then the general path decides). The same test, byte for
 * byte, without first copying the address out of "a.b.c.d/nn". */
static const char *plain_quad(const char *s, unsigned char out[4])
{
    for (int i = 0; i < 4; i++) {
        if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
            return NULL;
        unsigned v = (unsigned)(*s++ - '0');
        if (*s >= '0' && *s <= '9') {
            v = v * 10 + (unsigned)(*s++ - '0');
            if (*s >= '0' && *s <= '9')
                v = v * 10 + (unsigned)(*s++ - '0');
        }
        if (v > 255)
            return NULL;
        out[i] = (unsigned char)v;
        if (i < 3) {
            if (*s != '.')
                return NULL;
            s++;
        }
    }
    return *s == '\0' || *s == '/' ? s : NULL;
}

/* "a.b.c.d", "a.b.c.d/N" (N one to three digits) and "a.b.c.d" with a plain
 * dotted-quad mask: nearly every address of a pg_hba.conf, and the shadow
 * analysis asks for each rule's range many times. 1 when *out is filled
 * exactly as the general path would fill it; 0 to take the general path. */
static int plain_range(const char *text, const char *mask_text, ip_range *out)
{
    unsigned char a[4], m[4];
    const char *end = plain_quad(text, a);
    if (!end)
        return 0;
    int bits = 32;
    if (*end == '/') {
        const char *d = end + 1;
        if (mask_text || d[0] < '0' || d[0] > '9')
            return 0;
        bits = 0;
        int nd = 0;
        for (; *d >= '0' && *d <= '9' && nd < 3; d++, nd++)
            bits = bits * 10 + (*d - '0');
        if (*d != '\0' || bits > 32)
            return 0;   /* strtol's reading (signs, spaces, more digits) */
    } else if (mask_text) {
        const char *mend = plain_quad(mask_text, m);
        if (!mend || *mend != '\0')
            return 0;
    }
    memset(out, 0, sizeof *out);
    out->family = 4;
    memcpy(out->addr, a, 4);
    if (*end != '/' && mask_text)
        memcpy(out->mask, m, 4);
    else
        mask_from_prefix(out->mask, bits);
    return 1;
}

int ip_range_parse(const char *text, const char *mask_text, ip_range *out)
{
    if (text && plain_range(text, mask_text, out))
        return 0;
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
    if (!r->type || (r->type[0] == 'l' && strcmp(r->type, "local") == 0)) {
        h.kind = HBA_ADDR_NONE;
        return h;
    }
    if (!r->address) {
        h.kind = HBA_ADDR_UNKNOWN;
        return h;
    }
    /* The parser kept the binary address and mask it formatted into
     * address/netmask: reading that text back gives these very bytes, and
     * the shadow analysis and constraints ask for each rule several times. */
    if (r->addr_kind == HBA_ADDRESS_IP && r->netmask && r->ip.family == r->mask.family &&
        (r->ip.family == AF_INET || r->ip.family == AF_INET6)) {
        h.kind = HBA_ADDR_IP;
        /* constant lengths, so the copies are plain moves: every rule's
         * address is read here by several checks */
        if (r->ip.family == AF_INET) {
            h.ip.family = 4;
            memcpy(h.ip.addr, r->ip.bytes, 4);
            memcpy(h.ip.mask, r->mask.bytes, 4);
        } else {
            h.ip.family = 6;
            memcpy(h.ip.addr, r->ip.bytes, 16);
            memcpy(h.ip.mask, r->mask.bytes, 16);
        }
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

/* hba_address.c — numeric addresses, CIDR masks and their display. */
#include "hba_address.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

int hba_plain_ipv4(const char *s, unsigned char out[4])
{
    /* up to three digits an octet, unrolled: a fourth digit fails the test
     * for the '.' or NUL that must follow */
    for (int i = 0; i < 4; i++) {
        if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
            return 0;
        unsigned v = (unsigned)(*s++ - '0');
        if (*s >= '0' && *s <= '9') {
            v = v * 10 + (unsigned)(*s++ - '0');
            if (*s >= '0' && *s <= '9')
                v = v * 10 + (unsigned)(*s++ - '0');
        }
        if (v > 255 || *s != (i < 3 ? '.' : '\0'))
            return 0;
        out[i] = (unsigned char)v;
        if (i < 3)
            s++;
    }
    return 1;
}

int hba_numeric_addr(const char *str, hba_ip *out)
{
    if (str[0] == '\0')
        return EAI_NONAME;
    /* getaddrinfo allocates and frees several blocks per call; the forms
     * it answers as inet_pton does go there directly: a plain dotted quad,
     * and IPv6 without a zone id. Anything else, or a failure, takes the
     * long way, for its exact answer. */
    unsigned char b[16];
    if (hba_plain_ipv4(str, b)) {
        memset(out, 0, sizeof *out);
        out->family = AF_INET;
        memcpy(out->bytes, b, 4);
        return 0;
    }
    if (strchr(str, ':') && !strchr(str, '%') && inet_pton(AF_INET6, str, b) == 1) {
        memset(out, 0, sizeof *out);
        out->family = AF_INET6;
        memcpy(out->bytes, b, 16);
        return 0;
    }
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_family = AF_UNSPEC;
    int rc = getaddrinfo(str, NULL, &hints, &res);
    if (rc != 0)
        return rc;
    if (!res)
        return EAI_NONAME;
    memset(out, 0, sizeof *out);
    out->family = res->ai_family;
    if (res->ai_family == AF_INET)
        memcpy(out->bytes, &((struct sockaddr_in *)(void *)res->ai_addr)->sin_addr, 4);
    else if (res->ai_family == AF_INET6)
        memcpy(out->bytes, &((struct sockaddr_in6 *)(void *)res->ai_addr)->sin6_addr, 16);
    freeaddrinfo(res);
    return 0;
}

const char *hba_gai_error(int code)
{
    return gai_strerror(code);
}

int hba_cidr_mask(const char *bits, int family, hba_ip *mask)
{
    long n;
    if (bits[0] >= '0' && bits[0] <= '9' &&
        (bits[1] == '\0' || (bits[1] >= '0' && bits[1] <= '9' &&
                             (bits[2] == '\0' || (bits[2] >= '0' && bits[2] <= '9' && bits[3] == '\0'))))) {
        /* one to three digits, every mask length there is: what strtol
         * reads of them, without its locale and sign handling */
        n = 0;
        for (const char *d = bits; *d; d++)
            n = n * 10 + (*d - '0');
    } else {
        char *end;
        errno = 0;
        n = strtol(bits, &end, 10);
        if (bits[0] == '\0' || *end != '\0')
            return -1;
    }
    int max = family == AF_INET ? 32 : family == AF_INET6 ? 128 : -1;
    if (n < 0 || n > max)
        return -1;
    memset(mask, 0, sizeof *mask);
    mask->family = family;
    int full = (int)n / 8;
    for (int i = 0; i < full; i++)
        mask->bytes[i] = 0xff;
    if (n % 8)
        mask->bytes[full] = (unsigned char)(0xff << (8 - n % 8));
    return 0;
}

/* Dotted quad of four bytes into buf (16 bytes): what inet_ntop writes for
 * AF_INET, without its sprintf, which cost more than parsing the whole line
 * (every hba line formats an address and a mask). */
static void format_ipv4(const unsigned char *b, char *buf)
{
    char *p = buf;
    for (int i = 0; i < 4; i++) {
        unsigned v = b[i];
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
        *p++ = i < 3 ? '.' : '\0';
    }
}

/* What glibc's inet_ntop writes for AF_INET6 (inet_ntop6): the longest run
 * of two or more zero words (the first of equal ones) as "::", words in
 * lower-case hex without leading zeros, and the last 32 bits as a dotted
 * quad after six zero words or five and ffff (::a.b.c.d, ::ffff:a.b.c.d).
 * Its sprintf per word cost more than the rest of an IPv6 line. buf holds
 * INET6_ADDRSTRLEN bytes. */
static void format_ipv6(const unsigned char *b, char *buf)
{
    static const char hex[] = "0123456789abcdef";
    unsigned w[8];
    for (size_t i = 0; i < 8; i++)
        w[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
    int best = -1, best_len = 0, cur = -1, cur_len = 0;
    for (int i = 0; i < 8; i++) {
        if (w[i] == 0) {
            if (cur == -1) {
                cur = i;
                cur_len = 1;
            } else {
                cur_len++;
            }
        } else if (cur != -1) {
            if (best == -1 || cur_len > best_len) {
                best = cur;
                best_len = cur_len;
            }
            cur = -1;
        }
    }
    if (cur != -1 && (best == -1 || cur_len > best_len)) {
        best = cur;
        best_len = cur_len;
    }
    if (best != -1 && best_len < 2)
        best = -1;
    char *p = buf;
    for (int i = 0; i < 8; i++) {
        if (best != -1 && i >= best && i < best + best_len) {
            if (i == best)
                *p++ = ':';
            continue;
        }
        if (i != 0)
            *p++ = ':';
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
            format_ipv4(b + 12, p);
            return;
        }
        int started = 0;
        for (int shift = 12; shift >= 0; shift -= 4) {
            unsigned d = (w[i] >> shift) & 0xf;
            if (d || started || shift == 0) {
                *p++ = hex[d];
                started = 1;
            }
        }
    }
    if (best != -1 && best + best_len == 8)
        *p++ = ':';
    *p = '\0';
}

char *hba_ip_format(arena *a, const hba_ip *ip)
{
    char buf[INET6_ADDRSTRLEN];
    if (ip->family == AF_INET) {
        format_ipv4(ip->bytes, buf);
        return arena_strdup(a, buf);
    }
    if (ip->family == AF_INET6) {
        format_ipv6(ip->bytes, buf);
        return arena_strdup(a, buf);
    }
    if (!inet_ntop(ip->family, ip->bytes, buf, sizeof buf))
        return arena_strdup(a, "???");
    return arena_strdup(a, buf);
}

const char *hba_mask_text(arena *a, const hba_ip *mask)
{
    /* The 33 contiguous IPv4 masks, as format_ipv4 writes them. */
    static const char *const v4[33] = {
        "0.0.0.0",         "128.0.0.0",       "192.0.0.0",       "224.0.0.0",
        "240.0.0.0",       "248.0.0.0",       "252.0.0.0",       "254.0.0.0",
        "255.0.0.0",       "255.128.0.0",     "255.192.0.0",     "255.224.0.0",
        "255.240.0.0",     "255.248.0.0",     "255.252.0.0",     "255.254.0.0",
        "255.255.0.0",     "255.255.128.0",   "255.255.192.0",   "255.255.224.0",
        "255.255.240.0",   "255.255.248.0",   "255.255.252.0",   "255.255.254.0",
        "255.255.255.0",   "255.255.255.128", "255.255.255.192", "255.255.255.224",
        "255.255.255.240", "255.255.255.248", "255.255.255.252", "255.255.255.254",
        "255.255.255.255"};
    if (mask->family == AF_INET) {
        const unsigned char *b = mask->bytes;
        int bits = 0, i = 0;
        while (i < 4 && b[i] == 0xff) {
            bits += 8;
            i++;
        }
        int contiguous = 1;
        if (i < 4) {
            unsigned v = b[i];
            while (v & 0x80) {
                bits++;
                v = (v << 1) & 0xff;
            }
            contiguous = v == 0;
            for (i++; i < 4; i++)
                contiguous &= b[i] == 0;
        }
        if (contiguous)
            return v4[bits];
    }
    if (mask->family == AF_INET6) {
        /* /128, the mask of every "::1/128" */
        static const unsigned char ones[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
        if (memcmp(mask->bytes, ones, 16) == 0)
            return "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    }
    return hba_ip_format(a, mask);
}

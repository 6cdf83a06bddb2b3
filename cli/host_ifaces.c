/* host_ifaces.c — interface lists for samehost/samenet. */
#include "host_ifaces.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int ifaces_parse(arena *a, const char *list, ip_range **out, size_t *n, const char **bad)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    ip_range *v = arena_alloc(a, cap * sizeof *v);
    size_t k = 0;
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char *item = arena_strndup(a, p, len);
        if (len) { /* empty elements, as in "a,,b", are skipped */
            if (ip_range_parse(item, NULL, &v[k]) != 0) {
                *bad = item;
                return -1;
            }
            k++;
        }
        p += len + (comma ? 1 : 0);
    }
    *out = v;
    *n = k;
    return 0;
}

static int to_bytes(const struct sockaddr *sa, int *family, unsigned char b[16])
{
    memset(b, 0, 16);
    if (sa->sa_family == AF_INET) {
        memcpy(b, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
        *family = 4;
        return 0;
    }
    if (sa->sa_family == AF_INET6) {
        memcpy(b, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
        *family = 6;
        return 0;
    }
    return -1;
}

int ifaces_of_this_host(arena *a, ip_range **out, size_t *n)
{
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0)
        return -1;
    size_t cap = 0;
    for (struct ifaddrs *i = list; i; i = i->ifa_next)
        cap++;
    ip_range *v = arena_alloc(a, (cap ? cap : 1) * sizeof *v);
    size_t k = 0;
    /* pg_foreach_ifaddr skips entries without an address or a netmask. */
    for (struct ifaddrs *i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || !i->ifa_netmask)
            continue;
        int fam, mfam;
        if (to_bytes(i->ifa_addr, &fam, v[k].addr) != 0 ||
            to_bytes(i->ifa_netmask, &mfam, v[k].mask) != 0 || fam != mfam)
            continue;
        v[k++].family = fam;
    }
    freeifaddrs(list);
    *out = v;
    *n = k;
    return 0;
}

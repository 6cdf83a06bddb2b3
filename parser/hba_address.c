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

int hba_numeric_addr(const char *str, hba_ip *out)
{
    if (str[0] == '\0')
        return EAI_NONAME;
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
    char *end;
    errno = 0;
    long n = strtol(bits, &end, 10);
    if (bits[0] == '\0' || *end != '\0')
        return -1;
    int max = family == AF_INET ? 32 : family == AF_INET6 ? 128 : -1;
    if (n < 0 || n > max)
        return -1;
    memset(mask, 0, sizeof *mask);
    mask->family = family;
    for (int i = 0; i < max / 8; i++) {
        int take = n > 8 ? 8 : (int)n;
        mask->bytes[i] = take > 0 ? (unsigned char)(0xff << (8 - take)) : 0;
        n -= take;
    }
    return 0;
}

char *hba_ip_format(arena *a, const hba_ip *ip)
{
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(ip->family, ip->bytes, buf, sizeof buf))
        return arena_strdup(a, "???");
    return arena_strdup(a, buf);
}

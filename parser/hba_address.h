/*
 * hba_address — the ADDRESS and IP-MASK columns of pg_hba.conf as
 * parse_hba_line reads them: numeric addresses through getaddrinfo with
 * AI_NUMERICHOST (so glibc shorthands such as 127.1 count, and nothing is
 * looked up in DNS), CIDR suffixes as pg_sockaddr_cidr_mask parses them, and
 * the text pg_hba_file_rules shows for address and netmask.
 *
 * Memory: formatted strings live in the arena passed in; the rest is values.
 */
#ifndef PGCL_HBA_ADDRESS_H
#define PGCL_HBA_ADDRESS_H

#include "arena.h"

typedef enum hba_address_kind {
    HBA_ADDRESS_NONE = 0,   /* local lines */
    HBA_ADDRESS_ALL,
    HBA_ADDRESS_SAMEHOST,
    HBA_ADDRESS_SAMENET,
    HBA_ADDRESS_IP,         /* address + netmask */
    HBA_ADDRESS_HOSTNAME,   /* a name (".suffix" matches a domain) */
} hba_address_kind;

typedef struct hba_ip {
    int family;                 /* AF_INET or AF_INET6 */
    unsigned char bytes[16];    /* network order; 4 used for AF_INET */
} hba_ip;

/* getaddrinfo(str, AI_NUMERICHOST): 0 and *out filled, or the EAI_* code.
 * The empty string is "no such name", as pg_getaddrinfo_all passes NULL. */
int hba_numeric_addr(const char *str, hba_ip *out);

/* 1 and out filled if s is four decimal octets without leading zeros
 * (inet_aton, behind getaddrinfo, would read "010" as octal): the form of
 * nearly every address in a pg_hba.conf, on which getaddrinfo and
 * inet_pton agree, so it can skip them. */
int hba_plain_ipv4(const char *s, unsigned char out[4]);

/* Text for an EAI_* code, as gai_strerror gives it. */
const char *hba_gai_error(int code);

/* pg_sockaddr_cidr_mask: 0 and *mask filled, or -1 for an invalid length. */
int hba_cidr_mask(const char *bits, int family, hba_ip *mask);

/* Numeric text as the view shows it (no zone id). */
char *hba_ip_format(arena *a, const hba_ip *ip);

/* The same text for a netmask: a contiguous IPv4 mask (nearly every one)
 * and the IPv6 /128 are constant strings, not formatted and copied; others
 * as hba_ip_format. */
const char *hba_mask_text(arena *a, const hba_ip *mask);

#endif

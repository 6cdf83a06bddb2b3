/*
 * hba_addr — the ADDRESS column of a pg_hba.conf rule as PostgreSQL compares
 * it (check_ip, check_same_host_or_net, check_hostname), and numeric address
 * ranges with masks. Plain values; owns nothing (host names point into the
 * rule they were read from).
 */
#ifndef PGCL_HBA_ADDR_H
#define PGCL_HBA_ADDR_H

#include "hba_doc.h"

/* An address with a mask; the mask need not be contiguous (PostgreSQL accepts
 * 255.0.255.0). family is 4 or 6; IPv4 uses the first 4 bytes. */
typedef struct ip_range {
    int family;
    unsigned char addr[16];
    unsigned char mask[16];
} ip_range;

typedef enum hba_addr_kind {
    HBA_ADDR_NONE,      /* local rule: no address column */
    HBA_ADDR_ALL,
    HBA_ADDR_SAMEHOST,
    HBA_ADDR_SAMENET,
    HBA_ADDR_HOSTNAME,  /* matched against the client's verified host name */
    HBA_ADDR_IP,
    HBA_ADDR_UNKNOWN,   /* not understood: never assumed to match or cover */
} hba_addr_kind;

typedef struct hba_addr {
    hba_addr_kind kind;
    const char *hostname;
    ip_range ip;
} hba_addr;

/* How a rule's address column reads; keywords count only when unquoted. */
hba_addr hba_rule_addr(const hba_rule *r);

/* Parse a numeric address the way getaddrinfo(AI_NUMERICHOST) does (so
 * "127.1" and "fe80::1%eth0" work). Returns 0, or -1 if it is not numeric. */
int ip_parse(const char *text, int *family, unsigned char out[16]);

/* Parse "IP", "IP/PREFIX" or, with mask_text, "IP" plus a separate mask.
 * Without a prefix or mask the range is the single address. 0 or -1. */
int ip_range_parse(const char *text, const char *mask_text, ip_range *out);

int ip_addr_len(int family);  /* 4 or 16 */

/* Does the range contain this address (same family, equal under the mask)? */
int ip_range_has(const ip_range *r, int family, const unsigned char addr[16]);

/* Does `outer` contain every address of `inner`? Exact for any masks. */
int ip_range_contains(const ip_range *outer, const ip_range *inner);

/* Prefix length of a contiguous mask, or -1 if the mask has holes. */
int ip_mask_prefix(const ip_range *r);

/* The family's whole space (0.0.0.0/0 or ::/0). */
ip_range ip_range_everything(int family);

#endif

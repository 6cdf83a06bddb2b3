/*
 * host_ifaces — the server's interface addresses that samehost/samenet are
 * compared with: parsed from --local-addresses, or read from this machine
 * (getifaddrs, as PostgreSQL's pg_foreach_ifaddr does).
 *
 * Memory: the arrays live in the arena passed in.
 */
#ifndef PGCL_HOST_IFACES_H
#define PGCL_HOST_IFACES_H

#include <stddef.h>

#include "arena.h"
#include "hba_addr.h"

/* "ADDR[/PREFIX],..." (ADDR alone is a single address). 0, or -1 with *bad
 * set to the element that does not parse. */
int ifaces_parse(arena *a, const char *list, ip_range **out, size_t *n, const char **bad);

/* This machine's IPv4/IPv6 interface addresses with their netmasks.
 * 0, or -1 if they cannot be listed. */
int ifaces_of_this_host(arena *a, ip_range **out, size_t *n);

#endif

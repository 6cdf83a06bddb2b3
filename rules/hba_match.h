/*
 * hba_match — which pg_hba.conf rule PostgreSQL picks for one connection
 * attempt (hba.c check_hba: first rule whose type, address, database and
 * user all match). A pure function of the rules and the description.
 *
 * Memory: the result points at rules of the doc; notes are allocated in the
 * arena passed in.
 */
#ifndef PGCL_HBA_MATCH_H
#define PGCL_HBA_MATCH_H

#include "arena.h"
#include "hba_addr.h"
#include "hba_doc.h"

/* How the client reaches the server. A TCP connection is SSL, GSS-encrypted
 * or neither, never both. */
typedef enum hba_transport {
    HBA_LOCAL,        /* Unix-domain socket */
    HBA_TCP_SSL,
    HBA_TCP_PLAIN,
    HBA_TCP_GSSENC,
} hba_transport;

typedef struct hba_conn {
    hba_transport transport;
    const char *database;      /* ignored for physical replication */
    const char *user;          /* assumed to exist */
    int replication;           /* physical replication (walsender, replication=true) */
    /* TCP only: the client's numeric address; a value that is not numeric is
     * taken as the client's host name, already verified both ways by DNS. */
    const char *address;
    const char *const *groups; /* roles the user belongs to, directly or not */
    size_t ngroups;
    const ip_range *ifaces;    /* this server's interface addresses and netmasks */
    size_t nifaces;            /* (samehost/samenet); none: those never match */
    int pg_version;
} hba_conn;

typedef struct hba_match_result {
    const hba_rule *rule;      /* NULL: no rule matches, PostgreSQL rejects */
    ptrvec notes;              /* const char*: assumptions the answer rests on */
} hba_match_result;

/* Returns 0, or -1 with *err set when the description itself is unusable. */
int hba_match(arena *a, const hba_doc *d, const hba_conn *c, hba_match_result *out,
              const char **err);

/* The type keywords that let a rule see this transport. */
int hba_type_admits(const char *rule_type, hba_transport t);
/* The same for every transport at once: bit t set when hba_type_admits
 * would answer 1 for t. */
unsigned hba_type_admit_bits(const char *rule_type);

#endif

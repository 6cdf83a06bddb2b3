/* unit_hba_match.c — PostgreSQL's pg_hba.conf first-match rules (check_hba). */
#include <stdio.h>
#include <string.h>

#include "hba_fixture.h"
#include "hba_match.h"
#include "tap.h"

typedef struct conn_desc {
    hba_transport t;
    const char *db, *user, *addr, *groups[4];
    int repl;
} conn_desc;

/* Which line (0 = none) a connection reaches; *notes gets the note count. */
static int reach(int pgv, const char *const *lines, size_t n, conn_desc cd, size_t *notes,
                 const ip_range *ifs, size_t nifs)
{
    arena *a = arena_new();
    hba_doc *d = fx_doc(a, pgv, lines, n);
    size_t ng = 0;
    while (ng < 4 && cd.groups[ng])
        ng++;
    hba_conn c = {.transport = cd.t, .database = cd.db, .user = cd.user, .replication = cd.repl,
                  .address = cd.addr, .groups = cd.groups, .ngroups = ng, .ifaces = ifs,
                  .nifaces = nifs, .pg_version = pgv};
    hba_match_result res;
    const char *err = NULL;
    int line = -1;
    if (hba_match(a, d, &c, &res, &err) == 0) {
        line = res.rule ? res.rule->line : 0;
        if (notes)
            *notes = res.notes.n;
    }
    arena_free(a);
    return line;
}

#define L(...) ((const char *const[]){__VA_ARGS__}), (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))
#define EXPECT(pgv, lines, cd, want, name) tap_int_eq(reach(pgv, lines, cd, NULL, NULL, 0), want, name)

int main(void)
{
    conn_desc sock = {HBA_LOCAL, "db1", "bob", NULL, {0}, 0};
    conn_desc ssl = {HBA_TCP_SSL, "db1", "bob", "10.1.2.3", {0}, 0};
    conn_desc plain = {HBA_TCP_PLAIN, "db1", "bob", "10.1.2.3", {0}, 0};
    conn_desc gss = {HBA_TCP_GSSENC, "db1", "bob", "10.1.2.3", {0}, 0};

    /* connection types */
    EXPECT(15, L("host all all all reject", "local all all trust"), sock, 2, "local skips host lines");
    EXPECT(15, L("local all all trust", "host all all all md5"), ssl, 2, "TCP skips local lines");
    EXPECT(15, L("hostnossl all all all reject", "host all all all trust"), ssl, 2,
           "hostnossl does not take SSL");
    EXPECT(15, L("hostnossl all all all reject", "host all all all trust"), plain, 1,
           "hostnossl takes plain TCP");
    EXPECT(15, L("hostssl all all all reject", "host all all all trust"), plain, 2,
           "hostssl does not take plain TCP");
    EXPECT(15, L("hostgssenc all all all reject", "hostnogssenc all all all trust"), gss, 1,
           "hostgssenc takes GSS-encrypted TCP");
    EXPECT(15, L("hostgssenc all all all reject", "hostnogssenc all all all trust"), ssl, 2,
           "hostnogssenc takes SSL");
    EXPECT(15, L("hostssl all all all reject", "hostnossl all all all trust"), gss, 2,
           "GSS encryption is not SSL");

    /* addresses */
    conn_desc lo6 = {HBA_TCP_PLAIN, "db1", "bob", "::1", {0}, 0};
    conn_desc mapped = {HBA_TCP_PLAIN, "db1", "bob", "::ffff:127.0.0.1", {0}, 0};
    conn_desc lo4 = {HBA_TCP_PLAIN, "db1", "bob", "127.0.0.1", {0}, 0};
    EXPECT(15, L("host all all 127.0.0.1/32 trust", "host all all ::1/128 md5"), lo6, 2,
           "IPv6 client skips IPv4 range");
    EXPECT(15, L("host all all 127.0.0.1/32 trust"), mapped, 0, "IPv4-mapped IPv6 is IPv6");
    EXPECT(15, L("host all all ::1/128 trust", "host all all 127.0.0.0/8 md5"), lo4, 2,
           "IPv4 client skips IPv6 range");
    EXPECT(15, L("host all all 10.0.0.0 255.0.0.0 trust"), plain, 1, "address and netmask");
    EXPECT(15, L("host all all 11.0.0.0 255.0.0.0 trust"), plain, 0, "netmask outside");
    EXPECT(15, L("host all all 10.0.2.0 255.0.255.0 trust"), plain, 1, "non-contiguous mask");
    EXPECT(15, L("host all all 10.1.2.77/24 trust"), plain, 1, "host bits are ignored");
    EXPECT(15, L("host all all 10.1.3.0/24 trust"), plain, 0, "CIDR outside");
    EXPECT(15, L("host all all 0.0.0.0/0 trust"), plain, 1, "/0 takes every IPv4 client");
    EXPECT(15, L("host all all \"all\" trust", "host all all all md5"), plain, 2,
           "quoted all is a host name");

    /* samehost / samenet */
    ip_range ifs[2];
    ip_range_parse("192.168.1.10/24", NULL, &ifs[0]);
    ip_range_parse("fd00::2/64", NULL, &ifs[1]);
    conn_desc same = {HBA_TCP_PLAIN, "db1", "bob", "192.168.1.10", {0}, 0};
    conn_desc net = {HBA_TCP_PLAIN, "db1", "bob", "192.168.1.99", {0}, 0};
    conn_desc net6 = {HBA_TCP_PLAIN, "db1", "bob", "fd00::77", {0}, 0};
    const char *const sh[] = {"host all all samehost trust", "host all all samenet md5"};
    tap_int_eq(reach(15, sh, 2, same, NULL, ifs, 2), 1, "samehost: an interface address");
    tap_int_eq(reach(15, sh, 2, net, NULL, ifs, 2), 2, "samenet: an interface's network");
    tap_int_eq(reach(15, sh, 2, net6, NULL, ifs, 2), 2, "samenet: IPv6 network");
    tap_int_eq(reach(15, sh, 2, plain, NULL, ifs, 2), 0, "samenet: elsewhere");
    tap_int_eq(reach(15, sh, 2, same, NULL, NULL, 0), 0, "no interfaces: neither matches");

    /* host names */
    size_t notes = 0;
    const char *const hn[] = {"host all all db.example.com trust", "host all all .example.org md5"};
    tap_int_eq(reach(15, hn, 2, plain, &notes, NULL, 0), 0, "IP client: host names not resolved");
    tap_ok(notes >= 1, "... with a note");
    conn_desc named = {HBA_TCP_PLAIN, "db1", "bob", "DB.Example.com", {0}, 0};
    tap_int_eq(reach(15, hn, 2, named, &notes, NULL, 0), 1, "host name compared case-insensitively");
    conn_desc suffix = {HBA_TCP_PLAIN, "db1", "bob", "a.b.example.org", {0}, 0};
    tap_int_eq(reach(15, hn, 2, suffix, NULL, NULL, 0), 2, "leading dot: suffix match");
    conn_desc nosuffix = {HBA_TCP_PLAIN, "db1", "bob", "example.org", {0}, 0};
    tap_int_eq(reach(15, hn, 2, nosuffix, NULL, NULL, 0), 0, "suffix needs the dot");

    /* databases */
    conn_desc repl = {HBA_TCP_PLAIN, "db1", "bob", "10.1.2.3", {0}, 1};
    conn_desc dbrepl = {HBA_TCP_PLAIN, "replication", "bob", "10.1.2.3", {0}, 0};
    EXPECT(15, L("host all all all reject", "host replication all all trust"), repl, 2,
           "all does not take physical replication");
    EXPECT(15, L("host replication all all trust"), dbrepl, 0,
           "replication keyword does not take a database named replication");
    EXPECT(15, L("host all all all trust"), dbrepl, 1, "all takes a database named replication");
    EXPECT(15, L("host \"replication\" all all trust"), dbrepl, 1, "quoted replication is a name");
    EXPECT(15, L("host \"replication\" all all trust"), repl, 0, "... not the keyword");
    EXPECT(15, L("host db1 all all trust"), repl, 0, "replication ignores database names");
    EXPECT(15, L("local db2,db1 all trust"), sock, 1, "comma list");
    EXPECT(15, L("local DB1 all trust"), sock, 0, "names are case-sensitive");
    conn_desc same_db = {HBA_LOCAL, "bob", "bob", NULL, {0}, 0};
    EXPECT(15, L("local sameuser all trust"), same_db, 1, "sameuser");
    EXPECT(15, L("local sameuser all trust"), sock, 0, "sameuser, other database");
    EXPECT(15, L("local samerole all trust"), same_db, 1, "samerole: a role is its own member");
    conn_desc staff_db = {HBA_LOCAL, "staff", "bob", NULL, {"staff"}, 0};
    conn_desc staff_db_out = {HBA_LOCAL, "staff", "carol", NULL, {0}, 0};
    EXPECT(15, L("local samegroup all trust"), staff_db, 1, "samegroup: member");
    EXPECT(15, L("local samerole all trust"), staff_db_out, 0, "samerole: not a member");
    EXPECT(15, L("local \"all\" all trust"), sock, 0, "quoted all is a database name");

    /* users */
    conn_desc member = {HBA_LOCAL, "db1", "bob", NULL, {"staff"}, 0};
    EXPECT(15, L("local all +staff trust"), member, 1, "+group: member");
    EXPECT(15, L("local all +staff trust"), sock, 0, "+group: not a member");
    EXPECT(15, L("local all +bob trust"), sock, 1, "+role takes the role itself");
    EXPECT(15, L("local all \"+staff\" trust"), member, 0, "quoted +staff is a name");
    conn_desc plus_user = {HBA_LOCAL, "db1", "+staff", NULL, {0}, 0};
    EXPECT(15, L("local all \"+staff\" trust"), plus_user, 1, "... matched literally");
    EXPECT(15, L("local all \"all\" trust"), sock, 0, "quoted all is a role name");
    EXPECT(15, L("local all alice,bob trust"), sock, 1, "user list");

    /* regular expressions (16+) */
    EXPECT(16, L("local \"/^db[0-9]$\" all trust"), sock, 1, "16: database regex");
    EXPECT(15, L("local \"/^db[0-9]$\" all trust"), sock, 0, "15: /... is a plain name");
    conn_desc slash = {HBA_LOCAL, "/^db[0-9]$", "bob", NULL, {0}, 0};
    EXPECT(15, L("local \"/^db[0-9]$\" all trust"), slash, 1, "15: ... matched literally");
    EXPECT(16, L("local all /^b trust"), sock, 1, "16: user regex");
    EXPECT(16, L("local all /^B trust"), sock, 0, "16: regex is case-sensitive");
    EXPECT(16, L("local all /o trust"), sock, 1, "16: regex is not anchored");
    EXPECT(16, L("local /db(1|2) all trust"), sock, 1, "16: alternation");
    EXPECT(16, L("local all /\\mbob\\M trust"), sock, 1, "16: ARE word boundaries");
    conn_desc bobby = {HBA_LOCAL, "db1", "bobby", NULL, {0}, 0};
    EXPECT(16, L("local all /\\mbob\\M trust"), bobby, 0, "16: ... bobby is another word");
    EXPECT(16, L("local all /^bob\\Z trust"), sock, 1, "16: ARE \\Z is the end");
    const char *const mb[] = {"local all /(?i)BOB trust", "local all all md5"};
    tap_int_eq(reach(16, mb, 2, sock, &notes, NULL, 0), 2, "embedded options: not matched");
    tap_ok(notes >= 1, "... with a note");

    /* first match wins, and nothing matching rejects */
    EXPECT(15, L("local db1 bob md5", "local all all trust"), sock, 1, "first match wins");
    EXPECT(15, L("local db2 all trust", "local all alice trust"), sock, 0, "no match");
    return tap_done();
}

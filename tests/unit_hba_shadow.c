/* unit_hba_shadow.c — shadowed pg_hba.conf lines, weaker methods in front,
 * and the final catch-all reject. */
#include <stdio.h>
#include <string.h>

#include "finding.h"
#include "hba_fixture.h"
#include "hba_shadow.h"
#include "hba_summary.h"
#include "tap.h"

static const char *summary(arena *a, int pgv, const char *const *lines, size_t n,
                           int final_reject)
{
    hba_doc *d = fx_doc(a, pgv, lines, n);
    ptrvec out = {0};
    if (final_reject)
        hba_find_missing_final_reject(a, d, &out);
    else
        hba_find_shadowed(a, d, &out);
    return hba_summary(a, &out);
}

static void check(int pgv, const char *const *lines, size_t n, const char *want, const char *name)
{
    arena *a = arena_new();
    tap_str_eq(summary(a, pgv, lines, n, 0), want, name);
    arena_free(a);
}

static void check_final(const char *const *lines, size_t n, const char *want, const char *name)
{
    arena *a = arena_new();
    tap_str_eq(summary(a, 16, lines, n, 1), want, name);
    arena_free(a);
}

#define L(...) ((const char *const[]){__VA_ARGS__}), (sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

int main(void)
{
    /* shadowed */
    check(16, L("host all all 0.0.0.0/0 md5", "host db1 bob 10.0.0.0/8 scram-sha-256"),
          "S2:1 W1:2", "wider earlier line, weaker method");
    check(16, L("host all all all trust", "hostssl all all 10.0.0.0/8 scram-sha-256"),
          "S2:1 W1:2", "trust before scram");
    check(16, L("host all all all trust", "host all baduser all reject"), "S2:1 W1:2",
          "allow before the reject it voids");
    check(16, L("host all all 10.0.0.0/9 md5", "host all all 10.128.0.0/9 md5",
                "host all all 10.0.0.0/8 md5"),
          "S3:1+2", "two halves cover the range");
    check(16, L("host all all 10.0.0.0/9 md5", "host all all 10.128.0.0/10 md5",
                "host all all 10.0.0.0/8 md5"),
          "", "a quarter is missing");
    check(16, L("hostssl all all 0.0.0.0/0 md5", "hostnossl all all 0.0.0.0/0 md5",
                "host all all 10.0.0.0/8 md5"),
          "S3:1+2", "hostssl + hostnossl cover host");
    check(16, L("hostgssenc all all all md5", "hostnogssenc all all all md5",
                "host all all all md5"),
          "S3:1+2", "hostgssenc + hostnogssenc cover host");
    check(16, L("hostnossl all all all md5", "hostgssenc all all all md5"), "S2:1",
          "hostnossl covers hostgssenc");
    check(16, L("host all all 0.0.0.0/0 md5", "host all all ::/0 md5", "host all all all md5"),
          "S3:1+2", "all needs IPv4 and IPv6");
    check(16, L("host all all 10.0.0.0 255.0.0.0 md5", "host all all 10.0.5.0 255.255.255.0 md5"),
          "S2:1", "netmask form");
    check(16, L("host all all 10.0.5.0 255.0.255.0 md5", "host all all 10.1.5.0/24 md5"), "S2:1",
          "non-contiguous mask containing a prefix");
    check(16, L("local db1,db2 all md5", "local db2 bob md5"), "S2:1", "database list");
    check(16, L("local db1 all md5", "local db2 all md5", "local db1,db2 bob md5"), "S3:1+2",
          "each database by its own line");
    check(16, L("local all all peer", "local all +staff md5"), "S2:1", "all covers +group");
    check(16, L("local all +staff peer", "local db1 +staff peer"), "S2:1", "same +group");
    check(16, L("local sameuser all peer", "local bob bob peer"), "S2:1",
          "sameuser covers database = user");
    check(16, L("local bob all peer", "local sameuser bob peer"), "S2:1",
          "sameuser with one user is one database");
    check(16, L("local samegroup all peer", "local samerole bob peer"), "S2:1",
          "samegroup is samerole");
    check(16, L("host replication all all md5", "host replication rep 10.0.0.0/8 md5"), "S2:1",
          "replication covers replication");
    check(16, L("local \"/^db\" all md5", "local db1 all md5"), "S2:1", "16: regex covers a name");
    check(16, L("local all /^a md5", "local all /^a trust"), "S2:1", "16: same regex");
    check(16, L("host all all foo.example.com md5", "host all all FOO.example.com md5"), "S2:1",
          "same host name");
    check(16, L("host all all 0.0.0.0/0 md5", "host all all ::/0 md5",
                "host all all foo.example.com md5"),
          "S3:1+2", "every address covers a host name");
    check(16, L("host all all samenet md5", "host all all samehost md5"), "S2:1",
          "samenet covers samehost");
    check(16, L("local all all md5", "local \"all\" all md5"), "S2:1",
          "all covers the database named all");
    check(16, L("local all all peer", "local all all md5", "local db1 all md5"), "S2:1 S3:1",
          "named by the lines that are reached");

    /* not shadowed */
    check(16, L("hostssl all all 10.0.0.0/8 md5", "host all all 10.0.0.0/8 md5"), "",
          "hostssl then host");
    check(16, L("host all all 0.0.0.0/0 md5", "host all all ::1/128 md5"), "",
          "IPv4 does not cover IPv6");
    check(16, L("host all all all md5", "host replication all all md5"), "",
          "all does not cover replication");
    check(16, L("local replication all md5", "local db1 all md5"), "",
          "replication does not cover names");
    check(16, L("local all alice,bob peer", "local all +staff peer"), "",
          "names do not cover a group");
    check(16, L("local all +bob md5", "local all bob md5"), "", "+bob needs role bob to exist");
    check(16, L("local all +staff peer", "local all +admins peer"), "", "other group");
    check(16, L("local sameuser all peer", "local bob all peer"), "", "sameuser, any user");
    check(16, L("local samerole all peer", "local bob bob peer"), "",
          "samerole needs role bob to exist");
    check(15, L("local \"/^db\" all md5", "local db1 all md5"), "", "15: /^db is a name");
    check(16, L("local all /^a md5", "local all alice md5", "local all /^al md5"), "S2:1",
          "different regexes are not compared");
    check(16, L("local all /(?i)BOB md5", "local all bob md5"), "", "undecidable regex");
    check(16, L("local all /\\mbob md5", "local all bob md5"), "S2:1", "ARE word start");
    check(16, L("host all all foo.example.com md5", "host all all bar.example.com md5"), "",
          "other host name");
    check(16, L("host all all 0.0.0.0/0 md5", "host all all foo.example.com md5"), "",
          "IPv4 only does not cover a host name");
    check(16, L("host all all 127.0.0.0/8 md5", "host all all samehost md5"), "",
          "an IP range does not cover samehost");
    check(16, L("host all all samehost md5", "host all all samenet md5"), "",
          "samehost does not cover samenet");
    check(16, L("host all all all trust", "local all all md5"), "", "host does not cover local");
    check(16, L("local \"all\" all md5", "local db1 all md5"), "",
          "quoted all is one database");
    check(16, L("local db1 all md5", "local db2 all md5", "local sameuser all md5"), "",
          "sameuser is not a list of names");

    /* final catch-all reject */
    check_final(L("host all all all md5", "local all all reject", "host all all all reject"), "",
                "final reject present");
    check_final(L("host all all all md5"), "R1", "no final reject");
    check_final(L("local all all reject", "host all all 0.0.0.0/0 reject"), "R2",
                "IPv6 left open");
    check_final(L("host all all all md5", "local all all reject", "host all all 0.0.0.0/0 reject",
                  "host all all ::/0 reject"),
                "", "IPv4 and IPv6 rejects");
    check_final(L("local all all reject", "host all all all reject", "host db1 all all md5"),
                "R3", "reject not last");
    return tap_done();
}

/* test_hba_address.c — the ADDRESS / IP-MASK columns (spec §3.6, vectors
 * H11–H22) and the address helpers underneath them. */
#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include "auth_test_util.h"
#include "hba_address.h"
#include "tests/tap.h"

static void check_rule(arena *a, const char *line, const char *addr, const char *mask,
                       const char *name)
{
    hba_doc *d = hba_load(a, line, 15);
    const hba_rule *r = rule_at(d, 1);
    if (!tap_ok(r != NULL, name)) {
        printf("#   error: %s\n", d->errors.n ? ((diag *)d->errors.items[0])->message : "-");
        return;
    }
    tap_str_eq(r->address, addr, name);
    tap_str_eq(r->netmask, mask, name);
}

static void check_error(arena *a, const char *line, const char *msg, const char *name)
{
    hba_doc *d = hba_load(a, line, 15);
    tap_str_eq(error_at(&d->errors, 1), msg, name);
}

static void test_vectors(arena *a)
{
    check_rule(a, "host all all 127.0.0.1/32 trust", "127.0.0.1", "255.255.255.255", "H01");
    check_rule(a, "host all all 127.0.0.1 255.255.255.0 md5", "127.0.0.1", "255.255.255.0",
               "H11: separate netmask column");
    check_error(a, "host all all 127.0.0.1 md5", "invalid IP mask \"md5\": Name or service not known",
                "H12: the method is read as the mask");
    check_error(a, "host all all 127.0.0.1/33 md5", "invalid CIDR mask in address \"127.0.0.1/33\"",
                "H13: /33");
    check_error(a, "host all all 127.0.0.1/ md5", "invalid CIDR mask in address \"127.0.0.1/\"",
                "H14: empty CIDR length");
    check_error(a, "host all all ::1 255.255.255.0 md5", "IP address and mask do not match",
                "H15: IPv6 address with IPv4 mask");
    check_rule(a, "host all all 300.1.1.1 md5", "300.1.1.1", NULL, "H16: not numeric, so a host name");
    check_error(a, "host all all example.com/24 md5",
                "specifying both host name and CIDR mask is invalid: \"example.com/24\"", "H17");
    check_rule(a, "host all all .example.com md5", ".example.com", NULL, "H18: suffix host name");
    hba_doc *d = hba_load(a, "host all all 10.0.0.0/8,192.168.0.0/16 md5", 15);
    tap_str_eq(error_at(&d->errors, 1), "multiple values specified for host address", "H19");
    tap_str_eq(d->errors.n ? ((diag *)d->errors.items[0])->detail : NULL,
               "Specify one address range per line.", "H19: hint");
    check_rule(a, "host all all 127.1/32 md5", "127.0.0.1", "255.255.255.255", "H20: 127.1 shorthand");
    check_rule(a, "host all all 10.0.0.1/24 md5", "10.0.0.1", "255.255.255.0", "H21: host bits kept");
    d = hba_load(a, "host all all \"samehost\" md5\nhost all all samehost md5\n", 15);
    tap_ok(rule_at(d, 1) && rule_at(d, 1)->addr_kind == HBA_ADDRESS_HOSTNAME,
           "H22: quoted samehost is a host name");
    tap_ok(rule_at(d, 2) && rule_at(d, 2)->addr_kind == HBA_ADDRESS_SAMEHOST,
           "unquoted samehost is the keyword");
    check_rule(a, "host all all \"127.0.0.1/32\" md5", "127.0.0.1", "255.255.255.255",
               "quoting does not matter for numeric addresses");
    check_rule(a, "host all all 2001:db8::/32 md5", "2001:db8::", "ffff:ffff::", "IPv6 CIDR");
    check_rule(a, "host all all 1.2.3.4 255.0.255.0 md5", "1.2.3.4", "255.0.255.0",
               "non-contiguous masks are accepted");
    check_rule(a, "host all all 1.2.3.4/+8 md5", "1.2.3.4", "255.0.0.0", "strtol accepts a sign");
    check_rule(a, "host all all \"\" md5", "", NULL, "the empty string is a host name");
    check_error(a, "host all all 2001:db8::1/129 md5",
                "invalid CIDR mask in address \"2001:db8::1/129\"", "/129");
    check_error(a, "host all all 127.0.0.1/32/8 md5",
                "invalid CIDR mask in address \"127.0.0.1/32/8\"", "two slashes");
    check_error(a, "local all all 127.0.0.1/32 trust", "invalid authentication method \"127.0.0.1/32\"",
                "H51: local has no address column");
    check_error(a, "host all all", "end-of-line before IP address specification", "H48");
    d = hba_load(a, "host all all 10.0.0.1", 15);
    tap_str_eq(error_at(&d->errors, 1), "end-of-line before netmask specification",
               "missing netmask");
    tap_str_eq(d->errors.n ? ((diag *)d->errors.items[0])->detail : NULL,
               "Specify an address range in CIDR notation, or provide a separate netmask.",
               "missing netmask: hint");
    check_error(a, "host all all 10.0.0.1 255.0.0.0,255.0.0.0 md5",
                "multiple values specified for netmask", "two netmasks");
}

static void test_helpers(arena *a)
{
    hba_ip ip, mask;
    tap_int_eq(hba_numeric_addr("127.1", &ip), 0, "127.1 is numeric");
    tap_str_eq(hba_ip_format(a, &ip), "127.0.0.1", "127.1 formats as 127.0.0.1");
    tap_int_eq(hba_numeric_addr("300.1.1.1", &ip), EAI_NONAME, "300.1.1.1 is no address");
    tap_int_eq(hba_numeric_addr("", &ip), EAI_NONAME, "empty is no address");
    tap_int_eq(hba_numeric_addr("::ffff:10.0.0.1", &ip), 0, "mapped IPv6");
    tap_str_eq(hba_ip_format(a, &ip), "::ffff:10.0.0.1", "mapped IPv6 keeps its form");
    tap_int_eq(hba_cidr_mask("0", AF_INET, &mask), 0, "/0");
    tap_str_eq(hba_ip_format(a, &mask), "0.0.0.0", "/0 is 0.0.0.0");
    tap_int_eq(hba_cidr_mask("20", AF_INET, &mask), 0, "/20");
    tap_str_eq(hba_ip_format(a, &mask), "255.255.240.0", "/20 mask");
    tap_int_eq(hba_cidr_mask("65", AF_INET6, &mask), 0, "/65");
    tap_str_eq(hba_ip_format(a, &mask), "ffff:ffff:ffff:ffff:8000::", "/65 mask");
    tap_int_eq(hba_cidr_mask("-1", AF_INET, &mask), -1, "/-1 invalid");
    tap_int_eq(hba_cidr_mask("8x", AF_INET, &mask), -1, "/8x invalid");
    tap_int_eq(hba_cidr_mask("", AF_INET6, &mask), -1, "empty invalid");
    tap_str_eq(hba_gai_error(EAI_NONAME), "Name or service not known", "gai text");
}

/* hba_ip_format writes IPv6 itself: the same text as glibc's inet_ntop for
 * every pattern of zero and non-zero words (runs of zeros, ties between
 * runs, the ::a.b.c.d and ::ffff:a.b.c.d forms), with varied word values. */
static void test_ipv6_format(arena *a)
{
    static const unsigned vals[] = {1, 0xffff, 0xfe80, 0x10, 0x100, 0xabc, 0x0a0b, 0xf, 0x1000};
    unsigned long seed = 12345;
    long cases = 0, differ = 0;
    for (unsigned pat = 0; pat < 256; pat++)
        for (int rep = 0; rep < 100; rep++) {
            hba_ip ip;
            memset(&ip, 0, sizeof ip);
            ip.family = AF_INET6;
            for (size_t i = 0; i < 8; i++) {
                unsigned v = 0;
                if (pat & (1u << i)) {
                    seed = seed * 6364136223846793005ul + 1442695040888963407ul;
                    unsigned r = (unsigned)(seed >> 33);
                    v = rep < 50 ? vals[r % 9] : r % 0xffff + 1;
                }
                ip.bytes[2 * i] = (unsigned char)(v >> 8);
                ip.bytes[2 * i + 1] = (unsigned char)v;
            }
            char lib[INET6_ADDRSTRLEN];
            inet_ntop(AF_INET6, ip.bytes, lib, sizeof lib);
            const char *mine = hba_ip_format(a, &ip);
            cases++;
            if (strcmp(mine, lib) != 0 && differ++ < 5)
                printf("#   %s, inet_ntop: %s\n", mine, lib);
        }
    tap_ok(cases == 25600 && differ == 0, "IPv6 text is inet_ntop's for every zero pattern");
}

int main(void)
{
    arena *a = arena_new();
    test_vectors(a);
    test_helpers(a);
    test_ipv6_format(a);
    arena_free(a);
    return tap_done();
}

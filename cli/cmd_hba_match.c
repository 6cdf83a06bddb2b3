/* cmd_hba_match.c — `pgconflint hba-match`: the pg_hba.conf line PostgreSQL
 * would choose for one described connection attempt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "hba_doc.h"
#include "hba_match.h"
#include "host_ifaces.h"
#include "json_writer.h"
#include "load_opts.h"

static const char usage[] =
    "usage: pgconflint hba-match [OPTIONS] PG_HBA_FILE\n"
    "\n"
    "Print the pg_hba.conf line PostgreSQL would use for one connection attempt,\n"
    "with its method and options, or that no line matches (PostgreSQL rejects).\n"
    "\n"
    "  --type T            local (Unix socket), hostssl (TCP with SSL),\n"
    "                      hostnossl (TCP, neither SSL nor GSS encryption),\n"
    "                      hostgssenc (TCP with GSS encryption)\n"
    "  --user U            the role connecting (assumed to exist)\n"
    "  --database D        default: the user name, as libpq does\n"
    "  --address ADDR      TCP only: the client's IP address; a name instead of an\n"
    "                      address is taken as the client's verified host name\n"
    "  --groups G1,G2      roles the user is a member of, directly or not\n"
    "                      (for +group and samerole)\n"
    "  --replication       a physical replication connection (replication=true)\n"
    "  --local-addresses A/N,...\n"
    "                      the server's interface addresses for samehost/samenet\n"
    "                      (default: this machine's interfaces)\n"
    "  --pg-version N      PostgreSQL major version 12..19 (default 18)\n"
    "  --format text|json  output format (default text)\n"
    "\n"
    "exit status: 0 a line matches, 1 no line matches, 2 usage or I/O error\n";

typedef struct match_args {
    const char *type, *user, *database, *address, *groups, *local_addresses, *format, *path;
    int replication, pg_version;
} match_args;

/* "--name=value" or "--name value"; NULL if argv[*i] is not this option.
 * *missing is set when the option is last and has no value. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (!arg || strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

static int parse_args(int argc, char **argv, match_args *m)
{
    static const char *const names[] = {"--type",   "--user",            "--database",
                                        "--address", "--groups",         "--local-addresses",
                                        "--format", "--pg-version"};
    m->pg_version = PG_VERSION_DEFAULT;
    const char *version = NULL;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        if (strcmp(arg, "--replication") == 0) {
            m->replication = 1;
            continue;
        }
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (m->path) {
                fprintf(stderr, "pgconflint: hba-match takes one PG_HBA_FILE\n");
                return 2;
            }
            m->path = arg;
            continue;
        }
        const char **slots[] = {&m->type,   &m->user,   &m->database, &m->address,
                                &m->groups, &m->local_addresses, &m->format, &version};
        int found = 0, missing = 0;
        for (size_t k = 0; k < sizeof names / sizeof *names && !found; k++) {
            const char *v = opt_value(argc, argv, &i, names[k], &missing);
            if (missing) {
                fprintf(stderr, "pgconflint: option %s needs a value\n", names[k]);
                return 2;
            }
            if (v) {
                *slots[k] = v;
                found = 1;
            }
        }
        if (!found) {
            fprintf(stderr, "pgconflint: hba-match: unknown option \"%s\" (see --help)\n", arg);
            return 2;
        }
    }
    if (version) {
        char *end;
        long n = strtol(version, &end, 10);
        if (!*version || *end || n < PG_VERSION_MIN || n > PG_VERSION_MAX) {
            fprintf(stderr, "pgconflint: --pg-version must be %d..%d, not \"%s\"\n",
                    PG_VERSION_MIN, PG_VERSION_MAX, version);
            return 2;
        }
        m->pg_version = (int)n;
    }
    if (!m->path || !m->type || !m->user) {
        fprintf(stderr, "pgconflint: hba-match needs --type, --user and a PG_HBA_FILE "
                        "(see --help)\n");
        return 2;
    }
    if (m->format && strcmp(m->format, "text") != 0 && strcmp(m->format, "json") != 0) {
        fprintf(stderr, "pgconflint: --format must be text or json, not \"%s\"\n", m->format);
        return 2;
    }
    return 0;
}

static int parse_transport(const char *t, hba_transport *out)
{
    static const struct { const char *name; hba_transport t; } map[] = {
        {"local", HBA_LOCAL},
        {"hostssl", HBA_TCP_SSL},
        {"hostnossl", HBA_TCP_PLAIN},
        {"hostgssenc", HBA_TCP_GSSENC},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(t, map[i].name) == 0) {
            *out = map[i].t;
            return 0;
        }
    return -1;
}

static void split_groups(arena *a, const char *list, hba_conn *c)
{
    ptrvec v = {0};
    const char *p = list;
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len)
            ptrvec_push(a, &v, arena_strndup(a, p, len));
        p += len + (comma ? 1 : 0);
    }
    c->groups = (const char *const *)v.items;
    c->ngroups = v.n;
}

static source *read_stdin(arena *a)
{
    strbuf b = {0};
    char buf[65536];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0)
        strbuf_put(a, &b, buf, (size_t)r);
    source *s = source_from_buffer(a, "<stdin>", b.data ? b.data : "", b.len);
    char *cwd = getcwd(NULL, 0);
    s->dir = arena_strdup(a, cwd ? cwd : "/");
    free(cwd);
    return s;
}

/* The rule's text on one line: continuation breaks and runs of blanks become
 * one space, so the answer reads like the line the user wrote. */
static char *rule_text(arena *a, const hba_rule *r)
{
    strbuf b = {0};
    int space = 0;
    for (size_t i = 0; r->src && i < r->len && r->off + i < r->src->len; i++) {
        unsigned char ch = r->src->data[r->off + i];
        if (ch == '\\' && i + 1 < r->len &&
            (r->src->data[r->off + i + 1] == '\n' || r->src->data[r->off + i + 1] == '\r'))
            continue;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch < 0x20) {
            space = b.len > 0;
            continue;
        }
        if (space)
            strbuf_putc(a, &b, ' ');
        space = 0;
        strbuf_putc(a, &b, (char)ch);
    }
    return b.data ? b.data : arena_strdup(a, "");
}

static const char *rule_path(const hba_rule *r, const match_args *m)
{
    return r->src && r->src->path ? r->src->path : m->path;
}

static void print_text(arena *a, const match_args *m, const hba_match_result *res)
{
    const hba_rule *r = res->rule;
    if (r) {
        printf("%s:%d: %s\n", rule_path(r, m), r->line, rule_text(a, r));
        printf("  method: %s%s\n", r->method ? r->method : "",
               r->method && strcmp(r->method, "reject") == 0 ? " (the connection is rejected)"
                                                             : "");
        printf("  options:");
        if (r->option_names.n == 0)
            printf(" none");
        for (size_t i = 0; i < r->option_names.n; i++)
            printf(" %s=%s", (const char *)r->option_names.items[i],
                   i < r->option_values.n ? (const char *)r->option_values.items[i] : "");
        printf("\n");
    } else {
        printf("no line matches: PostgreSQL rejects the connection (no pg_hba.conf entry)\n");
    }
    for (size_t i = 0; i < res->notes.n; i++)
        printf("note: %s\n", (const char *)res->notes.items[i]);
}

static void print_json(const match_args *m, const hba_match_result *res)
{
    json_writer w;
    jw_init(&w, stdout, 0);
    jw_begin_object(&w);
    jw_key(&w, "match");
    const hba_rule *r = res->rule;
    if (!r) {
        jw_null(&w);
    } else {
        jw_begin_object(&w);
        jw_key(&w, "file");
        jw_string(&w, rule_path(r, m));
        jw_key(&w, "line");
        jw_int(&w, r->line);
        jw_key(&w, "method");
        jw_string(&w, r->method ? r->method : "");
        jw_key(&w, "options");
        jw_begin_object(&w);
        for (size_t i = 0; i < r->option_names.n; i++) {
            jw_key(&w, r->option_names.items[i]);
            jw_string(&w, i < r->option_values.n ? r->option_values.items[i] : "");
        }
        jw_end_object(&w);
        jw_end_object(&w);
    }
    jw_key(&w, "notes");
    jw_begin_array(&w);
    for (size_t i = 0; i < res->notes.n; i++)
        jw_string(&w, res->notes.items[i]);
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

/* Fills c from m; returns 0 or 2 after printing the usage error. */
static int describe(arena *a, const match_args *m, hba_conn *c, hba_match_result *res)
{
    c->pg_version = m->pg_version;
    c->user = m->user;
    c->database = m->database ? m->database : m->user;
    c->replication = m->replication;
    c->address = m->address;
    if (parse_transport(m->type, &c->transport) != 0) {
        fprintf(stderr, "pgconflint: --type must be local, hostssl, hostnossl or hostgssenc, "
                        "not \"%s\"\n", m->type);
        return 2;
    }
    if (c->transport == HBA_LOCAL && m->address) {
        fprintf(stderr, "pgconflint: --address is for TCP connections, not --type local\n");
        return 2;
    }
    if (c->transport != HBA_LOCAL && !m->address) {
        fprintf(stderr, "pgconflint: --type %s needs --address\n", m->type);
        return 2;
    }
    split_groups(a, m->groups, c);
    ip_range *ifs = NULL;
    size_t nifs = 0;
    if (m->local_addresses) {
        const char *bad = NULL;
        if (ifaces_parse(a, m->local_addresses, &ifs, &nifs, &bad) != 0) {
            fprintf(stderr, "pgconflint: --local-addresses: \"%s\" is not ADDRESS[/PREFIX]\n",
                    bad);
            return 2;
        }
    } else if (c->transport != HBA_LOCAL) {
        if (ifaces_of_this_host(a, &ifs, &nifs) != 0)
            ptrvec_push(a, &res->notes, "could not list this machine's interfaces: "
                                        "samehost/samenet never match");
    }
    c->ifaces = ifs;
    c->nifaces = nifs;
    return 0;
}

int cmd_hba_match(int argc, char **argv)
{
    match_args m = {0};
    int rc = parse_args(argc, argv, &m);
    if (rc)
        return rc == 1 ? 0 : rc;
    arena *a = arena_new();
    hba_conn c = {0};
    hba_match_result pre = {0};
    rc = describe(a, &m, &c, &pre);
    if (rc) {
        arena_free(a);
        return rc;
    }
    source *src = NULL;
    if (strcmp(m.path, "-") == 0) {
        src = read_stdin(a);
    } else {
        const char *err = NULL;
        if (source_read_file(a, m.path, &src, &err) != 0) {
            fprintf(stderr, "pgconflint: %s: could not read file: %s\n", m.path, err);
            arena_free(a);
            return 2;
        }
    }
    src->kind = KIND_HBA;
    load_opts lo = {.pg_version = m.pg_version, .follow_includes = 1, .allow_outside = 1};
    hba_doc *d = hba_doc_load(a, src, &lo);
    hba_match_result res;
    const char *err = NULL;
    if (hba_match(a, d, &c, &res, &err) != 0) {
        fprintf(stderr, "pgconflint: hba-match: %s\n", err);
        arena_free(a);
        return 2;
    }
    for (size_t i = 0; i < pre.notes.n; i++)
        ptrvec_push(a, &res.notes, pre.notes.items[i]);
    if (d->errors.n) {
        const diag *e = d->errors.items[0];
        ptrvec_push(a, &res.notes,
                    arena_printf(a, "%s has %zu line(s) PostgreSQL rejects, so PostgreSQL would "
                                    "not load it (first: %s:%d: %s); matched against the "
                                    "valid lines only",
                                 m.path, d->errors.n, e->path ? e->path : m.path, e->line,
                                 e->message ? e->message : ""));
    }
    if (m.format && strcmp(m.format, "json") == 0)
        print_json(&m, &res);
    else
        print_text(a, &m, &res);
    fflush(stdout);
    rc = res.rule ? 0 : 1;
    arena_free(a);
    return rc;
}

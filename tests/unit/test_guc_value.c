/* test_guc_value — guc_check_value against the rules of grammar.md §2 and
 * its vectors P32-P50, plus units, boundaries and version-specific texts. */
#include <stdio.h>
#include <string.h>

#include "../tap.h"
#include "arena.h"
#include "catalog.h"

static arena *A;

static guc_value_result run(int version, const char *name, const char *value)
{
    guc_value_result r;
    memset(&r, 0, sizeof r);
    const guc_param *p = catalog_find(version, name);
    if (!p) {
        tap_ok(0, name);
        printf("#   %s not in catalog %d\n", name, version);
        r.ok = -1;
        return r;
    }
    guc_check_value_as(A, p, name, version, value, &r);
    return r;
}

/* accepted, normalized to `norm` */
static void ok_as(int version, const char *name, const char *value, const char *norm)
{
    char label[512];
    guc_value_result r = run(version, name, value);
    if (r.ok < 0)
        return;
    snprintf(label, sizeof label, "pg%d %s = '%s' accepted", version, name, value);
    if (!tap_ok(r.ok == 1, label)) {
        printf("#   rejected: %s\n", r.message);
        return;
    }
    snprintf(label, sizeof label, "pg%d %s = '%s' stored as '%s'", version, name, value, norm);
    tap_str_eq(r.normalized, norm, label);
}

/* rejected with exactly this message and hint (NULL: none) */
static void err_as(int version, const char *name, const char *value, const char *msg,
                   const char *hint)
{
    char label[512];
    guc_value_result r = run(version, name, value);
    if (r.ok < 0)
        return;
    snprintf(label, sizeof label, "pg%d %s = '%s' rejected", version, name, value);
    if (!tap_ok(r.ok == 0, label)) {
        printf("#   accepted as %s\n", r.normalized);
        return;
    }
    snprintf(label, sizeof label, "pg%d %s = '%s' message", version, name, value);
    tap_str_eq(r.message, msg, label);
    snprintf(label, sizeof label, "pg%d %s = '%s' hint", version, name, value);
    tap_str_eq(r.hint, hint, label);
}

static void rejected(int version, const char *name, const char *value)
{
    char label[512];
    guc_value_result r = run(version, name, value);
    if (r.ok < 0)
        return;
    snprintf(label, sizeof label, "pg%d %s = '%s' rejected", version, name, value);
    if (!tap_ok(r.ok == 0, label))
        printf("#   accepted as %s\n", r.normalized);
}

/* rejected with this DETAIL */
static void detail_is(int version, const char *name, const char *value, const char *detail)
{
    char label[512];
    guc_value_result r = run(version, name, value);
    if (r.ok < 0)
        return;
    snprintf(label, sizeof label, "pg%d %s = '%s' detail", version, name, value);
    tap_ok(r.ok == 0, label);
    tap_str_eq(r.detail, detail, label);
}

static const char MEM_HINT[] =
    "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
static const char TIME_HINT[] =
    "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

static void test_bool(void)
{
    static const char *const on[] = { "on", "ON", "t", "tr", "tru", "TRUE", "y", "ye", "YES",
                                       "1", NULL };
    static const char *const off[] = { "off", "of", "OF", "f", "fa", "FALSE", "n", "no", "NO",
                                        "0", NULL };
    static const char *const bad[] = { "", "o", "O", "01", "00", "truex", "yess", "offf",
                                        "onn", " on", "on ", "2", "maybe", NULL };
    for (int i = 0; on[i]; i++)
        ok_as(15, "enable_seqscan", on[i], "on");
    for (int i = 0; off[i]; i++)
        ok_as(15, "enable_seqscan", off[i], "off");
    for (int i = 0; bad[i]; i++)
        err_as(15, "enable_seqscan", bad[i], "parameter \"enable_seqscan\" requires a Boolean value",
               NULL);
    /* P46, P47: the written spelling is quoted before 18 */
    err_as(15, "Enable_Seqscan", "o", "parameter \"Enable_Seqscan\" requires a Boolean value", NULL);
    err_as(18, "Enable_Seqscan", "o", "parameter \"enable_seqscan\" requires a Boolean value", NULL);
}

static void test_int(void)
{
    ok_as(15, "vacuum_cost_limit", "0X1F", "31");                               /* P32 */
    ok_as(15, "vacuum_cost_limit", "0x1f", "31");
    ok_as(15, "vacuum_cost_limit", "010", "8");                                 /* P33 */
    err_as(15, "vacuum_cost_limit", "08",
           "invalid value for parameter \"vacuum_cost_limit\": \"08\"", NULL);  /* P34 */
    ok_as(15, "vacuum_cost_limit", "2.5", "2");                                 /* P35 */
    ok_as(15, "vacuum_cost_limit", "3.5", "4");
    ok_as(15, "vacuum_cost_limit", "1e3", "1000");
    ok_as(15, "vacuum_cost_limit", "1E2", "100");
    ok_as(15, "vacuum_cost_limit", "0x1.8p1", "3");   /* strtol stops at '.', strtod reads hex */
    ok_as(15, "vacuum_cost_page_hit", ".5", "0"); /* a leading "." re-parses; 0.5 ties to even */
    ok_as(15, "vacuum_cost_limit", "1.5", "2");
    ok_as(15, "vacuum_cost_limit", " 5", "5");
    ok_as(15, "vacuum_cost_limit", "5 ", "5");
    ok_as(15, "vacuum_cost_limit", "+7", "7");
    ok_as(15, "vacuum_cost_limit", "010.5", "10");    /* octal prefix is lost on re-parse */
    err_as(15, "vacuum_cost_limit", "99999999999",
           "invalid value for parameter \"vacuum_cost_limit\": \"99999999999\"",
           "Value exceeds integer range.");                                     /* P36 */
    err_as(15, "vacuum_cost_limit", "99999999999999999999",
           "invalid value for parameter \"vacuum_cost_limit\": \"99999999999999999999\"",
           "Value exceeds integer range.");
    err_as(15, "vacuum_cost_limit", "100abc",
           "invalid value for parameter \"vacuum_cost_limit\": \"100abc\"", NULL); /* P37 */
    err_as(15, "vacuum_cost_limit", "", "invalid value for parameter \"vacuum_cost_limit\": \"\"",
           NULL);
    rejected(15, "vacuum_cost_limit", "-.5");
    rejected(15, "vacuum_cost_limit", "inf");
    rejected(15, "vacuum_cost_limit", "nan");
    rejected(15, "vacuum_cost_limit", "1e400");
    rejected(15, "vacuum_cost_limit", "1e");
    rejected(15, "vacuum_cost_limit", "0x");
    rejected(15, "vacuum_cost_limit", "12 34");
    /* boundaries: vacuum_cost_limit is 1 .. 10000 */
    ok_as(15, "vacuum_cost_limit", "1", "1");
    ok_as(15, "vacuum_cost_limit", "10000", "10000");
    err_as(15, "vacuum_cost_limit", "0",
           "0 is outside the valid range for parameter \"vacuum_cost_limit\" (1 .. 10000)", NULL);
    err_as(15, "vacuum_cost_limit", "10001",
           "10001 is outside the valid range for parameter \"vacuum_cost_limit\" (1 .. 10000)",
           NULL);
    err_as(15, "vacuum_cost_limit", "0.4",
           "0 is outside the valid range for parameter \"vacuum_cost_limit\" (1 .. 10000)", NULL);
    ok_as(15, "vacuum_cost_limit", "0.6", "1");
}

static void test_units(void)
{
    ok_as(15, "statement_timeout", "10 s", "10000");                            /* P39 */
    err_as(15, "statement_timeout", "10S",
           "invalid value for parameter \"statement_timeout\": \"10S\"", TIME_HINT); /* P40 */
    ok_as(15, "statement_timeout", "1.5min", "90000");                          /* P41 */
    ok_as(15, "statement_timeout", "1500us", "2");                              /* P42 */
    ok_as(15, "statement_timeout", "100us", "0");
    ok_as(15, "statement_timeout", "2.5", "2");
    ok_as(15, "statement_timeout", "1h", "3600000");
    ok_as(15, "statement_timeout", "1d", "86400000");
    ok_as(15, "statement_timeout", " 1 min ", "60000");
    rejected(15, "statement_timeout", "1sec");
    rejected(15, "statement_timeout", "1m");
    rejected(15, "statement_timeout", "1 m s");
    rejected(15, "statement_timeout", "1h30min");
    err_as(15, "work_mem", "1kb", "invalid value for parameter \"work_mem\": \"1kb\"",
           MEM_HINT);                                                            /* P43 */
    rejected(15, "work_mem", "1K");
    rejected(15, "work_mem", "1KB");
    rejected(15, "work_mem", "1GiB");
    ok_as(15, "work_mem", "4MB", "4096");
    ok_as(15, "work_mem", "1.5GB", "1572864");                                   /* P05 */
    ok_as(15, "work_mem", "1TB", "1073741824");
    ok_as(15, "work_mem", "0x1000", "4096");
    err_as(15, "work_mem", "1024B",
           "1 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)",
           NULL);                                                                /* P44 */
    err_as(17, "work_mem", "1024B",
           "1 kB is outside the valid range for parameter \"work_mem\" (64 kB .. 2147483647 kB)",
           NULL);
    ok_as(15, "work_mem", "65537B", "64");     /* B is the smallest unit: no pre-rounding */
    ok_as(15, "work_mem", "0.5MB", "512");
    err_as(15, "work_mem", "2048GB", "invalid value for parameter \"work_mem\": \"2048GB\"",
           "Value exceeds integer range.");
    /* 8kB blocks */
    ok_as(15, "shared_buffers", "128MB", "16384");
    ok_as(15, "shared_buffers", "1GB", "131072");
    ok_as(15, "shared_buffers", "16", "16");
    ok_as(15, "effective_cache_size", "12kB", "2");   /* 1.5 blocks */
    ok_as(15, "effective_cache_size", "20kB", "2");   /* 2.5 blocks, ties to even */
    /* minutes as base unit: a second is 1/60 */
    ok_as(15, "log_rotation_age", "90s", "2");
    ok_as(15, "log_rotation_age", "1h", "60");
    ok_as(15, "log_rotation_age", "1d", "1440");
    /* seconds as base unit */
    ok_as(15, "checkpoint_timeout", "1.5min", "90");
    ok_as(15, "checkpoint_timeout", "300000ms", "300");
    /* a unit on a unitless parameter: no hint */
    err_as(15, "max_connections", "100kB",
           "invalid value for parameter \"max_connections\": \"100kB\"", NULL);
    /* real with a unit */
    err_as(15, "vacuum_cost_delay", "1.5s",
           "1500 ms is outside the valid range for parameter \"vacuum_cost_delay\" (0 .. 100)",
           NULL);                                                                /* P45 */
    err_as(17, "vacuum_cost_delay", "1.5s",
           "1500 ms is outside the valid range for parameter \"vacuum_cost_delay\" "
           "(0 ms .. 100 ms)", NULL);
    ok_as(15, "vacuum_cost_delay", "1500us", "1.5");
    ok_as(15, "vacuum_cost_delay", "0.5", "0.5");
}

static void test_real(void)
{
    ok_as(15, "random_page_cost", "1e-1", "0.1");
    ok_as(15, "random_page_cost", ".5", "0.5");
    ok_as(15, "random_page_cost", "0x1p-2", "0.25");
    ok_as(15, "seq_page_cost", "1.7976931348623157e308", "1.79769e+308");
    err_as(15, "seq_page_cost", "1e400", "invalid value for parameter \"seq_page_cost\": \"1e400\"",
           NULL);
    rejected(15, "seq_page_cost", "1e-400");
    err_as(15, "seq_page_cost", "nan", "invalid value for parameter \"seq_page_cost\": \"nan\"",
           NULL);
    err_as(15, "seq_page_cost", "inf",
           "Infinity is outside the valid range for parameter \"seq_page_cost\" (0 .. 1.79769e+308)",
           NULL);
    err_as(15, "seq_page_cost", "-inf",
           "-Infinity is outside the valid range for parameter \"seq_page_cost\" (0 .. 1.79769e+308)",
           NULL);
    err_as(15, "seq_page_cost", "-1",
           "-1 is outside the valid range for parameter \"seq_page_cost\" (0 .. 1.79769e+308)",
           NULL);
    rejected(15, "seq_page_cost", "1,5");
    rejected(15, "seq_page_cost", "1ms");
    ok_as(15, "cursor_tuple_fraction", "1", "1");
    rejected(15, "cursor_tuple_fraction", "1.0000001");
}

static void test_enum(void)
{
    err_as(15, "synchronous_commit", "of",
           "invalid value for parameter \"synchronous_commit\": \"of\"",
           "Available values: local, remote_write, remote_apply, on, off."); /* P48 */
    ok_as(15, "synchronous_commit", "TRUE", "on");                              /* P49 */
    ok_as(15, "synchronous_commit", "1", "on");
    ok_as(15, "synchronous_commit", "no", "off");
    rejected(15, "synchronous_commit", "t");
    ok_as(15, "client_min_messages", "Debug", "debug2");                        /* P50 */
    ok_as(15, "client_min_messages", "info", "info");
    ok_as(15, "log_min_messages", "DEBUG2", "debug2");
    ok_as(15, "wal_level", "archive", "replica");
    ok_as(15, "wal_level", "Hot_Standby", "replica");
    ok_as(15, "ssl_min_protocol_version", "tlsv1.3", "TLSv1.3");
    ok_as(12, "password_encryption", "on", "md5");
    rejected(14, "password_encryption", "on");
    err_as(15, "ssl_max_protocol_version", "bogus",
           "invalid value for parameter \"ssl_max_protocol_version\": \"bogus\"",
           "Available values: , TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.");
    ok_as(15, "ssl_max_protocol_version", "", "");
    rejected(15, "huge_pages", "tr");
    rejected(15, "huge_pages", "on ");
    err_as(18, "SYNCHRONOUS_COMMIT", "bogus",
           "invalid value for parameter \"synchronous_commit\": \"bogus\"",
           "Available values: local, remote_write, remote_apply, on, off.");
}

static void test_string(void)
{
    ok_as(15, "application_name", "héllo", "h??llo");
    ok_as(16, "application_name", "héllo", "h\\xc3\\xa9llo");
    char longname[80];
    memset(longname, 'a', 70);
    longname[70] = '\0';
    guc_value_result r = run(15, "application_name", longname);
    tap_int_eq((long long)strlen(r.normalized ? r.normalized : ""), 63, "IS_NAME cut to 63 bytes");
    tap_ok(r.ok == 1 && r.notice && strstr(r.notice, "will be truncated to"),
           "truncation is a NOTICE, not an error");
    ok_as(15, "search_path", "\"$user\", public", "\"$user\", public");
    ok_as(15, "search_path", "\"\"", "\"\"");   /* an empty quoted name is fine */
    ok_as(15, "log_directory", "./x/.", "x");
    ok_as(15, "log_directory", "/var//log/./pg/", "/var/log/pg");
    ok_as(15, "wal_compression", "on", "pglz");
    ok_as(15, "wal_compression", "yes", "pglz");
    ok_as(15, "wal_compression", "OFF", "off");
    err_as(15, "search_path", "a,,b", "invalid value for parameter \"search_path\": \"a,,b\"", NULL);
    r = run(15, "search_path", "a b");
    tap_str_eq(r.detail, "List syntax is invalid.", "search_path list syntax detail");
    ok_as(15, "DateStyle", "iso, dmy", "ISO, DMY");
    ok_as(15, "DateStyle", "german", "German, DMY");
    ok_as(15, "DateStyle", "postgres, ymd", "Postgres, YMD");
    ok_as(15, "DateStyle", "postgresql", "Postgres, MDY");   /* POSTGRES is a prefix match */
    ok_as(15, "DateStyle", "", "ISO, MDY");
    rejected(15, "DateStyle", "iso, german");
    rejected(15, "DateStyle", "foo");
    ok_as(15, "client_encoding", "unicode", "UTF8");
    ok_as(15, "client_encoding", "UNICODE", "UNICODE");
    ok_as(15, "client_encoding", "iso-8859-1", "LATIN1");
    rejected(15, "client_encoding", "foo");
    rejected(15, "log_destination", "eventlog");
    ok_as(15, "log_destination", "jsonlog", "jsonlog");
    rejected(14, "log_destination", "jsonlog");
    ok_as(15, "synchronous_standby_names", "2 (a,b)", "2 (a,b)");
    ok_as(15, "synchronous_standby_names", "ANY 1 (\"x y\", z)", "ANY 1 (\"x y\", z)");
    r = run(15, "synchronous_standby_names", "a b");
    tap_str_eq(r.detail, "syntax error at or near \"b\"", "syncrep syntax error detail");
    err_as(15, "synchronous_standby_names", "FIRST 0 (a)",
           "number of synchronous standbys (0) must be greater than zero", NULL);
    rejected(15, "synchronous_standby_names", "FIRST (a)");
    rejected(15, "primary_slot_name", "A");
    ok_as(15, "primary_slot_name", "slot_1", "slot_1");
    rejected(15, "recovery_target_lsn", "xx");
    ok_as(15, "recovery_target_lsn", "16/B374D848", "16/B374D848");
    rejected(15, "recovery_target", "bogus");
    ok_as(15, "role", "none", "none");
    rejected(15, "role", "x");
    ok_as(15, "log_line_prefix", "%m ", "%m ");
}

static void test_hooks_numeric(void)
{
    rejected(15, "max_connections", "262130");
    ok_as(15, "max_connections", "262121", "262121");
    ok_as(18, "max_connections", "262130", "262130");
    ok_as(15, "autovacuum_work_mem", "100", "1024");
    ok_as(17, "autovacuum_work_mem", "100", "100");
    ok_as(15, "wal_buffers", "1", "4");
    ok_as(15, "wal_buffers", "-1", "-1");
    rejected(16, "vacuum_buffer_usage_limit", "100");
    rejected(17, "commit_timestamp_buffers", "17");
    ok_as(17, "commit_timestamp_buffers", "32", "32");
    err_as(15, "default_with_oids", "on", "tables declared WITH OIDS are not supported", NULL);
    err_as(15, "block_size", "8192", "parameter \"block_size\" cannot be changed", NULL);
}

/* Hook details changed wording between versions (17 quotes parameter names
 * and capitalises, 18 ends with a period). */
static void test_detail_versions(void)
{
    detail_is(15, "default_table_access_method", "", "default_table_access_method cannot be empty.");
    detail_is(17, "default_table_access_method", "", "\"default_table_access_method\" cannot be empty.");
    detail_is(15, "backtrace_functions", "a-b", "invalid character");
    detail_is(17, "backtrace_functions", "a-b", "Invalid character");
    detail_is(18, "backtrace_functions", "a-b", "Invalid character.");
    detail_is(16, "debug_io_direct", "foo", "invalid option \"foo\"");
    detail_is(17, "debug_io_direct", "foo", "Invalid option \"foo\"");
    detail_is(18, "debug_io_direct", "a b", "Invalid list syntax in parameter \"debug_io_direct\".");
    detail_is(16, "recovery_target_timeline", "99999999999999999999999",
              "recovery_target_timeline is not a valid number.");
    detail_is(17, "recovery_target_timeline", "99999999999999999999999",
              "\"recovery_target_timeline\" is not a valid number.");
    detail_is(17, "commit_timestamp_buffers", "17", "\"commit_timestamp_buffers\" must be a multiple of 16");
    detail_is(18, "commit_timestamp_buffers", "17", "\"commit_timestamp_buffers\" must be a multiple of 16.");
    detail_is(18, "log_connections", "of", "Invalid option \"of\".");
    ok_as(18, "log_connections", "ON", "ON");
    ok_as(17, "autovacuum_work_mem", "0", "64");
    detail_is(18, "io_max_concurrency", "0", "Only -1 or values bigger than 0 are valid.");
    detail_is(18, "DateStyle", "iso, sql", "Conflicting \"DateStyle\" specifications.");
    detail_is(17, "DateStyle", "iso, sql", "Conflicting \"datestyle\" specifications.");
    detail_is(18, "primary_slot_name", "A", "replication slot name \"A\" contains invalid character");
}

int main(void)
{
    A = arena_new();
    test_bool();
    test_int();
    test_units();
    test_real();
    test_enum();
    test_string();
    test_hooks_numeric();
    test_detail_versions();
    arena_free(A);
    return tap_done();
}

/* test_catalog — lookup, aliases, per-version tables, history, did-you-mean
 * and describe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "arena.h"
#include "catalog.h"
#include "catalog_info.h"

static const char *found_name(int version, const char *name)
{
    const guc_param *p = catalog_find(version, name);
    return p ? p->name : NULL;
}

static void test_find(void)
{
    for (int v = CATALOG_MIN_VERSION; v <= CATALOG_MAX_VERSION; v++) {
        char label[64];
        snprintf(label, sizeof label, "pg%d has work_mem", v);
        tap_str_eq(found_name(v, "work_mem"), "work_mem", label);
    }
    tap_ok(!catalog_has_version(11) && !catalog_has_version(20), "only 12..19 compiled in");
    tap_ok(catalog_find(11, "work_mem") == NULL, "unknown version finds nothing");
    tap_str_eq(found_name(15, "WORK_MEM"), "work_mem", "case-insensitive");
    tap_str_eq(found_name(15, "datestyle"), "DateStyle", "canonical mixed-case name kept");
    tap_str_eq(found_name(15, "TIMEZONE"), "TimeZone", "TimeZone");
    tap_str_eq(found_name(15, "sort_mem"), "work_mem", "sort_mem alias");
    tap_str_eq(found_name(12, "Vacuum_Mem"), "maintenance_work_mem", "vacuum_mem alias");
    tap_str_eq(found_name(17, "ssl_ecdh_curve"), "ssl_ecdh_curve", "ssl_ecdh_curve itself in 17");
    tap_str_eq(found_name(18, "ssl_ecdh_curve"), "ssl_groups", "ssl_ecdh_curve -> ssl_groups in 18");
    tap_ok(catalog_find(15, "work-mem") == NULL, "work-mem unknown");
    tap_ok(catalog_find(15, "") == NULL, "empty name unknown");
    tap_ok(catalog_find(15, "work_mem\xc3") == NULL, "high bytes compare exactly");
    tap_ok(catalog_find(12, "wal_keep_size") == NULL, "wal_keep_size not in 12");
    tap_str_eq(found_name(12, "wal_keep_segments"), "wal_keep_segments", "wal_keep_segments in 12");
    tap_ok(catalog_find(13, "wal_keep_segments") == NULL, "wal_keep_segments gone in 13");

    /* every row of every table is findable and the order is strict */
    int bad = 0, total = 0;
    for (int v = CATALOG_MIN_VERSION; v <= CATALOG_MAX_VERSION; v++) {
        int n;
        const guc_param *all = catalog_all(v, &n);
        total += n;
        for (int i = 0; i < n; i++) {
            if (catalog_find(v, all[i].name) != &all[i])
                bad++;
        }
    }
    tap_ok(bad == 0 && total > 2900, "every parameter of every version is found by name");
    int n15;
    catalog_all(15, &n15);
    tap_int_eq(n15, 361, "pg15 has 361 parameters");

    const guc_param *p = catalog_find(15, "shared_buffers");
    tap_ok(p && p->type == GUC_INT && strcmp(p->unit, "8kB") == 0 && p->min == 16 &&
               p->context == CTX_POSTMASTER,
           "shared_buffers: integer, 8kB, min 16, postmaster");
    p = catalog_find(15, "wal_level");
    tap_ok(p && p->type == GUC_ENUM && p->hidden && strcmp(p->hidden[0], "archive") == 0,
           "wal_level hidden values");
    p = catalog_find(15, "ssl_max_protocol_version");
    tap_ok(p && p->enumvals && strcmp(p->enumvals[0], "") == 0, "empty enum value kept");
    p = catalog_find(15, "application_name");
    tap_ok(p && (p->flags & GUCF_IS_NAME), "application_name is IS_NAME");
    p = catalog_find(15, "seq_page_cost");
    tap_ok(p && p->max > 1.79769e308, "real max is DBL_MAX, not its %g rounding");
}

static void test_history(void)
{
    catalog_history h;
    tap_ok(catalog_history_of("wal_keep_segments", &h) && h.removed_in == 13 &&
               h.renamed_to && strcmp(h.renamed_to, "wal_keep_size") == 0,
           "wal_keep_segments removed in 13, renamed to wal_keep_size");
    tap_ok(catalog_history_of("allow_alter_system", &h) && h.added_in == 17 && !h.removed_in &&
               !h.added_or_earlier,
           "allow_alter_system added in 17");
    tap_ok(catalog_history_of("work_mem", &h) && h.added_in == 12 && h.added_or_earlier &&
               !h.removed_in,
           "work_mem present since 12 or earlier");
    tap_ok(catalog_history_of("sort_mem", &h) && h.alias_of && strcmp(h.alias_of, "work_mem") == 0,
           "sort_mem is an alias of work_mem");
    tap_ok(catalog_history_of("ssl_ecdh_curve", &h) && h.removed_in == 18 && h.alias_since == 18,
           "ssl_ecdh_curve: parameter until 17, alias from 18");
    tap_ok(!catalog_history_of("no_such_thing", &h), "unknown name has no history");
    tap_ok(catalog_exists_in(16, "debug_parallel_query") && !catalog_exists_in(15, "debug_parallel_query"),
           "debug_parallel_query exists from 16");
}

static void test_suggest(void)
{
    arena *a = arena_new();
    tap_str_eq(catalog_suggest(a, 15, "shared_bufers"), "shared_buffers", "typo: missing letter");
    tap_str_eq(catalog_suggest(a, 15, "work_mme"), "work_mem", "typo: transposition");
    tap_str_eq(catalog_suggest(a, 15, "wal_keep_segments"), "wal_keep_size", "renamed parameter");
    tap_str_eq(catalog_suggest(a, 16, "force_parallel_mode"), "debug_parallel_query",
               "renamed in 16");
    tap_str_eq(catalog_suggest(a, 15, "pg_stat_statement.max"), "pg_stat_statements.max",
               "extension prefix typo");
    tap_str_eq(catalog_suggest(a, 15, "pg_stat_statements.trak"), "pg_stat_statements.track",
               "extension parameter typo");
    tap_ok(catalog_suggest(a, 15, "pg_stat_statements.max") == NULL, "known extension name: none");
    tap_ok(catalog_suggest(a, 15, "work_mem") == NULL, "known name: no suggestion");
    tap_ok(catalog_suggest(a, 15, "completely_unrelated_words") == NULL, "nothing close: NULL");
    tap_ok(catalog_suggest(a, 15, "myext.foo") == NULL, "unknown extension: NULL");
    arena_free(a);
}

static char *describe(const char *name, int version, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    *rc = catalog_describe(f, name, version);
    fclose(f);
    return buf;
}

static void test_describe(void)
{
    int rc;
    char *s = describe("work_mem", 15, &rc);
    tap_ok(rc == 0 && strstr(s, "type:        integer") && strstr(s, "unit:        kB") &&
               strstr(s, "64 .. 2147483647 kB") && strstr(s, "4096 (4MB)") &&
               strstr(s, "versions:    12-19"),
           "describe work_mem");
    if (rc != 0)
        printf("# %s", s);
    free(s);
    s = describe("wal_level", 15, &rc);
    tap_ok(rc == 0 && strstr(s, "minimal, replica, logical") && strstr(s, "archive, hot_standby"),
           "describe an enum lists values and hidden values");
    free(s);
    s = describe("wal_keep_segments", 15, &rc);
    tap_ok(rc == 1 && strstr(s, "not a parameter of PostgreSQL 15") && strstr(s, "wal_keep_size") &&
               strstr(s, "versions:    12"),
           "describe a removed parameter");
    free(s);
    s = describe("sort_mem", 15, &rc);
    tap_ok(rc == 0 && strstr(s, "old name") && strstr(s, "work_mem (PostgreSQL 15)"),
           "describe an alias");
    free(s);
    s = describe("shared_bufers", 15, &rc);
    tap_ok(rc == 1 && strstr(s, "did you mean: shared_buffers"), "describe a typo suggests");
    free(s);
}

int main(void)
{
    test_find();
    test_history();
    test_suggest();
    test_describe();
    return tap_done();
}

/* guc_hooks.c — which parameter has which check hook in which versions, and
 * the hooks that need no parsing of their own. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "ascii_case.h"
#include "catalog_tables.h"
#include "guc_hooks.h"

typedef struct hook_entry {
    const char *name;
    guc_type type;        /* a hook only applies while the parameter has this type */
    int from, to;         /* versions, inclusive; 99 = still present */
    guc_hook_fn fn;
} hook_entry;

static const hook_entry hooks[] = {
    /* strings */
    { "application_name", GUC_STRING, 12, 99, hook_clean_ascii },
    { "cluster_name", GUC_STRING, 12, 99, hook_clean_ascii },
    { "default_table_access_method", GUC_STRING, 12, 99, hook_not_empty_name },
    { "backtrace_functions", GUC_STRING, 13, 99, hook_backtrace_functions },
    { "role", GUC_STRING, 12, 99, hook_role },
    { "session_authorization", GUC_STRING, 12, 99, hook_session_authorization },
    { "search_path", GUC_STRING, 12, 99, hook_identifier_list },
    { "temp_tablespaces", GUC_STRING, 12, 99, hook_identifier_list },
    { "log_destination", GUC_STRING, 12, 99, hook_log_destination },
    { "DateStyle", GUC_STRING, 12, 99, hook_datestyle },
    { "wal_consistency_checking", GUC_STRING, 12, 99, hook_wal_consistency_checking },
    { "debug_io_direct", GUC_STRING, 16, 99, hook_debug_io_direct },
    { "createrole_self_grant", GUC_STRING, 16, 99, hook_createrole_self_grant },
    { "restrict_nonsystem_relation_kind", GUC_STRING, 12, 99, hook_restrict_relation_kind },
    { "log_connections", GUC_STRING, 18, 99, hook_log_connections },
    { "primary_slot_name", GUC_STRING, 12, 99, hook_slot_name },
    { "synchronized_standby_slots", GUC_STRING, 17, 99, hook_standby_slots },
    { "recovery_target", GUC_STRING, 12, 99, hook_recovery_target },
    { "recovery_target_lsn", GUC_STRING, 12, 99, hook_recovery_target_lsn },
    { "recovery_target_name", GUC_STRING, 12, 99, hook_recovery_target_name },
    { "recovery_target_xid", GUC_STRING, 12, 99, hook_recovery_target_xid },
    { "recovery_target_timeline", GUC_STRING, 12, 99, hook_recovery_target_timeline },
    { "recovery_target_time", GUC_STRING, 12, 99, hook_recovery_target_time },
    { "synchronous_standby_names", GUC_STRING, 12, 99, hook_synchronous_standby_names },
    { "client_encoding", GUC_STRING, 12, 99, hook_client_encoding },
    { "log_directory", GUC_STRING, 12, 99, hook_canonical_path },
    { "stats_temp_directory", GUC_STRING, 12, 99, hook_canonical_path },
    /* Locale, time zone and text search names are looked up on the server's
     * machine or in its catalogs: accepted here, flagged. */
    { "lc_messages", GUC_STRING, 12, 99, hook_environment },
    { "lc_monetary", GUC_STRING, 12, 99, hook_environment },
    { "lc_numeric", GUC_STRING, 12, 99, hook_environment },
    { "lc_time", GUC_STRING, 12, 99, hook_environment },
    { "TimeZone", GUC_STRING, 12, 99, hook_environment },
    { "log_timezone", GUC_STRING, 12, 99, hook_environment },
    { "timezone_abbreviations", GUC_STRING, 12, 99, hook_environment },
    { "default_text_search_config", GUC_STRING, 12, 99, hook_environment },
    /* integers */
    { "max_connections", GUC_INT, 12, 17, hook_max_backends },
    { "autovacuum_max_workers", GUC_INT, 12, 17, hook_max_backends },
    { "max_worker_processes", GUC_INT, 12, 17, hook_max_backends },
    { "max_wal_senders", GUC_INT, 12, 17, hook_max_backends },
    { "autovacuum_work_mem", GUC_INT, 12, 99, hook_autovacuum_work_mem },
    { "wal_buffers", GUC_INT, 12, 99, hook_wal_buffers },
    { "max_stack_depth", GUC_INT, 12, 99, hook_max_stack_depth },
    { "vacuum_buffer_usage_limit", GUC_INT, 16, 99, hook_vacuum_buffer_usage_limit },
    { "commit_timestamp_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "multixact_member_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "multixact_offset_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "notify_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "serializable_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "subtransaction_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "transaction_buffers", GUC_INT, 17, 99, hook_slru_buffers },
    { "io_max_concurrency", GUC_INT, 18, 99, hook_io_max_concurrency },
    /* booleans */
    { "default_with_oids", GUC_BOOL, 12, 99, hook_default_with_oids },
    { "bonjour", GUC_BOOL, 12, 99, hook_bonjour },
};

/* The hooks by the folded first letter of their name, each group in table
 * order: this runs for every value checked, and a scan of the whole table
 * cost more than the check itself. Built once for all threads. */
#define NHOOKS (sizeof hooks / sizeof hooks[0])
static unsigned char by_letter[NHOOKS];   /* hook indexes, grouped */
static unsigned short letter_start[257];  /* group of byte b: [start[b], start[b + 1]) */
static size_t hook_len[NHOOKS];           /* strlen of each hook's name */
static atomic_int by_letter_ready;
static pthread_once_t by_letter_once = PTHREAD_ONCE_INIT;

static void build_by_letter(void)
{
    unsigned short count[256] = {0};
    for (size_t i = 0; i < NHOOKS; i++)
        count[(unsigned char)ascii_tolower(hooks[i].name[0])]++;
    for (int b = 0; b < 256; b++)
        letter_start[b + 1] = (unsigned short)(letter_start[b] + count[b]);
    unsigned short fill[256];
    memcpy(fill, letter_start, sizeof fill);
    for (size_t i = 0; i < NHOOKS; i++) {
        by_letter[fill[(unsigned char)ascii_tolower(hooks[i].name[0])]++] = (unsigned char)i;
        hook_len[i] = strlen(hooks[i].name);
    }
    atomic_store_explicit(&by_letter_ready, 1, memory_order_release);
}

int guc_has_check_hook(const char *name, guc_type type)
{
    if (!atomic_load_explicit(&by_letter_ready, memory_order_acquire))
        pthread_once(&by_letter_once, build_by_letter);
    unsigned char b = (unsigned char)ascii_tolower(name[0]);
    for (unsigned k = letter_start[b]; k < letter_start[b + 1]; k++) {
        const hook_entry *h = &hooks[by_letter[k]];
        if (h->type == type && catalog_name_cmp(h->name, name) == 0)
            return 1;
    }
    return 0;
}

int guc_run_check_hook(arena *a, const guc_param *p, int version, guc_hook_value *v,
                       guc_hook_result *out)
{
    _Static_assert(NHOOKS <= 256, "hook indexes are bytes");
    memset(out, 0, sizeof *out);
    /* Most parameters have no hook: the catalog knows (guc_param.hook). */
    if (p->hook == GUC_HOOK_NONE)
        return 1;
    if (!atomic_load_explicit(&by_letter_ready, memory_order_acquire))
        pthread_once(&by_letter_once, build_by_letter);
    unsigned char b = (unsigned char)ascii_tolower(p->name[0]);
    /* Names of another length cannot be equal: the length, taken once, spares
     * comparing the name with each hook of its letter (log_*, lc_*). */
    size_t len = 0;
    for (unsigned k = letter_start[b]; k < letter_start[b + 1]; k++) {
        const hook_entry *h = &hooks[by_letter[k]];
        if (h->type != p->type || version < h->from || version > h->to)
            continue;
        if (!len)
            len = strlen(p->name);
        if (hook_len[by_letter[k]] == len && catalog_name_cmp(h->name, p->name) == 0)
            return h->fn(a, p, version, v, out);
    }
    return 1;
}

const char *hook_period(int version)
{
    return version >= 18 ? "." : "";
}

/* application_name and cluster_name travel to clients and logs, so the server
 * keeps them printable ASCII: 12-15 replace each other byte with '?', 16+
 * with a \xNN escape. */
int hook_clean_ascii(arena *a, const guc_param *p, int version, guc_hook_value *v,
                     guc_hook_result *out)
{
    (void)p;
    (void)out;
    strbuf b = { 0 };
    strbuf_puts(a, &b, "");
    for (const unsigned char *s = (const unsigned char *)v->strval; *s; s++) {
        if (*s >= 32 && *s <= 126)
            strbuf_putc(a, &b, (char)*s);
        else if (version >= 16)
            strbuf_printf(a, &b, "\\x%02x", *s);
        else
            strbuf_putc(a, &b, '?');
    }
    v->strval = b.data;
    return 1;
}

static int boot_int(int version, const char *name)
{
    const guc_param *q = catalog_find(version, name);
    if (!q || !q->boot_val)
        return 0;
    int n = 0;
    for (const char *s = q->boot_val; *s >= '0' && *s <= '9'; s++)
        n = n * 10 + (*s - '0');
    return n;
}

/* 12-17 refuse a backend count above MAX_BACKENDS (2^18 - 1). The hook sees
 * the other three parameters as they are at that moment; for a single value
 * that is their built-in defaults, which is what this assumes (a file that
 * raises them too is a cross-parameter check, not a value check). */
int hook_max_backends(arena *a, const guc_param *p, int version, guc_hook_value *v,
                      guc_hook_result *out)
{
    (void)a;
    static const char *const parts[] = { "max_connections", "autovacuum_max_workers",
                                         "max_worker_processes", "max_wal_senders" };
    long total = 1;   /* the autovacuum launcher */
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        total += strcmp(parts[i], p->name) == 0 ? v->intval : boot_int(version, parts[i]);
    (void)out;
    return total <= 262143;
}

/* An explicit value below the floor is raised to it (-1 means "use
 * maintenance_work_mem"): 1MB in 12-16, 64kB from 17. */
int hook_autovacuum_work_mem(arena *a, const guc_param *p, int version, guc_hook_value *v,
                             guc_hook_result *out)
{
    (void)a; (void)p; (void)out;
    int floor_kb = version >= 17 ? 64 : 1024;
    if (v->intval != -1 && v->intval < floor_kb)
        v->intval = floor_kb;
    return 1;
}

/* -1 is kept (sized from shared_buffers at start); anything below 4 pages is
 * raised to 4. */
int hook_wal_buffers(arena *a, const guc_param *p, int version, guc_hook_value *v,
                     guc_hook_result *out)
{
    (void)a; (void)p; (void)version; (void)out;
    if (v->intval != -1 && v->intval < 4)
        v->intval = 4;
    return 1;
}

/* The limit is the process's stack rlimit less 512kB. Assumes Linux's usual
 * 8MB; flagged because a server's ulimit may differ. */
int hook_max_stack_depth(arena *a, const guc_param *p, int version, guc_hook_value *v,
                         guc_hook_result *out)
{
    (void)p; (void)version;
    const long limit_kb = 8192 - 512;
    if (v->intval > limit_kb) {
        out->detail = arena_printf(a, "\"max_stack_depth\" must not exceed %ldkB.", limit_kb);
        out->hint = "Increase the platform's stack depth limit via \"ulimit -s\" or local equivalent.";
        out->env_dependent = 1;
        return 0;
    }
    return 1;
}

int hook_vacuum_buffer_usage_limit(arena *a, const guc_param *p, int version,
                                   guc_hook_value *v, guc_hook_result *out)
{
    (void)p;
    const int lo = 128, hi = 16777216;
    if (v->intval == 0 || (v->intval >= lo && v->intval <= hi))
        return 1;
    out->detail = arena_printf(a, "\"vacuum_buffer_usage_limit\" must be 0 or between %d kB and %d kB%s",
                               lo, hi, hook_period(version));
    return 0;
}

/* 17+ SLRU caches are split into banks of 16 buffers (0 = sized automatically). */
int hook_slru_buffers(arena *a, const guc_param *p, int version, guc_hook_value *v,
                      guc_hook_result *out)
{
    if (v->intval % 16 == 0)
        return 1;
    out->detail = arena_printf(a, "\"%s\" must be a multiple of %d%s", p->name, 16,
                               hook_period(version));
    return 0;
}

/* 18: -1 sizes it automatically; 0 would leave no I/O slot at all. */
int hook_io_max_concurrency(arena *a, const guc_param *p, int version, guc_hook_value *v,
                            guc_hook_result *out)
{
    (void)a; (void)p; (void)version;
    if (v->intval != 0)
        return 1;
    out->detail = "Only -1 or values bigger than 0 are valid.";
    return 0;
}

int hook_default_with_oids(arena *a, const guc_param *p, int version, guc_hook_value *v,
                           guc_hook_result *out)
{
    (void)a; (void)p; (void)version;
    if (!v->boolval)
        return 1;
    out->errmsg = "tables declared WITH OIDS are not supported";
    return 0;
}

/* Neither Debian's nor the upstream release builds link Bonjour. */
int hook_bonjour(arena *a, const guc_param *p, int version, guc_hook_value *v,
                 guc_hook_result *out)
{
    (void)a; (void)p; (void)version;
    if (!v->boolval)
        return 1;
    out->errmsg = "Bonjour is not supported by this build";
    return 0;
}

int hook_not_empty_name(arena *a, const guc_param *p, int version, guc_hook_value *v,
                        guc_hook_result *out)
{
    if (*v->strval)
        return 1;
    /* 17 started quoting parameter names in messages */
    out->detail = arena_printf(a, version >= 17 ? "\"%s\" cannot be empty." : "%s cannot be empty.",
                               p->name);
    return 0;
}

int hook_backtrace_functions(arena *a, const guc_param *p, int version, guc_hook_value *v,
                             guc_hook_result *out)
{
    (void)a; (void)p;
    static const char valid[] = "0123456789_abcdefghijklmnopqrstuvwxyz"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ, \n\t";
    if (strspn(v->strval, valid) == strlen(v->strval))
        return 1;
    out->detail = version >= 18 ? "Invalid character."
                : version == 17 ? "Invalid character"
                                : "invalid character";
    return 0;
}

/* Outside a transaction the server cannot look roles up: only "none" can be
 * set from a file. */
int hook_role(arena *a, const guc_param *p, int version, guc_hook_value *v,
              guc_hook_result *out)
{
    (void)a; (void)p; (void)version; (void)out;
    return strcmp(v->strval, "none") == 0;
}

int hook_session_authorization(arena *a, const guc_param *p, int version, guc_hook_value *v,
                               guc_hook_result *out)
{
    (void)a; (void)p; (void)version; (void)v; (void)out;
    return 0;
}

int hook_environment(arena *a, const guc_param *p, int version, guc_hook_value *v,
                     guc_hook_result *out)
{
    (void)a; (void)p; (void)version; (void)v;
    out->env_dependent = 1;
    return 1;
}

/* Directory parameters are stored canonicalised: doubled and trailing
 * slashes and a trailing "/." dropped; from 15 also "." components anywhere
 * (a leading "./", an inner "/./"). (data_directory and the other file
 * locations are also made absolute, against a directory only the server
 * knows; that is left alone.) */
int hook_canonical_path(arena *a, const guc_param *p, int version, guc_hook_value *v,
                        guc_hook_result *out)
{
    (void)p; (void)out;
    const char *s = v->strval;
    int dot_components = version >= 15;
    strbuf b = { 0 };
    strbuf_puts(a, &b, "");
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '/' && b.len > 0 && b.data[b.len - 1] == '/')
            continue;
        strbuf_putc(a, &b, s[i]);
        /* "/./" -> "/" */
        if (dot_components && s[i] == '/' && b.len >= 3 && b.data[b.len - 2] == '.' &&
            b.data[b.len - 3] == '/') {
            b.len -= 2;
            b.data[b.len] = '\0';
        }
    }
    /* leading "./" (but "./" alone stays ".") */
    size_t skip = 0;
    while (dot_components && b.len - skip > 2 && b.data[skip] == '.' && b.data[skip + 1] == '/')
        skip += 2;
    if (skip) {
        memmove(b.data, b.data + skip, b.len - skip + 1);
        b.len -= skip;
    }
    for (;;) {
        if (b.len > 1 && b.data[b.len - 1] == '/')
            b.len--;
        else if (b.len > 2 && b.data[b.len - 1] == '.' && b.data[b.len - 2] == '/')
            b.len -= 2;
        else
            break;
        b.data[b.len] = '\0';
    }
    v->strval = b.data;
    return 1;
}

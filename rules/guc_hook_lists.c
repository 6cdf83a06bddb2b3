/* guc_hook_lists.c — check hooks of list-valued parameters: the list must
 * split, and each item must be one of the parameter's key words. */
#include "ascii_case.h"

#include "guc_hooks.h"
#include "guc_split.h"

static const char LIST_INVALID[] = "List syntax is invalid.";

/* Index of `word` in the NULL-terminated `words` (ASCII case-insensitive),
 * or -1. */
static int keyword_index(const char *word, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (ascii_casecmp(word, words[i]) == 0)
            return i;
    return -1;
}

static int unrecognized(arena *a, const char *item, guc_hook_result *out)
{
    out->detail = arena_printf(a, "Unrecognized key word: \"%s\".", item);
    return 0;
}

/* search_path, temp_tablespaces: only the syntax can be checked without a
 * database (the names are looked up inside a transaction). */
int hook_identifier_list(arena *a, const guc_param *p, int version, guc_hook_value *v,
                         guc_hook_result *out)
{
    (void)p; (void)version;
    ptrvec items = { 0 };
    if (guc_split_identifiers(a, v->strval, ',', &items))
        return 1;
    out->detail = LIST_INVALID;
    return 0;
}

/* Checks every item of an identifier list against key words. */
static int keyword_list(arena *a, const char *value, const char *const *words,
                        guc_hook_result *out)
{
    ptrvec items = { 0 };
    if (!guc_split_identifiers(a, value, ',', &items)) {
        out->detail = LIST_INVALID;
        return 0;
    }
    for (size_t i = 0; i < items.n; i++)
        if (keyword_index(items.items[i], words) < 0)
            return unrecognized(a, items.items[i], out);
    return 1;
}

/* eventlog exists only on Windows; jsonlog arrived in 15. */
int hook_log_destination(arena *a, const guc_param *p, int version, guc_hook_value *v,
                         guc_hook_result *out)
{
    (void)p;
    static const char *const old_words[] = { "stderr", "csvlog", "syslog", NULL };
    static const char *const words[] = { "stderr", "csvlog", "jsonlog", "syslog", NULL };
    return keyword_list(a, v->strval, version >= 15 ? words : old_words, out);
}

int hook_createrole_self_grant(arena *a, const guc_param *p, int version, guc_hook_value *v,
                               guc_hook_result *out)
{
    (void)p; (void)version;
    static const char *const words[] = { "set", "inherit", NULL };
    return keyword_list(a, v->strval, words, out);
}

int hook_restrict_relation_kind(arena *a, const guc_param *p, int version, guc_hook_value *v,
                                guc_hook_result *out)
{
    (void)p; (void)version;
    static const char *const words[] = { "view", "foreign-table", NULL };
    return keyword_list(a, v->strval, words, out);
}

enum { STYLE_ISO, STYLE_SQL, STYLE_POSTGRES, STYLE_GERMAN };
enum { ORDER_MDY, ORDER_DMY, ORDER_YMD };

static int datestyle_parse(arena *a, const char *value, int version, int *style, int *order,
                           guc_hook_result *out)
{
    ptrvec items = { 0 };
    if (!guc_split_identifiers(a, value, ',', &items)) {
        out->detail = LIST_INVALID;
        return 0;
    }
    int have_style = 0, have_order = 0, conflict = 0;
    for (size_t i = 0; i < items.n; i++) {
        const char *t = items.items[i];
        int new_style = -1, new_order = -1;
        if (ascii_casecmp(t, "ISO") == 0)
            new_style = STYLE_ISO;
        else if (ascii_casecmp(t, "SQL") == 0)
            new_style = STYLE_SQL;
        else if (ascii_ncasecmp(t, "POSTGRES", 8) == 0)
            new_style = STYLE_POSTGRES;
        else if (ascii_casecmp(t, "GERMAN") == 0) {
            new_style = STYLE_GERMAN;
            /* German implies day-month order unless an order was given */
            if (!have_order)
                *order = ORDER_DMY;
        } else if (ascii_casecmp(t, "YMD") == 0)
            new_order = ORDER_YMD;
        else if (ascii_casecmp(t, "DMY") == 0 || ascii_ncasecmp(t, "EURO", 4) == 0)
            new_order = ORDER_DMY;
        else if (ascii_casecmp(t, "MDY") == 0 || ascii_casecmp(t, "US") == 0 ||
                 ascii_ncasecmp(t, "NONEURO", 7) == 0)
            new_order = ORDER_MDY;
        else if (ascii_casecmp(t, "DEFAULT") == 0) {
            /* the built-in default, "ISO, MDY", fills what is still unset */
            if (!have_style)
                *style = STYLE_ISO;
            if (!have_order)
                *order = ORDER_MDY;
            continue;
        } else
            return unrecognized(a, t, out);
        if (new_style >= 0) {
            if (have_style && *style != new_style)
                conflict = 1;
            *style = new_style;
            have_style = 1;
        }
        if (new_order >= 0) {
            if (have_order && *order != new_order)
                conflict = 1;
            *order = new_order;
            have_order = 1;
        }
    }
    if (conflict) {
        out->detail = version >= 18 ? "Conflicting \"DateStyle\" specifications."
                                    : "Conflicting \"datestyle\" specifications.";
        return 0;
    }
    return 1;
}

/* The stored value is rewritten to "<style>, <order>". */
int hook_datestyle(arena *a, const guc_param *p, int version, guc_hook_value *v,
                   guc_hook_result *out)
{
    (void)p;
    int style = STYLE_ISO, order = ORDER_MDY;
    if (!datestyle_parse(a, v->strval, version, &style, &order, out))
        return 0;
    static const char *const styles[] = { "ISO", "SQL", "Postgres", "German" };
    static const char *const orders[] = { "MDY", "DMY", "YMD" };
    v->strval = arena_printf(a, "%s, %s", styles[style], orders[order]);
    return 1;
}

/* Resource managers that can check their WAL records. 15+ also allow custom
 * ones, which at server start are only known after shared_preload_libraries
 * loaded, so there an unknown name is accepted and checked later. */
int hook_wal_consistency_checking(arena *a, const guc_param *p, int version,
                                  guc_hook_value *v, guc_hook_result *out)
{
    (void)p;
    static const char *const words[] = { "all", "heap2", "heap", "btree", "hash", "gin",
                                         "gist", "sequence", "spgist", "brin", "generic",
                                         NULL };
    ptrvec items = { 0 };
    if (!guc_split_identifiers(a, v->strval, ',', &items)) {
        out->detail = LIST_INVALID;
        return 0;
    }
    for (size_t i = 0; i < items.n; i++) {
        if (keyword_index(items.items[i], words) >= 0)
            continue;
        if (version >= 15) {
            out->env_dependent = 1;
            continue;
        }
        return unrecognized(a, items.items[i], out);
    }
    return 1;
}

int hook_debug_io_direct(arena *a, const guc_param *p, int version, guc_hook_value *v,
                         guc_hook_result *out)
{
    (void)p;
    static const char *const words[] = { "data", "wal", "wal_init", NULL };
    const char *cap = version >= 17 ? "I" : "i";
    ptrvec items = { 0 };
    if (!guc_split_list(a, v->strval, ',', &items)) {
        out->detail = arena_printf(a, "%snvalid list syntax in parameter \"%s\"%s", cap,
                                   "debug_io_direct", hook_period(version));
        return 0;
    }
    for (size_t i = 0; i < items.n; i++)
        if (keyword_index(items.items[i], words) < 0) {
            out->detail = arena_printf(a, "%snvalid option \"%s\"%s", cap,
                                       (const char *)items.items[i], hook_period(version));
            return 0;
        }
    return 1;
}

/* 18 turned log_connections into a list of aspects; the old boolean words
 * are still accepted as whole values. */
int hook_log_connections(arena *a, const guc_param *p, int version, guc_hook_value *v,
                         guc_hook_result *out)
{
    (void)p; (void)version;
    static const char *const bools[] = { "on", "off", "true", "false", "yes", "no", "1", "0",
                                         NULL };
    static const char *const words[] = { "receipt", "authentication", "authorization",
                                         "setup_durations", "all", NULL };
    if (keyword_index(v->strval, bools) >= 0)
        return 1;
    ptrvec items = { 0 };
    if (!guc_split_identifiers(a, v->strval, ',', &items)) {
        out->detail = "Invalid list syntax in parameter \"log_connections\".";
        return 0;
    }
    for (size_t i = 0; i < items.n; i++)
        if (keyword_index(items.items[i], words) < 0) {
            out->detail = arena_printf(a, "Invalid option \"%s\".", (const char *)items.items[i]);
            return 0;
        }
    return 1;
}

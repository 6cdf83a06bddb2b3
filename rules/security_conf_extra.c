/* security_conf_extra.c — name and provenance checks on postgresql.conf
 * (see the header). */
#include "security_conf_extra.h"

#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "catalog_info.h"
#include "conf_rules.h"

/* ---- conf-renamed-parameter --------------------------------------------- */

/* catalog_find maps an alias to its parameter, so the setting has a param
 * whose canonical name differs from the one written; the catalog's alias
 * rows (aliases.tsv) say since when. PostgreSQL 18 loads
 * `ssl_ecdh_curve = x` without a message (pg-oracle --pg 18). */
static void check_renamed(arena *a, effective_conf *e, ptrvec *out)
{
    const conf_doc *d = effective_doc(e);
    int version = effective_version(e);
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        catalog_history h;
        if (!s->param || strcmp(s->name, s->param->name) == 0 ||
            ascii_casecmp(s->name, s->param->name) == 0 ||
            !catalog_history_of(s->name, &h) || !h.alias_of || version < h.alias_since)
            continue;
        const char *when = h.alias_since > CATALOG_MIN_VERSION
                               ? arena_printf(a, " (renamed in PostgreSQL %d)", h.alias_since)
                               : "";
        finding *f = finding_at(a, "conf-renamed-parameter", SEV_INFO, s->src, s->name_off,
                                s->name_len,
                                "\"%s\" is the old name of \"%s\"%s: PostgreSQL %d still "
                                "accepts it, but SHOW, pg_settings and the documentation "
                                "only know \"%s\"",
                                s->name, s->param->name, when, version, s->param->name);
        /* Renaming keeps the assignment's place, so the value in effect is
         * the same (the alias and its name are one parameter, last one wins;
         * conf-duplicate-setting groups them under the parameter). An
         * included file may also be read by a server older than the new
         * name (ssl_groups is 18+): there only the root file and
         * postgresql.auto.conf, which belong to this server, are safe. */
        int shared = s->src != d->root && !s->from_auto_conf;
        f->fix = (remedy){.kind = REMEDY_RENAME_PARAM, .target = s,
                          .param = s->param->name,
                          .unsafe = shared && h.alias_since > CATALOG_MIN_VERSION,
                          .description = arena_printf(a, "rename %s to %s", s->name,
                                                      s->param->name)};
        ptrvec_push(a, out, f);
    }
}

/* ---- custom prefixes ---------------------------------------------------- */

/* Libraries whose parameters use a prefix of their own. `on_demand`: the
 * library is loaded when a function or extension of it is first used (or
 * LOAD), and a placeholder set in the file applies from then on, so it
 * need not be preloaded. Otherwise the prefix is the library's name. */
typedef struct ext_prefix {
    const char *library, *prefix;
    int on_demand;
} ext_prefix;

static const ext_prefix known[] = {
    {"pgaudit", "pgaudit", 0},           {"pg_stat_statements", "pg_stat_statements", 0},
    {"auto_explain", "auto_explain", 0}, {"auth_delay", "auth_delay", 0},
    {"credcheck", "credcheck", 0},       {"set_user", "set_user", 0},
    {"passwordcheck", "passwordcheck", 0}, {"sepgsql", "sepgsql", 0},
    {"pg_prewarm", "pg_prewarm", 0},     {"pg_cron", "cron", 0},
    {"anon", "anon", 0},                 {"timescaledb", "timescaledb", 0},
    {"citus", "citus", 0},               {"pglogical", "pglogical", 0},
    {"pg_hint_plan", "pg_hint_plan", 0}, {"pg_stat_monitor", "pg_stat_monitor", 0},
    {"pg_wait_sampling", "pg_wait_sampling", 0}, {"pg_qualstats", "pg_qualstats", 0},
    {"pg_stat_kcache", "pg_stat_kcache", 0}, {"pgsodium", "pgsodium", 0},
    {"pg_squeeze", "squeeze", 0},        {"pgextwlist", "extwlist", 0},
    {"pg_partman_bgw", "pg_partman_bgw", 0}, {"powa", "powa", 0},
    {"basic_archive", "basic_archive", 0},
    {"pg_trgm", "pg_trgm", 1},           {"plpgsql", "plpgsql", 1},
    {"postgres_fdw", "postgres_fdw", 1}, {"plperl", "plperl", 1},
    {"pltcl", "pltcl", 1},
};
#define NKNOWN (sizeof known / sizeof known[0])

/* Prefixes conf-requires-library already warns about when not preloaded. */
static const char *const required[] = {"pgaudit", "auth_delay", "credcheck", "set_user", NULL};

int prefix_distance(const char *s, const char *t, int limit)
{
    int n = (int)strlen(s), m = (int)strlen(t);
    if (abs(n - m) > limit || n > 63 || m > 63)
        return limit + 1;
    int d[64][64];
    for (int i = 0; i <= n; i++)
        d[i][0] = i;
    for (int j = 0; j <= m; j++)
        d[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int cost = ascii_tolower(s[i - 1]) != ascii_tolower(t[j - 1]);
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && ascii_tolower(s[i - 1]) == ascii_tolower(t[j - 2]) &&
                ascii_tolower(s[i - 2]) == ascii_tolower(t[j - 1]) && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m] > limit ? limit + 1 : d[n][m];
}

static const char *prefix_of_library(const char *lib)
{
    for (size_t k = 0; k < NKNOWN; k++)
        if (strcmp(known[k].library, lib) == 0)
            return known[k].prefix;
    return lib;
}

/* The prefixes the loaded libraries provide: the three preload lists and
 * archive_library (basic_archive.*), as the server would load them. */
static void loaded_prefixes(arena *a, effective_conf *e, ptrvec *out)
{
    static const char *const lists[] = {"shared_preload_libraries", "session_preload_libraries",
                                        "local_preload_libraries", NULL};
    for (int i = 0; lists[i]; i++) {
        eff_value v;
        ptrvec items = {0};
        if (!effective_get(e, lists[i], &v) || !v.valid)
            continue;
        effective_items(a, &v, &items);
        for (size_t k = 0; k < items.n; k++)
            ptrvec_push(a, out, (void *)prefix_of_library(items.items[k]));
    }
    eff_value arch;
    if (effective_get(e, "archive_library", &arch) && arch.valid && arch.text && *arch.text)
        ptrvec_push(a, out, (void *)prefix_of_library(
                                effective_item_key(a, "shared_preload_libraries", arch.text)));
}

static int in_vec(const ptrvec *v, const char *s)
{
    for (size_t i = 0; i < v->n; i++)
        if (ascii_casecmp(v->items[i], s) == 0)
            return 1;
    return 0;
}

/* How far a prefix may be from a known one to count as a typo of it: one
 * edit for short prefixes (cron), a third of the name for long ones. */
static int allowed(const char *prefix)
{
    int d = (int)strlen(prefix) / 3;
    return d < 1 ? 1 : d > 3 ? 3 : d;
}

static const char *near_miss(const char *prefix, const ptrvec *loaded)
{
    const char *best = NULL;
    int limit = allowed(prefix), bd = limit + 1;
    for (size_t i = 0; i < loaded->n + NKNOWN; i++) {
        const char *cand = i < loaded->n ? loaded->items[i] : known[i - loaded->n].prefix;
        int dist = prefix_distance(prefix, cand, limit);
        if (dist <= limit && dist < bd) {
            best = cand;
            bd = dist;
        }
    }
    return best;
}

static int known_prefix(const char *prefix, int on_demand_only)
{
    for (size_t k = 0; k < NKNOWN; k++)
        if (ascii_casecmp(known[k].prefix, prefix) == 0 && (!on_demand_only || known[k].on_demand))
            return 1;
    return 0;
}

static void check_prefixes(arena *a, effective_conf *e, int typo, int plain, ptrvec *out)
{
    const conf_doc *d = effective_doc(e);
    ptrvec loaded = {0};
    loaded_prefixes(a, e, &loaded);
    const char *last_prefix = NULL, *last_meant = NULL;
    for (size_t i = 0; i < d->settings.n; i++) {
        const conf_setting *s = d->settings.items[i];
        const char *dot = s->name ? strchr(s->name, '.') : NULL;
        if (s->param || !dot || dot == s->name)
            continue;
        const char *prefix = arena_strndup(a, s->name, (size_t)(dot - s->name));
        if (in_vec(&loaded, prefix))
            continue;
        /* Files group a prefix's lines: the answer for the previous line's
         * prefix is reused, so a large file costs one search per run. */
        if (!last_prefix || ascii_casecmp(prefix, last_prefix) != 0) {
            last_prefix = prefix;
            last_meant = known_prefix(prefix, 0) ? NULL : near_miss(prefix, &loaded);
        }
        const char *meant = last_meant;
        if (meant) {
            /* conf-unknown-parameter already names the contrib parameter
             * meant (asked only here: it compares the whole name with
             * every contrib parameter) */
            if (catalog_suggest(a, effective_version(e), s->name))
                continue;
            if (typo)
                ptrvec_push(a, out,
                            finding_at(a, "conf-unknown-custom-prefix", SEV_WARNING, s->src,
                                       s->name_off, (size_t)(dot - s->name),
                                       "no library provides the prefix \"%s\" of \"%s\"; did "
                                       "you mean \"%s\"? PostgreSQL accepts any prefix.name "
                                       "silently, so this setting does nothing",
                                       prefix, s->name, meant));
            continue;
        }
        int skip = known_prefix(prefix, 1);
        for (int k = 0; required[k]; k++)
            if (ascii_casecmp(prefix, required[k]) == 0)
                skip = 1;   /* conf-requires-library warns about these */
        if (plain && !skip)
            ptrvec_push(a, out,
                        finding_at(a, "conf-custom-prefix-not-preloaded", SEV_INFO, s->src,
                                   s->name_off, (size_t)(dot - s->name),
                                   "no library in shared_preload_libraries, "
                                   "session_preload_libraries or local_preload_libraries "
                                   "provides \"%s\": \"%s\" stays a placeholder until "
                                   "something loads it",
                                   prefix, s->name));
    }
}

/* ---- conf-auto-conf-override -------------------------------------------- */

static const char *enforcing_rule(const ptrvec *enforced, const char *name)
{
    for (size_t i = 0; i < enforced->n; i++) {
        const enforced_param *p = enforced->items[i];
        if (ascii_casecmp(p->name, name) == 0)
            return p->rule;
    }
    return NULL;
}

/* postgresql.auto.conf is read last, so in each parameter's assignments
 * (grouped by the name the server applies them under, in processing
 * order) an auto.conf entry that ends the group is the value in effect,
 * and the last entry before the auto.conf ones is what the reviewed files
 * meant. */
static void check_auto_override(arena *a, effective_conf *e, const ptrvec *enforced, ptrvec *out)
{
    const conf_doc *d = effective_doc(e);
    size_t n = d->settings.n;
    if (!n)
        return;
    const conf_keyed *k = effective_settings_by_param(e);
    for (size_t i = 0; i < n;) {
        size_t end = i + 1;
        while (end < n && conf_same_key(k[i].key, k[end].key))
            end++;
        const conf_setting *last = d->settings.items[k[end - 1].index];
        const conf_setting *meant = NULL;
        for (size_t j = end - 1; j-- > i;) {
            const conf_setting *s = d->settings.items[k[j].index];
            if (!s->from_auto_conf) {
                meant = s;
                break;
            }
        }
        const char *key = k[i].key;
        i = end;
        /* only an auto.conf entry that is in effect can be reported: the
         * policy rules are searched for those alone */
        if (!last->from_auto_conf || last->error)
            continue;
        const char *rule = enforcing_rule(enforced, key);
        if (!meant && !rule)
            continue;
        const char *checked = rule ? arena_printf(a, " (policy rule %s checks it)", rule) : "";
        finding *f;
        if (meant) {
            f = finding_at(a, "conf-auto-conf-override", SEV_WARNING, last->src, last->name_off,
                           last->name_len,
                           "postgresql.auto.conf sets \"%s\", overriding %s:%d%s: the value "
                           "ALTER SYSTEM wrote wins at runtime",
                           last->name, meant->src->path, meant->line, checked);
            finding_relate(a, f, meant->src, meant->name_off, meant->name_len,
                           "the overridden assignment");
        } else
            f = finding_at(a, "conf-auto-conf-override", SEV_WARNING, last->src, last->name_off,
                           last->name_len,
                           "postgresql.auto.conf sets \"%s\", which policy rule %s checks: the "
                           "value ALTER SYSTEM wrote wins over the reviewed configuration",
                           last->name, rule);
        ptrvec_push(a, out, f);
    }
}

void security_conf_extra_run(arena *a, effective_conf *e, const ptrvec *enforced,
                             int (*enabled)(const void *, const char *), const void *ctx,
                             ptrvec *out)
{
    if (!effective_doc(e))
        return;
    if (enabled(ctx, "conf-renamed-parameter"))
        check_renamed(a, e, out);
    int typo = enabled(ctx, "conf-unknown-custom-prefix");
    int plain = enabled(ctx, "conf-custom-prefix-not-preloaded");
    if (typo || plain)
        check_prefixes(a, e, typo, plain, out);
    if (enabled(ctx, "conf-auto-conf-override"))
        check_auto_override(a, e, enforced, out);
}

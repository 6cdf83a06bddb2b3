/* catalog_suggest.c — did-you-mean for unknown parameter names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "catalog_info.h"
#include "catalog_tables.h"

/* Parameters of contrib modules that ship with PostgreSQL, so that a typo in
 * a dotted name (which the server silently accepts as a placeholder) can
 * still be caught. Names from the contrib documentation. */
static const char *const extension_params[] = {
    "auth_delay.milliseconds",
    "auto_explain.log_analyze", "auto_explain.log_buffers", "auto_explain.log_format",
    "auto_explain.log_level", "auto_explain.log_min_duration",
    "auto_explain.log_nested_statements", "auto_explain.log_parameter_max_length",
    "auto_explain.log_settings", "auto_explain.log_timing", "auto_explain.log_triggers",
    "auto_explain.log_verbose", "auto_explain.log_wal", "auto_explain.sample_rate",
    "basic_archive.archive_directory",
    "pg_prewarm.autoprewarm", "pg_prewarm.autoprewarm_interval",
    "pg_stat_statements.max", "pg_stat_statements.save", "pg_stat_statements.track",
    "pg_stat_statements.track_planning", "pg_stat_statements.track_utility",
    "pg_trgm.similarity_threshold", "pg_trgm.strict_word_similarity_threshold",
    "pg_trgm.word_similarity_threshold",
    "plpgsql.check_asserts", "plpgsql.extra_errors", "plpgsql.extra_warnings",
    "plpgsql.print_strict_params", "plpgsql.variable_conflict",
    "postgres_fdw.application_name",
    "sepgsql.debug_audit", "sepgsql.permissive",
    NULL,
};

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transposition), ASCII case-insensitive: the usual typos of a hand-edited
 * file. Exact up to `limit`; above it, some value above it (stopping
 * early). */
static int edit_distance(const char *s, const char *t, int limit)
{
    int n = (int)strlen(s), m = (int)strlen(t);
    if (abs(n - m) > limit)
        return limit + 1;
    /* Rows and folded copies on the stack for names of a usual length: this
     * runs for every candidate of every unknown name. Both names are folded
     * once, not per cell. Each cell the band reads was written before, but
     * the rows are cleared all the same: the static analyzer cannot follow
     * the band's bounds, and clearing 780 bytes costs next to nothing. */
    enum { LOCAL = 64 };
    int local[3][LOCAL + 1] = {{0}};
    char fold_local[2][LOCAL + 1] = {{0}};
    int heap = m > LOCAL || n > LOCAL;
    int *prev2 = heap ? calloc((size_t)m + 1, sizeof(int)) : local[0];
    int *prev = heap ? calloc((size_t)m + 1, sizeof(int)) : local[1];
    int *cur = heap ? calloc((size_t)m + 1, sizeof(int)) : local[2];
    char *fs = heap ? malloc((size_t)n + 1) : fold_local[0];
    char *ft = heap ? malloc((size_t)m + 1) : fold_local[1];
    int result = limit + 1;
    if (!prev2 || !prev || !cur || !fs || !ft)
        goto out;
    for (int i = 0; i < n; i++)
        fs[i] = ascii_tolower(s[i]);
    for (int j = 0; j < m; j++)
        ft[j] = ascii_tolower(t[j]);
    for (int j = 0; j <= m; j++)
        prev[j] = j;
    /* Only the band |i - j| <= limit is computed: a cell outside it is more
     * than `limit` edits away, and stands in as limit + 1 where the band's
     * edge reads it. Distances within the limit come out exact; anything
     * beyond it only as "more than the limit", which is all callers ask. */
    const int big = limit + 1;
    for (int i = 1; i <= n; i++) {
        int lo = i - limit > 1 ? i - limit : 1, hi = i + limit < m ? i + limit : m;
        int row_min = big;
        if (lo == 1) {
            cur[0] = i;
            row_min = i;
        } else {
            cur[lo - 1] = big;
        }
        for (int j = lo; j <= hi; j++) {
            int cost = fs[i - 1] != ft[j - 1];
            int v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && fs[i - 1] == ft[j - 2] && fs[i - 2] == ft[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < row_min)
                row_min = v;
        }
        if (hi < m)
            cur[hi + 1] = big;
        if (row_min > limit)
            goto out;
        int *tmp = prev2;
        prev2 = prev;
        prev = cur;
        cur = tmp;
    }
    result = prev[m];
out:
    if (heap) {
        free(prev2);
        free(prev);
        free(cur);
        free(fs);
        free(ft);
    }
    return result;
}

/* How far a suggestion may be: one edit for short names, up to a third of
 * the name for long ones (no more than 4). */
static int allowed_distance(const char *name)
{
    int len = (int)strlen(name);
    int d = len / 3;
    if (d < 1)
        d = 1;
    if (d > 4)
        d = 4;
    return d;
}

/* The best candidate so far, and the query: its length and how often each
 * (folded) byte occurs in it. */
typedef struct best {
    const char *name;
    int dist;
    int len;
    uint64_t present;   /* bit (c & 63) for each folded byte c of the query */
    short count[256];
} best;

static void best_init(best *b, const char *query)
{
    memset(b, 0, sizeof *b);
    for (const char *s = query; *s; s++) {
        unsigned char c = (unsigned char)ascii_tolower(*s);
        b->count[c]++;
        b->present |= 1ull << (c & 63);
    }
    b->len = (int)strlen(query);
}

/* A cruder bound in one pass: each byte of the candidate that the query
 * has nowhere must be inserted or substituted, one edit each. (Bytes are
 * told apart by their low six bits only: some absent bytes count as
 * present, so the bound stays a bound.) */
static int absent_bound(const best *b, const char *candidate, int lim)
{
    int missing = 0;
    for (const char *t = candidate; *t; t++)
        if (!((b->present >> ((unsigned char)ascii_tolower(*t) & 63)) & 1) && ++missing > lim)
            break;
    return missing;
}

/* A lower bound of the distance, far cheaper than the distance: an edit
 * changes the multiset of letters by at most two (a substitution), a
 * transposition not at all, so at least half of the letters the two names
 * do not share must be edited. Most candidates are ruled out here. */
static int letters_bound(best *b, const char *candidate)
{
    int common = 0, m = 0;
    for (const char *t = candidate; *t; t++, m++) {
        unsigned char c = (unsigned char)ascii_tolower(*t);
        if (b->count[c] > 0)
            common++;   /* one more of the query's c matched */
        b->count[c]--;
    }
    for (const char *t = candidate; *t; t++)
        b->count[(unsigned char)ascii_tolower(*t)]++;
    return (b->len + m - 2 * common + 1) / 2;
}

static void consider(best *b, const char *name, const char *candidate, int limit)
{
    int lim = b->name ? b->dist - 1 : limit;
    /* What edit_distance would find above lim is not taken below either. */
    int m = (int)strlen(candidate);
    if (abs(b->len - m) > lim || absent_bound(b, candidate, lim) > lim ||
        letters_bound(b, candidate) > lim)
        return;
    int d = edit_distance(name, candidate, lim);
    if (d <= limit && (!b->name || d < b->dist)) {
        b->name = candidate;
        b->dist = d;
    }
}

static const char *suggest_dotted(arena *a, const char *name)
{
    best b;
    best_init(&b, name);
    for (int i = 0; extension_params[i]; i++) {
        if (ascii_casecmp(name, extension_params[i]) == 0)
            return NULL;
        consider(&b, name, extension_params[i], allowed_distance(name));
    }
    return b.name ? arena_strdup(a, b.name) : NULL;
}

const char *catalog_suggest(arena *a, int version, const char *name)
{
    if (!name || !*name || catalog_find(version, name))
        return NULL;
    if (strchr(name, '.'))
        return suggest_dotted(a, name);

    catalog_history h;
    if (catalog_history_of(name, &h) && h.renamed_to) {
        /* "a,b": the first successor that this version has */
        const char *s = h.renamed_to;
        while (*s) {
            size_t len = strcspn(s, ",");
            char *one = arena_strndup(a, s, len);
            if (catalog_find(version, one))
                return one;
            s += len + (s[len] == ',');
        }
    }

    int count;
    const guc_param *all = catalog_all(version, &count);
    best b;
    best_init(&b, name);
    int limit = allowed_distance(name);
    for (int i = 0; i < count; i++)
        consider(&b, name, all[i].name, limit);
    size_t n;
    const catalog_alias_row *al = catalog_alias_rows(&n);
    for (size_t i = 0; i < n; i++)
        if (version >= al[i].since)
            consider(&b, name, catalog_str(al[i].alias), limit);
    if (!b.name)
        return NULL;
    /* an alias is a typo target too, but the real name is the better advice */
    const guc_param *p = catalog_find(version, b.name);
    return arena_strdup(a, p ? p->name : b.name);
}

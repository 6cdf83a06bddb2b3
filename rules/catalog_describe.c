/* catalog_describe.c — `pgconflint describe NAME`: everything the catalog
 * knows about one parameter, for a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_info.h"
#include "catalog_tables.h"
#include "guc_units.h"

static const char *context_meaning(guc_context c)
{
    switch (c) {
    case CTX_INTERNAL: return "read-only, fixed when PostgreSQL was built or initdb ran";
    case CTX_POSTMASTER: return "needs a server restart";
    case CTX_SIGHUP: return "reload (pg_ctl reload / SIGHUP)";
    case CTX_SUPERUSER_BACKEND: return "at connection start, by a superuser";
    case CTX_BACKEND: return "at connection start";
    case CTX_SUPERUSER: return "reload, or SET by a superuser";
    case CTX_USER: return "reload, or SET by any user";
    }
    return "";
}

/* A base-unit quantity in the largest unit that divides it exactly, as
 * pg_settings' SHOW does ("4MB", "1min"). */
static void put_quantity(FILE *out, double v, const char *unit)
{
    guc_base_unit bu;
    if (!*unit || !guc_base_unit_from_catalog(unit, &bu) || bu.family == UNIT_NONE ||
        v != guc_rint(v) || v <= 0 || v >= 2147483647.0) {
        fprintf(out, "%.15g%s%s", v, *unit ? " " : "", unit);
        return;
    }
    static const struct { const char *name; double size; } mem[] = {
        { "TB", 1099511627776.0 }, { "GB", 1073741824.0 }, { "MB", 1048576.0 },
        { "kB", 1024.0 }, { "B", 1.0 } };
    static const struct { const char *name; double size; } tim[] = {
        { "d", 86400e6 }, { "h", 3600e6 }, { "min", 60e6 }, { "s", 1e6 }, { "ms", 1e3 },
        { "us", 1.0 } };
    double raw = v * bu.size;
    if (bu.family == UNIT_MEMORY) {
        for (size_t i = 0; i < sizeof mem / sizeof mem[0]; i++)
            if (raw / mem[i].size == guc_rint(raw / mem[i].size)) {
                fprintf(out, "%.15g%s", raw / mem[i].size, mem[i].name);
                return;
            }
    } else {
        for (size_t i = 0; i < sizeof tim / sizeof tim[0]; i++)
            if (raw / tim[i].size == guc_rint(raw / tim[i].size)) {
                fprintf(out, "%.15g%s", raw / tim[i].size, tim[i].name);
                return;
            }
    }
    fprintf(out, "%.15g %s", v, unit);
}

static void put_list(FILE *out, const char *const *list)
{
    for (int i = 0; list && list[i]; i++)
        fprintf(out, "%s%s", i ? ", " : "", *list[i] ? list[i] : "''");
}

static void put_flags(FILE *out, unsigned flags)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { GUCF_DISALLOW_IN_FILE, "DISALLOW_IN_FILE" },
        { GUCF_DISALLOW_IN_AUTO_FILE, "DISALLOW_IN_AUTO_FILE" },
        { GUCF_NO_SHOW_ALL, "NO_SHOW_ALL" }, { GUCF_LIST_INPUT, "LIST_INPUT" },
        { GUCF_NOT_IN_SAMPLE, "NOT_IN_SAMPLE" }, { GUCF_SUPERUSER_ONLY, "SUPERUSER_ONLY" },
        { GUCF_IS_NAME, "IS_NAME" }, { GUCF_EXPLAIN, "EXPLAIN" },
        { GUCF_LIST_QUOTE, "LIST_QUOTE" }, { GUCF_NOT_WHILE_SEC_REST, "NOT_WHILE_SEC_REST" },
        { GUCF_NO_RESET, "NO_RESET" }, { GUCF_NO_RESET_ALL, "NO_RESET_ALL" },
        { GUCF_REPORT, "REPORT" }, { GUCF_RUNTIME_COMPUTED, "RUNTIME_COMPUTED" },
    };
    int first = 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit) {
            fprintf(out, "%s%s", first ? "" : ", ", names[i].name);
            first = 0;
        }
    if (first)
        fputs("none", out);
}

/* "12-14, 16-19": the compiled-in versions that have the name. */
static void put_versions(FILE *out, const char *name)
{
    size_t n;
    const catalog_version_table *t = catalog_tables(&n);
    int run_start = 0, prev = 0, any = 0;
    for (size_t i = 0; i <= n; i++) {
        int v = i < n && catalog_exists_in(t[i].version, name) ? t[i].version : 0;
        if (v && run_start && v == prev + 1) {
            prev = v;
            continue;
        }
        if (run_start) {
            fprintf(out, "%s%d", any ? ", " : "", run_start);
            if (prev != run_start)
                fprintf(out, "-%d", prev);
            any = 1;
        }
        run_start = prev = v;
    }
    if (!any)
        fputs("none", out);
}

static void put_history(FILE *out, const catalog_history *h)
{
    if (h->added_in && !h->added_or_earlier)
        fprintf(out, "  added:       %d\n", h->added_in);
    if (h->removed_in)
        fprintf(out, "  removed:     %d\n", h->removed_in);
    if (h->renamed_to)
        fprintf(out, "  replaced by: %s\n", h->renamed_to);
    if (h->note)
        fprintf(out, "  note:        %s\n", h->note);
}

static void describe_param(FILE *out, const guc_param *p, int version)
{
    fprintf(out, "%s (PostgreSQL %d)\n", p->name, version);
    fprintf(out, "  type:        %s\n", guc_type_name(p->type));
    if (*p->unit)
        fprintf(out, "  unit:        %s\n", p->unit);
    if (p->type == GUC_INT || p->type == GUC_REAL) {
        fprintf(out, "  range:       %.15g .. %.15g%s%s", p->min, p->max, *p->unit ? " " : "",
                p->unit);
        if (*p->unit && p->type == GUC_INT) {
            fputs("  (", out);
            put_quantity(out, p->min, p->unit);
            fputs(" .. ", out);
            put_quantity(out, p->max, p->unit);
            fputs(")", out);
        }
        fputc('\n', out);
    }
    if (p->type == GUC_ENUM) {
        fputs("  values:      ", out);
        put_list(out, p->enumvals);
        fputc('\n', out);
        if (p->hidden && p->hidden[0]) {
            fputs("  also takes:  ", out);
            put_list(out, p->hidden);
            fputs(" (accepted, not listed)\n", out);
        }
    }
    if (p->type == GUC_BOOL)
        fputs("  values:      on, off (also true/false, yes/no, 1/0 and unique prefixes)\n", out);
    fputs("  default:     ", out);
    if (!p->boot_val)
        fputs("(none)", out);
    else if (!*p->boot_val)
        fputs("''", out);
    else {
        fputs(p->boot_val, out);
        if (p->type == GUC_INT && *p->unit) {
            fputs(" (", out);
            put_quantity(out, strtod(p->boot_val, NULL), p->unit);
            fputs(")", out);
        }
    }
    fputc('\n', out);
    fprintf(out, "  context:     %s — %s\n", guc_context_name(p->context),
            context_meaning(p->context));
    fputs("  flags:       ", out);
    put_flags(out, p->flags);
    fputc('\n', out);
    fputs("  versions:    ", out);
    put_versions(out, p->name);
    fputc('\n', out);
}

int catalog_describe(FILE *out, const char *name, int version)
{
    if (!catalog_has_version(version)) {
        fprintf(out, "PostgreSQL %d is not in the catalog (it has %d to %d)\n", version,
                CATALOG_MIN_VERSION, CATALOG_MAX_VERSION);
        return 1;
    }
    catalog_history h;
    int known = catalog_history_of(name, &h);
    const guc_param *p = catalog_find(version, name);
    if (p) {
        if (catalog_name_cmp(p->name, name) != 0)
            fprintf(out, "%s is an old name that PostgreSQL %d still accepts for %s\n\n", name,
                    version, p->name);
        describe_param(out, p, version);
        catalog_history ph;
        if (catalog_history_of(p->name, &ph))
            put_history(out, &ph);
        return 0;
    }
    if (known && h.added_in) {
        fprintf(out, "%s is not a parameter of PostgreSQL %d\n", h.name, version);
        fputs("  versions:    ", out);
        put_versions(out, h.name);
        fputc('\n', out);
        put_history(out, &h);
        /* describe it as the nearest version that has it */
        int best = 0;
        for (int v = CATALOG_MIN_VERSION; v <= CATALOG_MAX_VERSION; v++)
            if (catalog_exists_in(v, h.name) && (!best || abs(v - version) < abs(best - version)))
                best = v;
        if (best) {
            fputc('\n', out);
            describe_param(out, catalog_find(best, h.name), best);
        }
        return 1;
    }
    if (strchr(name, '.'))
        fprintf(out, "%s is a custom (extension) parameter: PostgreSQL accepts any value for it "
                     "until the extension that owns the prefix is loaded\n", name);
    else
        fprintf(out, "%s is not a parameter of any PostgreSQL version from %d to %d\n", name,
                CATALOG_MIN_VERSION, CATALOG_MAX_VERSION);
    arena *a = arena_new();
    const char *s = catalog_suggest(a, version, name);
    if (s)
        fprintf(out, "  did you mean: %s\n", s);
    arena_free(a);
    return 1;
}

/* guc_units.c — unit tables and conversion to a parameter's base unit. */
#include <ctype.h>
#include <string.h>

#include "guc_units.h"

typedef struct unit_def {
    const char *name;
    double size;   /* bytes or microseconds */
} unit_def;

/* Largest first: a fraction is rounded to the next entry (the next smaller
 * unit), and the smallest unit is never rounded. */
static const unit_def memory_units[] = {
    { "TB", 1024.0 * 1024.0 * 1024.0 * 1024.0 },
    { "GB", 1024.0 * 1024.0 * 1024.0 },
    { "MB", 1024.0 * 1024.0 },
    { "kB", 1024.0 },
    { "B", 1.0 },
    { NULL, 0 },
};

static const unit_def time_units[] = {
    { "d", 86400.0 * 1000 * 1000 },
    { "h", 3600.0 * 1000 * 1000 },
    { "min", 60.0 * 1000 * 1000 },
    { "s", 1000.0 * 1000 },
    { "ms", 1000.0 },
    { "us", 1.0 },
    { NULL, 0 },
};

/* PostgreSQL's unit names are at most this long; a longer word cannot match. */
#define MAX_UNIT_LEN 3

int guc_base_unit_from_catalog(const char *unit, guc_base_unit *out)
{
    out->family = UNIT_NONE;
    out->size = 1;
    if (!unit || !*unit)
        return 1;
    /* Block units are shown as "8kB"; the size is the number before "kB"
     * (BLCKSZ and XLOG_BLCKSZ are both 8192 in the build the catalog assumes). */
    if (isdigit((unsigned char)unit[0])) {
        double n = 0;
        const char *s = unit;
        while (isdigit((unsigned char)*s))
            n = n * 10 + (*s++ - '0');
        if (strcmp(s, "kB") != 0)
            return 0;
        out->family = UNIT_MEMORY;
        out->size = n * 1024.0;
        return 1;
    }
    /* A unit's first letter rules most of the table out before strcmp. */
    for (const unit_def *u = memory_units; u->name; u++)
        if (u->name[0] == unit[0] && strcmp(unit, u->name) == 0) {
            out->family = UNIT_MEMORY;
            out->size = u->size;
            return 1;
        }
    for (const unit_def *u = time_units; u->name; u++)
        if (u->name[0] == unit[0] && strcmp(unit, u->name) == 0) {
            out->family = UNIT_TIME;
            out->size = u->size;
            return 1;
        }
    return 0;
}

int guc_unit_convert(double value, const char *unit, const guc_base_unit *base, double *out)
{
    char word[MAX_UNIT_LEN + 1];
    size_t len = 0;
    while (*unit && !isspace((unsigned char)*unit) && len < MAX_UNIT_LEN)
        word[len++] = *unit++;
    word[len] = '\0';
    while (isspace((unsigned char)*unit))
        unit++;
    if (*unit)
        return 0;   /* word longer than any unit, or junk after it */

    const unit_def *table = base->family == UNIT_MEMORY ? memory_units
                          : base->family == UNIT_TIME   ? time_units
                                                        : NULL;
    if (!table)
        return 0;
    for (int i = 0; table[i].name; i++) {
        if (strcmp(word, table[i].name) != 0)
            continue;
        /* Multipliers are single divisions so they are the same doubles
         * PostgreSQL's table holds (e.g. 1/60 for seconds into minutes). */
        double v = value * (table[i].size / base->size);
        if (table[i + 1].name) {
            double next = table[i + 1].size / base->size;
            v = guc_rint(v / next) * next;
        }
        *out = v;
        return 1;
    }
    return 0;
}

const char *guc_unit_hint(guc_unit_family f)
{
    if (f == UNIT_MEMORY)
        return "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
    if (f == UNIT_TIME)
        return "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
    return NULL;
}

double guc_rint(double x)
{
    /* Adding and removing 2^52 leaves no fraction bits, so the FPU rounds to
     * nearest even exactly as rint does; larger magnitudes, infinities and
     * NaN are already integral (or not numbers) and pass through. */
    const double two52 = 4503599627370496.0;
    if (!(x > -two52 && x < two52))
        return x;
    volatile double t;
    if (x >= 0) {
        t = x + two52;
        return t - two52;
    }
    t = x - two52;
    double r = t + two52;
    return r == 0 ? -0.0 : r;
}

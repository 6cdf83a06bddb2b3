/*
 * guc_units — PostgreSQL's memory and time units: which units a parameter's
 * base unit accepts, how a number with a unit converts to the base unit
 * (convert_to_base_unit's rules, including its rounding of fractions), and the
 * hint printed for a wrong unit.
 *
 * Memory: nothing is allocated; returned strings are static.
 */
#ifndef PGCL_GUC_UNITS_H
#define PGCL_GUC_UNITS_H

typedef enum guc_unit_family { UNIT_NONE, UNIT_MEMORY, UNIT_TIME } guc_unit_family;

typedef struct guc_base_unit {
    guc_unit_family family;
    double size;   /* the base unit in bytes (memory) or microseconds (time) */
} guc_base_unit;

/* Reads the catalog's unit column ("", "B", "kB", "MB", "8kB", "ms", "s",
 * "min"). Returns 0 for a unit this code does not know. */
int guc_base_unit_from_catalog(const char *unit, guc_base_unit *out);

/* Converts `value` given in the unit spelled at `unit` (the text after the
 * number and its trailing whitespace) into the base unit. The unit is at most
 * 3 characters, matched case-sensitively, and may only be followed by
 * whitespace. Returns 0 when the text is not an accepted unit. */
int guc_unit_convert(double value, const char *unit, const guc_base_unit *base, double *out);

/* Round to the nearest integer, ties to even: C's rint() in the default
 * rounding mode, without needing libm (the link line has no -lm). */
double guc_rint(double x);

/* The HINT PostgreSQL gives for a bad unit of this family. */
const char *guc_unit_hint(guc_unit_family f);

#endif

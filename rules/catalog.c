/* catalog.c — PLACEHOLDER until the catalog lands: knows no parameter. */
#include "catalog.h"

const guc_param *catalog_find(int version, const char *name) { (void)version; (void)name; return 0; }
const guc_param *catalog_all(int version, int *count) { (void)version; *count = 0; return 0; }
void guc_check_value(arena *a, const guc_param *p, int version, const char *value,
                     guc_value_result *r)
{
    (void)a; (void)p; (void)version; (void)value;
    r->ok = 1; r->normalized = value; r->message = 0; r->hint = 0; r->number = 0;
}

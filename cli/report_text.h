/* report_text — `file:line:col: severity: message [rule-id]` lines, with
 * related places as `note:` lines and optional colour. Holds no memory. */
#ifndef PGCL_REPORT_TEXT_H
#define PGCL_REPORT_TEXT_H

#include <stdio.h>

#include "diag.h"
#include "finding.h"

void report_text_diag(FILE *out, const diag *d, const char *severity, int color);
void report_text_finding(FILE *out, const finding *f, int color);
void report_text_summary(FILE *out, int files, const int counts[3], int color);

#endif

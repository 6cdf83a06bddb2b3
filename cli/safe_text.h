/*
 * safe_text — writing text that came from checked files (tokens quoted in
 * messages, file names) to a terminal or CI log without letting it act on
 * them: control bytes (escape sequences, carriage returns, BEL) and bytes
 * that are not valid UTF-8 (C1 controls to 8-bit terminals) are written as
 * \xNN, a newline as a space, so a hostile file can neither repaint the
 * screen nor forge report lines. Valid UTF-8 text passes unchanged.
 * Owns nothing.
 */
#ifndef PGCL_SAFE_TEXT_H
#define PGCL_SAFE_TEXT_H

#include <stdio.h>

void safe_text_put(FILE *out, const char *s);

#endif

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

#include <stddef.h>
#include <stdio.h>

void safe_text_put(FILE *out, const char *s);

/* The same for a caller that assembles a line in a buffer: the safe form
 * of s goes to put(ctx, bytes, n) in pieces, in order (runs that pass
 * unchanged whole, so most text is one call). */
typedef void safe_text_sink(void *ctx, const char *bytes, size_t n);
void safe_text_each(const char *s, safe_text_sink *put, void *ctx);

#endif

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

/* The same in pieces, for a caller that assembles a line in a buffer.
 * `s` is NUL-terminated at `len`. safe_text_plain: how many bytes at the
 * start pass unchanged (printable ASCII and TAB; most text is nothing
 * else). safe_text_escape: the safe form of the character at s[0], one that
 * safe_text_plain stopped at (len > 0), goes to out (at most 4 bytes) with
 * its length in *outlen; returns how many bytes of s it stands for. */
size_t safe_text_plain(const char *s, size_t len);
size_t safe_text_escape(const char *s, size_t len, char out[4], size_t *outlen);

#endif

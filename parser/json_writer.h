/*
 * json_writer — minimal streaming JSON output to a FILE*.
 *
 * Strings are written byte-exact: bytes that are not valid UTF-8 are escaped
 * as \u00XX of the byte value so that no input byte is lost or invented
 * (consumers that need the raw bytes can map them back). Holds no memory.
 */
#ifndef PGCL_JSON_WRITER_H
#define PGCL_JSON_WRITER_H

#include <stddef.h>
#include <stdio.h>

typedef struct json_writer {
    FILE *out;
    int depth;
    int need_comma[64];
    int pretty;
} json_writer;

void jw_init(json_writer *w, FILE *out, int pretty);
void jw_begin_object(json_writer *w);
void jw_end_object(json_writer *w);
void jw_begin_array(json_writer *w);
void jw_end_array(json_writer *w);
void jw_key(json_writer *w, const char *key);
void jw_string(json_writer *w, const char *s);
void jw_stringn(json_writer *w, const char *s, size_t n);
void jw_int(json_writer *w, long long v);
void jw_bool(json_writer *w, int v);
void jw_null(json_writer *w);
void jw_raw(json_writer *w, const char *text);  /* a pre-formatted JSON value */
void jw_finish(json_writer *w);                 /* trailing newline */

/* Write a JSON string literal (with quotes) to out. */
void json_put_string(FILE *out, const char *s, size_t n);

#endif

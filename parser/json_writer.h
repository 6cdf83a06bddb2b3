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

/* A key and its value: jw_key() followed by jw_string() (NULL: null),
 * jw_int() or jw_bool(). */
void jw_key_string(json_writer *w, const char *key, const char *s);
void jw_key_int(json_writer *w, const char *key, long long v);
void jw_key_bool(json_writer *w, const char *key, int v);

/* A key and an object holding one "text" string: {"key": {"text": s}}
 * (SARIF's messages and descriptions). */
void jw_key_text(json_writer *w, const char *key, const char *s);

/* A key and the array of a ptrvec of diag*, each as the parse JSON contract
 * (docs/parse-json.md) writes one: {"file", "line", "column", "message",
 * "detail" when there is one}. */
struct ptrvec;
void jw_key_diags(json_writer *w, const char *key, const struct ptrvec *diags);

/* Write a JSON string literal (with quotes) to out. */
void json_put_string(FILE *out, const char *s, size_t n);

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A small JSON writer for the tools: objects, arrays, strings (escaped),
 * numbers, booleans and null, pretty-printed (two spaces a level) or on
 * one line. Writes to a FILE; the caller checks ferror().
 */
#ifndef SDI8K_UTILS_STATUS_JSON_H
#define SDI8K_UTILS_STATUS_JSON_H

#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *fp;
	int pretty;		/* 1: indented, 0: one line */
	int depth;
	int count[JSON_MAX_DEPTH];	/* members written at each level */
};

void json_init(struct json *j, FILE *fp, int pretty);
/* Start an object / array, as a member (key) or an element (key NULL). */
void json_begin_object(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);
void json_string(struct json *j, const char *key, const char *s); /* NULL: null */
void json_int(struct json *j, const char *key, int64_t v);
void json_uint(struct json *j, const char *key, uint64_t v);
void json_double(struct json *j, const char *key, double v, int decimals);
void json_bool(struct json *j, const char *key, int v);
void json_null(struct json *j, const char *key);
/* After the outermost value: a newline. */
void json_finish(struct json *j);

/* s as a JSON string literal (quotes included) into fp. */
void json_write_string(FILE *fp, const char *s);

#endif

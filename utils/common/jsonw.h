/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A small JSON writer for the tools: objects, arrays, strings (escaped),
 * numbers, booleans and null, pretty-printed (two spaces a level) or on
 * one line. Writes to a FILE; the caller checks ferror().
 */
#ifndef SDI8K_UTILS_JSONW_H
#define SDI8K_UTILS_JSONW_H

#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 16

struct jw {
	FILE *fp;
	int pretty;		/* 1: indented, 0: one line */
	int depth;
	int count[JW_MAX_DEPTH];	/* members written at each level */
};

void jw_init(struct jw *j, FILE *fp, int pretty);
/* Start an object / array, as a member (key) or an element (key NULL). */
void jw_begin_object(struct jw *j, const char *key);
void jw_end_object(struct jw *j);
void jw_begin_array(struct jw *j, const char *key);
void jw_end_array(struct jw *j);
void jw_string(struct jw *j, const char *key, const char *s); /* NULL: null */
void jw_int(struct jw *j, const char *key, int64_t v);
void jw_uint(struct jw *j, const char *key, uint64_t v);
void jw_double(struct jw *j, const char *key, double v, int decimals);
void jw_bool(struct jw *j, const char *key, int v);
void jw_null(struct jw *j, const char *key);
/* After the outermost value: a newline. */
void jw_finish(struct jw *j);

/* s as a JSON string literal (quotes included) into fp. */
void jw_write_string(FILE *fp, const char *s);

#endif

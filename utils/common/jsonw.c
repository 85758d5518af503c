// SPDX-License-Identifier: LGPL-2.1-or-later
/* A small JSON writer (see json.h). */
#include <inttypes.h>
#include <string.h>

#include "common/jsonw.h"

void jw_init(struct jw *j, FILE *fp, int pretty)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
	j->pretty = pretty;
}

void jw_write_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

static void indent(struct jw *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->fp);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
}

/* separator, indentation and key before a value */
static void member(struct jw *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth - 1]++)
			fputc(',', j->fp);
		indent(j);
	}
	if (key) {
		jw_write_string(j->fp, key);
		fputs(j->pretty ? ": " : ":", j->fp);
	}
}

static void begin(struct jw *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->fp);
	if (j->depth < JW_MAX_DEPTH) {
		j->count[j->depth] = 0;
		j->depth++;
	}
}

static void end(struct jw *j, char c)
{
	int had = j->depth > 0 && j->count[j->depth - 1];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	fputc(c, j->fp);
}

void jw_begin_object(struct jw *j, const char *key) { begin(j, key, '{'); }
void jw_end_object(struct jw *j) { end(j, '}'); }
void jw_begin_array(struct jw *j, const char *key) { begin(j, key, '['); }
void jw_end_array(struct jw *j) { end(j, ']'); }

void jw_string(struct jw *j, const char *key, const char *s)
{
	member(j, key);
	if (s)
		jw_write_string(j->fp, s);
	else
		fputs("null", j->fp);
}

void jw_int(struct jw *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->fp, "%" PRId64, v);
}

void jw_uint(struct jw *j, const char *key, uint64_t v)
{
	member(j, key);
	fprintf(j->fp, "%" PRIu64, v);
}

void jw_double(struct jw *j, const char *key, double v, int decimals)
{
	member(j, key);
	if (v != v || v - v != 0)	/* NaN, inf: not JSON */
		fputs("null", j->fp);
	else
		fprintf(j->fp, "%.*f", decimals, v);
}

void jw_bool(struct jw *j, const char *key, int v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->fp);
}

void jw_null(struct jw *j, const char *key)
{
	member(j, key);
	fputs("null", j->fp);
}

void jw_finish(struct jw *j)
{
	fputc('\n', j->fp);
}

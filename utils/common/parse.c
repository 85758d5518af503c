// SPDX-License-Identifier: LGPL-2.1-or-later
/* Parsing of command-line values. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/parse.h"

int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_seconds(const char *s, double max, double *out)
{
	double v;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v <= 0 || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_size(const char *s, uint32_t *w, uint32_t *h)
{
	uint64_t a, b;
	const char *x;
	char tmp[32];

	if (!s || !(x = strchr(s, 'x')) || (size_t)(x - s) >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, s, x - s);
	tmp[x - s] = '\0';
	if (parse_u64(tmp, 1, SDI8K_MAX_DIM, &a) ||
	    parse_u64(x + 1, 1, SDI8K_MAX_DIM, &b))
		return -EINVAL;
	*w = (uint32_t)a;
	*h = (uint32_t)b;
	return 0;
}

int parse_rate(const char *s, uint32_t *num, uint32_t *den)
{
	static const struct { const char *name; uint32_t n, d; } ntsc[] = {
		{ "23.976", 24000, 1001 }, { "23.98", 24000, 1001 },
		{ "29.97", 30000, 1001 }, { "59.94", 60000, 1001 },
		{ "47.95", 48000, 1001 }, { "119.88", 120000, 1001 },
	};
	const char *sep;
	uint64_t a, b;
	char tmp[32];

	if (!s)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(ntsc) / sizeof(ntsc[0]); i++)
		if (!strcmp(s, ntsc[i].name)) {
			*num = ntsc[i].n;
			*den = ntsc[i].d;
			return 0;
		}
	sep = strpbrk(s, "/:");
	if (!sep) {
		if (parse_u64(s, 1, 1000, &a))
			return -EINVAL;
		*num = (uint32_t)a;
		*den = 1;
		return 0;
	}
	if ((size_t)(sep - s) >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, s, sep - s);
	tmp[sep - s] = '\0';
	if (parse_u64(tmp, 1, UINT32_MAX, &a) || parse_u64(sep + 1, 1, UINT32_MAX, &b))
		return -EINVAL;
	*num = (uint32_t)a;
	*den = (uint32_t)b;
	return 0;
}

enum sdi8k_pixfmt parse_format(const char *s)
{
	return s ? sdi8k_format_from_name(s) : SDI8K_FMT_NONE;
}

const char *format_list(char *buf, unsigned size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int f = SDI8K_FMT_NONE + 1; f < SDI8K_FMT_COUNT; f++) {
		int r = snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
				 sdi8k_format_name(f));

		if (r < 0 || (size_t)r >= size - n)
			break;
		n += r;
	}
	return buf;
}

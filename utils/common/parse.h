/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Parsing of command-line values; each returns 0 or -EINVAL. */
#ifndef SDI8K_UTILS_PARSE_H
#define SDI8K_UTILS_PARSE_H

#include <stdint.h>

#include <sdi8k/convert.h>

/* Decimal integer min..max, the whole string. */
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* Positive decimal number of seconds ("10", "2.5"), at most max. */
int parse_seconds(const char *s, double max, double *out);
/* "WIDTHxHEIGHT", each 1..SDI8K_MAX_DIM. */
int parse_size(const char *s, uint32_t *w, uint32_t *h);
/* Frame rate "N/D", "N:D", "N" or "29.97"/"59.94"/"23.976"/"23.98". */
int parse_rate(const char *s, uint32_t *num, uint32_t *den);
/* Pixel format name (sdi8k_format_from_name()), SDI8K_FMT_NONE if unknown. */
enum sdi8k_pixfmt parse_format(const char *s);
/* "uyvy422, yuyv422, ..." (every format name) into buf. */
const char *format_list(char *buf, unsigned size);

#endif

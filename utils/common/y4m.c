// SPDX-License-Identifier: LGPL-2.1-or-later
/* YUV4MPEG2 headers, frame layout, and the line reader. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/y4m.h"

static const struct {
	enum sdi8k_pixfmt fmt;
	const char *tag;
} y4m_tags[] = {
	{ SDI8K_FMT_YUV422P10, "422p10" },
	{ SDI8K_FMT_YUV420P10, "420p10" },
	{ SDI8K_FMT_NV16, "422" },
	{ SDI8K_FMT_NV12, "420mpeg2" },
	{ SDI8K_FMT_NV12, "420jpeg" },
	{ SDI8K_FMT_NV12, "420paldv" },
	{ SDI8K_FMT_NV12, "420" },
};

const char *y4m_colorspace(enum sdi8k_pixfmt f)
{
	for (size_t i = 0; i < sizeof(y4m_tags) / sizeof(y4m_tags[0]); i++)
		if (y4m_tags[i].fmt == f)
			return y4m_tags[i].tag;
	return NULL;
}

int y4m_format_ok(enum sdi8k_pixfmt f)
{
	return y4m_colorspace(f) != NULL;
}

int y4m_header(const struct y4m_info *in, char *buf, size_t size)
{
	const char *cs = y4m_colorspace(in->format);
	int n;

	if (!cs || !in->width || !in->height || !in->rate_num || !in->rate_den ||
	    !strchr("ptbm", in->interlace) || !in->interlace)
		return -EINVAL;
	n = snprintf(buf, size, "YUV4MPEG2 W%" PRIu32 " H%" PRIu32 " F%" PRIu32
		     ":%" PRIu32 " I%c A%" PRIu32 ":%" PRIu32 " C%s XCOLORRANGE=%s\n",
		     in->width, in->height, in->rate_num, in->rate_den,
		     in->interlace, in->sar_num, in->sar_den, cs,
		     in->full_range ? "FULL" : "LIMITED");
	if (n < 0 || (size_t)n >= size)
		return -EINVAL;
	return n;
}

static int parse_ratio(const char *s, uint32_t *a, uint32_t *b)
{
	char *end;
	unsigned long x, y;

	errno = 0;
	x = strtoul(s, &end, 10);
	if (errno || end == s || *end != ':' || x > UINT32_MAX)
		return -1;
	s = end + 1;
	y = strtoul(s, &end, 10);
	if (errno || end == s || (*end && *end != ' ') || y > UINT32_MAX)
		return -1;
	*a = (uint32_t)x;
	*b = (uint32_t)y;
	return 0;
}

int y4m_parse_header(const char *line, struct y4m_info *out, char *msg,
		     size_t msglen)
{
	char cs[32] = "420jpeg";
	const char *p;
	int have_w = 0, have_h = 0;

	memset(out, 0, sizeof(*out));
	out->rate_num = 25;
	out->rate_den = 1;
	out->interlace = 'p';
	if (strncmp(line, "YUV4MPEG2", 9) || (line[9] && line[9] != ' ' && line[9] != '\n')) {
		snprintf(msg, msglen, "not a YUV4MPEG2 stream (no \"YUV4MPEG2\" header)");
		return -EPROTO;
	}
	for (p = line + 9; *p && *p != '\n';) {
		const char *tok;
		size_t len;

		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		tok = p;
		len = strcspn(p, " \n");
		p += len;
		switch (tok[0]) {
		case 'W':
		case 'H': {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(tok + 1, &end, 10);
			if (errno || end != tok + len || !v || v > SDI8K_MAX_DIM) {
				snprintf(msg, msglen, "bad Y4M %.*s", (int)len, tok);
				return -EPROTO;
			}
			if (tok[0] == 'W') {
				out->width = v;
				have_w = 1;
			} else {
				out->height = v;
				have_h = 1;
			}
			break;
		}
		case 'F':
			if (parse_ratio(tok + 1, &out->rate_num, &out->rate_den) ||
			    !out->rate_num || !out->rate_den) {
				snprintf(msg, msglen, "bad Y4M frame rate %.*s", (int)len, tok);
				return -EPROTO;
			}
			break;
		case 'A':
			if (parse_ratio(tok + 1, &out->sar_num, &out->sar_den)) {
				snprintf(msg, msglen, "bad Y4M aspect %.*s", (int)len, tok);
				return -EPROTO;
			}
			break;
		case 'I':
			if (len != 2 || !strchr("ptbm?", tok[1])) {
				snprintf(msg, msglen, "bad Y4M interlacing %.*s", (int)len, tok);
				return -EPROTO;
			}
			out->interlace = tok[1] == '?' ? 'p' : tok[1];
			break;
		case 'C':
			if (len - 1 >= sizeof(cs)) {
				snprintf(msg, msglen, "bad Y4M colour space %.*s", (int)len, tok);
				return -EPROTO;
			}
			memcpy(cs, tok + 1, len - 1);
			cs[len - 1] = '\0';
			break;
		case 'X':	/* extensions: the colour range is kept */
			if (len == 16 && !strncmp(tok, "XCOLORRANGE=FULL", 16))
				out->full_range = 1;
			break;
		default:
			snprintf(msg, msglen, "unknown Y4M header field %.*s", (int)len, tok);
			return -EPROTO;
		}
	}
	if (!have_w || !have_h) {
		snprintf(msg, msglen, "Y4M header without %s", have_w ? "H" : "W");
		return -EPROTO;
	}
	for (size_t i = 0; i < sizeof(y4m_tags) / sizeof(y4m_tags[0]); i++)
		if (!strcmp(cs, y4m_tags[i].tag))
			out->format = y4m_tags[i].fmt;
	if (!out->format) {
		snprintf(msg, msglen, "Y4M colour space C%s not supported "
			 "(C422p10, C420p10, C422, C420*)", cs);
		return -ENOTSUP;
	}
	return 0;
}

/* Plane sizes of the stream layout: luma, and each of the 2 chroma planes. */
static void y4m_planes(enum sdi8k_pixfmt f, uint32_t w, uint32_t h,
		       size_t *ybytes, size_t *cw, size_t *ch, size_t *sample)
{
	int c420 = f == SDI8K_FMT_YUV420P10 || f == SDI8K_FMT_NV12;

	*sample = (f == SDI8K_FMT_YUV422P10 || f == SDI8K_FMT_YUV420P10) ? 2 : 1;
	*ybytes = (size_t)w * h * *sample;
	*cw = (w + 1) / 2;
	*ch = c420 ? (h + 1) / 2 : h;
}

size_t y4m_frame_payload(const struct y4m_info *in)
{
	size_t y, cw, ch, s;

	if (!y4m_format_ok(in->format))
		return 0;
	y4m_planes(in->format, in->width, in->height, &y, &cw, &ch, &s);
	return y + 2 * cw * ch * s;
}

int y4m_pack(const struct sdi8k_frame *f, uint8_t *out)
{
	size_t y, cw, ch, s;

	if (!y4m_format_ok(f->format))
		return -EINVAL;
	y4m_planes(f->format, f->width, f->height, &y, &cw, &ch, &s);
	for (uint32_t l = 0; l < f->height; l++, out += f->width * s)
		memcpy(out, (uint8_t *)f->data[0] + l * f->stride[0], f->width * s);
	if (s == 2) {	/* three planes as they are */
		for (int p = 1; p <= 2; p++)
			for (size_t l = 0; l < ch; l++, out += cw * s)
				memcpy(out, (uint8_t *)f->data[p] + l * f->stride[p],
				       cw * s);
		return 0;
	}
	/* NV16 / NV12: split the interleaved CbCr plane */
	for (int p = 0; p < 2; p++)
		for (size_t l = 0; l < ch; l++) {
			const uint8_t *src = (uint8_t *)f->data[1] + l * f->stride[1];

			for (size_t x = 0; x < cw; x++)
				*out++ = src[2 * x + p];
		}
	return 0;
}

int y4m_unpack(const uint8_t *in, struct sdi8k_frame *f)
{
	size_t y, cw, ch, s;

	if (!y4m_format_ok(f->format))
		return -EINVAL;
	y4m_planes(f->format, f->width, f->height, &y, &cw, &ch, &s);
	for (uint32_t l = 0; l < f->height; l++, in += f->width * s)
		memcpy((uint8_t *)f->data[0] + l * f->stride[0], in, f->width * s);
	if (s == 2) {
		for (int p = 1; p <= 2; p++)
			for (size_t l = 0; l < ch; l++, in += cw * s)
				memcpy((uint8_t *)f->data[p] + l * f->stride[p], in,
				       cw * s);
		return 0;
	}
	for (int p = 0; p < 2; p++)
		for (size_t l = 0; l < ch; l++) {
			uint8_t *dst = (uint8_t *)f->data[1] + l * f->stride[1];

			for (size_t x = 0; x < cw; x++)
				dst[2 * x + p] = *in++;
		}
	return 0;
}

int y4m_read_line(FILE *fp, char *buf, size_t max)
{
	size_t n = 0;
	int ch;

	while ((ch = getc(fp)) != EOF) {
		if (ch == '\n') {
			buf[n] = '\0';
			return (int)n;
		}
		if (n + 1 >= max)
			return -EPROTO;
		buf[n++] = (char)ch;
	}
	buf[n] = '\0';
	if (ferror(fp))
		return -EIO;
	return n ? -EPROTO : 0;
}

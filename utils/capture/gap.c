// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture through a signal loss: fill frames, pacing, time code, names. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "capture/gap.h"

static void fill16(uint8_t *p, size_t n, const uint16_t *pat, size_t patn)
{
	for (size_t i = 0; i < n; i++) {
		uint16_t v = pat[i % patn];

		p[2 * i] = (uint8_t)v;
		p[2 * i + 1] = (uint8_t)(v >> 8);
	}
}

static void fill8(uint8_t *p, size_t n, const uint8_t *pat, size_t patn)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pat[i % patn];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static int fill_line(enum sdi8k_pixfmt fmt, int plane, uint8_t *p, size_t n,
		     uint16_t y10, uint16_t c10, uint8_t y8, uint8_t c8)
{
	switch (fmt) {
	case SDI8K_FMT_V210: {
		/* 6 pixels in 4 words: Cb Y Cr | Y Cb Y | Cr Y Cb | Y Cr Y */
		const uint32_t w0 = c10 | (uint32_t)y10 << 10 | (uint32_t)c10 << 20;
		const uint32_t w1 = y10 | (uint32_t)c10 << 10 | (uint32_t)y10 << 20;

		for (size_t b = 0; b + 16 <= n; b += 16) {
			put32(p + b, w0);
			put32(p + b + 4, w1);
			put32(p + b + 8, w0);
			put32(p + b + 12, w1);
		}
		return 0;
	}
	case SDI8K_FMT_Y210: {
		const uint16_t pat[2] = { (uint16_t)(y10 << 6), (uint16_t)(c10 << 6) };

		fill16(p, n / 2, pat, 2);
		return 0;
	}
	case SDI8K_FMT_P010: {
		const uint16_t v = (uint16_t)((plane ? c10 : y10) << 6);

		fill16(p, n / 2, &v, 1);
		return 0;
	}
	case SDI8K_FMT_YUV422P10:
	case SDI8K_FMT_YUV420P10: {
		const uint16_t v = plane ? c10 : y10;

		fill16(p, n / 2, &v, 1);
		return 0;
	}
	case SDI8K_FMT_UYVY: {
		const uint8_t pat[2] = { c8, y8 };

		fill8(p, n, pat, 2);
		return 0;
	}
	case SDI8K_FMT_YUYV: {
		const uint8_t pat[2] = { y8, c8 };

		fill8(p, n, pat, 2);
		return 0;
	}
	case SDI8K_FMT_NV16: {
		const uint8_t v = plane ? c8 : y8;

		fill8(p, n, &v, 1);
		return 0;
	}
	default:
		return -EINVAL;
	}
}

int gap_fill_black(struct sdi8k_frame *f, int full_range)
{
	size_t minstride[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES];
	const uint16_t y10 = full_range ? 0 : 64, c10 = 512;
	const uint8_t y8 = full_range ? 0 : 16, c8 = 128;
	int planes = sdi8k_frame_layout(f->format, f->width, f->height, minstride, lines,
					NULL, NULL);

	if (planes < 0)
		return -EINVAL;
	for (int i = 0; i < planes; i++)
		if (!f->data[i] || f->stride[i] < minstride[i])
			return -EINVAL;
	for (int i = 0; i < planes; i++)
		for (size_t l = 0; l < lines[i]; l++)
			if (fill_line(f->format, i, (uint8_t *)f->data[i] + l * f->stride[i],
				      minstride[i], y10, c10, y8, c8))
				return -EINVAL;
	return 0;
}

uint64_t gap_frames_due(uint64_t elapsed_ns, uint32_t rate_num, uint32_t rate_den)
{
	unsigned __int128 x;

	if (!rate_num || !rate_den)
		return 0;
	x = (unsigned __int128)elapsed_ns * rate_num / ((unsigned __int128)rate_den * 1000000000u);
	return (uint64_t)x + 1;
}

uint64_t gap_frame_time_ns(uint64_t n, uint32_t rate_num, uint32_t rate_den)
{
	unsigned __int128 x;

	if (!rate_num || !rate_den)
		return 0;
	/* the first nanosecond at which n frame periods have passed */
	x = ((unsigned __int128)n * rate_den * 1000000000u + rate_num - 1) / rate_num;
	return (uint64_t)x;
}

void gap_tc_init(struct gap_tc *t, unsigned hours, unsigned minutes, unsigned seconds,
		 unsigned frames, int field_mark, int drop, uint32_t rate_num,
		 uint32_t rate_den)
{
	unsigned fps = rate_den ? (rate_num + rate_den / 2) / rate_den : 25;

	memset(t, 0, sizeof(*t));
	t->pairs = fps > 30;
	t->fps = t->pairs ? (fps + 1) / 2 : fps;
	if (!t->fps)
		t->fps = 25;
	t->hours = hours;
	t->minutes = minutes;
	t->seconds = seconds;
	t->frames = frames;
	t->field_mark = t->pairs && field_mark;
	t->drop = drop && t->fps == 30;
}

static void tc_next_label(struct gap_tc *t)
{
	if (++t->frames < t->fps)
		return;
	t->frames = 0;
	if (++t->seconds < 60)
		return;
	t->seconds = 0;
	if (++t->minutes >= 60) {
		t->minutes = 0;
		t->hours = (t->hours + 1) % 24;
	}
	if (t->drop && t->minutes % 10)
		t->frames = 2;	/* :00 and :01 skipped */
}

void gap_tc_add(struct gap_tc *t, uint64_t n)
{
	for (; n; n--) {
		if (t->pairs && !t->field_mark) {
			t->field_mark = 1;
			continue;
		}
		t->field_mark = 0;
		tc_next_label(t);
	}
}

void gap_tc_text(const struct gap_tc *t, char out[16])
{
	snprintf(out, 16, "%02u:%02u:%02u%c%02u", t->hours % 100u, t->minutes % 100u,
		 t->seconds % 100u, t->drop ? ';' : ':', t->frames % 100u);
}

void gap_tc_text_ff(const struct gap_tc *t, char out[16])
{
	unsigned ff = t->pairs ? t->frames * 2 + (t->field_mark ? 1 : 0) : t->frames;

	snprintf(out, 16, "%02u:%02u:%02u%c%02u", t->hours % 100u, t->minutes % 100u,
		 t->seconds % 100u, t->drop ? ';' : ':', ff % 100u);
}

int gap_part_name(const char *path, unsigned n, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t stem;
	int r;

	if (!dot || dot == base)	/* no extension, or a hidden name */
		dot = base + strlen(base);
	stem = (size_t)(dot - path);
	if (stem > 4096)
		return -ENAMETOOLONG;
	r = snprintf(out, len, "%.*s-%03u%s", (int)stem, path, n, dot);
	if (r < 0 || (size_t)r >= len)
		return -ENAMETOOLONG;
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* Shared helpers of the libsdi8k unit tests (not a test file itself). */
#include "helpers.h"

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void fill_canon(struct tframe *t, uint64_t *s)
{
	enum sdi8k_pixfmt f = t->f.format;
	uint32_t w = t->f.width, cw = (w + 1) / 2;
	int p;
	size_t y, x;

	for (p = 0; p < t->planes; p++)
		for (y = 0; y < t->lines[p]; y++) {
			uint8_t *l = t->buf[p] + y * t->f.stride[p];

			memset(l, 0, t->ms[p]);
			switch (f) {
			case SDI8K_FMT_V210:
				for (x = 0; x < (size_t)(w + 5) / 6 * 4; x++) {
					/* samples of pixels >= w stay 0 */
					uint32_t v = 0;
					int k;

					for (k = 0; k < 3; k++) {
						size_t sidx = x * 3 + (size_t)k; /* sample */
						size_t pix = sidx / 2; /* Y: pixel sidx/2 */
						int isc = !(sidx & 1);
						int ok = isc ? (sidx / 4) < cw
							     : pix < w;
						if (ok)
							v |= (uint32_t)(rnd64(s) & 1023)
							     << (10 * k);
					}
					l[4 * x] = (uint8_t)v;
					l[4 * x + 1] = (uint8_t)(v >> 8);
					l[4 * x + 2] = (uint8_t)(v >> 16);
					l[4 * x + 3] = (uint8_t)(v >> 24);
				}
				break;
			case SDI8K_FMT_Y210:
				for (x = 0; x < cw * 4; x++)
					if (!((x & 3) == 2 && x / 4 * 2 + 1 >= w))
						put16(l + 2 * x,
						      (unsigned)(rnd64(s) & 1023) << 6);
				break;
			case SDI8K_FMT_P210:
			case SDI8K_FMT_P010:
				for (x = 0; x < t->ms[p] / 2; x++)
					put16(l + 2 * x,
					      (unsigned)(rnd64(s) & 1023) << 6);
				break;
			case SDI8K_FMT_YUV422P10:
			case SDI8K_FMT_YUV420P10:
				for (x = 0; x < t->ms[p] / 2; x++)
					put16(l + 2 * x, (unsigned)(rnd64(s) & 1023));
				break;
			case SDI8K_FMT_UYVY:
			case SDI8K_FMT_YUYV:
				for (x = 0; x < cw * 4; x++) {
					int y1 = f == SDI8K_FMT_UYVY ? 3 : 2;

					if (!((int)(x & 3) == y1 && x / 4 * 2 + 1 >= w))
						l[x] = (uint8_t)rnd64(s);
				}
				break;
			default:
				for (x = 0; x < t->ms[p]; x++)
					l[x] = (uint8_t)rnd64(s);
				break;
			}
		}
}

void tframe_fill(struct tframe *t, enum fill how, uint64_t seed)
{
	uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
	enum sdi8k_pixfmt f = t->f.format;
	int p;
	size_t y, x;

	if (how == FILL_CANON) {
		fill_canon(t, &s);
		return;
	}
	for (p = 0; p < t->planes; p++)
		for (y = 0; y < t->lines[p]; y++) {
			uint8_t *l = t->buf[p] + y * t->f.stride[p];

			for (x = 0; x < t->ms[p]; x++) {
				uint8_t b = 0;

				switch (how) {
				case FILL_RANDOM:
					b = (uint8_t)rnd64(&s);
					break;
				case FILL_ONES:
					b = 0xff;
					break;
				case FILL_ZERO:
					b = 0;
					break;
				case FILL_MAX10:
					if (f == SDI8K_FMT_V210)
						b = (x & 3) == 3 ? 0x3f : 0xff;
					else if (f == SDI8K_FMT_YUV422P10 ||
						 f == SDI8K_FMT_YUV420P10)
						b = (x & 1) ? 0x03 : 0xff;
					else if (f == SDI8K_FMT_Y210 ||
						 f == SDI8K_FMT_P210 ||
						 f == SDI8K_FMT_P010)
						b = (x & 1) ? 0xff : 0xc0;
					else
						b = 0xff;
					break;
				default:
					break;
				}
				l[x] = b;
			}
		}
}

int tframe_canaries_ok(const struct tframe *t)
{
	int p;
	size_t y, x;

	for (p = 0; p < t->planes; p++)
		for (y = 0; y < t->lines[p]; y++) {
			const uint8_t *l = t->buf[p] + y * t->f.stride[p];

			for (x = t->ms[p]; x < t->f.stride[p]; x++)
				if (l[x] != CANARY)
					return 0;
		}
	return 1;
}

long tframe_diff(const struct tframe *a, const struct tframe *b, int *plane,
		 int *line, long *col)
{
	int p;
	size_t y, x;

	for (p = 0; p < a->planes; p++)
		for (y = 0; y < a->lines[p]; y++) {
			const uint8_t *la = a->buf[p] + y * a->f.stride[p];
			const uint8_t *lb = b->buf[p] + y * b->f.stride[p];

			for (x = 0; x < a->ms[p]; x++)
				if (la[x] != lb[x]) {
					*plane = p;
					*line = (int)y;
					*col = (long)x;
					return (long)(y * a->ms[p] + x);
				}
		}
	return -1;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k test pattern checker, from docs/test-pattern.md.
 */
#include "verify-frame.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- formats ---- */

static const struct {
	const char *name;
	enum vf_format f;
} vf_names[] = {
	{ "UYVY", VF_UYVY }, { "uyvy422", VF_UYVY },
	{ "YUYV", VF_YUYV }, { "yuyv422", VF_YUYV }, { "YUY2", VF_YUYV },
	{ "NV16", VF_NV16 },
	{ "P010", VF_P010 }, { "p010le", VF_P010 }, { "P010_10LE", VF_P010 },
	{ "Y210", VF_Y210 }, { "y210le", VF_Y210 },
	{ "v210", VF_V210 },
};

int vf_format_parse(const char *name, enum vf_format *f)
{
	for (size_t i = 0; i < sizeof(vf_names) / sizeof(vf_names[0]); i++) {
		if (!strcasecmp(name, vf_names[i].name)) {
			*f = vf_names[i].f;
			return 0;
		}
	}
	return -1;
}

const char *vf_format_name(enum vf_format f)
{
	static const char *const n[] = { "UYVY", "YUYV", "NV16", "P010",
					 "Y210", "v210" };
	return n[f];
}

bool vf_format_8bit(enum vf_format f)
{
	return f == VF_UYVY || f == VF_YUYV || f == VF_NV16;
}

static unsigned int vf_min_stride(enum vf_format f, unsigned int w)
{
	switch (f) {
	case VF_NV16:
		return w;
	case VF_Y210:
		return 4 * w;
	case VF_V210:
		return (w + 47) / 48 * 128;
	default:
		return 2 * w;
	}
}

int vf_geom_init(struct vf_geom *g, enum vf_format f, unsigned int width,
		 unsigned int height, unsigned int stride, bool interlaced,
		 char *err, size_t errlen)
{
	unsigned int min = vf_min_stride(f, width);

	if (width < 64 || width > 16384 || width % 2) {
		snprintf(err, errlen, "width %u: must be even, 64 to 16384",
			 width);
		return -1;
	}
	if (height < 64 || height > 16384) {
		snprintf(err, errlen, "height %u: must be 64 to 16384", height);
		return -1;
	}
	if ((f == VF_P010 || interlaced) && height % 2) {
		snprintf(err, errlen, "height %u: must be even for %s", height,
			 interlaced ? "interlaced frames" : "P010");
		return -1;
	}
	if (!stride)
		stride = min;
	if (stride < min) {
		snprintf(err, errlen, "stride %u: %s at width %u needs at least %u",
			 stride, vf_format_name(f), width, min);
		return -1;
	}
	g->format = f;
	g->width = width;
	g->height = height;
	g->stride = stride;
	g->interlaced = interlaced;
	g->frame_size = (size_t)stride * height;
	if (f == VF_NV16)
		g->frame_size += (size_t)stride * height;
	else if (f == VF_P010)
		g->frame_size += (size_t)stride * (height / 2);
	return 0;
}

/* ---- layout (docs/test-pattern.md) ---- */

static unsigned int umin(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

static unsigned int umax(unsigned int a, unsigned int b)
{
	return a > b ? a : b;
}

void vf_layout_init(struct vf_layout *l, unsigned int w, unsigned int h)
{
	memset(l, 0, sizeof(*l));
	l->w = w;
	l->h = h;
	for (unsigned int n = 0; n <= 56; n++)
		l->x[n] = 2 * ((w * n + 56) / 112);
	l->y1 = 2 * ((h * 7 + 12) / 24);
	l->y2 = 2 * ((h * 8 + 12) / 24);
	l->y3 = 2 * ((h * 9 + 12) / 24);
	l->band = umax(8, 8 * (h / 270));
	l->cell = w / 64;
	l->code_x = 2 * ((w - 48 * l->cell) / 4);
	l->box = 2 * umin(l->band, w / 8);
	l->box_y = 4 * ((l->band + l->y1 - l->box) / 8);
	l->step = umax(2, 2 * (w / 480));
	l->npos = (w - l->box) / l->step + 1;
}

uint8_t vf_crc8(uint32_t c)
{
	unsigned int crc = 0xff;

	for (int byte = 3; byte >= 0; byte--) {
		crc ^= (c >> (8 * byte)) & 0xff;
		for (int b = 0; b < 8; b++)
			crc = (crc & 0x80) ? ((crc << 1) ^ 0x07) & 0xff
					   : (crc << 1) & 0xff;
	}
	return (uint8_t)crc;
}

uint64_t vf_code(uint32_t c)
{
	return (uint64_t)0xb << 44 | (uint64_t)c << 12 |
	       (uint64_t)vf_crc8(c) << 4 | 0xd;
}

unsigned int vf_box_x(const struct vf_layout *l, uint32_t c)
{
	return l->step * (c % l->npos);
}

/* ---- expected picture ---- */

enum { GREY40, WHITE75, YELLOW75, CYAN75, GREEN75, MAGENTA75, RED75,
       BLUE75, CYAN100, WHITE100, BLUE100, YELLOW100, RED100, BLACK,
       GREY15, MINUS2, PLUS2, PLUS4, RAMP };

static const uint16_t vf_colour[][3] = {
	[GREY40] = { 414, 512, 512 },	[WHITE75] = { 721, 512, 512 },
	[YELLOW75] = { 674, 176, 543 },	[CYAN75] = { 581, 589, 176 },
	[GREEN75] = { 534, 253, 207 },	[MAGENTA75] = { 251, 771, 817 },
	[RED75] = { 204, 435, 848 },	[BLUE75] = { 111, 848, 481 },
	[CYAN100] = { 754, 615, 64 },	[WHITE100] = { 940, 512, 512 },
	[BLUE100] = { 127, 960, 471 },	[YELLOW100] = { 877, 64, 553 },
	[RED100] = { 250, 409, 960 },	[BLACK] = { 64, 512, 512 },
	[GREY15] = { 195, 512, 512 },	[MINUS2] = { 46, 512, 512 },
	[PLUS2] = { 82, 512, 512 },	[PLUS4] = { 99, 512, 512 },
	[RAMP] = { 0, 512, 512 },
};

/* Each pattern: pairs (n of the area's right edge, colour), ending at 56. */
static const uint8_t vf_pat[4][24] = {
	{ 7, GREY40, 13, WHITE75, 19, YELLOW75, 25, CYAN75, 31, GREEN75,
	  37, MAGENTA75, 43, RED75, 49, BLUE75, 56, GREY40 },
	{ 7, CYAN100, 13, WHITE100, 49, WHITE75, 56, BLUE100 },
	{ 7, YELLOW100, 13, BLACK, 43, RAMP, 49, WHITE100, 56, RED100 },
	{ 7, GREY15, 16, BLACK, 28, WHITE100, 33, BLACK, 35, MINUS2,
	  37, BLACK, 39, PLUS2, 41, BLACK, 43, PLUS4, 49, BLACK, 56, GREY15 },
};

static const char *const vf_colour_name[] = {
	"40% grey", "75% white", "75% yellow", "75% cyan", "75% green",
	"75% magenta", "75% red", "75% blue", "100% cyan", "100% white",
	"100% blue", "100% yellow", "100% red", "black", "15% grey",
	"-2% black", "+2% black", "+4% black", "ramp",
};

/* Area of pattern @p (0-3) holding pixel x: its index into vf_pat[p]. */
static unsigned int vf_area(const struct vf_layout *l, int p, unsigned int x)
{
	unsigned int i = 0;

	while (x >= l->x[vf_pat[p][i]])
		i += 2;
	return i;
}

static void vf_pattern_value(const struct vf_layout *l, int p,
			     unsigned int x, uint16_t yuv[3])
{
	unsigned int i = vf_area(l, p, x), c = vf_pat[p][i + 1];

	memcpy(yuv, vf_colour[c], 3 * sizeof(uint16_t));
	if (c == RAMP) {
		unsigned int a = l->x[13], b = l->x[43];

		yuv[0] = 64 + 876 * (x - a) / (b - a);
	}
}

static bool vf_in_band(const struct vf_layout *l, unsigned int y)
{
	return y < l->band || y >= l->h - l->band;
}

void vf_expect(const struct vf_layout *l, uint32_t c, unsigned int x,
	       unsigned int y, uint16_t yuv[3])
{
	if (vf_in_band(l, y)) {
		uint64_t code = vf_code(c);
		unsigned int end = l->code_x + 48 * l->cell;

		yuv[0] = 64;
		yuv[1] = yuv[2] = 512;
		if (x >= l->code_x && x < end &&
		    (code >> (47 - (x - l->code_x) / l->cell)) & 1)
			yuv[0] = 940;
		return;
	}
	if (y < l->y1) {
		unsigned int xb = vf_box_x(l, c);

		if (y >= l->box_y && y < l->box_y + l->box && x >= xb &&
		    x < xb + l->box) {
			/* textured by line and pixel-pair parity */
			yuv[0] = 940 - 88 * (2 * (y % 2) + (x / 2) % 2);
			yuv[1] = yuv[2] = 512;
			return;
		}
		vf_pattern_value(l, 0, x, yuv);
	} else if (y < l->y2) {
		vf_pattern_value(l, 1, x, yuv);
	} else if (y < l->y3) {
		vf_pattern_value(l, 2, x, yuv);
	} else {
		vf_pattern_value(l, 3, x, yuv);
	}
}

/* ---- reading samples ---- */

static unsigned int le16(const uint8_t *b)
{
	return b[0] | b[1] << 8;
}

static uint32_t le32(const uint8_t *b)
{
	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

/* v210: sample number s (0-11) of the group starting at g */
static unsigned int v210_sample(const uint8_t *g, unsigned int s)
{
	return (le32(g + s / 3 * 4) >> (s % 3 * 10)) & 0x3ff;
}

void vf_sample(const struct vf_geom *g, const uint8_t *f, unsigned int x,
	       unsigned int y, uint16_t yuv[3])
{
	static const uint8_t vy[6] = { 1, 3, 5, 7, 9, 11 };
	static const uint8_t vcb[3] = { 0, 4, 8 }, vcr[3] = { 2, 6, 10 };
	const uint8_t *row = f + (size_t)y * g->stride;
	const uint8_t *crow = f + (size_t)g->stride * g->height;
	unsigned int k = x / 2;

	switch (g->format) {
	case VF_UYVY:
		yuv[0] = row[2 * x + 1];
		yuv[1] = row[4 * k];
		yuv[2] = row[4 * k + 2];
		break;
	case VF_YUYV:
		yuv[0] = row[2 * x];
		yuv[1] = row[4 * k + 1];
		yuv[2] = row[4 * k + 3];
		break;
	case VF_NV16:
		crow += (size_t)y * g->stride;
		yuv[0] = row[x];
		yuv[1] = crow[2 * k];
		yuv[2] = crow[2 * k + 1];
		break;
	case VF_P010:
		crow += (size_t)(y / 2) * g->stride;
		yuv[0] = le16(row + 2 * x) >> 6;
		yuv[1] = le16(crow + 4 * k) >> 6;
		yuv[2] = le16(crow + 4 * k + 2) >> 6;
		break;
	case VF_Y210:
		yuv[0] = le16(row + 4 * x) >> 6;
		yuv[1] = le16(row + 8 * k + 2) >> 6;
		yuv[2] = le16(row + 8 * k + 6) >> 6;
		break;
	case VF_V210:
		row += x / 6 * 16;
		yuv[0] = v210_sample(row, vy[x % 6]);
		yuv[1] = v210_sample(row, vcb[k % 3]);
		yuv[2] = v210_sample(row, vcr[k % 3]);
		break;
	}
}

/* ---- checking ---- */

struct vf_ctx {
	const struct vf_geom *g;
	const struct vf_layout *l;
	const uint8_t *f;
	int tol;
	bool eight;
	struct vf_result *r;
};

static void vf_note(struct vf_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->r->msg[0])
		return;
	va_start(ap, fmt);
	vsnprintf(c->r->msg, sizeof(c->r->msg), fmt, ap);
	va_end(ap);
}

static unsigned int vf_scale(const struct vf_ctx *c, unsigned int v10)
{
	return c->eight ? (v10 + 2) >> 2 : v10;
}

static bool vf_near(const struct vf_ctx *c, unsigned int got,
		    unsigned int v10)
{
	int d = (int)got - (int)vf_scale(c, v10);

	return d <= c->tol && -d <= c->tol;
}

/*
 * Compare pixel (x, y) against @want (10-bit); chroma too when @chroma.
 * Returns the number of mismatching samples and notes the first.
 */
static unsigned int vf_cmp(struct vf_ctx *c, unsigned int x, unsigned int y,
			   const uint16_t want[3], bool chroma,
			   const char *what)
{
	static const char *const comp[] = { "Y", "Cb", "Cr" };
	unsigned int bad = 0;
	uint16_t got[3];

	vf_sample(c->g, c->f, x, y, got);
	for (int i = 0; i < (chroma ? 3 : 1); i++) {
		if (vf_near(c, got[i], want[i]))
			continue;
		bad++;
		vf_note(c, "%s at x=%u y=%u: %s=%u, expected %u", what, x, y,
			comp[i], got[i], vf_scale(c, want[i]));
	}
	return bad;
}

/* Decode one line of a counter band: 0 and the counter, or -1. */
static int vf_decode_line(struct vf_ctx *c, unsigned int y, uint32_t *out,
			  char *why, size_t whylen)
{
	const struct vf_layout *l = c->l;
	unsigned int cw = l->cell;
	const unsigned int pts[3] = { cw / 4, cw / 2, 3 * cw / 4 };
	uint64_t code = 0;
	uint32_t cnt;

	for (unsigned int i = 0; i < 48; i++) {
		int bit = -1;

		for (int j = 0; j < 3; j++) {
			unsigned int x = l->code_x + i * cw + pts[j];
			uint16_t s[3];
			int b;

			vf_sample(c->g, c->f, x, y, s);
			if (vf_near(c, s[0], 940))
				b = 1;
			else if (vf_near(c, s[0], 64))
				b = 0;
			else {
				snprintf(why, whylen,
					 "line %u: cell %u at x=%u is Y=%u, neither black nor white",
					 y, i, x, s[0]);
				return -1;
			}
			if (bit >= 0 && b != bit) {
				snprintf(why, whylen,
					 "line %u: cell %u is not uniform", y, i);
				return -1;
			}
			bit = b;
		}
		code = code << 1 | (uint64_t)bit;
	}
	cnt = (uint32_t)(code >> 12);
	if (code >> 44 != 0xb || (code & 0xf) != 0xd) {
		snprintf(why, whylen, "line %u: counter markers missing", y);
		return -1;
	}
	if (((code >> 4) & 0xff) != vf_crc8(cnt)) {
		snprintf(why, whylen, "line %u: counter CRC mismatch", y);
		return -1;
	}
	*out = cnt;
	return 0;
}

enum { BAND_OK, BAND_INVALID, BAND_TORN };

/* Decode every line of the band starting at line y0. */
static int vf_decode_band(struct vf_ctx *c, unsigned int y0, const char *name,
			  uint32_t *out)
{
	const struct vf_layout *l = c->l;
	uint32_t first = 0, v;
	char why[160];
	bool have = false;
	unsigned int half = (l->code_x + 48 * l->cell + l->w) / 4 * 2;
	const uint16_t black[3] = { 64, 512, 512 };

	for (unsigned int y = y0; y < y0 + l->band; y++) {
		/* the black background either side of the code */
		c->r->bad_bars += vf_cmp(c, l->code_x / 4 * 2, y, black, true,
					 "counter band background");
		c->r->bad_bars += vf_cmp(c, half, y, black, true,
					 "counter band background");
		if (vf_decode_line(c, y, &v, why, sizeof(why))) {
			vf_note(c, "%s counter: %s", name, why);
			return BAND_INVALID;
		}
		if (!have) {
			first = v;
			have = true;
		} else if (v != first) {
			vf_note(c, "%s counter: line %u reads %u, line %u reads %u%s",
				name, y0, first, y, v,
				c->g->interlaced && (y - y0) % 2 ?
				" (the fields differ)" : "");
			return BAND_TORN;
		}
	}
	*out = first;
	return BAND_OK;
}

static void vf_check_bars(struct vf_ctx *c)
{
	const struct vf_layout *l = c->l;
	const unsigned int rows[5] = {
		2 * ((l->band + l->box_y) / 4),
		2 * ((l->box_y + l->box + l->y1) / 4),
		2 * ((l->y1 + l->y2) / 4),
		2 * ((l->y2 + l->y3) / 4),
		2 * ((l->y3 + l->h - l->band) / 4),
	};
	const int pat[5] = { 0, 0, 1, 2, 3 };

	for (int r = 0; r < 5; r++) {
		const uint8_t *a = vf_pat[pat[r]];
		unsigned int x0 = 0;

		for (unsigned int i = 0; x0 < l->w; i += 2) {
			unsigned int x1 = l->x[a[i]];
			char what[64];

			snprintf(what, sizeof(what), "pattern %d, %s",
				 pat[r] + 1, vf_colour_name[a[i + 1]]);
			for (unsigned int q = 1; q <= 3; q++) {
				unsigned int x = (x0 + (x1 - x0) * q / 4) / 2 * 2;

				for (unsigned int y = rows[r]; y < rows[r] + 2;
				     y++) {
					uint16_t want[3];

					vf_pattern_value(l, pat[r], x, want);
					c->r->bad_bars +=
						vf_cmp(c, x, y, want, true, what);
					vf_pattern_value(l, pat[r], x + 1, want);
					c->r->bad_bars +=
						vf_cmp(c, x + 1, y, want, false,
						       what);
				}
			}
			x0 = x1;
		}
	}
}

static void vf_check_box(struct vf_ctx *c, uint32_t cnt)
{
	const struct vf_layout *l = c->l;
	unsigned int y0 = l->box_y + l->box / 2 - 1;

	for (unsigned int y = y0; y < y0 + 2; y++) {
		for (unsigned int x = 0; x < l->w; x++) {
			uint16_t want[3];

			vf_expect(l, cnt, x, y, want);
			c->r->bad_box += vf_cmp(c, x, y, want, x % 2 == 0,
						"box line");
		}
	}
}

/* Everything: every sample, and zeros in all padding. */
static void vf_check_all(struct vf_ctx *c, uint32_t cnt)
{
	const struct vf_geom *g = c->g;
	const struct vf_layout *l = c->l;
	unsigned int payload = vf_min_stride(g->format, g->width);
	unsigned int crows = g->format == VF_P010 ? g->height / 2 :
			     g->format == VF_NV16 ? g->height : 0;
	bool wide = g->format == VF_P010 || g->format == VF_Y210;

	for (unsigned int y = 0; y < g->height; y++) {
		for (unsigned int x = 0; x < g->width; x++) {
			uint16_t want[3];
			/* P010: chroma lines belong to even luma lines */
			bool chroma = x % 2 == 0 &&
				      (g->format != VF_P010 || y % 2 == 0);

			vf_expect(l, cnt, x, y, want);
			c->r->bad_bars += vf_cmp(c, x, y, want, chroma, "pixel");
		}
	}
	/* v210: the samples past the width in the last group */
	if (g->format == VF_V210 && g->width % 6) {
		unsigned int from = 2 * (g->width % 6);

		for (unsigned int y = 0; y < g->height; y++) {
			const uint8_t *grp = c->f + (size_t)y * g->stride +
					     g->width / 6 * 16;

			for (unsigned int s = from; s < 12; s++) {
				if (!v210_sample(grp, s))
					continue;
				c->r->bad_bars++;
				vf_note(c, "line %u: v210 padding sample %u not zero",
					y, s);
			}
		}
		payload = (g->width + 5) / 6 * 16;
	}
	for (unsigned int y = 0; y < g->height + crows; y++) {
		const uint8_t *row = c->f + (size_t)y * g->stride;

		for (unsigned int i = 0; i < g->stride; i++) {
			unsigned int must_be_zero = 0xff;

			if (i < payload && g->format == VF_V210)
				must_be_zero = i % 4 == 3 ? 0xc0 : 0; /* bits 30-31 */
			else if (i < payload && wide)
				must_be_zero = i % 2 ? 0 : 0x3f; /* low 6 bits */
			else if (i < payload)
				must_be_zero = 0;
			if (!(row[i] & must_be_zero))
				continue;
			c->r->bad_bars++;
			vf_note(c, "line %u of the buffer: byte %u is 0x%02x, expected padding",
				y, i, row[i]);
		}
	}
}

int vf_check(const struct vf_geom *g, const uint8_t *frame, int tolerance,
	     unsigned int flags, struct vf_result *r)
{
	struct vf_layout l;
	struct vf_ctx c = { .g = g, .l = &l, .f = frame, .r = r,
			    .eight = vf_format_8bit(g->format) };
	uint32_t top = 0, bottom = 0;
	int bt, bb;

	memset(r, 0, sizeof(*r));
	c.tol = tolerance >= 0 ? tolerance : c.eight ? 1 : 0;
	vf_layout_init(&l, g->width, g->height);

	bt = vf_decode_band(&c, 0, "top", &top);
	bb = vf_decode_band(&c, g->height - l.band, "bottom", &bottom);
	if (bt == BAND_TORN || bb == BAND_TORN) {
		r->torn = true;
	} else if (bt == BAND_OK && bb == BAND_OK) {
		if (top == bottom) {
			r->valid = true;
			r->counter = top;
		} else {
			r->torn = true;
			vf_note(&c, "torn: top counter %u, bottom counter %u",
				top, bottom);
		}
	}
	vf_check_bars(&c);
	if (r->valid) {
		vf_check_box(&c, r->counter);
		if (flags & VF_EXHAUSTIVE)
			vf_check_all(&c, r->counter);
	}
	return r->valid && !r->bad_bars && !r->bad_box ? 0 : -1;
}

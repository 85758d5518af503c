// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k test pattern generator: RP 219 colour bars, a moving box and the
 * frame counter, as specified in docs/test-pattern.md.
 *
 * At create time each kind of line (patterns 1 to 4 and the black of the
 * counter bands, for each plane) is packed once into the memory format.
 * A full paint writes those templates line by line; the box band and the
 * counter bands come from scratch lines composed for the frame. A delta
 * paint writes only the byte ranges of those lines that differ between
 * the two frames.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/videodev2.h>
#endif

#include "sdi8k-pattern.h"

/* Same values as uapi/sdi8k.h (Y210 is in the kernel's uapi since 6.3) */
#ifndef SDI8K_PIX_FMT_V210
#define SDI8K_PIX_FMT_V210	v4l2_fourcc('v', '2', '1', '0')
#endif
#ifndef V4L2_PIX_FMT_Y210
#define V4L2_PIX_FMT_Y210	v4l2_fourcc('Y', '2', '1', '0')
#endif

#define PAT_MIN_DIM	64
#define PAT_MAX_DIM	16384
#define PAT_MAX_BPL	262144
#define PAT_CELLS	48
#define PAT_Y_BLACK	64
#define PAT_Y_WHITE	940
#define PAT_C_ZERO	512
#define PAT_BOX_STEP	88	/* luma step of the box's texture */

enum pat_fmt { PF_UYVY, PF_YUYV, PF_NV16, PF_P010, PF_Y210, PF_V210 };

enum pat_colour {
	C_GREY40, C_WHITE75, C_YELLOW75, C_CYAN75, C_GREEN75, C_MAGENTA75,
	C_RED75, C_BLUE75, C_CYAN100, C_WHITE100, C_BLUE100, C_YELLOW100,
	C_RED100, C_BLACK, C_GREY15, C_MINUS2, C_PLUS2, C_PLUS4, C_RAMP,
};

/* 10-bit Y, Cb, Cr (RP 219-1, BT.709) */
static const u16 pat_colours[][3] = {
	[C_GREY40] = { 414, 512, 512 },
	[C_WHITE75] = { 721, 512, 512 },
	[C_YELLOW75] = { 674, 176, 543 },
	[C_CYAN75] = { 581, 589, 176 },
	[C_GREEN75] = { 534, 253, 207 },
	[C_MAGENTA75] = { 251, 771, 817 },
	[C_RED75] = { 204, 435, 848 },
	[C_BLUE75] = { 111, 848, 481 },
	[C_CYAN100] = { 754, 615, 64 },
	[C_WHITE100] = { 940, 512, 512 },
	[C_BLUE100] = { 127, 960, 471 },
	[C_YELLOW100] = { 877, 64, 553 },
	[C_RED100] = { 250, 409, 960 },
	[C_BLACK] = { 64, 512, 512 },
	[C_GREY15] = { 195, 512, 512 },
	[C_MINUS2] = { 46, 512, 512 },
	[C_PLUS2] = { 82, 512, 512 },
	[C_PLUS4] = { 99, 512, 512 },
	[C_RAMP] = { 64, 512, 512 },
};

/* An area of a line: up to column X(end) (in 56ths of the width). */
struct pat_area {
	u8 end;
	u8 colour;
};

enum pat_line { L_P1, L_P2, L_P3, L_P4, L_BAND, L_NUM };

static const struct pat_area pat_p1[] = {
	{ 7, C_GREY40 }, { 13, C_WHITE75 }, { 19, C_YELLOW75 },
	{ 25, C_CYAN75 }, { 31, C_GREEN75 }, { 37, C_MAGENTA75 },
	{ 43, C_RED75 }, { 49, C_BLUE75 }, { 56, C_GREY40 },
};

static const struct pat_area pat_p2[] = {
	{ 7, C_CYAN100 }, { 13, C_WHITE100 }, { 49, C_WHITE75 },
	{ 56, C_BLUE100 },
};

static const struct pat_area pat_p3[] = {
	{ 7, C_YELLOW100 }, { 13, C_BLACK }, { 43, C_RAMP },
	{ 49, C_WHITE100 }, { 56, C_RED100 },
};

static const struct pat_area pat_p4[] = {
	{ 7, C_GREY15 }, { 16, C_BLACK }, { 28, C_WHITE100 }, { 33, C_BLACK },
	{ 35, C_MINUS2 }, { 37, C_BLACK }, { 39, C_PLUS2 }, { 41, C_BLACK },
	{ 43, C_PLUS4 }, { 49, C_BLACK }, { 56, C_GREY15 },
};

static const struct pat_area pat_band[] = {
	{ 56, C_BLACK },
};

static const struct {
	const struct pat_area *areas;
	unsigned int n;
} pat_lines[L_NUM] = {
	[L_P1] = { pat_p1, ARRAY_SIZE(pat_p1) },
	[L_P2] = { pat_p2, ARRAY_SIZE(pat_p2) },
	[L_P3] = { pat_p3, ARRAY_SIZE(pat_p3) },
	[L_P4] = { pat_p4, ARRAY_SIZE(pat_p4) },
	[L_BAND] = { pat_band, ARRAY_SIZE(pat_band) },
};

/* v210: word * 3 + slot of each sample in a group of 6 pixels */
static const u8 v210_y[6] = { 1, 3, 5, 7, 9, 11 };
static const u8 v210_cb[3] = { 0, 4, 8 };
static const u8 v210_cr[3] = { 2, 6, 10 };

struct sdi8k_pattern {
	struct sdi8k_pattern_geom g;
	enum pat_fmt fmt;
	unsigned int planes;	/* 2 for NV16 and P010 */
	u32 unit;		/* pixels per packing unit: 2, or 6 for v210 */
	u32 chroma_off;		/* offset of the chroma plane */
	u32 chroma_rows;
	u32 end;		/* end of the last plane */
	u32 y1, y2, y3;		/* first lines of patterns 2, 3, 4 */
	u32 band;		/* K: height of each counter band */
	u32 cell;		/* cw */
	u32 code_x;		/* xc */
	u32 box;		/* S */
	u32 box_y;		/* yb */
	u32 step;
	u32 npos;		/* P */
	u8 *tmpl[L_NUM][2];	/* packed template lines, per plane */
	u8 *band_line;		/* scratch: counter band, luma plane */
	u8 *box_line[2][2];	/* scratch: box band, per line parity, plane */
	u8 *zero;		/* a line of zeros */
	u8 *out_line;		/* scratch: a remapped line */
	u32 *map_y;		/* scratch: source line of each output pair */
	u32 *map_pair;		/* scratch: source pair of each output pair */
	u32 mem[];		/* the two maps, then the lines */
};

static u32 pat_x(const struct sdi8k_pattern *p, u32 n)
{
	return 2 * ((p->g.width * n + 56) / 112);
}

static u32 pat_y(u32 h, u32 n)
{
	return 2 * ((h * n + 12) / 24);
}

static u8 pat_8bit(u16 v)
{
	return (v + 2) >> 2;
}

static void pat_le16(u8 *b, u16 v)
{
	b[0] = v & 0xff;
	b[1] = v >> 8;
}

/* Store a 10-bit sample at position @pos (word * 3 + slot) of a group. */
static void pat_v210(u8 *grp, unsigned int pos, u16 v)
{
	u8 *b = grp + pos / 3 * 4;
	unsigned int shift = pos % 3 * 10;
	u32 w = b[0] | b[1] << 8 | b[2] << 16 | (u32)b[3] << 24;

	w = (w & ~(0x3ffU << shift)) | (u32)v << shift;
	b[0] = w & 0xff;
	b[1] = (w >> 8) & 0xff;
	b[2] = (w >> 16) & 0xff;
	b[3] = w >> 24;
}

/* Luma of pixel @x into a packed line, or into the luma plane's line. */
static void pat_put_y(const struct sdi8k_pattern *p, u8 *l, u32 x, u16 v)
{
	switch (p->fmt) {
	case PF_UYVY:
		l[2 * x + 1] = pat_8bit(v);
		break;
	case PF_YUYV:
		l[2 * x] = pat_8bit(v);
		break;
	case PF_NV16:
		l[x] = pat_8bit(v);
		break;
	case PF_P010:
		pat_le16(l + 2 * x, v << 6);
		break;
	case PF_Y210:
		pat_le16(l + 4 * x, v << 6);
		break;
	case PF_V210:
		pat_v210(l + x / 6 * 16, v210_y[x % 6], v);
		break;
	}
}

/* Chroma of pair @k into a packed line, or into the chroma plane's line. */
static void pat_put_c(const struct sdi8k_pattern *p, u8 *l, u32 k, u16 cb,
		      u16 cr)
{
	switch (p->fmt) {
	case PF_UYVY:
		l[4 * k] = pat_8bit(cb);
		l[4 * k + 2] = pat_8bit(cr);
		break;
	case PF_YUYV:
		l[4 * k + 1] = pat_8bit(cb);
		l[4 * k + 3] = pat_8bit(cr);
		break;
	case PF_NV16:
		l[2 * k] = pat_8bit(cb);
		l[2 * k + 1] = pat_8bit(cr);
		break;
	case PF_P010:
		pat_le16(l + 4 * k, cb << 6);
		pat_le16(l + 4 * k + 2, cr << 6);
		break;
	case PF_Y210:
		pat_le16(l + 8 * k + 2, cb << 6);
		pat_le16(l + 8 * k + 6, cr << 6);
		break;
	case PF_V210:
		pat_v210(l + k / 3 * 16, v210_cb[k % 3], cb);
		pat_v210(l + k / 3 * 16, v210_cr[k % 3], cr);
		break;
	}
}

/* Byte offset of pixel @x (a multiple of p->unit) in a line of any plane */
static u32 pat_offset(const struct sdi8k_pattern *p, u32 x)
{
	switch (p->fmt) {
	case PF_NV16:
		return x;
	case PF_Y210:
		return 4 * x;
	case PF_V210:
		return x / 6 * 16;
	default:
		return 2 * x;
	}
}

/* Fill pixels [x0, x1) (both even) with one colour. */
static void pat_fill(const struct sdi8k_pattern *p, u8 *l0, u8 *lc, u32 x0,
		     u32 x1, const u16 *c)
{
	u32 x;

	for (x = x0; x < x1; x++)
		pat_put_y(p, l0, x, c[0]);
	for (x = x0 / 2; x < x1 / 2; x++)
		pat_put_c(p, lc, x, c[1], c[2]);
}

static void pat_build_line(struct sdi8k_pattern *p, enum pat_line t)
{
	const struct pat_area *a = pat_lines[t].areas;
	u8 *l0 = p->tmpl[t][0];
	u8 *lc = p->tmpl[t][p->planes - 1];
	u32 x0 = 0, x1, x, ramp;
	unsigned int i;

	for (i = 0; i < pat_lines[t].n; i++, x0 = x1) {
		x1 = pat_x(p, a[i].end);
		pat_fill(p, l0, lc, x0, x1, pat_colours[a[i].colour]);
		if (a[i].colour != C_RAMP)
			continue;
		ramp = x1 - x0;
		for (x = x0; x < x1; x++)
			pat_put_y(p, l0, x, PAT_Y_BLACK +
				  (PAT_Y_WHITE - PAT_Y_BLACK) * (x - x0) / ramp);
	}
}

static u8 pat_crc8(u32 c)
{
	u8 crc = 0xff;
	unsigned int i, b;

	for (i = 0; i < 4; i++) {
		crc ^= c >> (24 - 8 * i);
		for (b = 0; b < 8; b++)
			crc = crc & 0x80 ? (crc << 1) ^ 0x07 : crc << 1;
	}
	return crc;
}

static u64 pat_code(u32 c)
{
	return 0xbULL << 44 | (u64)c << 12 | (u64)pat_crc8(c) << 4 | 0xd;
}

static bool pat_cell(u64 code, unsigned int i)
{
	return (code >> (PAT_CELLS - 1 - i)) & 1;
}

static u32 pat_box_x(const struct sdi8k_pattern *p, u32 c)
{
	return p->step * (c % p->npos);
}

/* Compose the counter band's line for code @code. */
static void pat_render_band(const struct sdi8k_pattern *p, u64 code)
{
	u32 x, x0;
	unsigned int i;

	memcpy(p->band_line, p->tmpl[L_BAND][0], p->g.bytesperline);
	for (i = 0; i < PAT_CELLS; i++) {
		if (!pat_cell(code, i))
			continue;
		x0 = p->code_x + i * p->cell;
		for (x = x0; x < x0 + p->cell; x++)
			pat_put_y(p, p->band_line, x, PAT_Y_WHITE);
	}
}

/*
 * Compose the box band's lines with the box at @xb: white, its luma
 * textured by line parity and pixel-pair parity (docs/test-pattern.md).
 */
static void pat_render_box(const struct sdi8k_pattern *p, u32 xb)
{
	unsigned int par, i;
	u32 x;

	for (par = 0; par < 2; par++) {
		u8 *l0 = p->box_line[par][0];

		for (i = 0; i < p->planes; i++)
			memcpy(p->box_line[par][i], p->tmpl[L_P1][i],
			       p->g.bytesperline);
		pat_fill(p, l0, p->box_line[par][p->planes - 1], xb,
			 xb + p->box, pat_colours[C_WHITE100]);
		for (x = xb; x < xb + p->box; x++)
			pat_put_y(p, l0, x, PAT_Y_WHITE - PAT_BOX_STEP *
				  (2 * par + (x / 2) % 2));
	}
}

/* Which line of @plane to write for luma line @y. */
static const u8 *pat_src(const struct sdi8k_pattern *p, unsigned int plane,
			 u32 y)
{
	if (y < p->band || y >= p->g.height - p->band)
		return plane ? p->tmpl[L_BAND][1] : p->band_line;
	if (y < p->y1) {
		if (y >= p->box_y && y < p->box_y + p->box)
			return p->box_line[y % 2][plane];
		return p->tmpl[L_P1][plane];
	}
	if (y < p->y2)
		return p->tmpl[L_P2][plane];
	if (y < p->y3)
		return p->tmpl[L_P3][plane];
	return p->tmpl[L_P4][plane];
}

/* Line @row of @plane (chroma rows of P010 count half-height lines). */
static size_t pat_line_off(const struct sdi8k_pattern *p, unsigned int plane,
			   u32 row)
{
	return (plane ? p->chroma_off : 0) + (size_t)row * p->g.bytesperline;
}

static void pat_full(const struct sdi8k_pattern *p, u32 c,
		     sdi8k_pattern_write_t write, void *ctx)
{
	u32 bpl = p->g.bytesperline, y;
	u32 half = p->fmt == PF_P010;
	size_t off, len;

	pat_render_band(p, pat_code(c));
	pat_render_box(p, pat_box_x(p, c));
	for (y = 0; y < p->g.height; y++)
		write(ctx, pat_line_off(p, 0, y), pat_src(p, 0, y), bpl);
	for (y = 0; p->planes == 2 && y < p->chroma_rows; y++)
		write(ctx, pat_line_off(p, 1, y), pat_src(p, 1, y << half),
		      bpl);
	for (off = p->end; off < p->g.sizeimage; off += len) {
		len = min_t(size_t, bpl, p->g.sizeimage - off);
		write(ctx, off, p->zero, len);
	}
}

/* Write pixels [x0, x1) of line @row of @plane from the scratch line @src */
static void pat_span(const struct sdi8k_pattern *p, unsigned int plane,
		     u32 row, const u8 *src, u32 x0, u32 x1,
		     sdi8k_pattern_write_t write, void *ctx)
{
	u32 a = pat_offset(p, x0 / p->unit * p->unit);
	u32 b = pat_offset(p, (x1 + p->unit - 1) / p->unit * p->unit);

	write(ctx, pat_line_off(p, plane, row) + a, src + a, b - a);
}

static void pat_delta_band(const struct sdi8k_pattern *p, u32 c, u32 pc,
			   sdi8k_pattern_write_t write, void *ctx)
{
	u64 code = pat_code(c), diff = code ^ pat_code(pc);
	unsigned int i, first = PAT_CELLS, last = 0;
	u32 x0, x1, y, h = p->g.height;

	for (i = 0; i < PAT_CELLS; i++) {
		if (!pat_cell(diff, i))
			continue;
		first = min(first, i);
		last = i;
	}
	if (first == PAT_CELLS)
		return;
	pat_render_band(p, code);
	x0 = p->code_x + first * p->cell;
	x1 = p->code_x + (last + 1) * p->cell;
	for (y = 0; y < p->band; y++) {
		pat_span(p, 0, y, p->band_line, x0, x1, write, ctx);
		pat_span(p, 0, h - p->band + y, p->band_line, x0, x1, write,
			 ctx);
	}
}

static void pat_delta_box(const struct sdi8k_pattern *p, u32 c, u32 pc,
			  sdi8k_pattern_write_t write, void *ctx)
{
	u32 xn = pat_box_x(p, c), xo = pat_box_x(p, pc), s = p->box;
	u32 lo = min(xn, xo), hi = max(xn, xo), y, y0, y1;
	unsigned int plane;

	if (xn == xo)
		return;
	pat_render_box(p, xn);
	for (plane = 0; plane < p->planes; plane++) {
		y0 = p->box_y;
		y1 = p->box_y + s;
		if (plane && p->fmt == PF_P010) {
			y0 /= 2;
			y1 /= 2;
		}
		for (y = y0; y < y1; y++) {
			const u8 *src = p->box_line[plane ? 0 : y % 2][plane];

			if (hi - lo <= s) {
				pat_span(p, plane, y, src, lo, hi + s, write,
					 ctx);
				continue;
			}
			pat_span(p, plane, y, src, lo, lo + s, write, ctx);
			pat_span(p, plane, y, src, hi, hi + s, write, ctx);
		}
	}
}

void sdi8k_pattern_paint(const struct sdi8k_pattern *p, u64 frame,
			 u64 prev_frame, sdi8k_pattern_write_t write,
			 void *ctx)
{
	u32 c = (u32)frame, pc = (u32)prev_frame;

	if (prev_frame == SDI8K_PATTERN_FULL) {
		pat_full(p, c, write, ctx);
		return;
	}
	if (c == pc)
		return;
	pat_delta_band(p, c, pc, write, ctx);
	pat_delta_box(p, c, pc, write, ctx);
}

/* Read the 10-bit sample at position @pos (word * 3 + slot) of a group. */
static u16 pat_v210_get(const u8 *grp, unsigned int pos)
{
	const u8 *b = grp + pos / 3 * 4;
	u32 w = b[0] | b[1] << 8 | b[2] << 16 | (u32)b[3] << 24;

	return (w >> (pos % 3 * 10)) & 0x3ff;
}

/* Copy pixel pair @sk of line @src to pair @dk of @dst (same plane). */
static void pat_copy_pair(const struct sdi8k_pattern *p, u8 *dst, u32 dk,
			  const u8 *src, u32 sk)
{
	const u8 *g;
	u32 x = 2 * sk;

	switch (p->fmt) {
	case PF_UYVY:
	case PF_YUYV:
	case PF_P010:
		memcpy(dst + 4 * dk, src + 4 * sk, 4);
		break;
	case PF_NV16:
		memcpy(dst + 2 * dk, src + 2 * sk, 2);
		break;
	case PF_Y210:
		memcpy(dst + 8 * dk, src + 8 * sk, 8);
		break;
	case PF_V210:
		g = src + x / 6 * 16;
		pat_put_y(p, dst, 2 * dk, pat_v210_get(g, v210_y[x % 6]));
		pat_put_y(p, dst, 2 * dk + 1,
			  pat_v210_get(g, v210_y[x % 6 + 1]));
		pat_put_c(p, dst, dk, pat_v210_get(g, v210_cb[sk % 3]),
			  pat_v210_get(g, v210_cr[sk % 3]));
		break;
	}
}

void sdi8k_pattern_paint_mapped(const struct sdi8k_pattern *p, u64 frame,
				sdi8k_pattern_map_t map, void *map_ctx,
				sdi8k_pattern_write_t write, void *ctx)
{
	u32 c = (u32)frame, bpl = p->g.bytesperline, pairs = p->g.width / 2;
	u32 rows, row, y, q, sy = 0, sy2 = 0, pb;
	const u8 *src, *src2;
	unsigned int plane;
	size_t off, len;

	pat_render_band(p, pat_code(c));
	pat_render_box(p, pat_box_x(p, c));
	/* bytes a pixel pair takes in a line: 0 when not whole (v210) */
	pb = p->fmt == PF_V210 ? 0 : pat_offset(p, 2);
	for (plane = 0; plane < p->planes; plane++) {
		rows = plane ? p->chroma_rows : p->g.height;
		for (row = 0; row < rows; row++) {
			y = plane && p->fmt == PF_P010 ? 2 * row : row;
			map(map_ctx, y, p->map_y, p->map_pair);
			memcpy(p->out_line, p->zero, bpl);
			src = NULL;
			src2 = NULL;
			for (q = 0; q < pairs; q++) {
				if (p->map_y[q] >= p->g.height ||
				    p->map_pair[q] >= pairs)
					continue;	/* no sample: black */
				/* the lines a pair comes from repeat: cache two */
				if (!src || p->map_y[q] != sy) {
					swap(src, src2);
					swap(sy, sy2);
				}
				if (!src || p->map_y[q] != sy) {
					sy = p->map_y[q];
					src = pat_src(p, plane, sy);
				}
				/* a whole number of bytes a pair: copy them */
				if (pb == 4)
					memcpy(p->out_line + 4 * q,
					       src + 4 * p->map_pair[q], 4);
				else if (pb == 2)
					memcpy(p->out_line + 2 * q,
					       src + 2 * p->map_pair[q], 2);
				else
					pat_copy_pair(p, p->out_line, q, src,
						      p->map_pair[q]);
			}
			write(ctx, pat_line_off(p, plane, row), p->out_line,
			      bpl);
		}
	}
	for (off = p->end; off < p->g.sizeimage; off += len) {
		len = min_t(size_t, bpl, p->g.sizeimage - off);
		write(ctx, off, p->zero, len);
	}
}

static int pat_format(u32 fourcc, enum pat_fmt *fmt)
{
	switch (fourcc) {
	case V4L2_PIX_FMT_UYVY:
		*fmt = PF_UYVY;
		return 0;
	case V4L2_PIX_FMT_YUYV:
		*fmt = PF_YUYV;
		return 0;
	case V4L2_PIX_FMT_NV16:
		*fmt = PF_NV16;
		return 0;
	case V4L2_PIX_FMT_P010:
		*fmt = PF_P010;
		return 0;
	case V4L2_PIX_FMT_Y210:
		*fmt = PF_Y210;
		return 0;
	case SDI8K_PIX_FMT_V210:
		*fmt = PF_V210;
		return 0;
	}
	return -EINVAL;
}

/* Check @g and fill in every derived field of @p. */
static int pat_layout(struct sdi8k_pattern *p,
		      const struct sdi8k_pattern_geom *g)
{
	u32 w = g->width, h = g->height;
	u64 min_bpl, end;

	if (pat_format(g->fourcc, &p->fmt))
		return -EINVAL;
	if (w < PAT_MIN_DIM || w > PAT_MAX_DIM || w % 2 ||
	    h < PAT_MIN_DIM || h > PAT_MAX_DIM)
		return -EINVAL;
	if ((p->fmt == PF_P010 || g->interlaced) && h % 2)
		return -EINVAL;
	p->g = *g;
	p->planes = 1;
	p->unit = 2;
	switch (p->fmt) {
	case PF_NV16:
		p->planes = 2;
		min_bpl = w;
		break;
	case PF_P010:
		p->planes = 2;
		min_bpl = 2 * w;
		break;
	case PF_Y210:
		min_bpl = 4 * w;
		break;
	case PF_V210:
		p->unit = 6;
		min_bpl = (w + 47) / 48 * 128;
		break;
	default:
		min_bpl = 2 * w;
		break;
	}
	p->chroma_rows = p->fmt == PF_P010 ? h / 2 : h;
	end = (u64)g->bytesperline * h;
	p->chroma_off = end;
	if (p->planes == 2)
		end += (u64)g->bytesperline * p->chroma_rows;
	if (g->bytesperline < min_bpl || g->bytesperline > PAT_MAX_BPL ||
	    end > g->sizeimage)
		return -EINVAL;
	p->end = end;

	p->y1 = pat_y(h, 7);
	p->y2 = pat_y(h, 8);
	p->y3 = pat_y(h, 9);
	p->band = max(8U, 8 * (h / 270));
	p->cell = w / 64;
	p->code_x = 2 * ((w - PAT_CELLS * p->cell) / 4);
	p->box = 2 * min(p->band, w / 8);
	p->box_y = 4 * ((p->band + p->y1 - p->box) / 8);
	p->step = max(2U, 2 * (w / 480));
	p->npos = (w - p->box) / p->step + 1;
	return 0;
}

int sdi8k_pattern_create(const struct sdi8k_pattern_geom *g,
			 struct sdi8k_pattern **out)
{
	struct sdi8k_pattern tmp = { }, *p;
	unsigned int nlines, t, i;
	u8 *l;

	if (!g || !out || pat_layout(&tmp, g))
		return -EINVAL;
	/* templates, band scratch, box scratch, zeros, remapped line */
	nlines = L_NUM * tmp.planes + 1 + 2 * tmp.planes + 2;
	p = kvzalloc(sizeof(*p) + (size_t)nlines * g->bytesperline +
		     g->width * sizeof(u32), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	*p = tmp;
	p->map_y = p->mem;
	p->map_pair = p->mem + g->width / 2;
	l = (u8 *)(p->mem + g->width);
	for (t = 0; t < L_NUM; t++) {
		for (i = 0; i < 2; i++) {
			p->tmpl[t][i] = i < p->planes ? l : NULL;
			if (i < p->planes)
				l += g->bytesperline;
		}
		pat_build_line(p, t);
	}
	p->band_line = l;
	l += g->bytesperline;
	for (t = 0; t < 2; t++)
		for (i = 0; i < p->planes; i++, l += g->bytesperline)
			p->box_line[t][i] = l;
	p->zero = l;
	l += g->bytesperline;
	p->out_line = l;
	*out = p;
	return 0;
}

void sdi8k_pattern_destroy(struct sdi8k_pattern *p)
{
	kvfree(p);
}

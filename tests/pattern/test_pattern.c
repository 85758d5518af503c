// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test pattern generator (kernel/sdi8k-pattern.c, built in userspace)
 * against the independent checker (tests/tools/verify-frame.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

struct raster {
	unsigned int w, h;
	bool interlaced;
};

static const struct raster rasters[] = {
	{ 1920, 1080, false }, { 1920, 1080, true }, { 3840, 2160, false },
	{ 1286, 722, false }, { 1280, 720, false }, { 64, 64, false },
	{ 66, 142, true },
};

#define NRASTERS (sizeof(rasters) / sizeof(rasters[0]))

/* One generator, its frame buffer and the checker's view of it. */
struct rig {
	const struct fmt *f;
	struct sdi8k_pattern_geom g;
	struct vf_geom vg;
	struct vf_layout l;
	struct sdi8k_pattern *p;
	struct sink s;
	char name[96];
};

static void rig_init(struct rig *r, const struct fmt *f, unsigned int w,
		     unsigned int h, bool interlaced, unsigned int pad,
		     unsigned int tail)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	make_geom(f, w, h, interlaced, pad, tail, &r->g, &r->vg);
	vf_layout_init(&r->l, w, h);
	snprintf(r->name, sizeof(r->name), "%s %ux%u%s stride %u size %u",
		 f->name, w, h, interlaced ? "i" : "", r->g.bytesperline,
		 r->g.sizeimage);
	cr_assert_eq(sdi8k_pattern_create(&r->g, &r->p), 0, "create %s",
		     r->name);
	r->s.size = r->g.sizeimage;
	r->s.buf = malloc(r->s.size);
	cr_assert_not_null(r->s.buf);
	memset(r->s.buf, 0xa5, r->s.size);
}

static void rig_fini(struct rig *r)
{
	sdi8k_pattern_destroy(r->p);
	free(r->s.buf);
}

static void expect_ok(struct rig *r, u32 counter, unsigned int flags)
{
	struct vf_result res;
	int ret = vf_check(&r->vg, r->s.buf, 0, flags, &res);

	cr_assert_eq(ret, 0, "%s, frame %u: %s", r->name, counter, res.msg);
	cr_assert(res.valid && !res.torn);
	cr_assert_eq(res.counter, counter, "%s: counter %u, expected %u",
		     r->name, res.counter, counter);
}

/* Store 10-bit luma value v at pixel (x, y), whatever the format. */
static void set_luma(const struct vf_geom *g, u8 *buf, unsigned int x,
		     unsigned int y, unsigned int v)
{
	static const u8 slot[6] = { 1, 3, 5, 7, 9, 11 };
	u8 *row = buf + (size_t)y * g->stride;
	unsigned int w16 = v << 6, s, sh;
	u8 *b;
	u32 word;

	switch (g->format) {
	case VF_UYVY:
		row[2 * x + 1] = (v + 2) >> 2;
		break;
	case VF_YUYV:
		row[2 * x] = (v + 2) >> 2;
		break;
	case VF_NV16:
		row[x] = (v + 2) >> 2;
		break;
	case VF_P010:
	case VF_Y210:
		b = row + (g->format == VF_P010 ? 2 : 4) * x;
		b[0] = w16 & 0xff;
		b[1] = w16 >> 8;
		break;
	case VF_V210:
		s = slot[x % 6];
		b = row + x / 6 * 16 + s / 3 * 4;
		sh = s % 3 * 10;
		word = b[0] | b[1] << 8 | b[2] << 16 | (u32)b[3] << 24;
		word = (word & ~(0x3ffu << sh)) | v << sh;
		for (int i = 0; i < 4; i++)
			b[i] = word >> (8 * i);
		break;
	}
}

/* Copy lines [y0, y1) of luma (and their chroma) from @src into @dst. */
static void copy_lines(const struct vf_geom *g, u8 *dst, const u8 *src,
		       unsigned int y0, unsigned int y1, unsigned int every)
{
	size_t cplane = (size_t)g->stride * g->height;

	for (unsigned int y = y0; y < y1; y += every) {
		size_t o = (size_t)y * g->stride;

		memcpy(dst + o, src + o, g->stride);
		if (g->format == VF_NV16)
			memcpy(dst + cplane + o, src + cplane + o, g->stride);
		else if (g->format == VF_P010 && y % 2 == 0)
			memcpy(dst + cplane + o / 2, src + cplane + o / 2,
			       g->stride);
	}
}

/* Every raster, a few frames: a full paint writes every byte, verifies. */
static void full_paint_case(const struct fmt *f)
{
	static const u64 frames[] = { 0, 1, 12345, 0xffffffffULL,
				      (7ULL << 32) | 5 };

	for (unsigned int ri = 0; ri < NRASTERS; ri++) {
		const struct raster *ra = &rasters[ri];
		struct rig r;

		rig_init(&r, f, ra->w, ra->h, ra->interlaced, 0, 0);
		for (unsigned int k = 0; k < 5; k++) {
			/* exhaustive once per case, sampled otherwise */
			unsigned int fl = k == 2 ? VF_EXHAUSTIVE : 0;

			memset(r.s.buf, 0xa5, r.s.size);
			paint(r.p, &r.s, frames[k], SDI8K_PATTERN_FULL);
			cr_assert_eq(r.s.bad, 0, "%s: write past the end",
				     r.name);
			cr_assert_eq(r.s.bytes, r.s.size,
				     "%s: full paint wrote %zu of %zu", r.name,
				     r.s.bytes, r.s.size);
			expect_ok(&r, (u32)frames[k], fl);
		}
		rig_fini(&r);
	}
}

Test(full_paint, UYVY) { full_paint_case(&fmts[0]); }
Test(full_paint, YUYV) { full_paint_case(&fmts[1]); }
Test(full_paint, NV16) { full_paint_case(&fmts[2]); }
Test(full_paint, P010) { full_paint_case(&fmts[3]); }
Test(full_paint, Y210) { full_paint_case(&fmts[4]); }
Test(full_paint, v210) { full_paint_case(&fmts[5]); }

/* Padded stride and extra bytes after the planes: all written, as zeros */
Test(pattern, padding_written)
{
	for (unsigned int fi = 0; fi < nfmts; fi++) {
		struct rig r;

		rig_init(&r, &fmts[fi], 1286, 722, false, 200, 5000);
		paint(r.p, &r.s, 99, SDI8K_PATTERN_FULL);
		cr_assert_eq(r.s.bad, 0);
		cr_assert_eq(r.s.bytes, r.s.size, "%s", r.name);
		expect_ok(&r, 99, VF_EXHAUSTIVE);
		for (size_t i = r.vg.frame_size; i < r.s.size; i++)
			cr_assert_eq(r.s.buf[i], 0, "%s: tail byte %zu", r.name,
				     i);
		rig_fini(&r);
	}
}

/* Paint @from fully, then @to as a delta; compare with a full paint. */
static void check_delta(struct rig *r, u8 *ref, u64 from, u64 to,
			bool small)
{
	struct sink full = { .buf = ref, .size = r->s.size };

	paint(r->p, &r->s, from, SDI8K_PATTERN_FULL);
	paint(r->p, &r->s, to, from);
	cr_assert_eq(r->s.bad, 0, "%s: delta wrote past the end", r->name);
	if (small)
		cr_assert_lt(r->s.bytes * 100, r->s.size * 15,
			     "%s: delta %llu -> %llu wrote %zu of %zu bytes",
			     r->name, (unsigned long long)from,
			     (unsigned long long)to, r->s.bytes, r->s.size);
	memset(ref, 0x5a, r->s.size);
	paint(r->p, &full, to, SDI8K_PATTERN_FULL);
	cr_assert_eq(full.bad, 0, "%s: write past the end", r->name);
	if (memcmp(r->s.buf, ref, r->s.size)) {
		size_t i = 0;

		while (r->s.buf[i] == ref[i])
			i++;
		cr_assert_fail("%s: delta %llu -> %llu differs from full paint at byte %zu (line %zu)",
			       r->name, (unsigned long long)from,
			       (unsigned long long)to, i, i / r->g.bytesperline);
	}
	expect_ok(r, (u32)to, 0);
}

/* Deltas of every kind equal a full paint, byte for byte, and are small */
static void delta_case(const struct fmt *f)
{
	for (unsigned int ri = 0; ri < NRASTERS; ri++) {
		const struct raster *ra = &rasters[ri];
		bool big = ra->w >= 1280;
		struct rig r;
		u8 *ref;
		u64 n = 1000, P;

		rig_init(&r, f, ra->w, ra->h, ra->interlaced, 0, 0);
		ref = malloc(r.s.size);
		cr_assert_not_null(ref);
		P = r.l.npos;
		check_delta(&r, ref, n, n + 1, big);
		check_delta(&r, ref, n, n + 7, big);
		check_delta(&r, ref, n + 7, n, big);
		check_delta(&r, ref, P - 1, P, big);	/* the box wraps */
		check_delta(&r, ref, 3 * P - 2, 3 * P + 1, big);
		check_delta(&r, ref, 0xffffffffULL, 0x100000000ULL, big);
		check_delta(&r, ref, 0x7fffffffULL, 0x80000000ULL, big);
		check_delta(&r, ref, 0x12345678ULL, 0xedcba987ULL, big);
		/* same low 32 bits: nothing to write */
		paint(r.p, &r.s, 5, SDI8K_PATTERN_FULL);
		paint(r.p, &r.s, (1ULL << 32) | 5, 5);
		cr_assert_eq(r.s.bytes, 0);
		free(ref);
		rig_fini(&r);
	}
}

Test(delta, UYVY) { delta_case(&fmts[0]); }
Test(delta, YUYV) { delta_case(&fmts[1]); }
Test(delta, NV16) { delta_case(&fmts[2]); }
Test(delta, P010) { delta_case(&fmts[3]); }
Test(delta, Y210) { delta_case(&fmts[4]); }
Test(delta, v210) { delta_case(&fmts[5]); }

/* A long run of deltas, as the simulated card does, stays exact. */
Test(delta, chain)
{
	for (unsigned int fi = 0; fi < nfmts; fi++) {
		struct rig r;
		size_t total = 0;

		rig_init(&r, &fmts[fi], 1920, 1080, false, 0, 0);
		paint(r.p, &r.s, 0, SDI8K_PATTERN_FULL);
		for (u64 n = 1; n < 600; n++) {
			paint(r.p, &r.s, n, n - 1);
			total += r.s.bytes;
			if (n % 97 == 0)
				expect_ok(&r, (u32)n, n == 582 ? VF_EXHAUSTIVE : 0);
		}
		cr_assert_eq(r.s.bad, 0, "%s: write past the end", r.name);
		cr_assert_lt(total / 599 * 100, r.s.size * 5,
			     "%s: %zu bytes per delta", r.name, total / 599);
		rig_fini(&r);
	}
}

static void expect_fail(struct rig *r, const char *what, bool want_torn)
{
	struct vf_result res;

	cr_assert_neq(vf_check(&r->vg, r->s.buf, -1, 0, &res), 0,
		      "%s: %s not detected", r->name, what);
	cr_assert(res.msg[0], "%s: no message", r->name);
	if (want_torn)
		cr_assert(res.torn, "%s: %s: not reported torn (%s)", r->name,
			  what, res.msg);
}

/* ---- remapped paints (the simulated card's quad-link reassembly) ---- */

struct remap {
	unsigned int w, h;
	int kind;	/* 0 identity, 1 pairs of pairs and lines swapped, 2 halves */
};

/* Output pair k of line y shows picture pair src_pair[k] of src_y[k]. */
static void remap_fn(void *ctx, u32 y, u32 *src_y, u32 *src_pair)
{
	const struct remap *m = ctx;
	unsigned int pairs = m->w / 2;

	for (unsigned int k = 0; k < pairs; k++) {
		switch (m->kind) {
		case 0:
			src_y[k] = y;
			src_pair[k] = k;
			break;
		case 1:	/* 2SI links 1<->4: both parities flipped */
			src_y[k] = y ^ 1;
			src_pair[k] = (k ^ 1) < pairs ? k ^ 1 : k;
			break;
		default: /* left and right halves swapped, lower half black */
			src_y[k] = y < m->h / 2 ? y : m->h;
			src_pair[k] = (k + pairs / 2) % pairs;
			break;
		}
	}
}

static void remap_case(const struct fmt *f)
{
	static const struct { unsigned int w, h; } sizes[] = {
		{ 1920, 1080 }, { 1286, 722 }, { 66, 142 },
	};

	for (unsigned int si = 0; si < 3; si++) {
		for (int kind = 0; kind < 3; kind++) {
			struct remap m = { sizes[si].w, sizes[si].h, kind };
			u32 sy[8192], sp[8192], c = 4321;
			struct rig r;
			u8 *ref;

			rig_init(&r, f, m.w, m.h, false, 6, 10);
			paint(r.p, &r.s, c, SDI8K_PATTERN_FULL);
			ref = malloc(r.s.size);
			cr_assert_not_null(ref);
			memcpy(ref, r.s.buf, r.s.size);
			memset(r.s.buf, 0xa5, r.s.size);
			sdi8k_pattern_paint_mapped(r.p, c, remap_fn, &m,
						   sink_write, &r.s);
			cr_assert_eq(r.s.bad, 0, "%s: write past the end",
				     r.name);
			if (kind == 0) {
				cr_assert(!memcmp(ref, r.s.buf, r.s.size),
					  "%s: identity map differs from a full paint",
					  r.name);
				expect_ok(&r, c, VF_EXHAUSTIVE);
			}
			/* every sample where the map says (checker's values) */
			for (unsigned int y = 0; y < m.h; y++) {
				unsigned int cy = f->vf == VF_P010 ? y & ~1u : y;
				u32 cyy[8192], cyp[8192];

				remap_fn(&m, y, sy, sp);
				remap_fn(&m, cy, cyy, cyp);
				for (unsigned int x = 0; x < m.w; x++) {
					unsigned int k = x / 2;
					uint16_t got[3], wy[3], wc[3];

					vf_sample(&r.vg, r.s.buf, x, y, got);
					if (sy[k] < m.h)
						vf_expect(&r.l, c, 2 * sp[k] + x % 2,
							  sy[k], wy);
					else
						wy[0] = 0;
					if (cyy[k] < m.h)
						vf_expect(&r.l, c, 2 * cyp[k],
							  cyy[k], wc);
					else
						wc[1] = wc[2] = 0;
					if (vf_format_8bit(f->vf)) {
						for (int i = 0; i < 3; i++) {
							wy[i] = (wy[i] + 2) >> 2;
							wc[i] = (wc[i] + 2) >> 2;
						}
					}
					cr_assert(got[0] == wy[0] &&
						  got[1] == wc[1] &&
						  got[2] == wc[2],
						  "%s map %d (%u,%u): got %u %u %u, want %u %u %u",
						  r.name, kind, x, y, got[0],
						  got[1], got[2], wy[0], wc[1],
						  wc[2]);
				}
			}
			if (kind) {
				struct vf_result res;

				cr_assert_neq(vf_check(&r.vg, r.s.buf, 0, 0, &res),
					      0, "%s: map %d passes the checker",
					      r.name, kind);
			}
			free(ref);
			rig_fini(&r);
		}
	}
}

Test(remap, UYVY) { remap_case(&fmts[0]); }
Test(remap, YUYV) { remap_case(&fmts[1]); }
Test(remap, NV16) { remap_case(&fmts[2]); }
Test(remap, P010) { remap_case(&fmts[3]); }
Test(remap, Y210) { remap_case(&fmts[4]); }
Test(remap, v210) { remap_case(&fmts[5]); }

Test(pattern, detects_corruption)
{
	for (unsigned int fi = 0; fi < nfmts; fi++) {
		struct rig r;
		const struct vf_layout *l = &r.l;
		unsigned int xcell, x, y;
		u8 *save;

		rig_init(&r, &fmts[fi], 1920, 1080, false, 0, 0);
		save = malloc(r.s.size);
		paint(r.p, &r.s, 4242, SDI8K_PATTERN_FULL);
		memcpy(save, r.s.buf, r.s.size);
		expect_ok(&r, 4242, 0);

		/* one pixel of a counter cell goes grey */
		xcell = l->code_x + 20 * l->cell + l->cell / 2;
		set_luma(&r.vg, r.s.buf, xcell, 3, 502);
		expect_fail(&r, "grey counter pixel", false);
		memcpy(r.s.buf, save, r.s.size);

		/* a whole cell of the bottom band flips */
		for (y = l->h - l->band; y < l->h; y++) {
			for (x = l->code_x + 40 * l->cell;
			     x < l->code_x + 41 * l->cell; x++) {
				uint16_t s[3];

				vf_sample(&r.vg, r.s.buf, x, y, s);
				if (vf_format_8bit(r.vg.format))
					s[0] *= 4;
				set_luma(&r.vg, r.s.buf, x, y,
					 s[0] > 502 ? 64 : 940);
			}
		}
		expect_fail(&r, "flipped counter cell", false);
		memcpy(r.s.buf, save, r.s.size);

		/* a bar sample: pattern 2, 75% white, at a sampled point */
		y = 2 * ((l->y1 + l->y2) / 4);
		x = (l->x[13] + (l->x[49] - l->x[13]) / 2) / 2 * 2;
		set_luma(&r.vg, r.s.buf, x + 1, y + 1, 700);
		{
			struct vf_result res;

			cr_assert_neq(vf_check(&r.vg, r.s.buf, -1, 0, &res), 0,
				      "%s: bar sample not detected", r.name);
			cr_assert(res.valid && res.bad_bars > 0);
		}
		memcpy(r.s.buf, save, r.s.size);

		/* the ramp off by one code (10-bit) or two (8-bit) */
		y = 2 * ((l->y2 + l->y3) / 4);
		x = (l->x[13] + (l->x[43] - l->x[13]) * 3 / 4) / 2 * 2;
		{
			uint16_t s[3];

			vf_sample(&r.vg, r.s.buf, x, y, s);
			set_luma(&r.vg, r.s.buf, x, y,
				 vf_format_8bit(r.vg.format) ? s[0] * 4 + 8 :
				 s[0] + 1);
		}
		expect_fail(&r, "ramp sample", false);
		memcpy(r.s.buf, save, r.s.size);

		/* a stale box: the box band of another frame */
		paint(r.p, &r.s, 4242 + 20, SDI8K_PATTERN_FULL);
		memcpy(save, r.s.buf, r.s.size);
		paint(r.p, &r.s, 4242, SDI8K_PATTERN_FULL);
		copy_lines(&r.vg, r.s.buf, save, l->box_y, l->box_y + l->box, 1);
		{
			struct vf_result res;

			cr_assert_neq(vf_check(&r.vg, r.s.buf, -1, 0, &res), 0,
				      "%s: misplaced box not detected", r.name);
			cr_assert(res.valid && res.bad_box > 0, "%s", r.name);
		}
		free(save);
		rig_fini(&r);
	}
}

Test(pattern, detects_torn)
{
	for (unsigned int fi = 0; fi < nfmts; fi++) {
		for (int il = 0; il < 2; il++) {
			struct rig r;
			u8 *next;

			rig_init(&r, &fmts[fi], 1920, 1080, il, 0, 0);
			next = malloc(r.s.size);
			paint(r.p, &r.s, 77, SDI8K_PATTERN_FULL);
			memcpy(next, r.s.buf, r.s.size);
			paint(r.p, &r.s, 76, SDI8K_PATTERN_FULL);
			expect_ok(&r, 76, 0);
			/* bottom half from the next frame */
			copy_lines(&r.vg, r.s.buf, next, 540, 1080, 1);
			expect_fail(&r, "torn frame", true);
			if (il) {
				/* the bottom field from the next frame */
				paint(r.p, &r.s, 76, SDI8K_PATTERN_FULL);
				copy_lines(&r.vg, r.s.buf, next, 1, 1080, 2);
				expect_fail(&r, "mixed fields", true);
			}
			free(next);
			rig_fini(&r);
		}
	}
}

Test(pattern, create_rejects_bad_geometry)
{
	struct sdi8k_pattern_geom g, good;
	struct vf_geom vg;
	struct sdi8k_pattern *p = NULL;

	make_geom(&fmts[0], 1920, 1080, false, 0, 0, &good, &vg);
	cr_assert_eq(sdi8k_pattern_create(&good, &p), 0);
	sdi8k_pattern_destroy(p);
	sdi8k_pattern_destroy(NULL);
	cr_assert_eq(sdi8k_pattern_create(NULL, &p), -EINVAL);
	cr_assert_eq(sdi8k_pattern_create(&good, NULL), -EINVAL);

#define REJECT(field, value) do {					\
		g = good;						\
		g.field = (value);					\
		p = NULL;						\
		cr_assert_eq(sdi8k_pattern_create(&g, &p), -EINVAL,	\
			     #field " = " #value);			\
		cr_assert_null(p);					\
	} while (0)
	REJECT(fourcc, V4L2_PIX_FMT_RGB24);
	REJECT(fourcc, 0);
	REJECT(width, 1921);
	REJECT(width, 62);
	REJECT(width, 0);
	REJECT(width, 20000);
	REJECT(height, 63);
	REJECT(height, 0);
	REJECT(height, 20000);
	REJECT(bytesperline, 3838);
	REJECT(bytesperline, 0);
	REJECT(sizeimage, 1920 * 2 * 1080 - 1);
	REJECT(sizeimage, 0);
	g = good;
	g.interlaced = true;
	g.height = 1081;
	g.sizeimage = 1920 * 2 * 1081;
	cr_assert_eq(sdi8k_pattern_create(&g, &p), -EINVAL, "odd interlaced");

	make_geom(&fmts[3], 1920, 1080, false, 0, 0, &good, &vg);	/* P010 */
	REJECT(height, 1081);
	REJECT(sizeimage, 1920 * 2 * 1080 * 3 / 2 - 1);
	make_geom(&fmts[2], 1920, 1080, false, 0, 0, &good, &vg);	/* NV16 */
	REJECT(sizeimage, 1920 * 1080 * 2 - 1);
	make_geom(&fmts[5], 1286, 722, false, 0, 0, &good, &vg);	/* v210 */
	REJECT(bytesperline, 1286 * 8 / 3);
	REJECT(bytesperline, 3455);
	/* and odd heights are fine for 4:2:2 */
	make_geom(&fmts[0], 640, 361, false, 0, 0, &good, &vg);
	cr_assert_eq(sdi8k_pattern_create(&good, &p), 0);
	sdi8k_pattern_destroy(p);
}

/* The CLI over files of frames: sequence checks and error handling. */
static int run_verify(const char *args, const char *file)
{
	char cmd[512];
	int st;

	snprintf(cmd, sizeof(cmd),
		 "%s --format %s %s >/dev/null 2>&1", VERIFY_BIN, args, file);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_frames(const char *file, struct rig *r, const u64 *frames,
			 unsigned int n, size_t extra)
{
	FILE *fp = fopen(file, "wb");

	cr_assert_not_null(fp);
	paint(r->p, &r->s, frames[0], SDI8K_PATTERN_FULL);
	for (unsigned int i = 0; i < n; i++) {
		if (i)
			paint(r->p, &r->s, frames[i], frames[i - 1]);
		fwrite(r->s.buf, 1, r->s.size, fp);
	}
	fwrite(r->s.buf, 1, extra, fp);
	cr_assert_eq(fclose(fp), 0);
}

Test(verify_cli, sequences)
{
	static const u64 seq[] = { 41, 42, 43, 44, 45 };
	static const u64 gap[] = { 41, 42, 44, 45 };
	static const u64 dup[] = { 41, 42, 42, 43 };
	char file[] = "/tmp/sdi8k-pattern-test-XXXXXX";
	char png[64];
	int fd = mkstemp(file);
	struct rig r;

	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(png, sizeof(png), "%s.png", file);
	rig_init(&r, &fmts[5], 1920, 1080, true, 0, 0);
	const char *a = "v210 --width 1920 --height 1080 --interlaced";
	char args[256];

	write_frames(file, &r, seq, 5, 0);
	snprintf(args, sizeof(args), "%s --expect-consecutive --first 41 --png %s --frame-index 4",
		 a, png);
	cr_assert_eq(run_verify(args, file), 0);
	cr_assert_eq(access(png, R_OK), 0);
	snprintf(args, sizeof(args), "%s --expect-consecutive --first 40", a);
	cr_assert_eq(run_verify(args, file), 1);
	snprintf(args, sizeof(args), "%s --expect-consecutive --exhaustive", a);
	cr_assert_eq(run_verify(args, file), 0);

	write_frames(file, &r, gap, 4, 0);
	snprintf(args, sizeof(args), "%s --expect-consecutive", a);
	cr_assert_eq(run_verify(args, file), 1);
	snprintf(args, sizeof(args), "%s --expect-consecutive --allow-gaps", a);
	cr_assert_eq(run_verify(args, file), 0);
	cr_assert_eq(run_verify(a, file), 0);

	write_frames(file, &r, dup, 4, 0);
	snprintf(args, sizeof(args), "%s --allow-gaps", a);
	cr_assert_eq(run_verify(args, file), 1);

	write_frames(file, &r, seq, 2, 100);	/* trailing partial frame */
	cr_assert_eq(run_verify(a, file), 2);
	cr_assert_eq(run_verify("v211 --width 1920 --height 1080", file), 2);
	cr_assert_eq(run_verify("v210 --width 1920", file), 2);
	cr_assert_eq(run_verify("v210 --width 1920 --height 1080 --tolerance x",
				file), 2);
	/* the wrong size: garbage, not a crash */
	write_frames(file, &r, seq, 1, 0);
	cr_assert_eq(run_verify("UYVY --width 1280 --height 720", file), 1);
	cr_assert_eq(run_verify("UYVY --width 1280 --height 722", file), 2);
	cr_assert_eq(run_verify("v210 --width 1920 --height 540", file), 1);
	unlink(file);
	unlink(png);
	rig_fini(&r);
}

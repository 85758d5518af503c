// SPDX-License-Identifier: LGPL-2.1-or-later
/* Known vectors: exact expected samples of single groups and lines. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include <sdi8k/convert.h>

#include "helpers.h"

static const struct sdi8k_convert_opts copts = { .threads = 1,
						  .cpu_cap = SDI8K_CPU_C };

/* One v210 group: samples Cb0 Y0 Cr0 Y1 Cb2 Y2 Cr2 Y3 Cb4 Y4 Cr4 Y5. */
static const uint16_t smp[12] = { 64, 940, 960, 0, 1023, 512,
				  1, 2, 3, 4, 1020, 1019 };

static void put_group(uint8_t *p, const uint16_t s[12], uint32_t pad)
{
	for (int k = 0; k < 4; k++) {
		uint32_t w = s[3 * k] | (uint32_t)s[3 * k + 1] << 10 |
			     (uint32_t)s[3 * k + 2] << 20 | pad << 30;

		memcpy(p + 4 * k, &w, 4);
	}
}

static uint16_t get16(const struct tframe *t, int p, int y, int i)
{
	uint16_t v;

	memcpy(&v, t->buf[p] + (size_t)y * t->f.stride[p] + 2 * (size_t)i, 2);
	return v;
}

static void v210_frame(struct tframe *s, uint32_t w, uint32_t h, uint32_t pad)
{
	tframe_alloc(s, SDI8K_FMT_V210, w, h, 0);
	tframe_fill(s, FILL_ZERO, 0);
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t g = 0; g < (w + 5) / 6; g++)
			put_group(s->buf[0] + y * s->f.stride[0] + 16 * g, smp, pad);
}

Test(v210, group_decodes_to_known_samples_padding_bits_ignored)
{
	for (uint32_t pad = 0; pad < 4; pad += 3) {
		struct tframe s, d;

		v210_frame(&s, 6, 1, pad);
		tframe_alloc(&d, SDI8K_FMT_YUV422P10, 6, 1, 0);
		cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
		for (int i = 0; i < 6; i++)
			cr_assert_eq(get16(&d, 0, 0, i), smp[2 * i + 1], "Y%d", i);
		for (int i = 0; i < 3; i++) {
			cr_assert_eq(get16(&d, 1, 0, i), smp[4 * i], "Cb%d", i);
			cr_assert_eq(get16(&d, 2, 0, i), smp[4 * i + 2], "Cr%d", i);
		}
		tframe_free(&s);
		tframe_free(&d);
	}
}

Test(v210, encode_known_group_and_zero_padding)
{
	struct tframe s, d;
	uint8_t want[16];

	/* width 4: Y4, Y5, Cb4, Cr4 are padding and must come out 0 */
	tframe_alloc(&s, SDI8K_FMT_YUV422P10, 4, 1, 0);
	for (int i = 0; i < 4; i++)
		memcpy(s.buf[0] + 2 * i, &smp[2 * i + 1], 2);
	for (int i = 0; i < 2; i++) {
		memcpy(s.buf[1] + 2 * i, &smp[4 * i], 2);
		memcpy(s.buf[2] + 2 * i, &smp[4 * i + 2], 2);
	}
	tframe_alloc(&d, SDI8K_FMT_V210, 4, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	uint16_t z[12];
	memcpy(z, smp, sizeof(z));
	z[8] = z[9] = z[10] = z[11] = 0;
	put_group(want, z, 0);
	cr_assert_arr_eq(d.buf[0], want, 16);
	for (int i = 16; i < 128; i++) /* rest of the 48-pixel group */
		cr_assert_eq(d.buf[0][i], 0, "byte %d", i);
	tframe_free(&s);
	tframe_free(&d);
}

Test(v210, to_p210_y210_high_bits)
{
	struct tframe s, p, y;

	v210_frame(&s, 6, 1, 3);
	tframe_alloc(&p, SDI8K_FMT_P210, 6, 1, 0);
	tframe_alloc(&y, SDI8K_FMT_Y210, 6, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &p.f, &copts), 0);
	cr_assert_eq(sdi8k_convert(&s.f, &y.f, &copts), 0);
	for (int i = 0; i < 6; i++) {
		cr_assert_eq(get16(&p, 0, 0, i), smp[2 * i + 1] << 6);
		cr_assert_eq(get16(&y, 0, 0, 2 * i), smp[2 * i + 1] << 6);
		/* P210 chroma: Cb Cr; Y210: Y0 Cb Y1 Cr */
		cr_assert_eq(get16(&p, 1, 0, i), smp[2 * i] << 6);
		cr_assert_eq(get16(&y, 0, 0, 2 * i + 1), smp[2 * i] << 6);
	}
	tframe_free(&s);
	tframe_free(&p);
	tframe_free(&y);
}

Test(v210, to_uyvy_rounds_to_nearest_and_saturates)
{
	struct tframe s, d;

	v210_frame(&s, 6, 1, 0);
	tframe_alloc(&d, SDI8K_FMT_UYVY, 6, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	for (int i = 0; i < 12; i++) {
		unsigned e = (smp[i] + 2u) >> 2;

		cr_assert_eq(d.buf[0][i], e > 255 ? 255 : e, "sample %d: %u", i,
			     smp[i]);
	}
	/* explicit: 1 -> 0, 2 -> 1, 3 -> 1, 512 -> 128, 1020 -> 255, 1023 -> 255 */
	cr_assert_eq(d.buf[0][6], 0);
	cr_assert_eq(d.buf[0][7], 1);
	cr_assert_eq(d.buf[0][8], 1);
	cr_assert_eq(d.buf[0][5], 128);
	cr_assert_eq(d.buf[0][10], 255);
	cr_assert_eq(d.buf[0][4], 255);
	tframe_free(&s);
	tframe_free(&d);
}

Test(v210, to_p010_averages_chroma_of_line_pairs)
{
	/* 3 lines, chroma a, b, c: P010 chroma line 0 = (a+b+1)>>1, line 1 = c */
	static const uint16_t a[3] = { 0, 1, 1023 }, b[3] = { 1, 2, 1022 };
	struct tframe s, d;

	tframe_alloc(&s, SDI8K_FMT_YUV422P10, 6, 3, 0);
	tframe_fill(&s, FILL_ZERO, 0);
	for (int i = 0; i < 3; i++) {
		memcpy(s.buf[1] + 2 * i, &a[i], 2);
		memcpy(s.buf[1] + s.f.stride[1] + 2 * i, &b[i], 2);
		memcpy(s.buf[1] + 2 * s.f.stride[1] + 2 * i, &b[i], 2);
	}
	tframe_alloc(&d, SDI8K_FMT_P010, 6, 3, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	cr_assert_eq(get16(&d, 1, 0, 0), 1 << 6);
	cr_assert_eq(get16(&d, 1, 0, 2), 2 << 6);
	cr_assert_eq(get16(&d, 1, 0, 4), 1023 << 6);
	cr_assert_eq(get16(&d, 1, 1, 0), 1 << 6);  /* last line alone */
	cr_assert_eq(get16(&d, 1, 1, 4), 1022 << 6);
	tframe_free(&s);
	tframe_free(&d);
}

Test(samples, low_bit_input_saturates_high_bit_input_truncates)
{
	struct tframe s, d;
	uint16_t v = 0xffff;

	tframe_alloc(&s, SDI8K_FMT_YUV422P10, 2, 1, 0);
	tframe_fill(&s, FILL_ZERO, 0);
	memcpy(s.buf[0], &v, 2);           /* 0xffff -> 1023 */
	v = 1025;
	memcpy(s.buf[0] + 2, &v, 2);       /* 1025 -> 1023 */
	tframe_alloc(&d, SDI8K_FMT_P210, 2, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	cr_assert_eq(get16(&d, 0, 0, 0), 1023 << 6);
	cr_assert_eq(get16(&d, 0, 0, 1), 1023 << 6);
	tframe_free(&s);
	tframe_free(&d);

	tframe_alloc(&s, SDI8K_FMT_P210, 2, 1, 0);
	tframe_fill(&s, FILL_ONES, 0);
	v = (100 << 6) | 63;
	memcpy(s.buf[0], &v, 2);
	tframe_alloc(&d, SDI8K_FMT_YUV422P10, 2, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	cr_assert_eq(get16(&d, 0, 0, 0), 100);
	cr_assert_eq(get16(&d, 0, 0, 1), 1023);
	tframe_free(&s);
	tframe_free(&d);
}

Test(samples, eight_bit_input_shifts_left)
{
	struct tframe s, d;
	const uint8_t uyvy[4] = { 128, 16, 240, 235 };

	tframe_alloc(&s, SDI8K_FMT_UYVY, 2, 1, 0);
	memcpy(s.buf[0], uyvy, 4);
	tframe_alloc(&d, SDI8K_FMT_YUV422P10, 2, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	cr_assert_eq(get16(&d, 0, 0, 0), 64);
	cr_assert_eq(get16(&d, 0, 0, 1), 940);
	cr_assert_eq(get16(&d, 1, 0, 0), 512);
	cr_assert_eq(get16(&d, 2, 0, 0), 960);
	tframe_free(&s);
	tframe_free(&d);
}

Test(samples, clip_sdi_flag_keeps_timing_codes_out)
{
	struct tframe s, d;
	struct sdi8k_convert_opts o = copts;

	v210_frame(&s, 6, 1, 0);
	tframe_alloc(&d, SDI8K_FMT_YUV422P10, 6, 1, 0);
	o.flags = SDI8K_CONVERT_CLIP_SDI;
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &o), 0);
	for (int i = 0; i < 6; i++) {
		uint16_t e = smp[2 * i + 1];

		e = e < 4 ? 4 : e > 1019 ? 1019 : e;
		cr_assert_eq(get16(&d, 0, 0, i), e, "Y%d", i);
	}
	tframe_free(&s);
	tframe_free(&d);
}

Test(packed, odd_width_padding_luma_is_zero)
{
	struct tframe s, d;

	v210_frame(&s, 5, 1, 0);
	for (int f = 0; f < 3; f++) {
		enum sdi8k_pixfmt fm[3] = { SDI8K_FMT_UYVY, SDI8K_FMT_YUYV,
					    SDI8K_FMT_Y210 };

		tframe_alloc(&d, fm[f], 5, 1, 0);
		cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
		if (fm[f] == SDI8K_FMT_UYVY)
			cr_assert_eq(d.buf[0][11], 0);
		else if (fm[f] == SDI8K_FMT_YUYV)
			cr_assert_eq(d.buf[0][10], 0);
		else
			cr_assert_eq(get16(&d, 0, 0, 10), 0);
		cr_assert(tframe_canaries_ok(&d));
		tframe_free(&d);
	}
	tframe_free(&s);
}

/* RGB: exact on black/white/grey, and within 1 of the float equations. */
static void rgb_ref(int m, int Y, int U, int V, double max, double out[3])
{
	double kr = m ? 0.2627 : 0.2126, kb = m ? 0.0593 : 0.0722;
	double kg = 1 - kr - kb, yn = (Y - 64) / 876.0;
	double pb = (U - 512) / 896.0, pr = (V - 512) / 896.0;
	double r = yn + 2 * (1 - kr) * pr, b = yn + 2 * (1 - kb) * pb;
	double g = yn - 2 * kb * (1 - kb) / kg * pb - 2 * kr * (1 - kr) / kg * pr;

	out[0] = fmin(fmax(round(r * max), 0), max);
	out[1] = fmin(fmax(round(g * max), 0), max);
	out[2] = fmin(fmax(round(b * max), 0), max);
}

Test(rgb, matrices_against_float_equations)
{
	for (int m = 0; m < 2; m++) {
		struct tframe s, b8, x10;
		struct sdi8k_convert_opts o = copts;
		uint64_t seed = 5;
		const int W = 64;

		o.matrix = m ? SDI8K_MATRIX_BT2020 : SDI8K_MATRIX_BT709;
		tframe_alloc(&s, SDI8K_FMT_YUV422P10, W, 1, 0);
		for (int i = 0; i < W; i++) {
			uint16_t y = (uint16_t)(rnd64(&seed) % 1024);

			if (i == 0) y = 64;
			if (i == 1) y = 940;
			if (i == 2) y = 502;
			memcpy(s.buf[0] + 2 * i, &y, 2);
		}
		for (int i = 0; i < W / 2; i++) {
			uint16_t u = (uint16_t)(rnd64(&seed) % 1024),
				 v = (uint16_t)(rnd64(&seed) % 1024);

			if (i < 2)
				u = v = 512;
			memcpy(s.buf[1] + 2 * i, &u, 2);
			memcpy(s.buf[2] + 2 * i, &v, 2);
		}
		tframe_alloc(&b8, SDI8K_FMT_BGRA, W, 1, 0);
		tframe_alloc(&x10, SDI8K_FMT_X2RGB10, W, 1, 0);
		cr_assert_eq(sdi8k_convert(&s.f, &b8.f, &o), 0);
		cr_assert_eq(sdi8k_convert(&s.f, &x10.f, &o), 0);
		for (int i = 0; i < W; i++) {
			double e8[3], e10[3];
			uint32_t px;
			int Y = get16(&s, 0, 0, i), U = get16(&s, 1, 0, i / 2),
			    V = get16(&s, 2, 0, i / 2);
			const uint8_t *p = b8.buf[0] + 4 * i;
			int r10, g10, b10;

			rgb_ref(m, Y, U, V, 255, e8);
			rgb_ref(m, Y, U, V, 1023, e10);
			memcpy(&px, x10.buf[0] + 4 * i, 4);
			b10 = px & 1023;
			g10 = (px >> 10) & 1023;
			r10 = (px >> 20) & 1023;
			cr_assert_eq(px >> 30, 0);
			cr_assert_eq(p[3], 255);
			cr_assert_leq(fabs(p[2] - e8[0]), 1, "R %d: %d vs %f", i, p[2], e8[0]);
			cr_assert_leq(fabs(p[1] - e8[1]), 1, "G %d", i);
			cr_assert_leq(fabs(p[0] - e8[2]), 1, "B %d", i);
			cr_assert_leq(fabs(r10 - e10[0]), 1, "R10 %d", i);
			cr_assert_leq(fabs(g10 - e10[1]), 1, "G10 %d", i);
			cr_assert_leq(fabs(b10 - e10[2]), 1, "B10 %d", i);
			if (i == 0) /* black */
				cr_assert(p[0] == 0 && p[1] == 0 && p[2] == 0 &&
					  px == 0);
			if (i == 1) /* white */
				cr_assert(p[0] == 255 && p[1] == 255 &&
					  p[2] == 255 && px == 0x3fffffff);
			if (i == 2) /* 50% grey: (502-64)/876 = 0.5, a tie */
				cr_assert(p[0] == p[1] && p[1] == p[2] &&
					  b10 == g10 && g10 == r10);
		}
		tframe_free(&s);
		tframe_free(&b8);
		tframe_free(&x10);
	}
}

Test(rgb, bt709_and_bt2020_differ_on_red)
{
	/* BT.709 100% red: Y 250, Cb 409, Cr 960 */
	struct tframe s, d;
	struct sdi8k_convert_opts o = copts;
	const uint16_t y = 250, u = 409, v = 960;

	tframe_alloc(&s, SDI8K_FMT_YUV422P10, 2, 1, 0);
	memcpy(s.buf[0], &y, 2);
	memcpy(s.buf[0] + 2, &y, 2);
	memcpy(s.buf[1], &u, 2);
	memcpy(s.buf[2], &v, 2);
	tframe_alloc(&d, SDI8K_FMT_BGRA, 2, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &o), 0);
	cr_assert_eq(d.buf[0][2], 255);
	cr_assert_leq(d.buf[0][1], 1);
	cr_assert_leq(d.buf[0][0], 1);
	o.matrix = SDI8K_MATRIX_BT2020;
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &o), 0);
	cr_assert_lt(d.buf[0][2], 250); /* R 0.949 in BT.2020 */
	cr_assert_gt(d.buf[0][2], 235);
	tframe_free(&s);
	tframe_free(&d);
}

/* RGB -> Y'CbCr: BT.709 / BT.2020 colour bars, exact 10-bit values */
Test(rgb, to_yuv_known_bars)
{
	/* 100% white, black, red, green, blue (BT.709 10-bit: ITU-R BT.2111) */
	static const struct {
		uint8_t b, g, r;
		uint16_t y709, cb709, cr709;
	} bars[] = {
		{ 255, 255, 255, 940, 512, 512 },
		{ 0, 0, 0, 64, 512, 512 },
		{ 0, 0, 255, 250, 409, 960 },
		{ 0, 255, 0, 691, 167, 105 },
		{ 255, 0, 0, 127, 960, 471 },
	};
	const unsigned n = sizeof(bars) / sizeof(bars[0]);

	for (unsigned i = 0; i < n; i++) {
		struct tframe s, d;

		/* 2 equal pixels, so the chroma filter sees one colour */
		tframe_alloc(&s, SDI8K_FMT_BGRA, 2, 1, 0);
		for (int k = 0; k < 2; k++) {
			s.buf[0][4 * k] = bars[i].b;
			s.buf[0][4 * k + 1] = bars[i].g;
			s.buf[0][4 * k + 2] = bars[i].r;
			s.buf[0][4 * k + 3] = 0; /* alpha ignored */
		}
		tframe_alloc(&d, SDI8K_FMT_YUV422P10, 2, 1, 0);
		cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
		cr_assert_eq(get16(&d, 0, 0, 0), bars[i].y709, "bar %u Y %u", i,
			     get16(&d, 0, 0, 0));
		cr_assert_eq(get16(&d, 1, 0, 0), bars[i].cb709, "bar %u Cb %u", i,
			     get16(&d, 1, 0, 0));
		cr_assert_eq(get16(&d, 2, 0, 0), bars[i].cr709, "bar %u Cr %u", i,
			     get16(&d, 2, 0, 0));
		tframe_free(&s);
		tframe_free(&d);
	}
}

Test(rgb, to_yuv_chroma_is_cosited_121)
{
	/* Cb of a line whose pixels' own Cb are a, b, c, ... : pixel pair 1
	 * gets (p1 + 2 p2 + p3) / 4. Blue varies, Y' weights differ. */
	struct tframe s, d;
	const uint8_t blue[4] = { 0, 255, 0, 255 };
	int32_t cb[4];

	tframe_alloc(&s, SDI8K_FMT_BGRA, 4, 1, 0);
	memset(s.buf[0], 0, 16);
	for (int k = 0; k < 4; k++)
		s.buf[0][4 * k] = blue[k];
	tframe_alloc(&d, SDI8K_FMT_YUV422P10, 4, 1, 0);
	cr_assert_eq(sdi8k_convert(&s.f, &d.f, &copts), 0);
	/* per-pixel Cb - 512 (exact for a single-colour pair): black 0,
	 * blue +448 */
	for (int k = 0; k < 4; k++)
		cb[k] = blue[k] ? 448 : 0;
	/* pair 0: pixels -1 (= 0), 0, 1 -> (0 + 0 + 448) / 4 = 112 */
	cr_assert_eq(get16(&d, 1, 0, 0), 512 + (cb[0] + 2 * cb[0] + cb[1]) / 4);
	/* pair 1: pixels 1, 2, 3 -> (448 + 0 + 448) / 4 = 224 */
	cr_assert_eq(get16(&d, 1, 0, 1), 512 + (cb[1] + 2 * cb[2] + cb[3]) / 4);
	tframe_free(&s);
	tframe_free(&d);
}

Test(rgb, yuv_rgb_yuv_round_trip_within_one)
{
	for (int m = 0; m < 2; m++) {
		struct sdi8k_convert_opts o = copts;
		struct tframe a, rgb, b;
		uint64_t seed = 77;
		const int W = 64;

		o.matrix = m ? SDI8K_MATRIX_BT2020 : SDI8K_MATRIX_BT709;
		tframe_alloc(&a, SDI8K_FMT_YUV422P10, W, 1, 0);
		/* flat chroma per pair and mid-range values: no clipping, and
		 * the [1 2 1] filter sees equal neighbours */
		uint16_t u = (uint16_t)(400 + rnd64(&seed) % 200),
			 v = (uint16_t)(400 + rnd64(&seed) % 200);
		for (int i = 0; i < W; i++) {
			uint16_t y = (uint16_t)(300 + rnd64(&seed) % 400);

			memcpy(a.buf[0] + 2 * i, &y, 2);
		}
		for (int i = 0; i < W / 2; i++) {
			memcpy(a.buf[1] + 2 * i, &u, 2);
			memcpy(a.buf[2] + 2 * i, &v, 2);
		}
		tframe_alloc(&rgb, SDI8K_FMT_X2RGB10, W, 1, 0);
		tframe_alloc(&b, SDI8K_FMT_YUV422P10, W, 1, 0);
		cr_assert_eq(sdi8k_convert(&a.f, &rgb.f, &o), 0);
		cr_assert_eq(sdi8k_convert(&rgb.f, &b.f, &o), 0);
		for (int i = 0; i < W; i++)
			cr_assert_leq(abs(get16(&a, 0, 0, i) - get16(&b, 0, 0, i)), 1,
				      "Y %d", i);
		for (int i = 0; i < W / 2; i++) {
			cr_assert_leq(abs(get16(&a, 1, 0, i) - get16(&b, 1, 0, i)), 1);
			cr_assert_leq(abs(get16(&a, 2, 0, i) - get16(&b, 2, 0, i)), 1);
		}
		tframe_free(&a);
		tframe_free(&rgb);
		tframe_free(&b);
	}
}

/*
 * RGB -> RGB: per pixel, every 8-bit value to the nearest 10-bit one of
 * the same fraction of full scale (C * 1023 / 255) and back (C * 255 /
 * 1023), in the layouts of <sdi8k/convert.h>: B, G, R bytes and A = 255;
 * B, G, R in bits 0-9, 10-19, 20-29 and X = 0. Every matrix, CPU level and
 * thread count gives the same (no Y'CbCr in between).
 */
Test(rgb, bgra_to_x2rgb10_every_value_nearest_and_back)
{
	const int W = 256;
	struct tframe b8, x10, back;
	struct sdi8k_convert_opts o = copts;

	tframe_alloc(&b8, SDI8K_FMT_BGRA, W, 2, 8);
	tframe_alloc(&x10, SDI8K_FMT_X2RGB10, W, 2, 8);
	tframe_alloc(&back, SDI8K_FMT_BGRA, W, 2, 8);
	for (int y = 0; y < 2; y++)
		for (int i = 0; i < W; i++) {
			uint8_t *p = b8.buf[0] + b8.f.stride[0] * y + 4 * i;

			/* line 0: B = i, G = 255 - i, R = i ^ 0x55; line 1 rotated */
			p[y ? 1 : 0] = (uint8_t)i;
			p[y ? 2 : 1] = (uint8_t)(255 - i);
			p[y ? 0 : 2] = (uint8_t)(i ^ 0x55);
			p[3] = (uint8_t)(i * 7);	/* alpha: ignored */
		}
	for (int m = 0; m < 2; m++)
		for (int l = SDI8K_CPU_C; l <= (int)sdi8k_cpu_detected(); l++) {
			o.matrix = m ? SDI8K_MATRIX_BT2020 : SDI8K_MATRIX_BT709;
			o.cpu_cap = (enum sdi8k_cpu)l;
			for (int y = 0; y < 2; y++) {	/* not the canaries */
				memset(x10.buf[0] + x10.f.stride[0] * y, 0xee, x10.ms[0]);
				memset(back.buf[0] + back.f.stride[0] * y, 0xee, back.ms[0]);
			}
			cr_assert_eq(sdi8k_convert(&b8.f, &x10.f, &o), 0, "%s",
				     sdi8k_last_error());
			cr_assert_eq(sdi8k_convert(&x10.f, &back.f, &o), 0, "%s",
				     sdi8k_last_error());
			for (int y = 0; y < 2; y++)
				for (int i = 0; i < W; i++) {
					const uint8_t *p = b8.buf[0] + b8.f.stride[0] * y + 4 * i;
					const uint8_t *q = back.buf[0] + back.f.stride[0] * y + 4 * i;
					uint32_t v;

					memcpy(&v, x10.buf[0] + x10.f.stride[0] * y + 4 * i, 4);
					cr_assert_eq(v >> 30, 0, "X bits written");
					for (int c = 0; c < 3; c++) {
						unsigned c10 = v >> (10 * c) & 1023;
						double want = round(p[c] * 1023.0 / 255.0);

						cr_assert_eq(c10, (unsigned)want,
							     "pixel %d comp %d: 8-bit %u -> %u, want %.0f",
							     i, c, p[c], c10, want);
						cr_assert_eq(q[c], p[c], "pixel %d comp %d: %u -> %u -> %u",
							     i, c, p[c], c10, q[c]);
					}
					cr_assert_eq(q[3], 255, "alpha written 255");
				}
			cr_assert(tframe_canaries_ok(&x10));
			cr_assert(tframe_canaries_ok(&back));
		}
	cr_assert_str_eq(sdi8k_convert_path(SDI8K_FMT_BGRA, SDI8K_FMT_X2RGB10,
					    SDI8K_CPU_AUTO), "direct c");
	tframe_free(&b8);
	tframe_free(&x10);
	tframe_free(&back);
}

Test(rgb, x2rgb10_to_bgra_every_value_nearest)
{
	const int W = 1024;
	struct tframe x10, b8, x10b;

	tframe_alloc(&x10, SDI8K_FMT_X2RGB10, W, 1, 0);
	tframe_alloc(&b8, SDI8K_FMT_BGRA, W, 1, 8);
	tframe_alloc(&x10b, SDI8K_FMT_X2RGB10, W, 1, 8);
	for (int i = 0; i < W; i++) {
		/* B = i, G = 1023 - i, R = (i * 37) % 1024, X = i & 3 (ignored) */
		uint32_t v = (uint32_t)i | (uint32_t)(1023 - i) << 10 |
			     (uint32_t)(i * 37 % 1024) << 20 | (uint32_t)(i & 3) << 30;

		memcpy(x10.buf[0] + 4 * i, &v, 4);
	}
	cr_assert_eq(sdi8k_convert(&x10.f, &b8.f, &copts), 0, "%s", sdi8k_last_error());
	cr_assert_eq(sdi8k_convert(&x10.f, &x10b.f, &copts), 0, "%s", sdi8k_last_error());
	for (int i = 0; i < W; i++) {
		const uint8_t *p = b8.buf[0] + 4 * i;
		unsigned comp[3] = { (unsigned)i, (unsigned)(1023 - i), (unsigned)(i * 37 % 1024) };
		uint32_t v, w;

		for (int c = 0; c < 3; c++) {
			double want = round(comp[c] * 255.0 / 1023.0);

			cr_assert_eq(p[c], (unsigned)want, "pixel %d comp %d: %u -> %u, want %.0f",
				     i, c, comp[c], p[c], want);
		}
		cr_assert_eq(p[3], 255);
		/* the same format: a copy with X cleared */
		memcpy(&v, x10.buf[0] + 4 * i, 4);
		memcpy(&w, x10b.buf[0] + 4 * i, 4);
		cr_assert_eq(w, v & 0x3fffffffu, "pixel %d: 0x%08x copied as 0x%08x", i, v, w);
	}
	cr_assert(tframe_canaries_ok(&b8));
	cr_assert(tframe_canaries_ok(&x10b));
	tframe_free(&x10);
	tframe_free(&b8);
	tframe_free(&x10b);
}

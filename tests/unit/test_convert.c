// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Whole-frame conversions: every supported pair at every CPU level and
 * several thread counts gives the C single-thread result bit for bit, the
 * direct paths give what the generic (pivot) path gives, nothing is
 * written past a line, and lossless round trips are lossless.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "convert/internal.h"
#include "helpers.h"

static const struct { uint32_t w, h; unsigned thr; } sizes[] = {
	{ 1, 1, 1 },   { 2, 2, 1 },   { 5, 3, 1 },   { 6, 1, 1 },
	{ 7, 4, 1 },   { 13, 5, 1 },  { 47, 2, 1 },  { 48, 3, 1 },
	{ 49, 5, 1 },  { 97, 2, 1 },  { 143, 3, 1 }, { 191, 6, 1 },
	{ 193, 7, 1 }, { 385, 9, 1 }, { 1283, 67, 3 }, { 640, 35, 0 },
	{ 769, 64, 2 },
};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static int convert_one(enum sdi8k_pixfmt sf, enum sdi8k_pixfmt df,
		       uint32_t w, uint32_t h, enum fill fill,
		       const struct sdi8k_convert_opts *o, int generic,
		       const struct tframe *ref, struct tframe *out)
{
	struct tframe src;
	int r;

	tframe_alloc(&src, sf, w, h, 8);
	tframe_fill(&src, fill, w * 131 + h);
	tframe_alloc(out, df, w, h, 24);
	r = sdi8k__convert_ex(&src.f, &out->f, o, generic);
	tframe_free(&src);
	(void)ref;
	return r;
}

static void compare(const char *what, enum sdi8k_pixfmt sf,
		    enum sdi8k_pixfmt df, uint32_t w, uint32_t h,
		    const struct tframe *a, const struct tframe *b)
{
	int p, l;
	long c;

	cr_assert(tframe_canaries_ok(b), "%s %s->%s %ux%u: wrote past a line",
		  what, sdi8k_format_name(sf), sdi8k_format_name(df), w, h);
	if (tframe_diff(a, b, &p, &l, &c) >= 0)
		cr_assert_fail("%s %s->%s %ux%u: plane %d line %d byte %ld differs",
			 what, sdi8k_format_name(sf), sdi8k_format_name(df), w,
			 h, p, l, c);
}

static void all_pairs_at(int level_lo, int level_hi, int generic_check)
{
	enum fill fills[] = { FILL_RANDOM, FILL_ONES, FILL_MAX10, FILL_ZERO };

	for (int sf = 1; sf < NFMT; sf++)
		for (int df = 1; df < NFMT; df++) {
			if (!sdi8k_convert_supported((enum sdi8k_pixfmt)sf,
						     (enum sdi8k_pixfmt)df))
				continue;
			for (unsigned si = 0; si < NSIZES; si++)
				for (unsigned fi = 0; fi < 4; fi++) {
					struct sdi8k_convert_opts o = {
						.threads = 1,
						.cpu_cap = SDI8K_CPU_C,
						.matrix = (sf + df) & 1 ?
							SDI8K_MATRIX_BT2020 :
							SDI8K_MATRIX_BT709,
					};
					struct tframe ref, out;
					uint32_t w = sizes[si].w, h = sizes[si].h;

					if (fi && si >= 10)
						continue;
					cr_assert_eq(convert_one(sf, df, w, h,
								 fills[fi], &o, 0,
								 NULL, &ref), 0);
					cr_assert(tframe_canaries_ok(&ref));
					if (generic_check) {
						cr_assert_eq(convert_one(sf, df, w, h,
									 fills[fi], &o, 1,
									 NULL, &out), 0);
						compare("generic vs direct", sf, df,
							w, h, &ref, &out);
						tframe_free(&out);
					}
					for (int l = level_lo; l <= level_hi; l++) {
						if (l > (int)sdi8k_cpu_detected())
							break;
						o.cpu_cap = (enum sdi8k_cpu)l;
						o.threads = sizes[si].thr;
						cr_assert_eq(convert_one(sf, df, w, h,
									 fills[fi], &o, 0,
									 NULL, &out), 0);
						compare(sdi8k_cpu_name(o.cpu_cap),
							sf, df, w, h, &ref, &out);
						tframe_free(&out);
					}
					tframe_free(&ref);
				}
		}
}

Test(frames, c_direct_equals_generic_and_threads_equal_single)
{
	all_pairs_at(SDI8K_CPU_C, SDI8K_CPU_C, 1);
}

Test(frames, sse41_equals_c)
{
	if (sdi8k_cpu_detected() < SDI8K_CPU_SSE41)
		cr_skip_test("no SSE4.1");
	all_pairs_at(SDI8K_CPU_SSE41, SDI8K_CPU_SSE41, 0);
}

Test(frames, avx2_equals_c)
{
	if (sdi8k_cpu_detected() < SDI8K_CPU_AVX2)
		cr_skip_test("no AVX2");
	all_pairs_at(SDI8K_CPU_AVX2, SDI8K_CPU_AVX2, 0);
}

Test(frames, avx512_equals_c)
{
	if (sdi8k_cpu_detected() < SDI8K_CPU_AVX512)
		cr_skip_test("no AVX-512 (F+BW+VL) on this CPU");
	all_pairs_at(SDI8K_CPU_AVX512, SDI8K_CPU_AVX512, 0);
}

/* Canonical input (valid samples, zero padding) survives X -> Y -> X for
 * every pair of formats that both hold 10 bits (or both 8, or 8 -> 10). */
static int bits(enum sdi8k_pixfmt f)
{
	return sdi8k__fmt[f].sample == 1 ? 8 : 10;
}

Test(frames, lossless_round_trips)
{
	for (unsigned a = 0; a < N_YUV; a++)
		for (unsigned b = 0; b < N_YUV; b++) {
			enum sdi8k_pixfmt fa = yuv_formats[a], fb = yuv_formats[b];

			if (bits(fb) < bits(fa))
				continue;
			if (sdi8k__fmt[fb].c420 && !sdi8k__fmt[fa].c420)
				continue;
			for (unsigned si = 0; si < NSIZES; si++) {
				uint32_t w = sizes[si].w, h = sizes[si].h;
				struct tframe x, y, z;
				struct sdi8k_convert_opts o = { .threads = sizes[si].thr };

				tframe_alloc(&x, fa, w, h, 4);
				tframe_fill(&x, FILL_CANON, si + 7 * a);
				tframe_alloc(&y, fb, w, h, 4);
				tframe_alloc(&z, fa, w, h, 4);
				cr_assert_eq(sdi8k_convert(&x.f, &y.f, &o), 0);
				cr_assert_eq(sdi8k_convert(&y.f, &z.f, &o), 0);
				compare("round trip", fa, fb, w, h, &x, &z);
				tframe_free(&x);
				tframe_free(&y);
				tframe_free(&z);
			}
		}
}

Test(frames, env_cap_is_read)
{
	/* SDI8K_CPU can only lower the level. */
	cr_assert_leq(sdi8k_cpu_level(), sdi8k_cpu_detected());
}

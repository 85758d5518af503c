// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * checkasm-style tests: every SIMD row function of every CPU level this
 * machine has is run next to the C row function of the same table slot,
 * on the same random (and edge-value) input, at many widths, and must
 * give bit-identical output and write nothing past the line.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "convert/internal.h"
#include "helpers.h"

#define CAN 80 /* canary bytes after each destination line */

struct line {
	uint8_t *p[3];
	size_t n[3];
};

/* Plane sizes of one line of format f for w pixels (pivot included). */
static void line_sizes(enum sdi8k_pixfmt f, int w, size_t n[3])
{
	for (int p = 0; p < 3; p++)
		n[p] = sdi8k__min_stride(f, p, (uint32_t)w);
}

static void fill_line(struct line *l, enum sdi8k_pixfmt f, int how,
		      uint64_t *seed)
{
	for (int p = 0; p < 3; p++)
		for (size_t i = 0; i < l->n[p]; i++) {
			uint8_t b = (uint8_t)rnd64(seed);

			if (how == 1)
				b = 0xff;
			else if (how == 2)
				b = 0;
			else if (how == 3) { /* every sample 1023 */
				if (f == SDI8K_FMT_V210)
					b = (i & 3) == 3 ? 0x3f : 0xff;
				else if (f == PIVOT || f == SDI8K_FMT_YUV420P10)
					b = (i & 1) ? 0x03 : 0xff;
				else if (sdi8k__fmt[f].sample == 2)
					b = (i & 1) ? 0xff : 0xc0;
				else
					b = 0xff;
			}
			l->p[p][i] = b;
		}
}

static const int widths_extra[] = { 255, 256, 287, 288, 289, 383, 384, 385,
				    479, 480, 481, 767, 768, 769, 1000, 1279,
				    1280, 1920, 1921, 3847 };

/* odd: the odd line of a fused 4:2:0 pair (rp.prev = the even line's
 * P210 chroma); even: the even line (dst[1] = P210 chroma line) */
static void check_fn(int level, const char *what, enum sdi8k_pixfmt s,
		     enum sdi8k_pixfmt t, row_fn ref, row_fn fn, int odd,
		     int even)
{
	uint64_t seed = 0x1234 + (uint64_t)level * 977 + (uint64_t)s * 31 + t;
	int nw = 200 + (int)(sizeof(widths_extra) / sizeof(int));
	int tested = 0;

	for (int wi = 0; wi < nw; wi++) {
		int w = wi < 200 ? wi + 1 : widths_extra[wi - 200];

		for (int how = 0; how < 5; how++) {
			for (int clip = 0; clip < 3; clip++) {
				/* clip 2: non-temporal stores, 64-byte aligned lines */
				struct row_params rp = { .lo = 0, .hi = 1023,
							 .nt = clip == 2 };
				struct line src, d0, d1;
				int p;

				if (sdi8k__fmt[s].rgb) {
					/* both matrices instead of the clip */
					sdi8k__rgb_in_params(&rp, clip ? SDI8K_MATRIX_BT2020
								       : SDI8K_MATRIX_BT709,
							     s == SDI8K_FMT_BGRA ? 8 : 10);
					rp.nt = clip == 2;
				} else if (sdi8k__fmt[t].rgb) {
					/* both matrices instead of the clip */
					sdi8k__rgb_params(&rp, clip ? SDI8K_MATRIX_BT2020
								    : SDI8K_MATRIX_BT709,
							  t == SDI8K_FMT_BGRA ? 8 : 10);
					rp.nt = clip == 2;
				} else if (clip == 1) {
					if (odd || even)
						continue; /* fused 4:2:0 never runs with clip */
					rp.lo = 4;
					rp.hi = 1019;
				}
				line_sizes(s, w, src.n);
				line_sizes(t, w, d0.n);
				line_sizes(t, w, d1.n);
				if (even) {
					d0.n[1] = d1.n[1] = sdi8k__min_stride(
						SDI8K_FMT_P210, 1, (uint32_t)w);
					d0.n[2] = d1.n[2] = 0;
				}
				for (p = 0; p < 3; p++) {
					/* exact size: ASan catches over-reads */
					src.p[p] = src.n[p] ? malloc(src.n[p]) : NULL;
					d0.p[p] = d0.n[p] ? aligned_alloc(64,
						(d0.n[p] + CAN + 63) / 64 * 64) : NULL;
					d1.p[p] = d1.n[p] ? aligned_alloc(64,
						(d1.n[p] + CAN + 63) / 64 * 64) : NULL;
					if (d0.p[p]) {
						memset(d0.p[p], CANARY, d0.n[p] + CAN);
						memset(d1.p[p], CANARY, d1.n[p] + CAN);
					}
				}
				fill_line(&src, s, how < 4 ? how : 0, &seed);
				uint8_t *prev = NULL;

				if (odd) {
					/* the even line's P210 chroma (high bits) */
					size_t n = sdi8k__min_stride(SDI8K_FMT_P210, 1,
								     (uint32_t)w);
					prev = aligned_alloc(64, (n + 63) / 64 * 64);
					for (size_t i = 0; i < n; i += 2) {
						unsigned v = (unsigned)(rnd64(&seed) & 1023) << 6;

						if (how == 1 || how == 3)
							v = 1023 << 6;
						if (how == 2)
							v = 0;
						prev[i] = (uint8_t)v;
						prev[i + 1] = (uint8_t)(v >> 8);
					}
					rp.prev = prev;
				}
				ref((const uint8_t *const *)src.p, d0.p, w, &rp);
				fn((const uint8_t *const *)src.p, d1.p, w, &rp);
				for (p = 0; p < 3; p++) {
					if (!d0.p[p])
						continue;
					for (size_t i = 0; i < d0.n[p] + CAN; i++) {
						if (d0.p[p][i] != d1.p[p][i])
							cr_assert_fail("%s %s %s->%s w=%d fill=%d clip=%d: "
								 "plane %d byte %zu (of %zu): "
								 "c %02x simd %02x",
								 sdi8k_cpu_name(level), what,
								 sdi8k__fmt[s].name,
								 sdi8k__fmt[t].name, w, how,
								 clip, p, i, d0.n[p], d0.p[p][i],
								 d1.p[p][i]);
					}
				}
				for (p = 0; p < 3; p++) {
					free(src.p[p]);
					free(d0.p[p]);
					free(d1.p[p]);
				}
				free(prev);
				tested++;
			}
		}
	}
	cr_assert_gt(tested, 0);
}

/*
 * One test per (CPU level, row function the level adds): the parameters
 * are every table slot whose function differs from the level below (the
 * ones below are tested at their own level). Levels this CPU lacks get
 * one skipped test each.
 */
struct kparam {
	int level, s, t;
	int kind; /* 0 fn, 1 even line of a fused 4:2:0 pair, 2 odd line,
		     -1 level not available */
};

static size_t list_kernels(enum sdi8k_cpu level, struct kparam *out)
{
	const struct sdi8k_dsp *below = sdi8k__dsp(level - 1);
	const struct sdi8k_dsp *d = sdi8k__dsp(level);
	size_t n = 0;

	for (int s = 1; s < NFMT; s++)
		for (int t = 1; t < NFMT; t++) {
			if (sdi8k__fmt[s].twin422 != SDI8K_FMT_NONE)
				continue; /* aliases of the 4:2:2 twin's */
			if (d->fn[s][t] && d->fn[s][t] != below->fn[s][t]) {
				/* 4:2:0 destination: the even line of a fused
				 * pair, or (from the pivot) a plain pack */
				int even = sdi8k__fmt[t].c420 && d->odd[s][t];

				if (out)
					out[n] = (struct kparam){ level, s, t, even };
				n++;
			}
			if (d->odd[s][t] && d->odd[s][t] != below->odd[s][t]) {
				if (out)
					out[n] = (struct kparam){ level, s, t, 2 };
				n++;
			}
		}
	return n;
}

ParameterizedTestParameters(checkasm, row_function)
{
	static struct kparam p[3 * NFMT * NFMT * 2 + 3];
	size_t n = 0;

	for (int l = SDI8K_CPU_SSE41; l <= SDI8K_CPU_AVX512; l++) {
		if (sdi8k_cpu_detected() < (enum sdi8k_cpu)l)
			p[n++] = (struct kparam){ l, 0, 0, -1 };
		else
			n += list_kernels((enum sdi8k_cpu)l, p + n);
	}
	return cr_make_param_array(struct kparam, p, n);
}

ParameterizedTest(struct kparam *k, checkasm, row_function)
{
	static const char *const kinds[] = { "fn", "even", "odd" };
	const struct sdi8k_dsp *c = sdi8k__dsp(SDI8K_CPU_C);
	const struct sdi8k_dsp *d;

	if (k->kind < 0)
		cr_skip_test("CPU lacks %s: its row functions are built but "
			     "cannot run here", sdi8k_cpu_name(k->level));
	d = sdi8k__dsp((enum sdi8k_cpu)k->level);
	row_fn ref = k->kind == 2 ? c->odd[k->s][k->t] : c->fn[k->s][k->t];
	row_fn fn = k->kind == 2 ? d->odd[k->s][k->t] : d->fn[k->s][k->t];

	cr_assert_not_null(ref, "no C reference for %s -> %s",
			   sdi8k__fmt[k->s].name, sdi8k__fmt[k->t].name);
	check_fn(k->level, kinds[k->kind], (enum sdi8k_pixfmt)k->s,
		 (enum sdi8k_pixfmt)k->t, ref, fn, k->kind == 2, k->kind == 1);
}

static void level_has_kernels(enum sdi8k_cpu level)
{
	size_t n;

	if (sdi8k_cpu_detected() < level)
		cr_skip_test("CPU lacks %s", sdi8k_cpu_name(level));
	n = list_kernels(level, NULL);
	fprintf(stderr, "[info] %s: %zu SIMD row functions, each tested "
		"against C by checkasm::row_function\n", sdi8k_cpu_name(level),
		n);
	cr_assert_gt(n, 0, "no %s row functions registered",
		     sdi8k_cpu_name(level));
}

Test(checkasm, sse41_has_row_functions) { level_has_kernels(SDI8K_CPU_SSE41); }
Test(checkasm, avx2_has_row_functions) { level_has_kernels(SDI8K_CPU_AVX2); }
Test(checkasm, avx512_has_row_functions) { level_has_kernels(SDI8K_CPU_AVX512); }

/* The hot conversions the project requires SIMD for. */
Test(checkasm, required_kernels_are_simd_at_every_level)
{
	static const enum sdi8k_pixfmt req[][2] = {
		{ SDI8K_FMT_V210, SDI8K_FMT_P010 },
		{ SDI8K_FMT_V210, SDI8K_FMT_YUV422P10 },
		{ SDI8K_FMT_V210, SDI8K_FMT_UYVY },
		{ SDI8K_FMT_V210, SDI8K_FMT_Y210 },
		{ SDI8K_FMT_Y210, SDI8K_FMT_V210 },
		{ SDI8K_FMT_P210, SDI8K_FMT_V210 },
	};

	for (int l = SDI8K_CPU_SSE41; l <= (int)sdi8k_cpu_detected(); l++)
		for (unsigned i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
			const char *p = sdi8k_convert_path(req[i][0], req[i][1],
							   (enum sdi8k_cpu)l);
			char want[32];

			snprintf(want, sizeof(want), "direct %s",
				 sdi8k_cpu_name((enum sdi8k_cpu)l));
			if (sdi8k_cpu_level() < (enum sdi8k_cpu)l)
				continue; /* capped by SDI8K_CPU */
			cr_assert_str_eq(p, want, "%s -> %s",
					 sdi8k_format_name(req[i][0]),
					 sdi8k_format_name(req[i][1]));
		}
}

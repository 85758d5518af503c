// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Whole-frame conversions: every supported pair at every CPU level and
 * several thread counts gives the C single-thread result bit for bit, the
 * direct paths give what the generic (pivot) path gives, nothing is
 * written past a line, and lossless round trips are lossless.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

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
	/* streaming stores need aligned lines: test both kinds */
	tframe_alloc(out, df, w, h, (o->flags & SDI8K_CONVERT_STREAM) &&
				    ((w + h) & 1) ? ALIGN64 : 24);
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

/*
 * One test per supported (src, dst) pair: at the C level the direct path
 * equals the generic (pivot) one; at every CPU level this machine has,
 * with 1..3 threads and with and without streaming stores, the output is
 * the C single-thread one, and nothing past a line is written.
 */
struct pair { int s, d; };

ParameterizedTestParameters(frames, pair)
{
	static struct pair p[NFMT * NFMT];
	size_t n = 0;

	for (int s = 1; s < NFMT; s++)
		for (int d = 1; d < NFMT; d++)
			if (sdi8k_convert_supported((enum sdi8k_pixfmt)s,
						    (enum sdi8k_pixfmt)d))
				p[n++] = (struct pair){ s, d };
	return cr_make_param_array(struct pair, p, n);
}

ParameterizedTest(struct pair *pr, frames, pair)
{
	enum fill fills[] = { FILL_RANDOM, FILL_ONES, FILL_MAX10, FILL_ZERO };
	int sf = pr->s, df = pr->d;

	for (unsigned si = 0; si < NSIZES; si++)
		for (unsigned fi = 0; fi < 4; fi++) {
			struct sdi8k_convert_opts o = {
				.threads = 1,
				.cpu_cap = SDI8K_CPU_C,
				.matrix = (sf + df + fi) & 1 ? SDI8K_MATRIX_BT2020
							     : SDI8K_MATRIX_BT709,
			};
			struct tframe ref, out;
			uint32_t w = sizes[si].w, h = sizes[si].h;

			if (fi && si >= 10)
				continue;
			cr_assert_eq(convert_one(sf, df, w, h, fills[fi], &o, 0,
						 NULL, &ref), 0);
			cr_assert(tframe_canaries_ok(&ref));
			cr_assert_eq(convert_one(sf, df, w, h, fills[fi], &o, 1,
						 NULL, &out), 0);
			compare("generic vs direct", sf, df, w, h, &ref, &out);
			tframe_free(&out);
			for (int l = SDI8K_CPU_C; l <= (int)sdi8k_cpu_detected(); l++)
				for (int st = 0; st < 2; st++) {
					o.cpu_cap = (enum sdi8k_cpu)l;
					o.threads = sizes[si].thr;
					o.flags = st ? SDI8K_CONVERT_STREAM
						     : SDI8K_CONVERT_NO_STREAM;
					cr_assert_eq(convert_one(sf, df, w, h, fills[fi],
								 &o, 0, NULL, &out), 0);
					compare(st ? "streaming stores" :
						sdi8k_cpu_name(o.cpu_cap),
						sf, df, w, h, &ref, &out);
					tframe_free(&out);
				}
			tframe_free(&ref);
		}
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

/* Several threads converting at once (one has the worker pool, the others
 * run on threads of their own) and a fork()ed child using the pool: the
 * output is always the single-threaded one. */
struct caller {
	struct tframe src, ref, out;
	int ok;
};

static void *caller_thread(void *arg)
{
	struct caller *c = arg;
	struct sdi8k_convert_opts o = { .threads = 3 };
	int p, l, i;
	long col;

	c->ok = 1;
	for (i = 0; i < 20 && c->ok; i++) {
		memset(c->out.buf[0], 0, c->out.f.stride[0] * c->out.lines[0]);
		if (sdi8k_convert(&c->src.f, &c->out.f, &o) ||
		    tframe_diff(&c->ref, &c->out, &p, &l, &col) >= 0)
			c->ok = 0;
	}
	return NULL;
}

Test(threads, concurrent_callers_share_the_pool)
{
	enum { N = 4 };
	static const enum sdi8k_pixfmt dst[N] = {
		SDI8K_FMT_P010, SDI8K_FMT_UYVY, SDI8K_FMT_BGRA, SDI8K_FMT_NV12,
	};
	struct caller c[N];
	pthread_t th[N];
	struct sdi8k_convert_opts one = { .threads = 1 };

	for (int i = 0; i < N; i++) {
		tframe_alloc(&c[i].src, SDI8K_FMT_V210, 720, 96, 0);
		tframe_fill(&c[i].src, FILL_RANDOM, 100 + i);
		tframe_alloc(&c[i].ref, dst[i], 720, 96, 0);
		tframe_alloc(&c[i].out, dst[i], 720, 96, 0);
		cr_assert_eq(sdi8k_convert(&c[i].src.f, &c[i].ref.f, &one), 0);
	}
	for (int i = 0; i < N; i++)
		cr_assert_eq(pthread_create(&th[i], NULL, caller_thread, &c[i]), 0);
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		cr_assert(c[i].ok, "caller %d got a different frame", i);
		tframe_free(&c[i].src);
		tframe_free(&c[i].ref);
		tframe_free(&c[i].out);
	}
}

Test(threads, fork_child_can_convert_with_threads)
{
	struct caller c;
	pid_t pid;
	int status;

	tframe_alloc(&c.src, SDI8K_FMT_V210, 720, 96, 0);
	tframe_fill(&c.src, FILL_RANDOM, 5);
	tframe_alloc(&c.ref, SDI8K_FMT_P010, 720, 96, 0);
	tframe_alloc(&c.out, SDI8K_FMT_P010, 720, 96, 0);
	cr_assert_eq(sdi8k_convert(&c.src.f, &c.ref.f,
				   &(struct sdi8k_convert_opts){ .threads = 1 }), 0);
	caller_thread(&c); /* starts the parent's pool */
	cr_assert(c.ok);
	pid = fork();
	if (pid == 0) {
		caller_thread(&c);
		_exit(c.ok ? 0 : 1);
	}
	cr_assert_gt(pid, 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "child's conversion failed");
	tframe_free(&c.src);
	tframe_free(&c.ref);
	tframe_free(&c.out);
}

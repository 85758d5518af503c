// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k_convert(): argument checks, the line walker (direct, fused 4:2:0
 * pair, or through a 10-bit 4:2:2 planar line) and the split into slices
 * of lines run on threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define MAX_THREADS 64
#define MIN_SLICE_LINES 16
/* slices per thread: threads take them as they come, so one that starts
 * late (or runs on a busy core) holds nobody up */
#define SLICES_PER_THREAD 4

enum mode { MODE_DIRECT, MODE_FUSED420, MODE_CHAIN };

struct job {
	const struct sdi8k_frame *src;
	const struct sdi8k_frame *dst;
	struct row_params rp;  /* packs */
	struct row_params urp; /* unpacks: 0..1023 */
	enum mode mode;
	row_fn fn, odd, unpack, pack;
	int s420, d420;
	int w, h;
};

struct slice {
	const struct job *j;
	int y0, y1;
	uint8_t *scratch;
};

static const uint8_t *line_ptr(const struct sdi8k_frame *f, int c420, int p,
			       int y)
{
	if (p >= sdi8k__fmt[f->format].planes)
		return NULL;
	return (const uint8_t *)f->data[p] +
	       f->stride[p] * (size_t)(p > 0 && c420 ? y / 2 : y);
}

static void lines(const struct job *j, int y, const uint8_t *sp[3],
		  uint8_t *dp[3])
{
	int p;

	for (p = 0; p < 3; p++) {
		sp[p] = line_ptr(j->src, j->s420, p, y);
		dp[p] = (uint8_t *)line_ptr(j->dst, j->d420, p, y);
	}
}

static size_t scratch_size(const struct job *j)
{
	size_t cw = ((size_t)j->w + 1) / 2, pivot;

	/* one pivot line: y (w), u, v (cw) 16-bit words, 64-byte padded */
	pivot = ((size_t)j->w * 2 + 63) / 64 * 64 + 2 * ((cw * 2 + 63) / 64 * 64);
	switch (j->mode) {
	case MODE_FUSED420:
		return cw * 4 + 64;
	case MODE_CHAIN:
		return pivot * (j->d420 ? 2 : 1);
	default:
		return 0;
	}
}

static void pivot_ptrs(const struct job *j, uint8_t *base, uint8_t *t[3])
{
	size_t cw = ((size_t)j->w + 1) / 2;
	size_t ys = ((size_t)j->w * 2 + 63) / 64 * 64, cs = (cw * 2 + 63) / 64 * 64;

	t[0] = base;
	t[1] = base + ys;
	t[2] = base + ys + cs;
}

static void run_slice(const struct slice *s)
{
	const struct job *j = s->j;
	const uint8_t *sp[3];
	uint8_t *dp[3];
	int y;

	if (j->mode == MODE_DIRECT) {
		for (y = s->y0; y < s->y1; y++) {
			lines(j, y, sp, dp);
			j->fn(sp, dp, j->w, &j->rp);
		}
	} else if (j->mode == MODE_FUSED420) {
		uint8_t *aux = s->scratch;
		struct row_params rp = j->rp;

		rp.prev = aux;
		for (y = s->y0; y < s->y1; y++) {
			lines(j, y, sp, dp);
			if (!(y & 1)) {
				uint8_t *d[3] = { dp[0], aux, NULL };

				j->fn(sp, d, j->w, &rp);
				if (y + 1 < j->h)
					continue;
				/* odd height: the last chroma line is this
				 * line's, (c + c + 1) >> 1 = c */
			}
			j->odd(sp, dp, j->w, &rp);
		}
	} else {
		uint8_t *a[3], *b[3];

		pivot_ptrs(j, s->scratch, a);
		pivot_ptrs(j, s->scratch + scratch_size(j) / 2, b);
		for (y = s->y0; y < s->y1; y++) {
			lines(j, y, sp, dp);
			if (!j->d420) {
				j->unpack(sp, a, j->w, &j->urp);
				j->pack((const uint8_t *const *)a, dp, j->w,
					&j->rp);
			} else if (!(y & 1)) {
				j->unpack(sp, a, j->w, &j->urp);
				if (y + 1 >= j->h) {
					j->pack((const uint8_t *const *)a, dp,
						j->w, &j->rp);
				} else {
					uint8_t *d[3] = { dp[0], NULL, NULL };

					j->pack((const uint8_t *const *)a, d,
						j->w, &j->rp);
				}
			} else {
				const uint8_t *t[3] = { b[0], a[1], a[2] };
				int p, x, cw = (j->w + 1) / 2;

				j->unpack(sp, b, j->w, &j->urp);
				/* 4:2:2 -> 4:2:0: (a + b + 1) >> 1 */
				for (p = 1; p < 3; p++) {
					uint16_t *ca = (uint16_t *)a[p];
					const uint16_t *cb = (const uint16_t *)b[p];

					for (x = 0; x < cw; x++)
						ca[x] = (uint16_t)((ca[x] + cb[x] +
								    1) >> 1);
				}
				j->pack(t, dp, j->w, &j->rp);
			}
		}
	}
}

static void slice_job(void *ctx, unsigned i)
{
	run_slice((const struct slice *)ctx + i);
}

static int check_frame(const char *what, const struct sdi8k_frame *f)
{
	size_t ms[SDI8K_MAX_PLANES];
	int n, p, a;

	if (!fmt_valid(f->format))
		return sdi8k__fail(-EINVAL, "%s: unknown format %d", what,
				   (int)f->format);
	n = sdi8k_frame_layout(f->format, f->width, f->height, ms, NULL, NULL,
			       NULL);
	if (n < 0)
		return sdi8k__fail(n, "%s: size %ux%u out of range 1..%d",
				   what, f->width, f->height, SDI8K_MAX_DIM);
	a = sdi8k__fmt[f->format].sample;
	for (p = 0; p < n; p++) {
		if (!f->data[p])
			return sdi8k__fail(-EINVAL, "%s: plane %d is NULL", what,
					   p);
		if (f->stride[p] < ms[p])
			return sdi8k__fail(-EINVAL,
					   "%s: plane %d stride %zu below minimum "
					   "%zu for %s width %u",
					   what, p, f->stride[p], ms[p],
					   sdi8k__fmt[f->format].name, f->width);
		if ((uintptr_t)f->data[p] % (uintptr_t)a || f->stride[p] % (size_t)a)
			return sdi8k__fail(-EINVAL,
					   "%s: plane %d pointer or stride not a "
					   "multiple of %d bytes (%s)",
					   what, p, a, sdi8k__fmt[f->format].name);
	}
	return 0;
}

static unsigned online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (unsigned)n;
}

int sdi8k__convert_ex(const struct sdi8k_frame *src, struct sdi8k_frame *dst,
		      const struct sdi8k_convert_opts *opts, int force_generic)
{
	static const struct sdi8k_convert_opts defaults;
	struct slice slices[MAX_THREADS * SLICES_PER_THREAD];
	const struct sdi8k_dsp *d;
	struct job j;
	unsigned nthr, nsl, i, sh;
	size_t ss;
	uint8_t *scratch = NULL;
	int err;

	sdi8k__clear_error();
	if (!opts)
		opts = &defaults;
	if (!src || !dst)
		return sdi8k__fail(-EINVAL, "NULL %s frame", src ? "dst" : "src");
	if (opts->matrix != SDI8K_MATRIX_BT709 &&
	    opts->matrix != SDI8K_MATRIX_BT2020)
		return sdi8k__fail(-EINVAL, "unknown matrix %d",
				   (int)opts->matrix);
	if ((int)opts->cpu_cap < SDI8K_CPU_AUTO ||
	    (int)opts->cpu_cap > SDI8K_CPU_AVX512)
		return sdi8k__fail(-EINVAL, "unknown cpu_cap %d",
				   (int)opts->cpu_cap);
	if (opts->flags & ~(SDI8K_CONVERT_CLIP_SDI | SDI8K_CONVERT_STREAM |
			    SDI8K_CONVERT_NO_STREAM) ||
	    (opts->flags & SDI8K_CONVERT_STREAM &&
	     opts->flags & SDI8K_CONVERT_NO_STREAM))
		return sdi8k__fail(-EINVAL, "unknown flags 0x%x", opts->flags);
	for (i = 0; i < sizeof(opts->reserved) / sizeof(opts->reserved[0]); i++)
		if (opts->reserved[i])
			return sdi8k__fail(-EINVAL, "reserved option %u not 0", i);
	err = check_frame("src", src);
	if (!err)
		err = check_frame("dst", dst);
	if (err)
		return err;
	if (src->width != dst->width || src->height != dst->height)
		return sdi8k__fail(-EINVAL, "size mismatch: src %ux%u, dst %ux%u",
				   src->width, src->height, dst->width,
				   dst->height);
	if (!sdi8k_convert_supported(src->format, dst->format))
		return sdi8k__fail(-EINVAL, "unsupported conversion %s -> %s",
				   sdi8k__fmt[src->format].name,
				   sdi8k__fmt[dst->format].name);

	memset(&j, 0, sizeof(j));
	j.src = src;
	j.dst = dst;
	j.w = (int)src->width;
	j.h = (int)src->height;
	j.s420 = sdi8k__fmt[src->format].c420;
	j.d420 = sdi8k__fmt[dst->format].c420;
	j.rp.lo = 0;
	j.rp.hi = 1023;
	if (opts->flags & SDI8K_CONVERT_CLIP_SDI) {
		j.rp.lo = 4;
		j.rp.hi = 1019;
	}
	if (dst->format == SDI8K_FMT_BGRA)
		sdi8k__rgb_params(&j.rp, opts->matrix, 8);
	else if (dst->format == SDI8K_FMT_X2RGB10)
		sdi8k__rgb_params(&j.rp, opts->matrix, 10);
	j.urp.lo = 0;
	j.urp.hi = 1023;
	if (sdi8k__fmt[src->format].rgb) {
		int bits = src->format == SDI8K_FMT_BGRA ? 8 : 10;

		sdi8k__rgb_in_params(&j.rp, opts->matrix, bits);
		sdi8k__rgb_in_params(&j.urp, opts->matrix, bits);
	}
	if (opts->flags & SDI8K_CONVERT_STREAM)
		j.rp.nt = 1;
	else if (!(opts->flags & SDI8K_CONVERT_NO_STREAM))
		j.rp.nt = sdi8k_frame_size(dst->format, dst->width, dst->height) >=
			  SDI8K_STREAM_THRESHOLD;

	d = sdi8k__dsp(sdi8k__cpu_effective(opts->cpu_cap));
	j.fn = d->fn[src->format][dst->format];
	j.odd = d->odd[src->format][dst->format];
	j.unpack = d->fn[src->format][PIVOT];
	j.pack = d->fn[PIVOT][dst->format];
	/* RGB -> RGB has only the direct path: a pivot line would subsample
	 * its chroma */
	if (sdi8k__fmt[src->format].rgb && sdi8k__fmt[dst->format].rgb)
		force_generic = 0;
	if (!j.d420 && j.fn && !force_generic)
		j.mode = MODE_DIRECT;
	else if (j.d420 && j.fn && j.odd && !force_generic &&
		 !(opts->flags & SDI8K_CONVERT_CLIP_SDI))
		j.mode = MODE_FUSED420;
	else
		j.mode = MODE_CHAIN;
	if (!j.unpack || !j.pack)
		return sdi8k__fail(-EINVAL, "no row function for %s -> %s",
				   sdi8k__fmt[src->format].name,
				   sdi8k__fmt[dst->format].name);

	nthr = opts->threads ? opts->threads : online_cpus();
	if (nthr > MAX_THREADS)
		nthr = MAX_THREADS;
	if ((size_t)j.w * (size_t)j.h < 65536 || nthr < 1)
		nthr = 1;
	nsl = nthr == 1 ? 1 : nthr * SLICES_PER_THREAD;
	if (nsl > (unsigned)j.h / MIN_SLICE_LINES)
		nsl = (unsigned)j.h / MIN_SLICE_LINES;
	if (nsl < 1)
		nsl = 1;
	sh = ((unsigned)j.h + nsl - 1) / nsl;
	sh = (sh + 1) & ~1u; /* even: a 4:2:0 line pair stays in one slice */
	nsl = ((unsigned)j.h + sh - 1) / sh;
	if (nthr > nsl)
		nthr = nsl;

	ss = (scratch_size(&j) + 63) / 64 * 64;
	if (ss) {
		scratch = aligned_alloc(64, ss * nsl);
		if (!scratch)
			return sdi8k__fail(-ENOMEM, "cannot allocate %zu bytes "
					   "of line buffers", ss * nsl);
	}
	for (i = 0; i < nsl; i++) {
		slices[i].j = &j;
		slices[i].y0 = (int)(i * sh);
		slices[i].y1 = (int)((i + 1) * sh < (unsigned)j.h ? (i + 1) * sh
								 : (unsigned)j.h);
		slices[i].scratch = scratch ? scratch + ss * i : NULL;
	}
	sdi8k__pool_run(nsl, nthr, slice_job, slices);
	/* the slices' non-temporal stores are ordered before we return */
	atomic_thread_fence(memory_order_seq_cst);
	free(scratch);
	return 0;
}

SDI8K_API int sdi8k_convert(const struct sdi8k_frame *src,
			    struct sdi8k_frame *dst,
			    const struct sdi8k_convert_opts *opts)
{
	return sdi8k__convert_ex(src, dst, opts, 0);
}

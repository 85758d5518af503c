// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-bench-convert: throughput of libsdi8k's conversions at 8K
 * (7680x4320 by default), single-threaded and on all cores (v210 -> P010
 * also on exactly 2 threads, for the 8K60-on-2-cores target), next to
 * memcpy of the same input bytes and FFmpeg's own path for the same job
 * (libavcodec's v210 decoder / encoder, plus libswscale where FFmpeg
 * needs a second step). Not a test: it prints a table and a verdict line
 * per performance target.
 *
 *   sdi8k-bench-convert [-n iterations] [-w width] [-h height] [-c cpu]
 *
 * Every buffer is allocated and written before timing (the first touch of
 * an 88 MB buffer costs more than converting into it), and every
 * measurement is preceded by a warm-up run. Times are the median of the
 * iterations.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavutil/frame.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

#include <sdi8k/convert.h>

static int W = 7680, H = 4320, ITERS = 10;
static unsigned NCPU;
static enum sdi8k_cpu CPU = SDI8K_CPU_AUTO;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

typedef int (*job_fn)(void *ctx);

struct timed {
	job_fn fn;
	void *ctx;
	double t[256];
	double median; /* seconds; < 0 if the job failed or is absent */
};

/*
 * Run the jobs round-robin (job 0, 1, 2, 0, 1, 2, ...), ITERS times each
 * after one warm-up run each, so that all of them see the same machine
 * (other processes, frequency) and take the median per job.
 */
static void time_interleaved(struct timed *j, int n)
{
	int i, k, it = ITERS < 256 ? ITERS : 256;

	for (k = 0; k < n; k++) {
		j[k].median = -1;
		if (j[k].fn && j[k].fn(j[k].ctx))
			j[k].fn = NULL;
	}
	for (i = 0; i < it; i++)
		for (k = 0; k < n; k++) {
			double t0;

			if (!j[k].fn)
				continue;
			t0 = now();
			if (j[k].fn(j[k].ctx)) {
				j[k].fn = NULL;
				continue;
			}
			j[k].t[i] = now() - t0;
		}
	for (k = 0; k < n; k++)
		if (j[k].fn) {
			qsort(j[k].t, (size_t)it, sizeof(double), cmpd);
			j[k].median = j[k].t[it / 2];
		}
}

static void *xalloc(size_t n)
{
	void *p = aligned_alloc(64, (n + 63) / 64 * 64);

	if (!p) {
		fprintf(stderr, "out of memory (%zu bytes)\n", n);
		exit(1);
	}
	memset(p, 0, n); /* pre-fault */
	return p;
}

/* ---- memcpy baseline, 1 or N threads ---- */
struct mc {
	uint8_t *dst;
	const uint8_t *src;
	size_t n;
	unsigned threads;
};

struct mc_part {
	uint8_t *d;
	const uint8_t *s;
	size_t n;
};

static void *mc_thread(void *a)
{
	struct mc_part *p = a;

	memcpy(p->d, p->s, p->n);
	return NULL;
}

static int mc_run(void *ctx)
{
	struct mc *m = ctx;
	struct mc_part part[64] = { { 0 } };
	pthread_t th[64];
	size_t chunk = (m->n / m->threads + 63) & ~(size_t)63, off = 0;
	unsigned i, n = 0;

	for (i = 0; i < m->threads && off < m->n; i++, n++) {
		part[i].d = m->dst + off;
		part[i].s = m->src + off;
		part[i].n = off + chunk > m->n ? m->n - off : chunk;
		off += part[i].n;
	}
	for (i = 1; i < n; i++)
		pthread_create(&th[i], NULL, mc_thread, &part[i]);
	mc_thread(&part[0]);
	for (i = 1; i < n; i++)
		pthread_join(th[i], NULL);
	return 0;
}

/* ---- sdi8k ---- */
struct sj {
	struct sdi8k_frame src, dst;
	struct sdi8k_convert_opts o;
};

static int sdi8k_run(void *ctx)
{
	struct sj *j = ctx;

	return sdi8k_convert(&j->src, &j->dst, &j->o);
}

/* ---- FFmpeg ---- */
static enum AVPixelFormat av_fmt(enum sdi8k_pixfmt f)
{
	switch (f) {
	case SDI8K_FMT_Y210: return AV_PIX_FMT_Y210LE;
	case SDI8K_FMT_P210: return AV_PIX_FMT_P210LE;
	case SDI8K_FMT_P010: return AV_PIX_FMT_P010LE;
	case SDI8K_FMT_YUV422P10: return AV_PIX_FMT_YUV422P10LE;
	case SDI8K_FMT_YUV420P10: return AV_PIX_FMT_YUV420P10LE;
	case SDI8K_FMT_UYVY: return AV_PIX_FMT_UYVY422;
	case SDI8K_FMT_YUYV: return AV_PIX_FMT_YUYV422;
	case SDI8K_FMT_NV16: return AV_PIX_FMT_NV16;
	case SDI8K_FMT_NV12: return AV_PIX_FMT_NV12;
	case SDI8K_FMT_BGRA: return AV_PIX_FMT_BGRA;
	case SDI8K_FMT_X2RGB10: return AV_PIX_FMT_X2RGB10LE;
	default: return AV_PIX_FMT_NONE;
	}
}

struct fj {
	/* v210 source: decode; else swscale input frame */
	AVCodecContext *dec, *enc;
	AVPacket *pkt, *opkt;
	AVFrame *dframe; /* decoder output */
	AVFrame *sin, *sout;
	struct SwsContext *sws;
	uint8_t *encbuf;
	size_t encsize;
	const char *what;
};

static void noop_free(void *opaque, uint8_t *data)
{
	(void)opaque;
	(void)data;
}

/* v210 encoder output into one pre-faulted buffer */
static int enc_get_buffer(AVCodecContext *c, AVPacket *pkt, int flags)
{
	struct fj *f = c->opaque;

	(void)flags;
	if ((size_t)pkt->size > f->encsize)
		return AVERROR(ENOMEM);
	pkt->buf = av_buffer_create(f->encbuf, (int)f->encsize, noop_free, NULL,
				    0);
	if (!pkt->buf)
		return AVERROR(ENOMEM);
	pkt->data = f->encbuf;
	return 0;
}

static int ff_run(void *ctx)
{
	struct fj *f = ctx;
	AVFrame *cur = f->sin;

	if (f->dec) {
		av_frame_unref(f->dframe);
		if (avcodec_send_packet(f->dec, f->pkt) < 0 ||
		    avcodec_receive_frame(f->dec, f->dframe) < 0)
			return -1;
		cur = f->dframe;
	}
	if (f->sws) {
		if (sws_scale_frame(f->sws, f->sout, cur) < 0)
			return -1;
		cur = f->sout;
	}
	if (f->enc) {
		av_packet_unref(f->opkt);
		if (avcodec_send_frame(f->enc, cur) < 0 ||
		    avcodec_receive_packet(f->enc, f->opkt) < 0)
			return -1;
	}
	return 0;
}

static AVFrame *mkframe(enum AVPixelFormat fmt)
{
	AVFrame *fr = av_frame_alloc();
	int p;

	fr->format = fmt;
	fr->width = W;
	fr->height = H;
	if (av_frame_get_buffer(fr, 64) < 0)
		return NULL;
	for (p = 0; p < 4 && fr->buf[p]; p++)
		memset(fr->buf[p]->data, 0, fr->buf[p]->size);
	return fr;
}

/* Build FFmpeg's path for src -> dst (v210 on one side) or NULL. */
static struct fj *ff_setup(enum sdi8k_pixfmt sf, enum sdi8k_pixfmt df,
			   const struct sdi8k_frame *src, unsigned threads,
			   char *desc, size_t dn)
{
	struct fj *f = calloc(1, sizeof(*f));
	enum AVPixelFormat in = AV_PIX_FMT_YUV422P10LE;

	if (sf == SDI8K_FMT_V210) {
		const AVCodec *c = avcodec_find_decoder(AV_CODEC_ID_V210);
		size_t sz = src->stride[0] * (size_t)H;

		f->dec = avcodec_alloc_context3(c);
		f->dec->width = W;
		f->dec->height = H;
		f->dec->thread_count = (int)threads;
		f->dec->thread_type = FF_THREAD_SLICE;
		if (avcodec_open2(f->dec, c, NULL) < 0)
			return NULL;
		f->pkt = av_packet_alloc();
		if (av_new_packet(f->pkt, (int)sz) < 0)
			return NULL;
		memcpy(f->pkt->data, src->data[0], sz);
		f->dframe = av_frame_alloc();
		snprintf(desc, dn, "avcodec v210 dec");
	} else {
		int p, n = sdi8k_format_planes(sf);

		in = av_fmt(sf);
		f->sin = mkframe(in);
		for (p = 0; p < n; p++) {
			size_t ls[3], lines[3];
			size_t y;

			sdi8k_frame_layout(sf, (uint32_t)W, (uint32_t)H, ls, lines,
					   NULL, NULL);
			for (y = 0; y < lines[p]; y++)
				memcpy(f->sin->data[p] + y * (size_t)f->sin->linesize[p],
				       (uint8_t *)src->data[p] + y * src->stride[p],
				       ls[p]);
		}
		desc[0] = 0;
	}
	if (df != SDI8K_FMT_V210 && df != SDI8K_FMT_YUV422P10) {
		enum AVPixelFormat out = av_fmt(df);

		if (!sws_isSupportedOutput(out)) {
			snprintf(desc + strlen(desc), dn - strlen(desc),
				 "%sno swscale %s output", *desc ? " + " : "",
				 av_get_pix_fmt_name(out));
			f->what = "n/a";
			return f;
		}
		f->sws = sws_alloc_context();
		av_opt_set_int(f->sws, "srcw", W, 0);
		av_opt_set_int(f->sws, "srch", H, 0);
		av_opt_set_int(f->sws, "src_format", in, 0);
		av_opt_set_int(f->sws, "dstw", W, 0);
		av_opt_set_int(f->sws, "dsth", H, 0);
		av_opt_set_int(f->sws, "dst_format", out, 0);
		av_opt_set_int(f->sws, "sws_flags", SWS_AREA, 0);
		av_opt_set_int(f->sws, "threads", threads, 0);
		if (sws_init_context(f->sws, NULL, NULL) < 0)
			return NULL;
		f->sout = mkframe(out);
		snprintf(desc + strlen(desc), dn - strlen(desc),
			 "%sswscale area", *desc ? " + " : "");
	} else if (df == SDI8K_FMT_V210 && sf != SDI8K_FMT_YUV422P10) {
		f->sws = sws_alloc_context();
		av_opt_set_int(f->sws, "srcw", W, 0);
		av_opt_set_int(f->sws, "srch", H, 0);
		av_opt_set_int(f->sws, "src_format", in, 0);
		av_opt_set_int(f->sws, "dstw", W, 0);
		av_opt_set_int(f->sws, "dsth", H, 0);
		av_opt_set_int(f->sws, "dst_format", AV_PIX_FMT_YUV422P10LE, 0);
		av_opt_set_int(f->sws, "sws_flags", SWS_AREA, 0);
		av_opt_set_int(f->sws, "threads", threads, 0);
		if (sws_init_context(f->sws, NULL, NULL) < 0)
			return NULL;
		f->sout = mkframe(AV_PIX_FMT_YUV422P10LE);
		snprintf(desc + strlen(desc), dn - strlen(desc), "swscale");
	}
	if (df == SDI8K_FMT_V210) {
		const AVCodec *c = avcodec_find_encoder(AV_CODEC_ID_V210);

		f->enc = avcodec_alloc_context3(c);
		f->enc->width = W;
		f->enc->height = H;
		f->enc->pix_fmt = AV_PIX_FMT_YUV422P10LE;
		f->enc->time_base = (AVRational){ 1, 60 };
		f->enc->thread_count = 1; /* libavcodec v210enc has no threads */
		f->encsize = src->stride[0] * (size_t)H * 4;
		f->encbuf = xalloc(f->encsize);
		f->enc->opaque = f;
		f->enc->get_encode_buffer = enc_get_buffer;
		if (avcodec_open2(f->enc, c, NULL) < 0)
			return NULL;
		f->opkt = av_packet_alloc();
		snprintf(desc + strlen(desc), dn - strlen(desc), "%savcodec v210 enc%s",
			 *desc ? " + " : "", threads > 1 ? " (1 thr)" : "");
	}
	return f;
}

static void ff_free(struct fj *f)
{
	if (!f)
		return;
	avcodec_free_context(&f->dec);
	avcodec_free_context(&f->enc);
	av_packet_free(&f->pkt);
	av_packet_free(&f->opkt);
	av_frame_free(&f->dframe);
	av_frame_free(&f->sin);
	av_frame_free(&f->sout);
	sws_freeContext(f->sws);
	free(f->encbuf);
	free(f);
}

/* ---- the table ---- */
#define MAXRUNS 3
struct result {
	/* per run: 1 thread, all cores, and (v210 -> P010 when the machine
	 * has other than 2 cores) exactly 2 threads for the 8K60 target */
	unsigned nruns, thr[MAXRUNS];
	double ours[MAXRUNS], ff[MAXRUNS], mc[MAXRUNS];
};

/* The run of r with `threads` threads, or NULL. */
static int run_with(const struct result *r, unsigned threads)
{
	for (unsigned k = 0; k < r->nruns; k++)
		if (r->thr[k] == threads)
			return (int)k;
	return -1;
}

static void row(const char *conv, const char *impl, unsigned thr, double t,
		size_t in, double mc)
{
	if (t < 0) {
		printf("| %-24s | %-62s | %3u | %9s | %7s | %9s |\n", conv, impl,
		       thr, "n/a", "", "");
		return;
	}
	printf("| %-24s | %-62s | %3u | %9.2f | %7.2f | %9.2f |\n", conv, impl,
	       thr, t * 1e3, (double)in / t / 1e9, t / mc);
}

static void fill_src(struct sdi8k_frame *f, uint8_t *buf, size_t size)
{
	uint64_t s = 88172645463325252ull;
	size_t i;

	for (i = 0; i + 8 <= size; i += 8) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		memcpy(buf + i, &s, 8);
	}
	if (f->format == SDI8K_FMT_V210) /* valid words: padding bits 0 */
		for (i = 0; i + 4 <= size; i += 4)
			buf[i + 3] &= 0x3f;
}

static int bench_one(enum sdi8k_pixfmt sf, enum sdi8k_pixfmt df,
		     unsigned extra_threads, struct result *r)
{
	struct sj j;
	struct mc m;
	size_t ssz = sdi8k_frame_size(sf, (uint32_t)W, (uint32_t)H);
	size_t dsz = sdi8k_frame_size(df, (uint32_t)W, (uint32_t)H);
	uint8_t *sbuf = xalloc(ssz), *dbuf = xalloc(dsz), *mcbuf = xalloc(ssz);
	char conv[64], impl[96], desc[96];
	unsigned k;
	int match = -1;

	r->nruns = 0;
	r->thr[r->nruns++] = 1;
	if (NCPU != 1)
		r->thr[r->nruns++] = NCPU;
	if (extra_threads && run_with(r, extra_threads) < 0)
		r->thr[r->nruns++] = extra_threads;

	memset(&j, 0, sizeof(j));
	sdi8k_frame_init(&j.src, sf, (uint32_t)W, (uint32_t)H, sbuf, ssz, 0);
	sdi8k_frame_init(&j.dst, df, (uint32_t)W, (uint32_t)H, dbuf, dsz, 0);
	fill_src(&j.src, sbuf, ssz);
	if (sf != SDI8K_FMT_V210) {
		/* a realistic source: convert the random v210 frame into it */
		struct sdi8k_frame v;
		size_t vsz = sdi8k_frame_size(SDI8K_FMT_V210, (uint32_t)W,
					      (uint32_t)H);
		uint8_t *vb = xalloc(vsz);

		sdi8k_frame_init(&v, SDI8K_FMT_V210, (uint32_t)W, (uint32_t)H,
				 vb, vsz, 0);
		fill_src(&v, vb, vsz);
		sdi8k_convert(&v, &j.src, NULL);
		free(vb);
	}
	snprintf(conv, sizeof(conv), "%s -> %s", sdi8k_format_name(sf),
		 sdi8k_format_name(df));
	for (k = 0; k < r->nruns; k++) {
		struct fj *f;
		struct timed tj[3];

		m.dst = mcbuf;
		m.src = sbuf;
		m.n = ssz;
		m.threads = r->thr[k];
		j.o.threads = r->thr[k];
		j.o.cpu_cap = CPU;
		f = ff_setup(sf, df, &j.src, r->thr[k], desc, sizeof(desc));
		memset(tj, 0, sizeof(tj));
		tj[0].fn = sdi8k_run;
		tj[0].ctx = &j;
		tj[1].fn = f && !f->what ? ff_run : NULL;
		tj[1].ctx = f;
		tj[2].fn = mc_run;
		tj[2].ctx = &m;
		time_interleaved(tj, 3);
		r->ours[k] = tj[0].median;
		r->ff[k] = tj[1].median;
		r->mc[k] = tj[2].median;

		snprintf(impl, sizeof(impl), "sdi8k %s", sdi8k_convert_path(sf, df, CPU));
		row(k ? "" : conv, impl, r->thr[k], r->ours[k], ssz, r->mc[k]);
		/* bit-exact against FFmpeg where the maths is the same */
		if (k == 0 && f && f->dec && r->ff[k] > 0 &&
		    (df == SDI8K_FMT_YUV422P10 || df == SDI8K_FMT_P010 ||
		     df == SDI8K_FMT_UYVY)) {
			AVFrame *o = f->sout ? f->sout : f->dframe;
			size_t ms[3], lines[3], y;
			int p, np = sdi8k_frame_layout(df, (uint32_t)W, (uint32_t)H,
						       ms, lines, NULL, NULL);

			match = 1;
			for (p = 0; p < np; p++)
				for (y = 0; y < lines[p]; y++)
					if (memcmp(o->data[p] + y * (size_t)o->linesize[p],
						   (uint8_t *)j.dst.data[p] + y * j.dst.stride[p],
						   ms[p]))
						match = 0;
		}
		snprintf(impl, sizeof(impl), "ffmpeg %s", desc);
		row("", impl, r->thr[k], r->ff[k], ssz, r->mc[k]);
		ff_free(f);
		row("", "memcpy of the input", r->thr[k], r->mc[k], ssz, r->mc[k]);
	}
	if (match >= 0)
		printf("| %-24s | %-62s | %3s | %9s | %7s | %9s |\n", "",
		       match ? "(output matches FFmpeg's bit for bit)"
			     : "(output DIFFERS from FFmpeg's)", "", "", "", "");
	printf("|%s|\n", "--------------------------+----------------------------------------------------------------+-----+-----------+---------+-----------");
	free(sbuf);
	free(dbuf);
	free(mcbuf);
	return 0;
}

int main(int argc, char **argv)
{
	static const enum sdi8k_pixfmt jobs[][2] = {
		{ SDI8K_FMT_V210, SDI8K_FMT_YUV422P10 },
		{ SDI8K_FMT_V210, SDI8K_FMT_P010 },
		{ SDI8K_FMT_V210, SDI8K_FMT_P210 },
		{ SDI8K_FMT_V210, SDI8K_FMT_UYVY },
		{ SDI8K_FMT_V210, SDI8K_FMT_Y210 },
		{ SDI8K_FMT_V210, SDI8K_FMT_NV12 },
		{ SDI8K_FMT_V210, SDI8K_FMT_YUV420P10 },
		{ SDI8K_FMT_V210, SDI8K_FMT_BGRA },
		{ SDI8K_FMT_V210, SDI8K_FMT_X2RGB10 },
		{ SDI8K_FMT_Y210, SDI8K_FMT_V210 },
		{ SDI8K_FMT_P210, SDI8K_FMT_V210 },
		{ SDI8K_FMT_YUV422P10, SDI8K_FMT_V210 },
		{ SDI8K_FMT_P010, SDI8K_FMT_V210 },
		{ SDI8K_FMT_UYVY, SDI8K_FMT_V210 },
		{ SDI8K_FMT_BGRA, SDI8K_FMT_V210 },
	};
	struct result res[sizeof(jobs) / sizeof(jobs[0])];
	const char *only = NULL;
	unsigned i;
	int opt;

	while ((opt = getopt(argc, argv, "n:w:h:c:o:")) != -1) {
		switch (opt) {
		case 'n': ITERS = atoi(optarg); break;
		case 'w': W = atoi(optarg); break;
		case 'h': H = atoi(optarg); break;
		case 'o': only = optarg; break;
		case 'c':
			for (i = 0; i <= SDI8K_CPU_AVX512; i++)
				if (!strcmp(optarg, sdi8k_cpu_name((enum sdi8k_cpu)i)))
					CPU = (enum sdi8k_cpu)i;
			break;
		default:
			fprintf(stderr, "usage: %s [-n iters] [-w width] [-h height] "
				"[-c c|sse41|avx2|avx512] [-o srcfmt]\n", argv[0]);
			return 2;
		}
	}
	if (ITERS < 1 || W < 1 || H < 1)
		return 2;
	av_log_set_level(AV_LOG_ERROR);
	NCPU = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	printf("sdi8k %s, %dx%d, %d iterations (median), %u cores, CPU level "
	       "%s (detected %s), libavcodec %s, libswscale %s\n\n",
	       sdi8k_version_string(), W, H, ITERS, NCPU,
	       sdi8k_cpu_name(CPU ? CPU : sdi8k_cpu_level()),
	       sdi8k_cpu_name(sdi8k_cpu_detected()), AV_STRINGIFY(LIBAVCODEC_VERSION),
	       AV_STRINGIFY(LIBSWSCALE_VERSION));
	{
		FILE *la = fopen("/proc/loadavg", "r");
		double l1 = 0;

		if (la && fscanf(la, "%lf", &l1) == 1)
			printf("load average before the run: %.2f%s\n\n", l1,
			       l1 > 0.5 ? " -- other processes are using the "
			       "CPUs: figures are noisy, compare rows of one run "
			       "(measured interleaved) rather than runs" : "");
		if (la)
			fclose(la);
	}
	printf("| %-24s | %-62s | %3s | %9s | %7s | %9s |\n", "conversion",
	       "implementation", "thr", "ms/frame", "GB/s in", "x memcpy");
	printf("|%s|\n", "--------------------------+----------------------------------------------------------------+-----+-----------+---------+-----------");
	memset(res, 0, sizeof(res));
	for (i = 0; i < sizeof(jobs) / sizeof(jobs[0]); i++) {
		if (only && strcmp(only, sdi8k_format_name(jobs[i][0])))
			continue;
		/* v210 -> P010 also on exactly 2 threads: the 8K60 target */
		bench_one(jobs[i][0], jobs[i][1], i == 1 ? 2 : 0, &res[i]);
	}
	printf("\n(GB/s in: input bytes per second; x memcpy: time / time of "
	       "memcpy of the input bytes with the same thread count)\n\n");

	if (!only || !strcmp(only, "v210")) {
		struct result *a = &res[0], *b = &res[1];
		int ok1 = a->ours[0] > 0 && a->ff[0] > 0 && a->ours[0] <= a->ff[0];
		int ok2 = b->ours[0] > 0 && b->ff[0] > 0 &&
			  b->ff[0] / b->ours[0] >= 5.0;
		int an = run_with(a, NCPU), two = run_with(b, 2);
		double t2 = two >= 0 ? b->ours[two] : -1;
		double fps2 = t2 > 0 ? 1.0 / t2 : 0;

		printf("VERDICT v210 -> yuv422p10le at least as fast as FFmpeg's "
		       "v210 decoder (1 thread): %s (%.2f ms vs %.2f ms, %.2fx; "
		       "%u threads: %.2f ms vs %.2f ms)\n",
		       ok1 ? "PASS" : "FAIL", a->ours[0] * 1e3, a->ff[0] * 1e3,
		       a->ff[0] / a->ours[0], NCPU,
		       an >= 0 ? a->ours[an] * 1e3 : a->ours[0] * 1e3,
		       an >= 0 ? a->ff[an] * 1e3 : a->ff[0] * 1e3);
		printf("VERDICT v210 -> p010le at least 5x FFmpeg's decode + "
		       "swscale (1 thread): %s (%.2f ms vs %.2f ms, %.1fx)\n",
		       ok2 ? "PASS" : "FAIL", b->ours[0] * 1e3, b->ff[0] * 1e3,
		       b->ff[0] / b->ours[0]);
		/* exactly 2 threads, whatever the machine has (the 2-thread
		 * run of the table; with fewer than 2 cores they share one) */
		printf("VERDICT v210 -> p010le 8K60 real time on 2 cores (2 threads, "
		       "> 60 frames/s): %s (%.1f frames/s, %.2f ms/frame)%s%s\n",
		       fps2 > 60.0 ? "PASS" : "FAIL", fps2, t2 * 1e3,
		       (W != 7680 || H != 4320) ? " [not at 7680x4320]" : "",
		       NCPU < 2 ? " [this machine has 1 core]" : "");
	}
	return 0;
}

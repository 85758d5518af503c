// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-bench-capture: how fast sdi8k-capture's writing path records
 * 2160p59.94 v210 (issue 17: "frames per second sdi8k-capture writes
 * 2160p59.94 v210 to a Matroska file on tmpfs, uncompressed and FFV1, on
 * 2 cores, and its CPU use"). The same calls as sdi8k-capture -F mkv on
 * each frame: for FFV1, libsdi8k's v210 -> yuv422p10 conversion (threaded,
 * SIMD), then the container writer (utils/avwriter/avwriter.c, built in:
 * libavformat, and FFV1 level 3 with slices through libavcodec, threaded),
 * into a file (tmpfs by default). The frames are the card model's test
 * pattern (kernel/sdi8k-pattern.c: bars, a moving box, the frame counter),
 * painted before the clock starts. Prints frames per second against
 * 59.94, the CPU time a frame (user + system, all threads) and the file's
 * size. A benchmark: no pass or fail.
 *
 * Usage: sdi8k-bench-capture [-n FRAMES] [-t THREADS] [-d DIR]
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

#include <sdi8k/convert.h>

#include "sdi8k-pattern.h"
#include "avwriter/avwriter.h"
#include "common/outfile.h"

#define W 3840
#define H 2160
#define DISTINCT 8	/* frames painted, written in turn */

/* the recording's bytes through sdi8k-capture's own file writer */
struct sink {
	uint8_t *buf;
};

static void sink_write(void *ctx, size_t off, const void *src, size_t len)
{
	memcpy(((struct sink *)ctx)->buf + off, src, len);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static int run(enum avw_codec codec, uint8_t *const *v210, size_t stride, unsigned nframes,
	       unsigned threads, const char *dir)
{
	struct sdi8k_convert_opts co = { .threads = threads };
	struct sdi8k_frame src = { .format = SDI8K_FMT_V210, .width = W, .height = H };
	struct sdi8k_frame dst = { .format = SDI8K_FMT_YUV422P10, .width = W, .height = H };
	size_t ms[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES], total;
	struct avw_params p;
	struct avw *w;
	char path[4096], msg[512];
	uint8_t *planar = NULL;
	double t0, c0, t, c;
	struct outfile out;
	uint64_t size;

	snprintf(path, sizeof(path), "%s/sdi8k-bench-capture.mkv", dir);
	if (outfile_open(&out, path, msg, sizeof(msg))) {
		fprintf(stderr, "sdi8k-bench-capture: %s\n", msg);
		return 1;
	}
	if (codec == AVW_FFV1) {
		sdi8k_frame_layout(SDI8K_FMT_YUV422P10, W, H, ms, lines, NULL, &total);
		planar = aligned_alloc(64, (total + 63) / 64 * 64);
		if (!planar)
			return 1;
		for (int i = 0, off = 0; i < 3; i++) {
			dst.data[i] = planar + off;
			dst.stride[i] = ms[i];
			off += (int)(ms[i] * lines[i]);
		}
	}
	memset(&p, 0, sizeof(p));
	p.container = AVW_MKV;
	p.codec = codec;
	p.pixfmt = codec == AVW_FFV1 ? AVW_PIX_YUV422P10 : AVW_PIX_V210;
	p.width = W;
	p.height = H;
	p.rate_num = 60000;
	p.rate_den = 1001;
	p.primaries = p.transfer = p.matrix = 1;	/* BT.709 */
	p.chroma_location = AVW_CHROMA_LEFT;
	p.threads = threads;
	p.io = &out;
	p.write = outfile_io_write;
	p.seek = outfile_io_seek;
	if (avw_open(&w, &p, msg, sizeof(msg))) {
		fprintf(stderr, "sdi8k-bench-capture: %s\n", msg);
		return 1;
	}
	t0 = now();
	c0 = cpu_s();
	for (unsigned i = 0; i < nframes; i++) {
		const uint8_t *planes[3] = { v210[i % DISTINCT], NULL, NULL };
		size_t strides[3] = { stride, 0, 0 };

		if (codec == AVW_FFV1) {
			src.data[0] = v210[i % DISTINCT];
			src.stride[0] = stride;
			if (sdi8k_convert(&src, &dst, &co)) {
				fprintf(stderr, "sdi8k-bench-capture: convert failed\n");
				return 1;
			}
			for (int k = 0; k < 3; k++) {
				planes[k] = dst.data[k];
				strides[k] = dst.stride[k];
			}
		}
		if (avw_put(w, planes, strides, i, msg, sizeof(msg))) {
			fprintf(stderr, "sdi8k-bench-capture: %s\n", msg);
			return 1;
		}
	}
	if (avw_close(w, msg, sizeof(msg))) {
		fprintf(stderr, "sdi8k-bench-capture: %s\n", msg);
		return 1;
	}
	t = now() - t0;
	c = cpu_s() - c0;
	size = out.bytes;
	outfile_abort(&out);	/* measured: the file is not kept */
	free(planar);
	printf("  %-13s %6.2f frames/s (%s 59.94), CPU %.1f ms a frame (%.0f%% of %u "
	       "threads' time), %.1f MB a frame in the file\n",
	       codec == AVW_FFV1 ? "ffv1 (lossless)" : "uncompressed", nframes / t,
	       nframes / t >= 59.94 ? "above" : "below", c / nframes * 1e3,
	       c / t / (threads ? threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN)) * 100,
	       threads ? threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN),
	       (double)size / nframes / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned nframes = 120, threads = 0;
	const char *dir = "/dev/shm";
	struct sdi8k_pattern_geom g = { .fourcc = 0x30313276 /* 'v210' */, .width = W,
					.height = H };
	struct sdi8k_pattern *pat;
	uint8_t *v210[DISTINCT];
	size_t stride = (W + 47) / 48 * 128;
	int opt, rc;

	while ((opt = getopt(argc, argv, "n:t:d:")) != -1) {
		switch (opt) {
		case 'n': nframes = (unsigned)strtoul(optarg, NULL, 0); break;
		case 't': threads = (unsigned)strtoul(optarg, NULL, 0); break;
		case 'd': dir = optarg; break;
		default:
			fprintf(stderr, "usage: sdi8k-bench-capture [-n FRAMES] [-t THREADS] [-d DIR]\n");
			return 2;
		}
	}
	if (!nframes)
		return 2;
	g.bytesperline = (uint32_t)stride;
	g.sizeimage = (uint32_t)(stride * H);
	if (sdi8k_pattern_create(&g, &pat)) {
		fprintf(stderr, "sdi8k-bench-capture: pattern\n");
		return 1;
	}
	for (int i = 0; i < DISTINCT; i++) {
		struct sink s = { .buf = aligned_alloc(64, g.sizeimage) };

		if (!s.buf)
			return 1;
		sdi8k_pattern_paint(pat, (uint64_t)i, SDI8K_PATTERN_FULL, sink_write, &s);
		v210[i] = s.buf;
	}
	sdi8k_pattern_destroy(pat);
	printf("bench-capture: 2160p59.94 v210 (%u bytes a frame) into Matroska in %s, "
	       "%u frames, %u threads, %ld CPUs (%s)\n", g.sizeimage, dir, nframes,
	       threads ? threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN),
	       sysconf(_SC_NPROCESSORS_ONLN), avw_versions());
	rc = run(AVW_UNCOMPRESSED, v210, stride, nframes, threads, dir);
	if (!rc)
		rc = run(AVW_FFV1, v210, stride, nframes, threads, dir);
	for (int i = 0; i < DISTINCT; i++)
		free(v210[i]);
	return rc;
}

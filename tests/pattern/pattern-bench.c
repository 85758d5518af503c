// SPDX-License-Identifier: GPL-2.0-only
/*
 * pattern-bench: how fast the generator paints, full and delta.
 *   pattern-bench                      the standard cases
 *   pattern-bench gen FMT W H FIRST N OUT [i]   write N frames to OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "common.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const struct fmt *find_fmt(const char *name)
{
	for (unsigned int i = 0; i < nfmts; i++)
		if (!strcasecmp(fmts[i].name, name))
			return &fmts[i];
	return NULL;
}

static void bench(const char *fmt, unsigned int w, unsigned int h)
{
	const struct fmt *f = find_fmt(fmt);
	struct sdi8k_pattern_geom g;
	struct vf_geom vg;
	struct sdi8k_pattern *p;
	struct sink s = { 0 };
	double t, full, delta;
	size_t written = 0;
	int n;

	make_geom(f, w, h, false, 0, 0, &g, &vg);
	if (sdi8k_pattern_create(&g, &p))
		abort();
	s.size = g.sizeimage;
	s.buf = malloc(s.size);
	memset(s.buf, 0, s.size);	/* fault the pages in */

	n = 0;
	t = now();
	do {
		paint(p, &s, n++, SDI8K_PATTERN_FULL);
	} while (now() - t < 1.0);
	full = n / (now() - t);

	paint(p, &s, 0, SDI8K_PATTERN_FULL);
	n = 1;
	t = now();
	do {
		paint(p, &s, n, n - 1);
		written += s.bytes;
		n++;
	} while (now() - t < 1.0);
	delta = (n - 1) / (now() - t);

	printf("%s %ux%u (%u bytes): full %.0f frames/s = %.0f MB/s; "
	       "delta %.0f frames/s, %zu bytes/frame (%.1f%%), "
	       "%.0f MB/s of frames\n",
	       fmt, w, h, g.sizeimage, full, full * g.sizeimage / 1e6, delta,
	       written / (n - 1), 100.0 * written / (n - 1) / g.sizeimage,
	       delta * g.sizeimage / 1e6);
	sdi8k_pattern_destroy(p);
	free(s.buf);
}

static int gen(int argc, char **argv)
{
	const struct fmt *f = argc >= 7 ? find_fmt(argv[1]) : NULL;
	struct sdi8k_pattern_geom g;
	struct vf_geom vg;
	struct sdi8k_pattern *p;
	struct sink s = { 0 };
	FILE *fp;
	u64 first, n;

	if (!f) {
		fprintf(stderr, "usage: pattern-bench gen FMT W H FIRST N OUT [i]\n");
		return 2;
	}
	make_geom(f, atoi(argv[2]), atoi(argv[3]), argc > 7, 0, 0, &g, &vg);
	if (sdi8k_pattern_create(&g, &p))
		return 1;
	first = strtoull(argv[4], NULL, 0);
	n = strtoull(argv[5], NULL, 0);
	s.size = g.sizeimage;
	s.buf = malloc(s.size);
	fp = fopen(argv[6], "wb");
	if (!fp || !s.buf)
		return 1;
	for (u64 i = 0; i < n; i++) {
		paint(p, &s, first + i, i ? first + i - 1 : SDI8K_PATTERN_FULL);
		fwrite(s.buf, 1, s.size, fp);
	}
	sdi8k_pattern_destroy(p);
	free(s.buf);
	return fclose(fp) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "gen"))
		return gen(argc - 1, argv + 1);
	bench("UYVY", 1920, 1080);
	bench("v210", 1920, 1080);
	bench("UYVY", 3840, 2160);
	bench("v210", 3840, 2160);
	bench("P010", 3840, 2160);
	return 0;
}

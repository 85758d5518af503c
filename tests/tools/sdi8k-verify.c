// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-verify: check a file of raw frames captured from the sdi8k
 * simulated card against the test pattern of docs/test-pattern.md.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "verify-frame.h"

#define MAX_REPORTED 10

static const char usage[] =
"usage: sdi8k-verify --format FMT --width W --height H [options] FILE\n"
"Checks every frame of FILE (concatenated raw frames) against the sdi8k\n"
"test pattern: bars, frame counter (top and bottom), moving box.\n"
"\n"
"  --format FMT          UYVY (uyvy422), YUYV (yuyv422, YUY2), NV16,\n"
"                        P010 (p010le), Y210 (y210le), v210\n"
"  --width W, --height H frame size in pixels (both fields if interlaced)\n"
"  --stride BPL          bytes per line (default: the format's minimum)\n"
"  --interlaced          the frames hold two interleaved fields\n"
"  --tolerance N         allowed difference in code values (default 0 for\n"
"                        10-bit formats, 1 for 8-bit ones)\n"
"  --expect-consecutive  every counter must be the previous one + 1\n"
"  --allow-gaps          with or without --expect-consecutive: forward\n"
"                        jumps are reported, not errors; repeats still are\n"
"  --first N             the first frame must carry counter N\n"
"  --exhaustive          compare every sample and padding byte\n"
"  --png OUT.png         write frame --frame-index N (default 0) as RGB\n"
"  -v, --verbose         one line per frame\n"
"Prints: frames=N first=C0 last=C1 gaps=G torn=T bad_bars=B invalid=I\n"
"bad_box=X repeats=R. Exit status 0 if every check passed, 1 if not,\n"
"2 on a usage or file error.\n";

static int fail_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "sdi8k-verify: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(sdi8k-verify --help for usage)\n");
	return 2;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		return -1;
	*out = v;
	return 0;
}

static uint8_t clamp8(double v)
{
	v = v * 255.0 + 0.5;
	return v < 0 ? 0 : v > 255 ? 255 : (uint8_t)v;
}

/* BT.709 narrow range to full-range RGB, nearest chroma. */
static int write_png(const char *path, const struct vf_geom *g,
		     const uint8_t *frame)
{
	double sc = vf_format_8bit(g->format) ? 4.0 : 1.0;
	png_structp png;
	png_infop info;
	uint8_t *row;
	FILE *fp;

	fp = fopen(path, "wb");
	if (!fp) {
		fprintf(stderr, "sdi8k-verify: %s: %s\n", path, strerror(errno));
		return -1;
	}
	row = malloc((size_t)g->width * 3);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!row || !info || setjmp(png_jmpbuf(png))) {
		fprintf(stderr, "sdi8k-verify: %s: cannot write the PNG\n", path);
		png_destroy_write_struct(&png, &info);
		free(row);
		fclose(fp);
		return -1;
	}
	png_init_io(png, fp);
	png_set_IHDR(png, info, g->width, g->height, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (unsigned int y = 0; y < g->height; y++) {
		for (unsigned int x = 0; x < g->width; x++) {
			uint16_t s[3];
			double yy, cb, cr;

			vf_sample(g, frame, x, y, s);
			yy = (s[0] * sc - 64.0) / 876.0;
			cb = (s[1] * sc - 512.0) / 896.0;
			cr = (s[2] * sc - 512.0) / 896.0;
			row[3 * x] = clamp8(yy + 1.5748 * cr);
			row[3 * x + 1] = clamp8(yy - 0.187324 * cb - 0.468124 * cr);
			row[3 * x + 2] = clamp8(yy + 1.8556 * cb);
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	if (fclose(fp)) {
		fprintf(stderr, "sdi8k-verify: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	enum { O_FORMAT = 256, O_WIDTH, O_HEIGHT, O_STRIDE, O_INTERLACED,
	       O_TOL, O_CONSEC, O_GAPS, O_FIRST, O_PNG, O_INDEX, O_EXH };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "width", required_argument, NULL, O_WIDTH },
		{ "height", required_argument, NULL, O_HEIGHT },
		{ "stride", required_argument, NULL, O_STRIDE },
		{ "interlaced", no_argument, NULL, O_INTERLACED },
		{ "tolerance", required_argument, NULL, O_TOL },
		{ "expect-consecutive", no_argument, NULL, O_CONSEC },
		{ "allow-gaps", no_argument, NULL, O_GAPS },
		{ "first", required_argument, NULL, O_FIRST },
		{ "png", required_argument, NULL, O_PNG },
		{ "frame-index", required_argument, NULL, O_INDEX },
		{ "exhaustive", no_argument, NULL, O_EXH },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long width = 0, height = 0, stride = 0, first = 0, index = 0;
	unsigned long tolerance = 0;
	bool interlaced = false, consecutive = false, allow_gaps = false;
	bool have_first = false, have_tol = false, verbose = false;
	const char *png = NULL, *format = NULL, *path;
	unsigned int flags = 0;
	enum vf_format fmt;
	struct vf_geom g;
	char err[160];
	int opt;

	while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (opt) {
		case O_FORMAT:
			format = optarg;
			break;
		case O_WIDTH:
			if (parse_uint(optarg, 65535, &width))
				return fail_usage("bad --width '%s'", optarg);
			break;
		case O_HEIGHT:
			if (parse_uint(optarg, 65535, &height))
				return fail_usage("bad --height '%s'", optarg);
			break;
		case O_STRIDE:
			if (parse_uint(optarg, 1UL << 24, &stride) || !stride)
				return fail_usage("bad --stride '%s'", optarg);
			break;
		case O_INTERLACED:
			interlaced = true;
			break;
		case O_TOL:
			if (parse_uint(optarg, 1023, &tolerance))
				return fail_usage("bad --tolerance '%s'", optarg);
			have_tol = true;
			break;
		case O_CONSEC:
			consecutive = true;
			break;
		case O_GAPS:
			allow_gaps = true;
			break;
		case O_FIRST:
			if (parse_uint(optarg, UINT32_MAX, &first))
				return fail_usage("bad --first '%s'", optarg);
			have_first = true;
			break;
		case O_PNG:
			png = optarg;
			break;
		case O_INDEX:
			if (parse_uint(optarg, ULONG_MAX, &index))
				return fail_usage("bad --frame-index '%s'", optarg);
			break;
		case O_EXH:
			flags |= VF_EXHAUSTIVE;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			return fail_usage("%s", "bad arguments");
		}
	}
	if (optind != argc - 1)
		return fail_usage("%s", optind < argc ? "more than one FILE" :
				  "no FILE given");
	path = argv[optind];
	if (!format)
		return fail_usage("%s", "--format is required");
	if (!width || !height)
		return fail_usage("%s", "--width and --height are required");
	if (vf_format_parse(format, &fmt))
		return fail_usage("unknown format '%s' (UYVY, YUYV, NV16, P010, Y210, v210)",
				  format);
	if (vf_geom_init(&g, fmt, width, height, stride, interlaced, err,
			 sizeof(err)))
		return fail_usage("%s", err);

	int fd = open(path, O_RDONLY);
	struct stat st;

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "sdi8k-verify: %s: %s\n", path, strerror(errno));
		return 2;
	}
	size_t size = st.st_size, nframes = size / g.frame_size;

	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "sdi8k-verify: %s: not a regular file\n", path);
		return 2;
	}
	if (!size) {
		fprintf(stderr, "sdi8k-verify: %s: empty file, no frames\n", path);
		return 2;
	}
	if (size % g.frame_size) {
		fprintf(stderr,
			"sdi8k-verify: %s: %zu bytes is not a whole number of %s %lux%lu frames of %zu bytes (%zu whole, %zu bytes left over)\n",
			path, size, vf_format_name(fmt), width, height,
			g.frame_size, nframes, size % g.frame_size);
		return 2;
	}
	if (png && index >= nframes) {
		fprintf(stderr, "sdi8k-verify: --frame-index %lu: the file has %zu frames\n",
			index, nframes);
		return 2;
	}
	const uint8_t *data = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);

	if (data == MAP_FAILED) {
		fprintf(stderr, "sdi8k-verify: %s: mmap: %s\n", path,
			strerror(errno));
		return 2;
	}
	close(fd);

	unsigned long gaps = 0, torn = 0, bad_bars = 0, invalid = 0;
	unsigned long bad_box = 0, repeats = 0, reported = 0;
	uint32_t prev = 0, c0 = 0, c1 = 0, unread = 0;
	bool have_prev = false, ok = true;
	struct vf_layout lay;

	vf_layout_init(&lay, g.width, g.height);

	for (size_t i = 0; i < nframes; i++) {
		const uint8_t *f = data + i * g.frame_size;
		struct vf_result r;
		bool frame_ok = !vf_check(&g, f, have_tol ? (int)tolerance : -1,
					  flags, &r);
		char seq[128] = "";

		if (r.torn)
			torn++;
		else if (!r.valid)
			invalid++;
		if (r.bad_bars)
			bad_bars++;
		if (r.bad_box)
			bad_box++;
		if (r.valid) {
			if (!have_prev) {
				c0 = r.counter;
				if (have_first && r.counter != first) {
					snprintf(seq, sizeof(seq),
						 "first counter %" PRIu32 ", expected %lu",
						 r.counter, first);
					frame_ok = false;
				}
			} else if (r.counter != prev + 1 + unread) {
				/* frames without a readable counter in between
				 * are failures already: not gaps too
				 */
				uint32_t d = r.counter - prev - unread;

				if (d == 0 || d >= 0x80000000u) {
					repeats++;
					snprintf(seq, sizeof(seq),
						 "counter %" PRIu32 " after %" PRIu32 " (repeated or backwards)",
						 r.counter, prev);
					if (consecutive || allow_gaps)
						frame_ok = false;
				} else {
					gaps++;
					snprintf(seq, sizeof(seq),
						 "gap: counter %" PRIu32 " after %" PRIu32 " (%" PRIu32 " missing)",
						 r.counter, prev + unread, d - 1);
					if (consecutive && !allow_gaps)
						frame_ok = false;
					if (allow_gaps && !verbose)
						printf("frame %zu: %s\n", i, seq);
				}
			}
			prev = c1 = r.counter;
			have_prev = true;
			unread = 0;
		} else if (have_prev) {
			unread++;
		}
		if (!frame_ok)
			ok = false;
		if (verbose) {
			printf("frame %zu:", i);
			if (r.valid)
				printf(" counter=%" PRIu32 " box_x=%u", r.counter,
				       vf_box_x(&lay, r.counter));
			printf(" %s%s%s%s%s\n", frame_ok ? "ok" : "FAIL",
			       r.msg[0] ? ": " : "", r.msg,
			       seq[0] ? (r.msg[0] ? "; " : ": ") : "", seq);
		}
		if (!frame_ok && !verbose && reported++ < MAX_REPORTED)
			fprintf(stderr, "frame %zu: %s%s%s\n", i, r.msg,
				r.msg[0] && seq[0] ? "; " : "", seq);
	}
	if (reported > MAX_REPORTED)
		fprintf(stderr, "... and %lu more failing frames\n",
			reported - MAX_REPORTED);
	if (png && write_png(png, &g, data + index * g.frame_size))
		ok = false;

	printf("frames=%zu first=", nframes);
	if (have_prev)
		printf("%" PRIu32 " last=%" PRIu32, c0, c1);
	else
		printf("- last=-");
	printf(" gaps=%lu torn=%lu bad_bars=%lu invalid=%lu bad_box=%lu repeats=%lu\n",
	       gaps, torn, bad_bars, invalid, bad_box, repeats);
	munmap((void *)data, size);
	return ok ? 0 : 1;
}

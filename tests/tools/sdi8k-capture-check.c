// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-capture-check: the libsdi8k capture API used directly, as an
 * application would, against an input of the simulated card:
 *
 *   - the rasters the input offers (sdi8k_capture_enum_raster()), and
 *     configure's refusals of bad configurations;
 *   - an explicit raster: first another one of a different size (the
 *     node's timings really change), then the one asked for, with the
 *     pixel format asked for and DMABUF export;
 *   - start; -EAGAIN from a non-blocking dequeue while poll() says no
 *     frame is ready; then poll() on sdi8k_capture_fd() and dequeue with
 *     timeout 0 for every frame;
 *   - each frame: its exported DMABUF mmap()ed (DMA_BUF_IOCTL_SYNC around
 *     the read) equals frame.data byte for byte; sequence and timestamp
 *     increase, `dropped` is the sequence gap; field (INTERLACED on an
 *     interlaced raster, NONE otherwise); colorimetry as the source sends
 *     it (--color); the planes where the format's layout puts them;
 *   - the statistics agree with the frames; a dup()ed DMABUF outlives
 *     stop with the last frame's bytes; the handle's own fds are closed.
 *
 * Frames go to FILE as raw frames (planes at their minimum strides), for
 * sdi8k-verify to check the content. One line "ok ..." on stdout when
 * every check passed (exit 0); else each failed check on stderr (exit 1).
 * Exit 2: usage.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/dma-buf.h>
#include <linux/videodev2.h>

#include <sdi8k/capture.h>

#define MAX_RASTERS 64

static const char usage[] =
"usage: sdi8k-capture-check -i NODE -r RASTER -f FMT -n N -o FILE [options]\n"
"Captures N frames of RASTER (e.g. 1080i50) in FMT (uyvy, yuyv, nv16,\n"
"p010, y210, v210) through the libsdi8k capture API with DMABUF export and\n"
"checks every frame (see the source). FILE gets the raw frames.\n"
"  -c, --color sdr|hlg|pq  what the source sends (default sdr): the\n"
"                          expected colorimetry and transfer function\n"
"      --exact-rate        timestamps must lie on the raster's exact frame\n"
"                          lattice (the simulated card's signal)\n"
"  -b, --buffers N         buffers (default 4)\n";

static int failures;

static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("sdi8k-capture-check: FAIL: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

/* Stop after this many failures: the rest would repeat them. */
#define TOO_MANY 20

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct expect_color {
	const char *name;
	uint32_t colorspace, xfer_func, ycbcr_enc;
	enum sdi8k_transfer transfer;
};

/* What the driver reports for what the simulated source sends (its hdr file) */
static const struct expect_color colors[] = {
	{ "sdr", V4L2_COLORSPACE_REC709, V4L2_XFER_FUNC_709, V4L2_YCBCR_ENC_709, SDI8K_TF_SDR },
	{ "hlg", V4L2_COLORSPACE_BT2020, V4L2_XFER_FUNC_709, V4L2_YCBCR_ENC_BT2020, SDI8K_TF_HLG },
	{ "pq", V4L2_COLORSPACE_BT2020, V4L2_XFER_FUNC_SMPTE2084, V4L2_YCBCR_ENC_BT2020, SDI8K_TF_PQ },
};

static void check_color(const char *what, const struct sdi8k_color *c,
			const struct expect_color *e)
{
	if (c->colorspace != e->colorspace || c->xfer_func != e->xfer_func ||
	    c->ycbcr_enc != e->ycbcr_enc ||
	    c->quantization != V4L2_QUANTIZATION_LIM_RANGE ||
	    c->transfer != e->transfer)
		fail("%s: colour space %u xfer %u ycbcr %u quantization %u transfer %s; "
		     "%s wants %u %u %u %u %s", what, c->colorspace, c->xfer_func,
		     c->ycbcr_enc, c->quantization, sdi8k_transfer_name(c->transfer),
		     e->name, e->colorspace, e->xfer_func, e->ycbcr_enc,
		     V4L2_QUANTIZATION_LIM_RANGE, sdi8k_transfer_name(e->transfer));
}

/* configure must refuse cfg with err, and say `says` */
static void refuses(struct sdi8k_capture *c, const struct sdi8k_capture_config *cfg,
		    int err, const char *says, const char *what)
{
	int r = sdi8k_capture_configure(c, cfg);

	if (r != err)
		fail("configure %s: %d (%s), want %d", what, r, sdi8k_last_error(), err);
	else if (!strstr(sdi8k_last_error(), says))
		fail("configure %s: message \"%s\" lacks \"%s\"", what,
		     sdi8k_last_error(), says);
}

/* The planes of f at their minimum strides: what sdi8k-verify reads. */
static int write_frame(FILE *out, const struct sdi8k_capture_frame *f)
{
	size_t stride[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES];
	int n = sdi8k_frame_layout(f->frame.format, f->frame.width, f->frame.height,
				   stride, lines, NULL, NULL);

	for (int p = 0; p < n; p++)
		for (size_t y = 0; y < lines[p]; y++)
			if (fwrite((const uint8_t *)f->frame.data[p] + y * f->frame.stride[p],
				   stride[p], 1, out) != 1)
				return -1;
	return 0;
}

/* The exported buffer read through its own mapping equals the frame. */
static void check_dmabuf(const struct sdi8k_capture_frame *f, size_t payload)
{
	struct dma_buf_sync sync = { .flags = DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ };
	const uint8_t *a = f->frame.data[0];
	uint8_t *m;

	m = mmap(NULL, f->length, PROT_READ, MAP_SHARED, f->dmabuf_fd, 0);
	if (m == MAP_FAILED) {
		fail("frame %u: mmap of DMABUF fd %d (%zu bytes): %s", f->sequence,
		     f->dmabuf_fd, f->length, strerror(errno));
		return;
	}
	if (ioctl(f->dmabuf_fd, DMA_BUF_IOCTL_SYNC, &sync))
		fail("frame %u: DMA_BUF_IOCTL_SYNC start: %s", f->sequence, strerror(errno));
	if (memcmp(m, a, payload)) {
		size_t i = 0;

		while (i < payload && m[i] == a[i])
			i++;
		fail("frame %u (buffer %u): DMABUF differs from frame.data at byte %zu "
		     "of %zu (0x%02x, 0x%02x)", f->sequence, f->index, i, payload,
		     m[i], a[i]);
	}
	sync.flags = DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ;
	if (ioctl(f->dmabuf_fd, DMA_BUF_IOCTL_SYNC, &sync))
		fail("frame %u: DMA_BUF_IOCTL_SYNC end: %s", f->sequence, strerror(errno));
	munmap(m, f->length);
}

/*
 * poll() says nothing is ready: a dequeue that does not wait must say
 * -EAGAIN (or, when a frame came in between, give it: 1). 0: not tried.
 */
static int try_nonblocking(struct sdi8k_capture *c, struct sdi8k_capture_frame *f,
			   int *eagain)
{
	struct pollfd p = { .fd = sdi8k_capture_fd(c), .events = POLLIN | POLLPRI };
	int r;

	if (poll(&p, 1, 0) != 0)
		return 0;
	r = sdi8k_capture_dequeue(c, f, 0);
	if (r == -EAGAIN) {
		(*eagain)++;
		return 0;
	}
	if (r == 0)
		return 1;	/* raced with the frame's arrival */
	fail("dequeue(timeout 0) with nothing ready: %d (%s), want -EAGAIN", r,
	     sdi8k_last_error());
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "raster", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "frames", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "color", required_argument, NULL, 'c' },
		{ "buffers", required_argument, NULL, 'b' },
		{ "exact-rate", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *node = NULL, *raster = NULL, *outpath = NULL;
	const struct expect_color *ecolor = &colors[0];
	enum sdi8k_pixfmt format = SDI8K_FMT_NONE;
	unsigned nframes = 0, buffers = 4, got = 0;
	int exact_rate = 0, opt, err, eagain = 0, interlaced;
	struct sdi8k_signal offered[MAX_RASTERS], sig;
	unsigned noffered = 0;
	struct sdi8k_capture *c = NULL;
	struct sdi8k_capture_config cfg;
	struct sdi8k_capture_format fmt;
	struct sdi8k_capture_frame f;
	struct sdi8k_capture_stats st;
	int fds[32];
	uint64_t t_start, dropped = 0, first_ts = 0, last_ts = 0, period_ns = 0;
	uint32_t last_seq = 0;
	size_t payload = 0, lines[SDI8K_MAX_PLANES];
	uint8_t *last_copy = NULL;
	int keep_fd = -1, planes;
	FILE *out;

	while ((opt = getopt_long(argc, argv, "i:r:f:n:o:c:b:h", lopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			node = optarg;
			break;
		case 'r':
			raster = optarg;
			break;
		case 'f':
			format = sdi8k_format_from_name(optarg);
			break;
		case 'n':
			nframes = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'b':
			buffers = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'c':
			ecolor = NULL;
			for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++)
				if (!strcmp(optarg, colors[i].name))
					ecolor = &colors[i];
			if (!ecolor) {
				fprintf(stderr, "--color %s: sdr, hlg or pq\n", optarg);
				return 2;
			}
			break;
		case 'e':
			exact_rate = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!node || !raster || !outpath || !nframes || nframes > 1000 ||
	    !sdi8k_capture_fourcc(format) || buffers < 2 || buffers > 32 ||
	    strlen(raster) >= sizeof(cfg.raster) || optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	interlaced = !!strchr(raster, 'i');

	err = sdi8k_capture_open(node, &c);
	if (err) {
		fail("open: %s", sdi8k_last_error());
		return 1;
	}

	/* ---- what the input offers ---- */
	for (unsigned i = 0;; i++) {
		err = sdi8k_capture_enum_raster(c, i, &sig);
		if (err == -ENOENT)
			break;
		if (err) {
			fail("enum_raster %u: %d (%s)", i, err, sdi8k_last_error());
			break;
		}
		if (noffered == MAX_RASTERS) {
			fail("enum_raster: more than %d rasters", MAX_RASTERS);
			break;
		}
		for (unsigned k = 0; k < noffered; k++)
			if (!strcmp(offered[k].name, sig.name))
				fail("enum_raster: %s twice (%u and %u)", sig.name, k, i);
		if (!sig.width || !sig.height || !sig.rate_num || !sig.rate_den)
			fail("enum_raster %u: %s %ux%u rate %u/%u", i, sig.name, sig.width,
			     sig.height, sig.rate_num, sig.rate_den);
		/* a 1/1.001 variant comes just before its preset: 59.94, 60 */
		if (noffered && offered[noffered - 1].rate_den == 1001 &&
		    (sig.rate_den != 1 || sig.rate_num * 1000 != offered[noffered - 1].rate_num ||
		     sig.height != offered[noffered - 1].height ||
		     sig.interlaced != offered[noffered - 1].interlaced))
			fail("enum_raster %u: %s after %s, not its preset", i, sig.name,
			     offered[noffered - 1].name);
		offered[noffered++] = sig;
	}
	if (noffered && offered[noffered - 1].rate_den == 1001)
		fail("enum_raster: the last, %s, has no preset after it",
		     offered[noffered - 1].name);
	{
		unsigned k = 0;

		while (k < noffered && strcmp(offered[k].name, raster))
			k++;
		if (k == noffered)
			fail("the input does not list %s among its %u rasters", raster,
			     noffered);
	}

	/* ---- configurations configure refuses ---- */
	memset(&cfg, 0, sizeof(cfg));
	if ((err = sdi8k_capture_start(c)) != -EINVAL)
		fail("start before configure: %d, want -EINVAL", err);
	snprintf(cfg.raster, sizeof(cfg.raster), "1080p26");
	refuses(c, &cfg, -ERANGE, "offers", "1080p26");
	refuses(c, &cfg, -ERANGE, "1080p26", "1080p26 (the name in the message)");
	memset(cfg.raster, 0, sizeof(cfg.raster));
	snprintf(cfg.raster, sizeof(cfg.raster), "4320p60");
	refuses(c, &cfg, -ERANGE, "offers", "4320p60 (quad link only)");
	memset(cfg.raster, 0, sizeof(cfg.raster));
	snprintf(cfg.raster, sizeof(cfg.raster), "bogus");
	refuses(c, &cfg, -EINVAL, "not a raster name", "bogus");
	memset(cfg.raster, 0, sizeof(cfg.raster));
	snprintf(cfg.raster, sizeof(cfg.raster), "%s", raster);
	cfg.flags = SDI8K_CAPTURE_KEEP_TIMINGS;
	refuses(c, &cfg, -EINVAL, "KEEP_TIMINGS", "raster with KEEP_TIMINGS");
	cfg.flags = 1u << 7;
	refuses(c, &cfg, -EINVAL, "unknown flags", "unknown flag");
	cfg.flags = 0;
	memset(cfg.raster, 'x', sizeof(cfg.raster));
	refuses(c, &cfg, -EINVAL, "NUL", "a name without NUL");

	/* ---- another raster first, so that setting ours changes the node ---- */
	for (unsigned k = 0; k < noffered; k++) {
		if (offered[k].height == (unsigned)atoi(raster))
			continue;
		/* what follows the name's NUL is not looked at */
		memset(&cfg, 0, sizeof(cfg));
		memset(cfg.raster, 'x', sizeof(cfg.raster));
		snprintf(cfg.raster, sizeof(cfg.raster), "%s", offered[k].name);
		cfg.format = SDI8K_FMT_UYVY;
		err = sdi8k_capture_configure(c, &cfg);
		if (!err)
			err = sdi8k_capture_get_format(c, &fmt);
		if (err)
			fail("configure %s: %s", cfg.raster, sdi8k_last_error());
		else if (strcmp(fmt.signal.name, offered[k].name) ||
			 fmt.width != offered[k].width || fmt.height != offered[k].height)
			fail("configure %s: got %s %ux%u", cfg.raster, fmt.signal.name,
			     fmt.width, fmt.height);
		break;
	}

	/* ---- ours ---- */
	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.raster, sizeof(cfg.raster), "%s", raster);
	cfg.format = format;
	cfg.buffers = buffers;
	cfg.flags = SDI8K_CAPTURE_EXPORT_DMABUF;
	err = sdi8k_capture_configure(c, &cfg);
	if (!err)
		err = sdi8k_capture_get_format(c, &fmt);
	if (err) {
		fail("configure %s %s: %s", raster, sdi8k_format_name(format),
		     sdi8k_last_error());
		sdi8k_capture_close(c);
		return 1;
	}
	if (strcmp(fmt.signal.name, raster) || fmt.signal.interlaced != interlaced ||
	    fmt.format != format || fmt.fourcc != sdi8k_capture_fourcc(format) ||
	    fmt.width != fmt.signal.width || fmt.height != fmt.signal.height)
		fail("configured %s %s %ux%u fourcc %.4s, asked %s %s", fmt.signal.name,
		     sdi8k_format_name(fmt.format), fmt.width, fmt.height,
		     (const char *)&fmt.fourcc, raster, sdi8k_format_name(format));
	if (fmt.field != (interlaced ? V4L2_FIELD_INTERLACED : V4L2_FIELD_NONE))
		fail("format field %u on %s", fmt.field, raster);
	check_color("format", &fmt.color, ecolor);
	if (!sdi8k_capture_query_signal(c, &sig) && strcmp(sig.name, raster))
		fprintf(stderr, "note: the input receives %s, %s asked\n", sig.name, raster);
	planes = sdi8k_frame_layout(format, fmt.width, fmt.height, NULL, lines, NULL,
				    &payload);
	if (planes < 1 || fmt.sizeimage < payload)
		fail("layout: %d planes, %zu bytes; sizeimage %u", planes, payload,
		     fmt.sizeimage);
	if (exact_rate && fmt.signal.rate_num)
		period_ns = (uint64_t)fmt.signal.rate_den * 1000000000u / fmt.signal.rate_num;

	out = fopen(outpath, "w");
	if (!out) {
		fail("%s: %s", outpath, strerror(errno));
		sdi8k_capture_close(c);
		return 1;
	}
	for (unsigned i = 0; i < 32; i++)
		fds[i] = -1;

	/* ---- stream ---- */
	t_start = now_ns();
	err = sdi8k_capture_start(c);
	if (err) {
		fail("start with DMABUF export: %d (%s)%s", err, sdi8k_last_error(),
		     err == -ENOTSUP ? ": the driver cannot export" : "");
		fclose(out);
		sdi8k_capture_close(c);
		return 1;
	}
	/*
	 * The driver may grant more than asked (REQBUFS rounds MMAP queues up
	 * to 32 MiB of frames, at most 16) but never fewer; the count reported
	 * must cover every buffer index a frame arrives in (checked below).
	 */
	if (sdi8k_capture_get_format(c, &fmt) || fmt.buffers < buffers || fmt.buffers > 32)
		fail("after start: %u buffers, asked %u", fmt.buffers, buffers);
	err = try_nonblocking(c, &f, &eagain);
	while (got < nframes && failures < TOO_MANY && err >= 0) {
		if (!err) {
			struct pollfd p = { .fd = sdi8k_capture_fd(c), .events = POLLIN | POLLPRI };
			int n = poll(&p, 1, 5000);

			if (n <= 0) {
				fail("poll: %s after %u frames", n ? strerror(errno) :
				     "no frame within 5 s", got);
				break;
			}
			err = sdi8k_capture_dequeue(c, &f, 0);
			if (err == -EAGAIN) {	/* an event, or nothing after all */
				err = 0;
				continue;
			}
			if (err) {
				fail("dequeue after poll: %d (%s)", err, sdi8k_last_error());
				break;
			}
		}
		/* a frame in f */
		if (f.index >= fmt.buffers || f.index >= 32 || f.dmabuf_fd < 0) {
			fail("frame %u: buffer %u of %u, dmabuf fd %d", f.sequence, f.index,
			     fmt.buffers, f.dmabuf_fd);
		} else {
			if (fds[f.index] < 0) {
				for (unsigned i = 0; i < 32; i++)
					if (fds[i] == f.dmabuf_fd)
						fail("buffers %u and %u share DMABUF fd %d",
						     i, f.index, f.dmabuf_fd);
				fds[f.index] = f.dmabuf_fd;
			} else if (fds[f.index] != f.dmabuf_fd) {
				fail("buffer %u: DMABUF fd %d, earlier %d", f.index,
				     f.dmabuf_fd, fds[f.index]);
			}
			if (f.bytesused < payload || f.bytesused > f.length ||
			    f.length < fmt.sizeimage)
				fail("frame %u: bytesused %zu, length %zu, frame %zu / sizeimage %u",
				     f.sequence, f.bytesused, f.length, payload, fmt.sizeimage);
			else
				check_dmabuf(&f, f.bytesused);
		}
		if (f.frame.format != format || f.frame.width != fmt.width ||
		    f.frame.height != fmt.height || f.bytesperline != fmt.bytesperline)
			fail("frame %u: %s %ux%u bpl %u", f.sequence,
			     sdi8k_format_name(f.frame.format), f.frame.width,
			     f.frame.height, f.bytesperline);
		for (int p = 1; p < planes; p++)
			if ((uint8_t *)f.frame.data[p] != (uint8_t *)f.frame.data[p - 1] +
			    (size_t)fmt.bytesperline * lines[p - 1])
				fail("frame %u: plane %d not after plane %d", f.sequence, p, p - 1);
		if (got) {
			if ((int32_t)(f.sequence - last_seq) <= 0)
				fail("sequence %u after %u", f.sequence, last_seq);
			else if (f.dropped != f.sequence - last_seq - 1)
				fail("frame %u after %u: dropped %u", f.sequence, last_seq,
				     f.dropped);
			if (f.timestamp_ns <= last_ts)
				fail("frame %u: timestamp %" PRIu64 " not after %" PRIu64,
				     f.sequence, f.timestamp_ns, last_ts);
			else if (period_ns) {
				/* k whole periods, to within 1 us */
				uint64_t d = f.timestamp_ns - last_ts;
				uint64_t k = (d + period_ns / 2) / period_ns;
				int64_t off = (int64_t)(d - k * period_ns);

				if (!k || off > 1000 || off < -1000)
					fail("frame %u: %" PRIu64 " ns after the last, not a "
					     "multiple of %" PRIu64 " ns", f.sequence, d, period_ns);
			}
		} else {
			first_ts = f.timestamp_ns;
			if (f.dropped)
				fail("first frame: dropped %u", f.dropped);
		}
		if (f.timestamp_ns > now_ns() || f.timestamp_ns + 2000000000u < t_start)
			fail("frame %u: timestamp %" PRIu64 " outside the capture (start %"
			     PRIu64 ", now %" PRIu64 ")", f.sequence, f.timestamp_ns,
			     t_start, now_ns());
		if (f.field != (interlaced ? V4L2_FIELD_INTERLACED : V4L2_FIELD_NONE))
			fail("frame %u: field %u on %s", f.sequence, f.field, raster);
		check_color("frame", &f.color, ecolor);
		dropped += f.dropped;
		last_seq = f.sequence;
		last_ts = f.timestamp_ns;
		if (write_frame(out, &f))
			fail("%s: write: %s", outpath, strerror(errno));
		got++;
		if (got == nframes && f.dmabuf_fd >= 0) {
			/*
			 * The last frame, kept past stop through a dup()ed
			 * DMABUF. It stays held until stop (as a program
			 * handing it to an encoder would): released, the card
			 * could fill it again before the stop.
			 */
			last_copy = malloc(payload);
			keep_fd = dup(f.dmabuf_fd);
			if (last_copy)
				memcpy(last_copy, f.frame.data[0], payload);
			err = 0;
			continue;
		}
		if ((err = sdi8k_capture_release(c, &f)))
			fail("release frame %u: %s", f.sequence, sdi8k_last_error());
		if (sdi8k_capture_release(c, &f) != -EINVAL)
			fail("a second release of frame %u was taken", f.sequence);
		err = got < nframes ? try_nonblocking(c, &f, &eagain) : 0;
	}
	if (got == nframes && !eagain)
		fail("no -EAGAIN from a non-blocking dequeue in %u tries with nothing ready",
		     got);

	if (sdi8k_capture_get_stats(c, &st))
		fail("get_stats: %s", sdi8k_last_error());
	else if (st.frames != got || st.dropped != dropped ||
		 (got && (st.last_sequence != last_seq ||
			  st.first_timestamp_ns != first_ts ||
			  st.last_timestamp_ns != last_ts)))
		fail("stats: frames %" PRIu64 " dropped %" PRIu64 " last %u, first/last ts %"
		     PRIu64 "/%" PRIu64 "; seen %u %" PRIu64 " %u %" PRIu64 "/%" PRIu64,
		     st.frames, st.dropped, st.last_sequence, st.first_timestamp_ns,
		     st.last_timestamp_ns, got, dropped, last_seq, first_ts, last_ts);
	if ((err = sdi8k_capture_stop(c)))
		fail("stop: %s", sdi8k_last_error());
	for (unsigned i = 0; i < 32; i++)
		if (fds[i] >= 0 && fcntl(fds[i], F_GETFD) != -1)
			fail("DMABUF fd %d of buffer %u still open after stop", fds[i], i);
	if (keep_fd >= 0 && last_copy) {
		uint8_t *m = mmap(NULL, payload, PROT_READ, MAP_SHARED, keep_fd, 0);

		if (m == MAP_FAILED) {
			fail("the dup()ed DMABUF after stop: mmap: %s", strerror(errno));
		} else {
			if (memcmp(m, last_copy, payload))
				fail("the dup()ed DMABUF after stop no longer holds the last frame");
			munmap(m, payload);
		}
	}
	if (keep_fd >= 0)
		close(keep_fd);
	free(last_copy);
	sdi8k_capture_close(c);
	if (fclose(out))
		fail("%s: %s", outpath, strerror(errno));
	if (failures)
		return 1;
	printf("ok %s %s %s: %u frames, %" PRIu64 " dropped, %d x -EAGAIN, %u buffers "
	       "exported, %u rasters offered\n", node, raster, sdi8k_format_name(format),
	       got, dropped, eagain, fmt.buffers, noffered);
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture: frames from one SDI input to a file or standard output,
 * raw or Y4M, converted on the way when asked. See man/sdi8k-capture.1.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include <sdi8k/capture.h>

#include "capture/input.h"
#include "capture/options.h"
#include "capture/progress.h"
#include "capture/sidecar.h"
#include "common/framewriter.h"
#include "common/msg.h"
#include "common/outfile.h"
#include "common/stopsig.h"

/* Frames to capture: -n, or -t seconds at the signal's rate (ceil). */
static uint64_t frame_limit(const struct capture_opts *o,
			    const struct sdi8k_capture_format *fmt)
{
	uint64_t n = o->frames;

	if (o->seconds > 0 && fmt->signal.rate_num && fmt->signal.rate_den) {
		double f = ceil(o->seconds * fmt->signal.rate_num /
				fmt->signal.rate_den - 1e-9);
		uint64_t t = f < 1 ? 1 : (uint64_t)f;

		if (!n || t < n)
			n = t;
	}
	return n;
}

static char y4m_interlace(uint32_t field)
{
	switch (field) {
	case V4L2_FIELD_INTERLACED:	/* HD: top field first */
	case V4L2_FIELD_INTERLACED_TB:
	case V4L2_FIELD_SEQ_TB:
		return 't';
	case V4L2_FIELD_INTERLACED_BT:
	case V4L2_FIELD_SEQ_BT:
		return 'b';
	default:
		return 'p';
	}
}

static const char *colorspace_name(uint32_t cs)
{
	switch (cs) {
	case V4L2_COLORSPACE_REC709:
		return "bt709";
	case V4L2_COLORSPACE_BT2020:
		return "bt2020";
	case V4L2_COLORSPACE_SMPTE170M:
		return "bt601";
	default:
		return "other";
	}
}

static void print_stats(const struct sdi8k_capture *c, const char *node,
			const struct sdi8k_color *last_color,
			const struct sdi8k_capture_format *fmt,
			const struct frame_writer *w, const struct outfile *out,
			double elapsed)
{
	struct sdi8k_capture_stats st;
	char b[32];

	sdi8k_capture_get_stats(c, &st);
	fprintf(stderr, "%s: %s (%s) %s %s, colour %s %s%s -> %s (%s%s): %" PRIu64
		" frames written, %" PRIu64 " dropped, %" PRIu64
		" corrupt; measured %.3f fps (signal %.3f) over %.2f s; %s\n",
		program_invocation_short_name, node, sdi8k_capture_name(c),
		fmt->signal.name, sdi8k_format_name(fmt->format),
		colorspace_name(last_color->colorspace),
		sdi8k_transfer_name(last_color->transfer),
		last_color->quantization == V4L2_QUANTIZATION_FULL_RANGE ?
		" full-range" : "", outfile_name(out),
		w->y4m ? "y4m " : "raw ", sdi8k_format_name(w->out_fmt),
		w->frames, st.dropped, st.error_frames,
		progress_measured_fps(&st),
		fmt->signal.rate_den ? (double)fmt->signal.rate_num / fmt->signal.rate_den : 0,
		elapsed, progress_bytes(out->bytes, b, sizeof(b)));
}

int main(int argc, char **argv)
{
	struct capture_opts o;
	struct sdi8k_capture *c = NULL;
	struct sdi8k_capture_format fmt;
	struct sdi8k_capture_frame f;
	struct sdi8k_color last_color;
	struct frame_writer w;
	struct outfile out;
	struct sidecar sc;	/* --metadata */
	int sc_on = 0;
	char msg[512], node[4096];
	uint64_t limit;
	double start;
	int err, progress, status = EXIT_OK, failed_write = 0;

	err = capture_parse_args(argc, argv, &o, msg, sizeof(msg));
	if (err > 0)
		return EXIT_OK;
	if (err) {
		msg_error("%s", msg);
		return EXIT_USAGE;
	}
	stop_signals_install();
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is a write error */
	memset(&w, 0, sizeof(w));

	if (capture_resolve_input(o.input, node, sizeof(node), msg, sizeof(msg))) {
		msg_error("%s", msg);
		return EXIT_RUNTIME;
	}
	{
		struct sdi8k_capture_config cfg = {
			.format = o.format,
			.buffers = o.buffers,
			.flags = o.dmabuf ? SDI8K_CAPTURE_EXPORT_DMABUF : 0,
		};

		if (o.raster)	/* fits: capture_raster_name_ok() */
			snprintf(cfg.raster, sizeof(cfg.raster), "%s", o.raster);

		err = sdi8k_capture_open(node, &c);
		if (!err)
			err = sdi8k_capture_configure(c, &cfg);
		if (!err)
			err = sdi8k_capture_get_format(c, &fmt);
		if (err) {
			msg_error("%s", sdi8k_last_error());
			sdi8k_capture_close(c);
			return EXIT_RUNTIME;
		}
	}
	/* the outputs are created only once the input is known to work */
	if (o.metadata) {
		if (sidecar_open(&sc, node, o.metadata, msg, sizeof(msg))) {
			msg_error("%s", msg);
			sdi8k_capture_close(c);
			return EXIT_RUNTIME;
		}
		sc_on = 1;
	}
	if (outfile_open(&out, o.output, msg, sizeof(msg))) {
		msg_error("%s", msg);
		if (sc_on)
			sidecar_abort(&sc);
		sdi8k_capture_close(c);
		return EXIT_RUNTIME;
	}
	{
		struct y4m_info yi = {
			.rate_num = fmt.signal.rate_num ? fmt.signal.rate_num : 25,
			.rate_den = fmt.signal.rate_den ? fmt.signal.rate_den : 1,
			.interlace = y4m_interlace(fmt.field),
			.sar_num = 1,
			.sar_den = 1,
			.full_range = fmt.color.quantization ==
				      V4L2_QUANTIZATION_FULL_RANGE,
		};
		struct sdi8k_convert_opts co = { .threads = o.threads };

		err = writer_init(&w, &out, fmt.format, fmt.width, fmt.height,
				  capture_output_format(&o), o.y4m ? &yi : NULL,
				  &co, msg, sizeof(msg));
	}
	if (err) {
		msg_error("%s", msg);
		goto fail_output;
	}
	/* the metadata node first: it fills only while the video streams */
	if (sc_on && sidecar_start(&sc, msg, sizeof(msg))) {
		msg_error("%s", msg);
		goto fail_output;
	}
	err = sdi8k_capture_start(c);
	if (err) {
		msg_error("%s", sdi8k_last_error());
		goto fail_output;
	}
	limit = frame_limit(&o, &fmt);
	progress = o.progress < 0 ? isatty(STDERR_FILENO) : o.progress;
	start = progress_now();

	while (!stop_requested && (!limit || w.frames < limit)) {
		err = sdi8k_capture_dequeue(c, &f, o.timeout_ms);
		if (err == -EINTR)
			continue;
		if (err) {
			if (progress)
				progress_clear();
			msg_error("%s, after %" PRIu64 " frames", sdi8k_last_error(),
				  w.frames);
			status = EXIT_RUNTIME;
			break;
		}
		last_color = f.color;
		err = writer_put(&w, &f.frame, msg, sizeof(msg));
		sdi8k_capture_release(c, &f);
		if (!err && sc_on)
			err = sidecar_frame(&sc, f.sequence, 200, msg, sizeof(msg));
		if (err) {
			if (progress)
				progress_clear();
			msg_error("%s, after %" PRIu64 " complete frames", msg, w.frames);
			status = EXIT_RUNTIME;
			failed_write = 1;
			break;
		}
		if (progress) {
			struct sdi8k_capture_stats st;

			sdi8k_capture_get_stats(c, &st);
			progress_update(&st, out.bytes, start, 0);
		}
	}
	if (progress && status == EXIT_OK)
		progress_clear();
	print_stats(c, node, w.frames ? &last_color : &fmt.color, &fmt, &w, &out, progress_now() - start);
	sdi8k_capture_stop(c);
	sdi8k_capture_close(c);
	c = NULL;

	if (failed_write) {
		/* a frame may be cut short: do not leave it behind */
		int had_tmp = out.tmp[0] != '\0';

		outfile_abort(&out);
		if (had_tmp)
			msg_error("%s: not written (removed the incomplete output)",
				  outfile_name(&out));
		if (sc_on)
			sidecar_abort(&sc);
		writer_free(&w);
		return EXIT_RUNTIME;
	}
	if (status != EXIT_OK && !w.frames) {
		/* nothing captured: leave no empty file behind */
		int had_tmp = out.tmp[0] != '\0';

		outfile_abort(&out);
		if (had_tmp)
			msg_error("%s: not written (no frame captured)",
				  outfile_name(&out));
		if (sc_on)
			sidecar_abort(&sc);
		writer_free(&w);
		return status;
	}
	if (outfile_commit(&out, msg, sizeof(msg))) {
		msg_error("%s", msg);
		if (sc_on)
			sidecar_abort(&sc);
		writer_free(&w);
		return EXIT_RUNTIME;
	}
	if (sc_on) {
		uint64_t lines = sc.lines, missing = sc.missing;

		if (sidecar_commit(&sc, msg, sizeof(msg))) {
			msg_error("%s", msg);
			writer_free(&w);
			return EXIT_RUNTIME;
		}
		fprintf(stderr, "%s: %s: %" PRIu64 " metadata lines (%" PRIu64
			" frames without metadata)\n", program_invocation_short_name,
			o.metadata, lines, missing);
	}
	if (status != EXIT_OK && !out.is_stdout)
		msg_error("%s: kept the %" PRIu64 " complete frames captured before "
			  "the failure", outfile_name(&out), w.frames);
	writer_free(&w);
	return status;

fail_output:
	outfile_abort(&out);
	if (sc_on)
		sidecar_abort(&sc);
	writer_free(&w);
	sdi8k_capture_close(c);
	return EXIT_RUNTIME;
}

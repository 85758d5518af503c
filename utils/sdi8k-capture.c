// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-capture: frames from one SDI input to a file or standard output:
 * Matroska or QuickTime through FFmpeg's libraries (capture/avout.c, the
 * module utils/avwriter/), or raw or Y4M, converted on the way when asked.
 * See man/sdi8k-capture.1.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include <sdi8k/capture.h>

#include "capture/audtrack.h"
#include "capture/avout.h"
#include "capture/gap.h"
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

/* The container recording: the writer module and where it is. */
struct recording {
	struct avout_lib lib;
	struct avw *avw;		/* opened at the first frame */
	struct avw_params par;
	struct sdi8k_input_status st;	/* HDR10 static metadata, encoding */
	int have_st;
	int pix;			/* enum avw_pixfmt */
	int meta_for_timecode;		/* sidecar opened only for it (and HDR10+) */
	uint32_t last_seq;
	int64_t pts;
	int resync;			/* the stream started again: next frame + 1 */
	uint64_t cc_packets, cc_pairs;	/* --cc-track: written to the c608 track */
	uint64_t h10p_frames;		/* frames with HDR10+ in the file */
};

/* --audio: the container's track and the WAV (file scope: every way out
 * of main finishes or removes the WAV) */
static struct audtrack aud;

/* outfile_write()'s message of the first write error (it names the file) */
static char rec_io_msg[512];

static int rec_write(void *io, const uint8_t *buf, size_t len)
{
	char m[sizeof(rec_io_msg)];
	int err = outfile_write(io, buf, len, m, sizeof(m));

	if (err && !rec_io_msg[0])
		memcpy(rec_io_msg, m, sizeof(m));
	return err;
}

/*
 * A write of the recording failed: say so, in the file's own words where
 * the container writer met the error, with the frames kept.
 */
static void write_failed(int container, const char *msg, uint64_t frames)
{
	msg_error("%s, after %" PRIu64 " complete frames",
		  container && rec_io_msg[0] ? rec_io_msg : msg, frames);
}

/* The parameters of a recording of fmt, from the input's state st. */
static void rec_params(struct recording *r, const struct capture_opts *o,
		       const struct sdi8k_capture_format *fmt, struct outfile *out)
{
	struct avw_params *p = &r->par;

	memset(p, 0, sizeof(*p));
	p->container = (enum avw_container)o->container;
	p->codec = (enum avw_codec)o->codec;
	p->pixfmt = (enum avw_pixfmt)r->pix;
	p->width = fmt->width;
	p->height = fmt->height;
	p->rate_num = fmt->signal.rate_num ? fmt->signal.rate_num : 25;
	p->rate_den = fmt->signal.rate_den ? fmt->signal.rate_den : 1;
	p->interlaced = fmt->field != V4L2_FIELD_NONE && fmt->field != V4L2_FIELD_ANY;
	p->bottom_first = y4m_interlace(fmt->field) == 'b';
	p->audio_channels = o->audio;
	p->captions = o->cc_track;
	p->threads = o->threads;
	p->io = out;
	p->write = rec_write;
	p->seek = outfile_io_seek;
}

/*
 * The first frame: its colour, the HDR10 static metadata (the frame's own
 * ancillary data; the input's controls for a PQ frame whose metadata did
 * not come), its time code; then the container's header.
 */
/* The colour and HDR10 static metadata of a frame of colour c with the
 * parsed ancillary data hs (NULL or have 0: none came), st the input's
 * controls (NULL: not read). */
static void signal_params(struct avw_params *p, const struct sdi8k_color *c,
			  const struct sdi8k_input_status *st,
			  const struct sdi8k_hdr_state *hs)
{
	avout_color(p, c, !(hs && hs->have) ? st : NULL);
	if (hs && (hs->have & SDI8K_HDR_HAVE_MDCV) && hs->mdcv.max_luminance) {
		const struct sdi8k_mdcv *m = &hs->mdcv;
		const uint16_t xy[8] = { m->red_x, m->red_y, m->green_x, m->green_y,
					 m->blue_x, m->blue_y, m->white_x, m->white_y };

		memcpy(p->mdcv_xy, xy, sizeof(xy));
		p->mdcv_max = m->max_luminance;
		p->mdcv_min = m->min_luminance;
		p->have_mdcv = 1;
	}
	if (hs && (hs->have & SDI8K_HDR_HAVE_CLL) && (hs->cll.max_cll || hs->cll.max_fall)) {
		p->have_cll = 1;
		p->max_cll = hs->cll.max_cll;
		p->max_fall = hs->cll.max_fall;
	}
}

static int rec_start(struct recording *r, const struct sdi8k_capture_frame *f,
		     const struct sdi8k_hdr_state *hs, char *msg, size_t msglen)
{
	struct avw_params *p = &r->par;

	signal_params(p, &f->color, r->have_st ? &r->st : NULL, hs);
	if (hs && (hs->have & SDI8K_HDR_HAVE_TIMECODE) && !hs->timecode.tc_invalid)
		avout_timecode(p->timecode, &hs->timecode, p->rate_num, p->rate_den);
	r->last_seq = f->sequence;
	r->pts = 0;
	return r->lib.open(&r->avw, p, msg, msglen);
}

static int rec_put(struct recording *r, const struct sdi8k_capture_frame *f,
		   const struct sdi8k_frame *src, struct sidecar *sc, char *msg,
		   size_t msglen)
{
	const uint8_t *planes[3] = { NULL, NULL, NULL };
	size_t strides[3] = { 0, 0, 0 };

	/* the card's frame count: dropped frames leave their gap (a stream
	 * started again after a signal loss counts from 0 again) */
	if (r->resync)
		r->pts += (int64_t)f->sequence + 1;
	else
		r->pts += (uint32_t)(f->sequence - r->last_seq);
	r->resync = 0;
	r->last_seq = f->sequence;
	for (int i = 0; i < 3 && i < SDI8K_MAX_PLANES; i++) {
		planes[i] = src->data[i];
		strides[i] = src->stride[i];
	}
	/* the frame's HDR10+, where the container and FFmpeg keep it */
	if (sc && sc->want_h10p && sc->h10p_n) {
		int err = r->lib.put_hdr10plus(r->avw, sc->h10p, sc->h10p_n, r->pts, msg,
					       msglen);

		if (err == -ENOTSUP) {
			msg_error("warning: the signal's HDR10+ metadata is not kept in "
				  "the file: %s", msg);
			sc->want_h10p = 0;
		} else if (err) {
			return err;
		} else {
			r->h10p_frames++;
		}
	}
	return r->lib.put(r->avw, planes, strides, r->pts, msg, msglen);
}

/*
 * --print-x265-params: the input's signal as x265 wants it, from one
 * captured frame and its ancillary data (the driver's HDR10 controls
 * follow the wire only while the input streams).
 */
static int print_x265(const struct capture_opts *o, const char *node)
{
	struct sdi8k_capture_config cfg = { .format = o->format, .buffers = 4 };
	struct sdi8k_capture *c = NULL;
	struct sdi8k_capture_frame f;
	struct sdi8k_input_status st;
	struct sdi8k_hdr_state *hs = calloc(1, sizeof(*hs));
	struct sidecar sc;
	struct avw_params p;
	char buf[512], msg[512];
	int err, sc_open = 0, sc_on = 0, got = 0;

	if (!hs) {
		msg_error("out of memory");
		return EXIT_RUNTIME;
	}
	if (o->raster)
		snprintf(cfg.raster, sizeof(cfg.raster), "%s", o->raster);
	err = sdi8k_capture_open(node, &c);
	if (!err)
		err = sdi8k_capture_configure(c, &cfg);
	if (!err && !sidecar_open(&sc, node, NULL, msg, sizeof(msg))) {
		sc_open = 1;	/* the metadata node first */
		sc_on = !sidecar_start(&sc, msg, sizeof(msg));
	}
	if (!err)
		err = sdi8k_capture_start(c);
	while (!err && !got) {
		err = sdi8k_capture_dequeue(c, &f, o->timeout_ms);
		if (err == -EINTR && !stop_requested)
			err = 0;
		else
			got = !err;
	}
	if (err) {
		msg_error("%s", sdi8k_last_error());
	} else {
		if (sc_on && sidecar_match(&sc, f.sequence, 200, hs, msg, sizeof(msg)))
			hs->have = 0;
		memset(&p, 0, sizeof(p));
		signal_params(&p, &f.color, sdi8k_status_read(node, &st) ? NULL : &st, hs);
		sdi8k_capture_release(c, &f);
		if (avout_x265_params(&p, buf, sizeof(buf)) < 0) {
			msg_error("out of memory");
			err = -ENOMEM;
		} else {
			printf("%s\n", buf);
		}
	}
	if (sc_open)
		sidecar_abort(&sc);
	sdi8k_capture_close(c);
	free(hs);
	return err ? EXIT_RUNTIME : EXIT_OK;
}

/*
 * abandon_output - the output is not kept: remove it (saying so, with why,
 * when a file had been started), drop the sidecar (sc may be NULL) and the
 * writer; returns status
 */
static int abandon_output(struct outfile *out, struct sidecar *sc, struct frame_writer *w,
			  const char *why, int status)
{
	int had_tmp = out->tmp[0] != '\0';

	outfile_abort(out);
	if (had_tmp)
		msg_error("%s: not written (%s)", outfile_name(out), why);
	if (sc)
		sidecar_abort(sc);
	writer_free(w);
	audtrack_abort(&aud);
	return status;
}

/* Across the streams of one recording (each start zeroes the library's). */
struct totals {
	uint64_t frames;		/* written to earlier parts */
	uint64_t bytes;			/* of earlier parts */
	uint64_t dropped, error_frames;
	uint64_t gaps, fill_frames;
	unsigned parts;			/* files finished before this one */
};

static void totals_add(struct totals *t, const struct sdi8k_capture *c)
{
	struct sdi8k_capture_stats st;

	sdi8k_capture_get_stats(c, &st);
	t->dropped += st.dropped;
	t->error_frames += st.error_frames;
}

static void print_stats(const struct sdi8k_capture *c, const char *node,
			const struct sdi8k_color *last_color,
			const struct sdi8k_capture_format *fmt,
			const struct frame_writer *w, const struct outfile *out,
			const struct capture_opts *o, double elapsed,
			const struct totals *t, int streaming)
{
	struct sdi8k_capture_stats st;
	char b[32], kind[48], parts[32] = "";

	sdi8k_capture_get_stats(c, &st);
	if (!streaming)	/* counted in t when it stopped */
		st.dropped = st.error_frames = 0;
	if (t->parts)
		snprintf(parts, sizeof(parts), " (%u files)", t->parts + 1);
	if (o->container)
		snprintf(kind, sizeof(kind), "%s %s", o->container == AVW_MOV ? "mov" : "mkv",
			 o->codec == AVW_FFV1 ? "ffv1" : sdi8k_format_name(w->out_fmt));
	else
		snprintf(kind, sizeof(kind), "%s %s", w->y4m ? "y4m" : "raw",
			 sdi8k_format_name(w->out_fmt));
	fprintf(stderr, "%s: %s (%s) %s %s, colour %s %s%s -> %s (%s): %" PRIu64
		" frames written, %" PRIu64 " dropped, %" PRIu64
		" corrupt, %" PRIu64 " gaps, %" PRIu64 " fill frames; measured %.3f fps"
		" (signal %.3f) over %.2f s; %s%s\n",
		program_invocation_short_name, node, sdi8k_capture_name(c),
		fmt->signal.name, sdi8k_format_name(fmt->format),
		colorspace_name(last_color->colorspace),
		sdi8k_transfer_name(last_color->transfer),
		last_color->quantization == V4L2_QUANTIZATION_FULL_RANGE ?
		" full-range" : "", outfile_name(out), kind, t->frames + w->frames,
		t->dropped + st.dropped, t->error_frames + st.error_frames, t->gaps,
		t->fill_frames, progress_measured_fps(&st),
		fmt->signal.rate_den ? (double)fmt->signal.rate_num / fmt->signal.rate_den : 0,
		elapsed, progress_bytes(t->bytes + out->bytes, b, sizeof(b)), parts);
	if (aud.channels)
		fprintf(stderr, "%s: audio: %u channels, %" PRIu64 " samples (%.3f s)%s%s, "
			"%" PRIu64 " of them silence (not captured, dropped or fill "
			"frames), %" PRIu32 " audio overruns\n",
			program_invocation_short_name, aud.channels, aud.written,
			aud.written / 48000.0, aud.wav || aud.wout.path[0] ? "; WAV " : "",
			audtrack_wav_name(&aud), aud.silent, aud.restarts);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The fill frame of fmt: black in the captured format (gap.c), laid out
 * as the driver's buffers are. 0, or -ENOMEM / -EINVAL. */
static int fill_setup(struct sdi8k_frame *f, void **buf,
		      const struct sdi8k_capture_format *fmt)
{
	size_t lines[SDI8K_MAX_PLANES], total = 0;
	int planes = sdi8k_frame_layout(fmt->format, fmt->width, fmt->height, NULL, lines,
					NULL, NULL);
	uint8_t *p;

	free(*buf);
	*buf = NULL;
	if (planes < 0)
		return -EINVAL;
	for (int i = 0; i < planes; i++)
		total += (size_t)fmt->bytesperline * lines[i];
	p = malloc(total);
	if (!p)
		return -ENOMEM;
	*buf = p;
	memset(f, 0, sizeof(*f));
	f->format = fmt->format;
	f->width = fmt->width;
	f->height = fmt->height;
	for (int i = 0; i < planes; i++) {
		f->data[i] = p;
		f->stride[i] = fmt->bytesperline;
		p += (size_t)fmt->bytesperline * lines[i];
	}
	return gap_fill_black(f, fmt->color.quantization == V4L2_QUANTIZATION_FULL_RANGE);
}

/* Write one fill frame: the container's next frame, or raw / Y4M. */
static int put_fill(struct recording *r, struct frame_writer *w, int container,
		    const struct sdi8k_frame *fill, char *msg, size_t msglen)
{
	const struct sdi8k_frame *src;
	const uint8_t *planes[3] = { NULL, NULL, NULL };
	size_t strides[3] = { 0, 0, 0 };
	int err;

	if (!container)
		return writer_put(w, fill, msg, msglen);
	err = writer_convert(w, fill, &src, msg, msglen);
	if (err)
		return err;
	for (int i = 0; i < 3 && i < SDI8K_MAX_PLANES; i++) {
		planes[i] = src->data[i];
		strides[i] = src->stride[i];
	}
	err = r->lib.put(r->avw, planes, strides, r->pts + 1, msg, msglen);
	if (!err) {
		r->pts++;
		w->frames++;
	}
	return err;
}

/* 1 if the input receives the raster being captured */
static int same_raster(const struct sdi8k_signal *a, const struct sdi8k_signal *b)
{
	return a->width == b->width && a->height == b->height &&
	       a->interlaced == b->interlaced &&
	       (uint64_t)a->rate_num * b->rate_den == (uint64_t)b->rate_num * a->rate_den;
}

/* the audio of the dequeued frame f (written at video pts vpts), if any */
static int put_frame_audio(const struct sdi8k_capture *c, const struct sdi8k_capture_frame *f,
			   int64_t vpts, char *msg, size_t msglen)
{
	struct sdi8k_capture_audio a;

	if (!aud.channels)
		return 0;
	if (sdi8k_capture_frame_audio(c, f, &a)) {
		snprintf(msg, msglen, "%s", sdi8k_last_error());
		return -EIO;
	}
	return audtrack_frame(&aud, &a, vpts, msg, msglen);
}

/* --cc-track: the CEA-608 pairs of the frame just written (rec.pts), if any */
static int put_frame_captions(struct recording *r, const struct sidecar *sc, char *msg,
			      size_t msglen)
{
	int err;

	if (!r->par.captions || !sc || !sc->want_cc || !sc->cc_n)
		return 0;
	err = r->lib.put_captions(r->avw, sc->cc, sc->cc_n, r->pts, msg, msglen);
	if (!err) {
		r->cc_packets++;
		r->cc_pairs += sc->cc_n;
	}
	return err;
}

enum gap_end {
	GAP_RESUMED,		/* the same raster back: streaming again */
	GAP_STOPPED,		/* Ctrl-C or the frame limit during the gap */
	GAP_CHANGED,		/* another raster came back: sig */
	GAP_FAILED,		/* a write failed (msg) or the input failed */
};

int main(int argc, char **argv)
{
	struct capture_opts o;
	struct sdi8k_capture *c = NULL;
	struct sdi8k_capture_config cfg;
	struct sdi8k_capture_format fmt;
	struct sdi8k_capture_frame f;
	struct sdi8k_color last_color;
	struct frame_writer w;
	struct outfile out;
	struct sidecar sc;	/* --metadata / --scc / --cc-track, or the first
				 * time code */
	struct recording rec;	/* -F mkv / mov */
	struct totals tot;
	struct sdi8k_frame fill;
	void *fill_buf = NULL;
	int sc_on = 0, streaming = 0;
	char msg[512], node[4096], part_name[4096];
	uint64_t limit = 0, part_frames, whole_bytes = 0;
	double start = 0;
	int err, progress = 0, status = EXIT_OK, failed_write = 0;

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
	memset(&rec, 0, sizeof(rec));
	memset(&tot, 0, sizeof(tot));
	memset(&last_color, 0, sizeof(last_color));

	if (capture_resolve_input(o.input, node, sizeof(node), msg, sizeof(msg))) {
		msg_error("%s", msg);
		return EXIT_RUNTIME;
	}
	if (o.print_x265)
		return print_x265(&o, node);
	if ((o.container || o.audio_file) && avout_load(&rec.lib, msg, sizeof(msg))) {
		msg_error("%s", msg);
		return EXIT_RUNTIME;
	}
	if (o.container) {
		enum sdi8k_pixfmt conv;

		/* parse_args checked the formats */
		capture_container_formats(&o, &conv, &rec.pix, msg, sizeof(msg));
		o.convert = conv;
		/* HDR10 static metadata and ICtCp from the driver's controls */
		rec.have_st = !sdi8k_status_read(node, &rec.st);
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.format = o.format;
	cfg.buffers = o.buffers;
	cfg.flags = o.dmabuf ? SDI8K_CAPTURE_EXPORT_DMABUF : 0;
	if (o.raster)	/* fits: capture_raster_name_ok() */
		snprintf(cfg.raster, sizeof(cfg.raster), "%s", o.raster);
	err = sdi8k_capture_open(node, &c);
	if (!err)
		err = sdi8k_capture_configure(c, &cfg);
	if (!err)
		err = sdi8k_capture_get_format(c, &fmt);
	if (!err && o.audio) {
		/* kept through every configure and start of the handle */
		struct sdi8k_capture_audio_config ac = { .channels = o.audio };

		err = sdi8k_capture_configure_audio(c, &ac);
	}
	if (err) {
		msg_error("%s", sdi8k_last_error());
		sdi8k_capture_close(c);
		avout_unload(&rec.lib);
		return EXIT_RUNTIME;
	}
	/* the outputs are created only once the input is known to work */
	if (o.metadata || o.scc || o.cc_track) {
		/* every frame's metadata: JSON lines, SCC captions, the
		 * container's caption track */
		if (sidecar_open(&sc, node, o.metadata, msg, sizeof(msg)) ||
		    (o.scc && sidecar_scc_open(&sc, o.scc, msg, sizeof(msg)))) {
			msg_error("%s", msg);
			if (sc.meta)
				sidecar_abort(&sc);
			sdi8k_capture_close(c);
			avout_unload(&rec.lib);
			return EXIT_RUNTIME;
		}
		sc_on = 1;
		sc.want_cc = o.cc_track;
		sc.want_h10p = o.container != 0;
		sidecar_set_rate(&sc, fmt.signal.rate_num, fmt.signal.rate_den);
	} else if (o.container) {
		/* the first frame's time code, and HDR10+ while it can be kept */
		if (sidecar_open(&sc, node, NULL, msg, sizeof(msg))) {
			msg_error("warning: no time code in the file: %s", msg);
		} else {
			sc_on = rec.meta_for_timecode = 1;
			sc.want_h10p = 1;
		}
	}
	if (outfile_open(&out, o.output, msg, sizeof(msg))) {
		msg_error("%s", msg);
		if (sc_on)
			sidecar_abort(&sc);
		sdi8k_capture_close(c);
		avout_unload(&rec.lib);
		return EXIT_RUNTIME;
	}
	if (audtrack_init(&aud, o.audio, !o.container, &rec.lib, o.audio_file, msg,
			  sizeof(msg))) {
		msg_error("%s", msg);
		outfile_abort(&out);
		if (sc_on)
			sidecar_abort(&sc);
		sdi8k_capture_close(c);
		avout_unload(&rec.lib);
		return EXIT_RUNTIME;
	}
	err = 0;
new_part:
	{
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

			/* a container: the writer only converts (when needed) */
			err = writer_init(&w, &out, fmt.format, fmt.width, fmt.height,
					  o.container ? (o.convert ? o.convert : fmt.format) :
					  capture_output_format(&o),
					  o.y4m && !o.container ? &yi : NULL,
					  &co, msg, sizeof(msg));
		}
		if (!err && o.on_loss == CAPTURE_LOSS_FILL &&
		    fill_setup(&fill, &fill_buf, &fmt)) {
			snprintf(msg, sizeof(msg), "out of memory for the fill frame");
			err = -ENOMEM;
		}
		if (err) {
			msg_error("%s", msg);
			goto fail_output;
		}
		if (o.container)
			rec_params(&rec, &o, &fmt, &out);
		audtrack_part(&aud, fmt.signal.rate_num, fmt.signal.rate_den);
		whole_bytes = out.bytes;	/* raw, Y4M: the header */
		if (tot.parts)
			goto start_stream;
	}
	/* the metadata node first: it fills only while the video streams */
	if (sc_on && sidecar_start(&sc, msg, sizeof(msg))) {
		if (!rec.meta_for_timecode) {
			msg_error("%s", msg);
			goto fail_output;
		}
		msg_error("warning: no time code in the file: %s", msg);
		sidecar_abort(&sc);
		sc_on = rec.meta_for_timecode = 0;
	}
start_stream:
	err = sdi8k_capture_start(c);
	if (err) {
		msg_error("%s", sdi8k_last_error());
		goto fail_output;
	}
	streaming = 1;
	if (!tot.parts) {
		limit = frame_limit(&o, &fmt);
		progress = o.progress < 0 ? isatty(STDERR_FILENO) : o.progress;
		start = progress_now();
	}

	while (!stop_requested && (!limit || tot.frames + w.frames < limit)) {
		struct sdi8k_signal sig;
		enum gap_end end;

		err = sdi8k_capture_dequeue(c, &f, o.timeout_ms);
		if (err == -EINTR)
			continue;
		if (err && o.on_loss == CAPTURE_LOSS_FILL && w.frames &&
		    (rec.avw || !o.container) &&
		    (err == -ENOLINK || err == -ENOLCK || err == -EPIPE)) {
			uint64_t t0, n = 0, at = tot.frames + w.frames;
			int changed = err == -EPIPE;
			char why[256];

			/* keep recording: black frames on the clock while the
			 * input has no signal (gap.c), live frames when it is
			 * back with the same raster */
			snprintf(why, sizeof(why), "%s", sdi8k_last_error());
			totals_add(&tot, c);
			sdi8k_capture_stop(c);
			streaming = 0;
			if (progress)
				progress_clear();
			end = GAP_CHANGED;
			if (changed) {
				/* gone again meanwhile, or the same raster after
				 * all (the stream stopped): as a loss */
				if (sdi8k_capture_query_signal(c, &sig) ||
				    same_raster(&sig, &fmt.signal))
					changed = 0;
				else
					msg_error("the signal changed at frame %" PRIu64, at);
			}
			if (!changed) {
				tot.gaps++;
				msg_error("signal lost at frame %" PRIu64 " (%s): writing fill "
					  "frames", at, why);
				t0 = now_ns();
				for (;;) {
					uint64_t due = gap_frames_due(now_ns() - t0,
								      fmt.signal.rate_num,
								      fmt.signal.rate_den);
					struct timespec ts;
					uint64_t next;

					if (!due)	/* no rate known: 25 */
						due = (now_ns() - t0) / 40000000u + 1;
					err = 0;
					while (n < due && !stop_requested &&
					       (!limit || tot.frames + w.frames < limit)) {
						err = put_fill(&rec, &w, o.container, &fill,
							       msg, sizeof(msg));
						if (!err)
							whole_bytes = out.bytes;
						if (!err)
							err = audtrack_fill(&aud, o.container ?
									    rec.pts :
									    (int64_t)w.frames - 1,
									    msg, sizeof(msg));
						if (!err && sc_on)
							err = sidecar_fill(&sc, msg, sizeof(msg));
						if (err)
							break;
						n++;
					}
					if (err) {
						end = GAP_FAILED;
						break;
					}
					if (stop_requested ||
					    (limit && tot.frames + w.frames >= limit)) {
						end = GAP_STOPPED;
						break;
					}
					if (!sdi8k_capture_query_signal(c, &sig)) {
						if (!same_raster(&sig, &fmt.signal)) {
							end = GAP_CHANGED;
							break;
						}
						if (!sdi8k_capture_configure(c, &cfg) &&
						    !sdi8k_capture_start(c)) {
							end = GAP_RESUMED;
							break;
						}
						/* not stable yet: try again next frame */
					}
					next = t0 + gap_frame_time_ns(n, fmt.signal.rate_num,
								      fmt.signal.rate_den);
					if (next <= t0)
						next = t0 + n * 40000000u;
					ts.tv_sec = (time_t)(next / 1000000000u);
					ts.tv_nsec = (long)(next % 1000000000u);
					/* a stop signal interrupts the sleep */
					clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
				}
				tot.fill_frames += n;
				if (end == GAP_RESUMED || end == GAP_CHANGED)
					msg_error("signal back after %" PRIu64 " fill frames%s%s",
						  n, end == GAP_CHANGED ? ", as " : "",
						  end == GAP_CHANGED ? sig.name : "");
				else if (end == GAP_STOPPED)
					msg_error("recording ended in a gap after %" PRIu64
						  " fill frames", n);
			}
			if (end == GAP_RESUMED) {
				streaming = 1;
				rec.resync = 1;
				audtrack_resync(&aud);
				if (sc_on)
					sidecar_resync(&sc);
				continue;
			}
			if (end == GAP_STOPPED)
				break;
			if (end == GAP_FAILED) {
				write_failed(o.container, msg, tot.frames + w.frames);
				status = EXIT_RUNTIME;
				failed_write = 1;
				break;
			}
			/* GAP_CHANGED: another raster */
			if (o.on_change == CAPTURE_CHANGE_END || out.is_stdout) {
				msg_error("source changed from %s to %s: %s", fmt.signal.name,
					  sig.name, out.is_stdout ? "the recording to standard "
					  "output ends" : "the recording ends (--on-change end)");
				status = EXIT_RUNTIME;
				break;
			}
			/* this part finalised, the next one in NAME-00N.EXT */
			if (rec.avw) {
				err = rec.lib.close(rec.avw, msg, sizeof(msg));
				rec.avw = NULL;
				aud.av = NULL;	/* the next part's, at its first frame */
				if (err) {
					msg_error("%s", rec_io_msg[0] ? rec_io_msg : msg);
					audtrack_abort(&aud);
					avout_unload(&rec.lib);
					return abandon_output(&out, sc_on ? &sc : NULL, &w,
							      "removed the incomplete output",
							      EXIT_RUNTIME);
				}
			}
			if (outfile_commit(&out, msg, sizeof(msg))) {
				msg_error("%s", msg);
				status = EXIT_RUNTIME;
				goto fail_output;
			}
			part_frames = w.frames;
			tot.frames += w.frames;
			tot.bytes += out.bytes;
			writer_free(&w);
			tot.parts++;
			if (gap_part_name(o.output, tot.parts, part_name, sizeof(part_name))) {
				msg_error("%s: name too long for a next part", o.output);
				status = EXIT_RUNTIME;
				break;
			}
			msg_error("%s: %" PRIu64 " frames, finished (%s); the %s signal goes to %s",
				  outfile_name(&out), part_frames, fmt.signal.name, sig.name, part_name);
			memset(&w, 0, sizeof(w));
			if (outfile_open(&out, part_name, msg, sizeof(msg))) {
				msg_error("%s", msg);
				memset(&out, 0, sizeof(out));
				out.fd = -1;
				status = EXIT_RUNTIME;
				goto end_parts;
			}
			err = 0;
			while (!stop_requested) {
				err = sdi8k_capture_configure(c, &cfg);
				if (!err)
					err = sdi8k_capture_get_format(c, &fmt);
				if (!err || (err != -ENOLINK && err != -ENOLCK))
					break;
				usleep(20000);	/* not stable yet */
			}
			if (err || stop_requested) {
				if (err)
					msg_error("%s", sdi8k_last_error());
				outfile_abort(&out);
				status = err ? EXIT_RUNTIME : status;
				goto end_parts;
			}
			rec.resync = 0;
			if (sc_on)	/* the time codes of the new raster */
				sidecar_set_rate(&sc, fmt.signal.rate_num, fmt.signal.rate_den);
			goto new_part;
		}
		if (err) {
			if (progress)
				progress_clear();
			msg_error("%s, after %" PRIu64 " frames", sdi8k_last_error(),
				  tot.frames + w.frames);
			status = EXIT_RUNTIME;
			break;
		}
		last_color = f.color;
		if (o.container) {
			const struct sdi8k_frame *src;

			err = writer_convert(&w, &f.frame, &src, msg, sizeof(msg));
			if (!err && !rec.avw) {
				struct sdi8k_hdr_state *hs = NULL;

				if (sc_on) {
					hs = malloc(sizeof(*hs));
					if (!hs) {
						snprintf(msg, sizeof(msg), "out of memory");
						err = -ENOMEM;
					} else {
						err = sidecar_match(&sc, f.sequence, 200, hs,
								    msg, sizeof(msg));
					}
				}
				if (!err)
					err = rec_start(&rec, &f, hs, msg, sizeof(msg));
				if (!err)
					aud.av = o.audio ? rec.avw : NULL;
				free(hs);
			} else if (!err && sc_on) {
				err = sidecar_frame(&sc, f.sequence, 200, msg, sizeof(msg));
			}
			if (!err)
				err = rec_put(&rec, &f, src, sc_on ? &sc : NULL, msg,
					      sizeof(msg));
			/* opened for the first frame's time code and for HDR10+:
			 * no longer needed once the file cannot keep HDR10+ */
			if (!err && sc_on && rec.meta_for_timecode && !sc.want_h10p) {
				sidecar_abort(&sc);
				sc_on = rec.meta_for_timecode = 0;
			}
			if (!err)
				err = put_frame_audio(c, &f, rec.pts, msg, sizeof(msg));
			if (!err)
				err = put_frame_captions(&rec, sc_on ? &sc : NULL, msg,
							 sizeof(msg));
			if (!err)
				w.frames++;
			sdi8k_capture_release(c, &f);
		} else {
			err = writer_put(&w, &f.frame, msg, sizeof(msg));
			if (!err)
				err = put_frame_audio(c, &f, (int64_t)w.frames - 1, msg,
						      sizeof(msg));
			sdi8k_capture_release(c, &f);
			if (!err)
				whole_bytes = out.bytes;
			if (!err && sc_on)
				err = sidecar_frame(&sc, f.sequence, 200, msg, sizeof(msg));
		}
		if (err) {
			if (progress)
				progress_clear();
			write_failed(o.container, msg, tot.frames + w.frames);
			status = EXIT_RUNTIME;
			failed_write = 1;
			break;
		}
		if (progress) {
			struct sdi8k_capture_stats st;

			sdi8k_capture_get_stats(c, &st);
			progress_update(&st, tot.bytes + out.bytes, start, 0);
		}
	}
	if (progress && status == EXIT_OK)
		progress_clear();
	print_stats(c, node, tot.frames + w.frames ? &last_color : &fmt.color, &fmt, &w, &out,
		    &o, progress_now() - start, &tot, streaming);
	if (streaming)
		sdi8k_capture_stop(c);
	sdi8k_capture_close(c);
	c = NULL;
	free(fill_buf);

	if (failed_write && !o.container && out.err == -ENOSPC && out.tmp[0] &&
	    !ftruncate(out.fd, (off_t)whole_bytes)) {
		/* raw, Y4M: the disk is full: the recording ends at the last
		 * whole frame (the cut one is taken off) */
		out.bytes = whole_bytes;
		msg_error("%s: the disk is full: the recording ends at the last whole "
			  "frame", outfile_name(&out));
		failed_write = 0;
	}
	if (failed_write && o.container == AVW_MKV && out.err == -ENOSPC && out.tmp[0] &&
	    w.frames) {
		/* Matroska, the disk full: the clusters on disk are read
		 * without the index the trailer would have added (a reader
		 * stops at the last whole frame): keep them */
		rec.lib.free(rec.avw);
		rec.avw = NULL;
		msg_error("%s: the disk is full: the Matroska file is kept as written, not "
			  "finalised (no index; readers take it to its last whole frame)",
			  outfile_name(&out));
		failed_write = 0;
	} else if (failed_write && o.container == AVW_MOV && out.err == -ENOSPC) {
		msg_error("a QuickTime file needs its index written at the end: record "
			  "to Matroska (-F mkv) to keep what a full disk cut short");
	}
	if (failed_write) {
		/* a frame may be cut short: do not leave it behind */
		rec.lib.free ? rec.lib.free(rec.avw) : (void)0;
		audtrack_abort(&aud);
		avout_unload(&rec.lib);
		return abandon_output(&out, sc_on ? &sc : NULL, &w,
				      "removed the incomplete output", EXIT_RUNTIME);
	}
	if (!w.frames && tot.parts) {
		/* a next part that got no frame: the earlier ones stay */
		if (audtrack_finish(&aud, msg, sizeof(msg))) {
			msg_error("%s", msg);
			status = EXIT_RUNTIME;
		}
		avout_unload(&rec.lib);
		outfile_abort(&out);
		writer_free(&w);
		goto commit_sidecar;
	}
	if ((status != EXIT_OK || o.container) && !w.frames) {
		/* nothing captured: leave no empty file behind (an empty
		 * container would not even be one) */
		audtrack_abort(&aud);
		avout_unload(&rec.lib);
		return abandon_output(&out, sc_on ? &sc : NULL, &w, "no frame captured",
				      status != EXIT_OK ? status : EXIT_RUNTIME);
	}
	err = 0;
	if (rec.avw) {
		/* the trailer: the file is complete whatever ended the capture */
		err = rec.lib.close(rec.avw, msg, sizeof(msg));
		rec.avw = NULL;
	}
	{
		/* the WAV's header: its length (a WAV that fails is removed,
		 * saying why; the video stays) */
		char m[512];

		if (audtrack_finish(&aud, m, sizeof(m))) {
			msg_error("%s", m);
			status = EXIT_RUNTIME;
		}
	}
	avout_unload(&rec.lib);
	if (err) {
		msg_error("%s", rec_io_msg[0] ? rec_io_msg : msg);
		return abandon_output(&out, sc_on ? &sc : NULL, &w,
				      "removed the incomplete output", EXIT_RUNTIME);
	}
	if (outfile_commit(&out, msg, sizeof(msg))) {
		msg_error("%s", msg);
		if (sc_on)
			sidecar_abort(&sc);
		writer_free(&w);
		audtrack_abort(&aud);
		return EXIT_RUNTIME;
	}
	writer_free(&w);
commit_sidecar:
	if (sc_on) {
		uint64_t lines = sc.lines, missing = sc.missing;
		uint64_t scc_lines = sc.scc.lines, scc_pairs = sc.scc.pairs;

		if (sidecar_commit(&sc, msg, sizeof(msg))) {
			msg_error("%s", msg);
			return EXIT_RUNTIME;
		}
		if (o.metadata)
			fprintf(stderr, "%s: %s: %" PRIu64 " metadata lines (%" PRIu64
				" frames without metadata)\n", program_invocation_short_name,
				o.metadata, lines, missing);
		if (o.scc)
			fprintf(stderr, "%s: %s: %" PRIu64 " caption lines, %" PRIu64
				" CEA-608 pairs (SCC)\n", program_invocation_short_name,
				o.scc, scc_lines, scc_pairs);
		if (o.cc_track)
			fprintf(stderr, "%s: caption track: %" PRIu64 " frames with CEA-608 "
				"data, %" PRIu64 " pairs (c608)\n",
				program_invocation_short_name, rec.cc_packets, rec.cc_pairs);
		if (rec.h10p_frames)
			fprintf(stderr, "%s: HDR10+: %" PRIu64 " frames with their dynamic "
				"metadata\n", program_invocation_short_name, rec.h10p_frames);
	}
	if (status != EXIT_OK && !out.is_stdout)
		msg_error("%s: kept the %" PRIu64 " complete frames captured before "
			  "the failure", outfile_name(&out), tot.frames + w.frames);
	return status;

end_parts:
	/* a raster change, and the next part could not start: the earlier
	 * parts are kept, finished */
	if (streaming)
		sdi8k_capture_stop(c);
	print_stats(c, node, &last_color, &fmt, &w, &out, &o, progress_now() - start, &tot, 0);
	sdi8k_capture_close(c);
	if (audtrack_finish(&aud, msg, sizeof(msg)))
		msg_error("%s", msg);
	avout_unload(&rec.lib);
	free(fill_buf);
	if (sc_on && !sidecar_commit(&sc, msg, sizeof(msg)))
		sc_on = 0;
	else if (sc_on)
		msg_error("%s", msg);
	return status;

fail_output:
	outfile_abort(&out);
	if (tot.parts) {	/* the parts before are finished: kept */
		writer_free(&w);
		memset(&w, 0, sizeof(w));
		status = EXIT_RUNTIME;
		goto end_parts;
	}
	if (sc_on)
		sidecar_abort(&sc);
	writer_free(&w);
	audtrack_abort(&aud);
	sdi8k_capture_close(c);
	avout_unload(&rec.lib);
	free(fill_buf);
	return EXIT_RUNTIME;
}

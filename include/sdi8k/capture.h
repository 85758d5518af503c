/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: capture from one SDI input.
 *
 * A capture handle owns one open V4L2 capture node of an sdi8k input
 * (/dev/videoN, or a stable link such as /dev/sdi8k/<serial>/input0).
 * The node is opened through libv4l2 with format conversion disabled
 * (v4l2_fd_open(fd, V4L2_DISABLE_CONVERSION)), so libv4l2 never emulates
 * a format and never copies a frame: buffers are the driver's MMAP
 * buffers, mapped once with v4l2_mmap(), and a dequeued frame points
 * straight into them (zero copy).
 *
 * ---------------------------------------------------------------------------
 * Life cycle
 * ---------------------------------------------------------------------------
 *
 *   sdi8k_capture_open()        open the node, check it is an sdi8k input
 *   sdi8k_capture_query_signal() what the input receives (-ENOLINK: none)
 *   sdi8k_capture_configure()   raster (default: the detected one, or one
 *                               by name from sdi8k_capture_enum_raster()),
 *                               pixel format, buffer count, DMABUF export
 *   sdi8k_capture_start()       allocate + map buffers, queue them, stream
 *   loop:
 *     sdi8k_capture_dequeue()   next frame (blocking, with a timeout, or
 *                               non-blocking; poll() sdi8k_capture_fd())
 *     ... use frame->frame with sdi8k_convert(), write it, or hand
 *         frame->dmabuf_fd to a GPU / encoder ...
 *     sdi8k_capture_release()   give the buffer back to the driver
 *   sdi8k_capture_stop()        stop streaming, unmap, free buffers
 *   sdi8k_capture_close()
 *
 * configure/start/stop may be repeated on one handle (for example after a
 * source change). Closing a streaming handle stops it first.
 *
 * ---------------------------------------------------------------------------
 * Signal handling
 * ---------------------------------------------------------------------------
 *
 * With no signal, sdi8k_capture_query_signal() and
 * sdi8k_capture_configure() fail at once with -ENOLINK (-ENOLCK: a signal
 * is there but the receiver is not locked; -ERANGE: a raster the card
 * does not support). While streaming, the driver raises a source-change
 * event whenever the input's signal changes; sdi8k_capture_dequeue()
 * returns it as -ENOLINK (the signal was lost: no frames will come) or
 * -EPIPE (the input now receives another raster than the one being
 * captured: stop, configure again and start). A change that keeps the
 * captured raster (for example the source switching between SDR, HLG and
 * PQ) is counted in the statistics and capture goes on; the colorimetry
 * and transfer function of the frames that follow are read again.
 * Frames already dequeued stay valid until released or stopped.
 *
 * ---------------------------------------------------------------------------
 * Frames, drops, timestamps
 * ---------------------------------------------------------------------------
 *
 * The driver numbers frames from the first frame of a stream (sequence
 * 0, 1, 2, ... counted by the card, one per frame, also for interlaced
 * rasters whose buffers hold both fields). A gap in the sequence is
 * frames the card received but could not deliver (no free buffer: the
 * application was too slow): each frame reports in `dropped` how many are
 * missing just before it, and sdi8k_capture_stats() sums them. Frames the
 * driver marks as corrupt (V4L2_BUF_FLAG_ERROR) are given back to the
 * driver inside the library, never returned, and counted in
 * stats.error_frames (and, as the next good frame's sequence jumps, as
 * drops).
 *
 * Timestamps are CLOCK_MONOTONIC nanoseconds, as the driver gives them
 * (start of frame, V4L2_BUF_FLAG_TSTAMP_SRC_SOE), comparable with
 * clock_gettime(CLOCK_MONOTONIC).
 *
 * ---------------------------------------------------------------------------
 * Audio with its video (since 0.5)
 * ---------------------------------------------------------------------------
 *
 * sdi8k_capture_configure_audio() before start adds the input's embedded
 * audio (its ALSA capture device, hw:CARD=sdi8k<last 8 digits of the
 * serial>,DEV=<input>, opened with alsa-lib): 2, 8 or 16 channels, 48 kHz,
 * S32 (the 24-bit sample in bits 31..8). Each frame dequeued then has the
 * audio samples the source embedded in it, sdi8k_capture_frame_audio():
 * always the frame's whole ST 299 count (1920 at 25p; 1602, 1601, 1602,
 * 1601, 1602 at 29.97; 801, 801, 800, 801, 801 at 59.94; 2002 at 23.98,
 * exact over any length), the first one the frame's first sample. The
 * library places every sample from what the driver says (the card's
 * frame count of the capture's first sample, the ALSA control
 * "SDI Audio Stream Start", and of each buffer, the V4L2 control
 * SDI8K_CID_SEQUENCE_BASE): an application never aligns anything. The
 * samples the capture did not bring (frames before the audio started,
 * an overrun: the library restarts the audio at once, audio that ended
 * with the signal) are 0 and counted in `silent`. Dropped video frames
 * take their audio with them. Dequeue waits for a frame's audio as for
 * its pixels, within the same timeout: a frame whose audio is not yet
 * complete when the time is up gives -ETIMEDOUT (or -EAGAIN with timeout
 * 0) and is the one the next dequeue returns. The audio is read ahead
 * with the video (poll()ing sdi8k_capture_fd() alone does not say the
 * audio is there: with audio, dequeue with a timeout).
 *
 * ---------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------------
 *
 * Every function that can fail returns a negative errno and leaves a
 * message for sdi8k_last_error() that names the node, the input and what
 * failed, e.g. "/dev/video3 (sdi8k-0 input 1): no signal". Nothing prints,
 * aborts or exits, and nothing raises a signal (SIGPIPE never comes from
 * this API). Common codes: -ENOENT (no such node), -EACCES (permission),
 * -ENODEV (not an sdi8k V4L2 capture node, or the card was removed),
 * -EBUSY (another process is streaming from the input), -ENOLINK,
 * -ENOLCK, -ERANGE (see above), -EINVAL (bad argument or call out of
 * order), -ENOMEM, -EIO (driver error), -EAGAIN / -ETIMEDOUT (no frame
 * yet), -EPIPE (source changed).
 *
 * ---------------------------------------------------------------------------
 * Thread safety
 * ---------------------------------------------------------------------------
 *
 * Different handles are independent and may be used from different
 * threads at once. One handle is not locked inside: calls on the same
 * handle must not run concurrently (one thread, or the caller's own
 * lock). The exceptions: sdi8k_capture_fd() may be called, and the fd
 * poll()ed, from any thread at any time while the handle is open; the
 * pixels of a dequeued frame may be read by any number of threads (for
 * example sdi8k_convert() with threads > 1) until the frame is released.
 * sdi8k_last_error() is per thread: read it on the thread that got the
 * error.
 *
 * ---------------------------------------------------------------------------
 * Example: 100 frames of v210 converted to P010
 * ---------------------------------------------------------------------------
 *
 *   struct sdi8k_capture *c;
 *   struct sdi8k_capture_config cfg = { .format = SDI8K_FMT_V210 };
 *   struct sdi8k_capture_frame f;
 *   int err = sdi8k_capture_open("/dev/video0", &c);
 *   if (!err) err = sdi8k_capture_configure(c, &cfg);
 *   if (!err) err = sdi8k_capture_start(c);
 *   for (int i = 0; !err && i < 100; i++) {
 *           err = sdi8k_capture_dequeue(c, &f, 1000);
 *           if (err) break;
 *           err = sdi8k_convert(&f.frame, &p010_dst, NULL);
 *           sdi8k_capture_release(c, &f);
 *   }
 *   if (err) fprintf(stderr, "%s\n", sdi8k_last_error());
 *   sdi8k_capture_close(c);          // stops if needed; NULL is fine
 */
#ifndef SDI8K_CAPTURE_H
#define SDI8K_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/convert.h>
#include <sdi8k/error.h>
#include <sdi8k/export.h>
#include <sdi8k/transfer.h>
#include <sdi8k/version.h>

SDI8K_BEGIN_DECLS

struct sdi8k_capture; /* opaque handle */

/* Colorimetry of the stream: the V4L2 format's fields plus the HDR one. */
struct sdi8k_color {
	uint32_t colorspace;	/* enum v4l2_colorspace, e.g. REC709 */
	uint32_t xfer_func;	/* enum v4l2_xfer_func */
	uint32_t ycbcr_enc;	/* enum v4l2_ycbcr_encoding */
	uint32_t quantization;	/* enum v4l2_quantization (LIM_RANGE) */
	enum sdi8k_transfer transfer;
};

/* What an input receives (sdi8k_capture_query_signal()). */
struct sdi8k_signal {
	uint32_t width;
	uint32_t height;	/* of the frame (both fields) */
	int interlaced;		/* 1: two fields a frame */
	uint32_t rate_num;	/* frames per second = rate_num / rate_den, */
	uint32_t rate_den;	/* e.g. 60000/1001; 25/1 for 1080i50 */
	uint64_t pixelclock;	/* Hz */
	char name[24];		/* "1080p59.94", "2160p25", "1080i50" */
};

/* What sdi8k_capture_configure() sets up. Zero-filled = all defaults. */
struct sdi8k_capture_config {
	/*
	 * Pixel format the card writes: SDI8K_FMT_UYVY (0 = default),
	 * YUYV, NV16, P010, Y210 or V210. Others give -EINVAL.
	 */
	enum sdi8k_pixfmt format;
	/*
	 * buffers to ask for, 2..32; 0 = 8. The driver may grant more (the
	 * sdi8k driver keeps at least 4, and for small frames as many as fit
	 * in 32 MiB); sdi8k_capture_format.buffers says what was allocated.
	 */
	unsigned buffers;
	/* SDI8K_CAPTURE_* flags */
	unsigned flags;
	union {
		/*
		 * The raster to capture, by name as sdi8k_signal.name spells
		 * it ("1080p25", "1080i59.94", "2160p59.94"), NUL-terminated:
		 * lines, p or i (either case), frames (p) or fields (i) per
		 * second, matched to within 0.005 (so "2160p23.976" is
		 * "2160p23.98"). Empty (raster[0] == 0) = the raster the
		 * input detects now. A named raster must be one the input
		 * offers (sdi8k_capture_enum_raster(), the driver's
		 * VIDIOC_ENUM_DV_TIMINGS list with each 1/1.001 variant):
		 * configure sets it with VIDIOC_S_DV_TIMINGS whatever the
		 * input receives, and needs no signal (no -ENOLINK); frames
		 * come while the source sends a raster of that size and scan
		 * (the card's DMA engine takes those). A source-change event
		 * while streaming gives -EPIPE unless the input then receives
		 * exactly the named raster, as for a detected one.
		 * Not together with SDI8K_CAPTURE_KEEP_TIMINGS.
		 * Bytes after the NUL are ignored. (This space was
		 * reserved[4], zero for callers that do not name a raster:
		 * they are unchanged, size and layout too.)
		 */
		char raster[16];
		uint32_t reserved[4];	/* the same bytes */
	};
};

/*
 * Export every buffer as a DMABUF (VIDIOC_EXPBUF) at start: the frame's
 * dmabuf_fd is then valid, for importing into a GPU API or an encoder.
 * The fds belong to the handle and are closed by sdi8k_capture_stop();
 * dup() one to keep it longer.
 */
#define SDI8K_CAPTURE_EXPORT_DMABUF (1u << 0)
/*
 * Do not set the DV timings from the detected signal: capture with the
 * raster the node is set to (for applications that set timings through
 * V4L2 themselves). By default configure sets the detected raster.
 */
#define SDI8K_CAPTURE_KEEP_TIMINGS (1u << 1)

/* The configured stream (sdi8k_capture_get_format()). */
struct sdi8k_capture_format {
	enum sdi8k_pixfmt format;
	uint32_t fourcc;	/* V4L2 pixel format, e.g. 'v210' */
	uint32_t width;
	uint32_t height;
	uint32_t bytesperline;	/* stride of plane 0 (and of plane 1) */
	uint32_t sizeimage;	/* bytes of one frame, all planes */
	uint32_t field;		/* enum v4l2_field: NONE or INTERLACED */
	struct sdi8k_signal signal; /* the raster configured */
	struct sdi8k_color color;
	unsigned buffers;	/* buffers allocated, after start: the driver may
				 * grant more than were asked for */
};

/* One dequeued frame. Valid until sdi8k_capture_release() / stop. */
struct sdi8k_capture_frame {
	/*
	 * The pixels, described for sdi8k_convert(): plane pointers into the
	 * mapped buffer (NV16 and P010: plane 1, the CbCr plane, follows
	 * the luma plane), strides = bytesperline. Read only.
	 */
	struct sdi8k_frame frame;
	unsigned index;		/* buffer index, for the library */
	size_t bytesused;	/* bytes the card wrote (all planes) */
	size_t length;		/* size of the buffer */
	uint32_t bytesperline;
	uint32_t sequence;	/* frame number since start */
	uint32_t dropped;	/* frames missing just before this one */
	uint64_t timestamp_ns;	/* CLOCK_MONOTONIC, start of frame */
	uint32_t field;		/* enum v4l2_field of this buffer */
	struct sdi8k_color color;
	int dmabuf_fd;		/* with SDI8K_CAPTURE_EXPORT_DMABUF, else -1 */
	uint32_t reserved[4];
};

/* The audio of a capture (sdi8k_capture_configure_audio()). */
struct sdi8k_capture_audio_config {
	/* channels 1..N of the input: 2, 8 or 16; 0 = no audio */
	unsigned channels;
	uint32_t reserved[7];	/* 0 */
};

/* One frame's audio (sdi8k_capture_frame_audio()). */
struct sdi8k_capture_audio {
	/*
	 * frames x channels interleaved samples, channel 1 first, S32 with
	 * the 24-bit sample in bits 31..8. Read only; valid while the frame
	 * is (until sdi8k_capture_release() / stop).
	 */
	const int32_t *samples;
	uint32_t frames;	/* sample frames: the frame's cadence count */
	uint32_t channels;
	uint32_t silent;	/* of them, not captured (zeros) */
	uint32_t restarts;	/* audio overruns recovered since start */
	/*
	 * the card's numbering (since the input locked its signal): the
	 * video frame's frame count and its first sample's number
	 */
	uint64_t card_frame;
	uint64_t first_sample;
	uint32_t reserved[4];
};

/* Counters since the last sdi8k_capture_start(). */
struct sdi8k_capture_stats {
	uint64_t frames;	/* frames returned by dequeue */
	uint64_t dropped;	/* sum of the sequence gaps */
	uint64_t error_frames;	/* frames the driver flagged as corrupt */
	uint64_t source_changes; /* source-change events seen */
	uint64_t first_timestamp_ns; /* of the first frame returned, or 0 */
	uint64_t last_timestamp_ns;  /* of the last frame returned, or 0 */
	uint32_t last_sequence;
	uint32_t reserved[5];
};

/*
 * Open a capture node. node: a path to a V4L2 device node of an sdi8k
 * input. On success *out is a new handle (close with
 * sdi8k_capture_close()). The input is not touched beyond opening and
 * querying it; a handle that streams takes the input for itself (a
 * second one gets -EBUSY at start).
 * Errors: -EINVAL (NULL argument), -ENOENT, -EACCES, -ENODEV (not a
 * character device, not a V4L2 capture node with streaming, or not driven
 * by sdi8k), -ENOMEM, or another errno of open(2) such as -EISDIR.
 */
SDI8K_API int sdi8k_capture_open(const char *node, struct sdi8k_capture **out);

/*
 * Stop (if streaming) and close. NULL is a no-op. Every frame and DMABUF
 * fd of the handle is invalid afterwards.
 */
SDI8K_API void sdi8k_capture_close(struct sdi8k_capture *c);

/*
 * The node's file descriptor, to poll(): POLLIN when a frame is ready,
 * POLLPRI when an event (source change) is pending; sdi8k_capture_dequeue()
 * with timeout 0 then takes it. Owned by the handle: do not read, close
 * or ioctl it. Never fails on an open handle.
 */
SDI8K_API int sdi8k_capture_fd(const struct sdi8k_capture *c);

/* Card and input name, e.g. "sdi8k-0 input 1" (static while open). */
SDI8K_API const char *sdi8k_capture_name(const struct sdi8k_capture *c);

/*
 * What the input receives now (VIDIOC_QUERY_DV_TIMINGS). Usable at any
 * time, streaming or not. Errors: -ENOLINK (no signal), -ENOLCK (not
 * locked), -ERANGE (unsupported raster), -ENODEV, -EIO.
 */
SDI8K_API int sdi8k_capture_query_signal(struct sdi8k_capture *c,
					 struct sdi8k_signal *sig);

/*
 * Set up the stream: set the raster named in cfg->raster, or, with none
 * named and unless SDI8K_CAPTURE_KEEP_TIMINGS, query the signal and set
 * its raster (so -ENOLINK etc. as above); then set the pixel format, and
 * read back the format, colorimetry and transfer function.
 * cfg NULL = defaults. Not while streaming (-EBUSY).
 * Errors: -EINVAL (bad cfg: unknown format, buffer count, flags, a raster
 * name not NUL-terminated within its 16 bytes or not spelt like one, a
 * raster together with KEEP_TIMINGS), -ERANGE (cfg->raster is not a raster this input offers:
 * the message lists those it does; without a named raster: the signal's
 * raster is unsupported), -EBUSY, -ENOLINK, -ENOLCK, -ENODEV, -EIO (the
 * driver did not take the raster or the format).
 */
SDI8K_API int sdi8k_capture_configure(struct sdi8k_capture *c,
				      const struct sdi8k_capture_config *cfg);

/*
 * The rasters this input offers, for sdi8k_capture_config.raster: entry
 * `index` (0, 1, 2, ... until -ENOENT) of the driver's
 * VIDIOC_ENUM_DV_TIMINGS list, where a preset that can run at 1/1.001 of
 * its rate gives two entries (1080p59.94, then 1080p60). *sig gets the
 * raster's size, scan, rate and name (no signal needed; the input's
 * current state is not changed). Errors: -EINVAL (NULL argument),
 * -ENOENT (index past the last entry), -ENODEV, -EIO.
 */
SDI8K_API int sdi8k_capture_enum_raster(struct sdi8k_capture *c, unsigned index,
					struct sdi8k_signal *sig);

/* The configured format (after configure). -EINVAL before. */
SDI8K_API int sdi8k_capture_get_format(const struct sdi8k_capture *c,
				       struct sdi8k_capture_format *fmt);

/*
 * Allocate the buffers (VIDIOC_REQBUFS, MMAP), map them, export them if
 * asked, queue them all and start streaming. Resets the statistics.
 * Errors: -EINVAL (not configured, or already streaming), -EBUSY
 * (another handle streams from the input), -ENOMEM, -ENODEV, -EIO, and
 * with SDI8K_CAPTURE_EXPORT_DMABUF: -ENOTSUP (the driver cannot export
 * its buffers: VIDIOC_EXPBUF answered ENOTTY), -EIO (an export failed
 * otherwise, for example out of file descriptors; the message has the
 * buffer and the driver's error). On error nothing stays allocated (no
 * buffer, mapping or exported fd) and the handle stays configured: start
 * again, possibly without the flag after configure.
 */
SDI8K_API int sdi8k_capture_start(struct sdi8k_capture *c);

/*
 * Next frame. timeout_ms < 0 waits as long as it takes, 0 does not wait
 * (for use after poll()), > 0 waits at most that long. Returns 0 with *f
 * filled, or: -EAGAIN (timeout 0, nothing ready), -ETIMEDOUT, -ENOLINK
 * (signal lost), -EPIPE (the input's raster changed), -EINTR (a signal
 * handler ran: call again), -EINVAL (not streaming, or no buffer left to
 * dequeue because all are held by the caller), -ENODEV (card removed),
 * -EIO. The frame stays the caller's until sdi8k_capture_release().
 */
SDI8K_API int sdi8k_capture_dequeue(struct sdi8k_capture *c,
				    struct sdi8k_capture_frame *f,
				    int timeout_ms);

/*
 * Give a dequeued frame's buffer back to the driver. *f must come from
 * sdi8k_capture_dequeue() on this handle, since the last start, and not
 * have been released. Errors: -EINVAL, -ENODEV, -EIO.
 */
SDI8K_API int sdi8k_capture_release(struct sdi8k_capture *c,
				    const struct sdi8k_capture_frame *f);

/*
 * Stop streaming (VIDIOC_STREAMOFF), unmap and free the buffers, close
 * the exported DMABUF fds. Frames not yet released become invalid.
 * Returns 0, or -EINVAL if not streaming; buffers are freed even if the
 * driver reports an error (then -EIO / -ENODEV).
 */
SDI8K_API int sdi8k_capture_stop(struct sdi8k_capture *c);

/*
 * With audio (since 0.5): cfg->channels 2, 8 or 16 adds the input's
 * embedded audio to the next start (which then opens the input's ALSA
 * capture device, before the video streams, and fails as opening it
 * fails: -ENOENT no ALSA card or device for this input, -EIO no signal,
 * -ENODATA the signal carries no audio, -EBUSY another client captures
 * it, -ENOTSUP a driver without the alignment controls); 0 or cfg NULL:
 * none. Kept over configure/start/stop until changed. Not while streaming
 * (-EBUSY). Errors: -EINVAL (NULL handle, another channel count, reserved
 * not 0), -EBUSY.
 */
SDI8K_API int sdi8k_capture_configure_audio(struct sdi8k_capture *c,
					    const struct sdi8k_capture_audio_config *cfg);

/*
 * The audio of a dequeued frame *f (not yet released) of a capture with
 * audio, into *a. Errors: -EINVAL (NULL argument, a frame not held, a
 * capture without audio).
 */
SDI8K_API int sdi8k_capture_frame_audio(const struct sdi8k_capture *c,
					const struct sdi8k_capture_frame *f,
					struct sdi8k_capture_audio *a);

/* Counters (zeroed by start). */
SDI8K_API int sdi8k_capture_get_stats(const struct sdi8k_capture *c,
				      struct sdi8k_capture_stats *st);

/*
 * V4L2 fourcc of a capture format (SDI8K_FMT_UYVY ... V210), 0 if the
 * card cannot capture it.
 */
SDI8K_API uint32_t sdi8k_capture_fourcc(enum sdi8k_pixfmt format);

SDI8K_END_DECLS

#endif /* SDI8K_CAPTURE_H */

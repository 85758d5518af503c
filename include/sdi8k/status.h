/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: the HDR and ancillary-data state of an input, without
 * V4L2 in the caller's code.
 *
 * Two parts:
 *   - sdi8k_status_read(): the static state of an input, read from its
 *     video node without streaming and without changing anything: the
 *     signal and raster, the ST 352 payload ID as the card decodes it
 *     (decoded again here with sdi8k_vpid_decode()), the format's V4L2
 *     colorimetry, the transfer function, the HDR10 static metadata
 *     (ST 2086 mastering display, MaxCLL / MaxFALL) and the counts of
 *     ancillary packets the driver dropped as malformed, rejected for a
 *     bad payload or lost for space. Works while another process streams.
 *   - struct sdi8k_meta: the input's metadata node (one buffer of
 *     ancillary packets per video frame, format SDI8K_META_FMT_ANC),
 *     found from the video node (same card and input), streamed with
 *     mmap'ed buffers. sdi8k_meta_dequeue() gives the buffer in place
 *     (zero copy) with its sequence number (= the video frame's
 *     v4l2_buffer.sequence, sdi8k_capture_frame.sequence) and the frame's
 *     state parsed by sdi8k_hdr_state_from_frame(): time code, HDR10+
 *     dynamic metadata, payload ID. The raw packets are read with
 *     sdi8k_anc_frame_open() / sdi8k_anc_frame_next() on data / size.
 *     The driver fills metadata buffers only while the input's video node
 *     streams (e.g. through <sdi8k/capture.h>): start the metadata stream
 *     first, then the video one, so no frame's metadata is missed.
 *
 * Errors: functions returning int return 0 (or a count) on success and a
 * negative errno on failure, with a message for sdi8k_last_error() that
 * names the node and what failed.
 * Thread safety: sdi8k_status_read() and sdi8k_status_vpid_text() are
 * reentrant. A struct sdi8k_meta is used by one thread at a time (the
 * caller serialises calls on one handle); different handles are
 * independent.
 * ABI: the structures end in reserved words to grow within major version 0.
 */
#ifndef SDI8K_STATUS_H
#define SDI8K_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/anc.h>
#include <sdi8k/device.h>
#include <sdi8k/export.h>
#include <sdi8k/hdr.h>
#include <sdi8k/transfer.h>

SDI8K_BEGIN_DECLS

/* bits of sdi8k_input_status.have */
#define SDI8K_STATUS_HAVE_VPID		(1u << 0)	/* payload_id != 0, vpid valid */
#define SDI8K_STATUS_HAVE_TRANSFER	(1u << 1)	/* the driver's control */
#define SDI8K_STATUS_HAVE_MDCV		(1u << 2)	/* mastering display set */
#define SDI8K_STATUS_HAVE_CLL		(1u << 3)	/* the CLL control exists */
#define SDI8K_STATUS_HAVE_MALFORMED	(1u << 4)	/* the counter exists */
#define SDI8K_STATUS_HAVE_FORMAT	(1u << 5)	/* colorimetry fields valid */
#define SDI8K_STATUS_HAVE_BAD_PAYLOAD	(1u << 6)	/* bad_payload valid */
#define SDI8K_STATUS_HAVE_OVERFLOW	(1u << 7)	/* anc_overflow valid */
#define SDI8K_STATUS_HAVE_ENCODING	(1u << 8)	/* the driver's control */
#define SDI8K_STATUS_HAVE_AUDIO		(1u << 9)	/* the audio_* fields: the
							 * input's ALSA controls */

/* how the colour difference signals are formed (the driver's
 * SDI8K_CID_COLOR_ENCODING, else ST 352 byte 4 bit 4) */
enum sdi8k_color_encoding_value {
	SDI8K_COLOR_YCBCR = 0,		/* Y'C'bC'r */
	SDI8K_COLOR_ICTCP = 1,		/* BT.2100 ICtCp */
};

/* The static state of an input (sdi8k_status_read()). */
struct sdi8k_input_status {
	char node[SDI8K_PATH_LEN];		/* the video node read */
	char name[SDI8K_NAME_LEN];		/* "sdi8k-0 input 1" */
	char bus_info[SDI8K_NAME_LEN];		/* "platform:sdi8k-sim.0:input1" */
	unsigned have;				/* SDI8K_STATUS_HAVE_* */
	enum sdi8k_signal_state signal;
	struct sdi8k_raster_info raster;	/* valid when LOCKED */
	uint32_t payload_id;			/* byte 1 in bits 7:0; 0: none */
	struct sdi8k_vpid vpid;			/* decoded payload_id */
	/* the format's colorimetry (VIDIOC_G_FMT): enum v4l2_colorspace,
	 * v4l2_xfer_func, v4l2_ycbcr_encoding, v4l2_quantization, as the
	 * driver derives them from the payload ID (docs/ancillary.md §2):
	 * e.g. BT2020 / SMPTE2084 / BT2020 / FULL_RANGE for a full-range PQ
	 * signal */
	uint32_t colorspace, xfer_func, ycbcr_enc, quantization;
	enum sdi8k_transfer transfer;		/* the driver's control, else
						 * from the payload ID, else
						 * SDI8K_TF_UNKNOWN */
	struct sdi8k_mdcv mdcv;			/* in <sdi8k/hdr.h> units */
	struct sdi8k_cll cll;			/* 0 0: none sent */
	int64_t malformed;			/* packets dropped since load */
	/* these three took reserved words: libraries before them leave them
	 * 0 with their have bit clear */
	int64_t bad_payload;			/* well-formed packets whose
						 * payload the driver rejected */
	int64_t anc_overflow;			/* data lost for space */
	uint32_t encoding;			/* enum sdi8k_color_encoding_value:
						 * the driver's control, else
						 * from the payload ID */
	/*
	 * Embedded audio (SDI8K_STATUS_HAVE_AUDIO; since 0.6, in reserved
	 * words: the input's ALSA controls, README "Embedded audio"):
	 * the groups present (bit n: group n + 1, channels 4n + 1 to
	 * 4n + 4), the channels whose AES3 channel status says non-PCM
	 * (bit n: channel n + 1, e.g. Dolby E), and since the driver
	 * loaded, the audio packets dropped for their checksum and for
	 * their ECC, and the channel samples replaced by silence (the
	 * card's counters: 32 bits, they wrap).
	 */
	uint32_t audio_groups;
	uint32_t audio_nonpcm;
	uint32_t audio_checksum_errors;
	uint32_t audio_ecc_errors;
	uint32_t audio_silenced;
	uint32_t reserved[6];
};

/*
 * Read the static state of the input whose video node is node (a path as
 * from sdi8k_resolve_input()). Opens the node for the time of the call
 * (O_RDWR | O_NONBLOCK), changes nothing, does not stream. Controls the
 * driver lacks leave their bit of have clear. No signal is not an error
 * (signal says so). *st is fully rewritten on success.
 * Errors: -EINVAL (NULL), -ENOENT, -EACCES, -ENODEV (not an sdi8k video
 * node), -EIO.
 */
SDI8K_API int sdi8k_status_read(const char *node, struct sdi8k_input_status *st);

/*
 * One line describing a payload ID, e.g. "3G-A 1080p59.94 4:2:2 10-bit
 * BT.2020 PQ" (interface, raster, rate, scan, sampling, bit depth with
 * "full" after it for full range, colorimetry, transfer, then "ICtCp"
 * for an ICtCp signal). Writes at most size bytes (NUL included) to buf
 * and returns buf. A zero or unknown payload gives "none" / the fields
 * that are known.
 */
SDI8K_API char *sdi8k_status_vpid_text(const struct sdi8k_vpid *v,
				       char *buf, size_t size);

/* Sampling structure name: "4:2:2", "4:4:4", "4:4:4 RGB", "4:2:0", or
 * "other" for the codes not listed in <sdi8k/anc.h>. Static string. */
SDI8K_API const char *sdi8k_status_sampling_name(uint8_t sampling);

/* ------------------------------------------------------------------------
 * Metadata stream
 * ------------------------------------------------------------------------ */

struct sdi8k_meta;	/* opaque handle */

/* One dequeued metadata buffer; valid until sdi8k_meta_release() / stop. */
struct sdi8k_meta_frame {
	uint32_t sequence;		/* v4l2_buffer.sequence: the video
					 * frame's */
	uint64_t timestamp_ns;		/* the video frame's (CLOCK_MONOTONIC) */
	const void *data;		/* the buffer, mapped, read only */
	size_t size;			/* bytes used */
	unsigned index;			/* buffer index, for the library */
	int parse_error;		/* 0, or the negative errno of a
					 * malformed buffer (hdr then has
					 * only sequence set) */
	struct sdi8k_anc_frame_info info; /* header (if parse_error is 0) */
	struct sdi8k_hdr_state hdr;	/* the frame's parsed state */
	uint32_t bad_payload;		/* packets of the buffer whose payload
					 * the driver rejected (0 from a
					 * driver whose header lacks it) */
	uint32_t reserved[7];
};

/*
 * Find the metadata node of the input whose video node is video_node
 * (same card and input: sysfs name "<card> input <i> meta") and open it.
 * *out is a new handle (free with sdi8k_meta_close()).
 * Errors: -EINVAL (NULL), -ENOENT (the video node, or a driver without
 * metadata nodes), -ENODEV (not an sdi8k input), -EACCES, -ENOMEM.
 */
SDI8K_API int sdi8k_meta_open(const char *video_node, struct sdi8k_meta **out);

/* The metadata node's path ("/dev/video9"). */
SDI8K_API const char *sdi8k_meta_node(const struct sdi8k_meta *m);

/*
 * Allocate and map buffers (count 2..32, 0 = 8), queue them, start
 * streaming. Errors: -EBUSY (another process streams the node), -EINVAL
 * (already streaming, bad count), -ENOMEM, -EIO. Nothing stays allocated
 * on error.
 */
SDI8K_API int sdi8k_meta_start(struct sdi8k_meta *m, unsigned count);

/*
 * The next buffer: timeout_ms < 0 waits, 0 does not, > 0 at most that
 * long. Returns 0 with *f filled (the buffer stays the caller's until
 * sdi8k_meta_release()), or -EAGAIN (timeout 0), -ETIMEDOUT, -EINTR,
 * -EINVAL (not streaming, or every buffer held), -ENODEV, -EIO. A buffer
 * whose contents are malformed is still returned, with f->parse_error.
 */
SDI8K_API int sdi8k_meta_dequeue(struct sdi8k_meta *m,
				 struct sdi8k_meta_frame *f, int timeout_ms);

/* Give a dequeued buffer back. Errors: -EINVAL, -ENODEV, -EIO. */
SDI8K_API int sdi8k_meta_release(struct sdi8k_meta *m,
				 const struct sdi8k_meta_frame *f);

/* Stop streaming and free the buffers; -EINVAL if not streaming. */
SDI8K_API int sdi8k_meta_stop(struct sdi8k_meta *m);

/* The node's fd, to poll() for POLLIN. Owned by the handle. */
SDI8K_API int sdi8k_meta_fd(const struct sdi8k_meta *m);

/* Stop if streaming, close. NULL is fine. */
SDI8K_API void sdi8k_meta_close(struct sdi8k_meta *m);

SDI8K_END_DECLS

#endif /* SDI8K_STATUS_H */

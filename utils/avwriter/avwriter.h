/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k-capture's container writer: Matroska or QuickTime through FFmpeg's
 * libavformat (and libavcodec for FFV1); no muxer of our own.
 *
 * Built as a module of its own, utils/sdi8k-capture-av.so, that
 * sdi8k-capture loads (dlopen) only when it writes a container: the tool
 * itself never depends on FFmpeg's libraries, whose sonames change with
 * every FFmpeg release (59 in Debian 12, 61 in Debian 13), so raw and Y4M
 * capture work wherever the tool runs. The interface below uses no FFmpeg
 * type and no libsdi8k one: colour codes are ITU-T H.273's (which FFmpeg's
 * AVCOL_* values are), HDR10 units are ST 2086's.
 *
 * Life cycle: avw_open() (writes the container header through the I/O
 * callbacks), avw_put() per frame, then avw_close() (flushes the encoder,
 * writes the trailer: the file is complete and playable) or, on a write
 * error, avw_free() alone. One writer is used by one thread at a time.
 */
#ifndef SDI8K_UTILS_AVWRITER_H
#define SDI8K_UTILS_AVWRITER_H

#include <stddef.h>
#include <stdint.h>

/* Bumped when anything below changes; avw_abi() returns it. */
#define AVW_ABI 4

/* frames of HDR10+ metadata queued ahead of their video (FFV1's delay) */
#define AVW_HDR10P_QUEUE 64

enum avw_container {
	AVW_MKV = 1,		/* Matroska (live, without seeking, on a pipe) */
	AVW_MOV,		/* QuickTime (fragmented on a pipe) */
	AVW_WAV,		/* WAV, RF64 past 4 GiB: audio alone (beside raw
				 * or Y4M video); no video parameters */
};

enum avw_codec {
	AVW_UNCOMPRESSED = 1,	/* v210 / uyvy422 / yuyv422 as they come */
	AVW_FFV1,		/* FFV1 version 3, lossless, sliced, threaded */
};

/* The frames given to avw_put() */
enum avw_pixfmt {
	AVW_PIX_V210 = 1,	/* one plane, lines of FFALIGN(w, 48) / 48 * 128 bytes */
	AVW_PIX_YUV422P10,	/* three planes, 16-bit LE words, 10 bits low */
	AVW_PIX_YUV420P10,
	AVW_PIX_UYVY,		/* one plane, 2 bytes a pixel */
	AVW_PIX_YUYV,
};

/* ITU-T H.273 code points (= FFmpeg's AVCOL_PRI_*, AVCOL_TRC_*, AVCOL_SPC_*) */
enum {
	AVW_PRI_BT709 = 1, AVW_PRI_UNSPECIFIED = 2, AVW_PRI_SMPTE170M = 6,
	AVW_PRI_BT2020 = 9,
	AVW_TRC_BT709 = 1, AVW_TRC_UNSPECIFIED = 2, AVW_TRC_SMPTE170M = 6,
	AVW_TRC_BT2020_10 = 14, AVW_TRC_SMPTE2084 = 16, AVW_TRC_ARIB_STD_B67 = 18,
	AVW_SPC_BT709 = 1, AVW_SPC_UNSPECIFIED = 2, AVW_SPC_SMPTE170M = 6,
	AVW_SPC_BT2020_NCL = 9, AVW_SPC_BT2020_CL = 10, AVW_SPC_ICTCP = 14,
};

/* Chroma siting (= AVChromaLocation): SDI's 4:2:2 is co-sited, "left". */
enum { AVW_CHROMA_UNSPECIFIED = 0, AVW_CHROMA_LEFT = 1, AVW_CHROMA_TOPLEFT = 3 };

struct avw_params {
	enum avw_container container;
	enum avw_codec codec;
	enum avw_pixfmt pixfmt;
	uint32_t width, height;
	uint32_t rate_num, rate_den;	/* frames per second */
	int interlaced;			/* 1: interlaced frames, */
	int bottom_first;		/*    top field first unless this */
	int primaries, transfer, matrix; /* H.273 codes above */
	int full_range;			/* 1: full, 0: limited ("tv") */
	int chroma_location;		/* AVW_CHROMA_* */
	int have_mdcv;			/* ST 2086 mastering display: */
	uint16_t mdcv_xy[8];		/* R, G, B, white x/y, 0.00002 units */
	uint32_t mdcv_max, mdcv_min;	/* luminance, 0.0001 cd/m² */
	int have_cll;			/* CTA-861.3: */
	uint16_t max_cll, max_fall;	/* cd/m² */
	char timecode[16];		/* "HH:MM:SS:FF" (';' before FF: drop
					 * frame) of the first frame, or "" */
	/*
	 * Embedded audio (ABI 2): channels 1..16 of the input, 0 for none
	 * (AVW_WAV needs some). 48 kHz; avw_put_audio() takes samples as
	 * the card delivers them (S32, the 24 bits at the top) and the file
	 * holds them as 24-bit PCM, little-endian (pcm_s24le).
	 */
	unsigned audio_channels;
	unsigned threads;		/* FFV1 threads, 0 = one a CPU */
	unsigned slices;		/* FFV1 slices, 0 = 16 */
	/* Where the bytes go. write: all of len, 0 or a negative errno;
	 * seek: lseek()'s result, or a negative errno (NULL, or failing:
	 * not seekable, written without going back). */
	void *io;
	int (*write)(void *io, const uint8_t *buf, size_t len);
	int64_t (*seek)(void *io, int64_t offset, int whence);
	/*
	 * A closed-caption track (ABI 3; 0: none, what a caller that leaves
	 * it zero gets): 1 adds a CEA-608 track ("c608", FFmpeg's eia_608)
	 * that avw_put_captions() fills. QuickTime only: FFmpeg maps no
	 * Matroska codec to CEA-608, so avw_open() refuses it for AVW_MKV
	 * and AVW_WAV (-ENOTSUP, saying so).
	 */
	int captions;
};

struct avw;

/* AVW_ABI of the module */
int avw_abi(void);

/*
 * Set up the muxer (and the FFV1 encoder) and write the header. 0 and *w,
 * or a negative errno with a message in msg (an unsupported combination:
 * -ENOTSUP, saying what is).
 */
int avw_open(struct avw **w, const struct avw_params *p, char *msg, size_t msglen);

/*
 * Write one frame: planes and strides as pixfmt says; pts counts frame
 * durations from the first frame (0), so a gap of dropped frames is a gap
 * in the file. 0, or a negative errno with a message.
 */
int avw_put(struct avw *w, const uint8_t *const planes[3], const size_t strides[3],
	    int64_t pts, char *msg, size_t msglen);

/*
 * Write audio (ABI 2): frames sample frames of audio_channels interleaved
 * samples, channel 1 first; pts counts sample frames (1/48000 s) from the
 * first video frame's first sample. A pts past the end of what was written
 * (the audio of frames not captured) is filled with silence, up to ten
 * seconds, so the track stays continuous and in step with the video; a pts
 * before it is refused. 0, or a negative errno with a message.
 */
int avw_put_audio(struct avw *w, const int32_t *samples, uint32_t frames, int64_t pts,
		  char *msg, size_t msglen);

/*
 * Write the CEA-608 captions of one video frame (ABI 3, with captions
 * set): n_triplets cc_data triplets of 3 bytes, as CEA-708 carries them
 * and FFmpeg's eia_608 packets hold them: 0xfc then the field 1 pair, or
 * 0xfd then a field 2 pair (bytes as sent, parity included); other
 * triplets (DTVCC, not valid) are refused. FFmpeg 5.1's mov muxer keeps
 * the field 1 pairs (CC1/CC2) alone: field 2's are passed on but lost,
 * and a frame with field 2 pairs only gets no packet. pts is the frame's, in frame
 * durations as avw_put() counts them; each call's must be past the last
 * one's (call it after the frame's avw_put(), before the next frame's).
 * One packet of the caption track; n_triplets 0 writes none (a frame
 * without captions needs no call). The track starts at the first video
 * frame: when that frame has no captions, it gets a null pair (0x80 0x80,
 * which decoders skip), so no edit list is needed, which a fragmented
 * file (a pipe) could not have. 0, or a negative errno with a message.
 */
int avw_put_captions(struct avw *w, const uint8_t *triplets, size_t n_triplets,
		     int64_t pts, char *msg, size_t msglen);

/*
 * The HDR10+ (SMPTE ST 2094-40) dynamic metadata of the video frame pts
 * (ABI 4; frame units as avw_put() counts them; call it before that
 * frame's avw_put()): t35 is the ITU-T T.35 payload as the HEVC SEI and
 * the ST 2108-1 frame carry it, from the country code (B5 003C 0001 04,
 * then the application version), parsed by FFmpeg's own parser
 * (av_dynamic_hdr_plus_from_t35()) and attached to the frame's packet as
 * AV_PKT_DATA_DYNAMIC_HDR10_PLUS, which FFmpeg's Matroska muxer (7.0 and
 * later) stores per block as an ITU-T T.35 BlockAdditional. -ENOTSUP
 * (saying why: QuickTime, an older FFmpeg) when the file cannot keep it,
 * -EINVAL for a payload that is not HDR10+ or a pts not after the last,
 * FFmpeg's error for one its parser refuses; 0 otherwise.
 */
int avw_put_hdr10plus(struct avw *w, const uint8_t *t35, size_t n, int64_t pts,
		      char *msg, size_t msglen);

/*
 * Flush the encoder, write the trailer, free. 0, or a negative errno with
 * a message (the output is then incomplete). w is freed either way.
 */
int avw_close(struct avw *w, char *msg, size_t msglen);

/* Free without writing anything more (after a write error). NULL is fine. */
void avw_free(struct avw *w);

/* The FFmpeg libraries the module runs with, "libavformat 59.27.100 ..." */
const char *avw_versions(void);

#endif

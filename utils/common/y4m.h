/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * YUV4MPEG2 (Y4M) streams, as FFmpeg's yuv4mpegpipe reads and writes them:
 * a header line "YUV4MPEG2 W H F A I C [X...]", then per frame a line
 * "FRAME" and the planes Y, Cb, Cr one after the other, tightly packed.
 *
 * Colour spaces (C tag) and the sdi8k format that holds a frame in memory:
 *   C422p10   SDI8K_FMT_YUV422P10  16-bit little-endian words, the 10 bits
 *                                  in the LOW bits (FFmpeg yuv422p10le)
 *   C420p10   SDI8K_FMT_YUV420P10  likewise, 4:2:0 (FFmpeg yuv420p10le)
 *   C422      SDI8K_FMT_NV16       8-bit planar 4:2:2 (yuv422p); in memory
 *                                  the chroma is interleaved as NV16
 *   C420mpeg2 SDI8K_FMT_NV12       8-bit planar 4:2:0 (yuv420p, chroma
 *                                  sited left); read also as C420,
 *                                  C420jpeg, C420paldv
 * High-bit formats (P010, P210, Y210) are never written into a Y4M stream
 * as they are: convert to YUV4xxP10 first (their words differ by << 6).
 */
#ifndef SDI8K_UTILS_Y4M_H
#define SDI8K_UTILS_Y4M_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sdi8k/convert.h>

#define Y4M_MAX_HEADER 1024

struct y4m_info {
	uint32_t width, height;
	uint32_t rate_num, rate_den;	/* frames per second */
	char interlace;			/* 'p', 't' (top first), 'b', 'm' */
	uint32_t sar_num, sar_den;	/* 0:0 = unknown */
	enum sdi8k_pixfmt format;	/* see above */
	int full_range;			/* XCOLORRANGE=FULL (else LIMITED) */
};

/* 1 if frames of this format can be carried in Y4M. */
int y4m_format_ok(enum sdi8k_pixfmt f);
/* The C tag value for a format ("422p10"), NULL if none. */
const char *y4m_colorspace(enum sdi8k_pixfmt f);

/*
 * The header line (with its '\n') into buf. Returns its length, or
 * -EINVAL (bad info, or buf too small).
 */
int y4m_header(const struct y4m_info *in, char *buf, size_t size);

/*
 * Parse a header line (without or with its '\n'). 0, or -EPROTO /
 * -ENOTSUP with a message in msg. Defaults: F25:1 (with a note), Ip,
 * A0:0, C420jpeg (per the format's specification).
 */
int y4m_parse_header(const char *line, struct y4m_info *out, char *msg,
		     size_t msglen);

/* Bytes of one frame's planes in the stream (without "FRAME\n"). */
size_t y4m_frame_payload(const struct y4m_info *in);

/*
 * Serialise frame f (format and size as in the header) into the stream
 * layout at out (y4m_frame_payload() bytes). Honours f's strides.
 */
int y4m_pack(const struct sdi8k_frame *f, uint8_t *out);

/* The opposite: stream layout at in -> frame f (allocated by the caller). */
int y4m_unpack(const uint8_t *in, struct sdi8k_frame *f);

/*
 * Read one line (up to '\n', at most max-1 bytes) from fp. Returns its
 * length without '\n', 0 at a clean end of file, -EPROTO if longer than
 * max or cut by the end of file, -EIO on a read error.
 */
int y4m_read_line(FILE *fp, char *buf, size_t max);

#endif

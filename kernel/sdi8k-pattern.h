/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k test pattern generator: SMPTE RP 219 colour bars with a moving
 * element and the frame counter encoded in the picture, painted in any of
 * the card's memory formats. Used by the simulated card's DMA engine.
 *
 * The layout of the picture (bars, moving element, frame counter) is
 * specified in docs/test-pattern.md; the verifier in tests/tools decodes
 * it independently of this code.
 *
 * This file is plain C: it builds in the kernel and, through
 * kshim/kshim.h, in userspace for the unit tests.
 */
#ifndef SDI8K_PATTERN_H
#define SDI8K_PATTERN_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "kshim.h"
#endif

/* Pass as prev_frame to repaint every byte of the buffer. */
#define SDI8K_PATTERN_FULL	(~0ULL)

/**
 * struct sdi8k_pattern_geom - memory layout of one captured frame
 * @fourcc: V4L2 fourcc: UYVY, YUYV, NV16, P010, Y210 or v210 ('v210')
 * @width: active pixels per line
 * @height: active lines per frame (both fields of an interlaced frame)
 * @bytesperline: stride of plane 0; the chroma plane of NV16 and P010
 *	follows plane 0 at bytesperline * height with the same stride
 * @sizeimage: total bytes of the frame
 * @interlaced: the frame holds two interleaved fields (top field on even
 *	lines, counting from 0)
 */
struct sdi8k_pattern_geom {
	u32 fourcc;
	u32 width;
	u32 height;
	u32 bytesperline;
	u32 sizeimage;
	bool interlaced;
};

/**
 * sdi8k_pattern_write_t - sink for painted bytes
 * @ctx: the caller's context
 * @offset: byte offset inside the frame buffer
 * @src: bytes to store there
 * @len: how many
 *
 * The DMA engine implements this by scattering into the buffer's pages.
 * Never called with a range that runs past geom.sizeimage.
 */
typedef void (*sdi8k_pattern_write_t)(void *ctx, size_t offset,
				      const void *src, size_t len);

struct sdi8k_pattern;

/**
 * sdi8k_pattern_create - prepare a generator for one memory layout
 * @g: the layout; copied
 * @out: receives the generator
 *
 * May sleep (allocates the per-format line templates).
 * Return: 0, -EINVAL for an unsupported fourcc or inconsistent geometry
 * (stride too small, sizeimage too small, odd height for 4:2:0...),
 * -ENOMEM.
 */
int sdi8k_pattern_create(const struct sdi8k_pattern_geom *g,
			 struct sdi8k_pattern **out);

/** sdi8k_pattern_destroy - free a generator; NULL is fine */
void sdi8k_pattern_destroy(struct sdi8k_pattern *p);

/**
 * sdi8k_pattern_paint - paint frame @frame into a buffer
 * @p: the generator
 * @frame: frame counter to encode (its low 32 bits); also positions the
 *	moving element
 * @prev_frame: the frame this buffer last held with this same generator,
 *	or SDI8K_PATTERN_FULL when its content is unknown. When known, only
 *	the bytes that differ between the two frames are written (the
 *	counter cells and the box's old and new places, about 1% of a frame).
 * @write: the sink
 * @ctx: passed to @write
 *
 * Does not sleep and does not allocate: callable from any context. It
 * composes the changing lines in scratch memory inside @p, so one
 * generator serves one painter at a time; different generators may paint
 * concurrently. After the call the buffer holds exactly what a full
 * repaint of @frame would have written.
 */
void sdi8k_pattern_paint(const struct sdi8k_pattern *p, u64 frame,
			 u64 prev_frame, sdi8k_pattern_write_t write,
			 void *ctx);

/**
 * sdi8k_pattern_map_t - where each pixel pair of an output line comes from
 * @ctx: the caller's context
 * @y: output line (a luma line: for the chroma plane of P010, the even
 *	luma line the chroma line belongs to)
 * @src_y: receives, for each pixel pair k of the line (geom.width / 2 of
 *	them), the picture line it shows
 * @src_pair: receives the picture's pixel pair it shows
 *
 * An entry out of range (line >= height, pair >= width / 2) leaves that
 * pair zero.
 */
typedef void (*sdi8k_pattern_map_t)(void *ctx, u32 y, u32 *src_y,
				    u32 *src_pair);

/**
 * sdi8k_pattern_paint_mapped - paint frame @frame with its pixel pairs moved
 * @p: the generator
 * @frame: frame counter to encode
 * @map: where each output pixel pair comes from, asked once per line and
 *	plane
 * @map_ctx: passed to @map
 * @write: the sink
 * @ctx: passed to @write
 *
 * Writes every byte of the buffer: output pair k of line y is the
 * picture's pair src_pair[k] of line src_y[k] (its luma and chroma
 * samples, repacked), so a map that is not the identity shows what a
 * card reassembling links in the wrong order would capture. The identity
 * map gives the same bytes as a full sdi8k_pattern_paint(). Does not sleep
 * and does not allocate; slow (every pair every frame): for faults only.
 */
void sdi8k_pattern_paint_mapped(const struct sdi8k_pattern *p, u64 frame,
				sdi8k_pattern_map_t map, void *map_ctx,
				sdi8k_pattern_write_t write, void *ctx);

#endif /* SDI8K_PATTERN_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k-capture through a signal loss: the fill frame written for every
 * frame period without a signal, the pacing of those frames on
 * CLOCK_MONOTONIC, the time code counted on through the gap, and the
 * numbered file names of a recording that a raster change splits.
 */
#ifndef SDI8K_UTILS_CAPTURE_GAP_H
#define SDI8K_UTILS_CAPTURE_GAP_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/convert.h>

/*
 * Fill `frame` (format, width, height, planes and strides set, each plane
 * valid for stride x its lines) with black in its own format: Y' 64,
 * Cb Cr 512 (10-bit; 16 and 128 at 8 bits) for limited range, Y' 0 for
 * full range. Formats: the card's (v210, y210, p010, uyvy, yuyv, nv16)
 * and the planar ones the tool converts to (yuv422p10, yuv420p10).
 * 0, or -EINVAL (another format, or a plane missing or too narrow).
 */
int gap_fill_black(struct sdi8k_frame *frame, int full_range);

/*
 * Fill frames due after elapsed_ns of a gap at rate_num / rate_den frames
 * a second: one at the start of each frame period (the first at 0), so
 * floor(elapsed * rate) + 1; 0 for a rate of 0.
 */
uint64_t gap_frames_due(uint64_t elapsed_ns, uint32_t rate_num, uint32_t rate_den);

/* Nanoseconds from the gap's start to fill frame n (0-based). */
uint64_t gap_frame_time_ns(uint64_t n, uint32_t rate_num, uint32_t rate_den);

/*
 * A time code label counted frame by frame: above 30 frames a second a
 * label covers two frames (field_mark tells the second, as in the
 * metadata sidecar); drop-frame labels skip :00 and :01 at each minute
 * not a multiple of ten (29.97 and 59.94).
 */
struct gap_tc {
	unsigned hours, minutes, seconds, frames;
	int field_mark;
	int drop;
	unsigned fps;		/* labels a second: 24, 25, 30 */
	int pairs;		/* 1: two frames a label (50, 59.94, 60) */
};

/* The counter for a signal of rate_num / rate_den, starting at a label. */
void gap_tc_init(struct gap_tc *t, unsigned hours, unsigned minutes, unsigned seconds,
		 unsigned frames, int field_mark, int drop, uint32_t rate_num,
		 uint32_t rate_den);
/* Count n frames on. */
void gap_tc_add(struct gap_tc *t, uint64_t n);
/* "HH:MM:SS:FF" (';' before FF for drop frame). */
void gap_tc_text(const struct gap_tc *t, char out[16]);
/* The same with FF counting frames, as FFmpeg does: above 30 frames a
 * second twice the label's, plus the field mark. */
void gap_tc_text_ff(const struct gap_tc *t, char out[16]);

/*
 * The name of part `n` (1, 2, ...) of a recording to `path`: "-NNN"
 * before the extension ("rec.mkv" -> "rec-001.mkv"; "dir.d/rec" ->
 * "dir.d/rec-001"; ".hidden" -> ".hidden-001"). 0, or -ENAMETOOLONG.
 */
int gap_part_name(const char *path, unsigned n, char *out, size_t len);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks one captured frame of the sdi8k test pattern: bars, counter,
 * moving box. Written from docs/test-pattern.md alone, independently of
 * the generator (kernel/sdi8k-pattern.c). Used by sdi8k-verify and by the
 * unit tests in tests/pattern.
 */
#ifndef SDI8K_VERIFY_FRAME_H
#define SDI8K_VERIFY_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vf_format { VF_UYVY, VF_YUYV, VF_NV16, VF_P010, VF_Y210, VF_V210 };

/* The memory layout of one frame. */
struct vf_geom {
	enum vf_format format;
	unsigned int width, height;
	unsigned int stride;		/* bytes per line of every plane */
	bool interlaced;
	size_t frame_size;		/* bytes of one frame */
};

/* Positions derived from the frame size (the doc's formulas). */
struct vf_layout {
	unsigned int w, h;
	unsigned int x[57];		/* X(n) */
	unsigned int y1, y2, y3;	/* first lines of patterns 2, 3, 4 */
	unsigned int band;		/* K */
	unsigned int cell;		/* cw */
	unsigned int code_x;		/* xc */
	unsigned int box;		/* S */
	unsigned int box_y;		/* yb */
	unsigned int step;
	unsigned int npos;		/* P */
};

struct vf_result {
	bool valid;		/* a counter was decoded, the same everywhere */
	bool torn;		/* valid codes that disagree */
	uint32_t counter;	/* when valid */
	unsigned int bad_bars;	/* bar, band background or pixel mismatches */
	unsigned int bad_box;	/* mismatches on the box lines */
	char msg[256];		/* the first problem found, "" if none */
};

/* vf_check() flags */
#define VF_EXHAUSTIVE	1u	/* compare every sample and padding byte */

/* "UYVY", "uyvy422", "p010le", "v210", ...: 0 or -1 */
int vf_format_parse(const char *name, enum vf_format *f);
const char *vf_format_name(enum vf_format f);
bool vf_format_8bit(enum vf_format f);

/*
 * Fill @g; @stride 0 picks the format's natural stride. Returns 0, or -1
 * with a message in @err.
 */
int vf_geom_init(struct vf_geom *g, enum vf_format f, unsigned int width,
		 unsigned int height, unsigned int stride, bool interlaced,
		 char *err, size_t errlen);

void vf_layout_init(struct vf_layout *l, unsigned int width,
		    unsigned int height);

uint8_t vf_crc8(uint32_t c);
uint64_t vf_code(uint32_t c);
unsigned int vf_box_x(const struct vf_layout *l, uint32_t c);

/* Expected 10-bit Y, Cb, Cr of pixel (x, y) in the frame of counter @c. */
void vf_expect(const struct vf_layout *l, uint32_t c, unsigned int x,
	       unsigned int y, uint16_t yuv[3]);

/*
 * Samples of pixel (x, y) in the format's own scale (8 or 10 bits): Y of
 * the pixel, Cb and Cr of its chroma pair.
 */
void vf_sample(const struct vf_geom *g, const uint8_t *frame, unsigned int x,
	       unsigned int y, uint16_t yuv[3]);

/*
 * Check one frame. @tolerance is in the format's code values; negative
 * picks the default (0 for 10-bit formats, 1 for 8-bit ones).
 * Returns 0 when everything passed.
 */
int vf_check(const struct vf_geom *g, const uint8_t *frame, int tolerance,
	     unsigned int flags, struct vf_result *r);

#endif /* SDI8K_VERIFY_FRAME_H */

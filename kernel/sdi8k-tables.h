/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k tables: the SDI rasters the card receives and the memory formats
 * its DMA engine packs into. Kernel-neutral: built into sdi8k.ko (which
 * exports them to sdi8k-sim.ko) and, through kshim/kshim.h, into the card
 * model's userspace host sdi8k-card and the unit tests.
 */
#ifndef SDI8K_TABLES_H
#define SDI8K_TABLES_H

#ifdef __KERNEL__
#include <linux/math64.h>
#include <linux/types.h>
#include <linux/videodev2.h>
#else
#include "kshim.h"
#endif

/**
 * struct sdi8k_raster - one SDI raster the card receives
 * @name: short name used in messages and by the simulator ("1080p59.94")
 * @timings: its CEA-861 DV timings preset (geometry, totals, pixel clock)
 * @rate_num: frames per second, numerator
 * @rate_den: frames per second, denominator
 * @reduced_fps: a 1/1.001 rate: V4L2_DV_FL_REDUCED_FPS of @timings
 * @link_rate: SDI8K_SDI_RATE_* of the single link carrying it
 */
struct sdi8k_raster {
	const char *name;
	struct v4l2_dv_timings timings;
	u32 rate_num;
	u32 rate_den;
	bool reduced_fps;
	u8 link_rate;
};

/*
 * The sample frames (48 kHz) a source sends before frame @m of its audio
 * sequence at @num/@den frames per second: m * 48000 * den / num rounded
 * to the nearest, which is the ST 299 cadence (29.97: 1602, 1601, 1602,
 * 1601, 1602; 59.94: 801, 801, 800, 801, 801), exact over any length.
 */
static inline u64 sdi8k_aud_cadence(u64 m, u32 num, u32 den)
{
	u64 x = m * 48000 * den + num / 2;

	return num ? div_u64(x, num) : 0;
}

/*
 * The frames of the source's audio sequence at @num/@den: 5 at the 1/1.001
 * rates whose frames differ in samples (29.97, 59.94, 119.88), 1 where
 * every frame has the same number (25, 50, 23.98, ...); 1 when @num is 0.
 */
static inline u32 sdi8k_aud_seq_len(u32 num, u32 den)
{
	u32 a, b;

	if (!num)
		return 1;
	/* gcd(48000 * den, num), its first step in 64 bits */
	a = num;
	b = (u32)(48000ULL * den - div_u64(48000ULL * den, num) * num);
	while (b) {
		u32 t = a % b;

		a = b;
		b = t;
	}
	return num / a;
}

/*
 * The sample frames (48 kHz) the card receives before video frame @n,
 * counted from the frame the input locked on, which is at position
 * @phase of the source's audio sequence (docs/hardware.md, "Audio-video
 * lock"). A frame's sample count is sdi8k_aud_frame_start(n + 1, ...) -
 * sdi8k_aud_frame_start(n, ...).
 */
static inline u64 sdi8k_aud_frame_start(u64 n, u32 phase, u32 num, u32 den)
{
	return sdi8k_aud_cadence(n + phase, num, den) -
	       sdi8k_aud_cadence(phase, num, den);
}

static inline u32 sdi8k_raster_width(const struct sdi8k_raster *r)
{
	return r->timings.bt.width;
}

static inline u32 sdi8k_raster_height(const struct sdi8k_raster *r)
{
	return r->timings.bt.height;
}

static inline bool sdi8k_raster_interlaced(const struct sdi8k_raster *r)
{
	return r->timings.bt.interlaced;
}

/**
 * struct sdi8k_format - one memory format
 * @fourcc: V4L2 pixel format
 * @hw: SDI8K_PIXFMT_* code programmed into the DMA engine
 * @description: for formats the kernel may not describe, else NULL
 */
struct sdi8k_format {
	u32 fourcc;
	u32 hw;
	const char *description;
};

/* sdi8k-formats.c */
extern const struct sdi8k_format sdi8k_formats[];
extern const unsigned int sdi8k_num_formats;
const struct sdi8k_format *sdi8k_find_format(u32 fourcc);
u32 sdi8k_bytesperline(const struct sdi8k_format *f, u32 width);
u32 sdi8k_sizeimage(const struct sdi8k_format *f, u32 bpl, u32 height);

/* sdi8k-rasters.c */
extern const struct sdi8k_raster sdi8k_rasters[];
extern const unsigned int sdi8k_num_rasters;
extern const struct v4l2_dv_timings_cap sdi8k_timings_cap;
extern const struct v4l2_dv_timings_cap sdi8k_timings_cap_quad;
bool sdi8k_raster_quad(const struct sdi8k_raster *r);
const struct sdi8k_raster *sdi8k_raster_sublink(const struct sdi8k_raster *r);
const struct sdi8k_raster *sdi8k_find_raster_name(const char *name);
void sdi8k_raster_timings(const struct sdi8k_raster *r,
			  struct v4l2_dv_timings *t);

#endif /* SDI8K_TABLES_H */

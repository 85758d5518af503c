// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k rasters: the SDI formats the card receives on one link and their DV
 * timings (kernel-neutral, see sdi8k-tables.h; detection from the input's
 * registers is sdi8k-detect.c).
 */
#ifdef __KERNEL__
#include <linux/export.h>
#include <linux/string.h>
#include <linux/v4l2-dv-timings.h>
#else
#include <linux/v4l2-dv-timings.h>
#endif

#include "sdi8k-tables.h"
#include "sdi8k-regs.h"

#define RASTER(n, preset, num, den, reduced, rate) {	\
	.name = (n),					\
	.timings = preset,				\
	.rate_num = (num),				\
	.rate_den = (den),				\
	.reduced_fps = (reduced),			\
	.link_rate = SDI8K_SDI_RATE_##rate,		\
}

/*
 * 7680x4320 progressive, CTA-861 (VICs 194-199): kernels before 6.x lack
 * these presets in v4l2-dv-timings.h, so they are built here, in one place.
 * 24p: 11000 x 4500 total; 25p and 50p: 10800 x 4400; 30p and 60p:
 * 9000 x 4400; all with hsync 176, hbp 592, vfp 16, vsync 20.
 */
#define SDI8K_DV_BT_7680X4320P(hfp, vbp, clock, reduce, vic) { \
	.type = V4L2_DV_BT_656_1120, \
	V4L2_INIT_BT_TIMINGS(7680, 4320, 0, \
		V4L2_DV_HSYNC_POS_POL | V4L2_DV_VSYNC_POS_POL, \
		(clock), (hfp), 176, 592, 16, 20, (vbp), 0, 0, 0, \
		V4L2_DV_BT_STD_CEA861, \
		(reduce) | V4L2_DV_FL_IS_CE_VIDEO | \
		V4L2_DV_FL_HAS_CEA861_VIC, { 0, 0 }, (vic)) \
}

#define SDI8K_REDUCE	V4L2_DV_FL_CAN_REDUCE_FPS
#define SDI8K_DV_BT_7680X4320P24 \
	SDI8K_DV_BT_7680X4320P(2552, 144, 1188000000, SDI8K_REDUCE, 194)
#define SDI8K_DV_BT_7680X4320P25 \
	SDI8K_DV_BT_7680X4320P(2352, 44, 1188000000, 0, 195)
#define SDI8K_DV_BT_7680X4320P30 \
	SDI8K_DV_BT_7680X4320P(552, 44, 1188000000, SDI8K_REDUCE, 196)
#define SDI8K_DV_BT_7680X4320P50 \
	SDI8K_DV_BT_7680X4320P(2352, 44, 2376000000ULL, 0, 198)
#define SDI8K_DV_BT_7680X4320P60 \
	SDI8K_DV_BT_7680X4320P(552, 44, 2376000000ULL, SDI8K_REDUCE, 199)

const struct sdi8k_raster sdi8k_rasters[] = {
	RASTER("1080i50", V4L2_DV_BT_CEA_1920X1080I50, 25, 1, false, 1G5),
	RASTER("1080i59.94", V4L2_DV_BT_CEA_1920X1080I60, 30000, 1001, true, 1G5),
	RASTER("1080i60", V4L2_DV_BT_CEA_1920X1080I60, 30, 1, false, 1G5),
	RASTER("1080p23.98", V4L2_DV_BT_CEA_1920X1080P24, 24000, 1001, true, 1G5),
	RASTER("1080p24", V4L2_DV_BT_CEA_1920X1080P24, 24, 1, false, 1G5),
	RASTER("1080p25", V4L2_DV_BT_CEA_1920X1080P25, 25, 1, false, 1G5),
	RASTER("1080p29.97", V4L2_DV_BT_CEA_1920X1080P30, 30000, 1001, true, 1G5),
	RASTER("1080p30", V4L2_DV_BT_CEA_1920X1080P30, 30, 1, false, 1G5),
	RASTER("1080p50", V4L2_DV_BT_CEA_1920X1080P50, 50, 1, false, 3G),
	RASTER("1080p59.94", V4L2_DV_BT_CEA_1920X1080P60, 60000, 1001, true, 3G),
	RASTER("1080p60", V4L2_DV_BT_CEA_1920X1080P60, 60, 1, false, 3G),
	RASTER("2160p23.98", V4L2_DV_BT_CEA_3840X2160P24, 24000, 1001, true, 6G),
	RASTER("2160p24", V4L2_DV_BT_CEA_3840X2160P24, 24, 1, false, 6G),
	RASTER("2160p25", V4L2_DV_BT_CEA_3840X2160P25, 25, 1, false, 6G),
	RASTER("2160p29.97", V4L2_DV_BT_CEA_3840X2160P30, 30000, 1001, true, 6G),
	RASTER("2160p30", V4L2_DV_BT_CEA_3840X2160P30, 30, 1, false, 6G),
	RASTER("2160p50", V4L2_DV_BT_CEA_3840X2160P50, 50, 1, false, 12G),
	RASTER("2160p59.94", V4L2_DV_BT_CEA_3840X2160P60, 60000, 1001, true, 12G),
	RASTER("2160p60", V4L2_DV_BT_CEA_3840X2160P60, 60, 1, false, 12G),
	/* quad link: the rate of each of the four links */
	RASTER("4320p23.98", SDI8K_DV_BT_7680X4320P24, 24000, 1001, true, 12G),
	RASTER("4320p24", SDI8K_DV_BT_7680X4320P24, 24, 1, false, 12G),
	RASTER("4320p25", SDI8K_DV_BT_7680X4320P25, 25, 1, false, 12G),
	RASTER("4320p29.97", SDI8K_DV_BT_7680X4320P30, 30000, 1001, true, 12G),
	RASTER("4320p30", SDI8K_DV_BT_7680X4320P30, 30, 1, false, 12G),
	RASTER("4320p50", SDI8K_DV_BT_7680X4320P50, 50, 1, false, 12G),
	RASTER("4320p59.94", SDI8K_DV_BT_7680X4320P60, 60000, 1001, true, 12G),
	RASTER("4320p60", SDI8K_DV_BT_7680X4320P60, 60, 1, false, 12G),
};

const unsigned int sdi8k_num_rasters = ARRAY_SIZE(sdi8k_rasters);

const struct v4l2_dv_timings_cap sdi8k_timings_cap = {
	.type = V4L2_DV_BT_656_1120,
	/* keep this initialization for compatibility with GCC < 4.4.6 */
	.reserved = { 0 },
	V4L2_INIT_BT_TIMINGS(1920, 3840, 1080, 2160, 74250000, 594000000,
			     V4L2_DV_BT_STD_CEA861,
			     V4L2_DV_BT_CAP_INTERLACED |
			     V4L2_DV_BT_CAP_PROGRESSIVE)
};

/* Input 0 of a card in quad-link topology: 8K only. */
const struct v4l2_dv_timings_cap sdi8k_timings_cap_quad = {
	.type = V4L2_DV_BT_656_1120,
	.reserved = { 0 },
	V4L2_INIT_BT_TIMINGS(7680, 7680, 4320, 4320, 1188000000, 2376000000ULL,
			     V4L2_DV_BT_STD_CEA861, V4L2_DV_BT_CAP_PROGRESSIVE)
};

/**
 * sdi8k_raster_quad - the raster is carried over four links (8K)
 * @r: the raster
 */
bool sdi8k_raster_quad(const struct sdi8k_raster *r)
{
	return sdi8k_raster_width(r) > 3840;
}
EXPORT_SYMBOL_GPL(sdi8k_raster_quad);

/**
 * sdi8k_raster_sublink - what one link of a quad-link raster carries
 * @r: an 8K raster
 *
 * Return: the 2160-line raster of the same rate (each of the four links
 * carries a quarter of the picture, 2SI or SQD), or @r itself when it is
 * not a quad-link raster.
 */
const struct sdi8k_raster *sdi8k_raster_sublink(const struct sdi8k_raster *r)
{
	unsigned int i;

	if (!sdi8k_raster_quad(r))
		return r;
	for (i = 0; i < sdi8k_num_rasters; i++) {
		const struct sdi8k_raster *s = &sdi8k_rasters[i];

		if (sdi8k_raster_width(s) == 3840 &&
		    s->rate_num == r->rate_num && s->rate_den == r->rate_den)
			return s;
	}
	return r;
}
EXPORT_SYMBOL_GPL(sdi8k_raster_sublink);

const struct sdi8k_raster *sdi8k_find_raster_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sdi8k_num_rasters; i++)
		if (sysfs_streq(name, sdi8k_rasters[i].name))
			return &sdi8k_rasters[i];
	return NULL;
}
EXPORT_SYMBOL_GPL(sdi8k_find_raster_name);

void sdi8k_raster_timings(const struct sdi8k_raster *r,
			  struct v4l2_dv_timings *t)
{
	*t = r->timings;
	if (r->reduced_fps)
		t->bt.flags |= V4L2_DV_FL_REDUCED_FPS;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k rasters: the SDI formats the card receives on one link, their DV
 * timings, and detection from the input's raster registers.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/v4l2-dv-timings.h>

#include "sdi8k.h"

#define RASTER(n, preset, num, den, reduced, rate) {	\
	.name = (n),					\
	.timings = preset,				\
	.rate_num = (num),				\
	.rate_den = (den),				\
	.reduced_fps = (reduced),			\
	.link_rate = SDI8K_SDI_RATE_##rate,		\
}

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

const struct sdi8k_raster *sdi8k_find_raster_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < sdi8k_num_rasters; i++)
		if (sysfs_streq(name, sdi8k_rasters[i].name))
			return &sdi8k_rasters[i];
	return NULL;
}

void sdi8k_raster_timings(const struct sdi8k_raster *r,
			  struct v4l2_dv_timings *t)
{
	*t = r->timings;
	if (r->reduced_fps)
		t->bt.flags |= V4L2_DV_FL_REDUCED_FPS;
}

/*
 * A 1/1.001 raster matches timings with V4L2_DV_FL_REDUCED_FPS set; every
 * other raster matches them with it clear.
 */
const struct sdi8k_raster *
sdi8k_find_raster_timings(const struct v4l2_dv_timings *t)
{
	unsigned int i;

	for (i = 0; i < sdi8k_num_rasters; i++) {
		struct v4l2_dv_timings rt;

		sdi8k_raster_timings(&sdi8k_rasters[i], &rt);
		if (v4l2_match_dv_timings(t, &rt, 0, true))
			return &sdi8k_rasters[i];
	}
	return NULL;
}

/**
 * sdi8k_detect_raster - what the input receives now
 * @in: the input
 * @err: set to -ENOLINK (no carrier), -ENOLCK (carrier, no raster lock) or
 *	-ERANGE (a raster this driver does not support) when NULL is returned
 */
const struct sdi8k_raster *sdi8k_detect_raster(struct sdi8k_input *in,
					       int *err)
{
	u32 link = sdi8k_in_read(in, SDI8K_IN_LINK_STATUS);
	u32 active, total, num, den, flags;
	unsigned int i;

	if (!(link & SDI8K_LINK_LOCKED)) {
		*err = -ENOLINK;
		return NULL;
	}
	if (!(link & SDI8K_LINK_RASTER_VALID)) {
		*err = -ENOLCK;
		return NULL;
	}
	active = sdi8k_in_read(in, SDI8K_IN_RASTER_ACTIVE);
	total = sdi8k_in_read(in, SDI8K_IN_RASTER_TOTAL);
	num = sdi8k_in_read(in, SDI8K_IN_RASTER_RATE_NUM);
	den = sdi8k_in_read(in, SDI8K_IN_RASTER_RATE_DEN);
	flags = sdi8k_in_read(in, SDI8K_IN_RASTER_FLAGS);

	for (i = 0; i < sdi8k_num_rasters; i++) {
		const struct sdi8k_raster *r = &sdi8k_rasters[i];
		const struct v4l2_bt_timings *bt = &r->timings.bt;

		if ((active & 0xffff) != bt->width ||
		    (active >> 16) != bt->height ||
		    (total & 0xffff) != V4L2_DV_BT_FRAME_WIDTH(bt) ||
		    (total >> 16) != V4L2_DV_BT_FRAME_HEIGHT(bt) ||
		    !!(flags & SDI8K_RASTER_INTERLACED) != !!bt->interlaced)
			continue;
		/* same rate as a fraction, whatever its terms */
		if ((u64)num * r->rate_den != (u64)den * r->rate_num)
			continue;
		return r;
	}
	*err = -ERANGE;
	return NULL;
}

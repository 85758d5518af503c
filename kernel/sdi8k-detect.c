// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k raster detection: which of the rasters of sdi8k-rasters.c an
 * input receives, from its registers, and which one a client's DV
 * timings name.
 */
#include <linux/errno.h>
#include <media/v4l2-dv-timings.h>

#include "sdi8k.h"

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
 * @err: set to -ENOLINK (no carrier), -ENOLCK (carrier, no raster lock;
 *	in quad topology also: the four links do not form a valid group) or
 *	-ERANGE (a raster this driver does not support in the card's
 *	topology) when NULL is returned
 */
const struct sdi8k_raster *sdi8k_detect_raster(struct sdi8k_input *in,
					       int *err)
{
	u32 link = sdi8k_in_read(in, SDI8K_IN_LINK_STATUS);
	u32 active, total, num, den, flags;
	unsigned int i;

	if (sdi8k_card_quad(in->card)) {
		u32 q = sdi8k_read(in->card, SDI8K_REG_QUAD_STATUS);

		if (in->index) {	/* a link of the group, no picture */
			*err = link & SDI8K_LINK_LOCKED ? -ENOLCK : -ENOLINK;
			return NULL;
		}
		if (!(q & SDI8K_QUAD_LINKS_LOCKED)) {
			*err = -ENOLINK;
			return NULL;
		}
		if (!(q & SDI8K_QUAD_VALID)) {
			*err = -ENOLCK;
			return NULL;
		}
	}

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

		if (sdi8k_raster_quad(r) != sdi8k_card_quad(in->card))
			continue;
		if ((active & 0xffff) != bt->width ||
		    (active >> 16) != bt->height ||
		    (total & 0xffff) != V4L2_DV_BT_FRAME_WIDTH(bt) ||
		    (total >> 16) != V4L2_DV_BT_FRAME_HEIGHT(bt) ||
		    !!(flags & SDI8K_RASTER_INTERLACED) != !!bt->interlaced)
			continue;
		/* same rate as a fraction, whatever its terms */
		if ((u64)num * r->rate_den != (u64)den * r->rate_num)
			continue;
		if (!sdi8k_raster_ok(in->card, r))
			break;	/* the running design does not take it */
		return r;
	}
	*err = -ERANGE;
	return NULL;
}

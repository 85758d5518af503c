// SPDX-License-Identifier: LGPL-2.1-or-later
/* What an input receives: DV timings, raster names, the HDR control. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../../kernel/uapi/sdi8k.h"
#include "common/error.h"
#include "capture/internal.h"

void cap_timings_to_signal(const struct v4l2_dv_timings *t,
			   struct sdi8k_signal *sig)
{
	const struct v4l2_bt_timings *bt = &t->bt;
	uint64_t htot = V4L2_DV_BT_FRAME_WIDTH(bt);
	uint64_t vtot = V4L2_DV_BT_FRAME_HEIGHT(bt);
	uint64_t num = bt->pixelclock, den = htot * vtot;
	const char *dec;
	uint64_t a, b, r;

	memset(sig, 0, sizeof(*sig));
	sig->width = bt->width;
	sig->height = bt->height;
	sig->interlaced = !!bt->interlaced;
	sig->pixelclock = bt->pixelclock;
	if (!den || !num) {
		sig->rate_num = 0;
		sig->rate_den = 1;
	} else {
		/* fields per second for interlaced (frame height counts both) */
		if ((bt->flags & V4L2_DV_FL_REDUCED_FPS) &&
		    (bt->flags & V4L2_DV_FL_CAN_REDUCE_FPS)) {
			num *= 1000;
			den *= 1001;
		}
		for (a = num, b = den; b; r = a % b, a = b, b = r)
			;
		sig->rate_num = (uint32_t)(num / a);
		sig->rate_den = (uint32_t)(den / a);
	}
	/* name: 1080p59.94, 1080i50 (interlaced: fields per second) */
	{
		double fps = sig->rate_den ? (double)sig->rate_num / sig->rate_den : 0;
		char rate[16];

		if (sig->interlaced)
			fps *= 2;
		snprintf(rate, sizeof(rate), "%.2f", fps);
		dec = strchr(rate, '.');
		if (dec && !strcmp(dec, ".00"))
			rate[dec - rate] = '\0';
		snprintf(sig->name, sizeof(sig->name), "%u%c%s", sig->height,
			 sig->interlaced ? 'i' : 'p', rate);
	}
}

int cap_query_timings(struct sdi8k_capture *c, struct v4l2_dv_timings *t)
{
	memset(t, 0, sizeof(*t));
	return cap_ioctl(c, VIDIOC_QUERY_DV_TIMINGS, t);
}

int cap_signal_fail(struct sdi8k_capture *c, int err, const char *what)
{
	switch (err) {
	case -ENOLINK:
		return cap_fail(c, -ENOLINK, "%sno signal", what);
	case -ENOLCK:
		return cap_fail(c, -ENOLCK, "%ssignal present but not locked", what);
	case -ERANGE:
		return cap_fail(c, -ERANGE, "%ssignal outside the supported rasters", what);
	case -ENODEV:
		return cap_fail(c, -ENODEV, "%sdevice removed", what);
	default:
		return cap_fail(c, -EIO, "%sVIDIOC_QUERY_DV_TIMINGS: %s", what,
				strerror(-err));
	}
}

SDI8K_API int sdi8k_capture_query_signal(struct sdi8k_capture *c,
					 struct sdi8k_signal *sig)
{
	struct v4l2_dv_timings t;
	int err;

	if (!c || !sig)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_query_signal: NULL argument");
	err = cap_query_timings(c, &t);
	if (err)
		return cap_signal_fail(c, err, "");
	cap_timings_to_signal(&t, sig);
	return 0;
}

void cap_read_transfer(struct sdi8k_capture *c)
{
	struct v4l2_queryctrl q = { .id = SDI8K_CID_TRANSFER_FUNCTION };
	struct v4l2_control ctl = { .id = SDI8K_CID_TRANSFER_FUNCTION };

	c->fmt.color.transfer = SDI8K_TF_UNKNOWN;
	c->has_transfer_ctrl = 0;
	if (cap_ioctl(c, VIDIOC_QUERYCTRL, &q) ||
	    (q.flags & V4L2_CTRL_FLAG_DISABLED))
		return;
	c->has_transfer_ctrl = 1;
	if (cap_ioctl(c, VIDIOC_G_CTRL, &ctl))
		return;
	switch (ctl.value) {
	case SDI8K_TRANSFER_SDR:
		c->fmt.color.transfer = SDI8K_TF_SDR;
		break;
	case SDI8K_TRANSFER_HLG:
		c->fmt.color.transfer = SDI8K_TF_HLG;
		break;
	case SDI8K_TRANSFER_PQ:
		c->fmt.color.transfer = SDI8K_TF_PQ;
		break;
	default:
		c->fmt.color.transfer = SDI8K_TF_UNSPECIFIED;
		break;
	}
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* Setting up a stream: raster, pixel format, colorimetry. */
#include <errno.h>
#include <string.h>

#include "../../kernel/uapi/sdi8k.h"
#include "common/error.h"
#include "capture/internal.h"

/* Frame rate of the configured raster: G_PARM, else from the timings. */
static void cap_read_rate(struct sdi8k_capture *c)
{
	struct v4l2_streamparm p = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	const struct v4l2_fract *tpf = &p.parm.capture.timeperframe;

	if (!cap_ioctl(c, VIDIOC_G_PARM, &p) && tpf->numerator &&
	    tpf->denominator) {
		c->fmt.signal.rate_num = tpf->denominator;
		c->fmt.signal.rate_den = tpf->numerator;
	}
}

void cap_read_colorimetry(struct sdi8k_capture *c)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	if (cap_ioctl(c, VIDIOC_G_FMT, &f))
		return;
	c->fmt.color.colorspace = f.fmt.pix.colorspace;
	c->fmt.color.xfer_func = f.fmt.pix.xfer_func;
	c->fmt.color.ycbcr_enc = f.fmt.pix.ycbcr_enc;
	c->fmt.color.quantization = f.fmt.pix.quantization;
}

static int cap_set_timings(struct sdi8k_capture *c)
{
	struct v4l2_dv_timings t;
	int err;

	if (c->flags & SDI8K_CAPTURE_KEEP_TIMINGS) {
		err = cap_ioctl(c, VIDIOC_G_DV_TIMINGS, &t);
		if (err)
			return cap_fail(c, -EIO, "VIDIOC_G_DV_TIMINGS: %s",
					strerror(-err));
	} else {
		err = cap_query_timings(c, &t);
		if (err)
			return cap_signal_fail(c, err, "");
		err = cap_ioctl(c, VIDIOC_S_DV_TIMINGS, &t);
		if (err == -EBUSY)
			return cap_fail(c, -EBUSY, "VIDIOC_S_DV_TIMINGS: input busy "
					"(another process is capturing from it)");
		if (err)
			return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
					"VIDIOC_S_DV_TIMINGS: %s", strerror(-err));
	}
	c->timings = t;
	cap_timings_to_signal(&t, &c->fmt.signal);
	return 0;
}

static int cap_set_format(struct sdi8k_capture *c, enum sdi8k_pixfmt want)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	uint32_t fourcc = cap_fourcc(want);
	struct v4l2_pix_format *pix = &f.fmt.pix;
	int err;

	err = cap_ioctl(c, VIDIOC_G_FMT, &f);
	if (err)
		return cap_fail(c, -EIO, "VIDIOC_G_FMT: %s", strerror(-err));
	pix->pixelformat = fourcc;
	pix->width = c->fmt.signal.width;
	pix->height = c->fmt.signal.height;
	err = cap_ioctl(c, VIDIOC_S_FMT, &f);
	if (err == -EBUSY)
		return cap_fail(c, -EBUSY, "VIDIOC_S_FMT: input busy "
				"(another process is capturing from it)");
	if (err)
		return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_S_FMT %s: %s", sdi8k_format_name(want),
				strerror(-err));
	if (pix->pixelformat != fourcc)
		return cap_fail(c, -EIO, "the driver did not take pixel format %s",
				sdi8k_format_name(want));
	c->fmt.format = want;
	c->fmt.fourcc = fourcc;
	c->fmt.width = pix->width;
	c->fmt.height = pix->height;
	c->fmt.bytesperline = pix->bytesperline;
	c->fmt.sizeimage = pix->sizeimage;
	c->fmt.field = pix->field;
	c->fmt.color.colorspace = pix->colorspace;
	c->fmt.color.xfer_func = pix->xfer_func;
	c->fmt.color.ycbcr_enc = pix->ycbcr_enc;
	c->fmt.color.quantization = pix->quantization;

	/* the frame view needs the driver's layout to be convert's layout */
	{
		size_t stride[SDI8K_MAX_PLANES], lines[SDI8K_MAX_PLANES];
		size_t need = 0;
		int n = sdi8k_frame_layout(want, pix->width, pix->height,
					   stride, lines, NULL, NULL);

		for (int i = 0; i < n; i++)
			need += (size_t)pix->bytesperline * lines[i];
		if (n < 0 || pix->bytesperline < stride[0] ||
		    (n > 1 && pix->bytesperline < stride[1]) ||
		    pix->sizeimage < need)
			return cap_fail(c, -EIO, "driver format %ux%u %s: "
					"bytesperline %u / sizeimage %u too small",
					pix->width, pix->height,
					sdi8k_format_name(want),
					pix->bytesperline, pix->sizeimage);
	}
	return 0;
}

SDI8K_API int sdi8k_capture_configure(struct sdi8k_capture *c,
				      const struct sdi8k_capture_config *cfg)
{
	static const struct sdi8k_capture_config defaults;
	enum sdi8k_pixfmt want;
	int err;

	if (!c)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_configure: NULL handle");
	if (!cfg)
		cfg = &defaults;
	if (c->streaming)
		return cap_fail(c, -EBUSY, "configure while streaming: stop first");
	want = cfg->format ? cfg->format : SDI8K_FMT_UYVY;
	if (!cap_fourcc(want))
		return cap_fail(c, -EINVAL, "the card cannot capture %s "
				"(uyvy, yuyv, nv16, p010, y210, v210)",
				sdi8k_format_name(want) ? sdi8k_format_name(want)
							: "this format");
	if (cfg->buffers && (cfg->buffers < 2 || cfg->buffers > CAP_MAX_BUFFERS))
		return cap_fail(c, -EINVAL, "%u buffers: 2..%u allowed",
				cfg->buffers, CAP_MAX_BUFFERS);
	if (cfg->flags & ~(SDI8K_CAPTURE_EXPORT_DMABUF | SDI8K_CAPTURE_KEEP_TIMINGS) ||
	    cfg->reserved[0] || cfg->reserved[1] || cfg->reserved[2] ||
	    cfg->reserved[3])
		return cap_fail(c, -EINVAL, "unknown flags or reserved fields set");

	c->configured = 0;
	memset(&c->fmt, 0, sizeof(c->fmt));
	c->flags = cfg->flags;
	c->want_buffers = cfg->buffers ? cfg->buffers : CAP_DEFAULT_BUFFERS;
	err = cap_set_timings(c);
	if (!err)
		err = cap_set_format(c, want);
	if (err)
		return err;
	cap_read_rate(c);
	cap_read_transfer(c);
	if (c->has_transfer_ctrl) {
		struct v4l2_event_subscription sub = {
			.type = V4L2_EVENT_CTRL,
			.id = SDI8K_CID_TRANSFER_FUNCTION,
		};

		cap_ioctl(c, VIDIOC_SUBSCRIBE_EVENT, &sub); /* best effort */
	}
	c->configured = 1;
	sdi8k__clear_error();
	return 0;
}

SDI8K_API int sdi8k_capture_get_format(const struct sdi8k_capture *c,
				       struct sdi8k_capture_format *fmt)
{
	if (!c || !fmt)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_get_format: NULL argument");
	if (!c->configured)
		return cap_fail(c, -EINVAL, "not configured");
	*fmt = c->fmt;
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* Setting up a stream: raster, pixel format, colorimetry. */
#include <errno.h>
#include <stdio.h>
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

/*
 * Entry `index` of the rasters the input offers: the driver's
 * ENUM_DV_TIMINGS list, each preset that can reduce its rate by 1/1.001
 * preceded by that variant (so rates ascend: 23.98, 24, 25, 29.97, ...).
 * 0, -ENOENT past the end, or another -errno of the ioctl (no message).
 */
static int cap_enum_timings(struct sdi8k_capture *c, unsigned index,
			    struct v4l2_dv_timings *t)
{
	unsigned n = 0;

	for (uint32_t k = 0;; k++) {
		struct v4l2_enum_dv_timings e = { .index = k };
		int err = cap_ioctl(c, VIDIOC_ENUM_DV_TIMINGS, &e);

		if (err == -EINVAL)
			return -ENOENT;
		if (err)
			return err;
		if (e.timings.type != V4L2_DV_BT_656_1120)
			continue;
		e.timings.bt.flags &= ~V4L2_DV_FL_REDUCED_FPS;
		if ((e.timings.bt.flags & V4L2_DV_FL_CAN_REDUCE_FPS) &&
		    n++ == index) {
			*t = e.timings;
			t->bt.flags |= V4L2_DV_FL_REDUCED_FPS;
			return 0;
		}
		if (n++ == index) {
			*t = e.timings;
			return 0;
		}
	}
}

static int cap_enum_fail(struct sdi8k_capture *c, int err)
{
	return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
			"VIDIOC_ENUM_DV_TIMINGS: %s", strerror(-err));
}

SDI8K_API int sdi8k_capture_enum_raster(struct sdi8k_capture *c, unsigned index,
					struct sdi8k_signal *sig)
{
	struct v4l2_dv_timings t;
	int err;

	if (!c || !sig)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_enum_raster: NULL argument");
	err = cap_enum_timings(c, index, &t);
	if (err == -ENOENT)
		return cap_fail(c, -ENOENT, "raster %u: the input offers fewer", index);
	if (err)
		return cap_enum_fail(c, err);
	cap_timings_to_signal(&t, sig);
	return 0;
}

/*
 * A raster name: lines, 'p' or 'i' (either case), a rate in frames (p) or
 * fields (i) per second with up to three decimals. 0 with the parts (the
 * rate in thousandths), or -EINVAL.
 */
static int cap_parse_raster(const char *s, unsigned *lines, int *interlaced,
			    unsigned *milli)
{
	unsigned v = 0, n = 0, scale = 1000;

	for (; *s >= '0' && *s <= '9' && n < 6; s++, n++)
		v = v * 10 + (unsigned)(*s - '0');
	if (!n || !v || (*s != 'p' && *s != 'P' && *s != 'i' && *s != 'I'))
		return -EINVAL;
	*lines = v;
	*interlaced = *s == 'i' || *s == 'I';
	s++;
	for (v = 0, n = 0; *s >= '0' && *s <= '9' && n < 4; s++, n++)
		v = v * 10 + (unsigned)(*s - '0');
	if (!n || !v)
		return -EINVAL;
	v *= 1000;
	if (*s == '.') {
		for (s++, n = 0; *s >= '0' && *s <= '9' && n < 3; s++, n++)
			v += (unsigned)(*s - '0') * (scale /= 10);
		if (!n)
			return -EINVAL;
	}
	*milli = v;
	return *s ? -EINVAL : 0;
}

/*
 * The name's raster is sig: same lines and scan, the rate equal to within
 * 0.005 (so 23.98 and 23.976 both name 24000/1001, 59.94 60000/1001).
 */
static int cap_raster_matches(const struct sdi8k_signal *sig, unsigned lines,
			      int interlaced, unsigned milli)
{
	uint64_t r;

	if (sig->height != lines || sig->interlaced != interlaced || !sig->rate_den)
		return 0;
	/* the name counts fields for interlaced rasters */
	r = ((uint64_t)sig->rate_num * 1000 * (interlaced ? 2 : 1) +
	     sig->rate_den / 2) / sig->rate_den;
	return (r > milli ? r - milli : milli - r) <= 5;
}

/*
 * The raster named `name` among those the input offers, into *t; else
 * -ERANGE with the offered ones in the message, compactly
 * ("1080i50/59.94/60, 1080p23.98/24/...").
 */
static int cap_find_raster(struct sdi8k_capture *c, const char *name,
			   struct v4l2_dv_timings *t)
{
	char list[160] = "";
	size_t len = 0, plen = 0;
	const char *prev = NULL;
	struct sdi8k_signal sig, last;
	unsigned lines, milli;
	int interlaced, err;

	if (cap_parse_raster(name, &lines, &interlaced, &milli))
		return cap_fail(c, -EINVAL, "raster \"%.16s\": not a raster name "
				"(such as 1080p25, 1080i50, 2160p59.94)", name);
	for (unsigned i = 0;; i++) {
		err = cap_enum_timings(c, i, t);
		if (err == -ENOENT)
			break;
		if (err)
			return cap_enum_fail(c, err);
		cap_timings_to_signal(t, &sig);
		if (cap_raster_matches(&sig, lines, interlaced, milli))
			return 0;
		/* list it: a new "1080p" prefix, or "/rate" after the same one */
		{
			size_t p = strcspn(sig.name, "ip") + 1;
			int same = prev && p == plen && !strncmp(sig.name, prev, p);

			if (len < sizeof(list))
				len += (size_t)snprintf(list + len, sizeof(list) - len,
							"%s%s", same ? "/" : len ? ", " : "",
							same ? sig.name + p : sig.name);
			last = sig;
			prev = last.name;
			plen = p;
		}
	}
	return cap_fail(c, -ERANGE, "raster %s is not one this input offers (%s)",
			name, len ? list : "none");
}

static int cap_set_timings(struct sdi8k_capture *c, const char *raster)
{
	struct v4l2_dv_timings t;
	int err;

	if (raster[0]) {
		err = cap_find_raster(c, raster, &t);
		if (err)
			return err;
		err = cap_ioctl(c, VIDIOC_S_DV_TIMINGS, &t);
		if (err == -EBUSY)
			return cap_fail(c, -EBUSY, "VIDIOC_S_DV_TIMINGS %s: input busy "
					"(another process is capturing from it)", raster);
		if (err)
			return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
					"VIDIOC_S_DV_TIMINGS %s: %s", raster,
					strerror(-err));
	} else if (c->flags & SDI8K_CAPTURE_KEEP_TIMINGS) {
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
	char raster[sizeof(cfg->raster)];
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
	if (cfg->flags & ~(SDI8K_CAPTURE_EXPORT_DMABUF | SDI8K_CAPTURE_KEEP_TIMINGS))
		return cap_fail(c, -EINVAL, "unknown flags set (0x%x)",
				cfg->flags & ~(SDI8K_CAPTURE_EXPORT_DMABUF |
					       SDI8K_CAPTURE_KEEP_TIMINGS));
	/* bytes after the NUL are ignored (a reused config, snprintf) */
	if (!memchr(cfg->raster, '\0', sizeof(cfg->raster)))
		return cap_fail(c, -EINVAL, "raster name not NUL-terminated within "
				"%zu bytes", sizeof(cfg->raster));
	memcpy(raster, cfg->raster, sizeof(raster));
	if (raster[0] && (cfg->flags & SDI8K_CAPTURE_KEEP_TIMINGS))
		return cap_fail(c, -EINVAL, "raster %s named together with "
				"SDI8K_CAPTURE_KEEP_TIMINGS", raster);

	c->configured = 0;
	memset(&c->fmt, 0, sizeof(c->fmt));
	c->flags = cfg->flags;
	c->want_buffers = cfg->buffers ? cfg->buffers : CAP_DEFAULT_BUFFERS;
	err = cap_set_timings(c, raster);
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

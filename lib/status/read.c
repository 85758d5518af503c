// SPDX-License-Identifier: LGPL-2.1-or-later
/* libsdi8k: the static HDR / ancillary state of an input (sdi8k_status_read). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <alsa/asoundlib.h>

#include <sdi8k/status.h>

#include "../../kernel/uapi/sdi8k.h"
#include "common/alsa-dev.h"
#include "common/error.h"
#include "status/internal.h"

/* One control, 0 or -errno (-EINVAL: the driver has no such control). */
static int get_ctrl(int fd, uint32_t id, void *ptr, uint32_t size, int64_t *val)
{
	struct v4l2_ext_control c;
	struct v4l2_ext_controls cs;
	int r;

	memset(&c, 0, sizeof(c));
	memset(&cs, 0, sizeof(cs));
	c.id = id;
	if (ptr) {
		c.size = size;
		c.ptr = ptr;
	}
	cs.which = V4L2_CTRL_WHICH_CUR_VAL;
	cs.count = 1;
	cs.controls = &c;
	r = st_ioctl(fd, VIDIOC_G_EXT_CTRLS, &cs);
	if (!r && val)
		*val = c.value64;
	return r;
}

static void read_format(int fd, struct sdi8k_input_status *st)
{
	struct v4l2_format f;

	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (st_ioctl(fd, VIDIOC_G_FMT, &f) < 0)
		return;
	st->colorspace = f.fmt.pix.colorspace;
	st->xfer_func = f.fmt.pix.xfer_func;
	st->ycbcr_enc = f.fmt.pix.ycbcr_enc;
	st->quantization = f.fmt.pix.quantization;
	st->have |= SDI8K_STATUS_HAVE_FORMAT;
}

static void read_controls(int fd, struct sdi8k_input_status *st)
{
	struct v4l2_ctrl_hdr10_cll_info cll;
	struct v4l2_ctrl_hdr10_mastering_display md;
	int64_t v;

	{
		struct v4l2_control c = { .id = SDI8K_CID_PAYLOAD_ID };

		if (!st_ioctl(fd, VIDIOC_G_CTRL, &c))
			st->payload_id = (uint32_t)c.value;
		if (st->payload_id) {
			uint8_t b[4] = {
				st->payload_id & 0xff, (st->payload_id >> 8) & 0xff,
				(st->payload_id >> 16) & 0xff, st->payload_id >> 24,
			};

			if (!sdi8k_vpid_decode(b, &st->vpid))
				st->have |= SDI8K_STATUS_HAVE_VPID;
		}
	}
	{
		struct v4l2_control c = { .id = SDI8K_CID_TRANSFER_FUNCTION };

		if (!st_ioctl(fd, VIDIOC_G_CTRL, &c) && c.value >= 0 &&
		    c.value <= SDI8K_TF_UNSPECIFIED) {
			st->transfer = (enum sdi8k_transfer)c.value;
			st->have |= SDI8K_STATUS_HAVE_TRANSFER;
		} else if (st->have & SDI8K_STATUS_HAVE_VPID) {
			st->transfer = st->vpid.transfer;
		}
	}
	{
		struct v4l2_control c = { .id = SDI8K_CID_COLOR_ENCODING };

		if (!st_ioctl(fd, VIDIOC_G_CTRL, &c) && c.value >= 0 &&
		    c.value <= SDI8K_COLOR_ICTCP) {
			st->encoding = (uint32_t)c.value;
			st->have |= SDI8K_STATUS_HAVE_ENCODING;
		} else if (st->have & SDI8K_STATUS_HAVE_VPID) {
			st->encoding = st->vpid.ictcp ? SDI8K_COLOR_ICTCP :
							SDI8K_COLOR_YCBCR;
		}
	}
	if (!get_ctrl(fd, SDI8K_CID_ANC_MALFORMED, NULL, 0, &v)) {
		st->malformed = v;
		st->have |= SDI8K_STATUS_HAVE_MALFORMED;
	}
	if (!get_ctrl(fd, SDI8K_CID_ANC_BAD_PAYLOAD, NULL, 0, &v)) {
		st->bad_payload = v;
		st->have |= SDI8K_STATUS_HAVE_BAD_PAYLOAD;
	}
	if (!get_ctrl(fd, SDI8K_CID_ANC_OVERFLOW, NULL, 0, &v)) {
		st->anc_overflow = v;
		st->have |= SDI8K_STATUS_HAVE_OVERFLOW;
	}
	memset(&cll, 0, sizeof(cll));
	if (!get_ctrl(fd, V4L2_CID_COLORIMETRY_HDR10_CLL_INFO, &cll, sizeof(cll), NULL)) {
		st->cll.max_cll = cll.max_content_light_level;
		st->cll.max_fall = cll.max_pic_average_light_level;
		st->have |= SDI8K_STATUS_HAVE_CLL;
	}
	memset(&md, 0, sizeof(md));
	/* the driver marks the control inactive when no metadata is seen */
	struct v4l2_query_ext_ctrl q = {
		.id = V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY,
	};
	if (!st_ioctl(fd, VIDIOC_QUERY_EXT_CTRL, &q) &&
	    !(q.flags & V4L2_CTRL_FLAG_INACTIVE) &&
	    !get_ctrl(fd, V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY, &md,
		      sizeof(md), NULL) && md.max_display_mastering_luminance) {
		/* index order of HEVC / ST 2086: green, blue, red */
		st->mdcv.green_x = md.display_primaries_x[0];
		st->mdcv.green_y = md.display_primaries_y[0];
		st->mdcv.blue_x = md.display_primaries_x[1];
		st->mdcv.blue_y = md.display_primaries_y[1];
		st->mdcv.red_x = md.display_primaries_x[2];
		st->mdcv.red_y = md.display_primaries_y[2];
		st->mdcv.white_x = md.white_point_x;
		st->mdcv.white_y = md.white_point_y;
		st->mdcv.max_luminance = md.max_display_mastering_luminance;
		st->mdcv.min_luminance = md.min_display_mastering_luminance;
		st->have |= SDI8K_STATUS_HAVE_MDCV;
	}
}

/* One element of the input's PCM controls into v: 0 or an alsa-lib error. */
static int actl_read(snd_ctl_t *ctl, unsigned input, const char *name,
		     snd_ctl_elem_value_t *v)
{
	snd_ctl_elem_value_clear(v);
	snd_ctl_elem_value_set_interface(v, SND_CTL_ELEM_IFACE_PCM);
	snd_ctl_elem_value_set_device(v, input);
	snd_ctl_elem_value_set_name(v, name);
	return snd_ctl_elem_read(ctl, v);
}

/*
 * The input's embedded audio from its ALSA controls; nothing (the have
 * bit clear) when the card has no ALSA card (a kernel without ALSA PCM).
 */
static void read_audio(int fd, struct sdi8k_input_status *st)
{
	/* booleans: a mask of `bits` bits; else one integer */
	static const struct {
		const char *name;
		unsigned bits;
	} ctls[] = {
		{ SDI8K_ALSA_CTL_GROUPS, 4 },
		{ SDI8K_ALSA_CTL_NONPCM, 16 },
		{ SDI8K_ALSA_CTL_CHECKSUM, 0 },
		{ SDI8K_ALSA_CTL_ECC, 0 },
		{ SDI8K_ALSA_CTL_SILENCED, 0 },
	};
	uint32_t val[sizeof(ctls) / sizeof(ctls[0])] = { 0 };
	snd_ctl_elem_value_t *v;
	snd_ctl_t *ctl;
	char card[32], why[160];
	unsigned input;
	size_t k;

	if (sdi8k__alsa_card(fd, st->name, card, sizeof(card), &input, why, sizeof(why)) ||
	    snd_ctl_open(&ctl, card, SND_CTL_NONBLOCK) < 0)
		return;
	snd_ctl_elem_value_alloca(&v);
	for (k = 0; k < sizeof(ctls) / sizeof(ctls[0]); k++) {
		if (actl_read(ctl, input, ctls[k].name, v) < 0)
			break;
		for (unsigned b = 0; b < ctls[k].bits; b++)
			val[k] |= (uint32_t)!!snd_ctl_elem_value_get_boolean(v, b) << b;
		if (!ctls[k].bits)
			val[k] = (uint32_t)snd_ctl_elem_value_get_integer64(v, 0);
	}
	snd_ctl_close(ctl);
	if (k < sizeof(ctls) / sizeof(ctls[0]))
		return;		/* not every control: nothing */
	st->audio_groups = val[0];
	st->audio_nonpcm = val[1];
	st->audio_checksum_errors = val[2];
	st->audio_ecc_errors = val[3];
	st->audio_silenced = val[4];
	st->have |= SDI8K_STATUS_HAVE_AUDIO;
}

int sdi8k_status_read(const char *node, struct sdi8k_input_status *out)
{
	struct sdi8k_input_status st;
	char card[SDI8K_NAME_LEN];
	int fd, r;

	if (!node || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_status_read: NULL argument");
	memset(&st, 0, sizeof(st));
	st.transfer = SDI8K_TF_UNKNOWN;
	snprintf(st.node, sizeof(st.node), "%s", node);
	r = st_node_name(node, st.name, sizeof(st.name));
	if (r < 0)
		return r;
	if (strncmp(st.name, "sdi8k-", 6) || strstr(st.name, " meta"))
		return sdi8k__fail(-ENODEV, "%s (%s): not the video node of an "
				   "sdi8k input", node, st.name);
	r = sdi8k_query_signal(node, &st.signal, &st.raster, card, st.bus_info);
	if (r < 0 && r != -ENOLINK)
		return r;	/* message set by discovery */
	fd = open(node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return sdi8k__fail(-errno, "%s (%s): %s", node, st.name,
				   strerror(errno));
	read_format(fd, &st);
	read_controls(fd, &st);
	read_audio(fd, &st);
	close(fd);
	*out = st;
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* What an input receives: a short, non-disturbing look at its node. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/videodev2.h>

#include <sdi8k/device.h>
#include <sdi8k/export.h>

#include "common/error.h"
#include "device/internal.h"

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

int sdi8k__raster_from_bt(const struct v4l2_bt_timings *bt,
			  struct sdi8k_raster_info *r)
{
	uint64_t tw = V4L2_DV_BT_FRAME_WIDTH(bt);
	uint64_t th = V4L2_DV_BT_FRAME_HEIGHT(bt);
	uint64_t num = bt->pixelclock, den = tw * th, g;

	if (!bt->width || !bt->height || !num || !den)
		return -ERANGE;
	if (bt->flags & V4L2_DV_FL_REDUCED_FPS) {
		num *= 1000;
		den *= 1001;
	}
	g = gcd64(num, den);
	num /= g;
	den /= g;
	if (num > UINT32_MAX || den > UINT32_MAX)
		return -ERANGE;
	r->width = bt->width;
	r->height = bt->height;
	r->interlaced = bt->interlaced ? 1 : 0;
	r->fps_num = (uint32_t)num;
	r->fps_den = (uint32_t)den;
	r->pixelclock = bt->pixelclock;
	return 0;
}

SDI8K_API int sdi8k_query_signal(const char *node,
				 enum sdi8k_signal_state *state,
				 struct sdi8k_raster_info *raster,
				 char *v4l2_card, char *bus_info)
{
	struct v4l2_capability cap;
	struct v4l2_input inp;
	struct v4l2_dv_timings t;
	int fd, err, ret = 0;

	if (!node || !state || !raster)
		return sdi8k__fail(-EINVAL, "sdi8k_query_signal: NULL argument");
	*state = SDI8K_SIGNAL_UNKNOWN;
	memset(raster, 0, sizeof(*raster));
	if (v4l2_card)
		v4l2_card[0] = '\0';
	if (bus_info)
		bus_info[0] = '\0';

	/* O_NONBLOCK: never wait; a second handle does not own the queue,
	 * so a stream in another process goes on. */
	fd = open(node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		return sdi8k__fail(err, "%s: open: %s", node, strerror(-err));
	}
	memset(&cap, 0, sizeof(cap));
	err = xioctl(fd, VIDIOC_QUERYCAP, &cap);
	if (err) {
		ret = sdi8k__fail(err, "%s: VIDIOC_QUERYCAP: %s (not a V4L2 node?)",
				  node, strerror(-err));
		goto out;
	}
	if (v4l2_card)
		sdi8k__copy(v4l2_card, SDI8K_NAME_LEN, (const char *)cap.card);
	if (bus_info)
		sdi8k__copy(bus_info, SDI8K_NAME_LEN, (const char *)cap.bus_info);

	memset(&t, 0, sizeof(t));
	err = xioctl(fd, VIDIOC_QUERY_DV_TIMINGS, &t);
	switch (err) {
	case 0:
		if (t.type == V4L2_DV_BT_656_1120 &&
		    !sdi8k__raster_from_bt(&t.bt, raster)) {
			*state = SDI8K_SIGNAL_LOCKED;
		} else {
			*state = SDI8K_SIGNAL_UNSUPPORTED;
			memset(raster, 0, sizeof(*raster));
		}
		goto out;
	case -ENOLINK:
		*state = SDI8K_SIGNAL_NONE;
		goto out;
	case -ENOLCK:
		*state = SDI8K_SIGNAL_NO_LOCK;
		goto out;
	case -ERANGE:
		*state = SDI8K_SIGNAL_UNSUPPORTED;
		goto out;
	default:
		break;
	}
	/* no DV timings query: fall back on the input's status bits */
	memset(&inp, 0, sizeof(inp));
	err = xioctl(fd, VIDIOC_ENUMINPUT, &inp);
	if (err) {
		ret = sdi8k__fail(err, "%s: VIDIOC_ENUMINPUT: %s", node,
				  strerror(-err));
		goto out;
	}
	if (inp.status & V4L2_IN_ST_NO_SIGNAL)
		*state = SDI8K_SIGNAL_NONE;
	else if (inp.status & (V4L2_IN_ST_NO_SYNC | V4L2_IN_ST_NO_H_LOCK |
			       V4L2_IN_ST_NO_V_LOCK))
		*state = SDI8K_SIGNAL_NO_LOCK;
	else
		ret = sdi8k__fail(-EIO, "%s: signal state unknown (no DV timings query, input status 0x%x)",
				  node, inp.status);
out:
	close(fd);
	return ret;
}

SDI8K_API const char *sdi8k_signal_state_name(enum sdi8k_signal_state s)
{
	switch (s) {
	case SDI8K_SIGNAL_NONE:
		return "none";
	case SDI8K_SIGNAL_NO_LOCK:
		return "no-lock";
	case SDI8K_SIGNAL_LOCKED:
		return "locked";
	case SDI8K_SIGNAL_UNSUPPORTED:
		return "unsupported";
	case SDI8K_SIGNAL_UNKNOWN:
	default:
		return "unknown";
	}
}

SDI8K_API char *sdi8k_raster_name(const struct sdi8k_raster_info *r,
				  char *buf, size_t size)
{
	uint64_t num, den, c;
	char rate[32];

	if (!buf || !size)
		return buf;
	buf[0] = '\0';
	if (!r || !r->height || !r->fps_num || !r->fps_den)
		return buf;
	num = (uint64_t)r->fps_num * (r->interlaced ? 2 : 1);
	den = r->fps_den;
	/* hundredths, rounded: 59.94, 29.97, 23.98 */
	c = (num * 100 + den / 2) / den;
	if (c % 100 == 0)
		snprintf(rate, sizeof(rate), "%llu", (unsigned long long)(c / 100));
	else if (c % 10 == 0)
		snprintf(rate, sizeof(rate), "%llu.%llu",
			 (unsigned long long)(c / 100),
			 (unsigned long long)(c % 100 / 10));
	else
		snprintf(rate, sizeof(rate), "%llu.%02llu",
			 (unsigned long long)(c / 100),
			 (unsigned long long)(c % 100));
	snprintf(buf, size, "%u%c%s", r->height, r->interlaced ? 'i' : 'p',
		 rate);
	return buf;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* Starting and stopping a stream; its counters. */
#include <errno.h>
#include <string.h>

#include "common/error.h"
#include "capture/internal.h"

SDI8K_API int sdi8k_capture_start(struct sdi8k_capture *c)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int err;

	if (!c)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_start: NULL handle");
	if (!c->configured)
		return cap_fail(c, -EINVAL, "start before configure");
	if (c->streaming)
		return cap_fail(c, -EINVAL, "already streaming");
	err = cap_buffers_alloc(c);
	if (err)
		return err;
	for (unsigned i = 0; i < c->nbuf; i++) {
		err = cap_queue(c, i);
		if (err) {
			cap_buffers_free(c);
			return err;
		}
	}
	/* the audio first: its start may then precede the first frame's */
	err = cap_audio_start(c);
	if (err) {
		cap_buffers_free(c);
		return err;
	}
	err = cap_ioctl(c, VIDIOC_STREAMON, &type);
	if (err) {
		cap_audio_stop(c);
		cap_buffers_free(c);
		if (err == -ENOLINK || err == -ENOLCK)
			return cap_signal_fail(c, err, "VIDIOC_STREAMON: ");
		return cap_fail(c, err == -EBUSY ? -EBUSY : err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_STREAMON: %s", strerror(-err));
	}
	memset(&c->stats, 0, sizeof(c->stats));
	c->have_seq = 0;
	c->streaming = 1;
	sdi8k__clear_error();
	return 0;
}

SDI8K_API int sdi8k_capture_stop(struct sdi8k_capture *c)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int err;

	if (!c)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_stop: NULL handle");
	if (!c->streaming)
		return cap_fail(c, -EINVAL, "stop while not streaming");
	err = cap_ioctl(c, VIDIOC_STREAMOFF, &type);
	c->streaming = 0;
	cap_audio_stop(c);
	cap_buffers_free(c);
	if (err)
		return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_STREAMOFF: %s", strerror(-err));
	return 0;
}

SDI8K_API int sdi8k_capture_get_stats(const struct sdi8k_capture *c,
				      struct sdi8k_capture_stats *st)
{
	if (!c || !st)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_get_stats: NULL argument");
	*st = c->stats;
	return 0;
}

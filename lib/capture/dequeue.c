// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Taking frames: waiting (poll), events (source change, HDR control),
 * VIDIOC_DQBUF, the frame view, drops from sequence gaps, giving back.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include "../../kernel/uapi/sdi8k.h"
#include "common/error.h"
#include "capture/internal.h"

/*
 * Take every pending event. Returns 0 to go on, -ENOLINK / -EPIPE for a
 * source change that ends the stream.
 */
static int cap_events(struct sdi8k_capture *c)
{
	struct v4l2_event ev;
	int changed = 0;

	for (;;) {
		memset(&ev, 0, sizeof(ev));
		if (cap_ioctl(c, VIDIOC_DQEVENT, &ev))
			break;
		if (ev.type == V4L2_EVENT_SOURCE_CHANGE) {
			c->stats.source_changes++;
			changed = 1;
		} else if (ev.type == V4L2_EVENT_CTRL &&
			   ev.id == SDI8K_CID_TRANSFER_FUNCTION) {
			cap_read_transfer(c);
		}
	}
	if (changed) {
		struct v4l2_dv_timings t;
		struct sdi8k_signal now;
		int err = cap_query_timings(c, &t);

		if (err)
			return cap_signal_fail(c, err, "while streaming: ");
		cap_timings_to_signal(&t, &now);
		if (now.width != c->fmt.signal.width ||
		    now.height != c->fmt.signal.height ||
		    now.interlaced != c->fmt.signal.interlaced ||
		    t.bt.pixelclock != c->timings.bt.pixelclock ||
		    (t.bt.flags & V4L2_DV_FL_REDUCED_FPS) !=
		    (c->timings.bt.flags & V4L2_DV_FL_REDUCED_FPS))
			return cap_fail(c, -EPIPE, "source changed from %s to %s "
					"while streaming: stop, configure and start again",
					c->fmt.signal.name, now.name);
		/* same raster: the colorimetry may have changed (HDR flavour) */
		cap_read_colorimetry(c);
		cap_read_transfer(c);
	}
	return 0;
}

/* One VIDIOC_DQBUF. 0, -EAGAIN, or an error (message set). */
static int cap_dqbuf(struct sdi8k_capture *c, struct v4l2_buffer *vb)
{
	int err;

	memset(vb, 0, sizeof(*vb));
	vb->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	vb->memory = V4L2_MEMORY_MMAP;
	err = cap_ioctl(c, VIDIOC_DQBUF, vb);
	if (err == -EAGAIN)
		return err;
	if (err == -EPIPE)	/* vb2: streaming stopped under us */
		return cap_fail(c, -EPIPE, "VIDIOC_DQBUF: stream stopped");
	if (err)
		return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_DQBUF: %s", strerror(-err));
	if (vb->index >= c->nbuf)
		return cap_fail(c, -EIO, "VIDIOC_DQBUF: buffer index %u out of range",
				vb->index);
	c->buf[vb->index].queued = 0;
	return 0;
}

/*
 * -ETIMEDOUT, saying what the input receives: a raster named at configure
 * is set whatever the signal, so "no signal" or another raster explains
 * the silence.
 */
static int cap_timeout(struct sdi8k_capture *c, int timeout_ms)
{
	struct v4l2_dv_timings t;
	struct sdi8k_signal now;
	const char *rx;
	int err = cap_query_timings(c, &t);

	switch (err) {
	case 0:
		cap_timings_to_signal(&t, &now);
		rx = now.name;
		break;
	case -ENOLINK:
		rx = "no signal";
		break;
	case -ENOLCK:
		rx = "a signal, not locked";
		break;
	case -ERANGE:
		rx = "an unsupported raster";
		break;
	default:
		rx = "(unknown)";
		break;
	}
	return cap_fail(c, -ETIMEDOUT, "no frame within %d ms (capturing %s; "
			"the input receives %s)", timeout_ms, c->fmt.signal.name, rx);
}

static void cap_fill_frame(struct sdi8k_capture *c, const struct v4l2_buffer *vb,
			   struct sdi8k_capture_frame *f)
{
	const struct cap_buffer *b = &c->buf[vb->index];
	size_t lines[SDI8K_MAX_PLANES];
	int planes;

	memset(f, 0, sizeof(*f));
	f->frame.format = c->fmt.format;
	f->frame.width = c->fmt.width;
	f->frame.height = c->fmt.height;
	planes = sdi8k_frame_layout(c->fmt.format, c->fmt.width, c->fmt.height,
				    NULL, lines, NULL, NULL);
	{
		uint8_t *p = b->addr;

		for (int i = 0; i < planes; i++) {
			f->frame.data[i] = p;
			f->frame.stride[i] = c->fmt.bytesperline;
			p += (size_t)c->fmt.bytesperline * lines[i];
		}
	}
	f->index = vb->index;
	f->bytesused = vb->bytesused;
	f->length = b->length;
	f->bytesperline = c->fmt.bytesperline;
	f->sequence = vb->sequence;
	f->timestamp_ns = (uint64_t)vb->timestamp.tv_sec * 1000000000u +
			  (uint64_t)vb->timestamp.tv_usec * 1000u;
	f->field = vb->field;
	f->color = c->fmt.color;
	f->dmabuf_fd = b->dmabuf_fd;
	if (c->have_seq)
		f->dropped = vb->sequence - c->stats.last_sequence - 1;
}

/* The next good buffer into *vb: 0, -EAGAIN, or an error (message set). */
static int cap_next_buffer(struct sdi8k_capture *c, struct v4l2_buffer *vb,
			   int timeout_ms, int64_t deadline)
{
	int err;

	for (;;) {
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN | POLLPRI };
		int wait, n;
		unsigned held = 0;

		for (unsigned i = 0; i < c->nbuf; i++)
			held += !c->buf[i].queued;
		if (held == c->nbuf)
			return cap_fail(c, -EINVAL, "all %u buffers are held by the "
					"caller: release one before dequeuing", held);

		if (timeout_ms < 0)
			wait = -1;
		else if (timeout_ms == 0)
			wait = 0;
		else {
			int64_t left = deadline - cap_now_ms();

			wait = left > 0 ? (int)left : 0;
		}
		n = poll(&pfd, 1, wait);
		if (n < 0) {
			if (errno == EINTR)
				return cap_fail(c, -EINTR, "interrupted");
			return cap_fail(c, -EIO, "poll: %s", strerror(errno));
		}
		if (n == 0) {
			if (timeout_ms == 0)
				return -EAGAIN; /* not an error worth a message */
			return cap_timeout(c, timeout_ms);
		}
		if (pfd.revents & (POLLNVAL | POLLHUP))
			return cap_fail(c, -ENODEV, "device gone");
		if (pfd.revents & POLLPRI) {
			err = cap_events(c);
			if (err)
				return err;
		}
		if (pfd.revents & (POLLIN | POLLERR)) {
			err = cap_dqbuf(c, vb);
			if (err == -EAGAIN && !(pfd.revents & POLLIN))
				return cap_fail(c, -EIO, "the driver reports an error "
						"on the queue (POLLERR)");
			if (err == -EAGAIN)
				continue;
			if (err)
				return err;
			if (vb->flags & V4L2_BUF_FLAG_ERROR) {
				c->stats.error_frames++;
				err = cap_queue(c, vb->index);
				if (err)
					return err;
				continue;
			}
			return 0;
		}
		if (timeout_ms == 0)
			return -EAGAIN;
	}
}

SDI8K_API int sdi8k_capture_dequeue(struct sdi8k_capture *c,
				    struct sdi8k_capture_frame *f,
				    int timeout_ms)
{
	int64_t deadline = timeout_ms > 0 ? cap_now_ms() + timeout_ms : 0;
	struct v4l2_buffer vb;
	int err;

	if (!c || !f)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_dequeue: NULL argument");
	if (!c->streaming)
		return cap_fail(c, -EINVAL, "dequeue while not streaming");
	if (c->aud.have_pending) {	/* its audio was not complete */
		vb = c->aud.pending;
		c->aud.have_pending = 0;
	} else {
		err = cap_next_buffer(c, &vb, timeout_ms, deadline);
		if (err)
			return err;
	}
	err = cap_audio_frame(c, &vb, timeout_ms, deadline);
	if (err == -EAGAIN || err == -ETIMEDOUT) {
		c->aud.pending = vb;
		c->aud.have_pending = 1;
		return err;
	}
	if (err) {
		cap_queue(c, vb.index);	/* the frame is not returned */
		return err;
	}
	cap_fill_frame(c, &vb, f);
	c->stats.frames++;
	c->stats.dropped += f->dropped;
	c->stats.last_sequence = f->sequence;
	if (!c->have_seq)
		c->stats.first_timestamp_ns = f->timestamp_ns;
	c->stats.last_timestamp_ns = f->timestamp_ns;
	c->have_seq = 1;
	return 0;
}

SDI8K_API int sdi8k_capture_release(struct sdi8k_capture *c,
				    const struct sdi8k_capture_frame *f)
{
	if (!c || !f)
		return sdi8k__fail(-EINVAL, "sdi8k_capture_release: NULL argument");
	if (!c->streaming)
		return cap_fail(c, -EINVAL, "release while not streaming");
	if (f->index >= c->nbuf || c->buf[f->index].queued ||
	    f->frame.data[0] != c->buf[f->index].addr)
		return cap_fail(c, -EINVAL, "release of a frame not held (buffer %u)",
				f->index);
	return cap_queue(c, f->index);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* The stream's MMAP buffers: allocation, mapping, DMABUF export. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <libv4l2.h>

#include "capture/internal.h"

static int cap_reqbufs(struct sdi8k_capture *c, unsigned count, unsigned *got)
{
	struct v4l2_requestbuffers rb = {
		.count = count,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int err = cap_ioctl(c, VIDIOC_REQBUFS, &rb);

	if (got)
		*got = rb.count;
	return err;
}

void cap_buffers_free(struct sdi8k_capture *c)
{
	for (unsigned i = 0; i < CAP_MAX_BUFFERS; i++) {
		struct cap_buffer *b = &c->buf[i];

		if (b->addr)
			v4l2_munmap(b->addr, b->length);
		if (b->dmabuf_fd >= 0)
			close(b->dmabuf_fd);
		b->addr = NULL;
		b->length = 0;
		b->dmabuf_fd = -1;
		b->queued = 0;
	}
	if (c->nbuf)
		cap_reqbufs(c, 0, NULL);
	c->nbuf = 0;
}

static int cap_map_one(struct sdi8k_capture *c, unsigned i)
{
	struct v4l2_buffer vb = {
		.index = i,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	struct cap_buffer *b = &c->buf[i];
	void *p;
	int err;

	err = cap_ioctl(c, VIDIOC_QUERYBUF, &vb);
	if (err)
		return cap_fail(c, -EIO, "VIDIOC_QUERYBUF %u: %s", i, strerror(-err));
	if (vb.length < c->fmt.sizeimage)
		return cap_fail(c, -EIO, "buffer %u has %u bytes, a frame %u", i,
				vb.length, c->fmt.sizeimage);
	p = v4l2_mmap(NULL, vb.length, PROT_READ | PROT_WRITE, MAP_SHARED,
		      c->fd, vb.m.offset);
	if (p == MAP_FAILED) {
		err = -errno;
		return cap_fail(c, err == -ENOMEM ? -ENOMEM : -EIO,
				"mapping buffer %u (%u bytes): %s", i, vb.length,
				strerror(-err));
	}
	b->addr = p;
	b->length = vb.length;
	if (c->flags & SDI8K_CAPTURE_EXPORT_DMABUF) {
		struct v4l2_exportbuffer eb = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.index = i,
			.flags = O_RDWR | O_CLOEXEC,
		};

		err = cap_ioctl(c, VIDIOC_EXPBUF, &eb);
		if (err)
			return cap_fail(c, err == -ENOTTY ? -ENOTSUP : -EIO,
					"VIDIOC_EXPBUF %u: %s", i, strerror(-err));
		b->dmabuf_fd = eb.fd;
	}
	return 0;
}

int cap_buffers_alloc(struct sdi8k_capture *c)
{
	unsigned got = 0;
	int err;

	err = cap_reqbufs(c, c->want_buffers, &got);
	if (err == -EBUSY)
		return cap_fail(c, -EBUSY, "input busy (another process is capturing from it)");
	if (err)
		return cap_fail(c, err == -ENOMEM ? -ENOMEM : err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_REQBUFS %u: %s", c->want_buffers,
				strerror(-err));
	if (got < 2 || got > CAP_MAX_BUFFERS) {
		c->nbuf = got;
		cap_buffers_free(c);
		return cap_fail(c, -ENOMEM, "driver gave %u buffers (asked %u)",
				got, c->want_buffers);
	}
	c->nbuf = got;
	for (unsigned i = 0; i < got; i++) {
		err = cap_map_one(c, i);
		if (err) {
			cap_buffers_free(c);
			return err;
		}
	}
	c->fmt.buffers = got;
	return 0;
}

int cap_queue(struct sdi8k_capture *c, unsigned i)
{
	struct v4l2_buffer vb = {
		.index = i,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int err = cap_ioctl(c, VIDIOC_QBUF, &vb);

	if (err)
		return cap_fail(c, err == -ENODEV ? -ENODEV : -EIO,
				"VIDIOC_QBUF %u: %s", i, strerror(-err));
	c->buf[i].queued = 1;
	return 0;
}

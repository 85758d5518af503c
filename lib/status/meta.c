// SPDX-License-Identifier: LGPL-2.1-or-later
/* libsdi8k: an input's metadata node, streamed (struct sdi8k_meta). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include <sdi8k/error.h>
#include <sdi8k/status.h>

#include "../../kernel/uapi/sdi8k.h"
#include "anc/internal.h"
#include "common/error.h"
#include "status/internal.h"

#define META_MAX_BUFFERS 32

struct sdi8k_meta {
	int fd;
	char node[SDI8K_PATH_LEN];
	char name[SDI8K_NAME_LEN];	/* "sdi8k-0 input 1 meta" */
	int streaming;
	unsigned nbuf;
	void *map[META_MAX_BUFFERS];
	size_t len[META_MAX_BUFFERS];
};

static int meta_fail(const struct sdi8k_meta *m, int err, const char *what)
{
	return sdi8k__fail(err, "%s (%s): %s: %s", m->node, m->name, what,
			   strerror(-err));
}

int sdi8k_meta_open(const char *video_node, struct sdi8k_meta **out)
{
	struct sdi8k_meta *m;
	char vname[SDI8K_NAME_LEN];
	struct v4l2_format f;
	int r;

	if (!video_node || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_meta_open: NULL argument");
	*out = NULL;
	r = st_node_name(video_node, vname, sizeof(vname));
	if (r < 0)
		return r;
	if (strncmp(vname, "sdi8k-", 6) || strstr(vname, " meta"))
		return sdi8k__fail(-ENODEV, "%s (%s): not the video node of an "
				   "sdi8k input", video_node, vname);
	m = calloc(1, sizeof(*m));
	if (!m)
		return sdi8k__fail(-ENOMEM, "%s: out of memory", video_node);
	m->fd = -1;
	snprintf(m->name, sizeof(m->name), "%.58s meta", vname);
	r = st_find_node_by_name(m->name, m->node, sizeof(m->node));
	if (r < 0) {
		r = sdi8k__fail(r, "%s (%s): no metadata node \"%s\" (a driver "
				"without ancillary-data capture?)", video_node,
				vname, m->name);
		free(m);
		return r;
	}
	m->fd = open(m->node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (m->fd < 0) {
		r = meta_fail(m, -errno, "open");
		free(m);
		return r;
	}
	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_META_CAPTURE;
	r = st_ioctl(m->fd, VIDIOC_G_FMT, &f);
	if (r < 0 || f.fmt.meta.dataformat != SDI8K_META_FMT_ANC) {
		r = r < 0 ? meta_fail(m, r, "VIDIOC_G_FMT") :
			sdi8k__fail(-ENODEV, "%s (%s): metadata format is not "
				    "SDI8K_META_FMT_ANC", m->node, m->name);
		close(m->fd);
		free(m);
		return r;
	}
	*out = m;
	return 0;
}

const char *sdi8k_meta_node(const struct sdi8k_meta *m)
{
	return m ? m->node : "";
}

int sdi8k_meta_fd(const struct sdi8k_meta *m)
{
	return m ? m->fd : -1;
}

static void unmap_all(struct sdi8k_meta *m)
{
	struct v4l2_requestbuffers rb;

	for (unsigned i = 0; i < m->nbuf; i++)
		if (m->map[i] && m->map[i] != MAP_FAILED)
			munmap(m->map[i], m->len[i]);
	memset(m->map, 0, sizeof(m->map));
	m->nbuf = 0;
	memset(&rb, 0, sizeof(rb));
	rb.type = V4L2_BUF_TYPE_META_CAPTURE;
	rb.memory = V4L2_MEMORY_MMAP;
	st_ioctl(m->fd, VIDIOC_REQBUFS, &rb);
}

int sdi8k_meta_start(struct sdi8k_meta *m, unsigned count)
{
	struct v4l2_requestbuffers rb;
	int type = V4L2_BUF_TYPE_META_CAPTURE, r;

	if (!m)
		return sdi8k__fail(-EINVAL, "sdi8k_meta_start: NULL handle");
	if (m->streaming)
		return sdi8k__fail(-EINVAL, "%s (%s): already streaming",
				   m->node, m->name);
	if (!count)
		count = 8;
	if (count < 2 || count > META_MAX_BUFFERS)
		return sdi8k__fail(-EINVAL, "%s (%s): %u buffers: give 2..%d",
				   m->node, m->name, count, META_MAX_BUFFERS);
	memset(&rb, 0, sizeof(rb));
	rb.type = V4L2_BUF_TYPE_META_CAPTURE;
	rb.memory = V4L2_MEMORY_MMAP;
	rb.count = count;
	r = st_ioctl(m->fd, VIDIOC_REQBUFS, &rb);
	if (r < 0)
		return meta_fail(m, r, "VIDIOC_REQBUFS");
	if (rb.count < 2 || rb.count > META_MAX_BUFFERS) {
		m->nbuf = 0;
		unmap_all(m);
		return sdi8k__fail(-ENOMEM, "%s (%s): the driver gave %u buffers",
				   m->node, m->name, rb.count);
	}
	m->nbuf = rb.count;
	for (unsigned i = 0; i < m->nbuf; i++) {
		struct v4l2_buffer b;

		memset(&b, 0, sizeof(b));
		b.type = V4L2_BUF_TYPE_META_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		r = st_ioctl(m->fd, VIDIOC_QUERYBUF, &b);
		if (r < 0) {
			r = meta_fail(m, r, "VIDIOC_QUERYBUF");
			goto fail;
		}
		m->len[i] = b.length;
		m->map[i] = mmap(NULL, b.length, PROT_READ, MAP_SHARED, m->fd,
				 b.m.offset);
		if (m->map[i] == MAP_FAILED) {
			r = meta_fail(m, -errno, "mmap");
			goto fail;
		}
		r = st_ioctl(m->fd, VIDIOC_QBUF, &b);
		if (r < 0) {
			r = meta_fail(m, r, "VIDIOC_QBUF");
			goto fail;
		}
	}
	r = st_ioctl(m->fd, VIDIOC_STREAMON, &type);
	if (r < 0) {
		r = meta_fail(m, r, "VIDIOC_STREAMON");
		goto fail;
	}
	m->streaming = 1;
	return 0;
fail:
	unmap_all(m);
	return r;
}

int sdi8k_meta_dequeue(struct sdi8k_meta *m, struct sdi8k_meta_frame *f,
		       int timeout_ms)
{
	struct v4l2_buffer b;
	int r;

	if (!m || !f)
		return sdi8k__fail(-EINVAL, "sdi8k_meta_dequeue: NULL argument");
	if (!m->streaming)
		return sdi8k__fail(-EINVAL, "%s (%s): not streaming", m->node, m->name);
	for (;;) {
		memset(&b, 0, sizeof(b));
		b.type = V4L2_BUF_TYPE_META_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		r = st_ioctl(m->fd, VIDIOC_DQBUF, &b);
		if (r != -EAGAIN)
			break;
		if (!timeout_ms)
			return sdi8k__fail(-EAGAIN, "%s (%s): no metadata buffer ready",
					   m->node, m->name);
		{
			struct pollfd p = { .fd = m->fd, .events = POLLIN };

			r = poll(&p, 1, timeout_ms < 0 ? -1 : timeout_ms);
			if (r < 0)
				return errno == EINTR ? -EINTR :
					meta_fail(m, -errno, "poll");
			if (!r)
				return sdi8k__fail(-ETIMEDOUT, "%s (%s): no metadata "
						   "buffer in %d ms (is the video "
						   "node streaming?)", m->node,
						   m->name, timeout_ms);
			if (p.revents & POLLERR)
				return sdi8k__fail(-EIO, "%s (%s): poll error",
						   m->node, m->name);
		}
	}
	if (r < 0)
		return meta_fail(m, r, "VIDIOC_DQBUF");
	if (b.index >= m->nbuf)
		return sdi8k__fail(-EIO, "%s (%s): buffer index %u out of range",
				   m->node, m->name, b.index);
	memset(f, 0, sizeof(*f));
	f->sequence = b.sequence;
	f->timestamp_ns = (uint64_t)b.timestamp.tv_sec * 1000000000ull +
			  (uint64_t)b.timestamp.tv_usec * 1000ull;
	f->data = m->map[b.index];
	f->size = b.bytesused <= m->len[b.index] ? b.bytesused : m->len[b.index];
	f->index = b.index;
	r = sdi8k_anc_frame_open(f->data, f->size, &f->info, &(struct sdi8k_anc_iter){0});
	if (!r) {
		f->bad_payload = sdi8k__anc_frame_bad_payload(f->data, f->size);
		r = sdi8k_hdr_state_from_frame(f->data, f->size, &f->hdr);
	}
	if (r < 0) {
		f->parse_error = r;
		memset(&f->hdr, 0, sizeof(f->hdr));
		f->hdr.sequence = b.sequence;
		snprintf(f->hdr.error, sizeof(f->hdr.error), "%s", sdi8k_last_error());
	}
	return 0;
}

int sdi8k_meta_release(struct sdi8k_meta *m, const struct sdi8k_meta_frame *f)
{
	struct v4l2_buffer b;
	int r;

	if (!m || !f || !m->streaming || f->index >= m->nbuf)
		return sdi8k__fail(-EINVAL, "sdi8k_meta_release: bad argument");
	memset(&b, 0, sizeof(b));
	b.type = V4L2_BUF_TYPE_META_CAPTURE;
	b.memory = V4L2_MEMORY_MMAP;
	b.index = f->index;
	r = st_ioctl(m->fd, VIDIOC_QBUF, &b);
	return r < 0 ? meta_fail(m, r, "VIDIOC_QBUF") : 0;
}

int sdi8k_meta_stop(struct sdi8k_meta *m)
{
	int type = V4L2_BUF_TYPE_META_CAPTURE, r;

	if (!m || !m->streaming)
		return sdi8k__fail(-EINVAL, "sdi8k_meta_stop: not streaming");
	r = st_ioctl(m->fd, VIDIOC_STREAMOFF, &type);
	m->streaming = 0;
	unmap_all(m);
	return r < 0 ? meta_fail(m, r, "VIDIOC_STREAMOFF") : 0;
}

void sdi8k_meta_close(struct sdi8k_meta *m)
{
	if (!m)
		return;
	if (m->streaming)
		sdi8k_meta_stop(m);
	if (m->fd >= 0)
		close(m->fd);
	free(m);
}

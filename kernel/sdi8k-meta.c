// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k metadata capture node: one per input ("sdi8k-N input I meta"),
 * V4L2_BUF_TYPE_META_CAPTURE in the format SDI8K_META_FMT_ANC of
 * uapi/sdi8k.h. While the input's video node streams, every video frame
 * the driver completes fills the next queued metadata buffer with that
 * frame's well-formed ancillary packets and the frame's sequence number.
 * With no metadata buffer queued, the frame's packets are not kept (the
 * video frame is unaffected).
 */
#include <linux/string.h>
#include <media/v4l2-event.h>
#include <media/v4l2-ioctl.h>
#include <media/videobuf2-vmalloc.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"
#include "uapi/sdi8k.h"

struct sdi8k_meta_buffer {
	struct vb2_v4l2_buffer vb;
	struct list_head list;
	u64 pinned;	/* bytes charged to the card's budget (MMAP), or 0 */
};

static struct sdi8k_meta_buffer *to_meta_buffer(struct vb2_buffer *vb)
{
	return container_of(to_vb2_v4l2_buffer(vb), struct sdi8k_meta_buffer,
			    vb);
}

/* ---- vb2 ---- */

/*
 * A client's CREATE_BUFS may ask for larger buffers, up to this (16 MiB;
 * v4l2-compliance asks for over 1 MiB)
 */
#define SDI8K_META_MAX_BUFFER	(256 * SDI8K_ANC_BUFFER_SIZE)

static int sdi8k_meta_queue_setup(struct vb2_queue *q, unsigned int *nbuffers,
				  unsigned int *nplanes, unsigned int sizes[],
				  struct device *alloc_devs[])
{
	struct sdi8k_input *in = vb2_get_drv_priv(q);
	u64 size = SDI8K_ANC_BUFFER_SIZE;
	unsigned int allow;

	if (*nplanes) {
		if (sizes[0] < SDI8K_ANC_BUFFER_SIZE ||
		    sizes[0] > SDI8K_META_MAX_BUFFER)
			return -EINVAL;
		size = sizes[0];
	} else {
		*nbuffers = max(*nbuffers, SDI8K_MIN_REQBUFS);
	}
	if (q->memory == VB2_MEMORY_MMAP) {
		allow = sdi8k_pin_allow(in, &in->pinned_meta,
					sdi8k_queue_max_bytes(), size);
		if (!allow)
			return -ENOMEM;
		*nbuffers = min(*nbuffers, allow);
	}
	if (!*nplanes) {
		*nplanes = 1;
		sizes[0] = SDI8K_ANC_BUFFER_SIZE;
	}
	return 0;
}

static int sdi8k_meta_buf_init(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_meta_buffer *buf = to_meta_buffer(vb);
	int ret;

	if (vb->memory != VB2_MEMORY_MMAP)
		return 0;
	ret = sdi8k_pin(in, &in->pinned_meta, vb2_plane_size(vb, 0));
	if (!ret)
		buf->pinned = vb2_plane_size(vb, 0);
	return ret;
}

static void sdi8k_meta_buf_cleanup(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_meta_buffer *buf = to_meta_buffer(vb);

	if (buf->pinned) {
		sdi8k_unpin(in, &in->pinned_meta, buf->pinned);
		buf->pinned = 0;
	}
}

static int sdi8k_meta_buf_prepare(struct vb2_buffer *vb)
{
	if (vb2_plane_size(vb, 0) < SDI8K_ANC_BUFFER_SIZE)
		return -EINVAL;
	return 0;
}

static void sdi8k_meta_buf_queue(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_meta_buffer *buf = to_meta_buffer(vb);
	unsigned long flags;

	spin_lock_irqsave(&in->meta_slock, flags);
	list_add_tail(&buf->list, &in->meta_pending);
	spin_unlock_irqrestore(&in->meta_slock, flags);
}

static void sdi8k_meta_return_all(struct sdi8k_input *in,
				  enum vb2_buffer_state state)
{
	struct sdi8k_meta_buffer *buf, *tmp;
	unsigned long flags;

	spin_lock_irqsave(&in->meta_slock, flags);
	list_for_each_entry_safe(buf, tmp, &in->meta_pending, list) {
		list_del(&buf->list);
		vb2_buffer_done(&buf->vb.vb2_buf, state);
	}
	spin_unlock_irqrestore(&in->meta_slock, flags);
}

static int sdi8k_meta_start_streaming(struct vb2_queue *q, unsigned int count)
{
	struct sdi8k_input *in = vb2_get_drv_priv(q);
	unsigned long flags;

	spin_lock_irqsave(&in->meta_slock, flags);
	in->meta_streaming = true;
	spin_unlock_irqrestore(&in->meta_slock, flags);
	return 0;
}

static void sdi8k_meta_stop_streaming(struct vb2_queue *q)
{
	struct sdi8k_input *in = vb2_get_drv_priv(q);
	unsigned long flags;

	spin_lock_irqsave(&in->meta_slock, flags);
	in->meta_streaming = false;
	spin_unlock_irqrestore(&in->meta_slock, flags);
	/*
	 * A frame's interrupt that took a buffer before the flag changed
	 * fills and completes it outside meta_slock (sdi8k_meta_begin() to
	 * sdi8k_meta_finish()): wait for it, or vb2 would take the buffer
	 * back (and the client free it) while the handler still writes it.
	 */
	in->card->ops->sync_irq(in->card, in->index);
	sdi8k_meta_return_all(in, VB2_BUF_STATE_ERROR);
}

static const struct vb2_ops sdi8k_meta_vb2_ops = {
	.queue_setup = sdi8k_meta_queue_setup,
	.buf_init = sdi8k_meta_buf_init,
	.buf_cleanup = sdi8k_meta_buf_cleanup,
	.buf_prepare = sdi8k_meta_buf_prepare,
	.buf_queue = sdi8k_meta_buf_queue,
	.start_streaming = sdi8k_meta_start_streaming,
	.stop_streaming = sdi8k_meta_stop_streaming,
	SDI8K_VB2_WAIT_OPS
};

/* ---- filling, from the video interrupt ---- */

/**
 * sdi8k_meta_begin - take the next metadata buffer for a video frame
 * @in: the input; called under @in->slock (interrupt context)
 * @meta: set up to receive the frame's packets after the header
 *
 * Return: the buffer, or NULL (not streaming, or none queued).
 */
struct sdi8k_meta_buffer *sdi8k_meta_begin(struct sdi8k_input *in,
					   struct sdi8k_anc_meta *meta)
{
	struct sdi8k_meta_buffer *buf = NULL;
	struct sdi8k_anc_frame *h;

	spin_lock(&in->meta_slock);
	if (in->meta_streaming && !list_empty(&in->meta_pending)) {
		buf = list_first_entry(&in->meta_pending,
				       struct sdi8k_meta_buffer, list);
		list_del(&buf->list);
	}
	spin_unlock(&in->meta_slock);
	if (!buf)
		return NULL;
	h = vb2_plane_vaddr(&buf->vb.vb2_buf, 0);
	if (!h) {		/* an imported buffer without a kernel mapping */
		vb2_buffer_done(&buf->vb.vb2_buf, VB2_BUF_STATE_ERROR);
		return NULL;
	}
	meta->buf = h + 1;
	meta->size = SDI8K_ANC_BUFFER_SIZE - sizeof(struct sdi8k_anc_frame);
	return buf;
}

/**
 * sdi8k_meta_finish - complete a metadata buffer
 * @in: the input; called under @in->slock
 * @buf: from sdi8k_meta_begin()
 * @meta: what was written
 * @res: the frame's counts
 * @vbuf: the video buffer of the frame (sequence, timestamp)
 */
void sdi8k_meta_finish(struct sdi8k_input *in, struct sdi8k_meta_buffer *buf,
		       const struct sdi8k_anc_meta *meta,
		       const struct sdi8k_anc_result *res,
		       const struct vb2_v4l2_buffer *vbuf)
{
	/* the header before the records sdi8k_meta_begin() pointed to */
	struct sdi8k_anc_frame *h = (struct sdi8k_anc_frame *)meta->buf - 1;
	u32 bytes = sizeof(*h) + meta->used;

	memset(h, 0, sizeof(*h));
	h->magic = SDI8K_ANC_MAGIC;
	h->version = SDI8K_ANC_VERSION;
	h->header_size = sizeof(*h);
	h->sequence = vbuf->sequence;
	h->packet_count = meta->count;
	h->bytes_used = bytes;
	h->malformed = res->malformed;
	h->overflow = meta->overflow + res->overflow;
	h->bad_payload = res->bad_payload;
	buf->vb.sequence = vbuf->sequence;
	buf->vb.field = V4L2_FIELD_NONE;
	buf->vb.vb2_buf.timestamp = vbuf->vb2_buf.timestamp;
	vb2_set_plane_payload(&buf->vb.vb2_buf, 0, bytes);
	vb2_buffer_done(&buf->vb.vb2_buf, VB2_BUF_STATE_DONE);
}

/* ---- ioctls ---- */

static int sdi8k_meta_querycap(struct file *file, void *priv,
			       struct v4l2_capability *cap)
{
	sdi8k_fill_querycap(video_drvdata(file), cap);
	return 0;
}

static int sdi8k_meta_enum_fmt(struct file *file, void *priv,
			       struct v4l2_fmtdesc *f)
{
	if (f->index)
		return -EINVAL;
	f->pixelformat = SDI8K_META_FMT_ANC;
	strscpy(f->description, "sdi8k SMPTE ST 291 Packets",
		sizeof(f->description));
	return 0;
}

static int sdi8k_meta_g_fmt(struct file *file, void *priv,
			    struct v4l2_format *f)
{
	f->fmt.meta.dataformat = SDI8K_META_FMT_ANC;
	f->fmt.meta.buffersize = SDI8K_ANC_BUFFER_SIZE;
	return 0;
}

/* The node's one input: the ancillary data of its SDI input */
static int sdi8k_meta_enum_input(struct file *file, void *priv,
				 struct v4l2_input *inp)
{
	struct sdi8k_input *in = video_drvdata(file);

	if (inp->index)
		return -EINVAL;
	snprintf(inp->name, sizeof(inp->name), "SDI %u ancillary data",
		 in->index + 1);
	inp->type = V4L2_INPUT_TYPE_CAMERA;
	return 0;
}

static int sdi8k_meta_g_input(struct file *file, void *priv, unsigned int *i)
{
	*i = 0;
	return 0;
}

static int sdi8k_meta_s_input(struct file *file, void *priv, unsigned int i)
{
	return i ? -EINVAL : 0;
}

static const struct v4l2_ioctl_ops sdi8k_meta_ioctl_ops = {
	.vidioc_querycap = sdi8k_meta_querycap,
	.vidioc_enum_fmt_meta_cap = sdi8k_meta_enum_fmt,
	.vidioc_g_fmt_meta_cap = sdi8k_meta_g_fmt,
	.vidioc_try_fmt_meta_cap = sdi8k_meta_g_fmt,
	.vidioc_s_fmt_meta_cap = sdi8k_meta_g_fmt,
	.vidioc_enum_input = sdi8k_meta_enum_input,
	.vidioc_g_input = sdi8k_meta_g_input,
	.vidioc_s_input = sdi8k_meta_s_input,
	.vidioc_reqbufs = vb2_ioctl_reqbufs,
	.vidioc_create_bufs = vb2_ioctl_create_bufs,
	.vidioc_prepare_buf = vb2_ioctl_prepare_buf,
	.vidioc_querybuf = vb2_ioctl_querybuf,
	.vidioc_qbuf = vb2_ioctl_qbuf,
	.vidioc_dqbuf = sdi8k_vidioc_dqbuf,
	.vidioc_expbuf = vb2_ioctl_expbuf,
	.vidioc_streamon = vb2_ioctl_streamon,
	.vidioc_streamoff = vb2_ioctl_streamoff,
};

static const struct v4l2_file_operations sdi8k_meta_fops = {
	.owner = THIS_MODULE,
	.open = v4l2_fh_open,
	.release = vb2_fop_release,
	.poll = vb2_fop_poll,
	.mmap = vb2_fop_mmap,
	.unlocked_ioctl = video_ioctl2,
};

/* ---- registration ---- */

int sdi8k_meta_register(struct sdi8k_input *in)
{
	struct video_device *vdev = &in->meta_vdev;
	struct vb2_queue *q = &in->meta_queue;
	int ret;

	mutex_init(&in->meta_lock);
	spin_lock_init(&in->meta_slock);
	INIT_LIST_HEAD(&in->meta_pending);

	q->type = V4L2_BUF_TYPE_META_CAPTURE;
	q->io_modes = VB2_MMAP | VB2_DMABUF;
	q->dev = in->card->dev;
	q->drv_priv = in;
	q->buf_struct_size = sizeof(struct sdi8k_meta_buffer);
	q->ops = &sdi8k_meta_vb2_ops;
	q->mem_ops = &vb2_vmalloc_memops;
	q->timestamp_flags = V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC |
			     V4L2_BUF_FLAG_TSTAMP_SRC_SOE;
	q->lock = &in->meta_lock;
	ret = vb2_queue_init(q);
	if (ret)
		return ret;

	snprintf(vdev->name, sizeof(vdev->name), "%s input %u meta",
		 in->card->name, in->index);
	vdev->fops = &sdi8k_meta_fops;
	vdev->ioctl_ops = &sdi8k_meta_ioctl_ops;
	vdev->device_caps = V4L2_CAP_META_CAPTURE | V4L2_CAP_STREAMING;
	vdev->release = video_device_release_empty;
	vdev->v4l2_dev = &in->card->v4l2_dev;
	vdev->queue = q;
	vdev->lock = &in->meta_lock;
	video_set_drvdata(vdev, in);
	return video_register_device(vdev, VFL_TYPE_VIDEO, -1);
}

void sdi8k_meta_unregister(struct sdi8k_input *in)
{
	vb2_video_unregister_device(&in->meta_vdev);
}

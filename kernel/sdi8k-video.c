// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k video nodes: one V4L2 capture node per SDI input, videobuf2 with
 * dma-sg buffers, the DV timings API and source-change events.
 */
#include <linux/slab.h>
#include <media/v4l2-event.h>
#include <media/v4l2-ioctl.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"
#include "uapi/sdi8k.h"

static inline struct sdi8k_buffer *to_sdi8k_buffer(struct vb2_buffer *vb)
{
	return container_of(to_vb2_v4l2_buffer(vb), struct sdi8k_buffer, vb);
}

/* Recompute the frame layout after a change of raster or format. */
static void sdi8k_update_layout(struct sdi8k_input *in)
{
	in->bytesperline = sdi8k_bytesperline(in->format,
					      sdi8k_raster_width(in->raster));
	in->sizeimage = sdi8k_sizeimage(in->format, in->bytesperline,
					sdi8k_raster_height(in->raster));
}

/**
 * sdi8k_format_ok - the running design packs this memory format
 * @card: the card
 * @f: the format
 *
 * The firmware's capability table lists the formats (docs/firmware.md);
 * without one, every format.
 */
bool sdi8k_format_ok(const struct sdi8k_card *card,
		     const struct sdi8k_format *f)
{
	return !card->fw.pixel_formats || card->fw.pixel_formats & BIT(f->hw);
}

/**
 * sdi8k_raster_ok - the running design receives this raster
 * @card: the card
 * @r: the raster
 *
 * Its link rate (each link's, for a quad-link raster) is within the
 * design's (CAPS).
 */
bool sdi8k_raster_ok(const struct sdi8k_card *card,
		     const struct sdi8k_raster *r)
{
	return sdi8k_raster_sublink(r)->link_rate <= card->max_link_rate;
}

/* The format a client gets unless it asks for another the design packs. */
static const struct sdi8k_format *
sdi8k_default_format(const struct sdi8k_card *card)
{
	unsigned int i;

	for (i = 0; i < sdi8k_num_formats; i++)
		if (sdi8k_format_ok(card, &sdi8k_formats[i]))
			return &sdi8k_formats[i];
	return &sdi8k_formats[0];	/* the capability table has one */
}

/*
 * The raster an input shows without a signal: @name, or the first of the
 * topology's rasters the design receives.
 */
static const struct sdi8k_raster *
sdi8k_default_raster(const struct sdi8k_card *card, const char *name)
{
	const struct sdi8k_raster *r = sdi8k_find_raster_name(name);
	bool quad = r && sdi8k_raster_quad(r);
	unsigned int i;

	if (r && sdi8k_raster_ok(card, r))
		return r;
	for (i = 0; i < sdi8k_num_rasters; i++)
		if (sdi8k_raster_quad(&sdi8k_rasters[i]) == quad &&
		    sdi8k_raster_ok(card, &sdi8k_rasters[i]))
			return &sdi8k_rasters[i];
	return r;
}

static void sdi8k_set_raster(struct sdi8k_input *in,
			     const struct sdi8k_raster *r)
{
	in->raster = r;
	sdi8k_raster_timings(r, &in->timings);
	sdi8k_update_layout(in);
}

/* ---- videobuf2 ---- */

static unsigned int max_queue_mb = 512;
module_param(max_queue_mb, uint, 0644);
MODULE_PARM_DESC(max_queue_mb,
		 "most memory one queue's MMAP buffers take, in MiB (default 512; REQBUFS never gives fewer than 4 buffers)");

static unsigned int max_card_mb = 2048;
module_param(max_card_mb, uint, 0644);
MODULE_PARM_DESC(max_card_mb,
		 "most memory the MMAP buffers of all queues of one card take, in MiB (default 2048)");

/*
 * The card's buffer budget. Buffers vb2 allocates for the card's queues
 * (MMAP) stay pinned and are charged to no process: what one card's
 * queues hold together is capped at max_card_mb, whatever REQBUFS and
 * CREATE_BUFS ask (count and size); each queue's own share at
 * max_queue_mb (REQBUFS still grants its minimum). Imported DMABUF memory
 * belongs to its exporter and is not charged here.
 */

/* max_queue_mb in bytes: what one queue's MMAP buffers may take */
u64 sdi8k_queue_max_bytes(void)
{
	return (u64)READ_ONCE(max_queue_mb) << 20;
}

/**
 * sdi8k_pin_allow - how many more buffers of @size a queue may allocate
 * @in: the input whose card pays
 * @queue_pinned: what the queue holds already (its pinned_* field)
 * @queue_max: the queue's own cap, bytes
 * @size: bytes per buffer
 */
unsigned int sdi8k_pin_allow(struct sdi8k_input *in, const u64 *queue_pinned,
			     u64 queue_max, u64 size)
{
	struct sdi8k_card *card = in->card;
	u64 card_max = (u64)READ_ONCE(max_card_mb) << 20, left;

	spin_lock(&card->pin_lock);
	left = card_max > card->pinned ? card_max - card->pinned : 0;
	left = min(left, queue_max > *queue_pinned ?
			 queue_max - *queue_pinned : 0);
	spin_unlock(&card->pin_lock);
	return min_t(u64, div64_u64(left, size), UINT_MAX);
}

/**
 * sdi8k_pin - charge one buffer of @size to the card's budget
 * @in: the input
 * @queue_pinned: its queue's pinned_* field
 * @size: bytes
 *
 * Return: 0, or -ENOMEM past max_card_mb (with a message).
 */
int sdi8k_pin(struct sdi8k_input *in, u64 *queue_pinned, u64 size)
{
	struct sdi8k_card *card = in->card;
	u64 card_max = (u64)READ_ONCE(max_card_mb) << 20;
	bool over;

	spin_lock(&card->pin_lock);
	over = card->pinned + size > card_max;
	if (!over) {
		card->pinned += size;
		*queue_pinned += size;
	}
	spin_unlock(&card->pin_lock);
	if (over)
		dev_warn_ratelimited(card->dev,
				     "%s input %u: buffer of %llu bytes refused: the card's queues hold %llu MiB of max_card_mb=%u MiB\n",
				     card->name, in->index, size,
				     READ_ONCE(card->pinned) >> 20,
				     READ_ONCE(max_card_mb));
	return over ? -ENOMEM : 0;
}

void sdi8k_unpin(struct sdi8k_input *in, u64 *queue_pinned, u64 size)
{
	struct sdi8k_card *card = in->card;

	spin_lock(&card->pin_lock);
	card->pinned -= min(card->pinned, size);
	*queue_pinned -= min(*queue_pinned, size);
	spin_unlock(&card->pin_lock);
}

/* sysfs buffer_memory: bytes the card's queues hold, and the budget */
static ssize_t buffer_memory_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);
	u64 pinned;

	spin_lock(&card->pin_lock);
	pinned = card->pinned;
	spin_unlock(&card->pin_lock);
	return sysfs_emit(buf, "%llu %llu\n", pinned,
			  (u64)READ_ONCE(max_card_mb) << 20);
}
DEVICE_ATTR_RO(buffer_memory);

/* The largest frame of any raster and format: 8K Y210 */
#define SDI8K_MAX_FRAME_BYTES	(7680U * 4320U * 4U)

static int sdi8k_queue_setup(struct vb2_queue *q, unsigned int *nbuffers,
			     unsigned int *nplanes, unsigned int sizes[],
			     struct device *alloc_devs[])
{
	struct sdi8k_input *in = vb2_get_drv_priv(q);
	unsigned int depth = SDI8K_MIN_REQBUFS, allow;
	u64 size = in->sizeimage;

	if (*nplanes) {		/* CREATE_BUFS: a size of the client's */
		if (sizes[0] < in->sizeimage || sizes[0] > SDI8K_MAX_FRAME_BYTES)
			return -EINVAL;
		size = sizes[0];
	}
	/*
	 * REQBUFS: give the card room to keep capturing while the client
	 * holds frames (vb2 only guarantees min_queued + 1 on 6.10+ and
	 * min_queued before); fewer buffers means dropped frames at 60p.
	 * Buffers the driver allocates itself (MMAP) come as many as fit in
	 * SDI8K_REQBUFS_BYTES, up to SDI8K_MAX_REQBUFS: a client asking for
	 * the minimum (GStreamer's v4l2src asks for 4, then grows its pool
	 * by one VIDIOC_CREATE_BUFS at a time once the card is down to one
	 * buffer) starts with 8 frames of 1080p 4:2:2, 5 of 1080p P010;
	 * 2160p and larger stay at SDI8K_MIN_REQBUFS.
	 */
	if (q->memory == VB2_MEMORY_MMAP)
		depth = clamp(SDI8K_REQBUFS_BYTES / in->sizeimage,
			      SDI8K_MIN_REQBUFS, SDI8K_MAX_REQBUFS);
	if (!*nplanes)
		*nbuffers = max(*nbuffers, depth);
	/*
	 * and no more than max_queue_mb (FFmpeg's V4L2 input asks for 256
	 * buffers, which vb2 would grant up to its limit: over 2 GiB of 8K
	 * frames pinned by one client), nor than the card's budget has left
	 */
	allow = sdi8k_pin_allow(in, &in->pinned_video,
				max_t(u64, sdi8k_queue_max_bytes(),
				      depth * size), size);
	if (q->memory != VB2_MEMORY_MMAP)	/* not charged; the count cap */
		allow = max_t(u64, depth,
			      div_u64(sdi8k_queue_max_bytes(), size));
	if (!allow) {
		dev_warn_ratelimited(in->card->dev,
				     "%s input %u: no buffer of %llu bytes fits max_queue_mb=%u MiB / max_card_mb=%u MiB\n",
				     in->card->name, in->index, size,
				     READ_ONCE(max_queue_mb), READ_ONCE(max_card_mb));
		return -ENOMEM;
	}
	*nbuffers = min(*nbuffers, allow);
	if (!*nplanes) {
		*nplanes = 1;
		sizes[0] = in->sizeimage;
	}
	return 0;
}

static int sdi8k_buf_init(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_buffer *buf = to_sdi8k_buffer(vb);
	int ret;

	if (vb->memory == VB2_MEMORY_MMAP) {
		ret = sdi8k_pin(in, &in->pinned_video, vb2_plane_size(vb, 0));
		if (ret)
			return ret;
		buf->pinned = vb2_plane_size(vb, 0);
	}
	ret = sdi8k_ring_map_buffer(in, buf);
	if (ret && buf->pinned) {
		sdi8k_unpin(in, &in->pinned_video, buf->pinned);
		buf->pinned = 0;
	}
	return ret;
}

static void sdi8k_buf_cleanup(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_buffer *buf = to_sdi8k_buffer(vb);

	sdi8k_ring_unmap_buffer(in, buf);
	if (buf->pinned) {
		sdi8k_unpin(in, &in->pinned_video, buf->pinned);
		buf->pinned = 0;
	}
}

static int sdi8k_buf_prepare(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_buffer *buf = to_sdi8k_buffer(vb);

	if (vb2_plane_size(vb, 0) < in->sizeimage || buf->length < in->sizeimage) {
		dev_dbg(in->card->dev, "%s input %u: buffer too small (%lu < %u)\n",
			in->card->name, in->index, vb2_plane_size(vb, 0),
			in->sizeimage);
		return -EINVAL;
	}
	vb2_set_plane_payload(vb, 0, in->sizeimage);
	return 0;
}

static void sdi8k_buf_queue(struct vb2_buffer *vb)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);

	sdi8k_ring_queue(in, to_sdi8k_buffer(vb));
}

static int sdi8k_start_streaming(struct vb2_queue *q, unsigned int count)
{
	struct sdi8k_input *in = vb2_get_drv_priv(q);
	int ret;

	ret = sdi8k_ring_start(in);
	if (ret)
		sdi8k_ring_return_queued(in);
	return ret;
}

static void sdi8k_stop_streaming(struct vb2_queue *q)
{
	sdi8k_ring_stop(vb2_get_drv_priv(q));
}

static const struct vb2_ops sdi8k_vb2_ops = {
	.queue_setup = sdi8k_queue_setup,
	.buf_init = sdi8k_buf_init,
	.buf_cleanup = sdi8k_buf_cleanup,
	.buf_prepare = sdi8k_buf_prepare,
	.buf_queue = sdi8k_buf_queue,
	.start_streaming = sdi8k_start_streaming,
	.stop_streaming = sdi8k_stop_streaming,
	SDI8K_VB2_WAIT_OPS
};

/* ---- ioctls ---- */

/*
 * Inputs 1-3 of a card in quad-link topology are links of input 0's 8K
 * signal: their nodes stay open for QUERYCAP, ENUMINPUT (link status),
 * controls and events, but everything that would capture answers EBUSY.
 */
static int sdi8k_grouped_busy(struct sdi8k_input *in)
{
	if (!sdi8k_input_grouped(in))
		return 0;
	dev_info_ratelimited(in->card->dev,
			     "%s input %u: link %u of the quad-link 8K input (topology %s); capture from input 0\n",
			     in->card->name, in->index, in->index + 1,
			     sdi8k_topology_name(in->card->topology));
	return -EBUSY;
}

static int sdi8k_reqbufs(struct file *file, void *priv,
			 struct v4l2_requestbuffers *p)
{
	int ret = p->count ? sdi8k_grouped_busy(video_drvdata(file)) : 0;

	return ret ? ret : vb2_ioctl_reqbufs(file, priv, p);
}

static int sdi8k_create_bufs(struct file *file, void *priv,
			     struct v4l2_create_buffers *p)
{
	int ret = p->count ? sdi8k_grouped_busy(video_drvdata(file)) : 0;

	return ret ? ret : vb2_ioctl_create_bufs(file, priv, p);
}

static int sdi8k_streamon(struct file *file, void *priv, enum v4l2_buf_type i)
{
	int ret = sdi8k_grouped_busy(video_drvdata(file));

	return ret ? ret : vb2_ioctl_streamon(file, priv, i);
}

/*
 * DQBUF, shared by the video and metadata nodes. videobuf2 marks a capture
 * queue as past its last buffer when the flags of a DQBUF say DONE and
 * LAST, and it reads them even when the DQBUF failed, so from what the
 * caller passed in. The mark outlives the caller: only STREAMOFF clears
 * it, not closing the file, and until then every DQBUF of every later
 * client fails with EPIPE, which v4l2-ctl takes as the end of its stream
 * and ends without a frame or a message. This card never ends a stream
 * with a LAST buffer: those bits on the way in are not the driver's.
 */
int sdi8k_vidioc_dqbuf(struct file *file, void *priv, struct v4l2_buffer *b)
{
	b->flags &= ~(V4L2_BUF_FLAG_DONE | V4L2_BUF_FLAG_LAST);
	return vb2_ioctl_dqbuf(file, priv, b);
}

/* Shared by the video and metadata nodes of an input. */
void sdi8k_fill_querycap(struct sdi8k_input *in, struct v4l2_capability *cap)
{
	struct sdi8k_card *card = in->card;

	strscpy(cap->driver, SDI8K_DRV_NAME, sizeof(cap->driver));
	snprintf(cap->card, sizeof(cap->card), "sdi8k 4x12G-SDI %s",
		 card->simulated ? "(simulated)" : "");
	snprintf(cap->bus_info, sizeof(cap->bus_info), "%s:%s:input%u",
		 card->simulated ? "platform" : "PCI", dev_name(card->dev),
		 in->index);
}

static int sdi8k_querycap(struct file *file, void *priv,
			  struct v4l2_capability *cap)
{
	sdi8k_fill_querycap(video_drvdata(file), cap);
	return 0;
}

static int sdi8k_enum_fmt(struct file *file, void *priv,
			  struct v4l2_fmtdesc *f)
{
	struct sdi8k_input *in = video_drvdata(file);
	const struct sdi8k_format *fmt = NULL;
	unsigned int i, n = 0;

	/* the running design's formats, in the table's order */
	for (i = 0; i < sdi8k_num_formats && !fmt; i++)
		if (sdi8k_format_ok(in->card, &sdi8k_formats[i]) &&
		    n++ == f->index)
			fmt = &sdi8k_formats[i];
	if (!fmt)
		return -EINVAL;
	f->pixelformat = fmt->fourcc;
	if (fmt->description)
		strscpy(f->description, fmt->description,
			sizeof(f->description));
	return 0;
}

static void sdi8k_fill_pix(struct sdi8k_input *in,
			   const struct sdi8k_format *fmt,
			   struct v4l2_pix_format *pix)
{
	const struct sdi8k_raster *r = in->raster;
	u32 bpl = sdi8k_bytesperline(fmt, sdi8k_raster_width(r));

	pix->width = sdi8k_raster_width(r);
	pix->height = sdi8k_raster_height(r);
	pix->pixelformat = fmt->fourcc;
	pix->field = sdi8k_raster_interlaced(r) ? V4L2_FIELD_INTERLACED :
						  V4L2_FIELD_NONE;
	pix->bytesperline = bpl;
	pix->sizeimage = sdi8k_sizeimage(fmt, bpl, pix->height);
	/*
	 * from the payload ID; HLG shows as 709 and ICtCp as the colorspace's
	 * Y'CbCr encoding here, see their controls
	 */
	pix->colorspace = in->color.colorspace;
	pix->xfer_func = in->color.xfer_func;
	pix->ycbcr_enc = in->color.ycbcr_enc;
	pix->quantization = in->color.quantization;
	pix->flags = 0;
	pix->priv = 0;
}

static int sdi8k_g_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct sdi8k_input *in = video_drvdata(file);

	sdi8k_fill_pix(in, in->format, &f->fmt.pix);
	return 0;
}

static int sdi8k_try_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct sdi8k_input *in = video_drvdata(file);
	const struct sdi8k_format *fmt = sdi8k_find_format(f->fmt.pix.pixelformat);

	if (!fmt || !sdi8k_format_ok(in->card, fmt))
		fmt = sdi8k_default_format(in->card);
	sdi8k_fill_pix(in, fmt, &f->fmt.pix);
	return 0;
}

static int sdi8k_s_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct sdi8k_input *in = video_drvdata(file);
	int ret;

	if (vb2_is_busy(&in->queue))
		return -EBUSY;
	ret = sdi8k_grouped_busy(in);
	if (ret)
		return ret;
	ret = sdi8k_try_fmt(file, priv, f);
	if (ret)
		return ret;
	in->format = sdi8k_find_format(f->fmt.pix.pixelformat);
	sdi8k_update_layout(in);
	return 0;
}

static int sdi8k_enum_input(struct file *file, void *priv,
			    struct v4l2_input *inp)
{
	struct sdi8k_input *in = video_drvdata(file);
	int err = 0;

	if (inp->index)
		return -EINVAL;
	if (sdi8k_input_grouped(in))
		snprintf(inp->name, sizeof(inp->name),
			 "SDI %u (link %u of 8K on SDI 1)", in->index + 1,
			 in->index + 1);
	else if (sdi8k_card_quad(in->card))
		snprintf(inp->name, sizeof(inp->name), "SDI 1-4 (8K %s)",
			 in->card->topology == SDI8K_TOPO_QUAD_2SI ? "2SI" :
								    "SQD");
	else
		snprintf(inp->name, sizeof(inp->name), "SDI %u", in->index + 1);
	inp->type = V4L2_INPUT_TYPE_CAMERA;
	inp->capabilities = V4L2_IN_CAP_DV_TIMINGS;
	inp->status = 0;
	if (!sdi8k_detect_raster(in, &err)) {
		if (err == -ENOLINK)
			inp->status = V4L2_IN_ST_NO_SIGNAL;
		else
			inp->status = V4L2_IN_ST_NO_SYNC;
	}
	return 0;
}

static int sdi8k_g_input(struct file *file, void *priv, unsigned int *i)
{
	*i = 0;
	return 0;
}

static int sdi8k_s_input(struct file *file, void *priv, unsigned int i)
{
	return i ? -EINVAL : 0;
}

/* The topology's capabilities, within the rasters the design receives. */
static void sdi8k_input_timings_cap(struct sdi8k_input *in,
				    struct v4l2_dv_timings_cap *cap)
{
	bool quad = sdi8k_card_quad(in->card);
	struct v4l2_bt_timings_cap *bt = &cap->bt;
	u32 w = 0, h = 0;
	u64 clock = 0;
	unsigned int i;

	*cap = quad ? sdi8k_timings_cap_quad : sdi8k_timings_cap;
	for (i = 0; i < sdi8k_num_rasters; i++) {
		const struct sdi8k_raster *r = &sdi8k_rasters[i];

		if (sdi8k_raster_quad(r) != quad || !sdi8k_raster_ok(in->card, r))
			continue;
		w = max(w, r->timings.bt.width);
		h = max(h, r->timings.bt.height);
		clock = max(clock, r->timings.bt.pixelclock);
	}
	if (!clock)
		return;
	bt->max_width = min(bt->max_width, w);
	bt->max_height = min(bt->max_height, h);
	bt->max_pixelclock = min(bt->max_pixelclock, clock);
	bt->min_width = min(bt->min_width, w);
	bt->min_height = min(bt->min_height, h);
	bt->min_pixelclock = min(bt->min_pixelclock, clock);
}

static int sdi8k_s_dv_timings(struct file *file, void *priv,
			      struct v4l2_dv_timings *t)
{
	struct sdi8k_input *in = video_drvdata(file);
	struct v4l2_dv_timings_cap cap;
	const struct sdi8k_raster *r;
	int ret;

	ret = sdi8k_grouped_busy(in);
	if (ret)
		return ret;
	sdi8k_input_timings_cap(in, &cap);
	if (!v4l2_valid_dv_timings(t, &cap, NULL, NULL))
		return -EINVAL;
	r = sdi8k_find_raster_timings(t);
	if (!r || sdi8k_raster_quad(r) != sdi8k_card_quad(in->card) ||
	    !sdi8k_raster_ok(in->card, r))
		return -EINVAL;
	if (r == in->raster) {
		*t = in->timings;
		return 0;
	}
	if (vb2_is_busy(&in->queue))
		return -EBUSY;
	sdi8k_set_raster(in, r);
	*t = in->timings;
	return 0;
}

static int sdi8k_g_dv_timings(struct file *file, void *priv,
			      struct v4l2_dv_timings *t)
{
	struct sdi8k_input *in = video_drvdata(file);

	*t = in->timings;
	return 0;
}

static int sdi8k_query_dv_timings(struct file *file, void *priv,
				  struct v4l2_dv_timings *t)
{
	struct sdi8k_input *in = video_drvdata(file);
	const struct sdi8k_raster *r;
	int err;

	r = sdi8k_detect_raster(in, &err);
	if (!r)
		return err;
	sdi8k_raster_timings(r, t);
	return 0;
}

static int sdi8k_enum_dv_timings(struct file *file, void *priv,
				 struct v4l2_enum_dv_timings *t)
{
	struct sdi8k_input *in = video_drvdata(file);
	bool quad = sdi8k_card_quad(in->card);
	unsigned int i, n = 0;

	if (t->pad)
		return -EINVAL;
	/* one entry per preset: 1/1.001 rates are its REDUCED_FPS variant */
	for (i = 0; i < sdi8k_num_rasters; i++) {
		if (sdi8k_rasters[i].reduced_fps ||
		    sdi8k_raster_quad(&sdi8k_rasters[i]) != quad ||
		    !sdi8k_raster_ok(in->card, &sdi8k_rasters[i]))
			continue;
		if (n++ == t->index) {
			t->timings = sdi8k_rasters[i].timings;
			return 0;
		}
	}
	return -EINVAL;
}

static int sdi8k_dv_timings_cap(struct file *file, void *priv,
				struct v4l2_dv_timings_cap *cap)
{
	if (cap->pad)
		return -EINVAL;
	sdi8k_input_timings_cap(video_drvdata(file), cap);
	return 0;
}

static int sdi8k_g_parm(struct file *file, void *priv,
			struct v4l2_streamparm *a)
{
	struct sdi8k_input *in = video_drvdata(file);

	if (a->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
		return -EINVAL;
	memset(&a->parm.capture, 0, sizeof(a->parm.capture));
	a->parm.capture.capability = V4L2_CAP_TIMEPERFRAME;
	a->parm.capture.timeperframe.numerator = in->raster->rate_den;
	a->parm.capture.timeperframe.denominator = in->raster->rate_num;
	a->parm.capture.readbuffers = 0;
	return 0;
}

static int sdi8k_subscribe_event(struct v4l2_fh *fh,
				 const struct v4l2_event_subscription *sub)
{
	switch (sub->type) {
	case V4L2_EVENT_SOURCE_CHANGE:
		return v4l2_src_change_event_subscribe(fh, sub);
	default:
		return v4l2_ctrl_subscribe_event(fh, sub);
	}
}

static int sdi8k_log_status(struct file *file, void *priv)
{
	struct sdi8k_input *in = video_drvdata(file);
	int err = 0;
	const struct sdi8k_raster *r = sdi8k_detect_raster(in, &err);

	v4l2_info(&in->card->v4l2_dev,
		  "input %u: signal %s, set to %s, captured %u, dropped %u\n",
		  in->index, r ? r->name : "none", in->raster->name,
		  sdi8k_in_read(in, SDI8K_IN_FRAMES_CAPTURED),
		  sdi8k_in_read(in, SDI8K_IN_FRAMES_DROPPED));
	return v4l2_ctrl_log_status(file, priv);
}

static const struct v4l2_ioctl_ops sdi8k_ioctl_ops = {
	.vidioc_querycap = sdi8k_querycap,
	.vidioc_enum_fmt_vid_cap = sdi8k_enum_fmt,
	.vidioc_g_fmt_vid_cap = sdi8k_g_fmt,
	.vidioc_try_fmt_vid_cap = sdi8k_try_fmt,
	.vidioc_s_fmt_vid_cap = sdi8k_s_fmt,
	.vidioc_enum_input = sdi8k_enum_input,
	.vidioc_g_input = sdi8k_g_input,
	.vidioc_s_input = sdi8k_s_input,
	.vidioc_s_dv_timings = sdi8k_s_dv_timings,
	.vidioc_g_dv_timings = sdi8k_g_dv_timings,
	.vidioc_query_dv_timings = sdi8k_query_dv_timings,
	.vidioc_enum_dv_timings = sdi8k_enum_dv_timings,
	.vidioc_dv_timings_cap = sdi8k_dv_timings_cap,
	.vidioc_g_parm = sdi8k_g_parm,
	.vidioc_reqbufs = sdi8k_reqbufs,
	.vidioc_create_bufs = sdi8k_create_bufs,
	.vidioc_prepare_buf = vb2_ioctl_prepare_buf,
	.vidioc_querybuf = vb2_ioctl_querybuf,
	.vidioc_qbuf = vb2_ioctl_qbuf,
	.vidioc_dqbuf = sdi8k_vidioc_dqbuf,
	.vidioc_expbuf = vb2_ioctl_expbuf,
	.vidioc_streamon = sdi8k_streamon,
	.vidioc_streamoff = vb2_ioctl_streamoff,
	.vidioc_log_status = sdi8k_log_status,
	.vidioc_subscribe_event = sdi8k_subscribe_event,
	.vidioc_unsubscribe_event = v4l2_event_unsubscribe,
};

static const struct v4l2_file_operations sdi8k_fops = {
	.owner = THIS_MODULE,
	.open = v4l2_fh_open,
	.release = vb2_fop_release,
	.poll = vb2_fop_poll,
	.mmap = vb2_fop_mmap,
	.unlocked_ioctl = video_ioctl2,
};

/* ---- signal changes ---- */

/**
 * sdi8k_vpid_colorimetry - what an ST 352 payload ID says of the picture
 * @vpid: the PAYLOAD_ID register: byte 1 in bits 7:0 ... byte 4 in 31:24
 * @c: filled in V4L2 terms
 *
 * The decoding table is in docs/ancillary.md, section 2 ("What the driver
 * reports"): byte 2 bits 5-4 give the transfer function, byte 3 the
 * colorimetry (bits 5-4; bits 7 and 4 on the 1.5G 1080-line payload
 * 0x85), byte 4 bit 4 Y'CbCr or ICtCp, byte 4 bits 1-0 the bit depth and,
 * on 3G and faster payloads, full range (codes 0 and 3). Colorimetry 1
 * (signalled elsewhere) and 3 (unknown) fall back to BT.2020 for an HLG
 * or PQ signal (BT.2100 has no other primaries) and BT.709 otherwise. No
 * payload ID: HD SDR, BT.709, limited range.
 */
static void sdi8k_vpid_colorimetry(u32 vpid, struct sdi8k_picture_color *c)
{
	struct sdi8k_vpid v = { };
	u8 bytes[4];
	bool hdr;

	sdi8k_put_le32(bytes, vpid);
	if (bytes[0])	/* byte 1 zero: no payload ID, the defaults below */
		sdi8k_vpid_decode(bytes, &v);
	c->transfer = v.transfer;
	hdr = c->transfer == SDI8K_TRANSFER_HLG ||
	      c->transfer == SDI8K_TRANSFER_PQ;
	if (v.colorimetry == SDI8K_COLORIMETRY_BT2020 ||
	    (v.colorimetry != SDI8K_COLORIMETRY_BT709 && hdr))
		c->colorspace = V4L2_COLORSPACE_BT2020;
	else
		c->colorspace = V4L2_COLORSPACE_REC709;
	c->ycbcr_enc = c->colorspace == V4L2_COLORSPACE_BT2020 ?
		       V4L2_YCBCR_ENC_BT2020 : V4L2_YCBCR_ENC_709;
	/* V4L2 has no HLG: SDR, HLG and unspecified say 709 */
	c->xfer_func = c->transfer == SDI8K_TRANSFER_PQ ?
		       V4L2_XFER_FUNC_SMPTE2084 : V4L2_XFER_FUNC_709;
	c->encoding = v.ictcp ? SDI8K_ENCODING_ICTCP : SDI8K_ENCODING_YCBCR;
	/* 0x85: 0 8-bit, 1 10-bit; 3G and above: 0 and 3 are full range */
	c->quantization = v.full_range ? V4L2_QUANTIZATION_FULL_RANGE :
					 V4L2_QUANTIZATION_LIM_RANGE;
}

/*
 * Colorimetry from the payload ID the input receives; @lock held.
 * Returns the payload ID.
 */
static u32 sdi8k_update_colorimetry(struct sdi8k_input *in)
{
	u32 vpid = sdi8k_in_read(in, SDI8K_IN_PAYLOAD_ID(0));

	sdi8k_vpid_colorimetry(vpid, &in->color);
	return vpid;
}

/*
 * Process context reaction to SIGNAL_CHANGE: follow the new raster when
 * nothing holds buffers (so plain clients such as ffmpeg find the right
 * size), update the controls and tell subscribers.
 */
void sdi8k_video_signal_work(struct work_struct *work)
{
	struct sdi8k_input *in = container_of(work, struct sdi8k_input,
					      signal_work);
	static const struct v4l2_event ev = {
		.type = V4L2_EVENT_SOURCE_CHANGE,
		.u.src_change.changes = V4L2_EVENT_SRC_CH_RESOLUTION,
	};
	struct sdi8k_picture_color color;
	const struct sdi8k_raster *r;
	int err = 0;
	u32 vpid;

	mutex_lock(&in->lock);
	if (!in->index)		/* a quad group's changes are input 0's */
		sdi8k_quad_follow_links(in->card);
	r = sdi8k_detect_raster(in, &err);
	if (r && r != in->raster && !vb2_is_busy(&in->queue))
		sdi8k_set_raster(in, r);
	vpid = sdi8k_update_colorimetry(in);
	color = in->color;
	mutex_unlock(&in->lock);

	/*
	 * A new signal or payload ID makes the static HDR metadata seen so far
	 * stale: forget it; the next frames carry the new signal's.
	 */
	sdi8k_anc_forget_hdr(in, vpid);

	v4l2_ctrl_s_ctrl(in->ctrl_rx_power, err == -ENOLINK ? 0 : 1);
	v4l2_ctrl_s_ctrl(in->ctrl_transfer, color.transfer);
	v4l2_ctrl_s_ctrl(in->ctrl_encoding, color.encoding);
	dev_dbg(in->card->dev, "%s input %u: signal %s\n", in->card->name,
		in->index, r ? r->name : "lost");
	v4l2_event_queue(&in->vdev, &ev);
}

/**
 * sdi8k_video_set_topology - follow a change of the card's topology
 * @in: the input; its @lock held (sdi8k-topology.c holds them all)
 *
 * Input 0 takes the raster now detected or, without one, the default of
 * the new topology; the other inputs keep theirs (in quad topology they
 * cannot stream). Every node gets a source-change event.
 */
void sdi8k_video_set_topology(struct sdi8k_input *in)
{
	static const struct v4l2_event ev = {
		.type = V4L2_EVENT_SOURCE_CHANGE,
		.u.src_change.changes = V4L2_EVENT_SRC_CH_RESOLUTION,
	};
	const struct sdi8k_raster *r;
	int err = 0;

	lockdep_assert_held(&in->lock);
	if (!sdi8k_input_grouped(in)) {
		r = sdi8k_detect_raster(in, &err);
		if (!r)
			r = sdi8k_default_raster(in->card,
						 sdi8k_card_quad(in->card) ?
						 "4320p59.94" : "1080p59.94");
		sdi8k_set_raster(in, r);
	}
	v4l2_event_queue(&in->vdev, &ev);
}

/* ---- registration ---- */

static int sdi8k_g_volatile_ctrl(struct v4l2_ctrl *ctrl)
{
	struct sdi8k_input *in = ctrl->priv;
	unsigned long flags;

	switch (ctrl->id) {
	case SDI8K_CID_ANC_MALFORMED:
		spin_lock_irqsave(&in->slock, flags);
		*ctrl->p_new.p_s64 = in->anc_malformed;
		spin_unlock_irqrestore(&in->slock, flags);
		return 0;
	case SDI8K_CID_ANC_BAD_PAYLOAD:
		spin_lock_irqsave(&in->slock, flags);
		*ctrl->p_new.p_s64 = in->anc_bad_payload;
		spin_unlock_irqrestore(&in->slock, flags);
		return 0;
	case SDI8K_CID_ANC_OVERFLOW:
		spin_lock_irqsave(&in->slock, flags);
		*ctrl->p_new.p_s64 = in->anc_overflow;
		spin_unlock_irqrestore(&in->slock, flags);
		return 0;
	case SDI8K_CID_SEQUENCE_BASE:
		spin_lock_irqsave(&in->slock, flags);
		/* a card frame count past the control's range: a fault */
		*ctrl->p_new.p_s64 = in->seq_valid && in->seq_base < S64_MAX ?
				     (s64)in->seq_base : -1;
		spin_unlock_irqrestore(&in->slock, flags);
		return 0;
	case SDI8K_CID_PAYLOAD_ID:
		/* the register as a signed control value, bit for bit */
		ctrl->val = (s32)sdi8k_in_read(in, SDI8K_IN_PAYLOAD_ID(0));
		return 0;
	default:
		return -EINVAL;
	}
}

static const struct v4l2_ctrl_ops sdi8k_ctrl_ops = {
	.g_volatile_ctrl = sdi8k_g_volatile_ctrl,
};

static const char * const sdi8k_transfer_menu[] = {
	"SDR (BT.709/BT.1886)", "HLG (BT.2100)", "PQ (SMPTE ST 2084)",
	"Unspecified", NULL,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_transfer = {
	.id = SDI8K_CID_TRANSFER_FUNCTION,
	.name = "Transfer Function",
	.type = V4L2_CTRL_TYPE_MENU,
	.max = SDI8K_TRANSFER_UNSPECIFIED,
	.def = SDI8K_TRANSFER_SDR,
	.qmenu = sdi8k_transfer_menu,
	.flags = V4L2_CTRL_FLAG_READ_ONLY,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_malformed = {
	.ops = &sdi8k_ctrl_ops,
	.id = SDI8K_CID_ANC_MALFORMED,
	.name = "Malformed ANC Packets",
	.type = V4L2_CTRL_TYPE_INTEGER64,
	.min = 0,
	.max = S64_MAX,
	.step = 1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_bad_payload = {
	.ops = &sdi8k_ctrl_ops,
	.id = SDI8K_CID_ANC_BAD_PAYLOAD,
	.name = "Bad Payload ANC Packets",
	.type = V4L2_CTRL_TYPE_INTEGER64,
	.min = 0,
	.max = S64_MAX,
	.step = 1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_overflow = {
	.ops = &sdi8k_ctrl_ops,
	.id = SDI8K_CID_ANC_OVERFLOW,
	.name = "ANC Overflow",
	.type = V4L2_CTRL_TYPE_INTEGER64,
	.min = 0,
	.max = S64_MAX,
	.step = 1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_sequence_base = {
	.ops = &sdi8k_ctrl_ops,
	.id = SDI8K_CID_SEQUENCE_BASE,
	.name = "Sequence Base Frame Count",
	.type = V4L2_CTRL_TYPE_INTEGER64,
	/* max - min fits in an s64 (v4l2-compliance checks step against it) */
	.min = -1,
	.max = S64_MAX - 1,
	.step = 1,
	.def = -1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

static const char * const sdi8k_encoding_menu[] = {
	"Y'CbCr", "ICtCp", NULL,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_encoding = {
	.id = SDI8K_CID_COLOR_ENCODING,
	.name = "Colour Encoding",
	.type = V4L2_CTRL_TYPE_MENU,
	.max = SDI8K_ENCODING_ICTCP,
	.def = SDI8K_ENCODING_YCBCR,
	.qmenu = sdi8k_encoding_menu,
	.flags = V4L2_CTRL_FLAG_READ_ONLY,
};

static const struct v4l2_ctrl_config sdi8k_ctrl_payload_id = {
	.ops = &sdi8k_ctrl_ops,
	.id = SDI8K_CID_PAYLOAD_ID,
	.name = "ST 352 Payload ID",
	.type = V4L2_CTRL_TYPE_INTEGER,
	.min = S32_MIN,
	.max = S32_MAX,
	.step = 1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

/* A standard compound control, made read-only: the input reports it. */
static struct v4l2_ctrl *sdi8k_new_ro_std(struct v4l2_ctrl_handler *hdl,
					  u32 id)
{
	const struct v4l2_ctrl_config cfg = { .id = id };	/* std name */
	struct v4l2_ctrl *ctrl = v4l2_ctrl_new_custom(hdl, &cfg, NULL);

	if (ctrl)
		ctrl->flags |= V4L2_CTRL_FLAG_READ_ONLY;
	return ctrl;
}

static int sdi8k_init_controls(struct sdi8k_input *in, bool signal)
{
	struct v4l2_ctrl_handler *hdl = &in->ctrls;

	v4l2_ctrl_handler_init(hdl, 11);
	in->ctrl_rx_power = v4l2_ctrl_new_std(hdl, NULL,
					      V4L2_CID_DV_RX_POWER_PRESENT,
					      0, 1, 0, signal);
	in->ctrl_transfer = v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_transfer,
						 NULL);
	in->ctrl_encoding = v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_encoding,
						 NULL);
	/* the control framework adds class controls for plain ones only */
	v4l2_ctrl_new_std(hdl, NULL, V4L2_CID_COLORIMETRY_CLASS, 0, 0, 0, 0);
	in->ctrl_mdcv = sdi8k_new_ro_std(hdl,
					 V4L2_CID_COLORIMETRY_HDR10_MASTERING_DISPLAY);
	in->ctrl_cll = sdi8k_new_ro_std(hdl, V4L2_CID_COLORIMETRY_HDR10_CLL_INFO);
	v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_malformed, in);
	v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_bad_payload, in);
	v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_overflow, in);
	v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_payload_id, in);
	v4l2_ctrl_new_custom(hdl, &sdi8k_ctrl_sequence_base, in);
	if (hdl->error)
		return hdl->error;
	v4l2_ctrl_activate(in->ctrl_mdcv, false);	/* none seen yet */
	v4l2_ctrl_s_ctrl(in->ctrl_transfer, in->color.transfer);
	v4l2_ctrl_s_ctrl(in->ctrl_encoding, in->color.encoding);
	return 0;
}

int sdi8k_video_register(struct sdi8k_input *in)
{
	struct sdi8k_card *card = in->card;
	struct video_device *vdev = &in->vdev;
	struct vb2_queue *q = &in->queue;
	const struct sdi8k_raster *r;
	int err = 0;
	int ret;

	in->format = sdi8k_default_format(card);
	r = sdi8k_detect_raster(in, &err);
	sdi8k_set_raster(in, r ? r : sdi8k_default_raster(card, "1080p59.94"));
	in->vpid = sdi8k_update_colorimetry(in);	/* no interrupts yet */

	ret = sdi8k_init_controls(in, r);
	if (ret)
		goto err_ctrls;

	q->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	q->io_modes = VB2_MMAP | VB2_DMABUF;
	q->dev = card->dev;
	q->drv_priv = in;
	q->buf_struct_size = sizeof(struct sdi8k_buffer);
	q->ops = &sdi8k_vb2_ops;
	q->mem_ops = &sdi8k_vb2_memops;	/* sdi8k-vb2.c */
	q->timestamp_flags = V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC |
			     V4L2_BUF_FLAG_TSTAMP_SRC_SOE;
	SDI8K_VB2_SET_MIN_QUEUED(q, SDI8K_MIN_QUEUED);
	q->lock = &in->lock;
	ret = vb2_queue_init(q);
	if (ret)
		goto err_ctrls;

	snprintf(vdev->name, sizeof(vdev->name), "%s input %u",
		 card->name, in->index);
	vdev->fops = &sdi8k_fops;
	vdev->ioctl_ops = &sdi8k_ioctl_ops;
	vdev->device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
	vdev->release = video_device_release_empty;
	vdev->v4l2_dev = &card->v4l2_dev;
	vdev->queue = q;
	vdev->lock = &in->lock;
	vdev->ctrl_handler = &in->ctrls;
	video_set_drvdata(vdev, in);
	ret = video_register_device(vdev, VFL_TYPE_VIDEO, -1);
	if (ret)
		goto err_ctrls;
	ret = sdi8k_meta_register(in);
	if (ret) {
		vb2_video_unregister_device(vdev);
		goto err_ctrls;
	}
	dev_info(card->dev, "%s input %u: %s, signal %s\n", card->name,
		 in->index, video_device_node_name(vdev),
		 r ? r->name : "none");
	return 0;

err_ctrls:
	v4l2_ctrl_handler_free(&in->ctrls);
	return ret;
}

void sdi8k_video_unregister(struct sdi8k_input *in)
{
	vb2_video_unregister_device(&in->vdev);
	sdi8k_meta_unregister(in);
}

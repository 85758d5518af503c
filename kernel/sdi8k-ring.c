// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k descriptor ring: the scatter-gather chain of each vb2 buffer, the
 * per-input ring of frame descriptors the card fills, and completion.
 *
 * Ownership: a ring slot between @done and @tail belongs to the card until
 * RING_HEAD passes it; the driver never touches such a descriptor's
 * scatter-gather chain or buffer meanwhile. See docs/hardware.md.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/iopoll.h>
#include <linux/slab.h>

#include "sdi8k.h"

static atomic64_t sdi8k_next_cookie = ATOMIC64_INIT(1);

int sdi8k_ring_alloc(struct sdi8k_input *in)
{
	in->ring = dma_alloc_coherent(in->card->dev,
				      SDI8K_RING_ENTRIES * sizeof(*in->ring),
				      &in->ring_dma, GFP_KERNEL);
	if (!in->ring)
		return -ENOMEM;
	if (sdi8k_anc_alloc(in)) {
		sdi8k_ring_free(in);
		return -ENOMEM;
	}
	return 0;
}

void sdi8k_ring_free(struct sdi8k_input *in)
{
	sdi8k_anc_free(in);
	if (!in->ring)
		return;
	dma_free_coherent(in->card->dev,
			  SDI8K_RING_ENTRIES * sizeof(*in->ring),
			  in->ring, in->ring_dma);
	in->ring = NULL;
}

static void sdi8k_free_blocks(struct sdi8k_card *card,
			      struct sdi8k_buffer *buf)
{
	unsigned int i;

	for (i = 0; i < buf->nblocks; i++)
		dma_pool_free(card->sg_pool, buf->sg_blocks[i],
			      buf->sg_dma[i]);
	kvfree(buf->sg_blocks);
	kvfree(buf->sg_dma);
	buf->sg_blocks = NULL;
	buf->sg_dma = NULL;
	buf->nblocks = 0;
}

/*
 * Build the chain the card walks for this buffer from its DMA-mapped
 * scatterlist: blocks of SDI8K_SG_PER_BLOCK entries, each full block
 * ending in a link to the next one.
 */
int sdi8k_ring_map_buffer(struct sdi8k_input *in, struct sdi8k_buffer *buf)
{
	struct sdi8k_card *card = in->card;
	struct sg_table *sgt = vb2_plane_cookie(&buf->vb.vb2_buf, 0);
	const unsigned int per = SDI8K_SG_PER_BLOCK - 1;
	struct scatterlist *sg;
	unsigned int n, i, b;
	u64 total = 0;

	if (!sgt || !sgt->nents)
		return -EINVAL;
	n = sgt->nents;
	buf->nblocks = DIV_ROUND_UP(n, per);
	buf->sg_blocks = kvcalloc(buf->nblocks, sizeof(*buf->sg_blocks),
				  GFP_KERNEL);
	buf->sg_dma = kvcalloc(buf->nblocks, sizeof(*buf->sg_dma), GFP_KERNEL);
	if (!buf->sg_blocks || !buf->sg_dma) {
		buf->nblocks = 0;
		sdi8k_free_blocks(card, buf);
		return -ENOMEM;
	}
	for (b = 0; b < buf->nblocks; b++) {
		buf->sg_blocks[b] = dma_pool_zalloc(card->sg_pool, GFP_KERNEL,
						    &buf->sg_dma[b]);
		if (!buf->sg_blocks[b]) {
			buf->nblocks = b;
			sdi8k_free_blocks(card, buf);
			return -ENOMEM;
		}
	}

	for_each_sgtable_dma_sg(sgt, sg, i) {
		struct sdi8k_sg_entry *e = &buf->sg_blocks[i / per][i % per];

		e->addr = cpu_to_le64(sg_dma_address(sg));
		e->len = cpu_to_le32(sg_dma_len(sg));
		e->flags = cpu_to_le32(i == n - 1 ? SDI8K_SG_LAST : 0);
		total += sg_dma_len(sg);
	}
	for (b = 0; b + 1 < buf->nblocks; b++) {
		struct sdi8k_sg_entry *link = &buf->sg_blocks[b][per];

		link->addr = cpu_to_le64(buf->sg_dma[b + 1]);
		link->len = 0;
		link->flags = cpu_to_le32(SDI8K_SG_LINK);
	}
	if (total > U32_MAX) {
		sdi8k_free_blocks(card, buf);
		return -EINVAL;
	}
	buf->sg_count = n;
	buf->length = total;
	buf->cookie = atomic64_inc_return(&sdi8k_next_cookie);
	return 0;
}

void sdi8k_ring_unmap_buffer(struct sdi8k_input *in, struct sdi8k_buffer *buf)
{
	sdi8k_free_blocks(in->card, buf);
}

/* Move pending buffers into free ring slots. Called with @slock held. */
static void sdi8k_ring_refill(struct sdi8k_input *in)
{
	u32 old_tail = in->tail;

	while (in->streaming && !in->ring_fault && !in->halted && !list_empty(&in->pending) &&
	       in->tail - in->done < SDI8K_RING_ENTRIES) {
		struct sdi8k_buffer *buf;
		unsigned int slot = in->tail % SDI8K_RING_ENTRIES;
		struct sdi8k_desc *d = &in->ring[slot];

		buf = list_first_entry(&in->pending, struct sdi8k_buffer, list);
		list_del(&buf->list);
		in->slots[slot] = buf;

		memset(d, 0, sizeof(*d));
		d->sg_addr = cpu_to_le64(buf->sg_dma[0]);
		d->sg_count = cpu_to_le32(buf->sg_count);
		d->cookie = cpu_to_le64(buf->cookie);
		d->length = cpu_to_le32(buf->length);
		/* the descriptor is complete before the card may own it */
		dma_wmb();
		d->ctrl = cpu_to_le32(SDI8K_DESC_OWN);
		in->tail++;
	}
	if (in->tail != old_tail) {
		/* descriptors are visible before the doorbell */
		wmb();
		sdi8k_in_write(in, SDI8K_IN_RING_TAIL, in->tail);
	}
}

void sdi8k_ring_queue(struct sdi8k_input *in, struct sdi8k_buffer *buf)
{
	unsigned long flags;

	spin_lock_irqsave(&in->slock, flags);
	list_add_tail(&buf->list, &in->pending);
	sdi8k_ring_refill(in);
	spin_unlock_irqrestore(&in->slock, flags);
}

/*
 * Complete every descriptor the card wrote back. Interrupt context, or
 * process context with interrupts of this input synchronised.
 */
void sdi8k_ring_complete(struct sdi8k_input *in)
{
	unsigned long flags;
	u32 head;

	spin_lock_irqsave(&in->slock, flags);
	/* the engine was reset: RING_HEAD reads 0, nothing is the card's */
	if (in->halted) {
		spin_unlock_irqrestore(&in->slock, flags);
		return;
	}
	head = sdi8k_in_read(in, SDI8K_IN_RING_HEAD);
	/*
	 * A head outside what the card was handed (all-ones: the card is
	 * gone) is a card fault: every descriptor may still be the card's.
	 * Complete none and hand it no more; the client's queue reports an
	 * error until the stream restarts (docs/hardware.md).
	 */
	if (head - in->done > in->tail - in->done) {
		if (in->streaming && !in->ring_fault) {
			in->ring_fault = true;
			dev_err(in->card->dev,
				"%s input %u: card reports RING_HEAD %u outside %u..%u%s: capture stopped, restart the stream\n",
				in->card->name, in->index, head, in->done,
				in->tail, head == U32_MAX ?
				" (the card does not answer)" : "");
			vb2_queue_error(&in->queue);
		}
		spin_unlock_irqrestore(&in->slock, flags);
		return;
	}
	/* read descriptors only after seeing the head that covers them */
	dma_rmb();
	while (in->streaming && in->done != head) {
		unsigned int slot = in->done % SDI8K_RING_ENTRIES;
		struct sdi8k_desc *d = &in->ring[slot];
		struct sdi8k_buffer *buf = in->slots[slot];
		u32 status = le32_to_cpu(d->status);
		u64 count = le64_to_cpu(d->frame_count);
		enum vb2_buffer_state state = VB2_BUF_STATE_DONE;
		struct sdi8k_anc_meta meta = { };
		struct sdi8k_meta_buffer *mbuf;
		struct sdi8k_anc_result anc;
		u32 written;

		in->slots[slot] = NULL;
		in->done++;
		if (!buf)
			continue;
		if (!in->seq_valid) {
			in->seq_base = count;
			in->seq_valid = true;
		}
		buf->vb.sequence = (u32)(count - in->seq_base);
		/* the card says which, but only the raster's field order is right */
		buf->vb.field = sdi8k_raster_interlaced(in->raster) ?
				V4L2_FIELD_INTERLACED : V4L2_FIELD_NONE;
		buf->vb.vb2_buf.timestamp =
			sdi8k_clock_to_ns(in->card, le64_to_cpu(d->timestamp));

		mbuf = sdi8k_meta_begin(in, &meta);
		sdi8k_anc_parse(in, slot, d, &anc, &meta);
		sdi8k_anc_account(in, &anc, &meta);
		if (mbuf)
			sdi8k_meta_finish(in, mbuf, &meta, &anc, &buf->vb);
		buf->vb.flags &= ~V4L2_BUF_FLAG_TIMECODE;
		if (anc.has_tc) {
			buf->vb.timecode = anc.tc;
			buf->vb.flags |= V4L2_BUF_FLAG_TIMECODE;
		}
		if (!(status & SDI8K_DSTAT_DONE) ||
		    (status & (SDI8K_DSTAT_ERR_SG | SDI8K_DSTAT_ERR_LENGTH))) {
			dev_warn_ratelimited(in->card->dev,
					     "%s input %u: frame error, status 0x%x\n",
					     in->card->name, in->index, status);
			state = VB2_BUF_STATE_ERROR;
		} else if (le32_to_cpu(d->field) != buf->vb.field) {
			dev_warn_ratelimited(in->card->dev,
					     "%s input %u: card reports field %u for a frame of %s\n",
					     in->card->name, in->index,
					     le32_to_cpu(d->field), in->raster->name);
			state = VB2_BUF_STATE_ERROR;
		}
		/* never more than the buffer holds, whatever the card wrote back */
		written = le32_to_cpu(d->bytes_written);
		if (state == VB2_BUF_STATE_DONE &&
		    written > vb2_plane_size(&buf->vb.vb2_buf, 0)) {
			dev_warn_ratelimited(in->card->dev,
					     "%s input %u: card reports %u bytes written into a %lu-byte buffer\n",
					     in->card->name, in->index, written,
					     vb2_plane_size(&buf->vb.vb2_buf, 0));
			state = VB2_BUF_STATE_ERROR;
		}
		vb2_set_plane_payload(&buf->vb.vb2_buf, 0,
				      state == VB2_BUF_STATE_DONE ? written : 0);
		vb2_buffer_done(&buf->vb.vb2_buf, state);
	}
	sdi8k_ring_refill(in);
	spin_unlock_irqrestore(&in->slock, flags);
}

/* Program the DMA engine for the current format and start it. */
int sdi8k_ring_start(struct sdi8k_input *in)
{
	u32 raster = sdi8k_raster_height(in->raster) << 16 |
		     sdi8k_raster_width(in->raster);
	unsigned long flags;
	int ret;

	if (READ_ONCE(in->card->gone))
		return -ENODEV;
	if (READ_ONCE(in->card->dma_dead))
		return -EIO;	/* said when it happened */
	sdi8k_in_write(in, SDI8K_IN_DMA_CTRL, 0);
	sdi8k_in_write(in, SDI8K_IN_DMA_CTRL, SDI8K_DMA_RESET);
	ret = sdi8k_wait_clear(in->card, in->index, SDI8K_IN_DMA_CTRL,
			       SDI8K_DMA_RESET, SDI8K_DMA_RESET_MS, "DMA reset");
	if (ret)
		return ret == -ENODEV ? -ENODEV : -EIO;
	sdi8k_in_write(in, SDI8K_IN_DMA_PIXFMT, in->format->hw);
	sdi8k_in_write(in, SDI8K_IN_DMA_STRIDE, in->bytesperline);
	sdi8k_in_write(in, SDI8K_IN_DMA_RASTER, raster);
	sdi8k_in_write(in, SDI8K_IN_DMA_FLAGS,
		       sdi8k_raster_interlaced(in->raster) ?
		       SDI8K_RASTER_INTERLACED : 0);
	sdi8k_in_write(in, SDI8K_IN_RING_BASE_LO, lower_32_bits(in->ring_dma));
	sdi8k_in_write(in, SDI8K_IN_RING_BASE_HI, upper_32_bits(in->ring_dma));
	sdi8k_in_write(in, SDI8K_IN_RING_SIZE, SDI8K_RING_ENTRIES);
	sdi8k_anc_start(in);

	spin_lock_irqsave(&in->slock, flags);
	in->rate_num = in->raster->rate_num;
	in->rate_den = in->raster->rate_den;
	in->tail = 0;
	in->done = 0;
	in->seq_valid = false;
	in->ring_fault = false;
	in->halted = false;
	in->streaming = true;
	memset(in->slots, 0, sizeof(in->slots));
	sdi8k_in_write(in, SDI8K_IN_RING_TAIL, 0);
	sdi8k_in_write(in, SDI8K_IN_IRQ_STATUS, SDI8K_IRQ_FRAME_DONE |
		       SDI8K_IRQ_DMA_ERROR);
	sdi8k_in_write(in, SDI8K_IN_DMA_CTRL, SDI8K_DMA_ENABLE);
	sdi8k_ring_refill(in);
	spin_unlock_irqrestore(&in->slock, flags);
	return 0;
}

static void sdi8k_return_all(struct sdi8k_input *in,
			     enum vb2_buffer_state state)
{
	struct sdi8k_buffer *buf, *tmp;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&in->slock, flags);
	in->streaming = false;
	for (i = 0; i < SDI8K_RING_ENTRIES; i++) {
		buf = in->slots[i];
		in->slots[i] = NULL;
		if (buf)
			vb2_buffer_done(&buf->vb.vb2_buf, state);
	}
	list_for_each_entry_safe(buf, tmp, &in->pending, list) {
		list_del(&buf->list);
		vb2_buffer_done(&buf->vb.vb2_buf, state);
	}
	spin_unlock_irqrestore(&in->slock, flags);
}

/*
 * RUNNING cleared within SDI8K_DMA_STOP_MS: the engine touches no memory.
 * All-ones: the card is gone from the bus, and a card that is gone does
 * not write memory either.
 */
static bool sdi8k_ring_idle(struct sdi8k_input *in)
{
	u32 st;

	return !read_poll_timeout(sdi8k_in_read, st,
				  st == U32_MAX || !(st & SDI8K_DMA_RUNNING),
				  1000, SDI8K_DMA_STOP_MS * 1000, false, in,
				  SDI8K_IN_DMA_STATUS);
}

/**
 * sdi8k_ring_fail_all - every stream of the card ends with an error
 * @card: the card, whose rings were reset or which is gone
 *
 * Any context. The clients' queues report the error until they restart;
 * audio captures end with an xrun.
 */
void sdi8k_ring_fail_all(struct sdi8k_card *card)
{
	unsigned int i;

	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *other = &card->inputs[i];
		unsigned long flags;

		spin_lock_irqsave(&other->slock, flags);
		if (other->streaming && !other->ring_fault) {
			other->ring_fault = true;
			vb2_queue_error(&other->queue);
		}
		spin_unlock_irqrestore(&other->slock, flags);
	}
	sdi8k_audio_fail_all(card);
}

/**
 * sdi8k_ring_dead - the card's DMA does not stop: bus mastering off
 * @card: the card
 *
 * The card is out of service until it is rebound. Process context.
 */
void sdi8k_ring_dead(struct sdi8k_card *card)
{
	dev_err(card->dev,
		"%s: the card does not stop its DMA even after a reset: bus mastering off, the card is out of service until it is rebound\n",
		card->name);
	WRITE_ONCE(card->dma_dead, true);
	if (card->ops->quiesce)
		card->ops->quiesce(card);
}

/**
 * sdi8k_ring_escalate - the escalation of docs/hardware.md, "Stopping DMA"
 * @in: the input, its lock held
 * @what: the engine that does not stop, for the message
 *
 * For an engine that still runs SDI8K_DMA_STOP_MS after ENABLE cleared: a
 * card reset aborts every engine's frame in flight (every input's capture,
 * video and audio, ends; interrupts are enabled again); if even then the
 * video engine runs, the card's bus mastering goes off and the card is out
 * of service until rebound. Either way the card no longer writes the video
 * buffers when this returns, so they can go back. Process context.
 */
void sdi8k_ring_escalate(struct sdi8k_input *in, const char *what)
{
	struct sdi8k_card *card = in->card;
	unsigned int i;

	dev_err(card->dev,
		"%s input %u: %s still running %u ms after it was stopped: resetting the card (every input's capture ends)\n",
		card->name, in->index, what, SDI8K_DMA_STOP_MS);
	sdi8k_ring_fail_all(card);
	sdi8k_write(card, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET);
	if (!sdi8k_wait_clear(card, -1, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET,
			      SDI8K_CARD_RESET_MS, "card reset") &&
	    sdi8k_ring_idle(in)) {
		for (i = 0; i < card->num_inputs; i++) {
			sdi8k_in_write(&card->inputs[i], SDI8K_IN_IRQ_STATUS,
				       SDI8K_IRQ_ALL | SDI8K_IRQ_AUDIO_ALL);
			sdi8k_in_write(&card->inputs[i], SDI8K_IN_IRQ_MASK,
				       sdi8k_irq_mask(card));
		}
		/* the reset restored QUAD_LINK_MAP; only input 0 streams 8K */
		if (sdi8k_card_quad(card) && !in->index)
			sdi8k_quad_follow_links(card);
		return;
	}
	sdi8k_ring_dead(card);
}

/**
 * sdi8k_ring_halt - stop the DMA engine; the buffers stay queued
 * @in: the input, its lock held
 *
 * The card finishes the frame it is writing; RUNNING clears once it no
 * longer touches memory (escalating as docs/hardware.md, "Stopping DMA",
 * says when it does not). Afterwards the card writes none of the input's
 * buffers.
 */
void sdi8k_ring_halt(struct sdi8k_input *in)
{
	bool gone = READ_ONCE(in->card->gone);
	unsigned long flags;

	sdi8k_in_write(in, SDI8K_IN_DMA_CTRL, 0);
	if (!gone && !READ_ONCE(in->card->dma_dead) && !sdi8k_ring_idle(in))
		sdi8k_ring_escalate(in, "DMA engine");
	/*
	 * The reset below sets RING_HEAD to 0: a completion running beside
	 * it (the interrupt thread on a frame the engine finished) must not
	 * read that as a card fault, and nothing is handed to the card.
	 */
	spin_lock_irqsave(&in->slock, flags);
	in->halted = true;
	spin_unlock_irqrestore(&in->slock, flags);
	if (!gone && !READ_ONCE(in->card->dma_dead)) {
		sdi8k_in_write(in, SDI8K_IN_DMA_CTRL, SDI8K_DMA_RESET);
		sdi8k_wait_clear(in->card, in->index, SDI8K_IN_DMA_CTRL,
				 SDI8K_DMA_RESET, SDI8K_DMA_RESET_MS,
				 "DMA reset");
	}
}

/*
 * Stop the DMA engine and take every buffer back: a buffer goes back only
 * when the card can no longer write it.
 */
void sdi8k_ring_stop(struct sdi8k_input *in)
{
	sdi8k_ring_halt(in);
	/* no completion handler may run past this point */
	in->card->ops->sync_irq(in->card, in->index);
	sdi8k_return_all(in, VB2_BUF_STATE_ERROR);
}

/* For start_streaming failures: give queued buffers back as QUEUED. */
void sdi8k_ring_return_queued(struct sdi8k_input *in)
{
	sdi8k_return_all(in, VB2_BUF_STATE_QUEUED);
}

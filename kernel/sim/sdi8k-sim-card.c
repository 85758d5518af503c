// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k card model: register file, signal generator and DMA engine (the
 * rest of the card: sdi8k-sim-anc.c, -quad.c, -fw.c; scripting:
 * sdi8k-sim-script.c). Plain C on the environment of struct sdi8k_sim_env,
 * built into sdi8k-sim.ko and into sdi8k-sim-card's userspace host.
 *
 * Each input's frames are paced by a host thread that asks
 * sdi8k_sim_input_due() when the next frame starts (frame n starts at
 * t0 + n * den / num seconds, so 1/1.001 rates do not drift) and calls
 * sdi8k_sim_input_frame() when it has. At each frame start the DMA engine,
 * when enabled and the input's raster matches the programmed one, takes
 * the descriptor at RING_HEAD, walks its scatter-gather chain, paints the
 * frame through it, writes the status back and raises FRAME_DONE; with no
 * descriptor it drops the frame and counts it, as the hardware does.
 *
 * The model reaches memory only through the host's dma_read and dma_write,
 * by bus address: behind an IOMMU a descriptor pointing outside what the
 * driver mapped completes with an error status and is counted
 * (dma_faults), never written elsewhere.
 */
#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/videodev2.h>
#endif

#include "sdi8k-sim.h"

#define SDI8K_SIM_HW_VERSION	0x00010000
#define SDI8K_SIM_MAX_SG	BIT(20)

static const char * const sdi8k_sim_default_signal[SDI8K_MAX_INPUTS] = {
	"1080p59.94", "2160p59.94", "1080i50", "1080p25",
};

/* ---- time ---- */

static u64 sdi8k_sim_frame_ns(const struct sdi8k_raster *r, u64 n)
{
	return mul_u64_u64_div_u64(n, (u64)r->rate_den * NSEC_PER_SEC,
				   r->rate_num);
}

/* ---- the card clock ---- */

/**
 * sdi8k_sim_clock - the card clock at host time @t
 * @sim: the card
 * @t: host time (ktime_get())
 *
 * SDI8K_CLOCK_HZ ticks per second from the card's power-on (500 ppm more
 * with the "fast" fault, frozen at power-on with "stopped").
 *
 * Return: the card clock's value.
 */
u64 sdi8k_sim_clock(struct sdi8k_sim *sim, ktime_t t)
{
	u64 ns = ktime_to_ns(ktime_sub(t, sim->clock_epoch));

	switch (READ_ONCE(sim->clock_fault)) {
	case SDI8K_SIM_CLOCK_FAST:
		ns += div_u64(ns, 2000);
		break;
	case SDI8K_SIM_CLOCK_STOPPED:
		ns = 0;
		break;
	}
	return mul_u64_u64_div_u64(ns, SDI8K_CLOCK_HZ, NSEC_PER_SEC);
}

/* ---- interrupts ---- */

/* Called with sim->lock held. */
void sdi8k_sim_raise(struct sdi8k_sim_input *si, u32 bits)
{
	si->irq_status |= bits;
	if (si->irq_status & si->irq_mask)
		si->sim->env->irq(si->sim, si->index);
}

/* The capture rule: the input's raster has the programmed size and scan. */
static bool sdi8k_sim_raster_matches(const struct sdi8k_sim_input *si,
				     const struct sdi8k_raster *r)
{
	return r && si->dma_raster == (sdi8k_raster_height(r) << 16 |
				       sdi8k_raster_width(r)) &&
	       !!(si->dma_flags & SDI8K_RASTER_INTERLACED) ==
	       sdi8k_raster_interlaced(r);
}

/* ---- registers ---- */

/*
 * The ST 352 payload ID the input's link carries (PAYLOAD_ID0, and the
 * packet the card captures with each frame): a quad-link signal names its
 * link. Called with sdi8k_sim.lock held.
 */
static u32 sdi8k_sim_link_payload_id(const struct sdi8k_sim_input *si)
{
	if (!sdi8k_sim_link_locked(si))
		return 0;
	return sdi8k_sim_payload_id(si->signal, &si->anc,
				    sdi8k_raster_quad(si->signal) ?
				    sdi8k_sim_link_of(si) : 0);
}

static u32 sdi8k_sim_input_read(struct sdi8k_sim_input *si, u32 off)
{
	const struct sdi8k_raster *r = sdi8k_sim_seen(si);
	const struct v4l2_bt_timings *bt = r ? &r->timings.bt : NULL;
	u32 v;

	switch (off) {
	case SDI8K_IN_LINK_STATUS:
		if (!sdi8k_sim_link_locked(si))
			return 0;
		return SDI8K_LINK_LOCKED | (r ? SDI8K_LINK_RASTER_VALID : 0) |
		       FIELD_PREP(SDI8K_LINK_RATE_MASK, si->signal->link_rate);
	case SDI8K_IN_CRC_ERRORS:
		return si->crc_errors;
	case SDI8K_IN_RASTER_ACTIVE:
		return bt ? bt->height << 16 | bt->width : 0;
	case SDI8K_IN_RASTER_TOTAL:
		return bt ? V4L2_DV_BT_FRAME_HEIGHT(bt) << 16 |
			    V4L2_DV_BT_FRAME_WIDTH(bt) : 0;
	case SDI8K_IN_RASTER_RATE_NUM:
		return r ? r->rate_num : 0;
	case SDI8K_IN_RASTER_RATE_DEN:
		return r ? r->rate_den : 0;
	case SDI8K_IN_RASTER_FLAGS:
		return bt && bt->interlaced ? SDI8K_RASTER_INTERLACED : 0;
	case SDI8K_IN_PAYLOAD_ID(0):
		return sdi8k_sim_link_payload_id(si);
	case SDI8K_IN_IRQ_STATUS:
		return si->irq_status;
	case SDI8K_IN_IRQ_MASK:
		return si->irq_mask;
	case SDI8K_IN_DMA_CTRL:
		/* RESET reads 1 while it runs (instantly done, but scripted) */
		return si->dma_ctrl |
		       (si->dma_fault == SDI8K_SIM_DMA_STUCK_RESET ||
			ktime_before(ktime_get(), si->reset_until) ?
			SDI8K_DMA_RESET : 0);
	case SDI8K_IN_DMA_STATUS:
		v = (si->dma_ctrl & SDI8K_DMA_ENABLE) || si->dma_busy ||
		    si->stuck ? SDI8K_DMA_RUNNING : 0;
		if (!sdi8k_sim_raster_matches(si, r))
			v |= SDI8K_DMA_MISMATCH;
		return v;
	case SDI8K_IN_DMA_PIXFMT:
		return si->dma_pixfmt;
	case SDI8K_IN_DMA_STRIDE:
		return si->dma_stride;
	case SDI8K_IN_DMA_RASTER:
		return si->dma_raster;
	case SDI8K_IN_DMA_FLAGS:
		return si->dma_flags;
	case SDI8K_IN_RING_BASE_LO:
		return lower_32_bits(si->ring_base);
	case SDI8K_IN_RING_BASE_HI:
		return upper_32_bits(si->ring_base);
	case SDI8K_IN_RING_SIZE:
		return si->ring_size;
	case SDI8K_IN_RING_HEAD:
		if (si->dma_fault == SDI8K_SIM_DMA_HEAD_GARBAGE)
			return si->ring_tail + 0x5a5a;
		if (si->dma_fault == SDI8K_SIM_DMA_HEAD_ONES)
			return U32_MAX;
		return si->ring_head;
	case SDI8K_IN_RING_TAIL:
		return si->ring_tail;
	case SDI8K_IN_FRAMES_CAPTURED:
		return si->frames_captured;
	case SDI8K_IN_FRAMES_DROPPED:
		return si->frames_dropped;
	case SDI8K_IN_FRAME_COUNT:
		return (u32)si->frame_count;
	default:
		return sdi8k_sim_audio_read(si, off);
	}
}

static void sdi8k_sim_dma_reset(struct sdi8k_sim_input *si)
{
	si->ring_head = 0;
	si->ring_tail = 0;
	si->frames_captured = 0;
	si->frames_dropped = 0;
}

static void sdi8k_sim_input_write(struct sdi8k_sim_input *si, u32 off, u32 val)
{
	switch (off) {
	case SDI8K_IN_IRQ_STATUS:
		si->irq_status &= ~val;
		break;
	case SDI8K_IN_IRQ_MASK:
		si->irq_mask = val & (SDI8K_IRQ_ALL | SDI8K_IRQ_AUDIO_ALL);
		sdi8k_sim_raise(si, 0);
		break;
	case SDI8K_IN_DMA_CTRL:
		/* a faulty engine does not stop when told to */
		if ((si->dma_ctrl & SDI8K_DMA_ENABLE) && !(val & SDI8K_DMA_ENABLE) &&
		    (si->dma_fault == SDI8K_SIM_DMA_STUCK_RUNNING ||
		     si->dma_fault == SDI8K_SIM_DMA_HUNG))
			si->stuck = true;
		si->dma_ctrl = val & SDI8K_DMA_ENABLE;
		if ((val & SDI8K_DMA_RESET) && !(val & SDI8K_DMA_ENABLE)) {
			sdi8k_sim_dma_reset(si);
			if (si->dma_fault == SDI8K_SIM_DMA_SLOW_RESET)
				si->reset_until = ktime_add_ms(ktime_get(), 5);
		}
		break;
	case SDI8K_IN_DMA_PIXFMT:
		si->dma_pixfmt = val;
		break;
	case SDI8K_IN_DMA_STRIDE:
		si->dma_stride = val;
		break;
	case SDI8K_IN_DMA_RASTER:
		si->dma_raster = val;
		break;
	case SDI8K_IN_DMA_FLAGS:
		si->dma_flags = val & SDI8K_RASTER_INTERLACED;
		break;
	case SDI8K_IN_RING_BASE_LO:
		si->ring_base = (si->ring_base & ~0xffffffffULL) | val;
		break;
	case SDI8K_IN_RING_BASE_HI:
		si->ring_base = (si->ring_base & 0xffffffffULL) | (u64)val << 32;
		break;
	case SDI8K_IN_RING_SIZE:
		si->ring_size = val;
		break;
	case SDI8K_IN_RING_TAIL:
		si->ring_tail = val;
		break;
	case SDI8K_IN_ANC_BASE_LO:
		si->anc_base = (si->anc_base & ~0xffffffffULL) | val;
		break;
	case SDI8K_IN_ANC_BASE_HI:
		si->anc_base = (si->anc_base & 0xffffffffULL) | (u64)val << 32;
		break;
	default:
		sdi8k_sim_audio_write(si, off, val);
		break;
	}
}

/* CONTROL RESET: interrupts and DMA off, rings and counters cleared. */
static void sdi8k_sim_reset_locked(struct sdi8k_sim *sim)
{
	unsigned int i;

	sdi8k_sim_link_map_reset(sim);
	for (i = 0; i < sim->num_inputs; i++) {
		sim->inputs[i].dma_ctrl = 0;
		sim->inputs[i].irq_mask = 0;
		sim->inputs[i].irq_status = 0;
		/* aborts the frame in flight, unless the engine is hung */
		if (sim->inputs[i].dma_fault != SDI8K_SIM_DMA_HUNG)
			sim->inputs[i].stuck = false;
		sdi8k_sim_dma_reset(&sim->inputs[i]);
		sdi8k_sim_audio_reset(&sim->inputs[i], true);
	}
}

/**
 * sdi8k_sim_reset - a reset of the device from its bus (a PCI function
 *	level reset): as CONTROL RESET
 * @sim: the card
 *
 * The running firmware stays (the design is in the FPGA until power off).
 */
void sdi8k_sim_reset(struct sdi8k_sim *sim)
{
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	sim->scratch = 0;
	sdi8k_sim_reset_locked(sim);
	spin_unlock_irqrestore(&sim->lock, flags);
}

/**
 * sdi8k_sim_dirty_start - the card as a crashed driver, or the kernel
 *	before a kexec, left it: every input's DMA engine enabled (with no
 *	ring: its frames are dropped), every interrupt enabled and pending
 * @sim: the card
 */
void sdi8k_sim_dirty_start(struct sdi8k_sim *sim)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&sim->lock, flags);
	for (i = 0; i < sim->num_inputs; i++) {
		struct sdi8k_sim_input *si = &sim->inputs[i];

		si->dma_ctrl = SDI8K_DMA_ENABLE;
		si->irq_mask = SDI8K_IRQ_ALL;
		sdi8k_sim_raise(si, SDI8K_IRQ_FRAME_DONE |
				SDI8K_IRQ_SIGNAL_CHANGE);
	}
	spin_unlock_irqrestore(&sim->lock, flags);
}

/**
 * sdi8k_sim_power_cycle - the card lost its power and got it back (the
 *	system slept): no firmware runs, the card is reset, its clock starts
 *	again from 0; the signals it receives go on
 * @sim: the card
 */
void sdi8k_sim_power_cycle(struct sdi8k_sim *sim)
{
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	sim->scratch = 0;
	sim->topology = SDI8K_TOPO_4X1;
	sdi8k_sim_reset_locked(sim);
	sdi8k_sim_fw_init(sim);
	sim->clock_epoch = ktime_get();
	spin_unlock_irqrestore(&sim->lock, flags);
}

/**
 * sdi8k_sim_read - a 32-bit read of BAR0
 * @sim: the card
 * @reg: offset; unknown offsets read 0
 *
 * Return: the register's value.
 */
u32 sdi8k_sim_read(struct sdi8k_sim *sim, u32 reg)
{
	unsigned long flags;
	u32 v = 0;
	unsigned int i;

	if (READ_ONCE(sim->gone))	/* nobody answers a read */
		return U32_MAX;
	spin_lock_irqsave(&sim->lock, flags);
	if (reg >= SDI8K_INPUT_BASE(0) &&
	    reg < SDI8K_INPUT_BASE(sim->num_inputs)) {
		i = (reg - SDI8K_INPUT_BASE(0)) / 0x400;
		v = sdi8k_sim_input_read(&sim->inputs[i],
					 reg - SDI8K_INPUT_BASE(i));
	} else {
		switch (reg) {
		case SDI8K_REG_ID:
			v = SDI8K_ID_MAGIC;
			break;
		case SDI8K_REG_HW_VERSION:
			v = SDI8K_SIM_HW_VERSION;
			break;
		case SDI8K_REG_FW_VERSION:
			v = sim->fw.version;
			break;
		case SDI8K_REG_CAPS:
			/* the running firmware's, see sdi8k-sim-fw.c */
			v = sim->fw.caps;
			break;
		case SDI8K_REG_SERIAL_LO:
			v = lower_32_bits(sim->serial);
			break;
		case SDI8K_REG_SERIAL_HI:
			v = upper_32_bits(sim->serial);
			break;
		case SDI8K_REG_IRQ_SUMMARY:
			for (i = 0; i < sim->num_inputs; i++)
				if (sim->inputs[i].irq_status &
				    sim->inputs[i].irq_mask)
					v |= BIT(i);
			break;
		case SDI8K_REG_SCRATCH:
			v = sim->scratch;
			break;
		case SDI8K_REG_CLOCK_LO: {
			u64 t = sdi8k_sim_clock(sim, ktime_get());

			if (sim->clock_fault == SDI8K_SIM_CLOCK_ONES)
				t = U64_MAX;
			sim->clock_hi = upper_32_bits(t);
			v = lower_32_bits(t);
			break;
		}
		case SDI8K_REG_CLOCK_HI:
			v = sim->clock_hi;
			break;
		case SDI8K_REG_CLOCK_RATE:
			v = sim->clock_fault == SDI8K_SIM_CLOCK_BAD_RATE ? 0 :
			    SDI8K_CLOCK_HZ;
			break;
		case SDI8K_REG_TOPOLOGY:
			v = sim->topology;
			break;
		case SDI8K_REG_QUAD_STATUS:
			v = sdi8k_sim_quad_status(sim);
			break;
		case SDI8K_REG_QUAD_LINK_MAP:
			v = sdi8k_sim_link_map_read(sim);
			break;
		default:
			v = sdi8k_sim_fw_read(sim, reg);
			break;
		}
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	return v;
}

/**
 * sdi8k_sim_write - a 32-bit write of BAR0
 * @sim: the card
 * @reg: offset; writes to unknown offsets are ignored
 * @val: the value
 */
void sdi8k_sim_write(struct sdi8k_sim *sim, u32 reg, u32 val)
{
	unsigned long flags;
	unsigned int i;

	if (READ_ONCE(sim->gone))
		return;
	spin_lock_irqsave(&sim->lock, flags);
	if (reg >= SDI8K_INPUT_BASE(0) &&
	    reg < SDI8K_INPUT_BASE(sim->num_inputs)) {
		i = (reg - SDI8K_INPUT_BASE(0)) / 0x400;
		sdi8k_sim_input_write(&sim->inputs[i], reg - SDI8K_INPUT_BASE(i),
				      val);
	} else if (reg == SDI8K_REG_SCRATCH) {
		sim->scratch = val;
	} else if (reg == SDI8K_REG_TOPOLOGY) {
		if (val <= SDI8K_TOPO_QUAD_SQD && val != sim->topology) {
			sim->topology = val;
			for (i = 0; i < sim->num_inputs; i++)
				sdi8k_sim_raise(&sim->inputs[i],
						SDI8K_IRQ_SIGNAL_CHANGE);
		}
	} else if (reg == SDI8K_REG_QUAD_LINK_MAP) {
		sdi8k_sim_link_map_write(sim, val);
	} else if (reg == SDI8K_REG_CONTROL && (val & SDI8K_CONTROL_RESET)) {
		sdi8k_sim_reset_locked(sim);
	} else {
		sdi8k_sim_fw_write(sim, reg, val);
	}
	spin_unlock_irqrestore(&sim->lock, flags);
}

/* ---- signal ---- */

/* The new signal starts at frame 0 at @t0; SIGNAL_CHANGE is raised. */
static void sdi8k_sim_set_one(struct sdi8k_sim_input *si,
			      const struct sdi8k_raster *r, ktime_t t0)
{
	si->signal = r;
	si->t0 = t0;
	si->next_frame = 0;
	si->frame_count = 0;
	si->signal_gen++;
	sdi8k_sim_raise(si, SDI8K_IRQ_SIGNAL_CHANGE);
	if (!r)
		sdi8k_sim_audio_lost(si);
}

/*
 * Any change on a link of a quad group is a change of input 0's 8K signal.
 * Called with sim->lock held.
 */
static void sdi8k_sim_group_changed(struct sdi8k_sim *sim)
{
	if (sim->topology != SDI8K_TOPO_4X1)
		sdi8k_sim_raise(&sim->inputs[0], SDI8K_IRQ_SIGNAL_CHANGE);
}

/**
 * sdi8k_sim_set_signal - script what an input receives
 * @si: the input
 * @r: the raster, NULL for no signal
 *
 * An 8K raster given to input 0 is sent over all four links, starting
 * together (links aligned); given to another input it stands for that
 * link alone, as does any raster given to input 1-3 (so four links of
 * different rates can be scripted).
 */
void sdi8k_sim_set_signal(struct sdi8k_sim_input *si,
			  const struct sdi8k_raster *r)
{
	struct sdi8k_sim *sim = si->sim;
	ktime_t t0 = ktime_get();
	unsigned long flags;
	unsigned int i;
	bool all = !si->index && r && sdi8k_raster_quad(r);

	spin_lock_irqsave(&sim->lock, flags);
	for (i = 0; i < sim->num_inputs; i++)
		if (all || i == si->index)
			sdi8k_sim_set_one(&sim->inputs[i], r, t0);
	sdi8k_sim_group_changed(sim);
	spin_unlock_irqrestore(&sim->lock, flags);
	for (i = 0; i < sim->num_inputs; i++)
		if (all || i == si->index)
			sim->env->wake(sim, i);
}

/**
 * sdi8k_sim_set_link_fault - script a fault of one link
 * @si: the input whose link fails
 * @fault: SDI8K_SIM_LINK_*
 */
void sdi8k_sim_set_link_fault(struct sdi8k_sim_input *si, u8 fault)
{
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	if (si->link_fault != fault) {
		si->link_fault = fault;
		sdi8k_sim_raise(si, SDI8K_IRQ_SIGNAL_CHANGE);
		sdi8k_sim_group_changed(si->sim);
	}
	spin_unlock_irqrestore(&si->sim->lock, flags);
}

/**
 * sdi8k_sim_set_anc - script an input's ancillary data
 * @si: the input
 * @cfg: what it sends from the next frame on
 *
 * A change of transfer function, colorimetry, range or encoding changes
 * the payload ID, so SIGNAL_CHANGE is raised then, as the card does when
 * the ST 352 it receives changes.
 */
void sdi8k_sim_set_anc(struct sdi8k_sim_input *si,
		       const struct sdi8k_sim_anc_cfg *cfg)
{
	unsigned long flags;
	bool vpid_changed;

	spin_lock_irqsave(&si->sim->lock, flags);
	vpid_changed = si->anc.transfer != cfg->transfer ||
		       si->anc.colorimetry != cfg->colorimetry ||
		       si->anc.full_range != cfg->full_range ||
		       si->anc.ictcp != cfg->ictcp;
	si->anc = *cfg;
	if (vpid_changed && si->signal)
		sdi8k_sim_raise(si, SDI8K_IRQ_SIGNAL_CHANGE);
	spin_unlock_irqrestore(&si->sim->lock, flags);
}

/* ---- DMA engine ---- */

struct sdi8k_sim_dma {
	struct sdi8k_sim_input *si;
	unsigned int n;
	unsigned int cur;
	bool fault;
};

static void sdi8k_sim_scatter(void *ctx, size_t offset, const void *src,
			      size_t len)
{
	struct sdi8k_sim_dma *d = ctx;
	struct sdi8k_sim_input *si = d->si;
	struct sdi8k_sim_sg *sg = si->sg;

	if (d->fault)
		return;
	si->bytes_painted += len;
	if (d->cur >= d->n || offset < sg[d->cur].off)
		d->cur = 0;
	while (d->cur < d->n && offset >= sg[d->cur].off + sg[d->cur].len)
		d->cur++;
	while (len && d->cur < d->n) {
		struct sdi8k_sim_sg *e = &sg[d->cur];
		size_t in = offset - e->off;
		size_t chunk = min_t(size_t, len, e->len - in);

		if (si->sim->env->dma_write(si->sim, e->addr + in, src,
					    chunk)) {
			d->fault = true;
			return;
		}
		src += chunk;
		offset += chunk;
		len -= chunk;
		if (in + chunk == e->len)
			d->cur++;
	}
	if (len)
		d->fault = true;
}

/* Read one 4 KiB block of a scatter-gather chain into si->sg_block. */
static int sdi8k_sim_read_block(struct sdi8k_sim_input *si, u64 addr)
{
	return si->sim->env->dma_read(si->sim, addr, si->sg_block,
				      SDI8K_SG_BLOCK);
}

/* Copy and check the descriptor's scatter-gather chain. */
static int sdi8k_sim_load_sg(struct sdi8k_sim_input *si,
			     const struct sdi8k_desc *desc, u64 *total)
{
	const struct sdi8k_sg_entry *block = si->sg_block;
	u32 count = le32_to_cpu(desc->sg_count);
	unsigned int i = 0, slot = 0;
	u64 off = 0;
	int ret;

	if (!count || count > SDI8K_SIM_MAX_SG)
		return -EINVAL;
	if (count > si->sg_cap) {
		struct sdi8k_sim_sg *sg = kvmalloc_array(count, sizeof(*sg),
							 GFP_KERNEL);
		if (!sg)
			return -ENOMEM;
		kvfree(si->sg);
		si->sg = sg;
		si->sg_cap = count;
	}
	ret = sdi8k_sim_read_block(si, le64_to_cpu(desc->sg_addr));
	while (!ret && i < count) {
		const struct sdi8k_sg_entry *e = &block[slot];
		u32 flags = le32_to_cpu(e->flags);

		if (flags & SDI8K_SG_LINK) {
			if (slot != SDI8K_SG_PER_BLOCK - 1)
				return -EINVAL;
			ret = sdi8k_sim_read_block(si, le64_to_cpu(e->addr));
			slot = 0;
			continue;
		}
		si->sg[i].addr = le64_to_cpu(e->addr);
		si->sg[i].len = le32_to_cpu(e->len);
		si->sg[i].off = off;
		off += si->sg[i].len;
		i++;
		if (flags & SDI8K_SG_LAST)
			break;
		if (++slot == SDI8K_SG_PER_BLOCK)
			return -EINVAL;
	}
	if (ret)
		return ret;
	if (i != count)
		return -EINVAL;
	*total = off;
	return 0;
}

static u32 sdi8k_sim_fourcc(u32 hw)
{
	unsigned int i;

	for (i = 0; i < sdi8k_num_formats; i++)
		if (sdi8k_formats[i].hw == hw)
			return sdi8k_formats[i].fourcc;
	return 0;
}

/* Make the pattern match the programmed format; thread context. */
static int sdi8k_sim_prepare_pattern(struct sdi8k_sim_input *si,
				     const struct sdi8k_pattern_geom *g)
{
	int ret;

	if (si->pattern && !memcmp(g, &si->geom, sizeof(*g)))
		return 0;
	sdi8k_pattern_destroy(si->pattern);
	si->pattern = NULL;
	si->pattern_gen++;
	ret = sdi8k_pattern_create(g, &si->pattern);
	if (ret)
		return ret;
	si->geom = *g;
	return 0;
}

static u64 sdi8k_sim_prev_frame(struct sdi8k_sim_input *si, u64 cookie,
				unsigned int *slot)
{
	unsigned int i;

	for (i = 0; i < SDI8K_SIM_RECENT; i++) {
		if (si->recent[i].cookie != cookie)
			continue;
		*slot = i;
		if (si->recent[i].gen != si->pattern_gen ||
		    READ_ONCE(si->full_repaint) ||
		    READ_ONCE(si->sim->full_repaint))
			return SDI8K_PATTERN_FULL;
		return si->recent[i].frame;
	}
	*slot = si->recent_next++ % SDI8K_SIM_RECENT;
	return SDI8K_PATTERN_FULL;
}

/* A bus error: the model counts it as an IOMMU fault would be counted. */
static u32 sdi8k_sim_dma_fault(struct sdi8k_sim_input *si)
{
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	si->dma_faults++;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	return SDI8K_DSTAT_DONE | SDI8K_DSTAT_ERR_SG;
}

/*
 * Capture one frame into the descriptor the card owns (@desc, a copy the
 * caller writes back). Runs without the lock: the driver does not touch
 * an owned descriptor or its buffer until RUNNING clears, and RUNNING
 * stays set while dma_busy is.
 */
static u32 sdi8k_sim_fill(struct sdi8k_sim_input *si, struct sdi8k_desc *desc,
			  const struct sdi8k_pattern_geom *g, u64 frame,
			  ktime_t ts, struct sdi8k_sim_quad_map *map)
{
	struct sdi8k_sim_dma d = { .si = si };
	unsigned int slot;
	u64 total, prev;
	int ret;

	ret = sdi8k_sim_load_sg(si, desc, &total);
	if (ret == -EFAULT)
		return sdi8k_sim_dma_fault(si);
	if (ret)
		return SDI8K_DSTAT_DONE | SDI8K_DSTAT_ERR_SG;
	if (total < g->sizeimage || le32_to_cpu(desc->length) < g->sizeimage)
		return SDI8K_DSTAT_DONE | SDI8K_DSTAT_ERR_LENGTH;
	if (sdi8k_sim_prepare_pattern(si, g))
		return SDI8K_DSTAT_DONE | SDI8K_DSTAT_ERR_LENGTH;

	d.n = le32_to_cpu(desc->sg_count);
	si->sg_n = d.n;
	prev = sdi8k_sim_prev_frame(si, le64_to_cpu(desc->cookie), &slot);
	if (map)	/* links reassembled out of order: every pixel moves */
		sdi8k_pattern_paint_mapped(si->pattern, frame,
					   sdi8k_sim_quad_map_line, map,
					   sdi8k_sim_scatter, &d);
	else
		sdi8k_pattern_paint(si->pattern, frame, prev,
				    sdi8k_sim_scatter, &d);
	if (d.fault || map) {	/* content not the pattern's: repaint next */
		si->recent[slot].cookie = 0;
		if (d.fault)
			return sdi8k_sim_dma_fault(si);
	} else {
		si->recent[slot].cookie = le64_to_cpu(desc->cookie);
	}
	si->recent[slot].frame = frame;
	si->recent[slot].gen = si->pattern_gen;

	desc->bytes_written = cpu_to_le32(g->sizeimage);
	desc->field = cpu_to_le32(g->interlaced ? V4L2_FIELD_INTERLACED :
						  V4L2_FIELD_NONE);
	desc->timestamp = cpu_to_le64(sdi8k_sim_clock(si->sim, ts));
	desc->frame_count = cpu_to_le64(frame);
	return SDI8K_DSTAT_DONE;
}

static bool sdi8k_sim_desc_addr(struct sdi8k_sim_input *si, u64 *addr);

/*
 * A hung engine (dma_fault "hung") is stuck in a frame: it took the
 * descriptor at RING_HEAD and goes on writing that buffer every frame
 * period, never completing it, whatever the driver does, until the bus
 * refuses (bus mastering off).
 */
static void sdi8k_sim_hung_write(struct sdi8k_sim_input *si, u64 frame)
{
	struct sdi8k_sim *sim = si->sim;
	struct sdi8k_sim_dma d = { .si = si };
	struct sdi8k_desc desc;
	unsigned long flags;
	u64 addr, total;
	bool have;

	if (!si->hung_loaded) {
		spin_lock_irqsave(&sim->lock, flags);
		have = sdi8k_sim_desc_addr(si, &addr);
		spin_unlock_irqrestore(&sim->lock, flags);
		if (!have || sim->env->dma_read(sim, addr, &desc, sizeof(desc)) ||
		    !(le32_to_cpu(desc.ctrl) & SDI8K_DESC_OWN) ||
		    sdi8k_sim_load_sg(si, &desc, &total))
			return;
		si->sg_n = le32_to_cpu(desc.sg_count);
		si->hung_loaded = true;
	}
	d.n = si->sg_n;
	if (!si->pattern)
		return;
	sdi8k_pattern_paint(si->pattern, frame, SDI8K_PATTERN_FULL,
			    sdi8k_sim_scatter, &d);
	spin_lock_irqsave(&si->sim->lock, flags);
	if (d.fault)
		si->dma_faults++;
	else
		si->hung_writes++;
	spin_unlock_irqrestore(&si->sim->lock, flags);
}

/* The descriptor at RING_HEAD, if the card owns one; under sim->lock. */
static bool sdi8k_sim_desc_addr(struct sdi8k_sim_input *si, u64 *addr)
{
	if (si->ring_head == si->ring_tail || !si->ring_size ||
	    !is_power_of_2(si->ring_size) || si->ring_size > SDI8K_RING_MAX)
		return false;
	*addr = si->ring_base + (u64)(si->ring_head & (si->ring_size - 1)) *
		sizeof(struct sdi8k_desc);
	return true;
}

/**
 * sdi8k_sim_input_frame - one frame period of an input has started:
 *	capture or drop it
 * @si: the input
 * @frame: the frame's number, from sdi8k_sim_input_due()
 * @ts: its start, from sdi8k_sim_input_due()
 *
 * Called by the input's host thread only; may sleep (allocations, DMA).
 */
void sdi8k_sim_input_frame(struct sdi8k_sim_input *si, u64 frame, ktime_t ts)
{
	struct sdi8k_sim *sim = si->sim;
	const struct sdi8k_raster *r;
	struct sdi8k_pattern_geom g = { };
	struct sdi8k_desc desc;
	struct sdi8k_sim_anc_cfg anc;
	struct sdi8k_sim_anc_sent sent = { };
	struct sdi8k_sim_quad_map map;
	bool whole = true, busy, owned = false;
	u64 anc_slot = 0, desc_addr = 0;
	__le32 ctrl = 0;
	u32 vpid;
	unsigned long flags;
	u32 status;

	if (READ_ONCE(sim->gone))
		return;
	if (READ_ONCE(si->stuck) && si->dma_fault == SDI8K_SIM_DMA_HUNG) {
		sdi8k_sim_hung_write(si, frame);
		return;
	}
	si->hung_loaded = false;
	sdi8k_sim_audio_frame(si, frame);
	spin_lock_irqsave(&sim->lock, flags);
	r = sdi8k_sim_seen(si);	/* no frames from a broken group */
	si->frame_count = frame;
	if (!(si->dma_ctrl & SDI8K_DMA_ENABLE) ||
	    !sdi8k_sim_raster_matches(si, r)) {
		spin_unlock_irqrestore(&sim->lock, flags);
		return;
	}
	busy = sdi8k_sim_desc_addr(si, &desc_addr);
	si->dma_busy = busy;
	spin_unlock_irqrestore(&sim->lock, flags);

	/*
	 * The descriptor is read without the lock (the driver hands it over
	 * by RING_TAIL and does not touch it while the card owns it and
	 * RUNNING is set); a descriptor the card cannot read, or does not
	 * own, drops the frame.
	 */
	if (busy) {
		if (sim->env->dma_read(sim, desc_addr, &desc, sizeof(desc)))
			sdi8k_sim_dma_fault(si);
		else
			owned = le32_to_cpu(desc.ctrl) & SDI8K_DESC_OWN;
	}

	spin_lock_irqsave(&sim->lock, flags);
	if (!owned) {
		si->dma_busy = false;
		si->frames_dropped++;
		spin_unlock_irqrestore(&sim->lock, flags);
		return;
	}
	anc = si->anc;
	vpid = sdi8k_sim_link_payload_id(si);
	if (si->anc_base)
		anc_slot = si->anc_base + (u64)(si->ring_head &
				(si->ring_size - 1)) * SDI8K_ANC_SLOT_SIZE;
	g.fourcc = sdi8k_sim_fourcc(si->dma_pixfmt);
	g.width = sdi8k_raster_width(r);
	g.height = sdi8k_raster_height(r);
	g.bytesperline = si->dma_stride;
	g.interlaced = sdi8k_raster_interlaced(r);
	if (sim->topology != SDI8K_TOPO_4X1)
		whole = sdi8k_sim_quad_map_get(sim, g.width, g.height, &map);
	spin_unlock_irqrestore(&sim->lock, flags);

	if (g.fourcc) {
		g.sizeimage = sdi8k_sizeimage(sdi8k_find_format(g.fourcc),
					      g.bytesperline, g.height);
		status = sdi8k_sim_fill(si, &desc, &g, frame, ts,
					whole ? NULL : &map);
	} else {
		status = SDI8K_DSTAT_DONE | SDI8K_DSTAT_ERR_LENGTH;
	}
	desc.anc_bytes = 0;
	desc.anc_status = 0;
	if (anc_slot) {
		u32 anc_status = 0;
		u32 n = sdi8k_sim_anc_capture(r, &anc, vpid, frame, si->anc_slot,
					      &anc_status, &sent);

		if (sim->env->dma_write(sim, anc_slot, si->anc_slot,
					SDI8K_ANC_SLOT_SIZE)) {
			status |= sdi8k_sim_dma_fault(si);
		} else {
			desc.anc_bytes = cpu_to_le32(n);
			desc.anc_status = cpu_to_le32(anc_status);
		}
	}
	desc.status = cpu_to_le32(status);
	/* everything before OWN clears: the driver reads it after */
	if (sim->env->dma_write(sim, desc_addr, &desc, sizeof(desc)) ||
	    sim->env->dma_write(sim, desc_addr +
				offsetof(struct sdi8k_desc, ctrl), &ctrl,
				sizeof(ctrl)))
		sdi8k_sim_dma_fault(si);

	spin_lock_irqsave(&sim->lock, flags);
	si->dma_busy = false;
	si->ring_head++;
	si->frames_captured++;
	si->anc_malformed_sent += sent.malformed;
	si->anc_bad_payload_sent += sent.bad_payload;
	sdi8k_sim_raise(si, SDI8K_IRQ_FRAME_DONE |
			(status & ~SDI8K_DSTAT_DONE ? SDI8K_IRQ_DMA_ERROR : 0));
	spin_unlock_irqrestore(&sim->lock, flags);
}

/**
 * sdi8k_sim_input_due - when the input's next frame starts
 * @si: the input
 * @now: the host's clock (the clock of ktime_get())
 * @due: with no frame due, when to ask again: the next frame's start,
 *	or KTIME_MAX with no signal (@env->wake says when it changes)
 * @frame: with a frame due, its number
 * @ts: with a frame due, its start
 *
 * When the host could not ask in time, the signal slips by whole frame
 * periods (timestamps stay on the rate's exact lattice) instead of losing
 * frames a real source would have sent; the slips are counted (overruns).
 *
 * Return: true when frame @frame has started: call sdi8k_sim_input_frame().
 */
bool sdi8k_sim_input_due(struct sdi8k_sim_input *si, ktime_t now,
			 ktime_t *due, u64 *frame, ktime_t *ts)
{
	struct sdi8k_sim *sim = si->sim;
	const struct sdi8k_raster *r;
	unsigned long flags;
	u64 n, late;

	spin_lock_irqsave(&sim->lock, flags);
	r = si->signal;
	if (!r) {
		spin_unlock_irqrestore(&sim->lock, flags);
		*due = KTIME_MAX;
		return false;
	}
	n = si->next_frame;
	*due = ktime_add_ns(si->t0, sdi8k_sim_frame_ns(r, n));
	if (ktime_before(now, *due)) {
		spin_unlock_irqrestore(&sim->lock, flags);
		return false;
	}
	/* frames that passed while the host could not run the model */
	late = mul_u64_u64_div_u64(ktime_to_ns(ktime_sub(now, si->t0)),
				   r->rate_num,
				   (u64)r->rate_den * NSEC_PER_SEC);
	if (late > n) {
		si->overruns += late - n;
		si->t0 = ktime_add_ns(si->t0, sdi8k_sim_frame_ns(r, late - n));
	}
	si->next_frame = n + 1;
	*frame = n;
	*ts = ktime_add_ns(si->t0, sdi8k_sim_frame_ns(r, n));
	spin_unlock_irqrestore(&sim->lock, flags);
	return true;
}

/**
 * sdi8k_sim_input_idle - free what the input's DMA engine holds
 * @si: the input, whose host thread has stopped
 */
void sdi8k_sim_input_idle(struct sdi8k_sim_input *si)
{
	sdi8k_pattern_destroy(si->pattern);
	si->pattern = NULL;
	kvfree(si->sg);
	si->sg = NULL;
	si->sg_cap = 0;
	sdi8k_sim_audio_idle(si);
	memset(si->recent, 0, sizeof(si->recent));
}

/**
 * sdi8k_sim_create - a card at power-on, its inputs receiving their
 *	default signals
 * @env: the host's services
 * @host: the host's data (sdi8k_sim.host)
 * @name: the card's name in messages
 * @serial: the card's serial number
 * @num_inputs: 1 to SDI8K_MAX_INPUTS
 *
 * Allocates (may sleep). No firmware runs until the driver loads one.
 *
 * Return: the card, or NULL (no memory, or @num_inputs out of range).
 */
struct sdi8k_sim *sdi8k_sim_create(const struct sdi8k_sim_env *env,
				   void *host, const char *name, u64 serial,
				   unsigned int num_inputs)
{
	struct sdi8k_sim *sim;
	ktime_t t0 = ktime_get();
	unsigned int i;

	if (!num_inputs || num_inputs > SDI8K_MAX_INPUTS)
		return NULL;
	sim = kvzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return NULL;
	sim->env = env;
	sim->host = host;
	strscpy(sim->name, name, sizeof(sim->name));
	spin_lock_init(&sim->lock);
	sim->clock_epoch = t0;
	sim->num_inputs = num_inputs;
	sim->serial = serial;
	sim->source_mapping = SDI8K_TOPO_QUAD_2SI;
	for (i = 0; i < ARRAY_SIZE(sim->cabling); i++)
		sim->cabling[i] = i;
	sdi8k_sim_link_map_reset(sim);
	sdi8k_sim_fw_init(sim);
	for (i = 0; i < num_inputs; i++) {
		struct sdi8k_sim_input *si = &sim->inputs[i];

		si->sim = sim;
		si->index = i;
		si->signal = sdi8k_find_raster_name(sdi8k_sim_default_signal[i]);
		si->t0 = t0;
		sdi8k_sim_anc_defaults(&si->anc);
		sdi8k_sim_audio_defaults(&si->aud.cfg);
		si->anc_slot = kvzalloc(SDI8K_ANC_SLOT_SIZE, GFP_KERNEL);
		if (!si->anc_slot) {
			sdi8k_sim_destroy(sim);
			return NULL;
		}
	}
	return sim;
}

/**
 * sdi8k_sim_destroy - free a card
 * @sim: the card, or NULL; no host thread runs for it any more
 */
void sdi8k_sim_destroy(struct sdi8k_sim *sim)
{
	unsigned int i;

	if (!sim)
		return;
	for (i = 0; i < sim->num_inputs; i++) {
		sdi8k_sim_input_idle(&sim->inputs[i]);
		kvfree(sim->inputs[i].anc_slot);
	}
	kvfree(sim);
}

static const char * const sdi8k_sim_dma_fault_names[] = {
	[SDI8K_SIM_DMA_OK] = "none",
	[SDI8K_SIM_DMA_HEAD_GARBAGE] = "head_garbage",
	[SDI8K_SIM_DMA_HEAD_ONES] = "head_ones",
	[SDI8K_SIM_DMA_SLOW_RESET] = "slow_reset",
	[SDI8K_SIM_DMA_STUCK_RESET] = "stuck_reset",
	[SDI8K_SIM_DMA_STUCK_RUNNING] = "stuck_running",
	[SDI8K_SIM_DMA_HUNG] = "hung",
};

const char *sdi8k_sim_dma_fault_name(u8 fault)
{
	return fault < ARRAY_SIZE(sdi8k_sim_dma_fault_names) ?
	       sdi8k_sim_dma_fault_names[fault] : "?";
}

int sdi8k_sim_dma_fault_parse(const char *s)
{
	return sysfs_match_string(sdi8k_sim_dma_fault_names, s);
}

static const char * const sdi8k_sim_clock_fault_names[] = {
	[SDI8K_SIM_CLOCK_OK] = "none",
	[SDI8K_SIM_CLOCK_FAST] = "fast",
	[SDI8K_SIM_CLOCK_STOPPED] = "stopped",
	[SDI8K_SIM_CLOCK_ONES] = "ones",
	[SDI8K_SIM_CLOCK_BAD_RATE] = "bad_rate",
};

const char *sdi8k_sim_clock_fault_name(u8 fault)
{
	return fault < ARRAY_SIZE(sdi8k_sim_clock_fault_names) ?
	       sdi8k_sim_clock_fault_names[fault] : "?";
}

int sdi8k_sim_clock_fault_parse(const char *s)
{
	return sysfs_match_string(sdi8k_sim_clock_fault_names, s);
}

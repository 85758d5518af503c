// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k ancillary data: the per-slot areas the card captures ST 291
 * packets into, and what the driver does with what they hold: the HDR10
 * controls follow the ST 2108-1 static HDR metadata. The packets are
 * checked and taken apart by the codec (anc/sdi8k-anc-codec.h), the slot
 * walk included. Layouts: docs/hardware.md ("Ancillary data") and
 * docs/ancillary.md.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/string.h>
#include <media/v4l2-ctrls.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"
#include "uapi/sdi8k.h"

#define SDI8K_ANC_AREA	(SDI8K_RING_ENTRIES * SDI8K_ANC_SLOT_SIZE)

int sdi8k_anc_alloc(struct sdi8k_input *in)
{
	in->anc = dma_alloc_coherent(in->card->dev, SDI8K_ANC_AREA,
				     &in->anc_dma, GFP_KERNEL);
	return in->anc ? 0 : -ENOMEM;
}

void sdi8k_anc_free(struct sdi8k_input *in)
{
	if (!in->anc)
		return;
	dma_free_coherent(in->card->dev, SDI8K_ANC_AREA, in->anc, in->anc_dma);
	in->anc = NULL;
}

/* Program the card's ancillary capture (before DMA_ENABLE). */
void sdi8k_anc_start(struct sdi8k_input *in)
{
	sdi8k_in_write(in, SDI8K_IN_ANC_BASE_LO, lower_32_bits(in->anc_dma));
	sdi8k_in_write(in, SDI8K_IN_ANC_BASE_HI, upper_32_bits(in->anc_dma));
}

/**
 * sdi8k_anc_parse - check and take apart one frame's ancillary slot
 * @in: the input
 * @slot: ring slot the frame was written through
 * @d: its written-back descriptor
 * @res: what was found (time code, static HDR metadata, counts)
 * @meta: the metadata buffer to fill, or one with a NULL @buf
 *
 * Any context; touches only the slot, @res and @meta. The slot walk is
 * the codec's (anc/sdi8k-anc-slot.c), the card's byte count clamped to
 * the slot first.
 */
void sdi8k_anc_parse(struct sdi8k_input *in, unsigned int slot,
		     const struct sdi8k_desc *d, struct sdi8k_anc_result *res,
		     struct sdi8k_anc_meta *meta)
{
	sdi8k_anc_slot_parse(in->anc + slot * SDI8K_ANC_SLOT_SIZE,
			     min_t(u32, le32_to_cpu(d->anc_bytes),
				   SDI8K_ANC_SLOT_SIZE),
			     le32_to_cpu(d->anc_status), in->rate_num,
			     in->rate_den, res, meta);
}

/* ---- HDR controls (process context) ---- */

/*
 * Apply the static HDR metadata last seen on the wire to the controls;
 * a change sends V4L2_EVENT_CTRL to subscribers. Without a mastering
 * display the control is marked inactive (V4L2 has no valid "none" value
 * for it); without light levels MaxCLL and MaxFALL read 0 (unknown).
 */
void sdi8k_anc_hdr_work(struct work_struct *work)
{
	struct sdi8k_input *in = container_of(work, struct sdi8k_input,
					      hdr_work);
	struct v4l2_ctrl_hdr10_cll_info cll = { };
	struct sdi8k_hdr_static hdr;
	unsigned long flags;

	spin_lock_irqsave(&in->slock, flags);
	hdr = in->hdr_wire;
	spin_unlock_irqrestore(&in->slock, flags);

	if (hdr.has_mdcv)
		v4l2_ctrl_s_ctrl_compound(in->ctrl_mdcv,
					  V4L2_CTRL_TYPE_HDR10_MASTERING_DISPLAY,
					  &hdr.mdcv);
	v4l2_ctrl_activate(in->ctrl_mdcv, hdr.has_mdcv);
	if (hdr.has_cll)
		cll = hdr.cll;
	v4l2_ctrl_s_ctrl_compound(in->ctrl_cll, V4L2_CTRL_TYPE_HDR10_CLL_INFO,
				  &cll);
}

/*
 * How many frames in a row a piece of static HDR metadata must be absent
 * before the controls forget it: about one second of frames.
 */
static u32 sdi8k_anc_hold_frames(const struct sdi8k_input *in)
{
	return in->rate_den ? max(1U, DIV_ROUND_UP(in->rate_num, in->rate_den)) :
			      1;
}

/*
 * Interrupt context, under slock: count what a frame lost, keep what it
 * said, react to change.
 *
 * The HDR10 controls follow the wire but do not flicker: a frame that
 * carries a valid mastering display (light levels) sets it; a frame in
 * which a packet was dropped (malformed, a bad payload, no room) leaves
 * the held value alone, since the lost packet may have been the HDR one;
 * only when that many clean frames in a row (sdi8k_anc_hold_frames())
 * carried none is the value forgotten. A signal or payload ID change
 * forgets it at once (sdi8k_anc_forget_hdr()); frames still carrying the
 * payload ID from before the change do not bring it back.
 */
void sdi8k_anc_account(struct sdi8k_input *in,
		       const struct sdi8k_anc_result *res,
		       const struct sdi8k_anc_meta *meta)
{
	struct sdi8k_hdr_static hdr = in->hdr_wire;
	bool lost = res->malformed || res->bad_payload || res->overflow ||
		    meta->overflow;
	u32 hold = sdi8k_anc_hold_frames(in);

	in->anc_malformed += res->malformed;
	in->anc_bad_payload += res->bad_payload;
	in->anc_overflow += res->overflow + meta->overflow;

	/*
	 * A frame whose own payload ID is not the one the driver reports was
	 * captured across a change (before it, or before the driver saw it):
	 * its metadata belongs to the other signal and touches nothing.
	 */
	if (res->has_vpid && res->vpid != in->vpid)
		return;

	if (res->hdr.has_mdcv) {
		hdr.mdcv = res->hdr.mdcv;
		hdr.has_mdcv = true;
		in->mdcv_missing = 0;
	} else if (hdr.has_mdcv && !lost && ++in->mdcv_missing >= hold) {
		memset(&hdr.mdcv, 0, sizeof(hdr.mdcv));
		hdr.has_mdcv = false;
	}
	if (res->hdr.has_cll) {
		hdr.cll = res->hdr.cll;
		hdr.has_cll = true;
		in->cll_missing = 0;
	} else if (hdr.has_cll && !lost && ++in->cll_missing >= hold) {
		memset(&hdr.cll, 0, sizeof(hdr.cll));
		hdr.has_cll = false;
	}
	if (memcmp(&hdr, &in->hdr_wire, sizeof(hdr))) {
		in->hdr_wire = hdr;
		schedule_work(&in->hdr_work);
	}
}

/*
 * A new signal or payload ID (@vpid, as PAYLOAD_ID0 now reads): the static
 * HDR metadata seen so far is stale; clear the controls, the next frames
 * with this payload ID carry the new signal's. Process context.
 */
void sdi8k_anc_forget_hdr(struct sdi8k_input *in, u32 vpid)
{
	unsigned long flags;

	spin_lock_irqsave(&in->slock, flags);
	in->vpid = vpid;
	memset(&in->hdr_wire, 0, sizeof(in->hdr_wire));
	in->mdcv_missing = 0;
	in->cll_missing = 0;
	spin_unlock_irqrestore(&in->slock, flags);
	schedule_work(&in->hdr_work);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k embedded audio: an ALSA card per sdi8k card, one PCM capture
 * device per input (device n = input n; in a quad-link topology device 0
 * carries link 1's audio and devices 1-3 refuse to open), driving each
 * input's audio DMA engine (docs/hardware.md, "Embedded audio").
 *
 * The engine writes a cyclic buffer of S32_LE sample frames (2, 8 or 16
 * channels, 48 kHz) and raises AUDIO_PERIOD after each period; the
 * interrupt's work (sdi8k_audio_irq(), from the input's interrupt thread,
 * which for a simulated card runs in hard interrupt context) reports the
 * periods to ALSA and stops the stream with an xrun when the signal goes,
 * the engine stops itself, or more than a buffer went by unseen.
 *
 * Audio with its video: the engine records, for each period, the video
 * frame (the card's frame count) and the offset within it of the
 * period's first sample frame. The interrupt work checks every record
 * against the ST 299 cadence (sdi8k_aud_frame_start()): the first one
 * gives the capture's start, each next one must follow it by exactly a
 * period; a record that does not ends the capture (an xrun), so every
 * sample a client reads sits where the start and the cadence place it.
 * The start is the control SDI8K_ALSA_CTL_STREAM_START; with the video
 * node's SDI8K_CID_SEQUENCE_BASE (same numbering) a client places each
 * sample on its video buffer (docs/controls.md).
 *
 * Lifetime: the ALSA card holds a reference to the sdi8k card (its
 * v4l2_device), dropped when the ALSA card is freed, i.e. once the card
 * is unregistered and the last PCM file is closed. Unregistering
 * disconnects the ALSA card first (running streams stop, files get
 * -ENODEV), waits for the engines to stop, and from then on no PCM
 * callback touches the card's registers (@audio_gone): the bus may be
 * gone by the time a client closes its file.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/iopoll.h>
#include <sound/asoundef.h>
#include <sound/control.h>
#include <sound/core.h>
#include <sound/pcm.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"
#include "uapi/sdi8k.h"

#define SDI8K_AUD_FRAME_BYTES_MAX \
	(SDI8K_AUD_MAX_CHANNELS * SDI8K_AUD_SAMPLE_BYTES)
/* about 1.4 s at 16 channels; a period at most half of it */
#define SDI8K_AUD_BUFFER_BYTES_MAX	(4U << 20)
#define SDI8K_AUD_REC_BYTES \
	(SDI8K_AUD_PERIODS_MAX * sizeof(struct sdi8k_aud_rec))
/*
 * Card frame counts from here on are a card fault (about 36 years at 60
 * frames per second): below it, sdi8k_aud_frame_start() cannot overflow.
 */
#define SDI8K_AUD_COUNT_MAX		BIT_ULL(36)

static const struct snd_pcm_hardware sdi8k_pcm_hw = {
	.info = SNDRV_PCM_INFO_MMAP | SNDRV_PCM_INFO_MMAP_VALID |
		SNDRV_PCM_INFO_INTERLEAVED | SNDRV_PCM_INFO_BLOCK_TRANSFER,
	.formats = SNDRV_PCM_FMTBIT_S32_LE,
	.rates = SNDRV_PCM_RATE_48000,
	.rate_min = SDI8K_AUD_RATE,
	.rate_max = SDI8K_AUD_RATE,
	.channels_min = 2,
	.channels_max = SDI8K_AUD_MAX_CHANNELS,
	.buffer_bytes_max = SDI8K_AUD_BUFFER_BYTES_MAX,
	.period_bytes_min = SDI8K_AUD_PERIOD_MIN * 2 * SDI8K_AUD_SAMPLE_BYTES,
	.period_bytes_max = SDI8K_AUD_BUFFER_BYTES_MAX / SDI8K_AUD_PERIODS_MIN,
	.periods_min = SDI8K_AUD_PERIODS_MIN,
	.periods_max = SDI8K_AUD_PERIODS_MAX,
};

static const unsigned int sdi8k_pcm_channels[] = { 2, 8, 16 };

static const struct snd_pcm_hw_constraint_list sdi8k_pcm_channels_list = {
	.count = ARRAY_SIZE(sdi8k_pcm_channels),
	.list = sdi8k_pcm_channels,
};

/*
 * The engine may start: the card is whole and answers, and the input's
 * de-embedder has a signal and audio. Any context. Return: 0 or a
 * negative errno, with a debug message saying why.
 */
static int sdi8k_audio_usable(struct sdi8k_input *in)
{
	struct sdi8k_card *card = in->card;
	u32 st;

	if (!READ_ONCE(card->live) || READ_ONCE(card->gone) ||
	    READ_ONCE(card->dma_dead)) {
		dev_dbg(card->dev, "%s input %u: audio: the card is out of service\n",
			card->name, in->index);
		return -EIO;
	}
	if (sdi8k_input_grouped(in)) {
		dev_dbg(card->dev, "%s input %u: audio: a link of the quad-link group (its audio is device 0's)\n",
			card->name, in->index);
		return -EBUSY;
	}
	st = sdi8k_in_read(in, SDI8K_IN_AUD_STATUS);
	if (st == U32_MAX || !(st & SDI8K_AUD_LOCKED)) {
		dev_dbg(card->dev, "%s input %u: audio: no signal (AUD_STATUS 0x%08x)\n",
			card->name, in->index, st);
		return -EIO;
	}
	if (!(st & SDI8K_AUD_GROUPS)) {
		dev_dbg(card->dev, "%s input %u: audio: the signal carries no audio group\n",
			card->name, in->index);
		return -ENODATA;
	}
	return 0;
}

/*
 * Wait until the input's audio engine writes no memory (after ENABLE
 * cleared) and its interrupt work has ended. A card whose engine does not
 * stop gets the escalation of docs/hardware.md, "Stopping DMA" (a card
 * reset, then bus mastering off). Process context; card's audio_lock held.
 */
static void sdi8k_audio_quiesce(struct sdi8k_input *in)
{
	struct sdi8k_card *card = in->card;
	u32 st;

	if (!READ_ONCE(card->gone) && !READ_ONCE(card->dma_dead) &&
	    read_poll_timeout(sdi8k_in_read, st,
			      st == U32_MAX || !(st & SDI8K_AUD_DMA_RUNNING),
			      1000, SDI8K_DMA_STOP_MS * USEC_PER_MSEC, false,
			      in, SDI8K_IN_AUD_DMA_STATUS)) {
		mutex_lock(&in->lock);
		sdi8k_ring_escalate(in, "audio DMA engine");
		st = sdi8k_in_read(in, SDI8K_IN_AUD_DMA_STATUS);
		if (st != U32_MAX && (st & SDI8K_AUD_DMA_RUNNING) &&
		    !READ_ONCE(card->dma_dead))
			sdi8k_ring_dead(card);
		mutex_unlock(&in->lock);
	}
	card->ops->sync_irq(card, in->index);
}

static int sdi8k_pcm_open(struct snd_pcm_substream *ss)
{
	struct sdi8k_input *in = snd_pcm_substream_chip(ss);
	struct snd_pcm_runtime *rt = ss->runtime;
	int ret;

	ret = sdi8k_audio_usable(in);
	if (ret)
		return ret;
	rt->hw = sdi8k_pcm_hw;
	ret = snd_pcm_hw_constraint_list(rt, 0, SNDRV_PCM_HW_PARAM_CHANNELS,
					 &sdi8k_pcm_channels_list);
	if (ret < 0)
		return ret;
	ret = snd_pcm_hw_constraint_minmax(rt, SNDRV_PCM_HW_PARAM_PERIOD_SIZE,
					   SDI8K_AUD_PERIOD_MIN,
					   SDI8K_AUD_PERIOD_MAX);
	if (ret < 0)
		return ret;
	/* the engine takes whole periods only */
	ret = snd_pcm_hw_constraint_integer(rt, SNDRV_PCM_HW_PARAM_PERIODS);
	return ret < 0 ? ret : 0;
}

static int sdi8k_pcm_close(struct snd_pcm_substream *ss)
{
	return 0;
}

/* After a stop: the engine writes no more (before hw_free, prepare). */
static int sdi8k_pcm_sync_stop(struct snd_pcm_substream *ss)
{
	struct sdi8k_input *in = snd_pcm_substream_chip(ss);
	struct sdi8k_card *card = in->card;

	mutex_lock(&card->audio_lock);
	if (!card->audio_gone)
		sdi8k_audio_quiesce(in);
	mutex_unlock(&card->audio_lock);
	return 0;
}

/* Process context: the stopped engine is reset for the next start. */
static int sdi8k_pcm_prepare(struct snd_pcm_substream *ss)
{
	struct sdi8k_input *in = snd_pcm_substream_chip(ss);
	struct sdi8k_card *card = in->card;
	int ret;

	mutex_lock(&card->audio_lock);
	ret = card->audio_gone ? -ENODEV : sdi8k_audio_usable(in);
	if (!ret) {
		/* stopped already (sync_stop); a programming with ENABLE clear */
		sdi8k_in_write(in, SDI8K_IN_AUD_DMA_CTRL, 0);
		sdi8k_audio_quiesce(in);
		sdi8k_in_write(in, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_RESET);
		if (sdi8k_wait_clear(card, in->index, SDI8K_IN_AUD_DMA_CTRL,
				     SDI8K_AUD_DMA_RESET, SDI8K_DMA_RESET_MS,
				     "audio DMA reset"))
			ret = -EIO;
	}
	mutex_unlock(&card->audio_lock);
	return ret;
}

/* Atomic context (the PCM stream lock): no sleeping. */
static int sdi8k_pcm_trigger(struct snd_pcm_substream *ss, int cmd)
{
	struct sdi8k_input *in = snd_pcm_substream_chip(ss);
	struct sdi8k_audio_in *aud = &in->aud;
	struct snd_pcm_runtime *rt = ss->runtime;
	const struct sdi8k_raster *r;
	unsigned long flags;
	int ret;

	switch (cmd) {
	case SNDRV_PCM_TRIGGER_START:
		ret = sdi8k_audio_usable(in);
		if (ret)
			return ret;
		sdi8k_in_write(in, SDI8K_IN_AUD_CHANNELS, rt->channels);
		sdi8k_in_write(in, SDI8K_IN_AUD_PERIOD_FRAMES, rt->period_size);
		sdi8k_in_write(in, SDI8K_IN_AUD_BUF_BASE_LO,
			       lower_32_bits(rt->dma_addr));
		sdi8k_in_write(in, SDI8K_IN_AUD_BUF_BASE_HI,
			       upper_32_bits(rt->dma_addr));
		sdi8k_in_write(in, SDI8K_IN_AUD_BUF_FRAMES, rt->buffer_size);
		sdi8k_in_write(in, SDI8K_IN_AUD_REC_BASE_LO,
			       lower_32_bits(aud->rec_dma));
		sdi8k_in_write(in, SDI8K_IN_AUD_REC_BASE_HI,
			       upper_32_bits(aud->rec_dma));
		/* the cadence the records follow (none: they are not checked) */
		r = sdi8k_detect_raster(in, &ret);
		spin_lock_irqsave(&aud->lock, flags);
		aud->substream = ss;
		aud->buf_frames = rt->buffer_size;
		aud->frames_seen = 0;
		aud->period_frames = rt->period_size;
		aud->periods_seen = 0;
		aud->rate_num = r ? r->rate_num : 0;
		aud->rate_den = r ? r->rate_den : 0;
		aud->start_valid = false;
		spin_unlock_irqrestore(&aud->lock, flags);
		sdi8k_in_write(in, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_ENABLE);
		return 0;
	case SNDRV_PCM_TRIGGER_STOP:
	case SNDRV_PCM_TRIGGER_SUSPEND:
		sdi8k_in_write(in, SDI8K_IN_AUD_DMA_CTRL, 0);
		spin_lock_irqsave(&aud->lock, flags);
		aud->substream = NULL;
		spin_unlock_irqrestore(&aud->lock, flags);
		return 0;
	}
	return -EINVAL;
}

/* AUD_POSITION, trusted only inside the buffer. Atomic context. */
static snd_pcm_uframes_t sdi8k_pcm_pointer(struct snd_pcm_substream *ss)
{
	struct sdi8k_input *in = snd_pcm_substream_chip(ss);
	u32 pos = sdi8k_in_read(in, SDI8K_IN_AUD_POSITION);

	if (pos >= ss->runtime->buffer_size) {
		dev_err_ratelimited(in->card->dev,
				    "%s input %u: audio position %u outside the buffer of %lu frames: capture stopped\n",
				    in->card->name, in->index, pos,
				    ss->runtime->buffer_size);
		return SNDRV_PCM_POS_XRUN;
	}
	return pos;
}

static const struct snd_pcm_ops sdi8k_pcm_ops = {
	.open = sdi8k_pcm_open,
	.close = sdi8k_pcm_close,
	.prepare = sdi8k_pcm_prepare,
	.trigger = sdi8k_pcm_trigger,
	.sync_stop = sdi8k_pcm_sync_stop,
	.pointer = sdi8k_pcm_pointer,
};

/*
 * Check the records of the periods completed up to @periods (AUD_PERIODS,
 * read before): each names a video frame and an offset within that
 * frame's cadence, and follows the one before by exactly a period. The
 * first one is the capture's start. Interrupt work, aud->lock held.
 * Return: false (with a message) when a record does not.
 */
static bool sdi8k_audio_check_records(struct sdi8k_input *in, u32 periods)
{
	struct sdi8k_audio_in *aud = &in->aud;
	u32 nrec = aud->period_frames ?
		   aud->buf_frames / aud->period_frames : 0;
	u32 seq_len = sdi8k_aud_seq_len(aud->rate_num, aud->rate_den);
	u64 count = 0, first, at;
	u32 off = 0, seq = 0, pos;

	if (!aud->rate_num || !nrec) {	/* no raster at the start */
		aud->periods_seen = periods;
		return true;
	}
	if (periods - aud->periods_seen > nrec) {
		dev_warn_ratelimited(in->card->dev,
				     "%s input %u: audio periods %u to %u unseen, their records overwritten: overrun\n",
				     in->card->name, in->index, aud->periods_seen,
				     periods);
		return false;
	}
	/* the records AUD_PERIODS covers, read after it */
	dma_rmb();
	for (; aud->periods_seen != periods; aud->periods_seen++) {
		const struct sdi8k_aud_rec *rec =
			&aud->rec[aud->periods_seen % nrec];

		count = le64_to_cpu(rec->frame_count);
		off = le32_to_cpu(rec->frame_offset);
		seq = FIELD_GET(SDI8K_AUD_REC_SEQ, le32_to_cpu(rec->status));
		if (count >= SDI8K_AUD_COUNT_MAX || seq >= seq_len)
			goto bad;
		div_u64_rem(count, seq_len, &pos);
		/* card frame 0's place in the source's sequence */
		if (!aud->start_valid)
			aud->phase = (seq + seq_len - pos) % seq_len;
		else if ((pos + aud->phase) % seq_len != seq)
			goto bad;
		first = sdi8k_aud_frame_start(count, aud->phase, aud->rate_num,
					      aud->rate_den);
		if (off >= sdi8k_aud_frame_start(count + 1, aud->phase,
						 aud->rate_num,
						 aud->rate_den) - first)
			goto bad;
		at = first + off;
		if (!aud->start_valid) {
			aud->start_count = count;
			aud->start_offset = off;
			aud->start_valid = true;
		} else if (at != aud->next_sample) {
			goto bad;
		}
		aud->next_sample = at + aud->period_frames;
	}
	return true;

bad:
	dev_err_ratelimited(in->card->dev,
			    "%s input %u: audio period %u: record (frame %llu, offset %u, sequence position %u) out of step with the video frames (AUD_PERIODS %u): capture stopped\n",
			    in->card->name, in->index, aud->periods_seen, count,
			    off, seq, periods);
	return false;
}

/**
 * sdi8k_audio_irq - the audio work of an input's interrupt
 * @in: the input
 * @st: the SDI8K_IRQ_AUDIO_* bits taken
 *
 * From the input's interrupt thread (hard interrupt context for a
 * simulated card): no sleeping. Reports the periods written; ends the
 * capture with an xrun when the engine stopped itself, the signal went,
 * more than a buffer was written since the last period interrupt, or a
 * period's record is out of step with the video frames.
 */
void sdi8k_audio_irq(struct sdi8k_input *in, u32 st)
{
	struct sdi8k_audio_in *aud = &in->aud;
	struct sdi8k_card *card = in->card;
	struct snd_pcm_substream *ss;
	bool overrun = false, bad_rec = false;
	unsigned long flags;
	u32 v, frames = 0;

	spin_lock_irqsave(&aud->lock, flags);
	ss = aud->substream;
	if (ss && (st & SDI8K_IRQ_AUDIO_PERIOD)) {
		frames = sdi8k_in_read(in, SDI8K_IN_AUD_FRAMES);
		overrun = frames - aud->frames_seen > aud->buf_frames;
		aud->frames_seen = frames;
		v = sdi8k_in_read(in, SDI8K_IN_AUD_PERIODS);
		bad_rec = !overrun && !sdi8k_audio_check_records(in, v);
	}
	spin_unlock_irqrestore(&aud->lock, flags);
	/*
	 * A substream stopped since is still whole (stopping waits for this
	 * work: sync_stop); the calls below check that it runs.
	 */
	if (!ss)
		return;
	if (st & SDI8K_IRQ_AUDIO_ERROR) {
		v = sdi8k_in_read(in, SDI8K_IN_AUD_DMA_STATUS);
		if (v == U32_MAX ||
		    (v & (SDI8K_AUD_DMA_FAULT | SDI8K_AUD_DMA_BAD_CONFIG))) {
			dev_err_ratelimited(card->dev,
					    "%s input %u: the audio DMA engine stopped (AUD_DMA_STATUS 0x%08x): capture stopped\n",
					    card->name, in->index, v);
			snd_pcm_stop_xrun(ss);
			return;
		}
	}
	if (st & SDI8K_IRQ_AUDIO_CHANGE) {
		v = sdi8k_in_read(in, SDI8K_IN_AUD_STATUS);
		if (v == U32_MAX || !(v & SDI8K_AUD_LOCKED)) {
			dev_dbg(card->dev, "%s input %u: audio signal lost: capture stopped\n",
				card->name, in->index);
			snd_pcm_stop_xrun(ss);
			return;
		}
	}
	if (overrun) {
		dev_warn_ratelimited(card->dev,
				     "%s input %u: audio interrupts late by more than a buffer (AUD_FRAMES %u): overrun\n",
				     card->name, in->index, frames);
		snd_pcm_stop_xrun(ss);
		return;
	}
	if (bad_rec) {
		snd_pcm_stop_xrun(ss);
		return;
	}
	if (st & SDI8K_IRQ_AUDIO_PERIOD)
		snd_pcm_period_elapsed(ss);
}

/**
 * sdi8k_audio_fail_all - every audio capture of the card ends (an xrun)
 * @card: the card, which was reset or is gone
 *
 * Any context (the card-gone path runs in hard interrupt context).
 */
void sdi8k_audio_fail_all(struct sdi8k_card *card)
{
	unsigned int i;

	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_audio_in *aud = &card->inputs[i].aud;
		struct snd_pcm_substream *ss;
		unsigned long flags;

		spin_lock_irqsave(&aud->lock, flags);
		ss = aud->substream;
		spin_unlock_irqrestore(&aud->lock, flags);
		if (ss)
			snd_pcm_stop_xrun(ss);
	}
}

/*
 * Controls of each PCM device (iface PCM, device = input), read from the
 * de-embedder when asked (volatile): the groups the signal carries, the
 * channels whose channel status says non-PCM, the packet error counters
 * (wrapping at 2^32) and each channel's AES3 channel status; and the
 * capture's start in the card's frame numbering (the period records).
 */
enum sdi8k_audio_ctl {
	SDI8K_ACTL_GROUPS,
	SDI8K_ACTL_NONPCM,
	SDI8K_ACTL_CHECKSUM,
	SDI8K_ACTL_ECC,
	SDI8K_ACTL_SILENCED,
	SDI8K_ACTL_START,
};

static int sdi8k_actl_info(struct snd_kcontrol *kc,
			   struct snd_ctl_elem_info *ui)
{
	switch (kc->private_value) {
	case SDI8K_ACTL_GROUPS:
	case SDI8K_ACTL_NONPCM:
		ui->type = SNDRV_CTL_ELEM_TYPE_BOOLEAN;
		ui->count = kc->private_value == SDI8K_ACTL_GROUPS ?
			    SDI8K_AUD_GROUPS_MAX : SDI8K_AUD_MAX_CHANNELS;
		ui->value.integer.min = 0;
		ui->value.integer.max = 1;
		return 0;
	case SDI8K_ACTL_START:
		ui->type = SNDRV_CTL_ELEM_TYPE_INTEGER64;
		ui->count = 3;
		ui->value.integer64.min = -1;
		ui->value.integer64.max = S64_MAX;
		return 0;
	default:
		ui->type = SNDRV_CTL_ELEM_TYPE_INTEGER64;
		ui->count = 1;
		ui->value.integer64.min = 0;
		ui->value.integer64.max = U32_MAX;
		return 0;
	}
}

static int sdi8k_actl_get(struct snd_kcontrol *kc,
			  struct snd_ctl_elem_value *uc)
{
	static const u32 counter[] = {
		[SDI8K_ACTL_CHECKSUM] = SDI8K_IN_AUD_CHECKSUM_ERRORS,
		[SDI8K_ACTL_ECC] = SDI8K_IN_AUD_ECC_ERRORS,
		[SDI8K_ACTL_SILENCED] = SDI8K_IN_AUD_SILENCED,
	};
	struct sdi8k_input *in = snd_kcontrol_chip(kc);
	struct sdi8k_audio_in *aud = &in->aud;
	struct sdi8k_card *card = in->card;
	unsigned long flags;
	unsigned int i;
	u32 v = 0;
	int ret = 0;

	mutex_lock(&card->audio_lock);
	if (card->audio_gone) {
		ret = -ENODEV;
		goto out;
	}
	switch (kc->private_value) {
	case SDI8K_ACTL_GROUPS:
		v = sdi8k_in_read(in, SDI8K_IN_AUD_STATUS);
		if (v == U32_MAX || !(v & SDI8K_AUD_LOCKED))
			v = 0;
		for (i = 0; i < SDI8K_AUD_GROUPS_MAX; i++)
			uc->value.integer.value[i] = !!(v & BIT(i));
		break;
	case SDI8K_ACTL_NONPCM:
		v = sdi8k_in_read(in, SDI8K_IN_AUD_NONPCM);
		if (v == U32_MAX)
			v = 0;
		for (i = 0; i < SDI8K_AUD_MAX_CHANNELS; i++)
			uc->value.integer.value[i] = !!(v & BIT(i));
		break;
	case SDI8K_ACTL_CHECKSUM:
	case SDI8K_ACTL_ECC:
	case SDI8K_ACTL_SILENCED:
		uc->value.integer64.value[0] =
			sdi8k_in_read(in, counter[kc->private_value]);
		break;
	case SDI8K_ACTL_START:
		spin_lock_irqsave(&aud->lock, flags);
		uc->value.integer64.value[0] = aud->start_valid ?
					       (s64)aud->start_count : -1;
		uc->value.integer64.value[1] = aud->start_valid ?
					       aud->start_offset : -1;
		uc->value.integer64.value[2] = aud->start_valid ?
					       aud->phase : -1;
		spin_unlock_irqrestore(&aud->lock, flags);
		break;
	default:
		ret = -EINVAL;
	}
out:
	mutex_unlock(&card->audio_lock);
	return ret;
}

static int sdi8k_actl_cs_info(struct snd_kcontrol *kc,
			      struct snd_ctl_elem_info *ui)
{
	ui->type = SNDRV_CTL_ELEM_TYPE_IEC958;
	ui->count = 1;
	return 0;
}

/* channel (the element's index)'s last complete channel status block */
static int sdi8k_actl_cs_get(struct snd_kcontrol *kc,
			     struct snd_ctl_elem_value *uc)
{
	struct sdi8k_input *in = snd_kcontrol_chip(kc);
	struct sdi8k_card *card = in->card;
	unsigned int ch = snd_ctl_get_ioff(kc, &uc->id), k, b;
	u32 v;
	int ret = 0;

	BUILD_BUG_ON(sizeof(uc->value.iec958.status) < SDI8K_AUD_CS_BYTES);
	mutex_lock(&card->audio_lock);
	if (card->audio_gone) {
		ret = -ENODEV;
	} else {
		sdi8k_in_write(in, SDI8K_IN_AUD_CS_SELECT, ch);
		for (k = 0; k < SDI8K_AUD_CS_BYTES / 4; k++) {
			v = sdi8k_in_read(in, SDI8K_IN_AUD_CS(k));
			for (b = 0; b < 4; b++)
				uc->value.iec958.status[4 * k + b] = v >> (8 * b);
		}
	}
	mutex_unlock(&card->audio_lock);
	return ret;
}

#define SDI8K_ACTL(xname, what) {					\
	.iface = SNDRV_CTL_ELEM_IFACE_PCM,				\
	.name = xname,							\
	.access = SNDRV_CTL_ELEM_ACCESS_READ |				\
		  SNDRV_CTL_ELEM_ACCESS_VOLATILE,			\
	.info = sdi8k_actl_info,					\
	.get = sdi8k_actl_get,						\
	.private_value = what,						\
}

static const struct snd_kcontrol_new sdi8k_actls[] = {
	SDI8K_ACTL(SDI8K_ALSA_CTL_GROUPS, SDI8K_ACTL_GROUPS),
	SDI8K_ACTL(SDI8K_ALSA_CTL_NONPCM, SDI8K_ACTL_NONPCM),
	SDI8K_ACTL(SDI8K_ALSA_CTL_CHECKSUM, SDI8K_ACTL_CHECKSUM),
	SDI8K_ACTL(SDI8K_ALSA_CTL_ECC, SDI8K_ACTL_ECC),
	SDI8K_ACTL(SDI8K_ALSA_CTL_SILENCED, SDI8K_ACTL_SILENCED),
	SDI8K_ACTL(SDI8K_ALSA_CTL_STREAM_START, SDI8K_ACTL_START),
	{
		.iface = SNDRV_CTL_ELEM_IFACE_PCM,
		.name = SNDRV_CTL_NAME_IEC958("", CAPTURE, DEFAULT),
		.count = SDI8K_AUD_MAX_CHANNELS,
		.access = SNDRV_CTL_ELEM_ACCESS_READ |
			  SNDRV_CTL_ELEM_ACCESS_VOLATILE,
		.info = sdi8k_actl_cs_info,
		.get = sdi8k_actl_cs_get,
	},
};

/* the controls of input @in's PCM device; freed with the ALSA card */
static int sdi8k_audio_add_controls(struct snd_card *snd,
				    struct sdi8k_input *in)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(sdi8k_actls); i++) {
		struct snd_kcontrol *kc = snd_ctl_new1(&sdi8k_actls[i], in);

		if (!kc)
			return -ENOMEM;
		kc->id.device = in->index;
		ret = snd_ctl_add(snd, kc);	/* frees @kc on failure */
		if (ret)
			return ret;
	}
	return 0;
}

static void sdi8k_audio_card_free(struct snd_card *snd)
{
	struct sdi8k_card *card = snd->private_data;

	v4l2_device_put(&card->v4l2_dev);
}

static void sdi8k_audio_free_records(struct sdi8k_card *card)
{
	unsigned int i;

	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_audio_in *aud = &card->inputs[i].aud;

		if (aud->rec)
			dma_free_coherent(card->dev, SDI8K_AUD_REC_BYTES,
					  aud->rec, aud->rec_dma);
		aud->rec = NULL;
	}
}

/**
 * sdi8k_audio_register - create the card's ALSA card and PCM devices
 * @card: a card whose inputs are registered, not yet live
 *
 * Process context. On success the card's interrupt mask includes the
 * audio interrupts (sdi8k_irq_mask()).
 *
 * Return: 0 or a negative errno; on failure nothing is left.
 */
int sdi8k_audio_register(struct sdi8k_card *card)
{
	struct snd_card *snd;
	char id[16];
	unsigned int i;
	int ret;

	/* stable across reboots and slots: from the serial number */
	snprintf(id, sizeof(id), "sdi8k%08x", lower_32_bits(card->serial));
	ret = snd_card_new(card->dev, -1, id, THIS_MODULE, 0, &snd);
	if (ret)
		return ret;
	v4l2_device_get(&card->v4l2_dev);
	snd->private_data = card;
	snd->private_free = sdi8k_audio_card_free;
	strscpy(snd->driver, SDI8K_DRV_NAME, sizeof(snd->driver));
	strscpy(snd->shortname, SDI8K_DRV_NAME, sizeof(snd->shortname));
	snprintf(snd->longname, sizeof(snd->longname),
		 "sdi8k %s, serial %016llx%s", card->name, card->serial,
		 card->simulated ? " (simulated)" : "");

	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];
		struct snd_pcm *pcm;

		in->aud.rec = dma_alloc_coherent(card->dev, SDI8K_AUD_REC_BYTES,
						 &in->aud.rec_dma, GFP_KERNEL);
		if (!in->aud.rec) {
			ret = -ENOMEM;
			goto err;
		}
		ret = snd_pcm_new(snd, SDI8K_DRV_NAME, i, 0, 1, &pcm);
		if (ret)
			goto err;
		pcm->private_data = in;
		pcm->info_flags = 0;
		in->aud.pcm = pcm;
		snprintf(pcm->name, sizeof(pcm->name), "%s input %u",
			 card->name, i);
		snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_CAPTURE, &sdi8k_pcm_ops);
		/* allocated at hw_params: nothing to fail here */
		snd_pcm_set_managed_buffer_all(pcm, SNDRV_DMA_TYPE_DEV, card->dev,
					       0, SDI8K_AUD_BUFFER_BYTES_MAX);
		ret = sdi8k_audio_add_controls(snd, in);
		if (ret)
			goto err;
	}
	ret = snd_card_register(snd);
	if (ret)
		goto err;
	card->snd = snd;
	for (i = 0; i < card->num_inputs; i++) {
		sdi8k_in_write(&card->inputs[i], SDI8K_IN_IRQ_STATUS,
			       SDI8K_IRQ_AUDIO_ALL);
		sdi8k_in_write(&card->inputs[i], SDI8K_IN_IRQ_MASK,
			       sdi8k_irq_mask(card));
	}
	dev_info(card->dev, "%s: ALSA card %d \"%s\", one capture device per input\n",
		 card->name, snd->number, snd->id);
	return 0;

err:
	sdi8k_audio_free_records(card);
	snd_card_free(snd);
	return ret;
}

/**
 * sdi8k_audio_unregister - take the ALSA card down
 * @card: a card whose ALSA card may exist
 *
 * Process context. Running captures end (their clients get -ENODEV), the
 * engines stop, and no PCM callback touches the card afterwards; the ALSA
 * card is freed when its last file is closed.
 */
void sdi8k_audio_unregister(struct sdi8k_card *card)
{
	struct snd_card *snd = card->snd;
	unsigned int i;

	if (!snd)
		return;
	/* stops every running stream: trigger STOP clears ENABLE */
	snd_card_disconnect(snd);
	mutex_lock(&card->audio_lock);
	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		sdi8k_in_write(in, SDI8K_IN_AUD_DMA_CTRL, 0);
		sdi8k_audio_quiesce(in);
	}
	card->audio_gone = true;
	mutex_unlock(&card->audio_lock);
	/* the engines write nothing more: their records can go */
	sdi8k_audio_free_records(card);
	card->snd = NULL;
	snd_card_free_when_closed(snd);
}

/**
 * sdi8k_audio_suspend - the system sleeps: every capture is suspended
 * @card: a registered card
 *
 * Process context. Clients prepare their stream again after resume (no
 * SNDRV_PCM_INFO_RESUME: the card loses its state).
 */
void sdi8k_audio_suspend(struct sdi8k_card *card)
{
	unsigned int i;

	if (!card->snd)
		return;
	mutex_lock(&card->audio_lock);
	for (i = 0; i < card->num_inputs; i++) {
		/* trigger SUSPEND clears ENABLE */
		snd_pcm_suspend_all(card->inputs[i].aud.pcm);
		sdi8k_audio_quiesce(&card->inputs[i]);
	}
	mutex_unlock(&card->audio_lock);
}

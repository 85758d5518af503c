// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k card model: embedded audio (docs/hardware.md, "Embedded audio").
 * Per input an audio generator (docs/test-pattern.md, "Embedded audio":
 * channel n a sine at n x 500 Hz, a full-scale marker on the first sample
 * of every SDI8K_SIM_AUDIO_MARK_EVERY-th frame), the ST 299 embedder and
 * de-embedder (every sample goes through sdi8k_audio_encode() and
 * sdi8k_audio_decode(), damaged packets become silence and are counted),
 * and the audio DMA engine: a cyclic buffer of S32_LE sample frames with
 * period records, AUDIO_PERIOD interrupts and the position registers.
 *
 * A frame's samples are delivered at the frame's start (the hardware
 * delivers them as they arrive, within the frame); their number follows
 * sdi8k_aud_frame_start() in the phase the script sets (audio_sequence:
 * frame 0's position in the source's 5-frame sequence), so the 1/1.001
 * cadence is exact; each period record says where its frame is in it. Packets are
 * built and taken apart only while the engine runs; otherwise the
 * de-embedder's registers are set from what the input sends.
 */
#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/slab.h>
#include <linux/string.h>
#endif

#include "sdi8k-sim.h"

/* one cycle of a sine of amplitude 2^22 - 1 (-6 dBFS) in 96 samples */
static const s32 sdi8k_sim_sine96[96] = {
	0, 274321, 547466, 818268, 1085565, 1348215, 1605090, 1855093,
	2097151, 2330230, 2553330, 2765496, 2965820, 3153444, 3327564,
	3487435, 3632373, 3761756, 3875031, 3971712, 4051386, 4113711,
	4158420, 4185323, 4194303, 4185323, 4158420, 4113711, 4051386,
	3971712, 3875031, 3761756, 3632373, 3487435, 3327564, 3153444,
	2965820, 2765496, 2553330, 2330230, 2097151, 1855093, 1605090,
	1348215, 1085565, 818268, 547466, 274321, 0, -274321, -547466,
	-818268, -1085565, -1348215, -1605090, -1855093, -2097151, -2330230,
	-2553330, -2765496, -2965820, -3153444, -3327564, -3487435, -3632373,
	-3761756, -3875031, -3971712, -4051386, -4113711, -4158420, -4185323,
	-4194303, -4185323, -4158420, -4113711, -4051386, -3971712, -3875031,
	-3761756, -3632373, -3487435, -3327564, -3153444, -2965820, -2765496,
	-2553330, -2330230, -2097152, -1855093, -1605090, -1348215, -1085565,
	-818268, -547466, -274321,

};

/* the most sample frames one video frame has: 23.98 Hz, 2002 */
#define SDI8K_SIM_AUDIO_MAX_FRAME	2004

/**
 * sdi8k_sim_audio_sample - what the generator sends
 * @cfg: the input's audio
 * @ch: channel 0-15
 * @s: sample number since the signal started (sdi8k_aud_frame_start())
 * @first_of: the sample is the first of this video frame, or U64_MAX
 *
 * Return: the 24-bit sample.
 */
s32 sdi8k_sim_audio_sample(const struct sdi8k_sim_audio_cfg *cfg,
			   unsigned int ch, u64 s, u64 first_of)
{
	if (cfg->silence || !(cfg->groups & BIT(ch / 4)) ||
	    (cfg->two_channels && ch >= 2))
		return 0;
	if (first_of != U64_MAX && !(first_of % SDI8K_SIM_AUDIO_MARK_EVERY))
		return SDI8K_SIM_AUDIO_MARKER;
	return sdi8k_sim_sine96[(u32)((s % 96) * (ch + 1) % 96)];
}

/* the AES3 channel status block channel @ch sends */
void sdi8k_sim_audio_cs(const struct sdi8k_sim_audio_cfg *cfg,
			unsigned int ch, u8 cs[SDI8K_AUD_CS_BYTES])
{
	memset(cs, 0, SDI8K_AUD_CS_BYTES);
	/* professional use, 48 kHz; bit 1: non-PCM data */
	cs[0] = 0x01 | 0x80 | (cfg->nonpcm & BIT(ch) ? 0x02 : 0);
	/* byte 2: 24-bit words */
	cs[2] = 0x2c;
}

static u32 sdi8k_sim_audio_nonpcm(u8 cs[][SDI8K_AUD_CS_BYTES])
{
	unsigned int ch;
	u32 v = 0;

	for (ch = 0; ch < SDI8K_AUD_MAX_CHANNELS; ch++)
		if (cs[ch][0] & 0x02)
			v |= BIT(ch);
	return v;
}

void sdi8k_sim_audio_defaults(struct sdi8k_sim_audio_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->groups = GENMASK(SDI8K_AUD_GROUPS_MAX - 1, 0);
}

/* the programming AUD_* registers hold is one the engine takes */
static bool sdi8k_sim_audio_config_ok(const struct sdi8k_sim_audio_prog *a)
{
	u32 periods;

	if (a->channels != 2 && a->channels != 8 && a->channels != 16)
		return false;
	if (a->period < SDI8K_AUD_PERIOD_MIN || a->period > SDI8K_AUD_PERIOD_MAX ||
	    !a->buf_frames || a->buf_frames % a->period)
		return false;
	periods = a->buf_frames / a->period;
	if (periods < SDI8K_AUD_PERIODS_MIN || periods > SDI8K_AUD_PERIODS_MAX)
		return false;
	return a->buf_base && !(a->buf_base & 63) && !(a->rec_base & 63);
}

/* Called with sdi8k_sim.lock held. */
u32 sdi8k_sim_audio_read(struct sdi8k_sim_input *si, u32 off)
{
	struct sdi8k_sim_audio *a = &si->aud;
	unsigned int k;

	switch (off) {
	case SDI8K_IN_AUD_STATUS:
		return a->status;
	case SDI8K_IN_AUD_NONPCM:
		return a->nonpcm;
	case SDI8K_IN_AUD_CS_SELECT:
		return a->cs_select;
	case SDI8K_IN_AUD_CHECKSUM_ERRORS:
		return a->checksum_errors;
	case SDI8K_IN_AUD_ECC_ERRORS:
		return a->ecc_errors;
	case SDI8K_IN_AUD_SILENCED:
		return a->silenced;
	case SDI8K_IN_AUD_DMA_CTRL:
		return a->ctrl;
	case SDI8K_IN_AUD_DMA_STATUS:
		return ((a->ctrl & SDI8K_AUD_DMA_ENABLE) && a->running) || a->busy ?
		       a->dma_status | SDI8K_AUD_DMA_RUNNING : a->dma_status;
	case SDI8K_IN_AUD_CHANNELS:
		return a->prog.channels;
	case SDI8K_IN_AUD_PERIOD_FRAMES:
		return a->prog.period;
	case SDI8K_IN_AUD_BUF_BASE_LO:
		return lower_32_bits(a->prog.buf_base);
	case SDI8K_IN_AUD_BUF_BASE_HI:
		return upper_32_bits(a->prog.buf_base);
	case SDI8K_IN_AUD_BUF_FRAMES:
		return a->prog.buf_frames;
	case SDI8K_IN_AUD_POSITION:
		return a->position;
	case SDI8K_IN_AUD_FRAMES:
		return a->frames;
	case SDI8K_IN_AUD_PERIODS:
		return a->periods;
	case SDI8K_IN_AUD_REC_BASE_LO:
		return lower_32_bits(a->prog.rec_base);
	case SDI8K_IN_AUD_REC_BASE_HI:
		return upper_32_bits(a->prog.rec_base);
	}
	if (off >= SDI8K_IN_AUD_CS(0) && off <= SDI8K_IN_AUD_CS(5)) {
		k = (off - SDI8K_IN_AUD_CS(0)) / 4;
		return (u32)a->cs[a->cs_select][4 * k] |
		       (u32)a->cs[a->cs_select][4 * k + 1] << 8 |
		       (u32)a->cs[a->cs_select][4 * k + 2] << 16 |
		       (u32)a->cs[a->cs_select][4 * k + 3] << 24;
	}
	return 0;
}

/* AUD_DMA_CTRL RESET and CONTROL RESET; called with sdi8k_sim.lock held */
void sdi8k_sim_audio_reset(struct sdi8k_sim_input *si, bool card)
{
	struct sdi8k_sim_audio *a = &si->aud;

	if (card) {
		a->ctrl = 0;
		a->running = false;
	}
	a->position = 0;
	a->frames = 0;
	a->periods = 0;
	a->checksum_errors = 0;
	a->ecc_errors = 0;
	a->silenced = 0;
	a->dma_status = 0;
}

/* Called with sdi8k_sim.lock held. */
void sdi8k_sim_audio_write(struct sdi8k_sim_input *si, u32 off, u32 val)
{
	struct sdi8k_sim_audio *a = &si->aud;

	switch (off) {
	case SDI8K_IN_AUD_CS_SELECT:
		a->cs_select = val % SDI8K_AUD_MAX_CHANNELS;
		break;
	case SDI8K_IN_AUD_DMA_CTRL:
		a->ctrl = val & SDI8K_AUD_DMA_ENABLE;
		if (!(val & SDI8K_AUD_DMA_ENABLE))
			a->running = false;
		if ((val & SDI8K_AUD_DMA_RESET) && !(val & SDI8K_AUD_DMA_ENABLE))
			sdi8k_sim_audio_reset(si, false);
		break;
	case SDI8K_IN_AUD_CHANNELS:
		a->prog.channels = val;
		break;
	case SDI8K_IN_AUD_PERIOD_FRAMES:
		a->prog.period = val;
		break;
	case SDI8K_IN_AUD_BUF_BASE_LO:
		a->prog.buf_base = (a->prog.buf_base & ~0xffffffffULL) | val;
		break;
	case SDI8K_IN_AUD_BUF_BASE_HI:
		a->prog.buf_base = (a->prog.buf_base & 0xffffffffULL) | (u64)val << 32;
		break;
	case SDI8K_IN_AUD_BUF_FRAMES:
		a->prog.buf_frames = val;
		break;
	case SDI8K_IN_AUD_REC_BASE_LO:
		a->prog.rec_base = (a->prog.rec_base & ~0xffffffffULL) | val;
		break;
	case SDI8K_IN_AUD_REC_BASE_HI:
		a->prog.rec_base = (a->prog.rec_base & 0xffffffffULL) | (u64)val << 32;
		break;
	}
}

/* The de-embedder's registers changed: AUDIO_CHANGE. Under the lock. */
static void sdi8k_sim_audio_set_status(struct sdi8k_sim_input *si, u32 status,
				       u32 nonpcm)
{
	struct sdi8k_sim_audio *a = &si->aud;

	if (a->status != status || a->nonpcm != nonpcm) {
		a->status = status;
		a->nonpcm = nonpcm;
		sdi8k_sim_raise(si, SDI8K_IRQ_AUDIO_CHANGE);
	}
}

/* The input lost its signal: nothing received. Under the lock. */
void sdi8k_sim_audio_lost(struct sdi8k_sim_input *si)
{
	sdi8k_sim_audio_set_status(si, 0, si->aud.nonpcm);
}

/*
 * One group's packet of sample @s through the wire: built, damaged as
 * scripted, de-embedded. Fills @out[0..3]; returns 0, or the decoder's
 * error (the samples are silence then).
 */
static int sdi8k_sim_audio_packet(struct sdi8k_sim_input *si,
				  const struct sdi8k_sim_audio_cfg *cfg,
				  unsigned int g, u64 s, u64 first_of,
				  bool damage, s32 out[4])
{
	struct sdi8k_sim_audio *a = &si->aud;
	struct sdi8k_audio_packet p = { .group = g };
	u16 w[SDI8K_AUDIO_DATA_WORDS];
	unsigned int ch, i;
	u32 blk = (u32)(s % 192);
	int ret;

	a->dbn[g] = a->dbn[g] % 255 + 1;
	p.dbn = a->dbn[g];
	for (i = 0; i < 4; i++) {
		ch = g * 4 + i;
		p.sample[i] = sdi8k_sim_audio_sample(cfg, ch, s, first_of);
		p.flags[i] = (blk ? 0 : SDI8K_AUDIO_Z) |
			     (a->cs_send[ch][blk / 8] & BIT(blk % 8) ?
			      SDI8K_AUDIO_C : 0);
	}
	sdi8k_audio_encode(&p, w, ARRAY_SIZE(w));
	if (damage && cfg->fault == SDI8K_SIM_AUDIO_FAULT_CHECKSUM) {
		w[SDI8K_AUDIO_DATA_WORDS - 1] ^= 1;
	} else if (damage && cfg->fault == SDI8K_SIM_AUDIO_FAULT_ECC) {
		/* a bit of channel 1's sample flipped, parity and sum kept */
		w[3 + 3] = sdi8k_anc_word((u8)(w[3 + 3] ^ 0x10));
		w[SDI8K_AUDIO_DATA_WORDS - 1] =
			sdi8k_anc_checksum(w, SDI8K_AUDIO_DATA_WORDS - 1);
	}
	ret = sdi8k_audio_decode(w, ARRAY_SIZE(w), &p);
	if (ret < 0) {
		memset(out, 0, 4 * sizeof(*out));
		return ret;
	}
	for (i = 0; i < 4; i++) {
		ch = g * 4 + i;
		out[i] = p.sample[i];
		/* the channel status block, from the Z flag on */
		if (p.flags[i] & SDI8K_AUDIO_Z) {
			a->cs_bit[ch] = 0;
			memset(a->cs_work[ch], 0, SDI8K_AUD_CS_BYTES);
		}
		if (a->cs_bit[ch] >= 192)
			continue;
		if (p.flags[i] & SDI8K_AUDIO_C)
			a->cs_work[ch][a->cs_bit[ch] / 8] |= BIT(a->cs_bit[ch] % 8);
		if (++a->cs_bit[ch] == 192)
			memcpy(a->cs_got[ch], a->cs_work[ch], SDI8K_AUD_CS_BYTES);
	}
	return 0;
}

/* the packet of group 1 the "audio_fault" word damages in every frame */
#define SDI8K_SIM_AUDIO_FAULT_AT	100

/*
 * The de-embedded samples of @n sample frames of video frame @frame,
 * first sample number @s0, into a->stage (16 channels each) and
 * a->silent. Returns the damaged packets by kind in @cs_err / @ecc_err.
 */
static void sdi8k_sim_audio_deembed(struct sdi8k_sim_input *si,
				    const struct sdi8k_sim_audio_cfg *cfg,
				    u64 frame, u64 s0, u32 n, u32 *cs_err,
				    u32 *ecc_err)
{
	struct sdi8k_sim_audio *a = &si->aud;
	unsigned int g, ch;
	u32 k;
	int ret;

	for (ch = 0; ch < SDI8K_AUD_MAX_CHANNELS; ch++)
		sdi8k_sim_audio_cs(cfg, ch, a->cs_send[ch]);
	for (k = 0; k < n; k++) {
		s32 *row = a->stage + k * SDI8K_AUD_MAX_CHANNELS;

		a->silent[k] = 0;
		for (g = 0; g < SDI8K_AUD_GROUPS_MAX; g++) {
			if (!(cfg->groups & BIT(g))) {
				memset(row + g * 4, 0, 4 * sizeof(*row));
				continue;
			}
			ret = sdi8k_sim_audio_packet(si, cfg, g, s0 + k,
						     k ? U64_MAX : frame,
						     cfg->fault && !g &&
						     k == SDI8K_SIM_AUDIO_FAULT_AT,
						     row + g * 4);
			if (ret == -EUCLEAN)
				(*ecc_err)++;
			else if (ret < 0)
				(*cs_err)++;
			if (ret < 0)
				a->silent[k] = 1;
		}
	}
}

/* bus error: the engine stops (FAULT, AUDIO_ERROR); counted */
static void sdi8k_sim_audio_fault(struct sdi8k_sim_input *si)
{
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	si->aud.dma_status |= SDI8K_AUD_DMA_FAULT;
	si->aud.running = false;
	si->dma_faults++;
	sdi8k_sim_raise(si, SDI8K_IRQ_AUDIO_ERROR);
	spin_unlock_irqrestore(&si->sim->lock, flags);
}

/*
 * Write the @n sample frames of a->stage (video frame @frame) into the
 * cyclic buffer, period by period. Returns false on a bus error.
 */
static bool sdi8k_sim_audio_dma(struct sdi8k_sim_input *si,
				const struct sdi8k_sim_audio_prog *p, u32 pos,
				u64 frame, u32 seq, u32 n, u32 groups)
{
	struct sdi8k_sim_audio *a = &si->aud;
	const struct sdi8k_sim_env *env = si->sim->env;
	u32 bpf = p->channels * SDI8K_AUD_SAMPLE_BYTES;
	u32 nper = p->buf_frames / p->period;
	u32 k = 0, i, j;
	unsigned long flags;

	while (k < n) {
		u32 chunk = min3(n - k, p->period - a->fill,
				 p->buf_frames - pos);
		u8 *o = a->out;

		for (i = 0; i < chunk; i++) {
			const s32 *row = a->stage +
					 (k + i) * SDI8K_AUD_MAX_CHANNELS;

			for (j = 0; j < p->channels; j++, o += 4)
				sdi8k_put_le32(o, (u32)row[j] << 8);
			if (a->silent[k + i])
				a->rec_status |= SDI8K_AUD_REC_SILENCED;
		}
		if (!a->fill) {
			a->rec_frame = frame;
			a->rec_offset = k;
			a->rec_seq = seq;
			a->rec_status &= SDI8K_AUD_REC_SILENCED;
		}
		a->rec_status |= groups;
		if (env->dma_write(si->sim, p->buf_base + (u64)pos * bpf, a->out,
				   (size_t)chunk * bpf))
			return false;
		k += chunk;
		a->fill += chunk;
		pos = (pos + chunk) % p->buf_frames;
		if (a->fill == p->period) {
			struct sdi8k_aud_rec rec = {
				.frame_count = cpu_to_le64(a->rec_frame),
				.frame_offset = cpu_to_le32(a->rec_offset),
				.status = cpu_to_le32(a->rec_status |
						      FIELD_PREP(SDI8K_AUD_REC_SEQ,
								 a->rec_seq)),
			};
			u32 periods;

			spin_lock_irqsave(&si->sim->lock, flags);
			periods = a->periods;
			spin_unlock_irqrestore(&si->sim->lock, flags);
			if (p->rec_base &&
			    env->dma_write(si->sim, p->rec_base +
					   (u64)(periods % nper) * sizeof(rec),
					   &rec, sizeof(rec)))
				return false;
			a->fill = 0;
			a->rec_status = 0;
		}
		/* the samples (and record) are in memory: advance, signal */
		spin_lock_irqsave(&si->sim->lock, flags);
		a->position = pos;
		a->frames += chunk;
		a->written += chunk;
		if (!a->fill) {
			a->periods++;
			sdi8k_sim_raise(si, SDI8K_IRQ_AUDIO_PERIOD);
		}
		spin_unlock_irqrestore(&si->sim->lock, flags);
	}
	return true;
}

/**
 * sdi8k_sim_audio_frame - video frame @frame of an input has started:
 *	its audio arrives
 * @si: the input
 * @frame: the frame's number since the signal started
 *
 * Called by the input's host thread only; may sleep.
 */
void sdi8k_sim_audio_frame(struct sdi8k_sim_input *si, u64 frame)
{
	struct sdi8k_sim *sim = si->sim;
	struct sdi8k_sim_audio *a = &si->aud;
	struct sdi8k_sim_audio_cfg cfg;
	struct sdi8k_sim_audio_prog prog;
	u32 pos;
	const struct sdi8k_raster *r;
	u32 cs_err = 0, ecc_err = 0, status, nonpcm, n, seq_len, phase, seq;
	unsigned long flags;
	unsigned int ch, src;
	bool run, ok = true;
	u64 s0;

	spin_lock_irqsave(&sim->lock, flags);
	r = sdi8k_sim_seen(si);
	if (!r) {
		sdi8k_sim_audio_lost(si);
		spin_unlock_irqrestore(&sim->lock, flags);
		return;
	}
	/* quad link: input 0 carries link 1's audio */
	src = si->index;
	if (sim->topology != SDI8K_TOPO_4X1 && sim->link_map[0] < sim->num_inputs)
		src = sim->link_map[0];
	cfg = sim->inputs[src].aud.cfg;
	run = (a->ctrl & SDI8K_AUD_DMA_ENABLE) &&
	      !(a->dma_status & (SDI8K_AUD_DMA_FAULT | SDI8K_AUD_DMA_BAD_CONFIG));
	if (run && !a->running) {
		if (sdi8k_sim_audio_config_ok(&a->prog)) {
			a->running = true;	/* from this frame's first sample */
			a->fill = 0;
		} else {
			a->dma_status |= SDI8K_AUD_DMA_BAD_CONFIG;
			sdi8k_sim_raise(si, SDI8K_IRQ_AUDIO_ERROR);
		}
	}
	run = run && a->running;
	a->busy = run;
	prog = a->prog;
	pos = a->position;
	spin_unlock_irqrestore(&sim->lock, flags);

	/* the source's cadence, frame 0 at position seq_phase of its sequence */
	seq_len = sdi8k_aud_seq_len(r->rate_num, r->rate_den);
	phase = cfg.seq_phase % seq_len;
	s0 = sdi8k_aud_frame_start(frame, phase, r->rate_num, r->rate_den);
	n = (u32)(sdi8k_aud_frame_start(frame + 1, phase, r->rate_num,
					r->rate_den) - s0);
	seq = (u32)(frame + phase - div_u64(frame + phase, seq_len) * seq_len);
	if (n > SDI8K_SIM_AUDIO_MAX_FRAME)
		n = SDI8K_SIM_AUDIO_MAX_FRAME;
	if (run && !a->stage) {
		a->stage = kvmalloc_array(SDI8K_SIM_AUDIO_MAX_FRAME,
					  SDI8K_AUD_MAX_CHANNELS * sizeof(s32),
					  GFP_KERNEL);
		a->out = kvmalloc_array(SDI8K_SIM_AUDIO_MAX_FRAME,
					SDI8K_AUD_MAX_CHANNELS * sizeof(s32),
					GFP_KERNEL);
		a->silent = kvzalloc(SDI8K_SIM_AUDIO_MAX_FRAME, GFP_KERNEL);
		if (!a->stage || !a->out || !a->silent) {
			sdi8k_sim_audio_idle(si);
			run = false;
		}
	}
	if (run) {
		sdi8k_sim_audio_deembed(si, &cfg, frame, s0, n, &cs_err,
					&ecc_err);
		ok = sdi8k_sim_audio_dma(si, &prog, pos, frame, seq, n,
					 cfg.groups);
		nonpcm = sdi8k_sim_audio_nonpcm(a->cs_got);
	} else {
		/* what the de-embedder would find, without the packets */
		for (ch = 0; ch < SDI8K_AUD_MAX_CHANNELS; ch++)
			sdi8k_sim_audio_cs(&cfg, ch, a->cs_got[ch]);
		nonpcm = sdi8k_sim_audio_nonpcm(a->cs_got);
		if (cfg.fault && (cfg.groups & 1) && n > SDI8K_SIM_AUDIO_FAULT_AT) {
			if (cfg.fault == SDI8K_SIM_AUDIO_FAULT_ECC)
				ecc_err++;
			else
				cs_err++;
		}
	}
	if (!ok)
		sdi8k_sim_audio_fault(si);
	status = SDI8K_AUD_LOCKED | (cfg.groups & SDI8K_AUD_GROUPS);

	spin_lock_irqsave(&sim->lock, flags);
	a->busy = false;
	memcpy(a->cs, a->cs_got, sizeof(a->cs));
	a->checksum_errors += cs_err;
	a->ecc_errors += ecc_err;
	a->silenced += 4 * (cs_err + ecc_err);
	a->damaged += cs_err + ecc_err;
	sdi8k_sim_audio_set_status(si, status, nonpcm);
	spin_unlock_irqrestore(&sim->lock, flags);
}

/**
 * sdi8k_sim_audio_idle - free what the input's audio engine holds
 * @si: the input, whose host thread does not run
 */
void sdi8k_sim_audio_idle(struct sdi8k_sim_input *si)
{
	kvfree(si->aud.stage);
	si->aud.stage = NULL;
	kvfree(si->aud.out);
	si->aud.out = NULL;
	kvfree(si->aud.silent);
	si->aud.silent = NULL;
}

/**
 * sdi8k_sim_set_audio - script an input's embedded audio
 * @si: the input
 * @cfg: what it sends from the next frame on
 */
void sdi8k_sim_set_audio(struct sdi8k_sim_input *si,
			 const struct sdi8k_sim_audio_cfg *cfg)
{
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	si->aud.cfg = *cfg;
	spin_unlock_irqrestore(&si->sim->lock, flags);
}

static const char * const sdi8k_sim_audio_fault_names[] = {
	[SDI8K_SIM_AUDIO_FAULT_NONE] = "none",
	[SDI8K_SIM_AUDIO_FAULT_CHECKSUM] = "checksum",
	[SDI8K_SIM_AUDIO_FAULT_ECC] = "ecc",
};

const char *sdi8k_sim_audio_fault_name(u8 fault)
{
	return fault < ARRAY_SIZE(sdi8k_sim_audio_fault_names) ?
	       sdi8k_sim_audio_fault_names[fault] : "?";
}

int sdi8k_sim_audio_fault_parse(const char *s)
{
	return sysfs_match_string(sdi8k_sim_audio_fault_names, s);
}

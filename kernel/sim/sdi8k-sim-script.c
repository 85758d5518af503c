// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k card model: the scripting words of docs/simulator.md, one table
 * for both hosts. sdi8k-sim.ko makes each word a debugfs file
 * (/sys/kernel/debug/sdi8k/<card>/[input<N>/]<word>); sdi8k-card takes
 * them on its control socket (`sdi8k-card ctl SOCKET [input<N>] WORD
 * [VALUE]`). A value is one line; trailing white space is ignored.
 *
 *   input<N>/signal          raster name ("2160p50") or "none"
 *   input<N>/link_fault      none, missing, skew
 *   input<N>/dma_fault       none, head_garbage, head_ones, slow_reset,
 *                            stuck_reset, stuck_running, hung
 *   input<N>/full_repaint    0 or 1
 *   input<N>/stats           read only: counters
 *   input<N>/hdr             sdr, hlg, pq
 *   input<N>/hdr10plus       0 or 1
 *   input<N>/captions        0 or 1 (default 1)
 *   input<N>/cll             "MAXCLL MAXFALL"
 *   input<N>/malformed       none, checksum, parity, length, st2108, atc, cdp
 *   input<N>/timecode        0 or 1 (ATC)
 *   input<N>/timecode_offset frames
 *   input<N>/colorimetry     auto, bt709, vanc, bt2020, unknown
 *   input<N>/range           limited, full
 *   input<N>/ictcp           0 or 1
 *   input<N>/mdcv            ten numbers (ST 2086 order and units) or none
 *   input<N>/audio_channels  2, 8 or 16 (groups 1, 1-2, 1-4 sent)
 *   input<N>/audio_groups    the groups sent, "1234", "134", ..., or none
 *   input<N>/audio_silence   0 or 1: every sample 0
 *   input<N>/audio_nonpcm    channels whose status says non-PCM: a mask
 *                            (bit n: channel n+1), "all" or "none"
 *   input<N>/audio_fault     none, checksum, ecc: one damaged packet of
 *                            group 1 per frame
 *   input<N>/audio_sequence  0-4: the position of frame 0 (the frame the
 *                            input locked on) in the source's 5-frame
 *                            audio sequence (the 1/1.001 rates' cadence)
 *   gone                     0 or 1: the card is gone from the bus (surprise
 *                            removal): reads all-ones, no DMA; each input
 *                            raises one last interrupt as it goes
 *   clock_fault              none, fast (500 ppm), stopped, ones, bad_rate
 *                            (the card clock; the driver reads it at probe)
 *   source_mapping           2si or sqd (cards with four inputs)
 *   cabling                  link on each input, "1234" (four inputs)
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/string.h>
#endif

#include "sdi8k-sim.h"

#define SHOW(fmt, ...)	scnprintf(buf, len, fmt "\n", ##__VA_ARGS__)

/* ---- signal and faults ---- */

static int sdi8k_sim_signal_show(struct sdi8k_sim *sim,
				 struct sdi8k_sim_input *si, char *buf,
				 size_t len)
{
	const struct sdi8k_raster *r = READ_ONCE(si->signal);

	return SHOW("%s", r ? r->name : "none");
}

static int sdi8k_sim_signal_store(struct sdi8k_sim *sim,
				  struct sdi8k_sim_input *si, const char *val)
{
	const struct sdi8k_raster *r = NULL;

	if (!sysfs_streq(val, "none")) {
		r = sdi8k_find_raster_name(val);
		if (!r)
			return -EINVAL;
	}
	sdi8k_sim_set_signal(si, r);
	return 0;
}

static int sdi8k_sim_link_show(struct sdi8k_sim *sim,
			       struct sdi8k_sim_input *si, char *buf,
			       size_t len)
{
	return SHOW("%s", sdi8k_sim_link_name(READ_ONCE(si->link_fault)));
}

static int sdi8k_sim_link_store(struct sdi8k_sim *sim,
				struct sdi8k_sim_input *si, const char *val)
{
	int fault = sdi8k_sim_link_parse(val);

	if (fault < 0)
		return fault;
	sdi8k_sim_set_link_fault(si, fault);
	return 0;
}

static int sdi8k_sim_dma_fault_show(struct sdi8k_sim *sim,
				    struct sdi8k_sim_input *si, char *buf,
				    size_t len)
{
	return SHOW("%s", sdi8k_sim_dma_fault_name(READ_ONCE(si->dma_fault)));
}

static int sdi8k_sim_dma_fault_store(struct sdi8k_sim *sim,
				     struct sdi8k_sim_input *si,
				     const char *val)
{
	int fault = sdi8k_sim_dma_fault_parse(val);
	unsigned long flags;

	if (fault < 0)
		return fault;
	spin_lock_irqsave(&sim->lock, flags);
	si->dma_fault = fault;
	if (fault != SDI8K_SIM_DMA_STUCK_RUNNING && fault != SDI8K_SIM_DMA_HUNG)
		si->stuck = false;	/* repaired */
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

static int sdi8k_sim_repaint_show(struct sdi8k_sim *sim,
				  struct sdi8k_sim_input *si, char *buf,
				  size_t len)
{
	return SHOW("%d", READ_ONCE(si->full_repaint));
}

static int sdi8k_sim_repaint_store(struct sdi8k_sim *sim,
				   struct sdi8k_sim_input *si, const char *val)
{
	bool on;

	if (kstrtobool(val, &on))
		return -EINVAL;
	WRITE_ONCE(si->full_repaint, on);
	return 0;
}

static int sdi8k_sim_stats_show(struct sdi8k_sim *sim,
				struct sdi8k_sim_input *si, char *buf,
				size_t len)
{
	u64 frame, overruns, malformed, bad_payload, faults, hung, aud, dam;
	u32 captured, dropped;
	unsigned long flags;

	spin_lock_irqsave(&sim->lock, flags);
	malformed = si->anc_malformed_sent;
	bad_payload = si->anc_bad_payload_sent;
	captured = si->frames_captured;
	dropped = si->frames_dropped;
	frame = si->frame_count;
	overruns = si->overruns;
	faults = si->dma_faults;
	hung = si->hung_writes;
	aud = si->aud.written;
	dam = si->aud.damaged;
	spin_unlock_irqrestore(&sim->lock, flags);
	return scnprintf(buf, len,
			 "frame_count %llu\ncaptured %u\ndropped %u\noverruns %llu\nbytes_painted %llu\nanc_malformed_sent %llu\nanc_bad_payload_sent %llu\ndma_faults %llu\nhung_writes %llu\naudio_frames %llu\naudio_damaged %llu\n",
			 (unsigned long long)frame, captured, dropped,
			 (unsigned long long)overruns,
			 (unsigned long long)READ_ONCE(si->bytes_painted),
			 (unsigned long long)malformed,
			 (unsigned long long)bad_payload,
			 (unsigned long long)faults,
			 (unsigned long long)hung,
			 (unsigned long long)aud, (unsigned long long)dam);
}

/* ---- ancillary data ---- */

static struct sdi8k_sim_anc_cfg sdi8k_sim_anc_get(struct sdi8k_sim_input *si)
{
	struct sdi8k_sim_anc_cfg cfg;
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	cfg = si->anc;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	return cfg;
}

/* "GX GY BX BY RX RY WX WY MAX MIN": the ST 2086 order and units */
static int sdi8k_sim_mdcv_parse(const char *buf, struct sdi8k_mdcv *m)
{
	unsigned int v[8], i;
	u32 max, min;

	if (sscanf(buf, "%u %u %u %u %u %u %u %u %u %u", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &v[5], &v[6], &v[7], &max, &min) != 10)
		return -EINVAL;
	for (i = 0; i < 8; i++)
		if (v[i] > U16_MAX)
			return -EINVAL;
	m->green_x = v[0];
	m->green_y = v[1];
	m->blue_x = v[2];
	m->blue_y = v[3];
	m->red_x = v[4];
	m->red_y = v[5];
	m->white_x = v[6];
	m->white_y = v[7];
	m->max_luminance = max;
	m->min_luminance = min;
	return 0;
}

#define ANC_SHOW(word, expr...)						\
static int sdi8k_sim_##word##_show(struct sdi8k_sim *sim,		\
				   struct sdi8k_sim_input *si,		\
				   char *buf, size_t len)		\
{									\
	struct sdi8k_sim_anc_cfg cfg = sdi8k_sim_anc_get(si);		\
									\
	return SHOW(expr);						\
}

/* Change one thing of the input's ancillary configuration. */
#define ANC_STORE(word, body...)						\
static int sdi8k_sim_##word##_store(struct sdi8k_sim *sim,		\
				    struct sdi8k_sim_input *si,		\
				    const char *val)			\
{									\
	struct sdi8k_sim_anc_cfg cfg = sdi8k_sim_anc_get(si);		\
	int ret = 0;							\
									\
	body								\
	if (!ret)							\
		sdi8k_sim_set_anc(si, &cfg);				\
	return ret;							\
}

static int sdi8k_sim_parse_bool(const char *val, bool *on)
{
	return kstrtobool(val, on) ? -EINVAL : 0;
}

ANC_SHOW(hdr, "%s", sdi8k_sim_transfer_name(cfg.transfer))
ANC_STORE(hdr, {
	ret = sdi8k_sim_transfer_parse(val);
	if (ret >= 0) {
		cfg.transfer = ret;
		ret = 0;
	}
})

ANC_SHOW(hdr10plus, "%d", cfg.hdr10plus)
ANC_STORE(hdr10plus, { ret = sdi8k_sim_parse_bool(val, &cfg.hdr10plus); })

ANC_SHOW(captions, "%d", !cfg.no_captions)
ANC_STORE(captions, {
	bool on;

	ret = sdi8k_sim_parse_bool(val, &on);
	cfg.no_captions = !on;
})

ANC_SHOW(cll, "%u %u", cfg.max_cll, cfg.max_fall)
ANC_STORE(cll, {
	unsigned int a, b;

	if (sscanf(val, "%u %u", &a, &b) != 2 || a > 65535 || b > 65535) {
		ret = -EINVAL;
	} else {
		cfg.max_cll = a;
		cfg.max_fall = b;
	}
})

ANC_SHOW(malformed, "%s", sdi8k_sim_fault_name(cfg.fault))
ANC_STORE(malformed, {
	ret = sdi8k_sim_fault_parse(val);
	if (ret >= 0) {
		cfg.fault = ret;
		ret = 0;
	}
})

ANC_SHOW(timecode, "%d", !cfg.no_atc)
ANC_STORE(timecode, {
	bool on;

	ret = sdi8k_sim_parse_bool(val, &on);
	cfg.no_atc = !on;
})

ANC_SHOW(tc_offset, "%llu", (unsigned long long)cfg.tc_offset)
ANC_STORE(tc_offset, {
	unsigned long long v;

	if (kstrtoull(val, 0, &v))
		ret = -EINVAL;
	else
		cfg.tc_offset = v;
})

ANC_SHOW(colorimetry, "%s", sdi8k_sim_colorimetry_name(cfg.colorimetry))
ANC_STORE(colorimetry, {
	ret = sdi8k_sim_colorimetry_parse(val);
	if (ret >= 0) {
		cfg.colorimetry = ret;
		ret = 0;
	}
})

ANC_SHOW(range, "%s", cfg.full_range ? "full" : "limited")
ANC_STORE(range, {
	if (sysfs_streq(val, "full"))
		cfg.full_range = true;
	else if (sysfs_streq(val, "limited"))
		cfg.full_range = false;
	else
		ret = -EINVAL;
})

ANC_SHOW(ictcp, "%d", cfg.ictcp)
ANC_STORE(ictcp, { ret = sdi8k_sim_parse_bool(val, &cfg.ictcp); })

static int sdi8k_sim_mdcv_show(struct sdi8k_sim *sim,
			       struct sdi8k_sim_input *si, char *buf,
			       size_t len)
{
	struct sdi8k_sim_anc_cfg cfg = sdi8k_sim_anc_get(si);
	const struct sdi8k_mdcv *m = &cfg.mdcv;

	if (cfg.no_mdcv)
		return SHOW("none");
	return SHOW("%u %u %u %u %u %u %u %u %u %u",
		    m->green_x, m->green_y, m->blue_x, m->blue_y, m->red_x,
		    m->red_y, m->white_x, m->white_y, m->max_luminance,
		    m->min_luminance);
}

ANC_STORE(mdcv, {
	cfg.no_mdcv = sysfs_streq(val, "none");
	if (!cfg.no_mdcv && sdi8k_sim_mdcv_parse(val, &cfg.mdcv))
		ret = -EINVAL;
})

/* ---- embedded audio ---- */

static struct sdi8k_sim_audio_cfg sdi8k_sim_audio_get(struct sdi8k_sim_input *si)
{
	struct sdi8k_sim_audio_cfg cfg;
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	cfg = si->aud.cfg;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	return cfg;
}

#define AUDIO_SHOW(word, expr...)					\
static int sdi8k_sim_##word##_show(struct sdi8k_sim *sim,		\
				   struct sdi8k_sim_input *si,		\
				   char *buf, size_t len)		\
{									\
	struct sdi8k_sim_audio_cfg cfg = sdi8k_sim_audio_get(si);	\
									\
	return SHOW(expr);						\
}

/* Change one thing of the input's audio. */
#define AUDIO_STORE(word, body...)					\
static int sdi8k_sim_##word##_store(struct sdi8k_sim *sim,		\
				    struct sdi8k_sim_input *si,		\
				    const char *val)			\
{									\
	struct sdi8k_sim_audio_cfg cfg = sdi8k_sim_audio_get(si);	\
	int ret = 0;							\
									\
	body								\
	if (!ret)							\
		sdi8k_sim_set_audio(si, &cfg);				\
	return ret;							\
}

AUDIO_SHOW(audio_channels, "%u",
	   cfg.two_channels ? 2 : 4 * hweight8(cfg.groups))
AUDIO_STORE(audio_channels, {
	unsigned long long n;

	if (kstrtoull(val, 0, &n) || (n != 2 && n != 8 && n != 16)) {
		ret = -EINVAL;
	} else {
		cfg.groups = n == 16 ? 0xf : n == 8 ? 0x3 : 0x1;
		cfg.two_channels = n == 2;
	}
})

static int sdi8k_sim_audio_groups_show(struct sdi8k_sim *sim,
				       struct sdi8k_sim_input *si, char *buf,
				       size_t len)
{
	struct sdi8k_sim_audio_cfg cfg = sdi8k_sim_audio_get(si);
	char g[SDI8K_AUD_GROUPS_MAX + 1];
	unsigned int i, n = 0;

	for (i = 0; i < SDI8K_AUD_GROUPS_MAX; i++)
		if (cfg.groups & BIT(i))
			g[n++] = '1' + i;
	g[n] = 0;
	return SHOW("%s", n ? g : "none");
}

AUDIO_STORE(audio_groups, {
	const char *p;

	cfg.groups = 0;
	cfg.two_channels = false;
	if (!sysfs_streq(val, "none")) {
		for (p = val; *p && *p != '\n'; p++) {
			if (*p < '1' || *p > '0' + SDI8K_AUD_GROUPS_MAX) {
				ret = -EINVAL;
				break;
			}
			cfg.groups |= BIT(*p - '1');
		}
		if (p == val)
			ret = -EINVAL;
	}
})

AUDIO_SHOW(audio_silence, "%d", cfg.silence)
AUDIO_STORE(audio_silence, { ret = sdi8k_sim_parse_bool(val, &cfg.silence); })

AUDIO_SHOW(audio_nonpcm, "0x%04x", cfg.nonpcm)
AUDIO_STORE(audio_nonpcm, {
	unsigned long long v;

	if (sysfs_streq(val, "all"))
		cfg.nonpcm = 0xffff;
	else if (sysfs_streq(val, "none"))
		cfg.nonpcm = 0;
	else if (kstrtoull(val, 0, &v) || v > 0xffff)
		ret = -EINVAL;
	else
		cfg.nonpcm = v;
})

AUDIO_SHOW(audio_sequence, "%u", cfg.seq_phase)
AUDIO_STORE(audio_sequence, {
	unsigned long long v;

	if (kstrtoull(val, 0, &v) || v >= SDI8K_AUD_SEQ_MAX)
		ret = -EINVAL;
	else
		cfg.seq_phase = v;
})

AUDIO_SHOW(audio_fault, "%s", sdi8k_sim_audio_fault_name(cfg.fault))
AUDIO_STORE(audio_fault, {
	ret = sdi8k_sim_audio_fault_parse(val);
	if (ret >= 0) {
		cfg.fault = ret;
		ret = 0;
	}
})

/* ---- card: on the bus or not ---- */

static int sdi8k_sim_gone_show(struct sdi8k_sim *sim,
			       struct sdi8k_sim_input *si, char *buf,
			       size_t len)
{
	return SHOW("%d", READ_ONCE(sim->gone));
}

static int sdi8k_sim_gone_store(struct sdi8k_sim *sim,
				struct sdi8k_sim_input *si, const char *val)
{
	unsigned long flags;
	unsigned int i;
	bool on;

	if (kstrtobool(val, &on))
		return -EINVAL;
	spin_lock_irqsave(&sim->lock, flags);
	WRITE_ONCE(sim->gone, on);
	/* a last interrupt on every vector (a shared line's, a stale one) */
	for (i = 0; on && i < sim->num_inputs; i++)
		sim->env->irq(sim, i);
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/* ---- card: its clock ---- */

static int sdi8k_sim_clock_fault_show(struct sdi8k_sim *sim,
				      struct sdi8k_sim_input *si, char *buf,
				      size_t len)
{
	return SHOW("%s", sdi8k_sim_clock_fault_name(READ_ONCE(sim->clock_fault)));
}

static int sdi8k_sim_clock_fault_store(struct sdi8k_sim *sim,
				       struct sdi8k_sim_input *si,
				       const char *val)
{
	int fault = sdi8k_sim_clock_fault_parse(val);
	unsigned long flags;

	if (fault < 0)
		return fault;
	spin_lock_irqsave(&sim->lock, flags);
	sim->clock_fault = fault;
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/* ---- card: the 8K source's mapping and the cables ---- */

static int sdi8k_sim_mapping_show(struct sdi8k_sim *sim,
				  struct sdi8k_sim_input *si, char *buf,
				  size_t len)
{
	return SHOW("%s", sdi8k_sim_mapping_name(READ_ONCE(sim->source_mapping)));
}

static int sdi8k_sim_mapping_store(struct sdi8k_sim *sim,
				   struct sdi8k_sim_input *si, const char *val)
{
	return sdi8k_sim_set_source_mapping(sim, val);
}

static int sdi8k_sim_cabling_show(struct sdi8k_sim *sim,
				  struct sdi8k_sim_input *si, char *buf,
				  size_t len)
{
	unsigned long flags;
	u8 c[4];

	spin_lock_irqsave(&sim->lock, flags);
	memcpy(c, sim->cabling, sizeof(c));
	spin_unlock_irqrestore(&sim->lock, flags);
	return SHOW("%u%u%u%u", c[0] + 1, c[1] + 1, c[2] + 1, c[3] + 1);
}

static int sdi8k_sim_cabling_store(struct sdi8k_sim *sim,
				   struct sdi8k_sim_input *si, const char *val)
{
	return sdi8k_sim_set_cabling(sim, val);
}

#define INPUT_WORD(n, w)	{ .name = (n), .per_input = true, \
				  .show = sdi8k_sim_##w##_show, \
				  .store = sdi8k_sim_##w##_store }

const struct sdi8k_sim_word sdi8k_sim_words[] = {
	INPUT_WORD("signal", signal),
	INPUT_WORD("link_fault", link),
	INPUT_WORD("dma_fault", dma_fault),
	INPUT_WORD("full_repaint", repaint),
	{ .name = "stats", .per_input = true, .show = sdi8k_sim_stats_show },
	INPUT_WORD("hdr", hdr),
	INPUT_WORD("hdr10plus", hdr10plus),
	INPUT_WORD("captions", captions),
	INPUT_WORD("cll", cll),
	INPUT_WORD("malformed", malformed),
	INPUT_WORD("timecode", timecode),
	INPUT_WORD("timecode_offset", tc_offset),
	INPUT_WORD("colorimetry", colorimetry),
	INPUT_WORD("range", range),
	INPUT_WORD("ictcp", ictcp),
	INPUT_WORD("mdcv", mdcv),
	INPUT_WORD("audio_channels", audio_channels),
	INPUT_WORD("audio_groups", audio_groups),
	INPUT_WORD("audio_silence", audio_silence),
	INPUT_WORD("audio_nonpcm", audio_nonpcm),
	INPUT_WORD("audio_fault", audio_fault),
	INPUT_WORD("audio_sequence", audio_sequence),
	{ .name = "gone", .show = sdi8k_sim_gone_show,
	  .store = sdi8k_sim_gone_store },
	{ .name = "clock_fault", .show = sdi8k_sim_clock_fault_show,
	  .store = sdi8k_sim_clock_fault_store },
	{ .name = "source_mapping", .quad_only = true,
	  .show = sdi8k_sim_mapping_show, .store = sdi8k_sim_mapping_store },
	{ .name = "cabling", .quad_only = true,
	  .show = sdi8k_sim_cabling_show, .store = sdi8k_sim_cabling_store },
};

const unsigned int sdi8k_sim_num_words = ARRAY_SIZE(sdi8k_sim_words);

/**
 * sdi8k_sim_find_word - a scripting word by name
 * @name: the word
 * @per_input: an input's word, else the card's
 *
 * Return: the word, or NULL.
 */
const struct sdi8k_sim_word *sdi8k_sim_find_word(const char *name,
						 bool per_input)
{
	unsigned int i;

	for (i = 0; i < sdi8k_sim_num_words; i++)
		if (sdi8k_sim_words[i].per_input == per_input &&
		    !strcmp(sdi8k_sim_words[i].name, name))
			return &sdi8k_sim_words[i];
	return NULL;
}

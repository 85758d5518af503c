// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k simulated card: the ancillary data each input sends, and the
 * card's ancillary capture into the slot of the descriptor being filled
 * (docs/hardware.md, "Ancillary data"; packet layouts: docs/ancillary.md).
 *
 * Per frame, in this order: ST 352 payload ID (line 10, Y stream), ST 12-2
 * ATC_VITC1 time code counting frames from the signal's lock (line 9),
 * for PQ one ST 2108-1 packet with the mastering display and light level
 * frames, with HDR10+ on a second ST 2108-1 packet with an ST 2094-40
 * frame whose values follow the frame number, a user packet carrying the
 * frame counter of the picture (DID 0x51, SDID 0x53), an ST 334-2 CDP
 * carrying CEA-608 captions with known text (line 9, unless switched
 * off), and, when told to,
 * one malformed packet, or an ST 2108-1 or ATC packet whose payload is
 * invalid in place of the good one.
 */
#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/string.h>
#endif

#include "sdi8k-sim.h"
#include "../uapi/sdi8k.h"

/* ---- ST 352 ---- */

/**
 * sdi8k_sim_payload_id - the ST 352 payload ID of a signal, as the
 * PAYLOAD_ID register holds it (byte 1 in bits 7:0 ... byte 4 in 31:24)
 * @r: raster
 * @cfg: transfer function, colorimetry, range and encoding announced
 * @link: link number of a multi-link interface, else 0
 */
u32 sdi8k_sim_payload_id(const struct sdi8k_raster *r,
			 const struct sdi8k_sim_anc_cfg *cfg, unsigned int link)
{
	struct sdi8k_vpid v = {
		.progressive_transport = !sdi8k_raster_interlaced(r),
		.progressive_picture = !sdi8k_raster_interlaced(r),
		.transfer = cfg->transfer & 3,
		.rate_code = sdi8k_vpid_rate_code(r->rate_num, r->rate_den),
		.aspect_16_9 = true,
		.colorimetry = cfg->colorimetry,
		.sampling = SDI8K_VPID_SAMPLING_422,
		.channel = link & 3,
		.ictcp = cfg->ictcp,
	};
	u8 b[4];

	if (cfg->colorimetry > SDI8K_COLORIMETRY_UNKNOWN)	/* auto */
		v.colorimetry = cfg->transfer == SDI8K_TRANSFER_SDR ?
				SDI8K_COLORIMETRY_BT709 :
				SDI8K_COLORIMETRY_BT2020;
	if (sdi8k_raster_quad(r))
		v.payload_code = SDI8K_VPID_4320_QL12G;
	else if (r->link_rate == SDI8K_SDI_RATE_12G)
		v.payload_code = SDI8K_VPID_2160_12G;
	else if (r->link_rate == SDI8K_SDI_RATE_3G)
		v.payload_code = SDI8K_VPID_1080_3GA;
	else
		v.payload_code = SDI8K_VPID_1080_1G5;
	/* 10-bit: code 1, full range code 0 (3G and above only) */
	v.bit_depth_code = cfg->full_range &&
			   v.payload_code != SDI8K_VPID_1080_1G5 ? 0 : 1;
	if (sdi8k_vpid_encode(&v, b))
		return 0;
	return sdi8k_get_le32(b);
}

/* ---- ST 291 packets into the slot ---- */

struct sdi8k_sim_anc_out {
	u8 *slot;
	u32 used;
	bool overflow;
	unsigned int malformed;
	unsigned int bad_payload;
};

enum {
	SDI8K_SIM_FAULT_NONE,
	SDI8K_SIM_FAULT_CHECKSUM,
	SDI8K_SIM_FAULT_PARITY,
	SDI8K_SIM_FAULT_LENGTH,
	SDI8K_SIM_FAULT_ST2108,		/* a frame length past the packet */
	SDI8K_SIM_FAULT_ATC,		/* a BCD digit out of range */
	SDI8K_SIM_FAULT_CDP,		/* a caption packet's CDP checksum */
};

/*
 * Store one packet, @w[0..@nw-1] from DID to checksum as the codec built
 * it (@nw < 0: it could not be built, nothing is stored). @fault breaks
 * its envelope (counted as malformed); @bad_payload marks a well-formed
 * packet whose payload is invalid.
 */
static void sdi8k_sim_anc_put(struct sdi8k_sim_anc_out *o, u16 line,
			      bool cstream, u16 *w, int nw, int fault,
			      bool bad_payload)
{
	unsigned int words, i;
	__le16 *out;

	if (nw < 4)
		return;
	words = nw;
	if (o->used + 4 + ALIGN(words * 2, 4) > SDI8K_ANC_SLOT_SIZE) {
		o->overflow = true;
		return;
	}
	if (fault == SDI8K_SIM_FAULT_LENGTH)	/* blanking ends mid-packet */
		words = 3 + (nw - 4) / 2;
	else if (fault == SDI8K_SIM_FAULT_PARITY)
		w[0] ^= 0x300;
	else if (fault == SDI8K_SIM_FAULT_CHECKSUM)
		w[nw - 1] ^= 1;
	*(__le32 *)(o->slot + o->used) =
		cpu_to_le32(FIELD_PREP(SDI8K_ANC_REC_LINE, line) |
			    (cstream ? SDI8K_ANC_REC_CSTREAM : 0) |
			    FIELD_PREP(SDI8K_ANC_REC_WORDS, words));
	out = (__le16 *)(o->slot + o->used + 4);
	for (i = 0; i < words; i++)
		out[i] = cpu_to_le16(w[i]);
	/* zero the padding */
	for (; i < ALIGN(words * 2, 4) / 2; i++)
		out[i] = 0;
	o->used += 4 + ALIGN(words * 2, 4);
	if (fault != SDI8K_SIM_FAULT_NONE)
		o->malformed++;
	if (bad_payload)
		o->bad_payload++;
}

/* ---- ST 12-2 ATC time code ---- */

/*
 * The time code label of frame @frame since lock: one day of labels
 * counted at the raster's rate (29.97 and 59.94 drop frame), frame pairs
 * above 30 frames/s told apart by the field mark (*@mark).
 */
static void sdi8k_sim_tc_label(const struct sdi8k_raster *r, u64 frame,
			       struct sdi8k_timecode *tc, bool *mark)
{
	u32 num = r->rate_num, den = r->rate_den;
	bool pairs = num > 30 * den;	/* 50p, 59.94p, 60p count pairs */
	u32 base = DIV_ROUND_CLOSEST(num, den * (pairs ? 2 : 1));
	bool df = den == 1001 && base == 30;
	u64 n = pairs ? frame >> 1 : frame;

	memset(tc, 0, sizeof(*tc));
	tc->drop_frame = df;
	*mark = pairs && (frame & 1);
	/* one day of labels; 29.97 drop frame: 144 x 17982 frames */
	div64_u64_rem(n, df ? 144 * 17982 : (u64)base * 86400, &n);
	if (df) {	/* drop frames 0 and 1 of each minute but every tenth */
		u64 d = div_u64(n, 17982);
		s64 m = n - d * 17982;

		n += 18 * d + 2 * div_s64(m - 2, 1798);
	}
	tc->frames = do_div(n, base);
	tc->seconds = do_div(n, 60);
	tc->minutes = do_div(n, 60);
	tc->hours = do_div(n, 24);
	/* field mark: bit 27 (30-frame family), 59 (25) */
	if (base == 25)
		tc->flag59 = *mark;
	else
		tc->flag27 = *mark;
}

/* The ATC_VITC1 packet of frame @frame since lock */
static int sdi8k_sim_timecode(const struct sdi8k_raster *r, u64 frame,
			      u16 *w, size_t cap)
{
	struct sdi8k_timecode tc;
	bool mark;

	sdi8k_sim_tc_label(r, frame, &tc, &mark);
	tc.dbb1 = SDI8K_ATC_VITC1;
	return sdi8k_atc_encode(&tc, w, cap);
}

/* ---- ST 334-2 captions ---- */

/*
 * The CEA-608 caption channel CC1 (field 1) carries one pop-on caption
 * every SDI8K_SIM_CC_SECONDS: caption k says "SDI8K CAPTION kkkk" (k
 * counted from lock, modulo 10000) and is displayed from the 608 slot
 * (frame; frame pair above 30 frames/s) k x period + 15, its first EOC.
 * The bytes of each caption, one pair per slot, each control code sent
 * twice as broadcast practice has it: RCL, ENM, PAC row 15, the text,
 * EOC; null pairs (0x80 0x80) between captions.
 */
#define SDI8K_SIM_CC_SECONDS	2
#define SDI8K_SIM_CC_TEXT	"SDI8K CAPTION "
#define SDI8K_SIM_CC_TEXT_LEN	18	/* with the 4 digits */

static void sdi8k_sim_cc_pair(u64 slot, u32 period, u8 pair[2])
{
	static const u8 codes[3][2] = {
		{ 0x14, 0x20 },		/* RCL: resume caption loading */
		{ 0x14, 0x2e },		/* ENM: erase non-displayed memory */
		{ 0x14, 0x70 },		/* PAC: row 15, indent 0 */
	};
	u32 pos, k;
	u64 n = slot;
	char text[SDI8K_SIM_CC_TEXT_LEN + 2];
	unsigned int i;

	pos = do_div(n, period);
	k = do_div(n, 10000);
	pair[0] = 0x80;
	pair[1] = 0x80;
	if (pos < 6) {
		pair[0] = sdi8k_cea608_byte(codes[pos / 2][0]);
		pair[1] = sdi8k_cea608_byte(codes[pos / 2][1]);
	} else if (pos < 6 + SDI8K_SIM_CC_TEXT_LEN / 2) {
		memcpy(text, SDI8K_SIM_CC_TEXT, sizeof(SDI8K_SIM_CC_TEXT) - 1);
		for (i = 0; i < 4; i++, k /= 10)
			text[SDI8K_SIM_CC_TEXT_LEN - 1 - i] = '0' + k % 10;
		i = 2 * (pos - 6);
		pair[0] = sdi8k_cea608_byte(text[i]);
		pair[1] = sdi8k_cea608_byte(text[i + 1]);
	} else if (pos < 8 + SDI8K_SIM_CC_TEXT_LEN / 2) {
		pair[0] = sdi8k_cea608_byte(0x14);	/* EOC: end of caption */
		pair[1] = sdi8k_cea608_byte(0x2f);
	}
}

/*
 * The CDP of frame @frame: the frame's time code, cc_data with the CC1
 * pair of the frame's 608 slot (and a null field 2 pair; above 30
 * frames/s only in the first frame of each pair, the second carries them
 * not valid) and DTVCC padding, and service information naming CC1
 * (English). Returns its bytes in @p, 0: no CDP at this rate.
 */
static int sdi8k_sim_cdp(const struct sdi8k_raster *r, u64 frame, u8 *p,
			 size_t cap)
{
	struct sdi8k_cdp c = { };
	struct sdi8k_timecode tc;
	bool pairs = r->rate_num > 30 * r->rate_den;
	u64 slot = pairs ? frame >> 1 : frame;
	u32 period;
	unsigned int i;
	bool mark;

	c.frame_rate = sdi8k_cdp_rate_code(r->rate_num, r->rate_den);
	c.cc_count = sdi8k_cdp_cc_count(r->rate_num, r->rate_den);
	if (!c.frame_rate || c.cc_count < 2)
		return 0;
	period = SDI8K_SIM_CC_SECONDS *
		 DIV_ROUND_CLOSEST(r->rate_num, r->rate_den * (pairs ? 2 : 1));
	c.caption_service_active = true;
	c.sequence = (u16)frame;
	sdi8k_sim_tc_label(r, frame, &tc, &mark);
	c.has_timecode = true;
	c.tc.hours = tc.hours;
	c.tc.minutes = tc.minutes;
	c.tc.seconds = tc.seconds;
	c.tc.frames = tc.frames;
	c.tc.field = mark;
	c.tc.drop_frame = tc.drop_frame;
	c.has_ccdata = true;
	c.cc[0].type = SDI8K_CC_608_FIELD1;
	c.cc[1].type = SDI8K_CC_608_FIELD2;
	c.cc[1].data[0] = 0x80;
	c.cc[1].data[1] = 0x80;
	sdi8k_sim_cc_pair(slot, period, c.cc[0].data);
	c.cc[0].valid = !pairs || !(frame & 1);
	c.cc[1].valid = c.cc[0].valid;
	for (i = 2; i < c.cc_count; i++)
		c.cc[i].type = SDI8K_CC_DTVCC_DATA;	/* padding, not valid */
	c.has_svcinfo = true;
	c.svc_start = true;
	c.svc_complete = true;
	c.svc_count = 1;
	c.svc[0].number = 0;
	memcpy(c.svc[0].language, "eng", 4);
	c.svc[0].line21_field = 0;
	return sdi8k_cdp_encode(&c, p, cap);
}

/* ---- ST 2108-1 ---- */

/* ST 2086 of docs/ancillary.md: BT.2020 primaries, D65, 1000/0.005 cd/m2 */
static const struct sdi8k_mdcv sdi8k_sim_mdcv_default = {
	.green_x = 8500, .green_y = 39850, .blue_x = 6550, .blue_y = 2300,
	.red_x = 35400, .red_y = 14600, .white_x = 15635, .white_y = 16450,
	.max_luminance = 10000000, .min_luminance = 50,
};

/*
 * What a bad ST 2108-1 packet (fault "st2108") carries before its broken
 * light level frame: a valid mastering display that differs from any the
 * card sends otherwise (DCI-P3 primaries, D65, 4000 / 0.005 cd/m2), so a
 * driver that took half of the packet would show it.
 */
static const struct sdi8k_mdcv sdi8k_sim_mdcv_p3 = {
	.green_x = 13250, .green_y = 34500, .blue_x = 7500, .blue_y = 3000,
	.red_x = 34000, .red_y = 16000, .white_x = 15635, .white_y = 16450,
	.max_luminance = 40000000, .min_luminance = 50,
};

/*
 * Append an ST 2108-1 frame of type 0x00 (SEI 137) to @p, as scripted:
 * the values go out unchecked, so a display out of range can be sent.
 */
static void sdi8k_sim_mdcv_frame(u8 *p, size_t *len,
				 const struct sdi8k_mdcv *m)
{
	u8 b[SDI8K_MDCV_SIZE];

	sdi8k_mdcv_write(m, b);
	sdi8k_st2108_append(p, SDI8K_ANC_MAX_UDW, len, SDI8K_ST2108_TYPE_MDCV,
			    SDI8K_SEI_MDCV, b, sizeof(b));
}

/*
 * Append an ST 2108-1 frame of type 0x01 (SEI 144) to @p. @bad: its frame
 * length says 32 bytes follow, past the end of the packet.
 */
static void sdi8k_sim_cll_frame(u8 *p, size_t *len, u16 max_cll,
				u16 max_fall, bool bad)
{
	const struct sdi8k_cll c = { .max_cll = max_cll, .max_fall = max_fall };
	size_t at = *len;
	u8 b[SDI8K_CLL_SIZE];

	sdi8k_cll_encode(&c, b);
	if (!sdi8k_st2108_append(p, SDI8K_ANC_MAX_UDW, len,
				 SDI8K_ST2108_TYPE_CLL, SDI8K_SEI_CLL, b,
				 sizeof(b)) && bad)
		p[at + 1] = 32;
}

/*
 * Append an ST 2094-40 (HDR10+) frame to @p: one window, values following
 * the frame number.
 */
static void sdi8k_sim_hdr10plus(u64 frame, u8 *p, size_t *len)
{
	u32 avg = 1000 + (u32)(frame % 64) * 100;	/* 0.00001 units */
	struct sdi8k_hdr10plus *m;
	u8 b[64];
	int n;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return;
	m->application_version = 1;
	m->num_windows = 1;
	m->targeted_max_luminance = 400;
	m->window[0].maxscl[0] = avg * 2;
	m->window[0].maxscl[1] = avg * 3;
	m->window[0].maxscl[2] = avg * 2;
	m->window[0].average_maxrgb = avg;
	m->window[0].num_percentiles = 1;
	m->window[0].percentage[0] = 50;
	m->window[0].percentile[0] = avg;
	n = sdi8k_hdr10plus_encode(m, b, sizeof(b));
	kfree(m);
	if (n > 0)
		sdi8k_st2108_append(p, SDI8K_ANC_MAX_UDW, len,
				    SDI8K_ST2108_TYPE_HDR10PLUS, SDI8K_SEI_T35,
				    b, n);
}

/**
 * sdi8k_sim_anc_capture - write one frame's ancillary packets into a slot
 * @r: the input's signal
 * @cfg: what the input sends (a snapshot taken under the card's lock)
 * @vpid: the ST 352 payload ID the link carries (as PAYLOAD_ID0 says)
 * @frame: frame number since lock (the picture's frame counter)
 * @slot: the slot (SDI8K_ANC_SLOT_SIZE bytes)
 * @status: returns SDI8K_ANC_OVERFLOW or 0
 * @sent: returns how many malformed and bad-payload packets were sent
 *
 * Process context (the input's thread). Return: bytes stored in @slot.
 */
u32 sdi8k_sim_anc_capture(const struct sdi8k_raster *r,
			  const struct sdi8k_sim_anc_cfg *cfg, u32 vpid,
			  u64 frame, u8 *slot, u32 *status,
			  struct sdi8k_sim_anc_sent *sent)
{
	struct sdi8k_sim_anc_out o = { .slot = slot };
	bool bad_2108 = cfg->fault == SDI8K_SIM_FAULT_ST2108;
	bool bad_atc = cfg->fault == SDI8K_SIM_FAULT_ATC;
	u16 w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	u8 p[SDI8K_ANC_MAX_UDW];
	size_t n = 0;
	unsigned int i;
	int nw;

	for (i = 0; i < 4; i++)
		p[i] = vpid >> (8 * i);
	nw = sdi8k_anc_encode_bytes(SDI8K_DID_ST352, SDI8K_SDID_ST352, p, 4,
				    w, ARRAY_SIZE(w));
	sdi8k_sim_anc_put(&o, 10, false, w, nw, 0, false);

	if (!cfg->no_atc || bad_atc) {
		nw = sdi8k_sim_timecode(r, frame + cfg->tc_offset, w,
					ARRAY_SIZE(w));
		if (bad_atc && nw == 4 + SDI8K_ATC_UDW) {
			/* frame units 12, the packet's checksum still right */
			w[3] = sdi8k_anc_word(0xc0 | (w[3] & 0x0f));
			w[nw - 1] = sdi8k_anc_checksum(w, nw - 1);
		}
		sdi8k_sim_anc_put(&o, 9, false, w, nw, 0, bad_atc);
	}

	if (bad_2108) {
		/* a valid mastering display, then a light level frame cut */
		sdi8k_sim_mdcv_frame(p, &n, &sdi8k_sim_mdcv_p3);
		sdi8k_sim_cll_frame(p, &n, 4000, 1000, true);
	} else if (cfg->transfer == SDI8K_TRANSFER_PQ) {
		if (!cfg->no_mdcv)
			sdi8k_sim_mdcv_frame(p, &n, &cfg->mdcv);
		sdi8k_sim_cll_frame(p, &n, cfg->max_cll, cfg->max_fall, false);
	}
	if (n) {
		nw = sdi8k_anc_encode_bytes(SDI8K_DID_ST2108, SDI8K_SDID_ST2108,
					    p, n, w, ARRAY_SIZE(w));
		sdi8k_sim_anc_put(&o, 11, false, w, nw, 0, bad_2108);
	}
	if (cfg->hdr10plus) {
		n = 0;
		sdi8k_sim_hdr10plus(frame, p, &n);
		nw = sdi8k_anc_encode_bytes(SDI8K_DID_ST2108, SDI8K_SDID_ST2108,
					    p, n, w, ARRAY_SIZE(w));
		sdi8k_sim_anc_put(&o, 12, false, w, nw, 0, false);
	}

	if (!cfg->no_captions) {
		bool bad_cdp = cfg->fault == SDI8K_SIM_FAULT_CDP;
		int cn = sdi8k_sim_cdp(r, frame + cfg->tc_offset, p, sizeof(p));

		if (cn > 0) {
			/*
			 * fault "cdp": the CDP's own checksum off by one, the
			 * ST 291 packet around it well formed
			 */
			if (bad_cdp)
				p[cn - 1]++;
			nw = sdi8k_anc_encode_bytes(SDI8K_DID_CAPTION,
						    SDI8K_SDID_CDP, p, cn, w,
						    ARRAY_SIZE(w));
			sdi8k_sim_anc_put(&o, 9, false, w, nw, 0, bad_cdp);
		}
	}

	/* a packet the driver does not know: the picture's frame counter */
	for (i = 0; i < 4; i++)
		p[i] = (u32)frame >> (24 - 8 * i);
	nw = sdi8k_anc_encode_bytes(SDI8K_DID_SIM, SDI8K_SDID_SIM_FRAME, p, 4,
				    w, ARRAY_SIZE(w));
	sdi8k_sim_anc_put(&o, 13, true, w, nw, 0, false);

	if (cfg->fault >= SDI8K_SIM_FAULT_CHECKSUM &&
	    cfg->fault <= SDI8K_SIM_FAULT_LENGTH) {
		for (i = 0; i < 8; i++)
			p[i] = 0xa0 + i;
		nw = sdi8k_anc_encode_bytes(SDI8K_DID_SIM,
					    SDI8K_SDID_SIM_FILLER, p, 8, w,
					    ARRAY_SIZE(w));
		sdi8k_sim_anc_put(&o, 14, true, w, nw, cfg->fault, false);
	}

	*status = o.overflow ? SDI8K_ANC_OVERFLOW : 0;
	sent->malformed = o.malformed;
	sent->bad_payload = o.bad_payload;
	return o.used;
}

/* What an input sends after probe (docs/simulator.md) */
void sdi8k_sim_anc_defaults(struct sdi8k_sim_anc_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->transfer = SDI8K_TRANSFER_SDR;
	cfg->colorimetry = SDI8K_SIM_COLORIMETRY_AUTO;
	cfg->max_cll = 1000;
	cfg->max_fall = 400;
	cfg->mdcv = sdi8k_sim_mdcv_default;
}

static const char * const sdi8k_sim_fault_names[] = {
	[SDI8K_SIM_FAULT_NONE] = "none",
	[SDI8K_SIM_FAULT_CHECKSUM] = "checksum",
	[SDI8K_SIM_FAULT_PARITY] = "parity",
	[SDI8K_SIM_FAULT_LENGTH] = "length",
	[SDI8K_SIM_FAULT_ST2108] = "st2108",
	[SDI8K_SIM_FAULT_ATC] = "atc",
	[SDI8K_SIM_FAULT_CDP] = "cdp",
};

static const char * const sdi8k_sim_colorimetry_names[] = {
	"bt709", "vanc", "bt2020", "unknown",
	[SDI8K_SIM_COLORIMETRY_AUTO] = "auto",
};

static const char * const sdi8k_sim_transfer_names[] = {
	[SDI8K_TRANSFER_SDR] = "sdr",
	[SDI8K_TRANSFER_HLG] = "hlg",
	[SDI8K_TRANSFER_PQ] = "pq",
};

const char *sdi8k_sim_fault_name(u8 fault)
{
	return fault < ARRAY_SIZE(sdi8k_sim_fault_names) ?
	       sdi8k_sim_fault_names[fault] : "?";
}

int sdi8k_sim_fault_parse(const char *s)
{
	return sysfs_match_string(sdi8k_sim_fault_names, s);
}

const char *sdi8k_sim_transfer_name(u8 transfer)
{
	return transfer < ARRAY_SIZE(sdi8k_sim_transfer_names) ?
	       sdi8k_sim_transfer_names[transfer] : "?";
}

int sdi8k_sim_transfer_parse(const char *s)
{
	return sysfs_match_string(sdi8k_sim_transfer_names, s);
}

const char *sdi8k_sim_colorimetry_name(u8 colorimetry)
{
	return colorimetry < ARRAY_SIZE(sdi8k_sim_colorimetry_names) ?
	       sdi8k_sim_colorimetry_names[colorimetry] : "?";
}

int sdi8k_sim_colorimetry_parse(const char *s)
{
	return sysfs_match_string(sdi8k_sim_colorimetry_names, s);
}

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
 * frame counter of the picture (DID 0x51, SDID 0x53), and, when told to,
 * one malformed packet, or an ST 2108-1 or ATC packet whose payload is
 * invalid in place of the good one.
 */
#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/string.h>

#include "sdi8k-sim.h"
#include "uapi/sdi8k.h"

/* ---- ST 352 ---- */

static u8 sdi8k_sim_rate_code(const struct sdi8k_raster *r)
{
	static const struct { u32 num, den; u8 code; } rates[] = {
		{ 24000, 1001, 2 }, { 24, 1, 3 }, { 25, 1, 5 },
		{ 30000, 1001, 6 }, { 30, 1, 7 }, { 50, 1, 9 },
		{ 60000, 1001, 10 }, { 60, 1, 11 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rates); i++)
		if (r->rate_num == rates[i].num && r->rate_den == rates[i].den)
			return rates[i].code;
	return 0;
}

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
	bool prog = !sdi8k_raster_interlaced(r);
	u8 transfer = cfg->transfer;
	u8 colorimetry = cfg->colorimetry;
	u8 b1, b2, b3, b4;

	if (colorimetry > 3)	/* auto */
		colorimetry = transfer == SDI8K_TRANSFER_SDR ? 0 : 2;

	switch (sdi8k_raster_quad(r) ? 0 : r->link_rate) {
	case 0:			/* 4320-line, 12G quad link (ST 2082-12) */
		b1 = 0xd2;
		break;
	case SDI8K_SDI_RATE_12G:
		b1 = 0xce;
		break;
	case SDI8K_SDI_RATE_3G:
		b1 = 0x89;
		break;
	default:
		b1 = 0x85;
		break;
	}
	b2 = (prog ? 0xc0 : 0) | (transfer & 3) << 4 | sdi8k_sim_rate_code(r);
	if (b1 == 0x85)	/* 1.5G: colorimetry bit 1 in bit 7, 16:9 in bit 5 */
		b3 = (colorimetry & 2) << 6 | 0x20 | (colorimetry & 1) << 4;
	else		/* 16:9 in bit 7, colorimetry in bits 5:4 */
		b3 = 0x80 | (colorimetry & 3) << 4;
	/* 10-bit: code 1, full range code 0 (3G and above only) */
	b4 = (link & 3) << 6 | (cfg->ictcp ? BIT(4) : 0) |
	     (cfg->full_range && b1 != 0x85 ? 0x00 : 0x01);
	return b1 | b2 << 8 | b3 << 16 | (u32)b4 << 24;
}

/* ---- ST 291 packets into the slot ---- */

struct sdi8k_sim_anc_out {
	u8 *slot;
	u32 used;
	bool overflow;
	unsigned int malformed;
	unsigned int bad_payload;
};

/* 8-bit value with even parity in bit 8 and its inverse in bit 9 */
static u16 sdi8k_anc_word(u8 v)
{
	u16 w = v;

	if (hweight8(v) & 1)
		w |= BIT(8);
	else
		w |= BIT(9);
	return w;
}

enum {
	SDI8K_SIM_FAULT_NONE,
	SDI8K_SIM_FAULT_CHECKSUM,
	SDI8K_SIM_FAULT_PARITY,
	SDI8K_SIM_FAULT_LENGTH,
	SDI8K_SIM_FAULT_ST2108,		/* a frame length past the packet */
	SDI8K_SIM_FAULT_ATC,		/* a BCD digit out of range */
};

/*
 * Store one packet. @fault breaks its envelope (counted as malformed);
 * @bad_payload marks a well-formed packet whose payload is invalid.
 */
static void sdi8k_sim_anc_put(struct sdi8k_sim_anc_out *o, u16 line,
			      bool cstream, u8 did, u8 sdid, const u8 *udw,
			      unsigned int n, int fault, bool bad_payload)
{
	unsigned int words = 3 + n + 1, i;
	u32 bytes = 4 + ALIGN(words * 2, 4);
	__le16 *w;
	u16 sum;

	if (fault == SDI8K_SIM_FAULT_LENGTH)	/* blanking ends mid-packet */
		words = 3 + n / 2;
	if (o->used + bytes > SDI8K_ANC_SLOT_SIZE) {
		o->overflow = true;
		return;
	}
	*(__le32 *)(o->slot + o->used) =
		cpu_to_le32(FIELD_PREP(SDI8K_ANC_REC_LINE, line) |
			    (cstream ? SDI8K_ANC_REC_CSTREAM : 0) |
			    FIELD_PREP(SDI8K_ANC_REC_WORDS, words));
	w = (__le16 *)(o->slot + o->used + 4);
	w[0] = cpu_to_le16(sdi8k_anc_word(did) ^
			   (fault == SDI8K_SIM_FAULT_PARITY ? 0x300 : 0));
	w[1] = cpu_to_le16(sdi8k_anc_word(sdid));
	w[2] = cpu_to_le16(sdi8k_anc_word(n));
	sum = (sdi8k_anc_word(did) + sdi8k_anc_word(sdid) +
	       sdi8k_anc_word(n)) & 0x1ff;
	for (i = 0; i < n && 3 + i < words; i++) {
		w[3 + i] = cpu_to_le16(sdi8k_anc_word(udw[i]));
		sum = (sum + sdi8k_anc_word(udw[i])) & 0x1ff;
	}
	if (words == 3 + n + 1) {
		if (fault == SDI8K_SIM_FAULT_CHECKSUM)
			sum ^= 1;
		w[3 + n] = cpu_to_le16(sum | (sum & BIT(8) ? 0 : BIT(9)));
	}
	/* zero the padding */
	for (i = words; i < ALIGN(words * 2, 4) / 2; i++)
		w[i] = 0;
	o->used += 4 + ALIGN(words * 2, 4);
	if (fault != SDI8K_SIM_FAULT_NONE)
		o->malformed++;
	if (bad_payload)
		o->bad_payload++;
}

/* ---- ST 12-2 ATC time code ---- */

static void sdi8k_sim_timecode(const struct sdi8k_raster *r, u64 frame,
			       u8 udw[16])
{
	u32 num = r->rate_num, den = r->rate_den;
	bool pairs = num > 30 * den;	/* 50p, 59.94p, 60p count pairs */
	u32 base = DIV_ROUND_CLOSEST(num, den * (pairs ? 2 : 1));
	bool df = den == 1001 && base == 30;
	bool mark = pairs && (frame & 1);
	u64 n = pairs ? frame >> 1 : frame;
	u32 ff, ss, mm, hh;
	u64 word = 0;
	unsigned int i;

	/* one day of labels; 29.97 drop frame: 144 x 17982 frames */
	div64_u64_rem(n, df ? 144 * 17982 : (u64)base * 86400, &n);
	if (df) {	/* drop frames 0 and 1 of each minute but every tenth */
		u64 d = div_u64(n, 17982);
		s64 m = n - d * 17982;

		n += 18 * d + 2 * div_s64(m - 2, 1798);
	}
	ff = do_div(n, base);
	ss = do_div(n, 60);
	mm = do_div(n, 60);
	hh = do_div(n, 24);

	word |= (u64)(ff % 10) << 0;
	word |= (u64)((ff / 10) | (df ? 4 : 0)) << 8;
	word |= (u64)(ss % 10) << 16;
	word |= (u64)(ss / 10) << 24;
	word |= (u64)(mm % 10) << 32;
	word |= (u64)(mm / 10) << 40;
	word |= (u64)(hh % 10) << 48;
	word |= (u64)(hh / 10) << 56;
	if (mark)	/* field mark: bit 27 (30-frame family), 59 (25) */
		word |= base == 25 ? BIT_ULL(59) : BIT_ULL(27);
	for (i = 0; i < 16; i++) {
		/* DBB1 = 0x01 (ATC_VITC1) in UDW 1-8, DBB2 = 0 */
		udw[i] = ((word >> (4 * i)) & 0xf) << 4 |
			 (i == 0 ? BIT(3) : 0);
	}
}

/* ---- ST 2108-1 ---- */

/* ST 2086 of docs/ancillary.md: BT.2020 primaries, D65, 1000/0.005 cd/m2 */
static const struct sdi8k_sim_mdcv sdi8k_sim_mdcv_default = {
	.primaries = { 8500, 39850, 6550, 2300, 35400, 14600 },	/* G B R */
	.white = { 15635, 16450 },
	.max_lum = 10000000,
	.min_lum = 50,
};

/*
 * What a bad ST 2108-1 packet (fault "st2108") carries before its broken
 * light level frame: a valid mastering display that differs from any the
 * card sends otherwise (DCI-P3 primaries, D65, 4000 / 0.005 cd/m2), so a
 * driver that took half of the packet would show it.
 */
static const struct sdi8k_sim_mdcv sdi8k_sim_mdcv_p3 = {
	.primaries = { 13250, 34500, 7500, 3000, 34000, 16000 },
	.white = { 15635, 16450 },
	.max_lum = 40000000,
	.min_lum = 50,
};

static void sdi8k_sim_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void sdi8k_sim_be32(u8 *p, u32 v)
{
	sdi8k_sim_be16(p, v >> 16);
	sdi8k_sim_be16(p + 2, v);
}

/* An ST 2108-1 frame of type 0x00 (SEI 137) at p: 28 bytes */
static unsigned int sdi8k_sim_mdcv_frame(u8 *p, const struct sdi8k_sim_mdcv *m)
{
	unsigned int i, n = 0;

	p[n++] = 0x00;		/* mastering display colour volume */
	p[n++] = 2 + 24;
	p[n++] = 137;
	p[n++] = 24;
	for (i = 0; i < 6; i++, n += 2)
		sdi8k_sim_be16(p + n, m->primaries[i]);
	for (i = 0; i < 2; i++, n += 2)
		sdi8k_sim_be16(p + n, m->white[i]);
	sdi8k_sim_be32(p + n, m->max_lum);
	sdi8k_sim_be32(p + n + 4, m->min_lum);
	return n + 8;
}

/*
 * An ST 2108-1 frame of type 0x01 (SEI 144) at p: 6 bytes. @bad: its
 * frame length says 32 bytes follow, past the end of the packet.
 */
static unsigned int sdi8k_sim_cll_frame(u8 *p, u16 max_cll, u16 max_fall,
					bool bad)
{
	p[0] = 0x01;		/* content light level */
	p[1] = bad ? 32 : 2 + 4;
	p[2] = 144;
	p[3] = 4;
	sdi8k_sim_be16(p + 4, max_cll);
	sdi8k_sim_be16(p + 6, max_fall);
	return 8;
}

struct sdi8k_bitw {
	u8 *buf;
	unsigned int size;
	unsigned int bit;
};

static void sdi8k_bitw_put(struct sdi8k_bitw *b, u32 v, unsigned int n)
{
	while (n--) {
		unsigned int byte = b->bit / 8;

		if (byte >= b->size)
			return;
		if (v >> n & 1)
			b->buf[byte] |= 0x80 >> (b->bit % 8);
		b->bit++;
	}
}

/* ST 2094-40 T.35 payload: one window, values following the frame */
static unsigned int sdi8k_sim_hdr10plus(u64 frame, u8 *buf, unsigned int size)
{
	struct sdi8k_bitw b = { .buf = buf, .size = size };
	u32 avg = 1000 + (u32)(frame % 64) * 100;	/* 0.00001 units */

	memset(buf, 0, size);
	sdi8k_bitw_put(&b, 0xb5, 8);		/* country: USA */
	sdi8k_bitw_put(&b, 0x003c, 16);		/* provider */
	sdi8k_bitw_put(&b, 0x0001, 16);		/* provider oriented code */
	sdi8k_bitw_put(&b, 4, 8);		/* application identifier */
	sdi8k_bitw_put(&b, 1, 8);		/* application version */
	sdi8k_bitw_put(&b, 1, 2);		/* num_windows */
	sdi8k_bitw_put(&b, 400, 27);		/* targeted max luminance */
	sdi8k_bitw_put(&b, 0, 1);		/* no actual peak table */
	sdi8k_bitw_put(&b, avg * 2, 17);	/* maxscl R */
	sdi8k_bitw_put(&b, avg * 3, 17);	/* maxscl G */
	sdi8k_bitw_put(&b, avg * 2, 17);	/* maxscl B */
	sdi8k_bitw_put(&b, avg, 17);		/* average_maxrgb */
	sdi8k_bitw_put(&b, 1, 4);		/* one percentile */
	sdi8k_bitw_put(&b, 50, 7);		/* 50 % */
	sdi8k_bitw_put(&b, avg, 17);
	sdi8k_bitw_put(&b, 0, 10);		/* fraction_bright_pixels */
	sdi8k_bitw_put(&b, 0, 1);		/* no mastering peak table */
	sdi8k_bitw_put(&b, 0, 1);		/* no tone mapping */
	sdi8k_bitw_put(&b, 0, 1);		/* no colour saturation map */
	return DIV_ROUND_UP(b.bit, 8);
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
 * Return: bytes stored in @slot.
 */
u32 sdi8k_sim_anc_capture(const struct sdi8k_raster *r,
			  const struct sdi8k_sim_anc_cfg *cfg, u32 vpid,
			  u64 frame, u8 *slot, u32 *status,
			  struct sdi8k_sim_anc_sent *sent)
{
	struct sdi8k_sim_anc_out o = { .slot = slot };
	bool bad_2108 = cfg->fault == SDI8K_SIM_FAULT_ST2108;
	bool bad_atc = cfg->fault == SDI8K_SIM_FAULT_ATC;
	u8 p[255];
	unsigned int n, i;

	for (i = 0; i < 4; i++)
		p[i] = vpid >> (8 * i);
	sdi8k_sim_anc_put(&o, 10, false, 0x41, 0x01, p, 4, 0, false);

	if (!cfg->no_atc || bad_atc) {
		sdi8k_sim_timecode(r, frame + cfg->tc_offset, p);
		if (bad_atc)	/* frame units 12 */
			p[0] = 0xc0 | (p[0] & 0x0f);
		sdi8k_sim_anc_put(&o, 9, false, 0x60, 0x60, p, 16, 0, bad_atc);
	}

	if (bad_2108) {
		/* a valid mastering display, then a light level frame cut */
		n = sdi8k_sim_mdcv_frame(p, &sdi8k_sim_mdcv_p3);
		n += sdi8k_sim_cll_frame(p + n, 4000, 1000, true);
		sdi8k_sim_anc_put(&o, 11, false, 0x41, 0x0c, p, n, 0, true);
	} else if (cfg->transfer == SDI8K_TRANSFER_PQ) {
		n = cfg->no_mdcv ? 0 : sdi8k_sim_mdcv_frame(p, &cfg->mdcv);
		n += sdi8k_sim_cll_frame(p + n, cfg->max_cll, cfg->max_fall,
					 false);
		sdi8k_sim_anc_put(&o, 11, false, 0x41, 0x0c, p, n, 0, false);
	}
	if (cfg->hdr10plus) {
		n = sdi8k_sim_hdr10plus(frame, p + 4, sizeof(p) - 4);
		p[0] = 0x05;		/* ST 2094-40 */
		p[1] = 2 + n;
		p[2] = 4;		/* user_data_registered_itu_t_t35 */
		p[3] = n;
		sdi8k_sim_anc_put(&o, 12, false, 0x41, 0x0c, p, 4 + n, 0,
				  false);
	}

	/* a packet the driver does not know: the picture's frame counter */
	for (i = 0; i < 4; i++)
		p[i] = (u32)frame >> (24 - 8 * i);
	sdi8k_sim_anc_put(&o, 13, true, 0x51, 0x53, p, 4, 0, false);

	if (cfg->fault >= SDI8K_SIM_FAULT_CHECKSUM &&
	    cfg->fault <= SDI8K_SIM_FAULT_LENGTH) {
		for (i = 0; i < 8; i++)
			p[i] = 0xa0 + i;
		sdi8k_sim_anc_put(&o, 14, true, 0x51, 0x54, p, 8, cfg->fault,
				  false);
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

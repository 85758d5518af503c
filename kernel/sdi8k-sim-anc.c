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
 * one malformed packet.
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
 * @transfer: SDI8K_TRANSFER_*
 * @link: link number of a multi-link interface, else 0
 */
u32 sdi8k_sim_payload_id(const struct sdi8k_raster *r, u8 transfer,
			 unsigned int link)
{
	bool prog = !sdi8k_raster_interlaced(r);
	u8 colorimetry = transfer == SDI8K_TRANSFER_SDR ? 0 : 2;
	u8 b1, b2, b3, b4;

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
	b4 = (link & 3) << 6 | 0x01;	/* 10-bit */
	return b1 | b2 << 8 | b3 << 16 | (u32)b4 << 24;
}

/* ---- ST 291 packets into the slot ---- */

struct sdi8k_sim_anc_out {
	u8 *slot;
	u32 used;
	bool overflow;
	unsigned int malformed;
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
};

static void sdi8k_sim_anc_put(struct sdi8k_sim_anc_out *o, u16 line,
			      bool cstream, u8 did, u8 sdid, const u8 *udw,
			      unsigned int n, int fault)
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
static const u8 sdi8k_sim_mdcv[24] = {
	0x21, 0x34, 0x9b, 0xaa,	/* G 8500, 39850 */
	0x19, 0x96, 0x08, 0xfc,	/* B 6550, 2300 */
	0x8a, 0x48, 0x39, 0x08,	/* R 35400, 14600 */
	0x3d, 0x13, 0x40, 0x42,	/* white 15635, 16450 */
	0x00, 0x98, 0x96, 0x80,	/* max 10000000 */
	0x00, 0x00, 0x00, 0x32,	/* min 50 */
};

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
 * @frame: frame number since lock (the picture's frame counter)
 * @slot: the slot (SDI8K_ANC_SLOT_SIZE bytes)
 * @status: returns SDI8K_ANC_OVERFLOW or 0
 * @malformed: returns how many malformed packets were sent
 *
 * Return: bytes stored in @slot.
 */
u32 sdi8k_sim_anc_capture(const struct sdi8k_raster *r,
			  const struct sdi8k_sim_anc_cfg *cfg, u64 frame,
			  u8 *slot, u32 *status, unsigned int *malformed)
{
	struct sdi8k_sim_anc_out o = { .slot = slot };
	u32 vpid = sdi8k_sim_payload_id(r, cfg->transfer, 0);
	u8 p[255];
	unsigned int n, i;

	for (i = 0; i < 4; i++)
		p[i] = vpid >> (8 * i);
	sdi8k_sim_anc_put(&o, 10, false, 0x41, 0x01, p, 4, 0);

	if (!cfg->no_atc) {
		sdi8k_sim_timecode(r, frame, p);
		sdi8k_sim_anc_put(&o, 9, false, 0x60, 0x60, p, 16, 0);
	}

	if (cfg->transfer == SDI8K_TRANSFER_PQ) {
		n = 0;
		p[n++] = 0x00;		/* mastering display colour volume */
		p[n++] = 2 + 24;
		p[n++] = 137;
		p[n++] = 24;
		memcpy(p + n, sdi8k_sim_mdcv, 24);
		n += 24;
		p[n++] = 0x01;		/* content light level */
		p[n++] = 2 + 4;
		p[n++] = 144;
		p[n++] = 4;
		p[n++] = cfg->max_cll >> 8;
		p[n++] = cfg->max_cll;
		p[n++] = cfg->max_fall >> 8;
		p[n++] = cfg->max_fall;
		sdi8k_sim_anc_put(&o, 11, false, 0x41, 0x0c, p, n, 0);
	}
	if (cfg->hdr10plus) {
		n = sdi8k_sim_hdr10plus(frame, p + 4, sizeof(p) - 4);
		p[0] = 0x05;		/* ST 2094-40 */
		p[1] = 2 + n;
		p[2] = 4;		/* user_data_registered_itu_t_t35 */
		p[3] = n;
		sdi8k_sim_anc_put(&o, 12, false, 0x41, 0x0c, p, 4 + n, 0);
	}

	/* a packet the driver does not know: the picture's frame counter */
	for (i = 0; i < 4; i++)
		p[i] = (u32)frame >> (24 - 8 * i);
	sdi8k_sim_anc_put(&o, 13, true, 0x51, 0x53, p, 4, 0);

	if (cfg->fault != SDI8K_SIM_FAULT_NONE) {
		for (i = 0; i < 8; i++)
			p[i] = 0xa0 + i;
		sdi8k_sim_anc_put(&o, 14, true, 0x51, 0x54, p, 8, cfg->fault);
	}

	*status = o.overflow ? SDI8K_ANC_OVERFLOW : 0;
	*malformed = o.malformed;
	return o.used;
}

static const char * const sdi8k_sim_fault_names[] = {
	[SDI8K_SIM_FAULT_NONE] = "none",
	[SDI8K_SIM_FAULT_CHECKSUM] = "checksum",
	[SDI8K_SIM_FAULT_PARITY] = "parity",
	[SDI8K_SIM_FAULT_LENGTH] = "length",
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

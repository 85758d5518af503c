/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * sdi8k ancillary-data codec: one source per SMPTE format, parse and
 * build, compiled unchanged into sdi8k.ko (the per-frame slot walk of
 * sdi8k-anc-slot.c runs on wire data in interrupt context), the card
 * model, libsdi8k (whose <sdi8k/anc.h> and <sdi8k/hdr.h> document the
 * functions it exports from here) and the fuzz targets.
 *
 *   sdi8k-st291.c    ST 291-1 packets: parity, checksum, decode, encode
 *   sdi8k-st352.c    ST 352 payload identifier
 *   sdi8k-st12.c     ST 12-2 ancillary time code
 *   sdi8k-st2108.c   ST 2108-1 frames, ST 2086, CTA-861.3 light levels
 *   sdi8k-st2094.c   ST 2094-40 (HDR10+) dynamic metadata
 *   sdi8k-st299.c    ST 299-1 / ST 299-2 embedded audio packets
 *   sdi8k-st334.c    ST 334-2 CEA-708 caption distribution packets (CDP)
 *   sdi8k-anc-slot.c the card's per-frame ancillary slot (docs/hardware.md)
 *
 * The data types and packet IDs are in uapi/sdi8k-anc.h. Everything here
 * reads data that came off a wire: every length and count is checked and
 * nothing is read outside the buffers given. Errors are negative errnos;
 * in userspace each comes with a message for sdi8k_last_error() (in the
 * kernel the message is compiled out). Nothing allocates or sleeps: every
 * function may run in any context.
 *
 * In userspace this builds through kshim/kshim.h (-I kshim -I lib).
 */
#ifndef SDI8K_ANC_CODEC_H
#define SDI8K_ANC_CODEC_H

#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/videodev2.h>

#include "../uapi/sdi8k-anc.h"

/* a failure, with a message in userspace builds */
#define sdi8k_anc_fail(err, fmt, ...) \
	({ no_printk(fmt, ##__VA_ARGS__); (err); })

/* what libsdi8k declares in <sdi8k/anc.h> and <sdi8k/hdr.h> */
u16 sdi8k_anc_word(u8 v);
u16 sdi8k_anc_checksum(const u16 *words, size_t n);
int sdi8k_anc_decode(const u16 *words, size_t n,
		     struct sdi8k_anc_packet_data *out);
int sdi8k_anc_encode(u8 did, u8 sdid, const u16 *udw, size_t udw_count,
		     u16 *out, size_t cap);
int sdi8k_anc_encode_bytes(u8 did, u8 sdid, const u8 *bytes, size_t count,
			   u16 *out, size_t cap);
int sdi8k_anc_udw_bytes(const struct sdi8k_anc_packet_data *pkt, u8 *out,
			size_t cap);
int sdi8k_vpid_decode(const u8 bytes[4], struct sdi8k_vpid *out);
int sdi8k_vpid_from_packet(const struct sdi8k_anc_packet_data *pkt,
			   struct sdi8k_vpid *out);
int sdi8k_vpid_encode(const struct sdi8k_vpid *in, u8 bytes[4]);
const char *sdi8k_colorimetry_name(enum sdi8k_colorimetry c);
int sdi8k_atc_decode(const struct sdi8k_anc_packet_data *pkt,
		     struct sdi8k_timecode *out);
int sdi8k_atc_encode(const struct sdi8k_timecode *tc, u16 *out, size_t cap);
bool sdi8k_timecode_field_mark(const struct sdi8k_timecode *tc,
			       bool rate_25_family);
int sdi8k_st2108_parse(const u8 *bytes, size_t n,
		       struct sdi8k_st2108_frame *frames, size_t max);
int sdi8k_st2108_append(u8 *buf, size_t cap, size_t *len, u8 frame_type,
			u8 sei_type, const u8 *payload, size_t size);
int sdi8k_mdcv_decode(const u8 *p, size_t n, struct sdi8k_mdcv *out);
int sdi8k_mdcv_encode(const struct sdi8k_mdcv *m, u8 out[SDI8K_MDCV_SIZE]);
int sdi8k_cll_decode(const u8 *p, size_t n, struct sdi8k_cll *out);
int sdi8k_cll_encode(const struct sdi8k_cll *c, u8 out[SDI8K_CLL_SIZE]);
int sdi8k_hdr10plus_decode(const u8 *p, size_t n, struct sdi8k_hdr10plus *out);
int sdi8k_hdr10plus_encode(const struct sdi8k_hdr10plus *m, u8 *out,
			   size_t cap);
u8 sdi8k_cdp_rate_code(u32 num, u32 den);
unsigned int sdi8k_cdp_cc_count(u32 num, u32 den);
u8 sdi8k_cea608_byte(u8 c);
bool sdi8k_cc_has_data(const struct sdi8k_cc_data *cc);
int sdi8k_cdp_decode(const u8 *p, size_t n, struct sdi8k_cdp *out);
int sdi8k_cdp_from_packet(const struct sdi8k_anc_packet_data *pkt,
			  struct sdi8k_cdp *out);
int sdi8k_cdp_encode(const struct sdi8k_cdp *c, u8 *out, size_t cap);
#else
#include "kshim.h"
#include <sdi8k/anc.h>
#include <sdi8k/hdr.h>

#include "common/error.h"

#define sdi8k_anc_fail(err, ...) sdi8k__fail(err, __VA_ARGS__)
#endif

/* ---- byte order of the payloads (big-endian) and of the card (little) ---- */

static inline u16 sdi8k_get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 sdi8k_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void sdi8k_put_be16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static inline void sdi8k_put_be32(u8 *p, u32 v)
{
	sdi8k_put_be16(p, (u16)(v >> 16));
	sdi8k_put_be16(p + 2, (u16)v);
}

static inline u16 sdi8k_get_le16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

/* also the PAYLOAD_ID register: ST 352 byte 1 in bits 7:0 ... 4 in 31:24 */
static inline u32 sdi8k_get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline void sdi8k_put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

/* ---- parts the codec shares with its users beyond libsdi8k's API ---- */

/* true if 10-bit word @w is the 8-bit value w & 0xff with ST 291 parity */
bool sdi8k_anc_word_ok(u16 w);

/*
 * Check a packet given from its DID: @n words, of which the packet must
 * take no more. Returns its user data word count, or -EPROTO (a word wider
 * than 10 bits), -EBADMSG (parity, checksum), -EOVERFLOW (fewer than 4
 * words, a data count past the end).
 */
int sdi8k_anc_check(const u16 *words, size_t n);

/*
 * The 8-bit payload of @n user data words carrying bytes with parity.
 * Returns @n, or -EBADMSG (a word with bad parity) naming @did and @sdid.
 */
int sdi8k_anc_words_to_bytes(u8 did, u8 sdid, const u16 *udw, size_t n,
			     u8 *out);

/* ST 12-2 time code from the user data words of an ATC packet */
int sdi8k_atc_decode_udw(const u16 *udw, size_t n, struct sdi8k_timecode *out);

/* ST 352 picture rate code of @num/@den frames per second, 0: none */
u8 sdi8k_vpid_rate_code(u32 num, u32 den);

/*
 * The next frame of an ST 2108-1 payload @bytes[0..n-1] at *@off (frame
 * number @index, for messages), checked as sdi8k_st2108_parse() does.
 * Returns 1 with *@f filled and *@off moved past it, 0 at the end, or a
 * negative errno.
 */
int sdi8k_st2108_next(const u8 *bytes, size_t n, size_t *off,
		      unsigned int index, struct sdi8k_st2108_frame *f);

/*
 * The 24 bytes of an ST 2086 payload, read or written unchecked (as a card
 * model sends a display out of range on purpose); sdi8k_mdcv_decode() and
 * sdi8k_mdcv_encode() check.
 */
void sdi8k_mdcv_read(const u8 *p, struct sdi8k_mdcv *m);
void sdi8k_mdcv_write(const struct sdi8k_mdcv *m, u8 *p);

/* ---- ST 299-1 / ST 299-2 embedded audio (sdi8k-st299.c) ---- */

/* words of an audio data packet from DID to checksum */
#define SDI8K_AUDIO_DATA_WORDS	SDI8K_ANC_PACKET_WORDS(SDI8K_AUDIO_DATA_UDW)
#define SDI8K_AUDIO_CTRL_WORDS	SDI8K_ANC_PACKET_WORDS(SDI8K_AUDIO_CTRL_UDW)

/* the DID of group @g's (0..7) audio data / control packet */
static inline u8 sdi8k_audio_data_did(unsigned int g)
{
	return g < 4 ? SDI8K_DID_AUDIO_DATA1 - g : SDI8K_DID_AUDIO_DATA5 - (g - 4);
}

static inline u8 sdi8k_audio_ctrl_did(unsigned int g)
{
	return g < 4 ? SDI8K_DID_AUDIO_CTRL1 - g : SDI8K_DID_AUDIO_CTRL5 - (g - 4);
}

/* the audio group (0..7) of data packet DID @did, or -1 */
int sdi8k_audio_data_group(u8 did);
/* the audio group (0..7) of control packet DID @did, or -1 */
int sdi8k_audio_ctrl_group(u8 did);

/*
 * The six ECC bytes of an audio data packet: BCH(31,25) with generator
 * SDI8K_AUDIO_ECC_POLY, one code per bit of b0-b7, over the packet's
 * first 24 words: the flag 000 3FF 3FF, DID, DBN, DC and UDW0-17
 * (@words: DID .. UDW17, 21 words). ecc[0] is the remainder's x^5 term.
 */
#define SDI8K_AUDIO_ECC_POLY	0x7b	/* x^6 + x^5 + x^4 + x^3 + x + 1 */
void sdi8k_audio_ecc(const u16 *words, u8 ecc[SDI8K_AUDIO_ECC_WORDS]);

/*
 * Build an audio data packet, DID .. checksum (SDI8K_AUDIO_DATA_WORDS),
 * from @p: samples are taken as 24-bit (bits above 23 ignored), the P
 * flag is computed (even parity of the subframe), ECC and checksum too.
 * Returns SDI8K_AUDIO_DATA_WORDS, or -EINVAL (NULL, group > 7, dbn or
 * clk out of range), -ENOSPC (@cap too small).
 */
int sdi8k_audio_encode(const struct sdi8k_audio_packet *p, u16 *out,
		       size_t cap);

/*
 * Decode an audio data packet from its DID (@n words; more are ignored).
 * Returns the words it took (SDI8K_AUDIO_DATA_WORDS); -ENOMSG (not an
 * audio data DID), -EOVERFLOW (shorter than its data count says),
 * -EPROTO (a word wider than 10 bits, a data count other than 24),
 * -EBADMSG (parity of DID, DBN, DC or a UDW, checksum: the packet is
 * dropped), -EUCLEAN (envelope intact, ECC mismatch: the samples are
 * damaged). *@out is written only on success.
 */
int sdi8k_audio_decode(const u16 *words, size_t n,
		       struct sdi8k_audio_packet *out);

/*
 * Build / decode an audio control packet (SDI8K_AUDIO_CTRL_WORDS words
 * from the DID; DBN 0). Errors as the data packet's, without -EUCLEAN;
 * encode: -EINVAL for a group > 7, a rate above 15 or a delay outside 23
 * bits.
 */
int sdi8k_audio_ctrl_encode(const struct sdi8k_audio_control *c, u16 *out,
			    size_t cap);
int sdi8k_audio_ctrl_decode(const u16 *words, size_t n,
			    struct sdi8k_audio_control *out);

/* ---- one frame's ancillary slot (sdi8k-anc-slot.c) ---- */

/**
 * struct sdi8k_hdr_static - static HDR metadata seen on the wire
 * @mdcv: ST 2086 mastering display (zero when @has_mdcv is 0)
 * @cll: MaxCLL/MaxFALL (zero when @has_cll is 0)
 * @has_mdcv: the frame carried a valid mastering display frame
 * @has_cll: the frame carried a valid content light level frame
 *
 * No padding: compared with memcmp().
 */
struct sdi8k_hdr_static {
	struct v4l2_ctrl_hdr10_mastering_display mdcv;
	struct v4l2_ctrl_hdr10_cll_info cll;
	u16 has_mdcv;
	u16 has_cll;
};

/**
 * struct sdi8k_anc_result - what one frame's ancillary data held
 * @tc: ST 12-2 time code, when @has_tc
 * @has_tc: a valid ATC packet was found
 * @vpid: the frame's own ST 352 payload ID (link 0), when @has_vpid, in
 *	the PAYLOAD_ID register's layout
 * @has_vpid: the frame carried one
 * @hdr: static HDR metadata
 * @malformed: packets dropped: parity, checksum, length
 * @bad_payload: well-formed packets whose payload was invalid
 * @overflow: 1 when the card ran out of slot space
 */
struct sdi8k_anc_result {
	struct v4l2_timecode tc;
	bool has_tc;
	u32 vpid;
	bool has_vpid;
	struct sdi8k_hdr_static hdr;
	u32 malformed;
	u32 bad_payload;
	u32 overflow;
};

/**
 * struct sdi8k_anc_meta - a metadata buffer being filled
 * @buf: its memory (NULL: none queued, packets are only checked)
 * @size: bytes available
 * @used: bytes written
 * @count: packets written
 * @overflow: packets that did not fit
 */
struct sdi8k_anc_meta {
	void *buf;
	u32 size;
	u32 used;
	u32 count;
	u32 overflow;
};

void sdi8k_anc_slot_parse(const u8 *area, u32 bytes, u32 anc_status,
			  u32 rate_num, u32 rate_den,
			  struct sdi8k_anc_result *res,
			  struct sdi8k_anc_meta *meta);

#endif /* SDI8K_ANC_CODEC_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: SDI ancillary data.
 *
 * Parsers (and builders) for the SMPTE ST 291-1 ancillary packets an sdi8k
 * input delivers, and for what they carry:
 *   - ST 291-1 packets from 10-bit words: parity, checksum, data count;
 *   - ST 352 payload identifier (raster, rate, scan, sampling, colorimetry,
 *     transfer characteristic SDR / HLG / PQ, bit depth, link);
 *   - ST 2108-1 HDR/WCG metadata frames, carrying ST 2086 mastering display
 *     colour volume, CTA-861.3 MaxCLL / MaxFALL and ST 2094-40 (HDR10+)
 *     dynamic metadata (see <sdi8k/hdr.h>);
 *   - ST 12-2 ancillary time code (ATC_LTC, ATC_VITC1, ATC_VITC2);
 *   - the driver's per-frame metadata buffers (SDI8K_META_FMT_ANC of
 *     kernel/uapi/sdi8k.h): one video frame's packets, read as records.
 * The byte- and word-level layouts, their public sources and the
 * assumptions made are in docs/ancillary.md, with worked examples.
 *
 * Everything here reads data that came off a wire: every length, count and
 * index is checked, nothing is read outside the buffers given, and
 * malformed input returns a negative errno with a message for
 * sdi8k_last_error() that names the packet and what is wrong (e.g.
 * "ST 291 packet DID 0x41 SDID 0x01: checksum 0x11b, expected 0x11a"):
 *   -EBADMSG    a parity or checksum error;
 *   -EOVERFLOW  something runs past the end of its data (a data count past
 *               the words given, a truncated frame, bit stream or record);
 *   -EPROTO     any other malformed content (a BCD digit out of range, a
 *               count or value out of its range, a wrong fixed field);
 *   -ENOMSG     a well-formed packet of another kind than the function
 *               decodes (e.g. an ATC packet given to the ST 352 decoder).
 * Bad arguments (NULL pointers, a value out of its range when encoding)
 * return -EINVAL; an output buffer too small returns -ENOSPC.
 *
 * Words: an ancillary word is 10 bits, held in the low bits of a uint16_t;
 * a word with any of bits 10-15 set is malformed.
 *
 * Thread safety: all functions are reentrant and keep no state; they only
 * touch the memory passed in (and the calling thread's last-error message).
 * Nothing allocates.
 */
#ifndef SDI8K_ANC_H
#define SDI8K_ANC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sdi8k/anc-types.h>
#include <sdi8k/export.h>
#include <sdi8k/transfer.h>

SDI8K_BEGIN_DECLS

/* ------------------------------------------------------------------------
 * ST 291-1 packets
 * ------------------------------------------------------------------------ */

/*
 * The packet IDs (SDI8K_DID_* / SDI8K_SDID_*), the limits and
 * struct sdi8k_anc_packet_data are defined in <sdi8k/anc-types.h>.
 */

/*
 * The 10-bit word carrying 8-bit value v with ST 291 parity: bit 8 = even
 * parity of bits 0-7, bit 9 = !bit 8. Used for DID, SDID, DC and for the
 * UDWs of packets with 8-bit payloads.
 */
SDI8K_API uint16_t sdi8k_anc_word(uint8_t v);

/*
 * The checksum word of the packet's DID .. last UDW: the 9-bit sum of bits
 * 0-8 of words[0..n-1], with bit 9 = !bit 8. words may be NULL when n is 0.
 */
SDI8K_API uint16_t sdi8k_anc_checksum(const uint16_t *words, size_t n);

/*
 * Decode and validate one packet from n 10-bit words. words may start at
 * the ancillary data flag (000 3FF 3FF) or at the DID. Checks: words hold
 * at most 10 bits, DID / SDID / DC parity, the data count fits in the n
 * words, the checksum. Words after the checksum are ignored.
 * Returns the number of words consumed (ADF included) on success, or
 * -EINVAL (NULL argument), -EBADMSG (parity, checksum), -EOVERFLOW (fewer
 * than 4 words, data count past the end), -EPROTO (a word wider than 10
 * bits).
 * *out is written only on success.
 */
SDI8K_API int sdi8k_anc_decode(const uint16_t *words, size_t n,
			       struct sdi8k_anc_packet_data *out);

/*
 * Build a packet (DID .. checksum, no ADF) into out[0..cap-1] from 8-bit
 * did and sdid and udw_count 10-bit user data words (used as given; bits
 * 10-15 must be 0). Computes the parity of DID, SDID, DC and the checksum.
 * Returns the number of words written (udw_count + 4), or -EINVAL (NULL,
 * udw_count > 255, a UDW wider than 10 bits), -ENOSPC (cap too small).
 */
SDI8K_API int sdi8k_anc_encode(uint8_t did, uint8_t sdid,
			       const uint16_t *udw, size_t udw_count,
			       uint16_t *out, size_t cap);

/*
 * As sdi8k_anc_encode() for an 8-bit payload: each byte becomes a UDW with
 * parity (sdi8k_anc_word()). count <= 255.
 */
SDI8K_API int sdi8k_anc_encode_bytes(uint8_t did, uint8_t sdid,
				     const uint8_t *bytes, size_t count,
				     uint16_t *out, size_t cap);

/*
 * Extract the 8-bit payload of a packet whose UDWs carry bytes with
 * parity: out[i] = udw[i] & 0xff after checking bits 8-9 of each UDW.
 * Returns the byte count (pkt->udw_count), -EBADMSG (a UDW with wrong
 * parity), -ENOSPC (cap < udw_count), -EINVAL (NULL).
 */
SDI8K_API int sdi8k_anc_udw_bytes(const struct sdi8k_anc_packet_data *pkt,
				  uint8_t *out, size_t cap);

/* ------------------------------------------------------------------------
 * ST 352 payload identifier
 * ------------------------------------------------------------------------ */

/*
 * The payload codes (SDI8K_VPID_*), enum sdi8k_colorimetry and struct
 * sdi8k_vpid are defined in <sdi8k/anc-types.h>; the transfer
 * characteristic (byte 2 bits 5-4) is enum sdi8k_transfer, numbered as
 * the driver's SDI8K_CID_TRANSFER_FUNCTION menu.
 */

/*
 * Decode the 4 payload bytes. Never fails on a well-formed payload: codes
 * it does not know give width = height = 0, reserved rates give 0/0.
 * Returns 0, or -EINVAL (NULL).
 */
SDI8K_API int sdi8k_vpid_decode(const uint8_t bytes[4], struct sdi8k_vpid *out);

/*
 * Decode an ST 352 packet: DID 0x41 / SDID 0x01 (else -ENOMSG), data count
 * 4 (else -EPROTO), UDW parity (else -EBADMSG), then sdi8k_vpid_decode().
 */
SDI8K_API int sdi8k_vpid_from_packet(const struct sdi8k_anc_packet_data *pkt,
				     struct sdi8k_vpid *out);

/*
 * Encode a payload ID from the fields of *in: payload_code,
 * progressive_transport, progressive_picture, transfer, rate_code,
 * aspect_16_9, horizontal_2048, colorimetry, sampling, channel, ictcp,
 * bit_depth_code (the other fields are ignored). The aspect ratio and
 * colorimetry bits go where the payload code puts them (docs/ancillary.md
 * §2). Returns 0, or -EINVAL (NULL, a field out of its bit range).
 */
SDI8K_API int sdi8k_vpid_encode(const struct sdi8k_vpid *in, uint8_t bytes[4]);

/* Name of a colorimetry ("BT.709", "VANC", "BT.2020", "unknown"). */
SDI8K_API const char *sdi8k_colorimetry_name(enum sdi8k_colorimetry c);

/* ------------------------------------------------------------------------
 * ST 12-2 ancillary time code (ATC)
 * ------------------------------------------------------------------------ */

/* enum sdi8k_atc_type and struct sdi8k_timecode: <sdi8k/anc-types.h> */

/*
 * Decode an ATC packet: DID/SDID 0x60/0x60 (else -ENOMSG); UDW parity
 * (else -EBADMSG); data count 16, bits 0-2 of each UDW zero, BCD digits in
 * range (units <= 9, seconds and minutes tens <= 5, hours tens <= 2,
 * hours <= 23), else -EPROTO. Returns 0 on success.
 */
SDI8K_API int sdi8k_atc_decode(const struct sdi8k_anc_packet_data *pkt,
			       struct sdi8k_timecode *out);

/*
 * Build an ATC packet (DID .. checksum, 20 words) from *tc: hours 0..23,
 * minutes and seconds 0..59, frames 0..39, binary groups 0..15, the flags
 * and dbb1 / dbb2 (the vitc_line .. process_bit fields are ignored: dbb2
 * is used as given). Returns 20, or -EINVAL (a field out of range),
 * -ENOSPC (cap < 20).
 */
SDI8K_API int sdi8k_atc_encode(const struct sdi8k_timecode *tc,
			       uint16_t *out, size_t cap);

/*
 * The field mark flag of a time code: bit 27 in 30-frame systems (24, 30,
 * 60 and their 1/1.001 rates), bit 59 in 25-frame systems (25, 50). Above
 * 30 frames/s it marks the second frame of a frame pair.
 */
SDI8K_API bool sdi8k_timecode_field_mark(const struct sdi8k_timecode *tc,
					 bool rate_25_family);

/* ------------------------------------------------------------------------
 * ST 334-2 CEA-708 caption distribution packets (CDP), CEA-608 bytes
 * ------------------------------------------------------------------------ */

/* struct sdi8k_cdp and its parts: <sdi8k/anc-types.h> (since 0.6) */

/*
 * Decode the n bytes of a CDP (the user data of an ST 334 packet DID 0x61
 * SDID 0x01). Checks, in order: n >= 11 (else -EOVERFLOW), identifier
 * 0x9669, cdp_length == n (-EPROTO), the checksum (-EBADMSG), the frame
 * rate code 1..8, the announced sections present in order with their
 * lengths inside the CDP, BCD time code digits, future sections
 * 0x75..0xEF, the footer id and that its sequence counter repeats the
 * header's (-EPROTO). *out is written only on success; returns 0.
 */
SDI8K_API int sdi8k_cdp_decode(const uint8_t *p, size_t n,
			       struct sdi8k_cdp *out);

/*
 * As sdi8k_cdp_decode() for a decoded packet: DID/SDID 0x61/0x01 (else
 * -ENOMSG), UDW parity (else -EBADMSG), then the CDP.
 */
SDI8K_API int sdi8k_cdp_from_packet(const struct sdi8k_anc_packet_data *pkt,
				    struct sdi8k_cdp *out);

/*
 * Build a CDP from *c: frame_rate 1..8, cc_count <= 31, svc_count <= 15,
 * the time code in range when has_timecode (else -EINVAL); the length,
 * header flags, footer (sequence = c->sequence) and checksum are
 * computed, reserved bits written as 1. Returns the bytes written (at
 * most 255), or -ENOSPC (cap too small), -EINVAL.
 */
SDI8K_API int sdi8k_cdp_encode(const struct sdi8k_cdp *c, uint8_t *out,
			       size_t cap);

/* The cdp_frame_rate code of num/den frames/s (1..8), 0: none. */
SDI8K_API uint8_t sdi8k_cdp_rate_code(uint32_t num, uint32_t den);

/*
 * The cc_count of a CDP at num/den frames/s (CEA-708: 25 at 23.98 and 24,
 * 24 at 25, 20 at 29.97 and 30, 12 at 50, 10 at 59.94 and 60), 0: none.
 */
SDI8K_API unsigned int sdi8k_cdp_cc_count(uint32_t num, uint32_t den);

/* A 7-bit CEA-608 character or code with its odd parity bit set. */
SDI8K_API uint8_t sdi8k_cea608_byte(uint8_t c);

/*
 * Whether a cc_data triplet carries captions (since 0.7): valid, and DTVCC
 * data or a CEA-608 pair other than the null pair (0x80 0x80, both bytes
 * zero but for their parity bits). What a recorder writes and a monitor
 * counts; a null pair marks the pause between two 608 captions.
 */
SDI8K_API bool sdi8k_cc_has_data(const struct sdi8k_cc_data *cc);

/* ------------------------------------------------------------------------
 * Driver metadata buffers (SDI8K_META_FMT_ANC)
 * ------------------------------------------------------------------------ */

/* The header of one buffer, validated (fields of struct sdi8k_anc_frame). */
struct sdi8k_anc_frame_info {
	uint32_t sequence;	/* v4l2_buffer.sequence of the video frame */
	uint32_t packet_count;
	uint32_t bytes_used;
	uint32_t malformed;	/* packets the driver dropped as malformed */
	uint32_t overflow;	/* packets dropped, buffer full */
};

/* Iterator over the records of one buffer; opaque, on the caller's stack. */
struct sdi8k_anc_iter {
	const uint8_t *buf;
	size_t end;		/* bytes_used */
	size_t off;		/* next record */
	uint32_t index;		/* records read */
	uint32_t count;		/* packet_count */
};

/* One record: where the packet came from, and the packet. */
struct sdi8k_anc_record {
	uint16_t line;		/* 1-based line number */
	uint8_t link;		/* SDI link 0..3 */
	uint8_t stream;		/* 0 Y, 1 C */
	uint16_t flags;
	struct sdi8k_anc_packet_data pkt;
};

/*
 * Validate the header of a buffer of len bytes (as dequeued: len is the
 * buffer's bytesused) and start iterating over its records. Checks magic,
 * version, header size, bytes_used <= len, reserved == 0, that
 * packet_count records of at least 16 bytes can fit. Returns 0, or -EINVAL
 * (NULL), -EPROTO (bad field), -EOVERFLOW (len or bytes_used too small).
 * info may be NULL. The buffer must stay valid
 * and unchanged while it is iterated.
 */
SDI8K_API int sdi8k_anc_frame_open(const void *buf, size_t len,
				   struct sdi8k_anc_frame_info *info,
				   struct sdi8k_anc_iter *it);

/*
 * Read the next record: checks its size field, that it lies inside
 * bytes_used, the parity of DID / SDID / DC, word widths and the checksum
 * (the driver is trusted no more than the wire), and after the last record
 * that exactly bytes_used bytes were used. Returns 1 with *rec filled, 0
 * at the end, or a negative errno (-EBADMSG, -EOVERFLOW, -EPROTO as for
 * sdi8k_anc_decode(); -EPROTO for a wrong record size or bytes left over)
 * naming the record; after an error the iterator stays at the bad record
 * (a further call returns the same error).
 */
SDI8K_API int sdi8k_anc_frame_next(struct sdi8k_anc_iter *it,
				   struct sdi8k_anc_record *rec);

/*
 * The first CEA-708 CDP (DID 0x61 SDID 0x01) of one SDI8K_META_FMT_ANC
 * buffer, decoded into *cdp; raw (may be NULL, else room for
 * SDI8K_CDP_MAX_SIZE bytes) receives its bytes and *raw_len (may be NULL)
 * their count: what GStreamer's GstVideoCaptionMeta of type CEA708_CDP
 * and FFmpeg's A53 side data (the cc_data triplets) carry. The whole
 * buffer is checked. Returns 1 (found), 0 (the buffer holds none), or a
 * negative errno: the buffer is malformed (as sdi8k_anc_frame_next()) or
 * its first CDP does not decode (as sdi8k_cdp_decode(), the message
 * naming line and link); *cdp and *raw_len are written only on success.
 * Since 0.6.
 */
SDI8K_API int sdi8k_cdp_from_frame(const void *buf, size_t len,
				   struct sdi8k_cdp *cdp, uint8_t *raw,
				   size_t *raw_len);

SDI8K_END_DECLS

#endif /* SDI8K_ANC_H */

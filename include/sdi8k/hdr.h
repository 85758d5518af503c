/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: HDR metadata from SDI ancillary data.
 *
 * ST 2108-1 HDR/WCG metadata frames and what they carry: SMPTE ST 2086
 * mastering display colour volume, CTA-861.3 content light level
 * (MaxCLL / MaxFALL) and SMPTE ST 2094-40 (HDR10+) dynamic metadata; and
 * sdi8k_hdr_state_from_frame(), which walks one video frame's ancillary
 * buffer (SDI8K_META_FMT_ANC) and gives the HDR state of the input: the
 * transfer function and colorimetry (ST 352), the static metadata, the
 * frame's dynamic metadata and its time code.
 *
 * Layouts, units and sources: docs/ancillary.md. Conventions (errors,
 * untrusted input, thread safety) as in <sdi8k/anc.h>: malformed input
 * returns -EOVERFLOW (truncated) or -EPROTO (bad content) with a message
 * for sdi8k_last_error(); nothing reads
 * past the buffers given; nothing allocates; all functions are reentrant.
 */
#ifndef SDI8K_HDR_H
#define SDI8K_HDR_H

#include <sdi8k/anc.h>

SDI8K_BEGIN_DECLS

/* ------------------------------------------------------------------------
 * ST 2108-1 frames
 * ------------------------------------------------------------------------ */

/*
 * Frame types (SDI8K_ST2108_TYPE_*), SEI types (SDI8K_SEI_*) and struct
 * sdi8k_st2108_frame: <sdi8k/anc-types.h>.
 */

/*
 * Split the n payload bytes of an ST 2108-1 packet (sdi8k_anc_udw_bytes())
 * into frames, frames[0..max-1]. The frames must fill the bytes exactly;
 * frames of a known type (MDCV, CLL, HDR10+) must carry the SEI type and
 * payload size that type has (HDR10+: any size >= 1). Returns the number of
 * frames, or -EOVERFLOW (truncated frame header or frame), -EPROTO (frame
 * length < 2, SEI size not frame_length - 2, a known type with the wrong
 * SEI), -ENOSPC (more than max frames), -EINVAL (NULL).
 */
SDI8K_API int sdi8k_st2108_parse(const uint8_t *bytes, size_t n,
				 struct sdi8k_st2108_frame *frames, size_t max);

/*
 * Append one frame (frame_type, SEI type, size payload bytes) to an ST
 * 2108-1 payload being built in buf[0..cap-1], of which *len bytes are
 * used; *len grows by size + 4. Returns 0, or -ENOSPC (does not fit in
 * cap or in the 255 bytes of a packet), -EINVAL (NULL, size > 253).
 */
SDI8K_API int sdi8k_st2108_append(uint8_t *buf, size_t cap, size_t *len,
				  uint8_t frame_type, uint8_t sei_type,
				  const uint8_t *payload, size_t size);

/* ------------------------------------------------------------------------
 * ST 2086 mastering display colour volume, CTA-861.3 light levels
 * ------------------------------------------------------------------------ */

/*
 * struct sdi8k_mdcv (chromaticities in units of 0.00002, luminances in
 * 0.0001 cd/m²) and struct sdi8k_cll (cd/m², 0: unknown):
 * <sdi8k/anc-types.h>.
 */

/*
 * Decode the 24-byte SEI payload (order G, B, R, white, max, min;
 * big-endian). Checks: n == 24, chromaticities <= 50000, 0 < max <=
 * 100 000 000, min < max; else -EPROTO. -EINVAL on NULL.
 */
SDI8K_API int sdi8k_mdcv_decode(const uint8_t *p, size_t n, struct sdi8k_mdcv *out);

/* Encode *m into 24 bytes; the same checks as decoding (-EINVAL). */
SDI8K_API int sdi8k_mdcv_encode(const struct sdi8k_mdcv *m, uint8_t out[SDI8K_MDCV_SIZE]);

/* Decode the 4-byte SEI payload; -EPROTO if n != 4, -EINVAL on NULL. */
SDI8K_API int sdi8k_cll_decode(const uint8_t *p, size_t n, struct sdi8k_cll *out);

/* Encode into 4 bytes. Returns 0 or -EINVAL (NULL). */
SDI8K_API int sdi8k_cll_encode(const struct sdi8k_cll *c, uint8_t out[SDI8K_CLL_SIZE]);

/* ------------------------------------------------------------------------
 * ST 2094-40 (HDR10+) dynamic metadata
 * ------------------------------------------------------------------------ */

/* struct sdi8k_hdr10plus and its parts: <sdi8k/anc-types.h> */

/*
 * Decode an HDR10+ ITU-T T.35 payload (from the country code 0xB5 on).
 * Checks the T.35 codes (0xB5, 0x003C, 0x0001, application 4, version
 * 0..1), every count and range of docs/ancillary.md §7, that the bit
 * stream does not run past n bytes and that no more than the last byte's
 * padding is left. Returns 0, or -EOVERFLOW (truncated), -EPROTO (a code,
 * count or value out of range, trailing bytes), -EINVAL (NULL). *out is
 * undefined after an error.
 */
SDI8K_API int sdi8k_hdr10plus_decode(const uint8_t *p, size_t n,
				     struct sdi8k_hdr10plus *out);

/*
 * Encode *m as a T.35 payload into out[0..cap-1] (the same checks as
 * decoding, -EINVAL on a violation). Returns the byte count, or -ENOSPC.
 * SDI8K_HDR10P_MAX_SIZE bytes are always enough.
 */
SDI8K_API int sdi8k_hdr10plus_encode(const struct sdi8k_hdr10plus *m,
				     uint8_t *out, size_t cap);

/* ------------------------------------------------------------------------
 * The HDR state of an input, from one frame's ancillary buffer
 * ------------------------------------------------------------------------ */

/* bits of sdi8k_hdr_state.have */
#define SDI8K_HDR_HAVE_VPID	(1u << 0)	/* vpid, transfer, colorimetry */
#define SDI8K_HDR_HAVE_MDCV	(1u << 1)
#define SDI8K_HDR_HAVE_CLL	(1u << 2)
#define SDI8K_HDR_HAVE_DYNAMIC	(1u << 3)	/* HDR10+ for this frame */
#define SDI8K_HDR_HAVE_TIMECODE	(1u << 4)

struct sdi8k_hdr_state {
	unsigned have;				/* SDI8K_HDR_HAVE_* */
	uint32_t sequence;			/* of the video frame */
	enum sdi8k_transfer transfer;		/* UNSPECIFIED without VPID */
	enum sdi8k_colorimetry colorimetry;	/* UNKNOWN without VPID */
	struct sdi8k_vpid vpid;			/* link 0's ST 352 */
	struct sdi8k_mdcv mdcv;
	struct sdi8k_cll cll;
	struct sdi8k_hdr10plus dynamic;
	struct sdi8k_timecode timecode;		/* ATC_VITC1, else VITC2, else LTC */
	uint32_t packets;			/* records in the buffer */
	uint32_t unknown;			/* packets of other kinds */
	uint32_t malformed;			/* known packets that failed to decode */
	char error[160];			/* message of the first of those */
};

/*
 * Walk one SDI8K_META_FMT_ANC buffer (len = its bytesused) and fill *st:
 * ST 352 from link 0 (the first one found), ST 2108-1 frames (MDCV, CLL,
 * HDR10+; the last of each kind wins), ATC (VITC1 preferred over VITC2
 * over LTC). A known packet whose payload fails to decode is skipped and
 * counted in st->malformed with its message in st->error (the buffer
 * itself being well-formed); a malformed buffer (header, record sizes,
 * parity, checksum) fails the call with the error of
 * sdi8k_anc_frame_open() / sdi8k_anc_frame_next() and leaves *st
 * untouched. Returns 0 on success (*st fully rewritten), -EINVAL on NULL.
 */
SDI8K_API int sdi8k_hdr_state_from_frame(const void *buf, size_t len,
					 struct sdi8k_hdr_state *st);

SDI8K_END_DECLS

#endif /* SDI8K_HDR_H */

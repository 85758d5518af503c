// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * SDI8K_META_FMT_ANC buffers: reading records, the HDR state of a frame,
 * and every malformed buffer.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include <sdi8k/error.h>
#include <sdi8k/hdr.h>

#include "anc_vectors.h"
#include "helpers.h"

#define BUFSZ 4096

/* library internal: the header's bad_payload (lib/anc/internal.h) */
uint32_t sdi8k__anc_frame_bad_payload(const void *buf, size_t len);

/* a frame as the simulated card sends it: 352 on each of 4 links, the
 * static 2108-1 packet, HDR10+, ATC_VITC1 */
static size_t full_frame(uint8_t *b)
{
	struct anc_buf a;
	uint16_t w352[8];

	anc_buf_init(&a, b, BUFSZ, 1234);
	for (uint8_t link = 0; link < 4; link++) {
		memcpy(w352, vec_352_4320p5994_link3, sizeof(w352));
		uint8_t bytes[4] = { 0xd2, 0xea, 0xa0, (uint8_t)(link << 6 | 1) };

		cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x01, bytes, 4, w352, 8), 8);
		cr_assert_eq(anc_buf_add(&a, w352, 8, 10, link, 0), 0);
	}
	cr_assert_eq(anc_buf_add(&a, vec_2108_static, NWORDS(vec_2108_static), 11, 0, 0), 0);
	cr_assert_eq(anc_buf_add(&a, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12, 0, 0), 0);
	cr_assert_eq(anc_buf_add(&a, vec_atc_vitc1, NWORDS(vec_atc_vitc1), 9, 0, 0), 0);
	return anc_buf_finish(&a);
}

Test(meta, iterate_records)
{
	uint8_t b[BUFSZ];
	size_t used = full_frame(b);
	struct sdi8k_anc_frame_info info;
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	int n = 0, r;

	cr_assert_eq(sdi8k_anc_frame_open(b, used, &info, &it), 0, "%s", sdi8k_last_error());
	cr_assert_eq(info.sequence, 1234);
	cr_assert_eq(info.packet_count, 7);
	cr_assert_eq(info.bytes_used, used);
	while ((r = sdi8k_anc_frame_next(&it, &rec)) > 0) {
		if (n < 4) {
			cr_assert_eq(rec.pkt.did, 0x41);
			cr_assert_eq(rec.link, n);
			cr_assert_eq(rec.line, 10);
			cr_assert_eq(rec.pkt.udw[3] & 0xc0, (unsigned)n << 6);
		}
		n++;
	}
	cr_assert_eq(r, 0, "%s", sdi8k_last_error());
	cr_assert_eq(n, 7);
	cr_assert_eq(rec.pkt.did, 0x60);
	cr_assert_eq(rec.line, 9);
	cr_assert_eq(sdi8k_anc_frame_next(&it, &rec), 0);	/* stays at the end */
}

Test(meta, hdr_state_of_a_full_frame)
{
	uint8_t b[BUFSZ];
	size_t used = full_frame(b);
	static struct sdi8k_hdr_state st;

	cr_assert_eq(sdi8k_hdr_state_from_frame(b, used, &st), 0, "%s", sdi8k_last_error());
	cr_assert_eq(st.have, SDI8K_HDR_HAVE_VPID | SDI8K_HDR_HAVE_MDCV | SDI8K_HDR_HAVE_CLL |
			      SDI8K_HDR_HAVE_DYNAMIC | SDI8K_HDR_HAVE_TIMECODE);
	cr_assert_eq(st.sequence, 1234);
	cr_assert_eq(st.transfer, SDI8K_TF_PQ);
	cr_assert_eq(st.colorimetry, SDI8K_COLORIMETRY_BT2020);
	cr_assert_eq(st.vpid.channel, 0, "link 0's payload ID");
	cr_assert_eq(st.vpid.width, 7680);
	cr_assert_eq(st.mdcv.max_luminance, 10000000);
	cr_assert_eq(st.cll.max_cll, 1000);
	cr_assert_eq(st.cll.max_fall, 400);
	cr_assert_eq(st.dynamic.targeted_max_luminance, 400);
	cr_assert_eq(st.dynamic.window[0].num_anchors, 9);
	cr_assert_eq(st.timecode.seconds, 3);
	cr_assert_eq(st.timecode.dbb1, SDI8K_ATC_VITC1);
	cr_assert_eq(st.packets, 7);
	cr_assert_eq(st.unknown, 0);
	cr_assert_eq(st.malformed, 0);
}

Test(meta, hdr_state_sdr_frame_and_unknown_packets)
{
	uint8_t b[BUFSZ];
	struct anc_buf a;
	static struct sdi8k_hdr_state st;
	uint16_t other[6];
	const uint8_t cc[2] = { 0x80, 0x80 };

	anc_buf_init(&a, b, BUFSZ, 7);
	cr_assert_eq(anc_buf_add(&a, vec_352_1080i50_1g5, 8, 10, 0, 0), 0);
	cr_assert_eq(sdi8k_anc_encode_bytes(0x61, 0x01, cc, 2, other, 6), 6);
	cr_assert_eq(anc_buf_add(&a, other, 6, 12, 0, 1), 0);
	anc_buf_finish(&a);
	cr_assert_eq(sdi8k_hdr_state_from_frame(b, a.used, &st), 0, "%s", sdi8k_last_error());
	cr_assert_eq(st.have, SDI8K_HDR_HAVE_VPID);
	cr_assert_eq(st.transfer, SDI8K_TF_SDR);
	cr_assert_eq(st.colorimetry, SDI8K_COLORIMETRY_BT709);
	cr_assert_eq(st.unknown, 1);

	/* an empty frame: nothing known */
	anc_buf_init(&a, b, BUFSZ, 8);
	anc_buf_finish(&a);
	cr_assert_eq(sdi8k_hdr_state_from_frame(b, a.used, &st), 0);
	cr_assert_eq(st.have, 0);
	cr_assert_eq(st.transfer, SDI8K_TF_UNSPECIFIED);
	cr_assert_eq(st.colorimetry, SDI8K_COLORIMETRY_UNKNOWN);
}

Test(meta, hdr_state_counts_bad_payloads)
{
	uint8_t b[BUFSZ], bytes[255];
	struct anc_buf a;
	static struct sdi8k_hdr_state st;
	uint16_t w[SDI8K_ANC_PACKET_WORDS(255)];
	size_t n = NWORDS(vec_2108_hdr10plus) - 4;

	/* HDR10+ with 0 windows, in a packet that is itself well formed */
	for (size_t i = 0; i < n; i++)
		bytes[i] = (uint8_t)vec_2108_hdr10plus[3 + i];
	bytes[4 + 7] &= 0x3f;	/* num_windows: top 2 bits of T.35 byte 7 */
	cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x0c, bytes, n, w, 259), (int)n + 4);
	anc_buf_init(&a, b, BUFSZ, 9);
	cr_assert_eq(anc_buf_add(&a, vec_2108_static, NWORDS(vec_2108_static), 11, 0, 0), 0);
	cr_assert_eq(anc_buf_add(&a, w, n + 4, 12, 0, 0), 0);
	anc_buf_finish(&a);
	cr_assert_eq(sdi8k_hdr_state_from_frame(b, a.used, &st), 0);
	cr_assert_eq(st.have, SDI8K_HDR_HAVE_MDCV | SDI8K_HDR_HAVE_CLL);
	cr_assert_eq(st.malformed, 1);
	cr_assert(strstr(st.error, "0 windows"), "%s", st.error);
	cr_assert(strstr(st.error, "line 12"), "%s", st.error);
}

/* open + read all; the first error or 0 */
static int read_all(const uint8_t *b, size_t len)
{
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	int r = sdi8k_anc_frame_open(b, len, NULL, &it);

	while (r == 0 && (r = sdi8k_anc_frame_next(&it, &rec)) > 0)
		r = 0;
	return r;
}

Test(meta, malformed_headers)
{
	uint8_t b[BUFSZ], x[BUFSZ];
	size_t used = full_frame(b);

	cr_assert_eq(read_all(b, used), 0);
	for (size_t len = 0; len < 32; len++)
		cr_assert_eq(read_all(b, len), -EOVERFLOW);
	/* bytes_used beyond the buffer */
	cr_assert_eq(read_all(b, used - 1), -EOVERFLOW);
	cr_assert(strstr(sdi8k_last_error(), "bytes_used"), "%s", sdi8k_last_error());
	memcpy(x, b, used);
	x[0] ^= 1;
	cr_assert_eq(read_all(x, used), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "magic"), "%s", sdi8k_last_error());
	memcpy(x, b, used);
	x[4] = 2;
	cr_assert_eq(read_all(x, used), -EPROTO);
	memcpy(x, b, used);
	x[6] = 30;	/* header size */
	cr_assert_eq(read_all(x, used), -EPROTO);
	memcpy(x, b, used);
	x[28] = 1;	/* reserved */
	cr_assert_eq(read_all(x, used), -EPROTO);
	memcpy(x, b, used);
	anc_put32(x + 12, 0xffffffff);	/* packet_count */
	cr_assert_eq(read_all(x, used), -EOVERFLOW);
	memcpy(x, b, used);
	anc_put32(x + 16, 31);		/* bytes_used below the header */
	cr_assert_eq(read_all(x, used), -EOVERFLOW);
}

Test(meta, malformed_records)
{
	uint8_t b[BUFSZ], x[BUFSZ];
	size_t used = full_frame(b);
	size_t rec0 = 32, rec4 = 32 + 4 * 24;	/* 352 records are 24 bytes */

	/* record size not matching its data count */
	memcpy(x, b, used);
	anc_put16(x + rec0, 28);
	cr_assert_eq(read_all(x, used), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "packet 0"), "%s", sdi8k_last_error());
	/* DC word changed so the record runs past bytes_used */
	memcpy(x, b, used);
	anc_put16(x + rec4 + 12, sdi8k_anc_word(255));
	anc_put16(x + rec4, (16 + 510 + 3) & ~3);
	cr_assert_eq(read_all(x, used), -EOVERFLOW);
	/* bad checksum, bad DID parity, a UDW wider than 10 bits */
	memcpy(x, b, used);
	x[rec4 + 14] ^= 1;
	cr_assert_eq(read_all(x, used), -EBADMSG);
	cr_assert(strstr(sdi8k_last_error(), "packet 4"), "%s", sdi8k_last_error());
	cr_assert(strstr(sdi8k_last_error(), "checksum"), "%s", sdi8k_last_error());
	memcpy(x, b, used);
	x[rec0 + 9] ^= 1;
	cr_assert_eq(read_all(x, used), -EBADMSG);
	memcpy(x, b, used);
	x[rec4 + 17] |= 0x80;
	cr_assert_eq(read_all(x, used), -EPROTO);
	/* one packet fewer than the records: bytes left over */
	memcpy(x, b, used);
	anc_put32(x + 12, 6);
	cr_assert_eq(read_all(x, used), -EPROTO);
	cr_assert(strstr(sdi8k_last_error(), "left after"), "%s", sdi8k_last_error());
	/* one packet more than the records */
	memcpy(x, b, used);
	anc_put32(x + 12, 8);
	memset(x + used, 0, 16);
	cr_assert_eq(read_all(x, used), -EOVERFLOW);
	/* bytes_used cutting the last record */
	memcpy(x, b, used);
	anc_put32(x + 16, (uint32_t)used - 4);
	cr_assert_eq(read_all(x, used), -EOVERFLOW);

	/* the HDR state refuses the same buffers, leaving *st untouched */
	static struct sdi8k_hdr_state st;

	memset(&st, 0x77, sizeof(st));
	memcpy(x, b, used);
	x[rec4 + 14] ^= 1;
	cr_assert_eq(sdi8k_hdr_state_from_frame(x, used, &st), -EBADMSG);
	cr_assert_eq(st.packets, 0x77777777);
}

Test(meta, unaligned_buffer)
{
	uint8_t b[BUFSZ], x[BUFSZ + 1];
	size_t used = full_frame(b);
	static struct sdi8k_hdr_state st;

	memcpy(x + 1, b, used);
	cr_assert_eq(sdi8k_hdr_state_from_frame(x + 1, used, &st), 0, "%s", sdi8k_last_error());
	cr_assert_eq(st.packets, 7);
}

/*
 * A driver with a longer header (header_size 40: bad_payload at 32, a
 * reserved word at 36): the records start after it; the 32-byte header
 * of older drivers has no bad_payload.
 */
Test(meta, grown_header_bad_payload)
{
	uint8_t b[BUFSZ], g[BUFSZ];
	size_t used = full_frame(b);
	struct sdi8k_anc_frame_info info;
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	struct sdi8k_hdr_state st;
	int n = 0, r;

	cr_assert_eq(sdi8k__anc_frame_bad_payload(b, used), 0);
	memcpy(g, b, 32);
	anc_put32(g + 32, 2);		/* bad_payload */
	anc_put32(g + 36, 0);
	memcpy(g + 40, b + 32, used - 32);
	anc_put16(g + 6, 40);
	anc_put32(g + 16, (uint32_t)used + 8);
	cr_assert_eq(sdi8k_anc_frame_open(g, used + 8, &info, &it), 0, "%s", sdi8k_last_error());
	cr_assert_eq(info.bytes_used, used + 8);
	while ((r = sdi8k_anc_frame_next(&it, &rec)) > 0)
		n++;
	cr_assert_eq(r, 0, "%s", sdi8k_last_error());
	cr_assert_eq(n, 7);
	cr_assert_eq(sdi8k__anc_frame_bad_payload(g, used + 8), 2);
	cr_assert_eq(sdi8k__anc_frame_bad_payload(g, 35), 0, "shorter than the field");
	cr_assert_eq(sdi8k_hdr_state_from_frame(g, used + 8, &st), 0, "%s", sdi8k_last_error());
	cr_assert(st.have & SDI8K_HDR_HAVE_MDCV);
	cr_assert_eq(st.packets, 7);
}

/* the frame's CEA-708 CDP (sdi8k_cdp_from_frame()) */
Test(meta, cdp_of_a_frame)
{
	static uint8_t buf[4096];
	uint16_t w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)], bad[64];
	uint8_t raw[SDI8K_CDP_MAX_SIZE], cdp_bytes[sizeof(vec_cdp)];
	struct sdi8k_cdp c;
	struct anc_buf a;
	size_t n, raw_len = 0, len;

	/* ST 352, then the CDP: found, its bytes as they came */
	n = anc_vec_packet(0x61, 0x01, vec_cdp, sizeof(vec_cdp), w);
	cr_assert_eq(sdi8k_anc_checksum(w, n - 1), w[n - 1]);	/* the codec agrees */
	anc_buf_init(&a, buf, sizeof(buf), 9);
	anc_buf_add(&a, vec_352_2160p5994_pq, 8, 10, 0, 0);
	anc_buf_add(&a, w, n, 9, 0, 0);
	len = anc_buf_finish(&a);
	cr_assert_eq(sdi8k_cdp_from_frame(buf, len, &c, raw, &raw_len), 1, "%s",
		     sdi8k_last_error());
	cr_assert_eq(raw_len, sizeof(vec_cdp));
	cr_assert_arr_eq(raw, vec_cdp, sizeof(vec_cdp));
	cr_assert_eq(c.sequence, 0x1234);
	cr_assert_eq(c.cc[0].data[0], 0xc8);

	/* none */
	anc_buf_init(&a, buf, sizeof(buf), 9);
	anc_buf_add(&a, vec_352_2160p5994_pq, 8, 10, 0, 0);
	len = anc_buf_finish(&a);
	cr_assert_eq(sdi8k_cdp_from_frame(buf, len, &c, NULL, NULL), 0);

	/* a damaged CDP (its checksum): the error names line and link */
	memcpy(cdp_bytes, vec_cdp, sizeof(vec_cdp));
	cdp_bytes[sizeof(cdp_bytes) - 1]++;
	n = anc_vec_packet(0x61, 0x01, cdp_bytes, sizeof(cdp_bytes), bad);
	anc_buf_init(&a, buf, sizeof(buf), 9);
	anc_buf_add(&a, bad, n, 9, 1, 0);
	len = anc_buf_finish(&a);
	raw_len = 77;
	cr_assert_eq(sdi8k_cdp_from_frame(buf, len, &c, raw, &raw_len), -EBADMSG);
	cr_assert_eq(raw_len, 77);
	cr_assert_not_null(strstr(sdi8k_last_error(), "line 9 link 1"), "%s",
			   sdi8k_last_error());

	/* a good CDP, then a record with a bad checksum: the buffer fails */
	n = anc_vec_packet(0x61, 0x01, vec_cdp, sizeof(vec_cdp), w);
	anc_buf_init(&a, buf, sizeof(buf), 9);
	anc_buf_add(&a, w, n, 9, 0, 0);
	w[n - 1] ^= 1;
	anc_buf_add(&a, w, n, 9, 0, 0);
	len = anc_buf_finish(&a);
	cr_assert_lt(sdi8k_cdp_from_frame(buf, len, &c, NULL, NULL), 0);
	cr_assert_eq(sdi8k_cdp_from_frame(NULL, len, &c, NULL, NULL), -EINVAL);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reader of the driver's per-frame ancillary buffers, SDI8K_META_FMT_ANC
 * (kernel/uapi/sdi8k.h, docs/ancillary.md §8). The buffer is untrusted:
 * every field is checked before it is used; nothing is read past
 * bytes_used (itself checked against the buffer's length). Fields are in
 * the CPU's byte order (the driver's); they are read with memcpy, so the
 * buffer needs no alignment.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "anc/internal.h"
#include "uapi/sdi8k.h"
#include "common/error.h"

/* the layout of the driver's uapi header, version 1 */
#define ANC_MAGIC		((uint32_t)SDI8K_ANC_MAGIC)
#define ANC_VERSION		SDI8K_ANC_VERSION
/* the first header (drivers before bad_payload); it may grow */
#define FRAME_HDR_SIZE		offsetof(struct sdi8k_anc_frame, bad_payload)
#define FRAME_BAD_PAYLOAD	offsetof(struct sdi8k_anc_frame, bad_payload)
#define PKT_HDR_SIZE		sizeof(struct sdi8k_anc_packet)

static uint16_t rd16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

SDI8K_API int sdi8k_anc_frame_open(const void *buf, size_t len,
				   struct sdi8k_anc_frame_info *info,
				   struct sdi8k_anc_iter *it)
{
	const uint8_t *b = buf;
	uint32_t magic, used, count;
	uint16_t version, hsize;

	if (!buf || !it)
		return sdi8k__fail(-EINVAL, "sdi8k_anc_frame_open: NULL argument");
	memset(it, 0, sizeof(*it));
	if (len < FRAME_HDR_SIZE)
		return sdi8k__fail(-EOVERFLOW,
				   "ancillary buffer: %zu bytes, shorter than its 32-byte header",
				   len);
	magic = rd32(b);
	version = rd16(b + 4);
	hsize = rd16(b + 6);
	count = rd32(b + 12);
	used = rd32(b + 16);
	if (magic != ANC_MAGIC)
		return sdi8k__fail(-EPROTO,
				   "ancillary buffer: magic 0x%08x, expected 0x%08x (\"S8AN\")",
				   magic, ANC_MAGIC);
	if (version != ANC_VERSION)
		return sdi8k__fail(-EPROTO,
				   "ancillary buffer: version %u, this library reads version %u",
				   version, ANC_VERSION);
	if (hsize < FRAME_HDR_SIZE || hsize % 4)
		return sdi8k__fail(-EPROTO,
				   "ancillary buffer: header size %u, expected a multiple of 4 >= 32",
				   hsize);
	if (used < hsize || used > len)
		return sdi8k__fail(-EOVERFLOW,
				   "ancillary buffer: bytes_used %u outside header size %u .. buffer length %zu",
				   used, hsize, len);
	if (rd32(b + 28) != 0)
		return sdi8k__fail(-EPROTO, "ancillary buffer: reserved field 0x%08x, expected 0",
				   rd32(b + 28));
	if (count > (used - hsize) / PKT_HDR_SIZE)
		return sdi8k__fail(-EOVERFLOW,
				   "ancillary buffer: %u packets cannot fit in %u bytes",
				   count, used);
	if (info) {
		info->sequence = rd32(b + 8);
		info->packet_count = count;
		info->bytes_used = used;
		info->malformed = rd32(b + 20);
		info->overflow = rd32(b + 24);
	}
	it->buf = b;
	it->end = used;
	it->off = hsize;
	it->count = count;
	return 0;
}

uint32_t sdi8k__anc_frame_bad_payload(const void *buf, size_t len)
{
	const uint8_t *b = buf;

	if (!buf || len < FRAME_HDR_SIZE ||
	    rd16(b + 6) < FRAME_BAD_PAYLOAD + 4 || len < FRAME_BAD_PAYLOAD + 4)
		return 0;
	return rd32(b + FRAME_BAD_PAYLOAD);
}

SDI8K_API int sdi8k_anc_frame_next(struct sdi8k_anc_iter *it,
				   struct sdi8k_anc_record *rec)
{
	uint16_t words[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];
	const uint8_t *p;
	size_t left, size, want, i, n;
	int r;

	if (!it || !rec || !it->buf)
		return sdi8k__fail(-EINVAL, "sdi8k_anc_frame_next: NULL argument or iterator not opened");
	if (it->index >= it->count) {
		if (it->off != it->end)
			return sdi8k__fail(-EPROTO,
					   "ancillary buffer: %zu bytes left after the last of %u packets (bytes_used %zu)",
					   it->end - it->off, it->count, it->end);
		return 0;
	}
	left = it->end - it->off;
	if (left < PKT_HDR_SIZE)
		return sdi8k__fail(-EOVERFLOW,
				   "ancillary buffer: packet %u header at byte %zu runs past bytes_used %zu",
				   it->index, it->off, it->end);
	p = it->buf + it->off;
	size = rd16(p);
	n = rd16(p + 12) & 0xff;		/* dc word: udw count */
	want = (PKT_HDR_SIZE + 2 * n + 3) & ~(size_t)3;
	if (size != want)
		return sdi8k__fail(-EPROTO,
				   "ancillary buffer: packet %u at byte %zu: record size %zu, expected %zu for %zu user data words",
				   it->index, it->off, size, want, n);
	if (size > left)
		return sdi8k__fail(-EOVERFLOW,
				   "ancillary buffer: packet %u at byte %zu: record of %zu bytes runs past bytes_used %zu",
				   it->index, it->off, size, it->end);
	words[0] = rd16(p + 8);
	words[1] = rd16(p + 10);
	words[2] = rd16(p + 12);
	for (i = 0; i < n; i++)
		words[3 + i] = rd16(p + PKT_HDR_SIZE + 2 * i);
	words[3 + n] = rd16(p + 14);
	r = sdi8k_anc_decode(words, n + 4, &rec->pkt);
	if (r < 0) {
		char msg[200];

		snprintf(msg, sizeof(msg), "%s", sdi8k_last_error());
		return sdi8k__fail(r, "ancillary buffer: packet %u (line %u): %s",
				   it->index, rd16(p + 2), msg);
	}
	if ((size_t)r != n + 4)	/* a DID..DC looking like an ADF */
		return sdi8k__fail(-EPROTO,
				   "ancillary buffer: packet %u (line %u): starts with an ancillary data flag",
				   it->index, rd16(p + 2));
	rec->line = rd16(p + 2);
	rec->link = p[4];
	rec->stream = p[5];
	rec->flags = rd16(p + 6);
	it->off += size;
	it->index++;
	return 1;
}

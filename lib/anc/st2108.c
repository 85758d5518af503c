// SPDX-License-Identifier: LGPL-2.1-or-later
/* SMPTE ST 2108-1 HDR/WCG metadata frames (docs/ancillary.md §3). */
#include <errno.h>
#include <string.h>

#include <sdi8k/hdr.h>

#include "common/error.h"

/* SEI type and payload size a known frame type must carry (size 0: any,
 * at least 1); false for other types */
static bool known_type(uint8_t type, uint8_t *sei, uint8_t *size)
{
	switch (type) {
	case SDI8K_ST2108_TYPE_MDCV:
		*sei = SDI8K_SEI_MDCV;
		*size = SDI8K_MDCV_SIZE;
		return true;
	case SDI8K_ST2108_TYPE_CLL:
		*sei = SDI8K_SEI_CLL;
		*size = SDI8K_CLL_SIZE;
		return true;
	case SDI8K_ST2108_TYPE_HDR10PLUS:
		*sei = SDI8K_SEI_T35;
		*size = 0;
		return true;
	default:
		return false;
	}
}

SDI8K_API int sdi8k_st2108_parse(const uint8_t *bytes, size_t n,
				 struct sdi8k_st2108_frame *frames, size_t max)
{
	size_t off = 0, count = 0;

	if ((!bytes && n) || (!frames && max))
		return sdi8k__fail(-EINVAL, "sdi8k_st2108_parse: NULL argument");
	while (off < n) {
		uint8_t type, len, sei, size, want_sei, want_size;

		if (n - off < 2)
			return sdi8k__fail(-EOVERFLOW,
					   "ST 2108-1 frame %zu at byte %zu: truncated header (%zu byte left)",
					   count, off, n - off);
		type = bytes[off];
		len = bytes[off + 1];
		if (len < 2)
			return sdi8k__fail(-EPROTO,
					   "ST 2108-1 frame %zu (type 0x%02x): frame length %u, at least 2 (SEI type and size)",
					   count, type, len);
		if (len > n - off - 2)
			return sdi8k__fail(-EOVERFLOW,
					   "ST 2108-1 frame %zu (type 0x%02x): truncated, frame length %u but %zu bytes left",
					   count, type, len, n - off - 2);
		sei = bytes[off + 2];
		size = bytes[off + 3];
		if (size != len - 2)
			return sdi8k__fail(-EPROTO,
					   "ST 2108-1 frame %zu (type 0x%02x): SEI size %u does not match frame length %u - 2",
					   count, type, size, len);
		if (known_type(type, &want_sei, &want_size) &&
		    (sei != want_sei || (want_size ? size != want_size : size == 0)))
			return sdi8k__fail(-EPROTO,
					   "ST 2108-1 frame %zu (type 0x%02x): SEI type %u size %u, expected type %u size %s%u",
					   count, type, sei, size, want_sei,
					   want_size ? "" : ">= ", want_size ? want_size : 1);
		if (count >= max)
			return sdi8k__fail(-ENOSPC,
					   "ST 2108-1 packet: more than %zu frames", max);
		frames[count].frame_type = type;
		frames[count].sei_type = sei;
		frames[count].size = size;
		frames[count].payload = bytes + off + 4;
		count++;
		off += 2 + (size_t)len;
	}
	return (int)count;
}

SDI8K_API int sdi8k_st2108_append(uint8_t *buf, size_t cap, size_t *len,
				  uint8_t frame_type, uint8_t sei_type,
				  const uint8_t *payload, size_t size)
{
	size_t need;

	if (!buf || !len || (!payload && size))
		return sdi8k__fail(-EINVAL, "sdi8k_st2108_append: NULL argument");
	if (size > 253)
		return sdi8k__fail(-EINVAL,
				   "ST 2108-1 frame type 0x%02x: %zu payload bytes, at most 253",
				   frame_type, size);
	need = *len + size + 4;
	if (need > cap || need > SDI8K_ANC_MAX_UDW)
		return sdi8k__fail(-ENOSPC,
				   "ST 2108-1 frame type 0x%02x: %zu bytes needed, buffer %zu, packet at most 255",
				   frame_type, need, cap);
	buf[*len] = frame_type;
	buf[*len + 1] = (uint8_t)(size + 2);
	buf[*len + 2] = sei_type;
	buf[*len + 3] = (uint8_t)size;
	if (size)
		memcpy(buf + *len + 4, payload, size);
	*len = need;
	return 0;
}

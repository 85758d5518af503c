// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: raw bytes as a CEA-708 CDP (ST 334-2). A CDP that
 * decodes encodes to a CDP that decodes to the same content, and that
 * encoding is a fixed point (reserved bits and future sections are the
 * only things encoding drops).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/anc.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[SDI8K_CDP_MAX_SIZE], again[SDI8K_CDP_MAX_SIZE];
	struct sdi8k_cdp c, d;
	int n, m, i;

	if (sdi8k_cdp_decode(data, size, &c) != 0)
		return 0;
	CHECK(size <= SDI8K_CDP_MAX_SIZE);
	n = sdi8k_cdp_encode(&c, out, sizeof(out));
	CHECK(n >= 11 && (size_t)n <= size);
	CHECK(sdi8k_cdp_decode(out, (size_t)n, &d) == 0);
	CHECK(d.sequence == c.sequence && d.frame_rate == c.frame_rate &&
	      d.cc_count == c.cc_count && d.svc_count == c.svc_count &&
	      d.has_timecode == c.has_timecode);
	for (i = 0; i < c.cc_count; i++)
		CHECK(d.cc[i].valid == c.cc[i].valid &&
		      d.cc[i].type == c.cc[i].type &&
		      !memcmp(d.cc[i].data, c.cc[i].data, 2));
	m = sdi8k_cdp_encode(&d, again, sizeof(again));
	CHECK(m == n && !memcmp(out, again, (size_t)n));
	return 0;
}

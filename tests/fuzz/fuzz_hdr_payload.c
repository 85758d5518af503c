// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: raw bytes as an ST 2108-1 payload (frame list), and
 * the same bytes as an ST 2094-40 T.35 payload, an ST 2086 and a MaxCLL
 * payload. Decoded metadata must encode and decode back to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/hdr.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sdi8k_hdr10plus m, m2;
	struct sdi8k_st2108_frame f[SDI8K_ST2108_MAX_FRAMES];
	uint8_t out[SDI8K_HDR10P_MAX_SIZE], rebuilt[SDI8K_ANC_MAX_UDW];
	struct sdi8k_mdcv mdcv;
	struct sdi8k_cll cll;
	size_t len = 0;
	int n, i;

	n = sdi8k_st2108_parse(data, size, f, SDI8K_ST2108_MAX_FRAMES);
	if (n >= 0 && size <= SDI8K_ANC_MAX_UDW) {
		/* frames rebuild the same payload */
		for (i = 0; i < n; i++)
			CHECK(sdi8k_st2108_append(rebuilt, sizeof(rebuilt), &len,
						  f[i].frame_type, f[i].sei_type,
						  f[i].payload, f[i].size) == 0);
		CHECK(len == size && memcmp(rebuilt, data, size) == 0);
	}
	if (sdi8k_hdr10plus_decode(data, size, &m) == 0) {
		int k = sdi8k_hdr10plus_encode(&m, out, sizeof(out));

		CHECK(k > 0 && (size_t)k == size);
		/* equal except padding bits of the last byte */
		CHECK(memcmp(out, data, size - 1) == 0);
		CHECK(sdi8k_hdr10plus_decode(out, (size_t)k, &m2) == 0);
		CHECK(memcmp(&m, &m2, sizeof(m)) == 0);
	}
	if (sdi8k_mdcv_decode(data, size, &mdcv) == 0) {
		CHECK(sdi8k_mdcv_encode(&mdcv, out) == 0);
		CHECK(memcmp(out, data, 24) == 0);
	}
	if (sdi8k_cll_decode(data, size, &cll) == 0) {
		CHECK(sdi8k_cll_encode(&cll, out) == 0);
		CHECK(memcmp(out, data, 4) == 0);
	}
	return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: raw bytes as a driver metadata buffer
 * (SDI8K_META_FMT_ANC): the record reader and the HDR state walker. The
 * two must agree on whether the buffer is well formed and on its packet
 * count.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/hdr.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sdi8k_hdr_state st;
	struct sdi8k_anc_frame_info info;
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	uint32_t count = 0;
	int r, s;

	r = sdi8k_anc_frame_open(data, size, &info, &it);
	while (r == 0 && (r = sdi8k_anc_frame_next(&it, &rec)) > 0) {
		CHECK(rec.pkt.udw_count == (rec.pkt.dc_word & 0xff));
		count++;
		r = 0;
	}
	s = sdi8k_hdr_state_from_frame(data, size, &st);
	CHECK((r == 0) == (s == 0));
	if (r == 0) {
		CHECK(count == info.packet_count);
		CHECK(st.packets == count);
		CHECK(st.unknown + st.malformed <= st.packets + 64 * st.packets);
	}
	return 0;
}

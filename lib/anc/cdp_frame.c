// SPDX-License-Identifier: LGPL-2.1-or-later
/* The CEA-708 CDP of one frame's ancillary buffer (docs/ancillary.md §11). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "common/error.h"

int sdi8k_cdp_from_frame(const void *buf, size_t len, struct sdi8k_cdp *cdp,
			 uint8_t *raw, size_t *raw_len)
{
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	char why[160];
	uint8_t b[SDI8K_ANC_MAX_UDW];
	int r, n;

	if (!buf || !cdp)
		return sdi8k__fail(-EINVAL, "sdi8k_cdp_from_frame: NULL argument");
	r = sdi8k_anc_frame_open(buf, len, NULL, &it);
	if (r < 0)
		return r;
	while ((r = sdi8k_anc_frame_next(&it, &rec)) == 1) {
		if (rec.pkt.did != SDI8K_DID_CAPTION || rec.pkt.sdid != SDI8K_SDID_CDP)
			continue;
		n = sdi8k_anc_udw_bytes(&rec.pkt, b, sizeof(b));
		if (n < 0)
			return n;
		r = sdi8k_cdp_decode(b, (size_t)n, cdp);
		if (r < 0) {
			snprintf(why, sizeof(why), "%s", sdi8k_last_error());
			return sdi8k__fail(r, "line %u link %u: %s", rec.line, rec.link,
					   why);
		}
		if (raw)
			memcpy(raw, b, (size_t)n);
		if (raw_len)
			*raw_len = (size_t)n;
		return 1;
	}
	return r;
}

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
	uint8_t b[SDI8K_ANC_MAX_UDW];
	struct sdi8k_cdp c;
	char why[160];
	int r, n, found = 0, bad = 0;
	size_t found_len = 0;

	if (!buf || !cdp)
		return sdi8k__fail(-EINVAL, "sdi8k_cdp_from_frame: NULL argument");
	r = sdi8k_anc_frame_open(buf, len, NULL, &it);
	if (r < 0)
		return r;
	/* the whole buffer is checked, as sdi8k_hdr_state_from_frame() does */
	while ((r = sdi8k_anc_frame_next(&it, &rec)) == 1) {
		if (found || bad || rec.pkt.did != SDI8K_DID_CAPTION ||
		    rec.pkt.sdid != SDI8K_SDID_CDP)
			continue;
		n = sdi8k_anc_udw_bytes(&rec.pkt, b, sizeof(b));
		if (n >= 0) {
			int d = sdi8k_cdp_decode(b, (size_t)n, &c);

			if (d < 0)
				n = d;
		}
		if (n < 0) {
			snprintf(why, sizeof(why), "line %u link %u: %s", rec.line, rec.link,
				 sdi8k_last_error());
			bad = n;
			continue;
		}
		found = 1;
		found_len = (size_t)n;
		if (raw)
			memcpy(raw, b, found_len);
	}
	if (r < 0)
		return r;
	if (bad)
		return sdi8k__fail(bad, "%s", why);
	if (!found)
		return 0;
	*cdp = c;
	if (raw_len)
		*raw_len = found_len;
	return 1;
}

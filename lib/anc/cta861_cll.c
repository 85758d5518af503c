// SPDX-License-Identifier: LGPL-2.1-or-later
/* CTA-861.3 content light level, MaxCLL / MaxFALL (docs/ancillary.md §5). */
#include <errno.h>

#include <sdi8k/hdr.h>

#include "anc/internal.h"
#include "common/error.h"

SDI8K_API int sdi8k_cll_decode(const uint8_t *p, size_t n, struct sdi8k_cll *out)
{
	if (!p || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_cll_decode: NULL argument");
	if (n != SDI8K_CLL_SIZE)
		return sdi8k__fail(-EPROTO,
				   "content light level (MaxCLL/MaxFALL): %zu bytes, expected 4",
				   n);
	out->max_cll = sdi8k_rd16(p);
	out->max_fall = sdi8k_rd16(p + 2);
	return 0;
}

SDI8K_API int sdi8k_cll_encode(const struct sdi8k_cll *c, uint8_t out[SDI8K_CLL_SIZE])
{
	if (!c || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_cll_encode: NULL argument");
	sdi8k_wr16(out, c->max_cll);
	sdi8k_wr16(out + 2, c->max_fall);
	return 0;
}

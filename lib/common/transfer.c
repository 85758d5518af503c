// SPDX-License-Identifier: LGPL-2.1-or-later
/* Names of transfer functions (<sdi8k/transfer.h>). */
#include <sdi8k/transfer.h>

SDI8K_API const char *sdi8k_transfer_name(enum sdi8k_transfer t)
{
	switch (t) {
	case SDI8K_TF_SDR:
		return "sdr";
	case SDI8K_TF_HLG:
		return "hlg";
	case SDI8K_TF_PQ:
		return "pq";
	case SDI8K_TF_UNSPECIFIED:
		return "unspecified";
	case SDI8K_TF_UNKNOWN:
	default:
		return "unknown";
	}
}

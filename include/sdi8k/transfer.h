/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: the transfer function a signal announces.
 *
 * Shared by the capture API (from the driver's SDI8K_CID_TRANSFER_FUNCTION
 * control) and the ancillary-data parsers (from the ST 352 payload ID).
 * SDR, HLG, PQ and UNSPECIFIED have the values of ST 352's transfer
 * characteristic field (byte 2 bits 5-4) and of the driver's control.
 */
#ifndef SDI8K_TRANSFER_H
#define SDI8K_TRANSFER_H

#include <sdi8k/anc-types.h>
#include <sdi8k/export.h>

SDI8K_BEGIN_DECLS

/* enum sdi8k_transfer (SDI8K_TF_*): <sdi8k/anc-types.h> */

/* "sdr", "hlg", "pq", "unspecified" or "unknown". Static string. */
SDI8K_API const char *sdi8k_transfer_name(enum sdi8k_transfer t);

SDI8K_END_DECLS

#endif /* SDI8K_TRANSFER_H */

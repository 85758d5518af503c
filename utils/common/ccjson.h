/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The caption services a CEA-708 CDP announces, as JSON (sdi8k-capture's
 * --metadata lines and sdi8k-status --json print them alike). */
#ifndef SDI8K_UTILS_CCJSON_H
#define SDI8K_UTILS_CCJSON_H

#include <sdi8k/anc.h>

#include "common/jsonw.h"

/*
 * "services": [{"number", "language", "digital", "service" (digital) or
 * "field" (1, 2)}, ...] of the n entries svc[0..n-1]
 */
void jw_cdp_services(struct jw *j, const struct sdi8k_cdp_service *svc, unsigned n);

#endif

// SPDX-License-Identifier: LGPL-2.1-or-later
/* The caption services a CEA-708 CDP announces, as JSON. */
#include <string.h>

#include "common/ccjson.h"

void jw_cdp_services(struct jw *j, const struct sdi8k_cdp_service *svc, unsigned n)
{
	jw_begin_array(j, "services");
	for (unsigned i = 0; i < n && i < SDI8K_CDP_MAX_SVC; i++) {
		const struct sdi8k_cdp_service *sv = &svc[i];
		char lang[sizeof(sv->language)];

		memcpy(lang, sv->language, sizeof(lang));
		lang[sizeof(lang) - 1] = '\0';
		jw_begin_object(j, NULL);
		jw_uint(j, "number", sv->number);
		jw_string(j, "language", lang);
		jw_bool(j, "digital", sv->digital);
		if (sv->digital)
			jw_uint(j, "service", sv->service);
		else
			jw_uint(j, "field", sv->line21_field + 1u);
		jw_end_object(j);
	}
	jw_end_array(j);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Run-time dispatch: one table of row functions per CPU level, each level
 * starting from the one below and replacing what it has faster versions
 * of. Built once, on first use.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define NLEVEL (SDI8K_CPU_AVX512 + 1)

static struct sdi8k_dsp tables[NLEVEL];
const struct sdi8k_dsp *sdi8k__ctab = &tables[SDI8K_CPU_C];
static char paths[NLEVEL][NFMT][NFMT][72];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A 4:2:0 source line is its 4:2:2 twin's line (convert.c picks the
 * chroma line), so it reuses the twin's functions, except towards 4:2:0
 * outputs, which need the two-line logic. (The packs to 4:2:0 formats,
 * fn[PIVOT][4:2:0], which skip chroma when dst[1] is NULL, are set by
 * each level.) */
static void alias_420(struct sdi8k_dsp *d)
{
	int f, x;

	for (f = 1; f < NFMT; f++) {
		enum sdi8k_pixfmt t = sdi8k__fmt[f].twin422;

		if (t == SDI8K_FMT_NONE)
			continue;
		for (x = 1; x < NFMT; x++)
			if (!sdi8k__fmt[x].c420)
				d->fn[f][x] = d->fn[t][x];
	}
}

static void describe(int l)
{
	const struct sdi8k_dsp *d = &tables[l];
	int s, t;

	for (s = 1; s < NFMT; s++)
		for (t = 1; t < NFMT; t++) {
			char *p = paths[l][s][t];
			size_t n = sizeof(paths[l][s][t]);

			if (!sdi8k_convert_supported((enum sdi8k_pixfmt)s,
						     (enum sdi8k_pixfmt)t))
				continue;
			if (sdi8k__fmt[t].c420 ? d->odd[s][t] != NULL
					       : d->fn[s][t] != NULL)
				snprintf(p, n, "direct %s", d->isa[s][t]);
			else
				snprintf(p, n, "%s>%s %s + %s>%s %s%s",
					 sdi8k__fmt[s].name,
					 sdi8k__fmt[PIVOT].name,
					 d->isa[s][PIVOT],
					 sdi8k__fmt[PIVOT].name,
					 sdi8k__fmt[t].name,
					 d->isa[PIVOT][t],
					 sdi8k__fmt[t].c420 ? " (2 lines)"
							    : "");
		}
}

static void build(void)
{
	enum sdi8k_cpu top = sdi8k_cpu_detected();
	int l, s, t;

	for (l = SDI8K_CPU_C; l <= (int)top; l++) {
		struct sdi8k_dsp *d = &tables[l];

		if (l == SDI8K_CPU_C) {
			sdi8k__dsp_init_c(d);
		} else {
			*d = tables[l - 1];
#if defined(__x86_64__)
			if (l == SDI8K_CPU_SSE41)
				sdi8k__dsp_init_sse41(d);
			else if (l == SDI8K_CPU_AVX2)
				sdi8k__dsp_init_avx2(d);
			else
				sdi8k__dsp_init_avx512(d);
#endif
		}
		alias_420(d);
		for (s = 0; s < NFMT; s++)
			for (t = 0; t < NFMT; t++) {
				int same = l > SDI8K_CPU_C &&
					   tables[l - 1].fn[s][t] == d->fn[s][t] &&
					   tables[l - 1].odd[s][t] == d->odd[s][t];

				d->isa[s][t] = same ? tables[l - 1].isa[s][t]
						    : sdi8k_cpu_name((enum sdi8k_cpu)l);
			}
		describe(l);
	}
}

const struct sdi8k_dsp *sdi8k__dsp(enum sdi8k_cpu level)
{
	pthread_once(&once, build);
	if (level < SDI8K_CPU_C)
		level = SDI8K_CPU_C;
	if (level > sdi8k_cpu_detected())
		level = sdi8k_cpu_detected();
	return &tables[level];
}

SDI8K_API int sdi8k_convert_supported(enum sdi8k_pixfmt src,
				      enum sdi8k_pixfmt dst)
{
	/* every pair; RGB <-> RGB per pixel (row_rgb_c.c), never through
	 * 4:2:2 Y'CbCr */
	return fmt_valid(src) && fmt_valid(dst);
}

SDI8K_API const char *sdi8k_convert_path(enum sdi8k_pixfmt src,
					 enum sdi8k_pixfmt dst,
					 enum sdi8k_cpu cpu)
{
	enum sdi8k_cpu l;

	if (!sdi8k_convert_supported(src, dst) || (int)cpu < 0 ||
	    (int)cpu > SDI8K_CPU_AVX512)
		return NULL;
	l = sdi8k__cpu_effective(cpu);
	sdi8k__dsp(l);
	return paths[l][src][dst];
}

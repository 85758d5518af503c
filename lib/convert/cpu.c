// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Run-time CPU feature detection. The SIMD row functions live in files
 * built with per-file -m flags (row_sse41.c, row_avx2.c, row_avx512.c)
 * and are only called when the CPU and OS support them, so one binary
 * runs on any x86-64. SDI8K_CPU=c|sse41|avx2|avx512 caps the level.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static enum sdi8k_cpu detected = SDI8K_CPU_C, capped = SDI8K_CPU_C;

static const char *const names[] = { "auto", "c", "sse41", "avx2", "avx512" };

static void detect(void)
{
	const char *env;
	int i;

#if defined(__x86_64__) || defined(__i386__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("sse4.1"))
		detected = SDI8K_CPU_SSE41;
	/* libgcc checks XCR0 (OS-enabled YMM/ZMM state) for these. */
	if (detected == SDI8K_CPU_SSE41 && __builtin_cpu_supports("avx2"))
		detected = SDI8K_CPU_AVX2;
	if (detected == SDI8K_CPU_AVX2 && __builtin_cpu_supports("avx512f") &&
	    __builtin_cpu_supports("avx512bw") &&
	    __builtin_cpu_supports("avx512vl"))
		detected = SDI8K_CPU_AVX512;
#endif
	capped = detected;
	env = getenv("SDI8K_CPU");
	if (env && *env)
		for (i = 1; i <= SDI8K_CPU_AVX512; i++)
			if (!strcmp(env, names[i]) && i < (int)capped)
				capped = (enum sdi8k_cpu)i;
}

SDI8K_API enum sdi8k_cpu sdi8k_cpu_detected(void)
{
	pthread_once(&once, detect);
	return detected;
}

SDI8K_API enum sdi8k_cpu sdi8k_cpu_level(void)
{
	pthread_once(&once, detect);
	return capped;
}

enum sdi8k_cpu sdi8k__cpu_effective(enum sdi8k_cpu cap)
{
	enum sdi8k_cpu l = sdi8k_cpu_level();

	if (cap != SDI8K_CPU_AUTO && cap < l)
		l = cap;
	return l;
}

SDI8K_API const char *sdi8k_cpu_name(enum sdi8k_cpu cpu)
{
	if ((int)cpu < 0 || (int)cpu > SDI8K_CPU_AVX512)
		return NULL;
	return names[cpu];
}

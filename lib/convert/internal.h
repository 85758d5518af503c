/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsdi8k conversion internals: format table, row functions, dispatch.
 *
 * Structure (like libyuv):
 *  - row functions convert ONE line of `w` pixels (row_*_c.c per format
 *    family, row_{sse41,avx2,avx512}.c per ISA);
 *  - dsp.c builds one table of row functions per CPU level;
 *  - convert.c checks the frames, walks the lines (directly, or through a
 *    10-bit 4:2:2 planar line) and splits the frame across threads.
 *
 * Every row function has the type row_fn: src/dst hold the line pointers
 * of each plane (for 4:2:0 formats the chroma line of that luma line).
 * The "pivot" format is SDI8K_FMT_YUV422P10 (10-bit samples in the low
 * bits of 16-bit words): fn[X][PIVOT] unpacks X, fn[PIVOT][X] packs X.
 * A pack to a 4:2:0 or semi-planar format writes chroma only when dst[1]
 * is not NULL.
 */
#ifndef SDI8K_CONVERT_INTERNAL_H
#define SDI8K_CONVERT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/convert.h>

#include "common/error.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "libsdi8k's row functions assume a little-endian CPU"
#endif

#define PIVOT SDI8K_FMT_YUV422P10
#define NFMT SDI8K_FMT_COUNT

/* Per-call constants the row functions need. */
struct row_params {
	uint16_t lo, hi;    /* clamp of 10-bit Y'CbCr outputs */
	int32_t cy;         /* RGB: (Y - 64) factor, 16 fractional bits */
	int32_t crv;        /* R from (Cr - 512) */
	int32_t cgu, cgv;   /* G from Cb, Cr (negative) */
	int32_t cbu;        /* B from Cb */
	int32_t rgb_max;    /* 255 or 1023 */
	/* RGB sources: Y, Cb, Cr from R, G, B, 16 fractional bits */
	int32_t iy[3], iu[3], iv[3];
	/* odd line of a fused 4:2:0 pair: the even line's chroma, as P210
	 * chroma words (Cb Cr, 10 bits << 6) */
	const uint8_t *prev;
	/* write the destination with non-temporal stores where aligned */
	int nt;
};

typedef void (*row_fn)(const uint8_t *const src[3], uint8_t *const dst[3],
		       int w, const struct row_params *rp);

struct fmt_info {
	const char *name;
	uint8_t planes;
	uint8_t sample;   /* bytes per sample word: 1, 2 or 4 (alignment) */
	uint8_t c420;     /* chroma planes have ceil(h/2) lines */
	uint8_t rgb;      /* RGB (BGRA, X2RGB10) */
	enum sdi8k_pixfmt twin422; /* 4:2:0 format: its 4:2:2 line twin */
};

extern const struct fmt_info sdi8k__fmt[NFMT];

static inline int fmt_valid(enum sdi8k_pixfmt f)
{
	return (int)f > SDI8K_FMT_NONE && (int)f < SDI8K_FMT_COUNT;
}

/* Minimum stride of a plane for `width` pixels (0 if no such plane). */
size_t sdi8k__min_stride(enum sdi8k_pixfmt f, int plane, uint32_t width);

/*
 * Byte offset of pixel x in a line of plane `plane`; x must be even
 * (a multiple of 6 for V210).
 */
size_t sdi8k__line_offset(enum sdi8k_pixfmt f, int plane, int x);

/* One table of row functions for a CPU level. */
struct sdi8k_dsp {
	row_fn fn[NFMT][NFMT];
	/* dst 4:2:0, fused pair: fn[s][d] writes an even line's luma in d's
	 * format to dst[0] and its chroma as P210 chroma words to dst[1] (a
	 * line buffer); odd[s][d] writes the odd line: its luma, and the
	 * chroma line (dst[1], dst[2]) = (even + odd + 1) >> 1 with the even
	 * line's chroma taken from rp->prev. */
	row_fn odd[NFMT][NFMT];
	const char *isa[NFMT][NFMT];
};

/* Table for a level (SDI8K_CPU_C .. SDI8K_CPU_AVX512, not above what the
 * CPU has). */
const struct sdi8k_dsp *sdi8k__dsp(enum sdi8k_cpu level);

void sdi8k__dsp_init_c(struct sdi8k_dsp *d);
void sdi8k__dsp_init_sse41(struct sdi8k_dsp *d);
void sdi8k__dsp_init_avx2(struct sdi8k_dsp *d);
void sdi8k__dsp_init_avx512(struct sdi8k_dsp *d);

/* The C table (level SDI8K_CPU_C): the SIMD row functions hand the rest
 * of a line (less than one group) to the C function of their slot. Set
 * before any SIMD table is built. */
extern const struct sdi8k_dsp *sdi8k__ctab;

/* The 4:2:2 formats that every other one converts to and from in one
 * fused row function ("direct"), besides the pivot: X(name, FORMAT). */
#define SDI8K_FMT422_LIST(X)                   \
	X(v210, SDI8K_FMT_V210)                \
	X(y210, SDI8K_FMT_Y210)                \
	X(p210, SDI8K_FMT_P210)                \
	X(uyvy, SDI8K_FMT_UYVY)                \
	X(yuyv, SDI8K_FMT_YUYV)                \
	X(nv16, SDI8K_FMT_NV16)
/* the same list, for nesting */
#define SDI8K_FMT422_LIST2(X)                  \
	X(v210, SDI8K_FMT_V210)                \
	X(y210, SDI8K_FMT_Y210)                \
	X(p210, SDI8K_FMT_P210)                \
	X(uyvy, SDI8K_FMT_UYVY)                \
	X(yuyv, SDI8K_FMT_YUYV)                \
	X(nv16, SDI8K_FMT_NV16)

void sdi8k__v210_to_pivot_c(const uint8_t *const s[3], uint8_t *const d[3],
			    int w, const struct row_params *rp);

/* RGB coefficients for a matrix and output depth (8 or 10). */
void sdi8k__rgb_params(struct row_params *rp, enum sdi8k_matrix m, int bits);
/* RGB line -> pivot line from pixel x0 (even) on, the chroma filter
 * using pixel x0 - 1 (the rest of a SIMD row); s, d: whole lines. */
void sdi8k__rgb_to_pivot_from(enum sdi8k_pixfmt f, const uint8_t *const s[3],
			      uint8_t *const d[3], int w, int x0,
			      const struct row_params *rp);
/* The same for RGB sources of `bits` (8 or 10) bits. */
void sdi8k__rgb_in_params(struct row_params *rp, enum sdi8k_matrix m,
			  int bits);

/* Run fn(ctx, i) for i in [0, n) on up to `threads` threads (the caller
 * included), with the persistent pool of pool.c; returns when all are
 * done. */
void sdi8k__pool_run(unsigned n, unsigned threads,
		     void (*fn)(void *ctx, unsigned i), void *ctx);

/* CPU */
enum sdi8k_cpu sdi8k__cpu_effective(enum sdi8k_cpu cap);


/* Testing hook: force the generic (pivot) path when force_generic != 0. */
int sdi8k__convert_ex(const struct sdi8k_frame *src, struct sdi8k_frame *dst,
		      const struct sdi8k_convert_opts *opts, int force_generic);

/* Fully unroll a short constant loop (keeps SIMD arrays in registers). */
#define UNROLL _Pragma("GCC unroll 16")

static inline uint16_t clamp_u16(int v, int lo, int hi)
{
	return (uint16_t)(v < lo ? lo : v > hi ? hi : v);
}

/* 10-bit -> 8-bit: round to nearest, ties up, saturate (swscale packed). */
static inline uint8_t to8(unsigned v)
{
	unsigned r = (v + 2) >> 2;
	return (uint8_t)(r > 255 ? 255 : r);
}

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline void wr16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	       ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#endif /* SDI8K_CONVERT_INTERNAL_H */

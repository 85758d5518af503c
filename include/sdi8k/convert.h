/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k public API: pixel-format conversion.
 *
 * Converts frames between the card's capture formats (v210, Y210, UYVY,
 * YUYV, NV16, P010) and what production software wants (P210, P010,
 * FFmpeg's yuv422p10le / yuv420p10le, UYVY, NV12, NV16, 8-bit BGRA,
 * 10-bit X2RGB10), in both directions: between all Y'CbCr formats,
 * between any Y'CbCr format and RGB, and between the two RGB formats.
 *
 * ---------------------------------------------------------------------------
 * Formats (all multi-byte words are little-endian)
 * ---------------------------------------------------------------------------
 *
 * "Padding" below means samples that a line stores but that carry no pixel
 * (the rest of a partial v210 group, the second luma sample of the last
 * macropixel of a packed 4:2:2 line with an odd width). Padding in a source
 * is ignored; padding in a destination is written as 0.
 *
 * SDI8K_FMT_V210      4:2:2 10-bit packed, 1 plane. 6 pixels in 16 bytes:
 *                     four 32-bit words, samples in bits 0-9, 10-19, 20-29
 *                     (bits 30-31 ignored on input, written 0):
 *                       Cb0 Y0 Cr0 | Y1 Cb2 Y2 | Cr2 Y3 Cb4 | Y4 Cr4 Y5
 *                     Lines are padded to 48 pixels (128 bytes):
 *                       min stride = ALIGN(width, 48) * 8 / 3.
 *                     A partial last group is zero-padded.
 * SDI8K_FMT_Y210      4:2:2 packed, 16-bit words Y0 Cb0 Y1 Cr0, the 10 bits
 *                     in the HIGH bits (value << 6). 1 plane,
 *                     min stride = ALIGN(width, 2) * 4.
 * SDI8K_FMT_P210      4:2:2 semi-planar, 16-bit high-bit words. Plane 0: Y
 *                     (width samples), plane 1: Cb Cr interleaved
 *                     (ceil(width/2) pairs), both `height` lines.
 *                     min strides = width * 2, ALIGN(width, 2) * 2.
 * SDI8K_FMT_P010      4:2:0 semi-planar, as P210 but the CbCr plane has
 *                     ceil(height/2) lines.
 * SDI8K_FMT_YUV422P10 FFmpeg's yuv422p10le: 3 planes Y, Cb, Cr of 16-bit
 *                     words with the 10 bits in the LOW bits (0..1023).
 *                     Chroma planes ceil(width/2) samples wide, `height`
 *                     lines. min strides = width*2, ceil(width/2)*2 (x2).
 *                     Do not mix up with P210/Y210/P010 (high bits).
 * SDI8K_FMT_YUV420P10 FFmpeg's yuv420p10le: as YUV422P10 but chroma planes
 *                     have ceil(height/2) lines.
 * SDI8K_FMT_UYVY      4:2:2 8-bit packed, bytes Cb0 Y0 Cr0 Y1, 1 plane,
 *                     min stride = ALIGN(width, 2) * 2.
 * SDI8K_FMT_YUYV      4:2:2 8-bit packed, bytes Y0 Cb0 Y1 Cr0 (YUY2).
 * SDI8K_FMT_NV16      4:2:2 8-bit semi-planar: plane 0 Y (width bytes),
 *                     plane 1 Cb Cr interleaved, `height` lines.
 * SDI8K_FMT_NV12      4:2:0 8-bit semi-planar: as NV16 with ceil(height/2)
 *                     chroma lines.
 * SDI8K_FMT_BGRA      8-bit RGB, bytes B, G, R, A, 1 plane, min stride =
 *                     width * 4 (FFmpeg bgra, DRM ARGB8888, V4L2
 *                     BGR32/ABGR32 byte order). A is written 255 and
 *                     ignored on input.
 * SDI8K_FMT_X2RGB10   10-bit RGB in one 32-bit little-endian word per pixel:
 *                     B in bits 0-9, G in bits 10-19, R in bits 20-29,
 *                     bits 30-31 (X) = 0. This is DRM XRGB2101010 / V4L2
 *                     and FFmpeg x2rgb10le. min stride = width * 4.
 *                     X is ignored on input.
 *
 * Y'CbCr samples are taken as video ("limited", "narrow") range: 10-bit
 * Y' 64..940 and Cb/Cr 64..960 around 512; 8-bit 16..235 / 16..240
 * around 128. Values outside it are passed through between Y'CbCr formats
 * (nothing is clipped, unless SDI8K_CONVERT_CLIP_SDI is given).
 *
 * ---------------------------------------------------------------------------
 * Sample conversions and rounding
 * ---------------------------------------------------------------------------
 *
 * Every conversion goes through 10-bit samples v = 0..1023 (the same
 * result whether a conversion runs as one fused SIMD row function or
 * through a 10-bit 4:2:2 planar line, at every CPU level; the tests check
 * this bit for bit):
 *  - v210: the 10-bit field as is.
 *  - Y210, P210, P010 (high-bit 16-bit words): v = word >> 6; the low 6
 *    bits of the input are ignored. Output: word = v << 6.
 *  - YUV422P10, YUV420P10 (low-bit words): v = min(word, 1023) (junk in
 *    the top 6 bits saturates rather than wraps). Output: word = v.
 *    v210 -> YUV422P10 gives, bit for bit, what libavcodec's v210 decoder
 *    gives (tested on random frames, including all-ones padding bits).
 *  - With SDI8K_CONVERT_CLIP_SDI, YUV422P10 / Y210 -> V210 gives, bit for
 *    bit, libavcodec's v210 encoder (which always clips to 4..1019).
 *  - 8-bit formats: input v = byte << 2 (16 -> 64, 235 -> 940).
 *    Output byte = min((v + 2) >> 2, 255): rounding to nearest, ties up.
 *    This is exactly what libswscale does for 10-bit -> 8-bit packed
 *    output: v210 -> UYVY / YUYV gives, bit for bit, FFmpeg's v210
 *    decoder followed by swscale yuv422p10le -> uyvy422 / yuyv422 (tested
 *    in tests/unit/test_ffmpeg.c). swscale's *planar* 8-bit outputs
 *    (nv12, nv16) instead add an 8x8 ordered dither for 10-bit sources,
 *    which no plain rounding matches (it differs by at most 1 on about a
 *    quarter of the samples); sdi8k does not dither.
 *
 * 4:2:2 -> 4:2:0 (P010, NV12, YUV420P10 outputs): chroma line k of the
 * output is the average of chroma of input lines 2k and 2k+1, in 10 bits:
 * c = (a + b + 1) >> 1, i.e. chroma sited between the two lines (MPEG-2 /
 * H.264 "left" siting, the default of every 4:2:0 codec). This is the box
 * (area) filter swscale applies with SWS_AREA: v210 -> P010 and
 * v210 -> yuv420p10le give, bit for bit, FFmpeg's v210 decoder followed
 * by swscale (SWS_AREA) yuv422p10le -> p010le / yuv420p10le, for even
 * heights (tested). For 8-bit outputs the 10-bit average is then rounded
 * as above. With an odd height the last chroma line is the chroma of the
 * last line alone (swscale instead resamples h lines to ceil(h/2) with a
 * non-2:1 filter then, so odd heights differ from it).
 *
 * 4:2:0 -> 4:2:2 (P010, NV12, YUV420P10 inputs): each chroma line is
 * used for both luma lines it covers (line replication, no filter), so
 * 4:2:2 -> 4:2:0 -> 4:2:2 -> 4:2:0 is stable.
 *
 * Y'CbCr -> RGB: limited-range Y'CbCr to full-range R'G'B' (0..255 for
 * BGRA, 0..1023 for X2RGB10) with the non-constant-luminance matrix of
 * BT.709 (Kr = 0.2126, Kb = 0.0722) or BT.2020 (Kr = 0.2627, Kb = 0.0593):
 *   Yn = (Y - 64) / 876, Pb = (Cb - 512) / 896, Pr = (Cr - 512) / 896
 *   R = Yn + 2(1-Kr) Pr
 *   G = Yn - (2 Kb (1-Kb) / Kg) Pb - (2 Kr (1-Kr) / Kg) Pr,  Kg = 1-Kr-Kb
 *   B = Yn + 2(1-Kb) Pb
 * evaluated in fixed point (coefficients times (2^N - 1) rounded to 16
 * fractional bits, N = 8 or 10, sum rounded to nearest, clamped). The
 * transfer function is not touched (no linearisation). Chroma is taken
 * from the pixel pair's co-sited sample for both pixels (replication).
 *
 * RGB -> Y'CbCr: the inverse, full-range R'G'B' to limited range:
 *   Y = 64 + 876 (Kr R + Kg G + Kb B) / (2^N - 1)
 *   Cb = 512 + 896 (B - Y') / (2 (1 - Kb)) / (2^N - 1), Y' = Kr R + Kg G + Kb B
 *   Cr = 512 + 896 (R - Y') / (2 (1 - Kr)) / (2^N - 1)
 * (16 fractional bits, rounded to nearest). Chroma is co-sited with the
 * even pixel (as 4:2:2 video is) and filtered [1 2 1] / 4 over pixels
 * 2i-1, 2i, 2i+1 (the first / last pixel repeated past the line's ends)
 * before rounding.
 *
 * RGB -> RGB (BGRA <-> X2RGB10): per pixel, no Y'CbCr in between (so no
 * matrix and no chroma subsampling): each full-range component is scaled
 * by the ratio of the two maxima and rounded to nearest (there are no
 * ties):
 *   8 -> 10 bits: C10 = (C8 * 1023 + 127) / 255    (0 -> 0, 255 -> 1023)
 *   10 -> 8 bits: C8 = (C10 * 255 + 511) / 1023    (0 -> 0, 1023 -> 255)
 * 8 -> 10 -> 8 gives every value back. (Not the 4x / (v + 2) >> 2 of
 * limited-range Y'CbCr, whose 8- and 10-bit ranges are 16..235 and
 * 64..940: full-range white is 255 and 1023.) A is written 255, X 0.
 * BGRA -> BGRA and X2RGB10 -> X2RGB10 copy (A set to 255, X to 0).
 *
 * ---------------------------------------------------------------------------
 * Frames, strides, alignment
 * ---------------------------------------------------------------------------
 *
 * A struct sdi8k_frame names a format, a size and up to 3 planes. Each
 * plane pointer must be valid for stride * plane-lines bytes (the last
 * line only needs its minimum stride). Strides are in bytes and must be at
 * least the minimum stride of the plane (sdi8k_frame_layout()), and
 * positive (lines go down; no bottom-up frames). Plane
 * pointers and strides must be multiples of the sample size: 2 bytes for
 * 16-bit formats, 4 bytes for V210, BGRA and X2RGB10; 1 for 8-bit Y'CbCr.
 * No other alignment is required; 64-byte aligned planes and strides are
 * fastest. Bytes of a destination line past its minimum stride are never
 * written. Source and destination must not overlap.
 *
 * width and height: 1..SDI8K_MAX_DIM. Odd widths are allowed (chroma is
 * ceil(width/2) wide), odd heights for 4:2:0 too (ceil(height/2)).
 *
 * ---------------------------------------------------------------------------
 * Threads, CPU features, thread safety
 * ---------------------------------------------------------------------------
 *
 * sdi8k_convert() splits the frame into horizontal slices of consecutive
 * lines (an even number of lines when either side is 4:2:0; at least 16
 * lines; about 4 per thread, taken by the threads as they come) and runs
 * them on opts->threads threads (0 = one per online CPU; the calling
 * thread is one of them). The other threads come from a pool the library
 * starts on first need and keeps sleeping between calls (no thread is
 * created per frame); a call made while another thread's call is using
 * the pool runs on threads of its own for that call. The pool's threads
 * end when the library is unloaded or the process exits; a fork()ed
 * child starts a pool of its own. Frames under 65536 pixels use the
 * calling thread only. Output is bit-identical for every thread count
 * and every CPU level. At 8K the fused conversions are bound by memory
 * bandwidth, which one core can nearly saturate: extra threads help the
 * compute-heavy conversions (RGB, the generic path) more than the fused
 * ones.
 *
 * The fastest code for the CPU is chosen at run time (x86-64: C, SSE4.1,
 * AVX2, AVX-512 (F+BW+VL)); one binary runs on any x86-64. The level can
 * be capped per call with opts->cpu_cap and process-wide with the
 * environment variable SDI8K_CPU=c|sse41|avx2|avx512 (read once).
 * SIMD row functions exist for: every pair of V210, Y210, P210,
 * YUV422P10, UYVY, YUYV, NV16 (both ways, one fused pass; P010, NV12 and
 * YUV420P10 sources too, their lines being P210, NV16 and YUV422P10
 * lines); V210 -> P010, NV12, YUV420P10 (fused, two lines at a time);
 * YUV422P10 -> P010, NV12, YUV420P10, BGRA, X2RGB10; BGRA, X2RGB10 ->
 * YUV422P10. Other pairs (e.g. Y210 -> P010, any other Y'CbCr <-> RGB)
 * run through a 10-bit 4:2:2 line with these steps; RGB -> RGB is one
 * plain-C pass ("direct c"); sdi8k_convert_path()
 * says how a pair runs. At 8K the fused conversions run at memory speed:
 * see bench/sdi8k-bench-convert.
 *
 * All functions are thread-safe and reentrant: any number of threads may
 * convert at once (into different destinations). The library keeps no
 * state other than the CPU detection, the thread pool and the per-thread
 * message of sdi8k_last_error(). sdi8k_convert() allocates its line
 * buffers once per call (never per line) and never aborts or prints: on
 * error it returns a negative errno and leaves the destination untouched.
 *
 * ---------------------------------------------------------------------------
 * Example: a captured v210 buffer to P010 for an encoder
 * ---------------------------------------------------------------------------
 *
 *   struct sdi8k_frame src, dst;
 *   size_t need = sdi8k_frame_size(SDI8K_FMT_P010, 7680, 4320);
 *   void *p010 = aligned_alloc(64, need);      // need is a multiple of 64
 *   struct sdi8k_convert_opts o = { .threads = 0 };   // all cores, BT.709
 *
 *   sdi8k_frame_init(&src, SDI8K_FMT_V210, 7680, 4320, v210_buf,
 *                    v210_buf_size, 0);             // stride 20480
 *   sdi8k_frame_init(&dst, SDI8K_FMT_P010, 7680, 4320, p010, need, 64);
 *   if (sdi8k_convert(&src, &dst, &o) < 0)
 *           fprintf(stderr, "convert: %s\n", sdi8k_last_error());
 */
#ifndef SDI8K_CONVERT_H
#define SDI8K_CONVERT_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/error.h>
#include <sdi8k/export.h>
#include <sdi8k/version.h>

SDI8K_BEGIN_DECLS

/* Pixel formats; see the top of this file for the layouts. */
enum sdi8k_pixfmt {
	SDI8K_FMT_NONE = 0,
	SDI8K_FMT_V210,
	SDI8K_FMT_Y210,
	SDI8K_FMT_P210,
	SDI8K_FMT_P010,
	SDI8K_FMT_YUV422P10,
	SDI8K_FMT_YUV420P10,
	SDI8K_FMT_UYVY,
	SDI8K_FMT_YUYV,
	SDI8K_FMT_NV16,
	SDI8K_FMT_NV12,
	SDI8K_FMT_BGRA,
	SDI8K_FMT_X2RGB10,
	SDI8K_FMT_COUNT /* number of values, not a format */
};

#define SDI8K_MAX_PLANES 3
/* Largest width and height accepted. */
#define SDI8K_MAX_DIM 32768

/*
 * One frame (or, for a destination, where to put it). Unused plane
 * pointers and strides are ignored. The same struct describes sources
 * (data read only) and destinations.
 */
struct sdi8k_frame {
	enum sdi8k_pixfmt format;
	uint32_t width;
	uint32_t height;
	void *data[SDI8K_MAX_PLANES];
	size_t stride[SDI8K_MAX_PLANES]; /* bytes from one line to the next */
};

/* Y'CbCr <-> RGB matrix (ignored unless one side is RGB). */
enum sdi8k_matrix {
	SDI8K_MATRIX_BT709 = 0,
	SDI8K_MATRIX_BT2020 = 1, /* non-constant luminance */
};

/* CPU feature levels, in increasing order. */
enum sdi8k_cpu {
	SDI8K_CPU_AUTO = 0, /* best the CPU has (after SDI8K_CPU) */
	SDI8K_CPU_C = 1,    /* plain C reference code */
	SDI8K_CPU_SSE41 = 2,
	SDI8K_CPU_AVX2 = 3,
	SDI8K_CPU_AVX512 = 4, /* AVX-512 F, BW and VL */
};

/*
 * Clamp every 10-bit Y'CbCr output sample to 4..1019, keeping the SDI
 * timing-reference codes (0-3, 1020-1023) out of the picture (what
 * FFmpeg's v210 encoder does). Applies to 10-bit outputs (V210, Y210,
 * P210, P010, YUV422P10, YUV420P10); 8-bit outputs never carry them.
 */
#define SDI8K_CONVERT_CLIP_SDI (1u << 0)

/*
 * Destination cache policy. By default a destination frame of
 * SDI8K_STREAM_THRESHOLD bytes or more is written with non-temporal
 * ("streaming") stores, which do not read the destination into the cache
 * first (a third less memory traffic at 8K) and do not evict the rest of
 * the cache; smaller frames, which the next step may still find in the
 * cache, are written normally. STREAM forces streaming stores, NO_STREAM
 * forbids them. Streaming needs the destination planes and strides
 * aligned to the vector size (16/32/64 bytes): lines that are not are
 * written normally. The output is the same either way.
 */
#define SDI8K_CONVERT_STREAM (1u << 1)
#define SDI8K_CONVERT_NO_STREAM (1u << 2)
#define SDI8K_STREAM_THRESHOLD (32u << 20)

/*
 * Options. A NULL pointer is the same as a zero-filled struct: all
 * threads, BT.709, best CPU level, no flags.
 */
struct sdi8k_convert_opts {
	unsigned threads;          /* 0 = one per online CPU, 1 = caller only */
	enum sdi8k_matrix matrix;  /* for RGB sources and destinations */
	enum sdi8k_cpu cpu_cap;    /* SDI8K_CPU_AUTO or highest level to use */
	unsigned flags;            /* SDI8K_CONVERT_* */
	uint32_t reserved[4];      /* must be 0 */
};

/*
 * Convert src into dst. Both frames must have the same width and height.
 * src->format == dst->format is allowed (a copy honouring strides).
 *
 * Returns 0, or a negative errno:
 *   -EINVAL   NULL frame, unknown or unsupported format pair
 *             (sdi8k_convert_supported()), size mismatch or out of range,
 *             NULL plane, stride too small, misaligned plane or stride,
 *             bad matrix/cpu_cap/flags/reserved in opts;
 *   -ENOMEM   a line buffer could not be allocated.
 * On error the destination is untouched and sdi8k_last_error() says why.
 */
SDI8K_API int sdi8k_convert(const struct sdi8k_frame *src,
			    struct sdi8k_frame *dst,
			    const struct sdi8k_convert_opts *opts);

/*
 * 1 if src -> dst is supported, 0 if not. Supported: every pair of
 * formats, both directions, same format included: the Y'CbCr formats
 * among themselves, every Y'CbCr format -> BGRA or X2RGB10 and back, and
 * BGRA <-> X2RGB10 (libsdi8k before this gave 0 for RGB -> RGB). 0 only
 * for a value that is not a format.
 */
SDI8K_API int sdi8k_convert_supported(enum sdi8k_pixfmt src,
				      enum sdi8k_pixfmt dst);

/*
 * How src -> dst will run at CPU level `cpu` (SDI8K_CPU_AUTO = what
 * sdi8k_convert() would pick with cpu_cap AUTO): a static string such as
 * "direct avx512" (one fused SIMD row function) or "v210>yuv422p10 avx2 +
 * yuv422p10>bgra c" (through a 10-bit 4:2:2 line, per step). NULL if the
 * pair is unsupported. For diagnostics and benchmarks.
 */
SDI8K_API const char *sdi8k_convert_path(enum sdi8k_pixfmt src,
					 enum sdi8k_pixfmt dst,
					 enum sdi8k_cpu cpu);

/*
 * Plane geometry of a format: number of planes (1..3), and for each plane
 * the minimum stride for `width` and the number of lines for `height`.
 * Any of the output pointers may be NULL. plane_size[i] = min_stride[i] *
 * lines[i]; *total = sum of plane_size (a tightly packed frame, chroma
 * after luma as the driver lays NV16/P010 out).
 * Returns the number of planes, or -EINVAL (unknown format, width or
 * height 0 or above SDI8K_MAX_DIM). Unused entries are set to 0.
 */
SDI8K_API int sdi8k_frame_layout(enum sdi8k_pixfmt format, uint32_t width,
				 uint32_t height,
				 size_t min_stride[SDI8K_MAX_PLANES],
				 size_t lines[SDI8K_MAX_PLANES],
				 size_t plane_size[SDI8K_MAX_PLANES],
				 size_t *total);

/* Bytes of a tightly packed frame (sum of the planes), 0 if invalid. */
SDI8K_API size_t sdi8k_frame_size(enum sdi8k_pixfmt format, uint32_t width,
				  uint32_t height);

/*
 * Fill *f to describe a tightly packed frame in buf (planes one after the
 * other, minimum strides; `align` > 0 rounds every stride and plane start
 * up to a multiple of align, which must be a power of two). Returns the
 * number of bytes used, or a negative errno: -EINVAL for bad arguments,
 * -ENOSPC if buf_size is too small (nothing is written to *f then). With
 * buf == NULL only computes the size (buf_size ignored, *f not written).
 */
SDI8K_API long long sdi8k_frame_init(struct sdi8k_frame *f,
				     enum sdi8k_pixfmt format,
				     uint32_t width, uint32_t height,
				     void *buf, size_t buf_size, size_t align);

/* Short name of a format: "v210", "yuv422p10le", "p010le", ... or NULL. */
SDI8K_API const char *sdi8k_format_name(enum sdi8k_pixfmt format);

/*
 * Format from a name: the names sdi8k_format_name() returns, FFmpeg's
 * (v210, y210le, p210le, p010le, yuv422p10le, yuv420p10le, uyvy422,
 * yuyv422, nv16, nv12, bgra, x2rgb10le) and short forms (y210, p210, p010,
 * yuv422p10, yuv420p10, uyvy, yuyv, x2rgb10), case-insensitive.
 * SDI8K_FMT_NONE if unknown.
 */
SDI8K_API enum sdi8k_pixfmt sdi8k_format_from_name(const char *name);

/* Number of planes of a format, 0 if unknown. */
SDI8K_API int sdi8k_format_planes(enum sdi8k_pixfmt format);

/*
 * CPU level sdi8k_convert() uses when opts->cpu_cap is AUTO: what the CPU
 * and OS support, capped by SDI8K_CPU. sdi8k_cpu_detected() ignores
 * SDI8K_CPU.
 */
SDI8K_API enum sdi8k_cpu sdi8k_cpu_level(void);
SDI8K_API enum sdi8k_cpu sdi8k_cpu_detected(void);
/* "c", "sse41", "avx2", "avx512" ("auto" for AUTO), or NULL. */
SDI8K_API const char *sdi8k_cpu_name(enum sdi8k_cpu cpu);

SDI8K_END_DECLS

#endif /* SDI8K_CONVERT_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sdi8k-capture's container output: loads the FFmpeg writer module
 * (sdi8k-capture-av.so, utils/avwriter/) and fills its parameters from
 * what libsdi8k knows of the signal: colorimetry, transfer function,
 * HDR10 static metadata, the first frame's time code. Also the x265
 * parameters of the same signal (--print-x265-params).
 */
#ifndef SDI8K_UTILS_CAPTURE_AVOUT_H
#define SDI8K_UTILS_CAPTURE_AVOUT_H

#include <stddef.h>
#include <stdint.h>

#include <sdi8k/capture.h>
#include <sdi8k/status.h>

#include "avwriter/avwriter.h"

/* The module's functions (avout_load()). */
struct avout_lib {
	void *handle;
	int (*open)(struct avw **w, const struct avw_params *p, char *msg, size_t msglen);
	int (*put)(struct avw *w, const uint8_t *const planes[3], const size_t strides[3],
		   int64_t pts, char *msg, size_t msglen);
	int (*put_audio)(struct avw *w, const int32_t *samples, uint32_t frames,
			 int64_t pts, char *msg, size_t msglen);
	int (*put_captions)(struct avw *w, const uint8_t *triplets, size_t n_triplets,
			    int64_t pts, char *msg, size_t msglen);
	int (*put_hdr10plus)(struct avw *w, const uint8_t *t35, size_t n, int64_t pts,
			     char *msg, size_t msglen);
	int (*close)(struct avw *w, char *msg, size_t msglen);
	void (*free)(struct avw *w);
	const char *(*versions)(void);
};

/*
 * Load sdi8k-capture-av.so: $SDI8K_CAPTURE_AV if set, else next to the
 * executable, else in ../libexec/sdi8k/ from it. 0, or -ENOENT with a
 * message saying where it looked and what the loader said.
 */
int avout_load(struct avout_lib *l, char *msg, size_t msglen);
void avout_unload(struct avout_lib *l);

/*
 * The colour description of a signal into p: primaries, transfer
 * (PQ: smpte2084, HLG: arib-std-b67), matrix (ICtCp when encoding says
 * so), range, chroma siting (co-sited: left), and, for a PQ signal, the
 * HDR10 static metadata when st has it (st may be NULL).
 */
void avout_color(struct avw_params *p, const struct sdi8k_color *c,
		 const struct sdi8k_input_status *st);

/*
 * An ST 12 time code as the container's "HH:MM:SS:FF" (';' before FF for
 * drop frame) at rate_num / rate_den frames per second. Above 30 frames/s
 * an ST 12 label covers a pair of frames (frames 0..29, the field mark on
 * the second): FFmpeg counts every frame (0..59), so FF = 2 x label + the
 * field mark.
 */
void avout_timecode(char out[16], const struct sdi8k_timecode *tc,
		    uint32_t rate_num, uint32_t rate_den);

/*
 * The x265 parameters of the signal (for Debian 12's FFmpeg 5.1, whose
 * libx265 wrapper does not take them from the input):
 * "colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:range=limited:
 * master-display=G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min):max-cll=C,F:hdr10=1:
 * hdr10-opt=1:repeat-headers=1". Returns the length (as snprintf).
 */
int avout_x265_params(const struct avw_params *p, char *buf, size_t len);

#endif

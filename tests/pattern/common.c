// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>

#include "common.h"

const struct fmt fmts[] = {
	{ "UYVY", V4L2_PIX_FMT_UYVY, VF_UYVY },
	{ "YUYV", V4L2_PIX_FMT_YUYV, VF_YUYV },
	{ "NV16", V4L2_PIX_FMT_NV16, VF_NV16 },
	{ "P010", V4L2_PIX_FMT_P010, VF_P010 },
	{ "Y210", V4L2_PIX_FMT_Y210, VF_Y210 },
	{ "v210", v4l2_fourcc('v', '2', '1', '0'), VF_V210 },
};

const unsigned int nfmts = sizeof(fmts) / sizeof(fmts[0]);

void sink_write(void *ctx, size_t off, const void *src, size_t len)
{
	struct sink *s = ctx;

	s->calls++;
	if (off > s->size || len > s->size - off) {
		s->bad++;
		return;
	}
	memcpy(s->buf + off, src, len);
	s->bytes += len;
}

void make_geom(const struct fmt *f, unsigned int w, unsigned int h,
	       bool interlaced, unsigned int pad, unsigned int tail,
	       struct sdi8k_pattern_geom *g, struct vf_geom *vg)
{
	char err[160];

	if (vf_geom_init(vg, f->vf, w, h, 0, interlaced, err, sizeof(err)) ||
	    (pad && vf_geom_init(vg, f->vf, w, h, vg->stride + pad,
				 interlaced, err, sizeof(err)))) {
		fprintf(stderr, "make_geom: %s\n", err);
		abort();
	}
	*g = (struct sdi8k_pattern_geom){
		.fourcc = f->fourcc,
		.width = w,
		.height = h,
		.bytesperline = vg->stride,
		.sizeimage = (u32)(vg->frame_size + tail),
		.interlaced = interlaced,
	};
}

void paint(const struct sdi8k_pattern *p, struct sink *s, u64 frame, u64 prev)
{
	s->bytes = 0;
	s->calls = 0;
	sdi8k_pattern_paint(p, frame, prev, sink_write, s);
}

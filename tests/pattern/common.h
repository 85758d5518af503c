/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the pattern tests and tools: the generator built in userspace
 * (kernel/sdi8k-pattern.c through kshim.h) and the checker of
 * tests/tools/verify-frame.c, with a sink that records what was written.
 */
#ifndef SDI8K_PATTERN_TEST_COMMON_H
#define SDI8K_PATTERN_TEST_COMMON_H

#include "sdi8k-pattern.h"
#include "verify-frame.h"

struct fmt {
	const char *name;
	u32 fourcc;
	enum vf_format vf;
};

extern const struct fmt fmts[];
extern const unsigned int nfmts;

/* Memory of one frame; every write() is bounds-checked and counted. */
struct sink {
	u8 *buf;
	size_t size;
	size_t bytes;		/* total bytes written */
	size_t calls;
	size_t bad;		/* writes that ran past size */
};

void sink_write(void *ctx, size_t off, const void *src, size_t len);

/*
 * Geometry as the driver computes it (the format's natural stride) plus
 * @pad bytes per line and @tail bytes after the planes.
 */
void make_geom(const struct fmt *f, unsigned int w, unsigned int h,
	       bool interlaced, unsigned int pad, unsigned int tail,
	       struct sdi8k_pattern_geom *g, struct vf_geom *vg);

/* Paint @frame (from @prev, or SDI8K_PATTERN_FULL) into s->buf. */
void paint(const struct sdi8k_pattern *p, struct sink *s, u64 frame,
	   u64 prev);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k-fwtool: build, inspect and check sdi8k firmware images, and make
 * damaged copies for tests. The image format is kernel/sdi8k-fw.h (shared
 * with the driver, so the two cannot drift) and docs/firmware.md.
 *
 *   sdi8k-fwtool build SOURCE.ini -o IMAGE
 *   sdi8k-fwtool info IMAGE
 *   sdi8k-fwtool verify [--card DEV:SUBDEV:REV] IMAGE
 *   sdi8k-fwtool mutate KIND IMAGE -o OUT
 *   sdi8k-fwtool crc FILE
 *
 * Exit status: 0 on success, 1 when an image is bad or an operation
 * fails, 2 on a usage error. Messages go to stderr as
 * "sdi8k-fwtool: OBJECT: problem".
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* the driver's image check, built here through kshim/ (-I kshim -I kernel) */
#include "kshim.h"
#include "sdi8k-regs.h"
#include "sdi8k-fw.h"

_Static_assert(sizeof(struct sdi8k_fw_header) == 64, "header is 64 bytes");
_Static_assert(sizeof(struct sdi8k_fw_caps) == 32, "caps are 32 bytes");
_Static_assert(sizeof(struct sdi8k_fw_compat) == 8, "compat entry is 8 bytes");

/* What the standard board identifies as. */
#define BOARD_DEVICE	SDI8K_PCI_DEVICE_ID
#define BOARD_SUBDEVICE	SDI8K_PCI_SUBDEVICE_ID

#define PAYLOAD_MARK	"SDI8K-BITSTREAM"

static const char *prog = "sdi8k-fwtool";

static void err(const char *obj, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void err(const char *obj, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", prog, obj);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* the image's CRC-32: zlib's crc32(), as the driver computes it */
static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	return sdi8k_fw_crc(p, n);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/* ---- files ---- */

static int read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		err(path, "cannot open: %s", strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *nb;

			if (cap > (size_t)SDI8K_FW_MAX_SIZE * 2) {
				err(path, "larger than %d bytes: not an image",
				    SDI8K_FW_MAX_SIZE * 2);
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				err(path, "out of memory");
				goto fail;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, cap - len, f);

		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		err(path, "read error: %s", strerror(errno));
		goto fail;
	}
	fclose(f);
	*data = buf;
	*size = len;
	return 0;
fail:
	fclose(f);
	free(buf);
	return -1;
}

/* Write atomically: a temporary file renamed over @path once complete. */
static int write_file(const char *path, const uint8_t *data, size_t size)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp)) {
		err(path, "path too long");
		return -1;
	}
	f = fopen(tmp, "wb");
	if (!f) {
		err(path, "cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	if (fwrite(data, 1, size, f) != size || fflush(f) || fsync(fileno(f))) {
		err(path, "write failed: %s", strerror(errno));
		fclose(f);
		unlink(tmp);
		return -1;
	}
	if (fclose(f)) {
		err(path, "write failed: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (chmod(tmp, 0644) || rename(tmp, path)) {
		err(path, "cannot rename %s into place: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* ---- checking an image (the driver's checks, same order, same words) ---- */

struct image {
	struct sdi8k_fw_info i;	/* header and tables, as the driver reads them */
	uint32_t caps_off, compat_off;
	uint32_t crc_stored, crc_computed;
	bool tables_ok;		/* everything but the CRC was read */
};

/*
 * parse: the structure (the driver's sdi8k_fw_parse(), kernel/
 * sdi8k-fw-image.c) and the CRC. Fills @im and returns 0, or writes the
 * problem to @why and returns -1.
 */
static int parse(const uint8_t *d, size_t n, struct image *im, char *why,
		 size_t wl)
{
	const struct sdi8k_fw_header *h = (const void *)d;
	size_t body_end;

	memset(im, 0, sizeof(*im));
	if (sdi8k_fw_parse(d, n, n, &im->i, why, wl))
		return -1;
	im->caps_off = le32toh(h->caps_offset);
	im->compat_off = le32toh(h->compat_offset);
	im->tables_ok = true;
	body_end = im->i.image_size - SDI8K_FW_CRC_BYTES;
	im->crc_stored = get_le32(d + body_end);
	im->crc_computed = crc32_of(d, body_end);
	if (im->crc_stored != im->crc_computed) {
		snprintf(why, wl,
			 "CRC mismatch: the image says 0x%08x, its contents give 0x%08x (corrupt file)",
			 im->crc_stored, im->crc_computed);
		return -1;
	}
	return 0;
}

/* The driver's policy (sdi8k_fw_suits()): interface, oldest version, board. */
static int suits(const struct image *im, bool card, unsigned int dev,
		 unsigned int sub, unsigned int rev, char *why, size_t wl)
{
	return sdi8k_fw_suits(&im->i, card, dev, sub, rev, why, wl) ? -1 : 0;
}

/* ---- the source description ---- */

struct source {
	char name[17];
	uint32_t version, build;
	unsigned int inputs, rate, topologies, min_iface;
	uint32_t pixfmts, features;
	unsigned int ncompat;
	struct { unsigned int dev, sub, min, max; } compat[SDI8K_FW_MAX_COMPAT];
	uint32_t pay_size, seed;
	unsigned int seen;	/* SEEN_* */
};

enum {
	SEEN_NAME = 1 << 0, SEEN_VERSION = 1 << 1, SEEN_BUILD = 1 << 2,
	SEEN_INPUTS = 1 << 3, SEEN_RATE = 1 << 4, SEEN_TOPO = 1 << 5,
	SEEN_PIXFMT = 1 << 6, SEEN_FEAT = 1 << 7, SEEN_IFACE = 1 << 8,
	SEEN_SIZE = 1 << 9, SEEN_SEED = 1 << 10, SEEN_ALL = (1 << 11) - 1,
};

static const char *const seen_names[] = {
	"image.name", "image.version", "image.build", "caps.inputs",
	"caps.max_link_rate", "caps.topologies", "caps.pixel_formats",
	"caps.features", "caps.min_driver_interface", "payload.size",
	"payload.seed",
};

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-' || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* Each space-separated word of @val must be in @names; ORs their bits. */
static bool parse_words(char *val, const char *const *names,
			const unsigned int *bits, size_t n, uint32_t *out,
			char *bad, size_t bl)
{
	char *save = NULL, *w;

	*out = 0;
	for (w = strtok_r(val, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		size_t i;

		if (!strcasecmp(w, "none"))
			continue;
		for (i = 0; i < n && strcasecmp(w, names[i]); i++)
			;
		if (i == n) {
			snprintf(bad, bl, "%s", w);
			return false;
		}
		*out |= bits[i];
	}
	return true;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int source_set(struct source *src, const char *sec, const char *key,
		      char *val, const char *where)
{
	static const char *const topo_names[] = { "single", "dual", "quad-2si", "quad-sqd" };
	static const unsigned int topo_bits[] = {
		SDI8K_FW_TOPO_SINGLE, SDI8K_FW_TOPO_DUAL,
		SDI8K_FW_TOPO_QUAD_2SI, SDI8K_FW_TOPO_QUAD_SQD,
	};
	static const char *const fmt_names[] = { "UYVY", "YUYV", "NV16", "P010", "Y210", "v210" };
	static const unsigned int fmt_bits[] = { 1, 2, 4, 8, 16, 32 };
	static const char *const feat_names[] = { "anc", "hdr", "timecode" };
	static const unsigned int feat_bits[] = {
		SDI8K_FW_FEAT_ANC, SDI8K_FW_FEAT_HDR, SDI8K_FW_FEAT_TIMECODE,
	};
	static const char *const rate_names[] = { "1.5G", "3G", "6G", "12G" };
	unsigned long v, v2;
	char bad[64];
	uint32_t bits;

	if (!strcmp(sec, "image") && !strcmp(key, "name")) {
		size_t i, n = strlen(val);

		if (!n || n > 16) {
			err(where, "image.name must have 1 to 16 characters");
			return -1;
		}
		for (i = 0; i < n; i++)
			if (!isprint((unsigned char)val[i])) {
				err(where, "image.name must be printable ASCII");
				return -1;
			}
		memcpy(src->name, val, n + 1);
		src->seen |= SEEN_NAME;
	} else if (!strcmp(sec, "image") && !strcmp(key, "version")) {
		char *dot = strchr(val, '.');

		if (!dot || (*dot = '\0', !parse_uint(val, 0xffff, &v)) ||
		    !parse_uint(dot + 1, 0xffff, &v2)) {
			err(where, "image.version must be MAJOR.MINOR (0-65535 each)");
			return -1;
		}
		src->version = (uint32_t)(v << 16 | v2);
		src->seen |= SEEN_VERSION;
	} else if (!strcmp(sec, "image") && !strcmp(key, "build")) {
		if (!parse_uint(val, UINT32_MAX, &v)) {
			err(where, "image.build must be a number (0-4294967295)");
			return -1;
		}
		src->build = v;
		src->seen |= SEEN_BUILD;
	} else if (!strcmp(sec, "caps") && !strcmp(key, "inputs")) {
		if (!parse_uint(val, SDI8K_MAX_INPUTS, &v) || !v) {
			err(where, "caps.inputs must be 1 to %d", SDI8K_MAX_INPUTS);
			return -1;
		}
		src->inputs = v;
		src->seen |= SEEN_INPUTS;
	} else if (!strcmp(sec, "caps") && !strcmp(key, "max_link_rate")) {
		for (v = 0; v < 4 && strcasecmp(val, rate_names[v]); v++)
			;
		if (v == 4) {
			err(where, "caps.max_link_rate must be 1.5G, 3G, 6G or 12G, not '%s'", val);
			return -1;
		}
		src->rate = v + 1;
		src->seen |= SEEN_RATE;
	} else if (!strcmp(sec, "caps") && !strcmp(key, "topologies")) {
		if (!parse_words(val, topo_names, topo_bits, 4, &bits, bad, sizeof(bad))) {
			err(where, "caps.topologies: unknown '%s' (single, dual, quad-2si, quad-sqd)", bad);
			return -1;
		}
		src->topologies = bits;
		src->seen |= SEEN_TOPO;
	} else if (!strcmp(sec, "caps") && !strcmp(key, "pixel_formats")) {
		if (!parse_words(val, fmt_names, fmt_bits, 6, &bits, bad, sizeof(bad))) {
			err(where, "caps.pixel_formats: unknown '%s' (UYVY YUYV NV16 P010 Y210 v210)", bad);
			return -1;
		}
		src->pixfmts = bits;
		src->seen |= SEEN_PIXFMT;
	} else if (!strcmp(sec, "caps") && !strcmp(key, "features")) {
		if (!parse_words(val, feat_names, feat_bits, 3, &bits, bad, sizeof(bad))) {
			err(where, "caps.features: unknown '%s' (anc, hdr, timecode or none)", bad);
			return -1;
		}
		src->features = bits;
		src->seen |= SEEN_FEAT;
	} else if (!strcmp(sec, "caps") && !strcmp(key, "min_driver_interface")) {
		if (!parse_uint(val, 0xffff, &v) || !v) {
			err(where, "caps.min_driver_interface must be 1 to 65535");
			return -1;
		}
		src->min_iface = v;
		src->seen |= SEEN_IFACE;
	} else if (!strcmp(sec, "compat") && !strcmp(key, "board")) {
		unsigned int dev, sub, lo, hi;
		int end = 0;

		if (sscanf(val, "%4x:%4x %u-%u%n", &dev, &sub, &lo, &hi, &end) != 4 ||
		    val[end] || lo > hi || hi > 0xffff) {
			err(where, "compat.board must be DEVICE:SUBDEVICE MINREV-MAXREV (hex IDs, e.g. 8d18:0001 1-3)");
			return -1;
		}
		if (src->ncompat == SDI8K_FW_MAX_COMPAT) {
			err(where, "more than %d compat.board lines", SDI8K_FW_MAX_COMPAT);
			return -1;
		}
		src->compat[src->ncompat].dev = dev;
		src->compat[src->ncompat].sub = sub;
		src->compat[src->ncompat].min = lo;
		src->compat[src->ncompat].max = hi;
		src->ncompat++;
	} else if (!strcmp(sec, "payload") && !strcmp(key, "size")) {
		if (!parse_uint(val, SDI8K_FW_MAX_SIZE - SDI8K_FW_BOOT_BYTES, &v) || v < 64) {
			err(where, "payload.size must be 64 to %d bytes",
			    SDI8K_FW_MAX_SIZE - SDI8K_FW_BOOT_BYTES);
			return -1;
		}
		src->pay_size = v;
		src->seen |= SEEN_SIZE;
	} else if (!strcmp(sec, "payload") && !strcmp(key, "seed")) {
		if (!parse_uint(val, UINT32_MAX, &v)) {
			err(where, "payload.seed must be a 32-bit number");
			return -1;
		}
		src->seed = v;
		src->seen |= SEEN_SEED;
	} else {
		err(where, "unknown key '%s' in section [%s]", key, sec);
		return -1;
	}
	return 0;
}

static int read_source(const char *path, struct source *src)
{
	char line[512], sec[32] = "", where[PATH_MAX + 32];
	unsigned int lineno = 0, i;
	FILE *f = fopen(path, "r");
	int ret = 0;

	memset(src, 0, sizeof(*src));
	if (!f) {
		err(path, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		char *s, *eq, *hash;

		lineno++;
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		if (!strchr(line, '\n') && !feof(f)) {
			err(where, "line too long");
			ret = -1;
			break;
		}
		hash = strpbrk(line, "#;");
		if (hash)
			*hash = '\0';
		s = trim(line);
		if (!*s)
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');

			if (!close || close[1] || close - s - 1 >= (long)sizeof(sec)) {
				err(where, "bad section header");
				ret = -1;
				break;
			}
			*close = '\0';
			snprintf(sec, sizeof(sec), "%s", s + 1);
			if (strcmp(sec, "image") && strcmp(sec, "caps") &&
			    strcmp(sec, "compat") && strcmp(sec, "payload")) {
				err(where, "unknown section [%s] (image, caps, compat, payload)", sec);
				ret = -1;
			}
			continue;
		}
		eq = strchr(s, '=');
		if (!eq || !*sec) {
			err(where, "expected KEY = VALUE inside a [section]");
			ret = -1;
			break;
		}
		*eq = '\0';
		ret = source_set(src, sec, trim(s), trim(eq + 1), where);
	}
	if (!ret && ferror(f)) {
		err(path, "read error: %s", strerror(errno));
		ret = -1;
	}
	fclose(f);
	if (ret)
		return -1;
	for (i = 0; i < sizeof(seen_names) / sizeof(seen_names[0]); i++)
		if (!(src->seen & (1u << i))) {
			err(path, "missing %s", seen_names[i]);
			return -1;
		}
	if (!src->ncompat) {
		err(path, "missing compat.board (the boards the image runs on)");
		return -1;
	}
	if (!(src->topologies & SDI8K_FW_TOPO_SINGLE)) {
		err(path, "caps.topologies must include single");
		return -1;
	}
	if (!src->pixfmts) {
		err(path, "caps.pixel_formats must name at least one format");
		return -1;
	}
	return 0;
}

/* The stand-in bitstream: a marker, then a xorshift32 stream from the seed. */
static void make_payload(uint8_t *p, uint32_t size, uint32_t seed)
{
	uint32_t x = seed ? seed : 0x5d18f00du, i;

	for (i = 0; i < size; i++) {
		if (i < sizeof(PAYLOAD_MARK)) {
			p[i] = (uint8_t)PAYLOAD_MARK[i];
			continue;
		}
		if (i % 4 == 0) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
		}
		p[i] = (uint8_t)(x >> (8 * (i % 4)));
	}
}

static int build_image(const struct source *src, uint8_t **out, size_t *out_size)
{
	struct sdi8k_fw_header h = { 0 };
	struct sdi8k_fw_caps c = { 0 };
	uint32_t caps_off = sizeof(h), compat_off = caps_off + sizeof(c);
	uint32_t pay_off = (compat_off + src->ncompat * 8 + 15) & ~15u;
	uint32_t size = pay_off + src->pay_size + SDI8K_FW_CRC_BYTES;
	uint8_t *d = calloc(1, size);
	unsigned int i;

	if (!d) {
		err("build", "out of memory");
		return -1;
	}
	h.magic = htole32(SDI8K_FW_MAGIC);
	h.format = htole16(SDI8K_FW_FORMAT);
	h.header_size = htole16(sizeof(h));
	h.image_size = htole32(size);
	h.fw_version = htole32(src->version);
	h.fw_build = htole32(src->build);
	h.caps_offset = htole32(caps_off);
	h.caps_size = htole32(sizeof(c));
	h.compat_offset = htole32(compat_off);
	h.compat_count = htole32(src->ncompat);
	h.payload_offset = htole32(pay_off);
	h.payload_size = htole32(src->pay_size);
	memcpy(h.name, src->name, strlen(src->name));
	c.inputs = src->inputs;
	c.max_link_rate = src->rate;
	c.topologies = htole16(src->topologies);
	c.pixel_formats = htole32(src->pixfmts);
	c.features = htole32(src->features);
	c.min_driver_iface = htole16(src->min_iface);
	memcpy(d, &h, sizeof(h));
	memcpy(d + caps_off, &c, sizeof(c));
	for (i = 0; i < src->ncompat; i++) {
		struct sdi8k_fw_compat e = {
			.pci_device = htole16(src->compat[i].dev),
			.pci_subdevice = htole16(src->compat[i].sub),
			.hw_min = htole16(src->compat[i].min),
			.hw_max = htole16(src->compat[i].max),
		};

		memcpy(d + compat_off + i * 8, &e, sizeof(e));
	}
	make_payload(d + pay_off, src->pay_size, src->seed);
	put_le32(d + size - 4, crc32_of(d, size - 4));
	*out = d;
	*out_size = size;
	return 0;
}

/* ---- commands ---- */

static int cmd_build(const char *srcpath, const char *outpath)
{
	struct source src;
	struct image im;
	uint8_t *d;
	size_t n;
	char why[256];
	int ret;

	if (read_source(srcpath, &src) || build_image(&src, &d, &n))
		return 1;
	/* what the driver will check, checked here first */
	if (parse(d, n, &im, why, sizeof(why))) {
		err(srcpath, "built a bad image: %s", why);
		free(d);
		return 1;
	}
	ret = write_file(outpath, d, n);
	free(d);
	return ret ? 1 : 0;
}

static void print_words(const char *label, uint32_t bits, const char *const *names,
			unsigned int n)
{
	unsigned int i;
	bool any = false;

	printf("%-22s", label);
	for (i = 0; i < n; i++)
		if (bits & (1u << i)) {
			printf(" %s", names[i]);
			any = true;
		}
	printf("%s\n", any ? "" : " none");
}

static int cmd_info(const char *path)
{
	static const char *const topo[] = { "single", "dual", "quad-2si", "quad-sqd" };
	static const char *const fmts[] = { "UYVY", "YUYV", "NV16", "P010", "Y210", "v210" };
	static const char *const feat[] = { "anc", "hdr", "timecode" };
	static const char *const rates[] = { "?", "1.5G", "3G", "6G", "12G" };
	struct image im;
	uint8_t *d;
	size_t n;
	char why[256];
	unsigned int i;
	int bad;

	if (read_file(path, &d, &n))
		return 1;
	bad = parse(d, n, &im, why, sizeof(why));
	if (bad && !im.tables_ok) {
		err(path, "%s", why);
		free(d);
		return 1;
	}
	printf("%-22s %s\n", "file", path);
	printf("%-22s %s\n", "name", im.i.name);
	printf("%-22s %u.%u build %u\n", "version", im.i.version >> 16,
	       im.i.version & 0xffff, im.i.build);
	printf("%-22s %u (header %zu bytes)\n", "format", SDI8K_FW_FORMAT,
	       sizeof(struct sdi8k_fw_header));
	printf("%-22s %u bytes\n", "image size", im.i.image_size);
	printf("%-22s %u\n", "inputs", im.i.inputs);
	printf("%-22s %s\n", "max link rate", rates[im.i.max_link_rate]);
	print_words("topologies", im.i.topologies, topo, 4);
	print_words("pixel formats", im.i.pixel_formats, fmts, 6);
	print_words("features", im.i.features, feat, 3);
	printf("%-22s %u\n", "min driver interface", im.i.min_driver_iface);
	for (i = 0; i < im.i.compat_count; i++)
		printf("%-22s %04x:%04x revision %u-%u\n", i ? "" : "runs on",
		       im.i.compat[i].pci_device, im.i.compat[i].pci_subdevice, im.i.compat[i].hw_min,
		       im.i.compat[i].hw_max);
	printf("%-22s %u bytes at offset %u\n", "payload", im.i.payload_size, im.i.payload_offset);
	printf("%-22s 0x%08x (%s)\n", "crc32", im.crc_stored,
	       im.crc_stored == im.crc_computed ? "ok" : "MISMATCH");
	if (bad)
		err(path, "%s", why);
	free(d);
	return bad ? 1 : 0;
}

static int cmd_verify(const char *path, bool card, unsigned int dev,
		      unsigned int sub, unsigned int rev)
{
	struct image im;
	uint8_t *d;
	size_t n;
	char why[256];
	int bad;

	if (read_file(path, &d, &n))
		return 1;
	bad = parse(d, n, &im, why, sizeof(why)) ||
	      suits(&im, card, dev, sub, rev, why, sizeof(why));
	free(d);
	if (bad) {
		err(path, "%s", why);
		return 1;
	}
	printf("%s: ok: \"%s\" %u.%u build %u, %u inputs\n", path, im.i.name,
	       im.i.version >> 16, im.i.version & 0xffff, im.i.build, im.i.inputs);
	return 0;
}

static const char *const mutations[] = {
	"truncate", "trailing", "bad-magic", "bad-crc", "bad-format",
	"bad-header-size", "bad-caps-offset", "bad-compat-count",
	"bad-payload-offset", "bad-caps", "bad-hardware", "too-old",
	"needs-driver",
};

static int cmd_mutate(const char *kind, const char *in, const char *out)
{
	struct sdi8k_fw_header h;
	struct sdi8k_fw_caps c;
	struct image im;
	uint8_t *d, *nd;
	size_t n;
	char why[256];
	bool recrc = true;
	int ret;

	if (read_file(in, &d, &n))
		return 1;
	if (parse(d, n, &im, why, sizeof(why))) {
		err(in, "not a good image to start from: %s", why);
		free(d);
		return 1;
	}
	memcpy(&h, d, sizeof(h));
	memcpy(&c, d + im.caps_off, sizeof(c));
	if (!strcmp(kind, "truncate")) {
		n /= 2;			/* header intact, the rest half gone */
		recrc = false;
	} else if (!strcmp(kind, "trailing")) {
		nd = realloc(d, n + 4);
		if (!nd) {
			err(in, "out of memory");
			free(d);
			return 1;
		}
		d = nd;
		memset(d + n, 0, 4);
		n += 4;
		recrc = false;
	} else if (!strcmp(kind, "bad-magic")) {
		memcpy(&h.magic, "MZ\x90\x00", 4);
	} else if (!strcmp(kind, "bad-crc")) {
		d[im.i.payload_offset + im.i.payload_size / 2] ^= 0x01;	/* one bit */
		recrc = false;
	} else if (!strcmp(kind, "bad-format")) {
		h.format = htole16(SDI8K_FW_FORMAT + 1);
	} else if (!strcmp(kind, "bad-header-size")) {
		h.header_size = htole16(sizeof(h) - 4);
	} else if (!strcmp(kind, "bad-caps-offset")) {
		h.caps_offset = htole32(0xfffffff0u);	/* wraps: overflow check */
	} else if (!strcmp(kind, "bad-compat-count")) {
		h.compat_count = htole32(0x20000000u);	/* count * 8 wraps */
	} else if (!strcmp(kind, "bad-payload-offset")) {
		h.payload_offset = htole32(im.i.image_size);
	} else if (!strcmp(kind, "bad-caps")) {
		c.inputs = 9;
	} else if (!strcmp(kind, "bad-hardware")) {
		unsigned int i;

		for (i = 0; i < im.i.compat_count; i++) {
			struct sdi8k_fw_compat e;

			memcpy(&e, d + im.compat_off + i * 8, sizeof(e));
			e.hw_min = e.hw_max = htole16(99);
			memcpy(d + im.compat_off + i * 8, &e, sizeof(e));
		}
	} else if (!strcmp(kind, "too-old")) {
		h.fw_version = htole32(SDI8K_FW_MIN_VERSION - 0x10000 + 9);	/* 0.9 */
	} else if (!strcmp(kind, "needs-driver")) {
		c.min_driver_iface = htole16(SDI8K_FW_DRIVER_IFACE + 1);
	} else {
		unsigned int i;

		err(kind, "unknown mutation; one of:");
		for (i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++)
			fprintf(stderr, "  %s\n", mutations[i]);
		free(d);
		return 2;
	}
	if (recrc) {
		memcpy(d, &h, sizeof(h));
		memcpy(d + im.caps_off, &c, sizeof(c));
		put_le32(d + im.i.image_size - 4, crc32_of(d, im.i.image_size - 4));
	}
	ret = write_file(out, d, n);
	free(d);
	return ret ? 1 : 0;
}

static int cmd_crc(const char *path)
{
	uint8_t *d;
	size_t n;

	if (read_file(path, &d, &n))
		return 1;
	printf("%08x\n", crc32_of(d, n));
	free(d);
	return 0;
}

static int usage(FILE *f, int status)
{
	unsigned int i;

	fprintf(f,
		"usage: %s build SOURCE.ini -o IMAGE     build an image from its description\n"
		"       %s info IMAGE                    print header, capabilities, CRC\n"
		"       %s verify [--card DEV:SUB:REV] IMAGE\n"
		"                                       check it as the driver does (exit 1 if bad)\n"
		"       %s mutate KIND IMAGE -o OUT      write a damaged copy, for tests\n"
		"       %s crc FILE                      zlib CRC-32 of FILE\n"
		"mutations:", prog, prog, prog, prog, prog);
	for (i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++)
		fprintf(f, " %s", mutations[i]);
	fprintf(f, "\nFormat: docs/firmware.md. Standard board: --card %04x:%04x:1\n",
		BOARD_DEVICE, BOARD_SUBDEVICE);
	return status;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		return usage(stderr, 2);
	cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help"))
		return usage(stdout, 0);
	if (!strcmp(cmd, "build") && argc == 5 && !strcmp(argv[3], "-o"))
		return cmd_build(argv[2], argv[4]);
	if (!strcmp(cmd, "info") && argc == 3)
		return cmd_info(argv[2]);
	if (!strcmp(cmd, "verify") && argc == 3)
		return cmd_verify(argv[2], false, 0, 0, 0);
	if (!strcmp(cmd, "verify") && argc == 5 && !strcmp(argv[2], "--card")) {
		unsigned int dev, sub, rev;
		int end = 0;

		if (sscanf(argv[3], "%4x:%4x:%u%n", &dev, &sub, &rev, &end) != 3 ||
		    argv[3][end] || rev > 0xffff) {
			err(argv[3], "--card wants DEVICE:SUBDEVICE:REVISION, e.g. 8d18:0001:1");
			return 2;
		}
		return cmd_verify(argv[4], true, dev, sub, rev);
	}
	if (!strcmp(cmd, "mutate") && argc == 6 && !strcmp(argv[4], "-o"))
		return cmd_mutate(argv[2], argv[3], argv[5]);
	if (!strcmp(cmd, "crc") && argc == 3)
		return cmd_crc(argv[2]);
	return usage(stderr, 2);
}

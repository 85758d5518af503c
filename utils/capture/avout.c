// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture: the container writer module and its parameters. */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include "capture/avout.h"

#define AVOUT_MODULE "sdi8k-capture-av.so"

static int try_load(struct avout_lib *l, const char *path, char *why, size_t whylen)
{
	int (*abi)(void);

	l->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!l->handle) {
		snprintf(why, whylen, "%s", dlerror());
		return -ENOENT;
	}
	abi = (int (*)(void))dlsym(l->handle, "avw_abi");
	l->open = (int (*)(struct avw **, const struct avw_params *, char *, size_t))
		dlsym(l->handle, "avw_open");
	l->put = (int (*)(struct avw *, const uint8_t *const[3], const size_t[3], int64_t,
			  char *, size_t))dlsym(l->handle, "avw_put");
	l->put_audio = (int (*)(struct avw *, const int32_t *, uint32_t, int64_t, char *,
				size_t))dlsym(l->handle, "avw_put_audio");
	l->put_captions = (int (*)(struct avw *, const uint8_t *, size_t, int64_t, char *,
				   size_t))dlsym(l->handle, "avw_put_captions");
	l->put_hdr10plus = (int (*)(struct avw *, const uint8_t *, size_t, int64_t, char *,
				    size_t))dlsym(l->handle, "avw_put_hdr10plus");
	l->close = (int (*)(struct avw *, char *, size_t))dlsym(l->handle, "avw_close");
	l->free = (void (*)(struct avw *))dlsym(l->handle, "avw_free");
	l->versions = (const char *(*)(void))dlsym(l->handle, "avw_versions");
	if (!abi || !l->open || !l->put || !l->put_audio || !l->put_captions || !l->put_hdr10plus || !l->close ||
	    !l->free || !l->versions || abi() != AVW_ABI) {
		snprintf(why, whylen, "%s: not the module of this sdi8k-capture (ABI %d, "
			 "want %d)", path, abi ? abi() : -1, AVW_ABI);
		dlclose(l->handle);
		l->handle = NULL;
		return -ENOENT;
	}
	return 0;
}

int avout_load(struct avout_lib *l, char *msg, size_t msglen)
{
	const char *env = getenv("SDI8K_CAPTURE_AV");
	char exe[PATH_MAX], path[PATH_MAX + 64], why[PATH_MAX + 256] = "";
	ssize_t n;
	char *slash;

	memset(l, 0, sizeof(*l));
	if (env && *env) {
		if (!try_load(l, env, why, sizeof(why)))
			return 0;
		snprintf(msg, msglen, "MKV/MOV output needs FFmpeg's libraries through "
			 "SDI8K_CAPTURE_AV=%s: %s", env, why);
		return -ENOENT;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		snprintf(msg, msglen, "MKV/MOV output: cannot find the executable's directory");
		return -ENOENT;
	}
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(path, sizeof(path), "%s/" AVOUT_MODULE, exe);
	if (!access(path, F_OK)) {
		if (!try_load(l, path, why, sizeof(why)))
			return 0;
	} else {
		snprintf(path, sizeof(path), "%s/../libexec/sdi8k/" AVOUT_MODULE, exe);
		if (!access(path, F_OK) && !try_load(l, path, why, sizeof(why)))
			return 0;
		if (!why[0])
			snprintf(why, sizeof(why), "no %s next to %s or in ../libexec/sdi8k/",
				 AVOUT_MODULE, exe);
	}
	snprintf(msg, msglen, "MKV/MOV output needs the FFmpeg writer module "
		 "(libavformat, libavcodec): %s; raw (--raw) and Y4M (-y) need neither",
		 why);
	return -ENOENT;
}

void avout_unload(struct avout_lib *l)
{
	if (l->handle)
		dlclose(l->handle);
	memset(l, 0, sizeof(*l));
}

void avout_color(struct avw_params *p, const struct sdi8k_color *c,
		 const struct sdi8k_input_status *st)
{
	int bt2020 = c->colorspace == V4L2_COLORSPACE_BT2020;

	switch (c->colorspace) {
	case V4L2_COLORSPACE_BT2020:
		p->primaries = AVW_PRI_BT2020;
		break;
	case V4L2_COLORSPACE_REC709:
		p->primaries = AVW_PRI_BT709;
		break;
	case V4L2_COLORSPACE_SMPTE170M:
		p->primaries = AVW_PRI_SMPTE170M;
		break;
	default:
		p->primaries = AVW_PRI_UNSPECIFIED;
	}
	switch (c->transfer) {
	case SDI8K_TF_PQ:
		p->transfer = AVW_TRC_SMPTE2084;
		break;
	case SDI8K_TF_HLG:
		p->transfer = AVW_TRC_ARIB_STD_B67;
		break;
	case SDI8K_TF_SDR:
		p->transfer = bt2020 ? AVW_TRC_BT2020_10 :
			c->colorspace == V4L2_COLORSPACE_SMPTE170M ? AVW_TRC_SMPTE170M :
			AVW_TRC_BT709;
		break;
	default:
		p->transfer = AVW_TRC_UNSPECIFIED;
	}
	switch (c->ycbcr_enc) {
	case V4L2_YCBCR_ENC_BT2020:
		p->matrix = AVW_SPC_BT2020_NCL;
		break;
	case V4L2_YCBCR_ENC_BT2020_CONST_LUM:
		p->matrix = AVW_SPC_BT2020_CL;
		break;
	case V4L2_YCBCR_ENC_709:
		p->matrix = AVW_SPC_BT709;
		break;
	case V4L2_YCBCR_ENC_601:
		p->matrix = AVW_SPC_SMPTE170M;
		break;
	default:
		p->matrix = bt2020 ? AVW_SPC_BT2020_NCL :
			c->colorspace == V4L2_COLORSPACE_REC709 ? AVW_SPC_BT709 :
			AVW_SPC_UNSPECIFIED;
	}
	if (st && (st->have & SDI8K_STATUS_HAVE_ENCODING) &&
	    st->encoding == SDI8K_COLOR_ICTCP)
		p->matrix = AVW_SPC_ICTCP;
	p->full_range = c->quantization == V4L2_QUANTIZATION_FULL_RANGE;
	p->chroma_location = AVW_CHROMA_LEFT;
	/* the driver's HDR10 controls keep their values for a while after
	 * a source leaves PQ: only a PQ signal's are taken */
	p->have_mdcv = st && c->transfer == SDI8K_TF_PQ &&
		       (st->have & SDI8K_STATUS_HAVE_MDCV) && st->mdcv.max_luminance;
	if (p->have_mdcv) {
		const struct sdi8k_mdcv *m = &st->mdcv;

		p->mdcv_xy[0] = m->red_x;
		p->mdcv_xy[1] = m->red_y;
		p->mdcv_xy[2] = m->green_x;
		p->mdcv_xy[3] = m->green_y;
		p->mdcv_xy[4] = m->blue_x;
		p->mdcv_xy[5] = m->blue_y;
		p->mdcv_xy[6] = m->white_x;
		p->mdcv_xy[7] = m->white_y;
		p->mdcv_max = m->max_luminance;
		p->mdcv_min = m->min_luminance;
	}
	p->have_cll = st && c->transfer == SDI8K_TF_PQ && (st->have & SDI8K_STATUS_HAVE_CLL) &&
		      (st->cll.max_cll || st->cll.max_fall);
	if (p->have_cll) {
		p->max_cll = st->cll.max_cll;
		p->max_fall = st->cll.max_fall;
	}
}

void avout_timecode(char out[16], const struct sdi8k_timecode *tc,
		    uint32_t rate_num, uint32_t rate_den)
{
	unsigned frames = tc->frames;

	if (rate_den && rate_num > 30u * rate_den + rate_den / 2) {
		bool fam25 = rate_den == 1 && rate_num % 25 == 0;

		frames = frames * 2 + sdi8k_timecode_field_mark(tc, fam25);
	}
	snprintf(out, 16, "%02u:%02u:%02u%c%02u", tc->hours % 100u, tc->minutes % 100u,
		 tc->seconds % 100u, tc->drop_frame ? ';' : ':', frames % 100u);
}

int avout_x265_params(const struct avw_params *p, char *buf, size_t len)
{
	static const char *const pri[] = {
		[AVW_PRI_BT709] = "bt709", [AVW_PRI_SMPTE170M] = "smpte170m",
		[AVW_PRI_BT2020] = "bt2020",
	};
	static const char *const trc[] = {
		[AVW_TRC_BT709] = "bt709", [AVW_TRC_SMPTE170M] = "smpte170m",
		[AVW_TRC_BT2020_10] = "bt2020-10", [AVW_TRC_SMPTE2084] = "smpte2084",
		[AVW_TRC_ARIB_STD_B67] = "arib-std-b67",
	};
	static const char *const spc[] = {
		[AVW_SPC_BT709] = "bt709", [AVW_SPC_SMPTE170M] = "smpte170m",
		[AVW_SPC_BT2020_NCL] = "bt2020nc", [AVW_SPC_BT2020_CL] = "bt2020c",
		[AVW_SPC_ICTCP] = "ictcp",
	};
	char *s;
	size_t sz;
	FILE *fp = open_memstream(&s, &sz);
	int n;

	if (!fp)
		return -ENOMEM;
#define NAME(tab, i) ((i) > 0 && (size_t)(i) < sizeof(tab) / sizeof(tab[0]) && tab[i] ? tab[i] : NULL)
	if (NAME(pri, p->primaries))
		fprintf(fp, ":colorprim=%s", NAME(pri, p->primaries));
	if (NAME(trc, p->transfer))
		fprintf(fp, ":transfer=%s", NAME(trc, p->transfer));
	if (NAME(spc, p->matrix))
		fprintf(fp, ":colormatrix=%s", NAME(spc, p->matrix));
#undef NAME
	fprintf(fp, ":range=%s", p->full_range ? "full" : "limited");
	if (p->chroma_location == AVW_CHROMA_LEFT)
		fprintf(fp, ":chromaloc=0");
	if (p->have_mdcv)	/* x265: G, B, R, white point, L(max,min) */
		fprintf(fp, ":master-display=G(%u,%u)B(%u,%u)R(%u,%u)WP(%u,%u)L(%u,%u)",
			p->mdcv_xy[2], p->mdcv_xy[3], p->mdcv_xy[4], p->mdcv_xy[5],
			p->mdcv_xy[0], p->mdcv_xy[1], p->mdcv_xy[6], p->mdcv_xy[7],
			p->mdcv_max, p->mdcv_min);
	if (p->have_cll)
		fprintf(fp, ":max-cll=%u,%u", p->max_cll, p->max_fall);
	if (p->transfer == AVW_TRC_SMPTE2084)
		fprintf(fp, ":hdr10=1:hdr10-opt=1");
	fprintf(fp, ":repeat-headers=1");
	if (fclose(fp))
		return -ENOMEM;
	n = snprintf(buf, len, "%s", s + 1);	/* without the first ':' */
	free(s);
	return n;
}

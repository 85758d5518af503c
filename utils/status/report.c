// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-status: one input's report as text or JSON. */
#include <inttypes.h>
#include <string.h>
#include <linux/videodev2.h>

#include "common/ccjson.h"
#include "common/jsonw.h"
#include "status/report.h"

static void captions_text(FILE *fp, const struct status_report *r);
static void captions_json(struct jw *j, const struct status_report *r);

char *report_timecode_text(const struct sdi8k_timecode *tc, char *buf, size_t size)
{
	snprintf(buf, size, "%02u:%02u:%02u%c%02u", tc->hours, tc->minutes,
		 tc->seconds, tc->drop_frame ? ';' : ':', tc->frames);
	return buf;
}

const char *report_colorspace_name(uint32_t v)
{
	switch (v) {
	case V4L2_COLORSPACE_DEFAULT: return "default";
	case V4L2_COLORSPACE_SMPTE170M: return "smpte170m";
	case V4L2_COLORSPACE_REC709: return "rec709";
	case V4L2_COLORSPACE_SRGB: return "srgb";
	case V4L2_COLORSPACE_BT2020: return "bt2020";
	case V4L2_COLORSPACE_RAW: return "raw";
	default: return "other";
	}
}

const char *report_xfer_name(uint32_t v)
{
	switch (v) {
	case V4L2_XFER_FUNC_DEFAULT: return "default";
	case V4L2_XFER_FUNC_709: return "709";
	case V4L2_XFER_FUNC_SRGB: return "srgb";
	case V4L2_XFER_FUNC_NONE: return "none";
	case V4L2_XFER_FUNC_SMPTE2084: return "smpte2084";
	default: return "other";
	}
}

const char *report_ycbcr_name(uint32_t v)
{
	switch (v) {
	case V4L2_YCBCR_ENC_DEFAULT: return "default";
	case V4L2_YCBCR_ENC_601: return "601";
	case V4L2_YCBCR_ENC_709: return "709";
	case V4L2_YCBCR_ENC_BT2020: return "bt2020";
	case V4L2_YCBCR_ENC_BT2020_CONST_LUM: return "bt2020c";
	default: return "other";
	}
}

const char *report_quant_name(uint32_t v)
{
	switch (v) {
	case V4L2_QUANTIZATION_DEFAULT: return "default";
	case V4L2_QUANTIZATION_FULL_RANGE: return "full-range";
	case V4L2_QUANTIZATION_LIM_RANGE: return "lim-range";
	default: return "other";
	}
}

static const char *encoding_name(uint32_t e)
{
	return e == SDI8K_COLOR_ICTCP ? "ictcp" : "ycbcr";
}

static const char *scan_name(const struct sdi8k_vpid *v)
{
	if (!v->progressive_transport && !v->progressive_picture)
		return "interlaced";
	return v->progressive_transport ? "progressive" : "psf";
}

static const char *tc_state_name(enum tc_state s)
{
	switch (s) {
	case TC_OK: return "ok";
	case TC_NONE: return "none";
	case TC_BUSY: return "busy";
	case TC_NO_SIGNAL: return "no-signal";
	case TC_ERROR: return "error";
	default: return "not-read";
	}
}

static const char *iface_name(const struct sdi8k_vpid *v)
{
	switch (v->payload_code) {
	case SDI8K_VPID_1080_1G5: return "1.5G";
	case SDI8K_VPID_1080_3GA: return "3G-A";
	case SDI8K_VPID_2160_12G: return "12G";
	case SDI8K_VPID_4320_DL12G: return "2x12G";
	case SDI8K_VPID_4320_QL12G: return "4x12G";
	default: return "unknown";
	}
}

/* chromaticity (0.00002 units) and luminance (0.0001 cd/m²) */
#define CHROMA(v) ((v) * 0.00002)
#define LUM(v) ((v) * 0.0001)

void report_print_text(FILE *fp, const struct status_report *r)
{
	const struct sdi8k_input_status *s = &r->st;
	char b[160];

	fprintf(fp, "%s input %u: %s", r->card_name, r->input, s->node);
	if (r->serial[0])
		fprintf(fp, " (serial %s)", r->serial);
	fputc('\n', fp);
	if (r->read_error) {
		fprintf(fp, "  error:         %s\n", r->note);
		return;
	}
	fprintf(fp, "  signal:        %s", sdi8k_signal_state_name(s->signal));
	if (s->signal == SDI8K_SIGNAL_LOCKED)
		fprintf(fp, " %s (%" PRIu32 "x%" PRIu32 "%s, %.3f Hz frames)",
			sdi8k_raster_name(&s->raster, b, sizeof(b)), s->raster.width,
			s->raster.height, s->raster.interlaced ? " interlaced" : "",
			s->raster.fps_den ? (double)s->raster.fps_num / s->raster.fps_den : 0);
	fputc('\n', fp);
	if (s->have & SDI8K_STATUS_HAVE_VPID)
		fprintf(fp, "  payload ID:    0x%08" PRIx32 " (bytes %02x %02x %02x %02x): %s\n",
			s->payload_id, s->vpid.bytes[0], s->vpid.bytes[1],
			s->vpid.bytes[2], s->vpid.bytes[3],
			sdi8k_status_vpid_text(&s->vpid, b, sizeof(b)));
	else
		fprintf(fp, "  payload ID:    none\n");
	if (s->have & SDI8K_STATUS_HAVE_FORMAT)
		fprintf(fp, "  colorimetry:   colorspace %s, transfer %s, encoding %s%s, %s\n",
			report_colorspace_name(s->colorspace), report_xfer_name(s->xfer_func),
			report_ycbcr_name(s->ycbcr_enc),
			s->encoding == SDI8K_COLOR_ICTCP ? " (ICtCp)" : "",
			report_quant_name(s->quantization));
	fprintf(fp, "  transfer:      %s\n", sdi8k_transfer_name(s->transfer));
	if (s->have & SDI8K_STATUS_HAVE_MDCV) {
		const struct sdi8k_mdcv *m = &s->mdcv;

		fprintf(fp, "  mastering:     R %.4f,%.4f G %.4f,%.4f B %.4f,%.4f "
			"white %.4f,%.4f; %.4g / %.4g cd/m²\n",
			CHROMA(m->red_x), CHROMA(m->red_y), CHROMA(m->green_x),
			CHROMA(m->green_y), CHROMA(m->blue_x), CHROMA(m->blue_y),
			CHROMA(m->white_x), CHROMA(m->white_y),
			LUM(m->max_luminance), LUM(m->min_luminance));
	} else {
		fprintf(fp, "  mastering:     none\n");
	}
	if ((s->have & SDI8K_STATUS_HAVE_CLL) && (s->cll.max_cll || s->cll.max_fall))
		fprintf(fp, "  light level:   MaxCLL %u cd/m², MaxFALL %u cd/m²\n",
			s->cll.max_cll, s->cll.max_fall);
	else
		fprintf(fp, "  light level:   none\n");
	if (s->have & SDI8K_STATUS_HAVE_MALFORMED)
		fprintf(fp, "  malformed:     %" PRId64 " ancillary packets dropped\n",
			s->malformed);
	if (s->have & SDI8K_STATUS_HAVE_BAD_PAYLOAD)
		fprintf(fp, "  bad payload:   %" PRId64 " ancillary packets with an "
			"invalid payload\n", s->bad_payload);
	if (s->have & SDI8K_STATUS_HAVE_OVERFLOW)
		fprintf(fp, "  overflow:      %" PRId64 " ancillary losses for space\n",
			s->anc_overflow);
	if (s->have & SDI8K_STATUS_HAVE_AUDIO) {
		char g[32] = "", np[96] = "";
		unsigned n = 0;

		for (unsigned i = 0; i < 4; i++)
			if (s->audio_groups & (1u << i)) {
				snprintf(g + strlen(g), sizeof(g) - strlen(g), " %u", i + 1);
				n += 4;
			}
		for (unsigned i = 0; i < 16; i++)
			if (s->audio_nonpcm & (1u << i))
				snprintf(np + strlen(np), sizeof(np) - strlen(np), " %u", i + 1);
		if (n)
			fprintf(fp, "  audio:         groups%s (%u channels), non-PCM channels:%s\n",
				g, n, np[0] ? np : " none");
		else
			fprintf(fp, "  audio:         none embedded\n");
		fprintf(fp, "  audio errors:  %" PRIu32 " packets dropped for their checksum, %"
			PRIu32 " for their ECC, %" PRIu32 " samples silenced\n",
			s->audio_checksum_errors, s->audio_ecc_errors, s->audio_silenced);
	}
	switch (r->tc_state) {
	case TC_OK:
		fprintf(fp, "  time code:     %s (frame %" PRIu32 ")\n",
			report_timecode_text(&r->tc, b, sizeof(b)), r->tc_sequence);
		break;
	case TC_NOT_ASKED:
		break;
	case TC_BUSY:
		fprintf(fp, "  time code:     not read: the input is busy (another "
			"process captures it)\n");
		break;
	case TC_NONE:
		fprintf(fp, "  time code:     none in the signal\n");
		break;
	case TC_NO_SIGNAL:
		fprintf(fp, "  time code:     none (no signal)\n");
		break;
	default:
		fprintf(fp, "  time code:     not read: %s\n", r->note);
		break;
	}
	captions_text(fp, r);
}

static void jw_vpid(struct jw *j, const struct sdi8k_input_status *s)
{
	const struct sdi8k_vpid *v = &s->vpid;
	char b[160];

	if (!(s->have & SDI8K_STATUS_HAVE_VPID)) {
		jw_null(j, "payload_id");
		return;
	}
	jw_begin_object(j, "payload_id");
	snprintf(b, sizeof(b), "0x%08" PRIx32, s->payload_id);
	jw_string(j, "hex", b);
	snprintf(b, sizeof(b), "%02x %02x %02x %02x", v->bytes[0], v->bytes[1],
		 v->bytes[2], v->bytes[3]);
	jw_string(j, "bytes", b);
	jw_string(j, "text", sdi8k_status_vpid_text(v, b, sizeof(b)));
	jw_string(j, "interface", iface_name(v));
	jw_uint(j, "links", v->links);
	jw_uint(j, "vpid_width", v->width);
	jw_uint(j, "vpid_height", v->height);
	jw_uint(j, "rate_num", v->rate_num);
	jw_uint(j, "rate_den", v->rate_den);
	jw_string(j, "scan", scan_name(v));
	jw_string(j, "sampling", sdi8k_status_sampling_name(v->sampling));
	jw_uint(j, "bit_depth", v->bit_depth);
	jw_string(j, "vpid_colorimetry", sdi8k_colorimetry_name(v->colorimetry));
	jw_string(j, "vpid_transfer", sdi8k_transfer_name(v->transfer));
	jw_bool(j, "vpid_full_range", v->full_range);
	jw_bool(j, "vpid_ictcp", v->ictcp);
	jw_end_object(j);
}

void report_json(struct jw *j, const struct status_report *r)
{
	const struct sdi8k_input_status *s = &r->st;
	char b[64];

	jw_begin_object(j, NULL);
	jw_string(j, "serial", r->serial);
	jw_string(j, "card_name", r->card_name);
	if (r->card_index >= 0)
		jw_int(j, "card_index", r->card_index);
	else
		jw_null(j, "card_index");
	jw_uint(j, "input", r->input);
	jw_string(j, "node", s->node);
	jw_string(j, "meta_node", r->meta_node);
	if (r->read_error) {
		jw_string(j, "error", r->note);
		jw_end_object(j);
		return;
	}
	jw_string(j, "name", s->name);
	jw_string(j, "signal", sdi8k_signal_state_name(s->signal));
	if (s->signal == SDI8K_SIGNAL_LOCKED) {
		jw_begin_object(j, "raster");
		jw_string(j, "raster_name", sdi8k_raster_name(&s->raster, b, sizeof(b)));
		jw_uint(j, "width", s->raster.width);
		jw_uint(j, "height", s->raster.height);
		jw_bool(j, "interlaced", s->raster.interlaced);
		jw_uint(j, "fps_num", s->raster.fps_num);
		jw_uint(j, "fps_den", s->raster.fps_den);
		jw_end_object(j);
	} else {
		jw_null(j, "raster");
	}
	jw_vpid(j, s);
	if (s->have & SDI8K_STATUS_HAVE_FORMAT) {
		jw_begin_object(j, "colorimetry");
		jw_string(j, "colorspace", report_colorspace_name(s->colorspace));
		jw_string(j, "xfer_func", report_xfer_name(s->xfer_func));
		jw_string(j, "ycbcr_enc", report_ycbcr_name(s->ycbcr_enc));
		jw_string(j, "quantization", report_quant_name(s->quantization));
		if (s->have & (SDI8K_STATUS_HAVE_ENCODING | SDI8K_STATUS_HAVE_VPID))
			jw_string(j, "color_encoding", encoding_name(s->encoding));
		else
			jw_null(j, "color_encoding");
		jw_end_object(j);
	} else {
		jw_null(j, "colorimetry");
	}
	jw_string(j, "transfer", sdi8k_transfer_name(s->transfer));
	jw_begin_object(j, "hdr_static");
	if (s->have & SDI8K_STATUS_HAVE_MDCV) {
		const struct sdi8k_mdcv *m = &s->mdcv;

		jw_begin_object(j, "mastering_display");
		jw_double(j, "red_x", CHROMA(m->red_x), 5);
		jw_double(j, "red_y", CHROMA(m->red_y), 5);
		jw_double(j, "green_x", CHROMA(m->green_x), 5);
		jw_double(j, "green_y", CHROMA(m->green_y), 5);
		jw_double(j, "blue_x", CHROMA(m->blue_x), 5);
		jw_double(j, "blue_y", CHROMA(m->blue_y), 5);
		jw_double(j, "white_x", CHROMA(m->white_x), 5);
		jw_double(j, "white_y", CHROMA(m->white_y), 5);
		jw_double(j, "max_luminance", LUM(m->max_luminance), 4);
		jw_double(j, "min_luminance", LUM(m->min_luminance), 4);
		jw_end_object(j);
	} else {
		jw_null(j, "mastering_display");
	}
	if (s->have & SDI8K_STATUS_HAVE_CLL) {
		jw_uint(j, "max_cll", s->cll.max_cll);
		jw_uint(j, "max_fall", s->cll.max_fall);
	} else {
		jw_null(j, "max_cll");
		jw_null(j, "max_fall");
	}
	jw_end_object(j);
	if (s->have & SDI8K_STATUS_HAVE_MALFORMED)
		jw_int(j, "malformed", s->malformed);
	else
		jw_null(j, "malformed");
	if (s->have & SDI8K_STATUS_HAVE_BAD_PAYLOAD)
		jw_int(j, "bad_payload", s->bad_payload);
	else
		jw_null(j, "bad_payload");
	if (s->have & SDI8K_STATUS_HAVE_OVERFLOW)
		jw_int(j, "overflow", s->anc_overflow);
	else
		jw_null(j, "overflow");
	if (s->have & SDI8K_STATUS_HAVE_AUDIO) {
		jw_begin_object(j, "audio");
		jw_begin_array(j, "groups");
		for (unsigned i = 0; i < 4; i++)
			if (s->audio_groups & (1u << i))
				jw_uint(j, NULL, i + 1);
		jw_end_array(j);
		jw_uint(j, "channels", 4u * (unsigned)__builtin_popcount(s->audio_groups & 0xf));
		jw_begin_array(j, "nonpcm_channels");
		for (unsigned i = 0; i < 16; i++)
			if (s->audio_nonpcm & (1u << i))
				jw_uint(j, NULL, i + 1);
		jw_end_array(j);
		jw_uint(j, "checksum_errors", s->audio_checksum_errors);
		jw_uint(j, "ecc_errors", s->audio_ecc_errors);
		jw_uint(j, "silenced_samples", s->audio_silenced);
		jw_end_object(j);
	} else {
		jw_null(j, "audio");
	}
	jw_begin_object(j, "timecode");
	jw_string(j, "timecode_state", tc_state_name(r->tc_state));
	if (r->tc_state == TC_OK) {
		jw_string(j, "value", report_timecode_text(&r->tc, b, sizeof(b)));
		jw_uint(j, "sequence", r->tc_sequence);
		jw_bool(j, "drop_frame", r->tc.drop_frame);
	} else if (r->tc_state == TC_ERROR) {
		jw_string(j, "reason", r->note);
	}
	jw_end_object(j);
	captions_json(j, r);
	jw_end_object(j);
}

void report_count_captions(struct status_report *rep, int r,
			   const struct sdi8k_cdp *cdp)
{
	unsigned i;

	if (r < 0) {
		rep->cc_errors++;
		return;
	}
	if (r == 0)
		return;
	rep->cc_frames++;
	for (i = 0; cdp->has_ccdata && i < cdp->cc_count && i < SDI8K_CDP_MAX_CC; i++) {
		const struct sdi8k_cc_data *t = &cdp->cc[i];

		if (!sdi8k_cc_has_data(t))
			continue;
		if (t->type <= SDI8K_CC_608_FIELD2)
			rep->cc_608[t->type]++;
		else
			rep->cc_dtvcc++;
	}
	if (cdp->has_svcinfo) {
		rep->cc_svc_count = cdp->svc_count;
		memcpy(rep->cc_svc, cdp->svc, sizeof(rep->cc_svc));
	}
}

/* "CC1 (eng)" / "service 1 (eng)" */
static void svc_name(const struct sdi8k_cdp_service *v, char *b, size_t n)
{
	if (v->digital)
		snprintf(b, n, "service %u (%.3s)", v->service, v->language);
	else
		snprintf(b, n, "608 field %u (%.3s)", v->line21_field + 1u, v->language);
}

static void captions_text(FILE *fp, const struct status_report *r)
{
	char b[64];
	unsigned i;

	if (r->tc_state != TC_OK && r->tc_state != TC_NONE)
		return;
	if (!r->cc_frames && !r->cc_errors) {
		fprintf(fp, "  captions:      none in the signal\n");
		return;
	}
	fprintf(fp, "  captions:      CEA-708 CDP in %u of %u frames", r->cc_frames,
		r->frames_matched);
	if (r->cc_errors)
		fprintf(fp, ", %u damaged", r->cc_errors);
	fprintf(fp, "; data: 608 field 1 %s, field 2 %s, DTVCC %s\n",
		r->cc_608[0] ? "yes" : "no", r->cc_608[1] ? "yes" : "no",
		r->cc_dtvcc ? "yes" : "no");
	if (r->cc_svc_count) {
		fprintf(fp, "  caption services:");
		for (i = 0; i < r->cc_svc_count; i++) {
			svc_name(&r->cc_svc[i], b, sizeof(b));
			fprintf(fp, "%s %s", i ? "," : "", b);
		}
		fprintf(fp, "\n");
	}
}

static void captions_json(struct jw *j, const struct status_report *r)
{
	if (r->tc_state != TC_OK && r->tc_state != TC_NONE) {
		jw_null(j, "captions");
		return;
	}
	jw_begin_object(j, "captions");
	jw_uint(j, "frames", r->frames_matched);
	jw_uint(j, "cdp_frames", r->cc_frames);
	jw_uint(j, "cdp_errors", r->cc_errors);
	jw_bool(j, "cea608_field1", r->cc_608[0] > 0);
	jw_bool(j, "cea608_field2", r->cc_608[1] > 0);
	jw_bool(j, "dtvcc", r->cc_dtvcc > 0);
	jw_cdp_services(j, r->cc_svc, r->cc_svc_count);
	jw_end_object(j);
}

int report_changed(const struct status_report *a, const struct status_report *b)
{
	const struct sdi8k_input_status *x = &a->st, *y = &b->st;

	if (a->read_error != b->read_error || strcmp(a->note, b->note))
		return 1;
	return x->have != y->have || x->signal != y->signal ||
	       memcmp(&x->raster, &y->raster, sizeof(x->raster)) ||
	       x->payload_id != y->payload_id ||
	       x->colorspace != y->colorspace || x->xfer_func != y->xfer_func ||
	       x->ycbcr_enc != y->ycbcr_enc || x->quantization != y->quantization ||
	       x->transfer != y->transfer ||
	       memcmp(&x->mdcv, &y->mdcv, sizeof(x->mdcv)) ||
	       memcmp(&x->cll, &y->cll, sizeof(x->cll)) ||
	       x->malformed != y->malformed || x->bad_payload != y->bad_payload ||
	       x->anc_overflow != y->anc_overflow || x->encoding != y->encoding ||
	       x->audio_groups != y->audio_groups || x->audio_nonpcm != y->audio_nonpcm ||
	       x->audio_checksum_errors != y->audio_checksum_errors ||
	       x->audio_ecc_errors != y->audio_ecc_errors ||
	       x->audio_silenced != y->audio_silenced;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The HDR state of an input from one frame's ancillary buffer: ST 352
 * (transfer function, colorimetry), ST 2108-1 (ST 2086, MaxCLL/MaxFALL,
 * HDR10+) and ST 12-2 ATC time code.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/error.h>
#include <sdi8k/hdr.h>

#include "common/error.h"

/* count a known packet that failed to decode; keep the first message */
static void bad_packet(struct sdi8k_hdr_state *st, const struct sdi8k_anc_record *rec)
{
	if (!st->malformed)
		snprintf(st->error, sizeof(st->error), "line %u link %u: %s",
			 rec->line, rec->link, sdi8k_last_error());
	st->malformed++;
}

static int tc_rank(uint8_t dbb1)
{
	switch (dbb1) {
	case SDI8K_ATC_VITC1:
		return 3;
	case SDI8K_ATC_VITC2:
		return 2;
	case SDI8K_ATC_LTC:
		return 1;
	default:
		return 0;
	}
}

static void st2108(struct sdi8k_hdr_state *st, const struct sdi8k_anc_record *rec,
		   struct sdi8k_hdr10plus *dyn)
{
	struct sdi8k_st2108_frame fr[SDI8K_ST2108_MAX_FRAMES];
	uint8_t bytes[SDI8K_ANC_MAX_UDW];
	int n, i, r;

	n = sdi8k_anc_udw_bytes(&rec->pkt, bytes, sizeof(bytes));
	if (n >= 0)
		n = sdi8k_st2108_parse(bytes, (size_t)n, fr, SDI8K_ST2108_MAX_FRAMES);
	if (n < 0) {
		bad_packet(st, rec);
		return;
	}
	for (i = 0; i < n; i++) {
		switch (fr[i].frame_type) {
		case SDI8K_ST2108_TYPE_MDCV:
			r = sdi8k_mdcv_decode(fr[i].payload, fr[i].size, &st->mdcv);
			if (r == 0)
				st->have |= SDI8K_HDR_HAVE_MDCV;
			break;
		case SDI8K_ST2108_TYPE_CLL:
			r = sdi8k_cll_decode(fr[i].payload, fr[i].size, &st->cll);
			if (r == 0)
				st->have |= SDI8K_HDR_HAVE_CLL;
			break;
		case SDI8K_ST2108_TYPE_HDR10PLUS:
			r = sdi8k_hdr10plus_decode(fr[i].payload, fr[i].size, dyn);
			if (r == 0) {
				st->dynamic = *dyn;
				st->have |= SDI8K_HDR_HAVE_DYNAMIC;
			}
			break;
		default:
			r = 0;
			break;
		}
		if (r < 0)
			bad_packet(st, rec);
	}
}

SDI8K_API int sdi8k_hdr_state_from_frame(const void *buf, size_t len,
					 struct sdi8k_hdr_state *out)
{
	struct sdi8k_anc_frame_info info;
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	struct sdi8k_hdr_state scratch, *st = &scratch;
	struct sdi8k_hdr10plus dyn;
	struct sdi8k_timecode tc;
	int r, best_tc = -1;

	if (!buf || !out)
		return sdi8k__fail(-EINVAL, "sdi8k_hdr_state_from_frame: NULL argument");
	r = sdi8k_anc_frame_open(buf, len, &info, &it);
	if (r < 0)
		return r;
	/* build into a scratch copy so *out is untouched on error */
	memset(st, 0, sizeof(*st));
	st->sequence = info.sequence;
	st->transfer = SDI8K_TF_UNSPECIFIED;
	st->colorimetry = SDI8K_COLORIMETRY_UNKNOWN;
	while ((r = sdi8k_anc_frame_next(&it, &rec)) > 0) {
		const struct sdi8k_anc_packet_data *p = &rec.pkt;

		st->packets++;
		if (p->did == SDI8K_DID_ST352 && p->sdid == SDI8K_SDID_ST352) {
			if (st->have & SDI8K_HDR_HAVE_VPID)
				continue;	/* the first one (link 0) */
			if (rec.link != 0)
				continue;
			if (sdi8k_vpid_from_packet(p, &st->vpid) < 0) {
				bad_packet(st, &rec);
				continue;
			}
			st->have |= SDI8K_HDR_HAVE_VPID;
			st->transfer = st->vpid.transfer;
			st->colorimetry = st->vpid.colorimetry;
		} else if (p->did == SDI8K_DID_ST2108 && p->sdid == SDI8K_SDID_ST2108) {
			st2108(st, &rec, &dyn);
		} else if (p->did == SDI8K_DID_ATC && p->sdid == SDI8K_SDID_ATC) {
			if (sdi8k_atc_decode(p, &tc) < 0) {
				bad_packet(st, &rec);
				continue;
			}
			if (tc_rank(tc.dbb1) > best_tc) {
				best_tc = tc_rank(tc.dbb1);
				st->timecode = tc;
				st->have |= SDI8K_HDR_HAVE_TIMECODE;
			}
		} else {
			st->unknown++;
		}
	}
	if (r < 0)
		return r;
	*out = *st;
	sdi8k__clear_error();
	return 0;
}

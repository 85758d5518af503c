// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-capture --metadata: per-frame ancillary data as JSON lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>
#include <sdi8k/status.h>

#include "capture/sidecar.h"
#include "common/ccjson.h"
#include "common/jsonw.h"

int sidecar_open(struct sidecar *s, const char *video_node, const char *path,
		 char *msg, size_t msglen)
{
	int err;

	memset(s, 0, sizeof(*s));
	s->scc.out.fd = -1;
	err = sdi8k_meta_open(video_node, &s->meta);
	if (err) {
		snprintf(msg, msglen, "the metadata node: %s", sdi8k_last_error());
		return err;
	}
	if (!path)
		return 0;
	err = outfile_open(&s->out, path, msg, msglen);
	if (err) {
		sdi8k_meta_close(s->meta);
		s->meta = NULL;
		return err;
	}
	s->out_open = 1;
	return 0;
}

int sidecar_scc_open(struct sidecar *s, const char *path, char *msg, size_t msglen)
{
	return scc_open(&s->scc, path, msg, msglen);
}

int sidecar_start(struct sidecar *s, char *msg, size_t msglen)
{
	int err = sdi8k_meta_start(s->meta, 16);

	if (err)
		snprintf(msg, msglen, "the metadata node: %s", sdi8k_last_error());
	return err;
}

static void hdr10plus_json(struct jw *j, const struct sdi8k_hdr10plus *d)
{
	const struct sdi8k_hdr10p_window *w = &d->window[0];

	jw_begin_object(j, "hdr10plus");
	jw_uint(j, "application_version", d->application_version);
	jw_uint(j, "windows", d->num_windows);
	jw_uint(j, "targeted_max_luminance", d->targeted_max_luminance);
	jw_begin_array(j, "maxscl");
	for (int i = 0; i < 3; i++)
		jw_uint(j, NULL, w->maxscl[i]);
	jw_end_array(j);
	jw_uint(j, "average_maxrgb", w->average_maxrgb);
	jw_uint(j, "percentiles", w->num_percentiles);
	jw_bool(j, "tone_mapping", w->tone_mapping);
	if (w->tone_mapping) {
		jw_uint(j, "knee_point_x", w->knee_point_x);
		jw_uint(j, "knee_point_y", w->knee_point_y);
		jw_uint(j, "anchors", w->num_anchors);
	}
	jw_end_object(j);
}

static void packets_json(struct jw *j, const struct sdi8k_meta_frame *mf)
{
	struct sdi8k_anc_iter it;
	struct sdi8k_anc_record rec;
	char b[8];
	int r;

	jw_begin_array(j, "packets");
	if (sdi8k_anc_frame_open(mf->data, mf->size, NULL, &it) == 0) {
		while ((r = sdi8k_anc_frame_next(&it, &rec)) == 1) {
			jw_begin_object(j, NULL);
			snprintf(b, sizeof(b), "0x%02x", rec.pkt.did);
			jw_string(j, "did", b);
			snprintf(b, sizeof(b), "0x%02x", rec.pkt.sdid);
			jw_string(j, "sdid", b);
			jw_uint(j, "line", rec.line);
			jw_uint(j, "link", rec.link);
			jw_uint(j, "stream", rec.stream);
			jw_uint(j, "size", rec.pkt.udw_count);
			jw_end_object(j);
		}
	}
	jw_end_array(j);
}

/* the valid, non-null 608 pairs of one field as "9420 9420 94ae" */
static void sidecar_cc608_words(struct jw *j, const char *key, const struct sdi8k_cdp *c,
			uint8_t type)
{
	char b[SDI8K_CDP_MAX_CC * 5 + 1];
	size_t n = 0;

	b[0] = '\0';
	for (unsigned i = 0; c->has_ccdata && i < c->cc_count && i < SDI8K_CDP_MAX_CC; i++) {
		const struct sdi8k_cc_data *cc = &c->cc[i];

		if (cc->type != type || !sdi8k_cc_has_data(cc))
			continue;
		n += (size_t)snprintf(b + n, sizeof(b) - n, "%s%02x%02x", n ? " " : "",
				      cc->data[0], cc->data[1]);
	}
	jw_string(j, key, b);
}

static void sidecar_captions_json(struct jw *j, const struct sdi8k_meta_frame *mf)
{
	struct sdi8k_cdp c;
	unsigned dtvcc = 0;
	int r = sdi8k_cdp_from_frame(mf->data, mf->size, &c, NULL, NULL);

	if (r != 1) {
		jw_null(j, "captions");
		if (r < 0)
			jw_string(j, "captions_error", sdi8k_last_error());
		return;
	}
	jw_begin_object(j, "captions");
	sidecar_cc608_words(j, "cc1", &c, SDI8K_CC_608_FIELD1);
	sidecar_cc608_words(j, "field2", &c, SDI8K_CC_608_FIELD2);
	for (unsigned i = 0; c.has_ccdata && i < c.cc_count && i < SDI8K_CDP_MAX_CC; i++)
		if (c.cc[i].type >= SDI8K_CC_DTVCC_DATA && sdi8k_cc_has_data(&c.cc[i]))
			dtvcc++;
	jw_uint(j, "dtvcc", dtvcc);
	jw_cdp_services(j, c.svc, c.has_svcinfo ? c.svc_count : 0);
	jw_end_object(j);
}

int sidecar_format_line(char **buf, size_t *cap, uint32_t sequence,
			const struct sdi8k_meta_frame *mf)
{
	struct jw j;
	char b[32];
	FILE *fp;
	int len;

	/* open_memstream() allocates a new buffer: the old one goes first */
	free(*buf);
	*buf = NULL;
	*cap = 0;
	fp = open_memstream(buf, cap);
	if (!fp)
		return -ENOMEM;
	jw_init(&j, fp, 0);
	jw_begin_object(&j, NULL);
	jw_uint(&j, "sequence", sequence);
	if (!mf) {
		jw_null(&j, "metadata");
	} else if (mf->parse_error) {
		jw_uint(&j, "timestamp_ns", mf->timestamp_ns);
		jw_string(&j, "error", mf->hdr.error);
	} else {
		const struct sdi8k_hdr_state *h = &mf->hdr;

		jw_uint(&j, "timestamp_ns", mf->timestamp_ns);
		if (h->have & SDI8K_HDR_HAVE_TIMECODE) {
			snprintf(b, sizeof(b), "%02u:%02u:%02u%c%02u",
				 h->timecode.hours, h->timecode.minutes,
				 h->timecode.seconds,
				 h->timecode.drop_frame ? ';' : ':', h->timecode.frames);
			jw_string(&j, "timecode", b);
			/* above 30 frames/s a label covers two frames: the
			 * field mark tells the second (bit 59 at 50p) */
			jw_bool(&j, "field_mark", sdi8k_timecode_field_mark(&h->timecode,
				(h->have & SDI8K_HDR_HAVE_VPID) && h->vpid.rate_den == 1 &&
				h->vpid.rate_num % 25 == 0));
		} else {
			jw_null(&j, "timecode");
		}
		jw_string(&j, "transfer", sdi8k_transfer_name(h->transfer));
		jw_string(&j, "colorimetry", h->have & SDI8K_HDR_HAVE_VPID ?
			    sdi8k_colorimetry_name(h->colorimetry) : NULL);
		if (h->have & SDI8K_HDR_HAVE_DYNAMIC)
			hdr10plus_json(&j, &h->dynamic);
		else
			jw_null(&j, "hdr10plus");
		jw_uint(&j, "malformed", mf->info.malformed);
		jw_uint(&j, "overflow", mf->info.overflow);
		jw_uint(&j, "bad_payload", mf->bad_payload);
		if (h->malformed)
			jw_string(&j, "parse_error", h->error);
		packets_json(&j, mf);
		sidecar_captions_json(&j, mf);
	}
	jw_end_object(&j);
	jw_finish(&j);
	if (fclose(fp))
		return -ENOMEM;
	len = (int)strlen(*buf);
	return len;
}

void sidecar_set_rate(struct sidecar *s, uint32_t rate_num, uint32_t rate_den)
{
	s->rate_num = rate_num;
	s->rate_den = rate_den;
	s->have_wire = s->have_rec = s->have_seq = s->have_count = 0;
	scc_break(&s->scc);
}

/* the time codes of the video frame `sequence` with metadata mf (or NULL) */
static void count_timecodes(struct sidecar *s, uint32_t sequence,
			    const struct sdi8k_meta_frame *mf)
{
	uint32_t step = s->have_seq ? sequence - s->last_seq : 1;

	if (!s->rate_num)
		return;
	if (mf && !mf->parse_error && (mf->hdr.have & SDI8K_HDR_HAVE_TIMECODE) &&
	    !mf->hdr.timecode.tc_invalid) {
		const struct sdi8k_timecode *t = &mf->hdr.timecode;

		gap_tc_init(&s->wire, t->hours, t->minutes, t->seconds, t->frames,
			    sdi8k_timecode_field_mark(t, s->rate_den == 1 &&
						      s->rate_num % 25 == 0),
			    t->drop_frame, s->rate_num, s->rate_den);
		s->have_wire = 1;
	} else if (s->have_wire) {
		gap_tc_add(&s->wire, step);
	}
	if (s->have_rec) {
		gap_tc_add(&s->rec, step);
	} else if (s->have_wire) {
		s->rec = s->wire;
		s->have_rec = 1;
	}
	if (s->have_count) {
		gap_tc_add(&s->count, step);
	} else {
		/* 29.97 and 59.94: drop frame, as SCC files count */
		gap_tc_init(&s->count, 0, 0, 0, 0, 0, s->rate_den == 1001 &&
			    (s->rate_num == 30000 || s->rate_num == 60000),
			    s->rate_num, s->rate_den);
		s->have_count = 1;
	}
	s->last_seq = sequence;
	s->have_seq = 1;
}

/* the line's end: the recording's time code, when counted */
static int write_end(struct sidecar *s, char *msg, size_t msglen)
{
	char b[64], t[16];
	int n;

	if (!s->have_rec)
		return outfile_write(&s->out, "}\n", 2, msg, msglen);
	gap_tc_text_ff(&s->rec, t);
	n = snprintf(b, sizeof(b), ",\"record_timecode\":\"%s\"}\n", t);
	return outfile_write(&s->out, b, (size_t)n, msg, msglen);
}

int sidecar_frame(struct sidecar *s, uint32_t sequence, int timeout_ms,
		  char *msg, size_t msglen)
{
	return sidecar_match(s, sequence, timeout_ms, NULL, msg, msglen);
}

int sidecar_match(struct sidecar *s, uint32_t sequence, int timeout_ms,
		  struct sdi8k_hdr_state *hdr, char *msg, size_t msglen)
{
	const struct sdi8k_meta_frame *match = NULL;
	int err, len = 0;

	for (;;) {
		if (!s->have_pending) {
			err = sdi8k_meta_dequeue(s->meta, &s->pending, timeout_ms);
			if (err == -EINTR)
				continue;
			if (err)
				break;	/* none came: a line without metadata */
			s->have_pending = 1;
		}
		if ((int32_t)(s->pending.sequence - sequence) < 0) {
			/* of a frame that was not written (dropped) */
			sdi8k_meta_release(s->meta, &s->pending);
			s->have_pending = 0;
			continue;
		}
		if (s->pending.sequence == sequence)
			match = &s->pending;
		break;	/* matched, or ahead: kept for the next frame */
	}
	if (!match)
		s->missing++;
	/* a frame dropped before this one ends the caption line */
	if (s->have_seq && sequence - s->last_seq != 1)
		scc_break(&s->scc);
	count_timecodes(s, sequence, match);
	s->h10p_n = 0;
	if (s->want_h10p && match && !match->parse_error &&
	    (match->hdr.have & SDI8K_HDR_HAVE_DYNAMIC)) {
		int n = sdi8k_hdr10plus_encode(&match->hdr.dynamic, s->h10p, sizeof(s->h10p));

		s->h10p_n = n > 0 ? (size_t)n : 0;
	}
	s->cc_n = 0;
	if (s->scc.open || s->want_cc) {
		struct sdi8k_cdp cdp;

		if (match && !match->parse_error &&
		    sdi8k_cdp_from_frame(match->data, match->size, &cdp, NULL, NULL) == 1) {
			if (s->want_cc)
				s->cc_n = scc_cc608_triplets(&cdp, s->cc);
			err = scc_frame(&s->scc, &cdp, s->have_rec ? &s->rec :
					s->have_count ? &s->count : NULL, msg, msglen);
		} else {
			scc_break(&s->scc);	/* missing, malformed or no CDP */
			err = 0;
		}
		if (err) {
			if (match) {
				sdi8k_meta_release(s->meta, &s->pending);
				s->have_pending = 0;
			}
			return err;
		}
	}
	if (hdr) {
		if (match && !match->parse_error)
			*hdr = match->hdr;
		else
			hdr->have = 0;
	}
	if (s->out_open)
		len = sidecar_format_line(&s->line, &s->line_cap, sequence, match);
	if (match) {
		sdi8k_meta_release(s->meta, &s->pending);
		s->have_pending = 0;
	}
	if (len < 0) {
		snprintf(msg, msglen, "%s: out of memory", outfile_name(&s->out));
		return len;
	}
	if (!s->out_open)
		return 0;
	/* the line without its "}\n", then the end */
	err = outfile_write(&s->out, s->line, len >= 2 ? (size_t)len - 2 : 0, msg, msglen);
	if (!err)
		err = write_end(s, msg, msglen);
	if (!err)
		s->lines++;
	return err;
}

int sidecar_fill(struct sidecar *s, char *msg, size_t msglen)
{
	char line[160], t[16];
	int len, err;

	if (s->have_wire)
		gap_tc_add(&s->wire, 1);
	if (s->have_rec)
		gap_tc_add(&s->rec, 1);
	if (s->have_count)
		gap_tc_add(&s->count, 1);
	scc_break(&s->scc);
	s->cc_n = 0;
	s->h10p_n = 0;
	if (!s->out_open)
		return 0;
	if (s->have_wire) {
		gap_tc_text(&s->wire, t);
		len = snprintf(line, sizeof(line), "{\"sequence\":null,\"fill\":true,"
			       "\"timecode\":\"%s\",\"field_mark\":%s", t,
			       s->wire.field_mark ? "true" : "false");
	} else {
		len = snprintf(line, sizeof(line), "{\"sequence\":null,\"fill\":true,"
			       "\"timecode\":null");
	}
	err = outfile_write(&s->out, line, (size_t)len, msg, msglen);
	if (!err)
		err = write_end(s, msg, msglen);
	if (!err)
		s->lines++;
	return err;
}

void sidecar_resync(struct sidecar *s)
{
	if (s->have_pending)
		sdi8k_meta_release(s->meta, &s->pending);
	s->have_pending = 0;
	scc_break(&s->scc);
	/* the new stream counts from 0: its frame n is n + 1 after the last
	 * written (as the container's time line counts it) */
	s->last_seq = UINT32_MAX;
	s->have_seq = 1;
	while (!sdi8k_meta_dequeue(s->meta, &s->pending, 0))
		sdi8k_meta_release(s->meta, &s->pending);
}

static void sidecar_close(struct sidecar *s)
{
	sdi8k_meta_close(s->meta);	/* stops streaming */
	s->meta = NULL;
	free(s->line);
	s->line = NULL;
}

int sidecar_commit(struct sidecar *s, char *msg, size_t msglen)
{
	int err = 0;

	if (s->out_open)
		err = outfile_commit(&s->out, msg, msglen);
	s->out_open = 0;
	if (err)
		scc_abort(&s->scc);
	else
		err = scc_commit(&s->scc, msg, msglen);
	sidecar_close(s);
	return err;
}

void sidecar_abort(struct sidecar *s)
{
	if (s->out_open)
		outfile_abort(&s->out);
	s->out_open = 0;
	scc_abort(&s->scc);
	sidecar_close(s);
}

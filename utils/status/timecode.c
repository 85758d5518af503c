// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k-status: the time code of the latest frame, by streaming a few. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/capture.h>
#include <sdi8k/status.h>

#include "status/timecode.h"

#define TC_TIMEOUT_MS 2000

static void tc_fail(struct status_report *r, int err, const char *what)
{
	if (err == -EBUSY) {
		r->tc_state = TC_BUSY;
	} else if (err == -ENOLINK || err == -ENOLCK) {
		r->tc_state = TC_NO_SIGNAL;
	} else {
		r->tc_state = TC_ERROR;
		snprintf(r->note, sizeof(r->note), "%s: %s", what, sdi8k_last_error());
	}
}

void status_read_timecode(struct status_report *r, unsigned frames)
{
	struct sdi8k_capture *c = NULL;
	struct sdi8k_meta *m = NULL;
	int err, have_meta = 0;
	uint32_t last_video = 0;
	unsigned got = 0;

	if (r->st.signal != SDI8K_SIGNAL_LOCKED) {
		r->tc_state = TC_NO_SIGNAL;
		return;
	}
	err = sdi8k_capture_open(r->st.node, &c);
	if (!err)
		err = sdi8k_capture_configure(c, NULL);
	if (err) {
		tc_fail(r, err, "video");
		goto out;
	}
	err = sdi8k_meta_open(r->st.node, &m);
	if (!err) {
		snprintf(r->meta_node, sizeof(r->meta_node), "%s", sdi8k_meta_node(m));
		err = sdi8k_meta_start(m, 8);
	}
	if (err) {
		tc_fail(r, err, "metadata");
		goto out;
	}
	err = sdi8k_capture_start(c);
	if (err) {
		tc_fail(r, err, "video");
		goto out;
	}
	r->tc_state = TC_NONE;
	while (got < frames) {
		struct sdi8k_capture_frame f;

		err = sdi8k_capture_dequeue(c, &f, TC_TIMEOUT_MS);
		if (err == -EINTR)
			continue;
		if (err) {
			tc_fail(r, err, "video");
			goto out;
		}
		last_video = f.sequence;
		sdi8k_capture_release(c, &f);
		got++;
		/* the metadata of that frame, and any before it */
		for (;;) {
			struct sdi8k_meta_frame mf;

			err = sdi8k_meta_dequeue(m, &mf, TC_TIMEOUT_MS);
			if (err == -EINTR)
				continue;
			if (err) {
				tc_fail(r, err, "metadata");
				goto out;
			}
			if (mf.sequence == last_video) {
				struct sdi8k_cdp cdp;

				r->frames_matched++;
				if (!mf.parse_error)
					report_count_captions(r, sdi8k_cdp_from_frame(mf.data,
							      mf.size, &cdp, NULL, NULL), &cdp);
				if (!mf.parse_error &&
				    (mf.hdr.have & SDI8K_HDR_HAVE_TIMECODE)) {
					r->tc = mf.hdr.timecode;
					r->tc_sequence = mf.sequence;
					have_meta = 1;
				}
			}
			sdi8k_meta_release(m, &mf);
			if ((int32_t)(mf.sequence - last_video) >= 0)
				break;
		}
	}
	r->tc_state = have_meta ? TC_OK : TC_NONE;
out:
	/* the video first: the metadata node delivers while it streams */
	sdi8k_capture_close(c);
	sdi8k_meta_close(m);
}

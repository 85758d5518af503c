// SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later
/*
 * SMPTE ST 2094-40 (HDR10+) dynamic metadata as the ITU-T T.35 payload of
 * the HEVC user_data_registered SEI (docs/ancillary.md §7).
 */
#include "sdi8k-anc-codec.h"

/*
 * A bounds-checked MSB-first bit reader: a read past the end returns 0
 * and sets @over; callers check @over before trusting anything read since
 * their last check.
 */
struct sdi8k_bitr {
	const u8 *p;
	size_t bits;		/* total bits */
	size_t pos;		/* next bit */
	bool over;
};

static void sdi8k_bitr_init(struct sdi8k_bitr *b, const u8 *p, size_t n)
{
	b->p = p;
	b->bits = n * 8;
	b->pos = 0;
	b->over = false;
}

static u32 sdi8k_bitr_get(struct sdi8k_bitr *b, unsigned int n)
{
	u32 v = 0;

	if (b->over || n > b->bits - b->pos) {
		b->over = true;
		return 0;
	}
	while (n--) {
		v = v << 1 | ((b->p[b->pos >> 3] >> (7 - (b->pos & 7))) & 1);
		b->pos++;
	}
	return v;
}

/*
 * An MSB-first bit writer into p[0..cap-1] (zeroed as it goes); sets
 * @over when a value would not fit.
 */
struct sdi8k_bitw {
	u8 *p;
	size_t cap;		/* bytes */
	size_t pos;		/* bits written */
	bool over;
};

static void sdi8k_bitw_init(struct sdi8k_bitw *w, u8 *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->pos = 0;
	w->over = false;
}

static void sdi8k_bitw_put(struct sdi8k_bitw *w, u32 v, unsigned int n)
{
	if (w->over || n > w->cap * 8 - w->pos) {
		w->over = true;
		return;
	}
	while (n--) {
		size_t byte = w->pos >> 3;
		unsigned int sh = 7 - (w->pos & 7);

		if (sh == 7)
			w->p[byte] = 0;
		w->p[byte] |= ((v >> n) & 1) << sh;
		w->pos++;
	}
}

/* bytes used so far (the last one padded with zero bits) */
static size_t sdi8k_bitw_bytes(const struct sdi8k_bitw *w)
{
	return (w->pos + 7) / 8;
}

#define SDI8K_T35_COUNTRY	0xb5
#define SDI8K_T35_PROVIDER	0x003c
#define SDI8K_T35_ORIENTED	0x0001
#define SDI8K_HDR10P_APP_ID		4
#define SDI8K_HDR10P_MAX_LINEAR	100000u
#define SDI8K_HDR10P_MAX_TARGET	10000u

/* Ranges the bit widths do not already enforce when decoding. */
static int sdi8k_hdr10plus_check(const struct sdi8k_hdr10plus *m, int err)
{
	const struct sdi8k_hdr10p_peak_table *t[2] = {
		&m->targeted_peak, &m->mastering_peak,
	};
	static const char *const tname[2] = { "targeted system display", "mastering display" };
	unsigned int w, i, j, k;

	if (m->application_version > 1)
		return sdi8k_anc_fail(err,
				      "ST 2094-40 (HDR10+): application version %u, expected 0 or 1",
				      m->application_version);
	if (m->num_windows < 1 || m->num_windows > SDI8K_HDR10P_MAX_WINDOWS)
		return sdi8k_anc_fail(err,
				      "ST 2094-40 (HDR10+): %u windows, expected 1..3",
				      m->num_windows);
	if (m->targeted_max_luminance > SDI8K_HDR10P_MAX_TARGET)
		return sdi8k_anc_fail(err,
				      "ST 2094-40 (HDR10+): targeted system display maximum luminance %u cd/m² above 10000",
				      m->targeted_max_luminance);
	for (k = 0; k < 2; k++) {
		if (!t[k]->present)
			continue;
		if (t[k]->rows < 2 || t[k]->rows > SDI8K_HDR10P_MAX_ROWS ||
		    t[k]->cols < 2 || t[k]->cols > SDI8K_HDR10P_MAX_ROWS)
			return sdi8k_anc_fail(err,
					      "ST 2094-40 (HDR10+): %s actual peak luminance table %ux%u, rows and columns must be 2..25",
					      tname[k], t[k]->rows, t[k]->cols);
		for (i = 0; i < t[k]->rows; i++)
			for (j = 0; j < t[k]->cols; j++)
				if (t[k]->value[i][j] > 15)
					return sdi8k_anc_fail(err,
							      "ST 2094-40 (HDR10+): %s peak luminance [%u][%u] = %u, 4 bits",
							      tname[k], i, j, t[k]->value[i][j]);
	}
	for (w = 0; w < m->num_windows; w++) {
		const struct sdi8k_hdr10p_window *win = &m->window[w];

		for (i = 0; i < 3; i++)
			if (win->maxscl[i] > SDI8K_HDR10P_MAX_LINEAR)
				return sdi8k_anc_fail(err,
						      "ST 2094-40 (HDR10+): window %u maxscl[%u] = %u above 100000",
						      w, i, win->maxscl[i]);
		if (win->average_maxrgb > SDI8K_HDR10P_MAX_LINEAR)
			return sdi8k_anc_fail(err,
					      "ST 2094-40 (HDR10+): window %u average maxrgb %u above 100000",
					      w, win->average_maxrgb);
		if (win->num_percentiles > SDI8K_HDR10P_MAX_PERCENTILES)
			return sdi8k_anc_fail(err,
					      "ST 2094-40 (HDR10+): window %u has %u distribution percentiles, at most 15",
					      w, win->num_percentiles);
		for (i = 0; i < win->num_percentiles; i++) {
			if (win->percentage[i] > 100)
				return sdi8k_anc_fail(err,
						      "ST 2094-40 (HDR10+): window %u percentile %u: percentage %u above 100",
						      w, i, win->percentage[i]);
			if (win->percentile[i] > SDI8K_HDR10P_MAX_LINEAR)
				return sdi8k_anc_fail(err,
						      "ST 2094-40 (HDR10+): window %u percentile %u: value %u above 100000",
						      w, i, win->percentile[i]);
		}
		if (win->fraction_bright_pixels > 1000)
			return sdi8k_anc_fail(err,
					      "ST 2094-40 (HDR10+): window %u fraction of bright pixels %u above 1000",
					      w, win->fraction_bright_pixels);
		if (win->tone_mapping) {
			if (win->knee_point_x > 4095 || win->knee_point_y > 4095)
				return sdi8k_anc_fail(err,
						      "ST 2094-40 (HDR10+): window %u knee point (%u, %u) above 4095",
						      w, win->knee_point_x, win->knee_point_y);
			if (win->num_anchors > SDI8K_HDR10P_MAX_ANCHORS)
				return sdi8k_anc_fail(err,
						      "ST 2094-40 (HDR10+): window %u has %u Bezier curve anchors, at most 15",
						      w, win->num_anchors);
			for (i = 0; i < win->num_anchors; i++)
				if (win->anchors[i] > 1023)
					return sdi8k_anc_fail(err,
							      "ST 2094-40 (HDR10+): window %u anchor %u = %u above 1023",
							      w, i, win->anchors[i]);
		}
		if (win->color_saturation_mapping && win->color_saturation_weight > 63)
			return sdi8k_anc_fail(err,
					      "ST 2094-40 (HDR10+): window %u colour saturation weight %u above 63",
					      w, win->color_saturation_weight);
	}
	return 0;
}

static int sdi8k_hdr10p_read_table(struct sdi8k_bitr *b, struct sdi8k_hdr10p_peak_table *t,
				   const char *name)
{
	unsigned int i, j;

	t->present = sdi8k_bitr_get(b, 1);
	if (!t->present)
		return 0;
	t->rows = sdi8k_bitr_get(b, 5);
	t->cols = sdi8k_bitr_get(b, 5);
	if (b->over)
		return 0;	/* reported by the caller */
	if (t->rows < 2 || t->rows > SDI8K_HDR10P_MAX_ROWS ||
	    t->cols < 2 || t->cols > SDI8K_HDR10P_MAX_ROWS)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2094-40 (HDR10+): %s actual peak luminance table %ux%u, rows and columns must be 2..25",
				      name, t->rows, t->cols);
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++)
			t->value[i][j] = sdi8k_bitr_get(b, 4);
	return 0;
}

static int sdi8k_hdr10p_overrun(const struct sdi8k_bitr *b, const char *where)
{
	return sdi8k_anc_fail(-EOVERFLOW,
			      "ST 2094-40 (HDR10+): truncated in %s (payload of %zu bytes)",
			      where, b->bits / 8);
}

int sdi8k_hdr10plus_decode(const u8 *p, size_t n,
			   struct sdi8k_hdr10plus *out)
{
	struct sdi8k_bitr b;
	struct sdi8k_hdr10plus *m = out;
	unsigned int country, provider, oriented, app, w, i;
	int r;

	if (!p || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	memset(m, 0, sizeof(*m));
	sdi8k_bitr_init(&b, p, n);
	country = sdi8k_bitr_get(&b, 8);
	provider = sdi8k_bitr_get(&b, 16);
	oriented = sdi8k_bitr_get(&b, 16);
	app = sdi8k_bitr_get(&b, 8);
	m->application_version = sdi8k_bitr_get(&b, 8);
	if (b.over)
		return sdi8k_hdr10p_overrun(&b, "the T.35 header");
	if (country != SDI8K_T35_COUNTRY || provider != SDI8K_T35_PROVIDER ||
	    oriented != SDI8K_T35_ORIENTED || app != SDI8K_HDR10P_APP_ID)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2094-40 (HDR10+): T.35 header 0x%02x 0x%04x 0x%04x application %u, expected 0xb5 0x003c 0x0001 application 4",
				      country, provider, oriented, app);
	if (m->application_version > 1)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2094-40 (HDR10+): application version %u, expected 0 or 1",
				      m->application_version);
	m->num_windows = sdi8k_bitr_get(&b, 2);
	if (b.over)
		return sdi8k_hdr10p_overrun(&b, "num_windows");
	if (m->num_windows < 1)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2094-40 (HDR10+): 0 windows, expected 1..3");
	for (w = 1; w < m->num_windows; w++) {
		struct sdi8k_hdr10p_window_geometry *g = &m->window[w].geometry;

		g->upper_left_x = sdi8k_bitr_get(&b, 16);
		g->upper_left_y = sdi8k_bitr_get(&b, 16);
		g->lower_right_x = sdi8k_bitr_get(&b, 16);
		g->lower_right_y = sdi8k_bitr_get(&b, 16);
		g->center_x = sdi8k_bitr_get(&b, 16);
		g->center_y = sdi8k_bitr_get(&b, 16);
		g->rotation_angle = sdi8k_bitr_get(&b, 8);
		g->semimajor_internal = sdi8k_bitr_get(&b, 16);
		g->semimajor_external = sdi8k_bitr_get(&b, 16);
		g->semiminor_external = sdi8k_bitr_get(&b, 16);
		g->overlap_process_option = sdi8k_bitr_get(&b, 1);
	}
	m->targeted_max_luminance = sdi8k_bitr_get(&b, 27);
	r = sdi8k_hdr10p_read_table(&b, &m->targeted_peak, "targeted system display");
	if (r < 0)
		return r;
	if (b.over)
		return sdi8k_hdr10p_overrun(&b, "the window geometry and targeted display");
	for (w = 0; w < m->num_windows; w++) {
		struct sdi8k_hdr10p_window *win = &m->window[w];

		for (i = 0; i < 3; i++)
			win->maxscl[i] = sdi8k_bitr_get(&b, 17);
		win->average_maxrgb = sdi8k_bitr_get(&b, 17);
		win->num_percentiles = sdi8k_bitr_get(&b, 4);
		for (i = 0; i < win->num_percentiles; i++) {
			win->percentage[i] = sdi8k_bitr_get(&b, 7);
			win->percentile[i] = sdi8k_bitr_get(&b, 17);
		}
		win->fraction_bright_pixels = sdi8k_bitr_get(&b, 10);
	}
	r = sdi8k_hdr10p_read_table(&b, &m->mastering_peak, "mastering display");
	if (r < 0)
		return r;
	if (b.over)
		return sdi8k_hdr10p_overrun(&b, "the luminance distributions");
	for (w = 0; w < m->num_windows; w++) {
		struct sdi8k_hdr10p_window *win = &m->window[w];

		win->tone_mapping = sdi8k_bitr_get(&b, 1);
		if (win->tone_mapping) {
			win->knee_point_x = sdi8k_bitr_get(&b, 12);
			win->knee_point_y = sdi8k_bitr_get(&b, 12);
			win->num_anchors = sdi8k_bitr_get(&b, 4);
			for (i = 0; i < win->num_anchors; i++)
				win->anchors[i] = sdi8k_bitr_get(&b, 10);
		}
		win->color_saturation_mapping = sdi8k_bitr_get(&b, 1);
		if (win->color_saturation_mapping)
			win->color_saturation_weight = sdi8k_bitr_get(&b, 6);
	}
	if (b.over)
		return sdi8k_hdr10p_overrun(&b, "the tone mapping");
	if (b.bits - b.pos >= 8)
		return sdi8k_anc_fail(-EPROTO,
				      "ST 2094-40 (HDR10+): %zu trailing bytes after the metadata",
				      (b.bits - b.pos) / 8);
	return sdi8k_hdr10plus_check(m, -EPROTO);
}
EXPORT_SYMBOL_GPL(sdi8k_hdr10plus_decode);

static void sdi8k_hdr10p_write_table(struct sdi8k_bitw *w, const struct sdi8k_hdr10p_peak_table *t)
{
	unsigned int i, j;

	sdi8k_bitw_put(w, t->present, 1);
	if (!t->present)
		return;
	sdi8k_bitw_put(w, t->rows, 5);
	sdi8k_bitw_put(w, t->cols, 5);
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++)
			sdi8k_bitw_put(w, t->value[i][j], 4);
}

int sdi8k_hdr10plus_encode(const struct sdi8k_hdr10plus *m,
			   u8 *out, size_t cap)
{
	struct sdi8k_bitw b;
	unsigned int w, i;
	int r;

	if (!m || !out)
		return sdi8k_anc_fail(-EINVAL, "%s: NULL argument", __func__);
	r = sdi8k_hdr10plus_check(m, -EINVAL);
	if (r < 0)
		return r;
	sdi8k_bitw_init(&b, out, cap);
	sdi8k_bitw_put(&b, SDI8K_T35_COUNTRY, 8);
	sdi8k_bitw_put(&b, SDI8K_T35_PROVIDER, 16);
	sdi8k_bitw_put(&b, SDI8K_T35_ORIENTED, 16);
	sdi8k_bitw_put(&b, SDI8K_HDR10P_APP_ID, 8);
	sdi8k_bitw_put(&b, m->application_version, 8);
	sdi8k_bitw_put(&b, m->num_windows, 2);
	for (w = 1; w < m->num_windows; w++) {
		const struct sdi8k_hdr10p_window_geometry *g = &m->window[w].geometry;

		sdi8k_bitw_put(&b, g->upper_left_x, 16);
		sdi8k_bitw_put(&b, g->upper_left_y, 16);
		sdi8k_bitw_put(&b, g->lower_right_x, 16);
		sdi8k_bitw_put(&b, g->lower_right_y, 16);
		sdi8k_bitw_put(&b, g->center_x, 16);
		sdi8k_bitw_put(&b, g->center_y, 16);
		sdi8k_bitw_put(&b, g->rotation_angle, 8);
		sdi8k_bitw_put(&b, g->semimajor_internal, 16);
		sdi8k_bitw_put(&b, g->semimajor_external, 16);
		sdi8k_bitw_put(&b, g->semiminor_external, 16);
		sdi8k_bitw_put(&b, g->overlap_process_option, 1);
	}
	sdi8k_bitw_put(&b, m->targeted_max_luminance, 27);
	sdi8k_hdr10p_write_table(&b, &m->targeted_peak);
	for (w = 0; w < m->num_windows; w++) {
		const struct sdi8k_hdr10p_window *win = &m->window[w];

		for (i = 0; i < 3; i++)
			sdi8k_bitw_put(&b, win->maxscl[i], 17);
		sdi8k_bitw_put(&b, win->average_maxrgb, 17);
		sdi8k_bitw_put(&b, win->num_percentiles, 4);
		for (i = 0; i < win->num_percentiles; i++) {
			sdi8k_bitw_put(&b, win->percentage[i], 7);
			sdi8k_bitw_put(&b, win->percentile[i], 17);
		}
		sdi8k_bitw_put(&b, win->fraction_bright_pixels, 10);
	}
	sdi8k_hdr10p_write_table(&b, &m->mastering_peak);
	for (w = 0; w < m->num_windows; w++) {
		const struct sdi8k_hdr10p_window *win = &m->window[w];

		sdi8k_bitw_put(&b, win->tone_mapping, 1);
		if (win->tone_mapping) {
			sdi8k_bitw_put(&b, win->knee_point_x, 12);
			sdi8k_bitw_put(&b, win->knee_point_y, 12);
			sdi8k_bitw_put(&b, win->num_anchors, 4);
			for (i = 0; i < win->num_anchors; i++)
				sdi8k_bitw_put(&b, win->anchors[i], 10);
		}
		sdi8k_bitw_put(&b, win->color_saturation_mapping, 1);
		if (win->color_saturation_mapping)
			sdi8k_bitw_put(&b, win->color_saturation_weight, 6);
	}
	if (b.over)
		return sdi8k_anc_fail(-ENOSPC,
				      "ST 2094-40 (HDR10+): encoded metadata does not fit in %zu bytes",
				      cap);
	return sdi8k_bitw_bytes(&b);
}
EXPORT_SYMBOL_GPL(sdi8k_hdr10plus_encode);

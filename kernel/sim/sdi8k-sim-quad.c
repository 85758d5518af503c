// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k simulated card: the four links as a quad-link group. An 8K source
 * sends one quarter of its picture on each link (2SI or square division,
 * ST 2082-12); in 4x1 topology each input sees its link's 2160-line
 * signal, in quad topology input 0 sees the reassembled 8K signal while
 * the group is whole: every link locked, within the skew window, all
 * carrying the same signal. See docs/simulator.md ("Quad link").
 *
 * The picture travels as on real equipment: the source divides it between
 * its links (its own 2SI or SQD mapping), the cables bring link
 * cabling[i] to input i, and the card reassembles the four inputs by its
 * topology setting; sdi8k_sim_quad_map_line() composes the three, so a
 * card set to the other mapping, or cables out of order, capture the
 * picture a real card would: scrambled.
 *
 * Unless stated otherwise, called with sdi8k_sim.lock held.
 */
#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#endif

#include "sdi8k-sim.h"

/* The link carries a signal: a source and no scripted "missing" fault. */
bool sdi8k_sim_link_locked(const struct sdi8k_sim_input *si)
{
	return si->signal && si->link_fault != SDI8K_SIM_LINK_MISSING;
}

/* QUAD_LINK_MAP names a different input for each link. */
static bool sdi8k_sim_link_map_whole(const struct sdi8k_sim *sim)
{
	unsigned int n, seen = 0;

	for (n = 0; n < 4; n++) {
		if (sim->link_map[n] > 3 || seen & BIT(sim->link_map[n]))
			return false;
		seen |= BIT(sim->link_map[n]);
	}
	return true;
}

/** sdi8k_sim_quad_status - the QUAD_STATUS register */
u32 sdi8k_sim_quad_status(const struct sdi8k_sim *sim)
{
	const struct sdi8k_raster *r = sim->inputs[0].signal;
	u32 v = SDI8K_QUAD_ALIGNED | SDI8K_QUAD_SAME_RATE;
	unsigned int i;

	if (sim->topology == SDI8K_TOPO_4X1 || sim->num_inputs < 4)
		return 0;
	if (sdi8k_sim_link_map_whole(sim))
		v |= SDI8K_QUAD_MAPPED;
	for (i = 0; i < 4; i++) {
		const struct sdi8k_sim_input *si = &sim->inputs[i];

		if (sdi8k_sim_link_locked(si))
			v |= BIT(i);
		if (si->link_fault == SDI8K_SIM_LINK_SKEW)
			v &= ~SDI8K_QUAD_ALIGNED;
		if (si->signal != r)
			v &= ~SDI8K_QUAD_SAME_RATE;
	}
	if ((v & SDI8K_QUAD_LINKS_LOCKED) == SDI8K_QUAD_LINKS_LOCKED &&
	    (v & SDI8K_QUAD_ALIGNED) && (v & SDI8K_QUAD_SAME_RATE) &&
	    (v & SDI8K_QUAD_MAPPED) && r && sdi8k_raster_quad(r))
		v |= SDI8K_QUAD_VALID;
	return v;
}

/**
 * sdi8k_sim_seen - the raster an input's RASTER_* registers report and its
 *	DMA engine captures
 * @si: the input
 *
 * Return: NULL when there is none: no carrier, a link of a quad group
 * (inputs 1-3 in quad topology) or a broken group (input 0).
 */
const struct sdi8k_raster *sdi8k_sim_seen(const struct sdi8k_sim_input *si)
{
	const struct sdi8k_sim *sim = si->sim;

	if (sim->topology == SDI8K_TOPO_4X1) {
		if (!sdi8k_sim_link_locked(si))
			return NULL;
		return sdi8k_raster_sublink(si->signal);
	}
	if (si->index || !(sdi8k_sim_quad_status(sim) & SDI8K_QUAD_VALID))
		return NULL;
	return si->signal;
}

/** sdi8k_sim_link_name - "none", "missing" or "skew" */
const char *sdi8k_sim_link_name(u8 fault)
{
	static const char * const names[] = {
		[SDI8K_SIM_LINK_OK] = "none",
		[SDI8K_SIM_LINK_MISSING] = "missing",
		[SDI8K_SIM_LINK_SKEW] = "skew",
	};

	return fault < ARRAY_SIZE(names) ? names[fault] : "?";
}

/** sdi8k_sim_link_parse - SDI8K_SIM_LINK_* of a name, or -EINVAL */
int sdi8k_sim_link_parse(const char *s)
{
	u8 i;

	for (i = SDI8K_SIM_LINK_OK; i <= SDI8K_SIM_LINK_SKEW; i++)
		if (sysfs_streq(s, sdi8k_sim_link_name(i)))
			return i;
	return -EINVAL;
}

/** sdi8k_sim_link_of - the link of the quad-link source an input receives */
unsigned int sdi8k_sim_link_of(const struct sdi8k_sim_input *si)
{
	return si->index < 4 ? si->sim->cabling[si->index] : si->index;
}

/**
 * sdi8k_sim_quad_map_get - how a @width x @height picture reaches input 0
 * @sim: the card
 * @width: picture width
 * @height: picture height
 * @m: receives the map
 *
 * Only called while the group is VALID (QUAD_LINK_MAP whole).
 *
 * Return: true when the map is the identity (the card's mapping is the
 * source's and it assembles every link from the input that receives it):
 * the picture arrives whole.
 */
bool sdi8k_sim_quad_map_get(const struct sdi8k_sim *sim, u32 width,
			    u32 height, struct sdi8k_sim_quad_map *m)
{
	static const u8 in_order[4] = { 0, 1, 2, 3 };
	unsigned int n;

	m->card = sim->topology;
	m->source = sim->source_mapping;
	for (n = 0; n < 4; n++)	/* the cable on the input taken as link n */
		m->cabling[n] = sim->cabling[sim->link_map[n] & 3];
	m->width = width;
	m->height = height;
	return m->card == m->source &&
	       !memcmp(m->cabling, in_order, sizeof(in_order));
}

/**
 * sdi8k_sim_quad_map_line - sdi8k_pattern_map_t of a quad-link picture
 * @ctx: the struct sdi8k_sim_quad_map
 * @y: line of the frame the card assembles
 * @src_y: receives the source picture's line each pixel pair shows
 * @src_pair: receives the source picture's pixel pair each shows
 *
 * ST 2082-12: in 2SI, link 1 carries the even pixel pairs of the even
 * lines, link 2 the odd pairs of the even lines, links 3 and 4 the same of
 * the odd lines; in SQD the links carry the top-left, top-right,
 * bottom-left and bottom-right quadrants. No lock: @ctx is a copy.
 */
void sdi8k_sim_quad_map_line(void *ctx, u32 y, u32 *src_y, u32 *src_pair)
{
	const struct sdi8k_sim_quad_map *m = ctx;
	u32 pairs = m->width / 2, hp = pairs / 2, hh = m->height / 2;
	bool src_2si = m->source == SDI8K_TOPO_QUAD_2SI;
	u32 row, ly, q, sy[2], off[2], mult = src_2si ? 2 : 1;
	unsigned int i, l;

	/* the card: which two inputs make this line, and their link's line */
	if (m->card == SDI8K_TOPO_QUAD_2SI) {
		row = y % 2;
		ly = y / 2;
	} else {
		row = y >= hh;
		ly = y % hh;
	}
	for (i = 0; i < 2; i++) {
		/* the cable: the source's link on the input taken as that link */
		l = m->cabling[2 * row + i];
		/* the source: where it took that link's samples from */
		if (src_2si) {
			sy[i] = 2 * ly + l / 2;
			off[i] = l % 2;
		} else {
			sy[i] = ly + hh * (l / 2);
			off[i] = hp * (l % 2);
		}
	}
	if (m->card == SDI8K_TOPO_QUAD_2SI) {
		/* even pairs from the first input, odd from the second */
		for (q = 0; q < pairs; q++) {
			src_y[q] = sy[q % 2];
			src_pair[q] = mult * (q / 2) + off[q % 2];
		}
		return;
	}
	/* left half from the first input, right half from the second */
	for (q = 0; q < pairs; q++) {
		i = q >= hp;
		src_y[q] = sy[i];
		src_pair[q] = mult * (q - i * hp) + off[i];
	}
}

/** sdi8k_sim_mapping_name - "2si" or "sqd"; no lock */
const char *sdi8k_sim_mapping_name(u32 mapping)
{
	return mapping == SDI8K_TOPO_QUAD_SQD ? "sqd" : "2si";
}

/*
 * Any change on a link of a quad group is a change of input 0's 8K
 * signal, whatever the card's topology (then each input's own signal
 * changed too).
 */
static void sdi8k_sim_links_changed(struct sdi8k_sim *sim)
{
	unsigned int i;

	for (i = 0; i < 4 && i < sim->num_inputs; i++)
		sdi8k_sim_raise(&sim->inputs[i], SDI8K_IRQ_SIGNAL_CHANGE);
}

/**
 * sdi8k_sim_set_source_mapping - script the 8K source's mapping; no lock
 * @sim: the card
 * @name: "2si" or "sqd"
 *
 * Return: 0 or -EINVAL.
 */
int sdi8k_sim_set_source_mapping(struct sdi8k_sim *sim, const char *name)
{
	unsigned long flags;
	u32 v;

	if (sysfs_streq(name, "2si"))
		v = SDI8K_TOPO_QUAD_2SI;
	else if (sysfs_streq(name, "sqd"))
		v = SDI8K_TOPO_QUAD_SQD;
	else
		return -EINVAL;
	spin_lock_irqsave(&sim->lock, flags);
	if (sim->source_mapping != v) {
		sim->source_mapping = v;
		sdi8k_sim_links_changed(sim);
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/**
 * sdi8k_sim_set_cabling - script which link each input receives; no lock
 * @sim: the card
 * @order: four digits, the link (1-4) on inputs 0 to 3: "1234" in order,
 *	"2134" the first two cables swapped, "1134" link 1 on two inputs
 *	(a distribution amplifier's two outputs) and link 2 on none
 *
 * Return: 0, or -EINVAL unless @order is four digits 1-4.
 */
int sdi8k_sim_set_cabling(struct sdi8k_sim *sim, const char *order)
{
	unsigned long flags;
	unsigned int i;
	u8 c[4];

	if (strlen(order) < 4 || (order[4] && !sysfs_streq(order + 4, "")))
		return -EINVAL;
	for (i = 0; i < 4; i++) {
		if (order[i] < '1' || order[i] > '4')
			return -EINVAL;
		c[i] = order[i] - '1';
	}
	spin_lock_irqsave(&sim->lock, flags);
	if (memcmp(sim->cabling, c, sizeof(c))) {
		memcpy(sim->cabling, c, sizeof(c));
		sdi8k_sim_links_changed(sim);
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	return 0;
}

/** sdi8k_sim_link_map_read - the QUAD_LINK_MAP register */
u32 sdi8k_sim_link_map_read(const struct sdi8k_sim *sim)
{
	u32 v = 0;
	unsigned int n;

	for (n = 0; n < 4; n++)
		v |= (u32)sim->link_map[n] << SDI8K_LINK_MAP_SHIFT(n);
	return v;
}

/**
 * sdi8k_sim_link_map_write - the driver writes QUAD_LINK_MAP
 * @sim: the card
 * @val: a field per link; a value above 3 is no input
 *
 * A change of whether every link has its own input changes QUAD_STATUS,
 * so it raises SIGNAL_CHANGE on input 0 in quad topology.
 */
void sdi8k_sim_link_map_write(struct sdi8k_sim *sim, u32 val)
{
	u32 before = sdi8k_sim_quad_status(sim);
	unsigned int n;
	u8 f;

	for (n = 0; n < 4; n++) {
		f = (val >> SDI8K_LINK_MAP_SHIFT(n)) & SDI8K_LINK_MAP_FIELD;
		sim->link_map[n] = f > 3 ? SDI8K_LINK_MAP_NONE : f;
	}
	if (sdi8k_sim_quad_status(sim) != before)
		sdi8k_sim_raise(&sim->inputs[0], SDI8K_IRQ_SIGNAL_CHANGE);
}

/** sdi8k_sim_link_map_reset - QUAD_LINK_MAP's reset value: link n+1 from input n */
void sdi8k_sim_link_map_reset(struct sdi8k_sim *sim)
{
	unsigned int n;

	for (n = 0; n < 4; n++)
		sim->link_map[n] = n;
}

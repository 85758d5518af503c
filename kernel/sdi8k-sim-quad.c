// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k simulated card: the four links as a quad-link group. An 8K source
 * sends one quarter of its picture on each link (2SI or square division,
 * ST 2082-12); in 4x1 topology each input sees its link's 2160-line
 * signal, in quad topology input 0 sees the reassembled 8K signal while
 * the group is whole: every link locked, within the skew window, all
 * carrying the same signal. See docs/simulator.md ("Quad link").
 * Everything here is called with sdi8k_sim.lock held.
 */
#include <linux/bitfield.h>
#include <linux/string.h>

#include "sdi8k-sim.h"

/* The link carries a signal: a source and no scripted "missing" fault. */
bool sdi8k_sim_link_locked(const struct sdi8k_sim_input *si)
{
	return si->signal && si->link_fault != SDI8K_SIM_LINK_MISSING;
}

/** sdi8k_sim_quad_status - the QUAD_STATUS register */
u32 sdi8k_sim_quad_status(const struct sdi8k_sim *sim)
{
	const struct sdi8k_raster *r = sim->inputs[0].signal;
	u32 v = SDI8K_QUAD_ALIGNED | SDI8K_QUAD_SAME_RATE;
	unsigned int i;

	if (sim->topology == SDI8K_TOPO_4X1 || sim->num_inputs < 4)
		return 0;
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
	    r && sdi8k_raster_quad(r))
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

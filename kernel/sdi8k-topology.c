// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k card topology: four independent inputs, or one quad-link 8K input
 * (2SI or square division) served by input 0's node. A card-level sysfs
 * attribute, "topology", changes it while nothing streams; the links are
 * assembled in the order their ST 352 payload IDs give ("link_order",
 * "quad_links"); see docs/hardware.md ("Topology") and docs/topology.md.
 */
#include <linux/device.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "sdi8k.h"

static const char * const sdi8k_topology_names[] = {
	[SDI8K_TOPO_4X1] = "4x1",
	[SDI8K_TOPO_QUAD_2SI] = "2si",
	[SDI8K_TOPO_QUAD_SQD] = "sqd",
};

/** sdi8k_topology_name - "4x1", "2si" or "sqd" */
const char *sdi8k_topology_name(u32 topology)
{
	if (topology >= ARRAY_SIZE(sdi8k_topology_names))
		return "?";
	return sdi8k_topology_names[topology];
}

/* What the running firmware can do (4x1 always). */
static bool sdi8k_topology_supported(struct sdi8k_card *card, u32 t)
{
	u32 caps = sdi8k_read(card, SDI8K_REG_CAPS);

	if (t == SDI8K_TOPO_4X1)
		return true;
	if (card->num_inputs < 4 || !(caps & SDI8K_CAPS_QUAD_LINK))
		return false;
	if (!card->fw.topologies)	/* no capability table: CAPS says it */
		return true;
	return card->fw.topologies & (t == SDI8K_TOPO_QUAD_2SI ?
				      SDI8K_FW_TOPO_QUAD_2SI :
				      SDI8K_FW_TOPO_QUAD_SQD);
}

static ssize_t topology_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n",
			  sdi8k_topology_name(READ_ONCE(card->topology)));
}

/* ---- link order: which input carries which link (ST 352) ---- */

#define SDI8K_LINK_UNKNOWN	0xff

/*
 * The link (0-3) of the quad-link 8K source each of inputs 0-3 receives,
 * as its ST 352 payload ID says (byte 1 0xD2, byte 4 bits 7-6), or
 * SDI8K_LINK_UNKNOWN (no lock, or not a quad-link payload). Registers
 * only: no lock needed. Returns how many are known.
 */
static unsigned int sdi8k_quad_read_links(struct sdi8k_card *card, u8 *links)
{
	unsigned int i, known = 0;

	for (i = 0; i < 4; i++) {
		struct sdi8k_input *in = &card->inputs[i];
		struct sdi8k_vpid v;
		u32 vpid = 0;
		u8 b[4];

		if (sdi8k_in_read(in, SDI8K_IN_LINK_STATUS) & SDI8K_LINK_LOCKED)
			vpid = sdi8k_in_read(in, SDI8K_IN_PAYLOAD_ID(0));
		sdi8k_put_le32(b, vpid);
		links[i] = SDI8K_LINK_UNKNOWN;
		if (b[0] == SDI8K_VPID_4320_QL12G && !sdi8k_vpid_decode(b, &v)) {
			links[i] = v.channel;
			known++;
		}
	}
	return known;
}

/*
 * QUAD_LINK_MAP for four known @links: each link from the input that
 * carries it, SDI8K_LINK_MAP_NONE for a link no input carries. @dup
 * receives the first input (0-3) whose link an earlier input carries
 * already, or -1.
 */
static u32 sdi8k_quad_link_map(const u8 *links, int *dup)
{
	u32 map = 0xffff;	/* every field SDI8K_LINK_MAP_NONE */
	unsigned int i, sh;

	*dup = -1;
	for (i = 0; i < 4; i++) {
		sh = SDI8K_LINK_MAP_SHIFT(links[i]);
		if (((map >> sh) & SDI8K_LINK_MAP_FIELD) != SDI8K_LINK_MAP_NONE) {
			if (*dup < 0)
				*dup = i;
			continue;
		}
		map &= ~(SDI8K_LINK_MAP_FIELD << sh);
		map |= i << sh;
	}
	return map;
}

/**
 * sdi8k_quad_follow_links - assemble the quad-link group in link order
 * @card: the card; input 0's lock held
 *
 * In quad topology, with all four inputs receiving a quad-link payload
 * ID, programs QUAD_LINK_MAP so that the card assembles the links in the
 * order their ST 352 link numbers give, whichever input each is plugged
 * into (link_order "fixed": input n as link n+1). A link on two inputs
 * leaves another link without one: the group is not VALID, so input 0
 * reports no raster and captures nothing, and the kernel log says which
 * cables to check. Links still unknown (a cable out, another source)
 * leave the map as it is: the group is not whole anyway.
 */
void sdi8k_quad_follow_links(struct sdi8k_card *card)
{
	u8 links[4];
	u32 map, cur;
	int dup = -1;
	unsigned int known, i;

	lockdep_assert_held(&card->inputs[0].lock);
	if (!sdi8k_card_quad(card) || card->num_inputs < 4)
		return;
	known = sdi8k_quad_read_links(card, links);
	if (!card->link_order_fixed && known < 4)
		return;
	map = card->link_order_fixed ? SDI8K_LINK_MAP_IDENTITY :
				       sdi8k_quad_link_map(links, &dup);
	cur = sdi8k_read(card, SDI8K_REG_QUAD_LINK_MAP) & 0xffff;
	if (cur == map)
		return;
	sdi8k_write(card, SDI8K_REG_QUAD_LINK_MAP, map);
	if (card->link_order_fixed) {
		dev_info(card->dev, "%s: quad link: SDI n assembled as link n (link_order fixed)\n",
			 card->name);
	} else if (dup >= 0) {
		for (i = 0; i < 4; i++)
			if (((map >> SDI8K_LINK_MAP_SHIFT(i)) &
			     SDI8K_LINK_MAP_FIELD) == SDI8K_LINK_MAP_NONE)
				break;
		dev_warn(card->dev, "%s: quad link: SDI %u carries link %u, as another input does, and no input carries link %u: no 8K picture until the cabling is put right\n",
			 card->name, dup + 1, links[dup] + 1, i + 1);
	} else {
		dev_info(card->dev, "%s: quad link: SDI 1-4 carry links %u %u %u %u: %s\n",
			 card->name, links[0] + 1, links[1] + 1, links[2] + 1,
			 links[3] + 1, map == SDI8K_LINK_MAP_IDENTITY ?
			 "in order" : "assembled in link order");
	}
}

/* link_order's words, indexed by card->link_order_fixed */
static const char * const sdi8k_link_order_names[] = { "auto", "fixed" };

static ssize_t link_order_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n",
			  sdi8k_link_order_names[READ_ONCE(card->link_order_fixed)]);
}

/* Takes effect at once, streaming or not. */
static ssize_t link_order_store(struct device *dev,
				struct device_attribute *attr, const char *buf,
				size_t len)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);
	int fixed = sysfs_match_string(sdi8k_link_order_names, buf);

	if (fixed < 0)
		return -EINVAL;
	if (card->num_inputs < 4)
		return -EOPNOTSUPP;
	mutex_lock(&card->inputs[0].lock);
	WRITE_ONCE(card->link_order_fixed, fixed);
	sdi8k_quad_follow_links(card);
	mutex_unlock(&card->inputs[0].lock);
	return len;
}
DEVICE_ATTR_RW(link_order);

/*
 * "L1 L2 L3 L4 STATE": the link each of SDI 1-4 receives (1-4, "-" when
 * unknown) and what that means for a quad-link group: in-order,
 * reordered (assembled in link order), out-of-order (link_order fixed:
 * the picture comes out scrambled), duplicate (a link on two inputs) or
 * incomplete (a link unknown). Read from the card at each read, in any
 * topology, so the cabling can be checked before changing it.
 */
static ssize_t quad_links_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);
	const char *state;
	char l[4];
	u8 links[4];
	unsigned int i;
	int dup;
	u32 map;

	if (card->num_inputs < 4)
		return sysfs_emit(buf, "- - - - incomplete\n");
	if (sdi8k_quad_read_links(card, links) < 4) {
		state = "incomplete";
	} else {
		map = sdi8k_quad_link_map(links, &dup);
		if (dup >= 0)
			state = "duplicate";
		else if (map == SDI8K_LINK_MAP_IDENTITY)
			state = "in-order";
		else if (READ_ONCE(card->link_order_fixed))
			state = "out-of-order";
		else
			state = "reordered";
	}
	for (i = 0; i < 4; i++)
		l[i] = links[i] == SDI8K_LINK_UNKNOWN ? '-' : '1' + links[i];
	return sysfs_emit(buf, "%c %c %c %c %s\n", l[0], l[1], l[2], l[3],
			  state);
}
DEVICE_ATTR_RO(quad_links);

/*
 * Every input's lock is taken (in index order, the only place more than
 * one is held), so no node can allocate buffers or start streaming while
 * the card changes; a node holding buffers makes the change fail with
 * EBUSY. The new topology survives until the card goes away.
 */
static ssize_t topology_store(struct device *dev,
			      struct device_attribute *attr, const char *buf,
			      size_t len)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);
	unsigned int i, locked = 0;
	ssize_t ret = len;
	int t;

	t = sysfs_match_string(sdi8k_topology_names, buf);
	if (t < 0)
		return -EINVAL;
	if (!sdi8k_topology_supported(card, t))
		return -EOPNOTSUPP;

	for (; locked < card->num_inputs; locked++)
		mutex_lock_nested(&card->inputs[locked].lock, locked);
	if (t == card->topology)
		goto out;
	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		if (vb2_is_busy(&in->queue) || vb2_is_busy(&in->meta_queue)) {
			ret = -EBUSY;
			goto out;
		}
	}
	sdi8k_write(card, SDI8K_REG_TOPOLOGY, t);
	WRITE_ONCE(card->topology, t);
	sdi8k_quad_follow_links(card);
	for (i = 0; i < card->num_inputs; i++)
		sdi8k_video_set_topology(&card->inputs[i]);
	dev_info(card->dev, "%s: topology %s\n", card->name,
		 sdi8k_topology_name(t));
out:
	while (locked--)
		mutex_unlock(&card->inputs[locked].lock);
	return ret;
}
DEVICE_ATTR_RW(topology);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k card topology: four independent inputs, or one quad-link 8K input
 * (2SI or square division) served by input 0's node. A card-level sysfs
 * attribute, "topology", changes it while nothing streams; see
 * docs/hardware.md ("Topology") and docs/topology.md.
 */
#include <linux/device.h>
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

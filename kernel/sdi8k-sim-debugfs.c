// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k simulated card scripting through debugfs, documented in
 * docs/simulator.md:
 *
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/signal        rw: raster name
 *                                                         or "none"
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/full_repaint  rw: 0 or 1
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/stats         ro
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include "sdi8k-sim.h"

static struct dentry *sdi8k_debugfs_root;

static int sdi8k_sim_signal_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim_input *si = m->private;
	const struct sdi8k_raster *r = READ_ONCE(si->signal);

	seq_printf(m, "%s\n", r ? r->name : "none");
	return 0;
}

static int sdi8k_sim_signal_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_signal_show, inode->i_private);
}

static ssize_t sdi8k_sim_signal_write(struct file *file,
				      const char __user *ubuf, size_t len,
				      loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct sdi8k_sim_input *si = m->private;
	const struct sdi8k_raster *r = NULL;
	char buf[32];

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (!sysfs_streq(buf, "none")) {
		r = sdi8k_find_raster_name(buf);
		if (!r)
			return -EINVAL;
	}
	sdi8k_sim_set_signal(si, r);
	return len;
}

static const struct file_operations sdi8k_sim_signal_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_signal_open,
	.read = seq_read,
	.write = sdi8k_sim_signal_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sdi8k_sim_stats_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim_input *si = m->private;
	unsigned long flags;
	u32 captured, dropped;
	u64 frame, painted, overruns;

	spin_lock_irqsave(&si->sim->lock, flags);
	captured = si->frames_captured;
	dropped = si->frames_dropped;
	frame = si->frame_count;
	overruns = si->overruns;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	painted = READ_ONCE(si->bytes_painted);
	seq_printf(m, "frame_count %llu\ncaptured %u\ndropped %u\noverruns %llu\nbytes_painted %llu\n",
		   frame, captured, dropped, overruns, painted);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sdi8k_sim_stats);

void sdi8k_sim_debugfs_init(struct sdi8k_sim *sim)
{
	unsigned int i;

	sim->debugfs = debugfs_create_dir(sim->card->name, sdi8k_debugfs_root);
	for (i = 0; i < sim->num_inputs; i++) {
		struct sdi8k_sim_input *si = &sim->inputs[i];
		struct dentry *dir;
		char name[16];

		snprintf(name, sizeof(name), "input%u", i);
		dir = debugfs_create_dir(name, sim->debugfs);
		debugfs_create_file("signal", 0644, dir, si,
				    &sdi8k_sim_signal_fops);
		debugfs_create_bool("full_repaint", 0644, dir,
				    &si->full_repaint);
		debugfs_create_file("stats", 0444, dir, si,
				    &sdi8k_sim_stats_fops);
	}
}

void sdi8k_sim_debugfs_exit(struct sdi8k_sim *sim)
{
	debugfs_remove_recursive(sim->debugfs);
	sim->debugfs = NULL;
}

void sdi8k_sim_debugfs_root_init(void)
{
	sdi8k_debugfs_root = debugfs_create_dir(SDI8K_DRV_NAME, NULL);
}

void sdi8k_sim_debugfs_root_exit(void)
{
	debugfs_remove_recursive(sdi8k_debugfs_root);
	sdi8k_debugfs_root = NULL;
}

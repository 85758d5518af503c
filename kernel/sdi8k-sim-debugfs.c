// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k simulated card scripting through debugfs, documented in
 * docs/simulator.md:
 *
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/signal        rw: raster name
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/link_fault    rw: none|missing|skew
 *                                                         or "none"
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/dma_fault     rw: none,
 *                                                         head_garbage,
 *                                                         head_ones,
 *                                                         slow_reset,
 *                                                         stuck_reset
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/full_repaint  rw: 0 or 1
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/stats         ro
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/hdr           rw: sdr, hlg, pq
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/hdr10plus     rw: 0 or 1
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/cll           rw: "MAXCLL MAXFALL"
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/malformed     rw: none, checksum,
 *                                                         parity, length,
 *                                                         st2108, atc
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/timecode      rw: 0 or 1 (ATC)
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/timecode_offset rw: frames
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/colorimetry   rw: auto, bt709,
 *                                                         vanc, bt2020,
 *                                                         unknown
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/range         rw: limited, full
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/ictcp         rw: 0 or 1
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/mdcv          rw: ten numbers or
 *                                                         "none"
 *   /sys/kernel/debug/sdi8k/<card>/source_mapping         rw: 2si or sqd
 *   /sys/kernel/debug/sdi8k/<card>/cabling                rw: link on each
 *                                                         input, "1234"
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

static int sdi8k_sim_link_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim_input *si = m->private;

	seq_printf(m, "%s\n", sdi8k_sim_link_name(READ_ONCE(si->link_fault)));
	return 0;
}

static int sdi8k_sim_link_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_link_show, inode->i_private);
}

static ssize_t sdi8k_sim_link_write(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	char buf[16];
	int fault;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	fault = sdi8k_sim_link_parse(buf);
	if (fault < 0)
		return fault;
	sdi8k_sim_set_link_fault(m->private, fault);
	return len;
}

static const struct file_operations sdi8k_sim_link_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_link_open,
	.read = seq_read,
	.write = sdi8k_sim_link_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sdi8k_sim_dma_fault_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim_input *si = m->private;

	seq_printf(m, "%s\n", sdi8k_sim_dma_fault_name(READ_ONCE(si->dma_fault)));
	return 0;
}

static int sdi8k_sim_dma_fault_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_dma_fault_show, inode->i_private);
}

static ssize_t sdi8k_sim_dma_fault_write(struct file *file,
					 const char __user *ubuf, size_t len,
					 loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	struct sdi8k_sim_input *si = m->private;
	unsigned long flags;
	char buf[16];
	int fault;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	fault = sdi8k_sim_dma_fault_parse(buf);
	if (fault < 0)
		return fault;
	spin_lock_irqsave(&si->sim->lock, flags);
	si->dma_fault = fault;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	return len;
}

static const struct file_operations sdi8k_sim_dma_fault_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_dma_fault_open,
	.read = seq_read,
	.write = sdi8k_sim_dma_fault_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations sdi8k_sim_signal_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_signal_open,
	.read = seq_read,
	.write = sdi8k_sim_signal_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- ancillary data: hdr, hdr10plus, cll, malformed, ... ---- */

enum {
	SIM_ANC_HDR, SIM_ANC_HDR10PLUS, SIM_ANC_CLL, SIM_ANC_MALFORMED,
	SIM_ANC_TIMECODE, SIM_ANC_TC_OFFSET, SIM_ANC_COLORIMETRY,
	SIM_ANC_RANGE, SIM_ANC_ICTCP, SIM_ANC_MDCV,
};

/* "GX GY BX BY RX RY WX WY MAX MIN": the ST 2086 order and units */
static int sdi8k_sim_mdcv_parse(const char *buf, struct sdi8k_sim_mdcv *m)
{
	unsigned int v[8], i;
	u32 max, min;

	if (sscanf(buf, "%u %u %u %u %u %u %u %u %u %u", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &v[5], &v[6], &v[7], &max, &min) != 10)
		return -EINVAL;
	for (i = 0; i < 8; i++)
		if (v[i] > U16_MAX)
			return -EINVAL;
	for (i = 0; i < 6; i++)
		m->primaries[i] = v[i];
	m->white[0] = v[6];
	m->white[1] = v[7];
	m->max_lum = max;
	m->min_lum = min;
	return 0;
}

static struct sdi8k_sim_anc_cfg sdi8k_sim_anc_get(struct sdi8k_sim_input *si)
{
	struct sdi8k_sim_anc_cfg cfg;
	unsigned long flags;

	spin_lock_irqsave(&si->sim->lock, flags);
	cfg = si->anc;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	return cfg;
}

static int sdi8k_sim_anc_show(struct seq_file *m, void *v)
{
	const struct sdi8k_sim_anc_file *f = m->private;
	struct sdi8k_sim_anc_cfg cfg = sdi8k_sim_anc_get(f->si);

	switch (f->kind) {
	case SIM_ANC_HDR:
		seq_printf(m, "%s\n", sdi8k_sim_transfer_name(cfg.transfer));
		break;
	case SIM_ANC_HDR10PLUS:
		seq_printf(m, "%d\n", cfg.hdr10plus);
		break;
	case SIM_ANC_CLL:
		seq_printf(m, "%u %u\n", cfg.max_cll, cfg.max_fall);
		break;
	case SIM_ANC_TIMECODE:
		seq_printf(m, "%d\n", !cfg.no_atc);
		break;
	case SIM_ANC_TC_OFFSET:
		seq_printf(m, "%llu\n", cfg.tc_offset);
		break;
	case SIM_ANC_COLORIMETRY:
		seq_printf(m, "%s\n", sdi8k_sim_colorimetry_name(cfg.colorimetry));
		break;
	case SIM_ANC_RANGE:
		seq_printf(m, "%s\n", cfg.full_range ? "full" : "limited");
		break;
	case SIM_ANC_ICTCP:
		seq_printf(m, "%d\n", cfg.ictcp);
		break;
	case SIM_ANC_MDCV:
		if (cfg.no_mdcv)
			seq_puts(m, "none\n");
		else
			seq_printf(m, "%u %u %u %u %u %u %u %u %u %u\n",
				   cfg.mdcv.primaries[0], cfg.mdcv.primaries[1],
				   cfg.mdcv.primaries[2], cfg.mdcv.primaries[3],
				   cfg.mdcv.primaries[4], cfg.mdcv.primaries[5],
				   cfg.mdcv.white[0], cfg.mdcv.white[1],
				   cfg.mdcv.max_lum, cfg.mdcv.min_lum);
		break;
	default:
		seq_printf(m, "%s\n", sdi8k_sim_fault_name(cfg.fault));
		break;
	}
	return 0;
}

static int sdi8k_sim_anc_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_anc_show, inode->i_private);
}

static ssize_t sdi8k_sim_anc_write(struct file *file, const char __user *ubuf,
				   size_t len, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	const struct sdi8k_sim_anc_file *f = m->private;
	struct sdi8k_sim_anc_cfg cfg = sdi8k_sim_anc_get(f->si);
	unsigned int a, b;
	char buf[128];
	bool on;
	int v;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	switch (f->kind) {
	case SIM_ANC_HDR:
		v = sdi8k_sim_transfer_parse(buf);
		if (v < 0)
			return v;
		cfg.transfer = v;
		break;
	case SIM_ANC_HDR10PLUS:
		if (kstrtobool(buf, &on))
			return -EINVAL;
		cfg.hdr10plus = on;
		break;
	case SIM_ANC_TIMECODE:
		if (kstrtobool(buf, &on))
			return -EINVAL;
		cfg.no_atc = !on;
		break;
	case SIM_ANC_CLL:
		if (sscanf(buf, "%u %u", &a, &b) != 2 || a > 65535 || b > 65535)
			return -EINVAL;
		cfg.max_cll = a;
		cfg.max_fall = b;
		break;
	case SIM_ANC_TC_OFFSET:
		if (kstrtou64(buf, 0, &cfg.tc_offset))
			return -EINVAL;
		break;
	case SIM_ANC_COLORIMETRY:
		v = sdi8k_sim_colorimetry_parse(buf);
		if (v < 0)
			return v;
		cfg.colorimetry = v;
		break;
	case SIM_ANC_RANGE:
		if (sysfs_streq(buf, "full"))
			cfg.full_range = true;
		else if (sysfs_streq(buf, "limited"))
			cfg.full_range = false;
		else
			return -EINVAL;
		break;
	case SIM_ANC_ICTCP:
		if (kstrtobool(buf, &on))
			return -EINVAL;
		cfg.ictcp = on;
		break;
	case SIM_ANC_MDCV:
		if (sysfs_streq(buf, "none")) {
			cfg.no_mdcv = true;
			break;
		}
		if (sdi8k_sim_mdcv_parse(buf, &cfg.mdcv))
			return -EINVAL;
		cfg.no_mdcv = false;
		break;
	default:
		v = sdi8k_sim_fault_parse(buf);
		if (v < 0)
			return v;
		cfg.fault = v;
		break;
	}
	sdi8k_sim_set_anc(f->si, &cfg);
	return len;
}

static const struct file_operations sdi8k_sim_anc_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_anc_open,
	.read = seq_read,
	.write = sdi8k_sim_anc_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int sdi8k_sim_stats_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim_input *si = m->private;
	unsigned long flags;
	u32 captured, dropped;
	u64 frame, painted, overruns, malformed, bad_payload;
	struct sdi8k_input *in = &si->sim->card->inputs[si->index];

	spin_lock_irqsave(&si->sim->lock, flags);
	malformed = si->anc_malformed_sent;
	bad_payload = si->anc_bad_payload_sent;
	captured = si->frames_captured;
	dropped = si->frames_dropped;
	frame = si->frame_count;
	overruns = si->overruns;
	spin_unlock_irqrestore(&si->sim->lock, flags);
	painted = READ_ONCE(si->bytes_painted);
	seq_printf(m, "frame_count %llu\ncaptured %u\ndropped %u\noverruns %llu\nbytes_painted %llu\nanc_malformed_sent %llu\nanc_bad_payload_sent %llu\n",
		   frame, captured, dropped, overruns, painted, malformed,
		   bad_payload);
	/* the driver's interrupt-to-buffer-done time (sdi8k_input_irq()) */
	seq_printf(m, "driver_frames %llu\ndriver_ns %llu\ndriver_ns_max %llu\n",
		   READ_ONCE(in->irq_frames), READ_ONCE(in->irq_ns),
		   READ_ONCE(in->irq_ns_max));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sdi8k_sim_stats);

/* ---- card: the 8K source's mapping and the cables ---- */

static int sdi8k_sim_mapping_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim *sim = m->private;

	seq_printf(m, "%s\n",
		   sdi8k_sim_mapping_name(READ_ONCE(sim->source_mapping)));
	return 0;
}

static int sdi8k_sim_cabling_show(struct seq_file *m, void *v)
{
	struct sdi8k_sim *sim = m->private;
	unsigned long flags;
	u8 c[4];

	spin_lock_irqsave(&sim->lock, flags);
	memcpy(c, sim->cabling, sizeof(c));
	spin_unlock_irqrestore(&sim->lock, flags);
	seq_printf(m, "%u%u%u%u\n", c[0] + 1, c[1] + 1, c[2] + 1, c[3] + 1);
	return 0;
}

static int sdi8k_sim_mapping_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_mapping_show, inode->i_private);
}

static int sdi8k_sim_cabling_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_cabling_show, inode->i_private);
}

static ssize_t sdi8k_sim_card_write(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos,
				    int (*set)(struct sdi8k_sim *, const char *))
{
	struct seq_file *m = file->private_data;
	char buf[16];
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	ret = set(m->private, buf);
	return ret ? ret : len;
}

static ssize_t sdi8k_sim_mapping_write(struct file *file,
				       const char __user *ubuf, size_t len,
				       loff_t *ppos)
{
	return sdi8k_sim_card_write(file, ubuf, len, ppos,
				    sdi8k_sim_set_source_mapping);
}

static ssize_t sdi8k_sim_cabling_write(struct file *file,
				       const char __user *ubuf, size_t len,
				       loff_t *ppos)
{
	return sdi8k_sim_card_write(file, ubuf, len, ppos,
				    sdi8k_sim_set_cabling);
}

static const struct file_operations sdi8k_sim_mapping_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_mapping_open,
	.read = seq_read,
	.write = sdi8k_sim_mapping_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations sdi8k_sim_cabling_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_cabling_open,
	.read = seq_read,
	.write = sdi8k_sim_cabling_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void sdi8k_sim_debugfs_init(struct sdi8k_sim *sim)
{
	static const char * const names[SDI8K_SIM_ANC_FILES] = {
		[SIM_ANC_HDR] = "hdr",
		[SIM_ANC_HDR10PLUS] = "hdr10plus",
		[SIM_ANC_CLL] = "cll",
		[SIM_ANC_MALFORMED] = "malformed",
		[SIM_ANC_TIMECODE] = "timecode",
		[SIM_ANC_TC_OFFSET] = "timecode_offset",
		[SIM_ANC_COLORIMETRY] = "colorimetry",
		[SIM_ANC_RANGE] = "range",
		[SIM_ANC_ICTCP] = "ictcp",
		[SIM_ANC_MDCV] = "mdcv",
	};
	unsigned int i, k;

	sim->debugfs = debugfs_create_dir(sim->card->name, sdi8k_debugfs_root);
	if (sim->num_inputs >= 4) {
		debugfs_create_file("source_mapping", 0644, sim->debugfs, sim,
				    &sdi8k_sim_mapping_fops);
		debugfs_create_file("cabling", 0644, sim->debugfs, sim,
				    &sdi8k_sim_cabling_fops);
	}
	for (i = 0; i < sim->num_inputs; i++) {
		struct sdi8k_sim_input *si = &sim->inputs[i];
		struct dentry *dir;
		char name[16];

		snprintf(name, sizeof(name), "input%u", i);
		dir = debugfs_create_dir(name, sim->debugfs);
		debugfs_create_file("signal", 0644, dir, si,
				    &sdi8k_sim_signal_fops);
		debugfs_create_file("link_fault", 0644, dir, si,
				    &sdi8k_sim_link_fops);
		debugfs_create_file("dma_fault", 0644, dir, si,
				    &sdi8k_sim_dma_fault_fops);
		debugfs_create_bool("full_repaint", 0644, dir,
				    &si->full_repaint);
		debugfs_create_file("stats", 0444, dir, si,
				    &sdi8k_sim_stats_fops);
		for (k = 0; k < ARRAY_SIZE(names); k++) {
			struct sdi8k_sim_anc_file *f = &sim->anc_files[i][k];

			f->si = si;
			f->kind = k;
			debugfs_create_file(names[k], 0644, dir, f,
					    &sdi8k_sim_anc_fops);
		}
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

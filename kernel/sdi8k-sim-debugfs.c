// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-sim.ko: the card model's scripting words (kernel/sim/
 * sdi8k-sim-script.c, docs/simulator.md) as debugfs files:
 *
 *   /sys/kernel/debug/sdi8k/<card>/<word>             the card's words
 *   /sys/kernel/debug/sdi8k/<card>/input<N>/<word>    an input's words
 *
 * in the card's directory, which the driver makes (sdi8k_card_debugfs(),
 * with its regs file in it) and removes with the card.
 * Reading a file shows the word's value, writing it sets it. An input's
 * stats file also shows the driver's interrupt-to-buffer-done time.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "sdi8k.h"
#include "sdi8k-sim-host.h"

#define SDI8K_SIM_SHOW_MAX	512
#define SDI8K_SIM_STORE_MAX	128

/**
 * struct sdi8k_sim_file - what one debugfs file stands for
 * @h: the card
 * @si: the input, NULL for a word of the card
 * @word: the word
 */
struct sdi8k_sim_file {
	struct sdi8k_sim_host *h;
	struct sdi8k_sim_input *si;
	const struct sdi8k_sim_word *word;
};

static int sdi8k_sim_file_show(struct seq_file *m, void *v)
{
	const struct sdi8k_sim_file *f = m->private;
	char *buf = kmalloc(SDI8K_SIM_SHOW_MAX, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	f->word->show(f->h->sim, f->si, buf, SDI8K_SIM_SHOW_MAX);
	seq_puts(m, buf);
	kfree(buf);
	if (f->si && !strcmp(f->word->name, "stats")) {
		struct sdi8k_input *in = &f->h->card->inputs[f->si->index];

		/* the driver's time: its thread's and its hard handler's */
		seq_printf(m, "driver_frames %llu\ndriver_ns %llu\ndriver_ns_max %llu\n",
			   READ_ONCE(in->irq_frames), READ_ONCE(in->irq_ns),
			   READ_ONCE(in->irq_ns_max));
		seq_printf(m, "driver_hardirq_calls %llu\ndriver_hardirq_ns %llu\ndriver_hardirq_ns_max %llu\n",
			   READ_ONCE(in->hardirq_calls), READ_ONCE(in->hardirq_ns),
			   READ_ONCE(in->hardirq_ns_max));
	}
	return 0;
}

static int sdi8k_sim_file_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdi8k_sim_file_show, inode->i_private);
}

static ssize_t sdi8k_sim_file_write(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	const struct sdi8k_sim_file *f = m->private;
	char buf[SDI8K_SIM_STORE_MAX];
	int ret;

	if (!f->word->store)
		return -EPERM;
	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	ret = f->word->store(f->h->sim, f->si, buf);
	return ret ? ret : len;
}

static const struct file_operations sdi8k_sim_file_fops = {
	.owner = THIS_MODULE,
	.open = sdi8k_sim_file_open,
	.read = seq_read,
	.write = sdi8k_sim_file_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static void sdi8k_sim_debugfs_words(struct sdi8k_sim_host *h,
				    struct sdi8k_sim_input *si,
				    struct dentry *dir,
				    struct sdi8k_sim_file *files,
				    struct dentry **made)
{
	struct dentry *d;
	unsigned int k;

	for (k = 0; k < sdi8k_sim_num_words; k++) {
		const struct sdi8k_sim_word *w = &sdi8k_sim_words[k];

		if (w->per_input != !!si ||
		    (w->quad_only && h->sim->num_inputs < 4))
			continue;
		files[k].h = h;
		files[k].si = si;
		files[k].word = w;
		d = debugfs_create_file(w->name, w->store ? 0644 : 0444, dir,
					&files[k], &sdi8k_sim_file_fops);
		if (made)
			made[k] = d;
	}
}

void sdi8k_sim_debugfs_init(struct sdi8k_sim_host *h)
{
	unsigned int i, n = sdi8k_sim_num_words;

	h->files = kcalloc((h->sim->num_inputs + 1) * n, sizeof(*h->files),
			   GFP_KERNEL);
	if (!h->files)
		return;	/* no scripting; the card works */
	h->made = kcalloc(n + h->sim->num_inputs, sizeof(*h->made), GFP_KERNEL);
	if (!h->made) {
		kfree(h->files);
		h->files = NULL;
		return;
	}
	/* in the card's directory, beside the driver's regs */
	h->debugfs = sdi8k_card_debugfs(h->card);
	sdi8k_sim_debugfs_words(h, NULL, h->debugfs, h->files, h->made);
	for (i = 0; i < h->sim->num_inputs; i++) {
		struct dentry *dir;
		char name[16];

		snprintf(name, sizeof(name), "input%u", i);
		dir = debugfs_create_dir(name, h->debugfs);
		h->made[n + i] = dir;
		sdi8k_sim_debugfs_words(h, &h->sim->inputs[i], dir,
					h->files + (i + 1) * n, NULL);
	}
}

/* Remove what the card's directory holds of ours; the driver's stays. */
void sdi8k_sim_debugfs_exit(struct sdi8k_sim_host *h)
{
	unsigned int i;

	for (i = 0; h->made && i < sdi8k_sim_num_words + h->sim->num_inputs;
	     i++)
		debugfs_remove_recursive(h->made[i]);
	kfree(h->made);
	h->made = NULL;
	h->debugfs = NULL;
	kfree(h->files);
	h->files = NULL;
}

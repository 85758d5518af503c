/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k-sim.ko: the kernel host of the card model (kernel/sim/): one
 * platform device, one core card and one model per simulated card.
 */
#ifndef SDI8K_SIM_HOST_H
#define SDI8K_SIM_HOST_H

#include <linux/irq_work.h>
#include <linux/platform_device.h>
#include <linux/sched.h>

#include "sim/sdi8k-sim.h"

struct sdi8k_sim_host;
struct sdi8k_sim_file;

/**
 * struct sdi8k_sim_host_input - what the host runs for one input
 * @host: the card
 * @index: the input
 * @thread: paces its frames (sdi8k_sim_input_due(), _frame())
 * @irq_work: delivers its interrupt to the driver in hard IRQ context: the
 *	driver's hard handler, then its thread's work
 */
struct sdi8k_sim_host_input {
	struct sdi8k_sim_host *host;
	unsigned int index;
	struct task_struct *thread;
	struct irq_work irq_work;
};

/**
 * struct sdi8k_sim_host - one simulated card
 * @pdev: its platform device (the device DMA is mapped for)
 * @card: the driver core's card
 * @sim: the model
 * @debugfs: the card's debugfs directory (the driver's)
 * @files: what its files stand for (sdi8k-sim-debugfs.c)
 * @made: the files and directories this module made there
 * @irq_on: the card's interrupts are delivered (the core's card exists)
 * @master_off: bus mastering is off (sdi8k_bus_ops.quiesce): the model's
 *	memory accesses are refused
 * @inputs: per input
 */
struct sdi8k_sim_host {
	struct platform_device *pdev;
	struct sdi8k_card *card;
	struct sdi8k_sim *sim;
	struct dentry *debugfs;
	struct sdi8k_sim_file *files;
	struct dentry **made;
	bool irq_on;
	bool master_off;
	struct sdi8k_sim_host_input inputs[SDI8K_MAX_INPUTS];
};

/* sdi8k-sim-debugfs.c */
void sdi8k_sim_debugfs_init(struct sdi8k_sim_host *h);
void sdi8k_sim_debugfs_exit(struct sdi8k_sim_host *h);

#endif /* SDI8K_SIM_HOST_H */

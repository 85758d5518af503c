// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-sim.ko: the card model (kernel/sim/) hosted in the kernel. The
 * module creates `cards=N` simulated cards on platform devices through the
 * core's exported API (sdi8k-card-api.h), as vivid creates its devices
 * beside the media core. The core reaches a card's registers through the
 * same sdi8k_bus_ops as a PCI card's; the model's interrupt is an
 * irq_work calling the driver's real handler in hard interrupt context;
 * each input's frames are paced by a kernel thread sleeping on hrtimers.
 *
 * The model addresses memory by bus address; the platform device has no
 * IOMMU, and probe checks that its bus addresses are physical addresses,
 * which this host reaches through the kernel's linear map.
 */
#include <linux/dma-mapping.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"
#include "sdi8k-sim-host.h"

#define SDI8K_SIM_MAX_CARDS	8

static unsigned int cards = 1;
module_param(cards, uint, 0444);
MODULE_PARM_DESC(cards, "number of simulated cards to create (0-8, default 1)");

static bool sim_full_repaint;
module_param(sim_full_repaint, bool, 0444);
MODULE_PARM_DESC(sim_full_repaint,
		 "simulated cards repaint every byte of every frame");

static char *sim_firmware[SDI8K_SIM_MAX_CARDS];
static unsigned int sim_firmware_n;
module_param_array(sim_firmware, charp, &sim_firmware_n, 0444);
MODULE_PARM_DESC(sim_firmware,
		 "firmware file of each simulated card (default " SDI8K_FW_NAME ")");

static bool sim_fw_fault;
module_param(sim_fw_fault, bool, 0644);
MODULE_PARM_DESC(sim_fw_fault,
		 "cards probed from now on corrupt the firmware upload in transit (test)");

static char *sim_clock_fault = "none";
module_param(sim_clock_fault, charp, 0444);
MODULE_PARM_DESC(sim_clock_fault,
		 "the cards' clocks from power-on: none, fast (500 ppm), stopped, ones, bad_rate (test)");

static bool sim_dirty_start;
module_param(sim_dirty_start, bool, 0444);
MODULE_PARM_DESC(sim_dirty_start,
		 "cards start as a crashed driver left them: capturing, interrupts pending (test)");

static struct platform_device *sdi8k_sim_pdevs[SDI8K_SIM_MAX_CARDS];
static unsigned int sdi8k_sim_count;

/* ---- the model's environment ---- */

/* Bus addresses are physical (checked at probe): the linear map. */
static void *sdi8k_sim_host_mem(u64 addr, size_t len)
{
	if (!len || addr + len < addr ||
	    !pfn_valid(PHYS_PFN(addr)) || !pfn_valid(PHYS_PFN(addr + len - 1)))
		return NULL;
	return phys_to_virt(addr);
}

static int sdi8k_sim_host_dma_read(struct sdi8k_sim *sim, u64 addr, void *buf,
				   size_t len)
{
	struct sdi8k_sim_host *h = sim->host;
	void *src = READ_ONCE(h->master_off) ? NULL :
		    sdi8k_sim_host_mem(addr, len);

	if (!src)
		return -EFAULT;
	memcpy(buf, src, len);
	return 0;
}

static int sdi8k_sim_host_dma_write(struct sdi8k_sim *sim, u64 addr,
				    const void *buf, size_t len)
{
	struct sdi8k_sim_host *h = sim->host;
	void *dst = READ_ONCE(h->master_off) ? NULL :
		    sdi8k_sim_host_mem(addr, len);

	if (!dst)
		return -EFAULT;
	/* the descriptor's OWN is cleared by a later write: order them */
	dma_wmb();
	memcpy(dst, buf, len);
	return 0;
}

/* No vector before the host has a card to deliver it to (irq_on). */
static void sdi8k_sim_host_irq(struct sdi8k_sim *sim, unsigned int input)
{
	struct sdi8k_sim_host *h = sim->host;

	if (READ_ONCE(h->irq_on))
		irq_work_queue(&h->inputs[input].irq_work);
}

static void sdi8k_sim_host_wake(struct sdi8k_sim *sim, unsigned int input)
{
	struct sdi8k_sim_host *h = sim->host;

	if (h->inputs[input].thread)
		wake_up_process(h->inputs[input].thread);
}

static const struct sdi8k_sim_env sdi8k_sim_host_env = {
	.dma_read = sdi8k_sim_host_dma_read,
	.dma_write = sdi8k_sim_host_dma_write,
	.irq = sdi8k_sim_host_irq,
	.wake = sdi8k_sim_host_wake,
};

/*
 * The vector: the driver's hard handler, then its thread's work, both in
 * the irq_work (hard IRQ context). A thread of their own (a high-priority
 * work item, then a SCHED_FIFO kernel thread, as a threaded interrupt
 * has) completed frames late enough on a loaded TCG guest for
 * v4l2-compliance to see a dropped frame at 8K: the simulated card keeps
 * the pre-thread timing; the PCI card's vectors are threaded interrupts.
 */
static void sdi8k_sim_irq_work(struct irq_work *work)
{
	struct sdi8k_sim_host_input *hi =
		container_of(work, struct sdi8k_sim_host_input, irq_work);

	if (sdi8k_card_input_irq(hi->host->card, hi->index) == IRQ_WAKE_THREAD)
		sdi8k_card_input_thread(hi->host->card, hi->index);
}

/* ---- the core's view: registers ---- */

static u32 sdi8k_sim_host_read(struct sdi8k_card *card, u32 reg)
{
	struct sdi8k_sim_host *h = card->priv;

	return sdi8k_sim_read(h->sim, reg);
}

static void sdi8k_sim_host_write(struct sdi8k_card *card, u32 reg, u32 val)
{
	struct sdi8k_sim_host *h = card->priv;

	sdi8k_sim_write(h->sim, reg, val);
}

static void sdi8k_sim_host_sync_irq(struct sdi8k_card *card,
				    unsigned int input)
{
	struct sdi8k_sim_host *h = card->priv;

	irq_work_sync(&h->inputs[input].irq_work);
}

/* Bus mastering off: the model's DMA is refused (counted in dma_faults). */
static void sdi8k_sim_host_quiesce(struct sdi8k_card *card)
{
	struct sdi8k_sim_host *h = card->priv;

	WRITE_ONCE(h->master_off, true);
}

static const struct sdi8k_bus_ops sdi8k_sim_ops = {
	.read = sdi8k_sim_host_read,
	.write = sdi8k_sim_host_write,
	.sync_irq = sdi8k_sim_host_sync_irq,
	.quiesce = sdi8k_sim_host_quiesce,
};

/* ---- frame pacing ---- */

static int sdi8k_sim_thread(void *data)
{
	struct sdi8k_sim_host_input *hi = data;
	struct sdi8k_sim_input *si = &hi->host->sim->inputs[hi->index];

	for (;;) {
		ktime_t due, ts;
		u64 frame;

		/* before looking: a signal change wakes us from here on */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (!sdi8k_sim_input_due(si, ktime_get(), &due, &frame, &ts)) {
			if (due == KTIME_MAX)
				schedule();
			else
				schedule_hrtimeout_range(&due,
							 20 * NSEC_PER_USEC,
							 HRTIMER_MODE_ABS);
			continue;
		}
		__set_current_state(TASK_RUNNING);
		sdi8k_sim_input_frame(si, frame, ts);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* ---- platform device ---- */

/* The model reads memory by bus address: those must be physical. */
static int sdi8k_sim_check_dma(struct device *dev)
{
	struct page *page = alloc_page(GFP_KERNEL);
	dma_addr_t addr;
	int ret = 0;

	if (!page)
		return -ENOMEM;
	addr = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, addr)) {
		ret = -EIO;
	} else {
		if (addr != page_to_phys(page))
			ret = -EOPNOTSUPP;
		dma_unmap_page(dev, addr, PAGE_SIZE, DMA_FROM_DEVICE);
	}
	__free_page(page);
	if (ret)
		dev_err(dev, "simulated card needs bus addresses equal to physical addresses (no IOMMU, no bounce buffers): %d\n",
			ret);
	return ret;
}

static void sdi8k_sim_stop_inputs(struct sdi8k_sim_host *h, unsigned int n)
{
	while (n--) {
		struct sdi8k_sim_host_input *hi = &h->inputs[n];

		if (hi->thread)
			kthread_stop(hi->thread);
		hi->thread = NULL;
		irq_work_sync(&hi->irq_work);
		sdi8k_sim_input_idle(&h->sim->inputs[n]);
	}
}

static const char *sdi8k_sim_fw_name(unsigned int id)
{
	if (id < sim_firmware_n && sim_firmware[id] && sim_firmware[id][0])
		return sim_firmware[id];
	return SDI8K_FW_NAME;
}

static int sdi8k_sim_probe(struct platform_device *pdev)
{
	struct sdi8k_sim_host *h;
	unsigned int i;
	int ret;

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;
	ret = sdi8k_sim_check_dma(&pdev->dev);
	if (ret)
		return ret;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->pdev = pdev;
	h->sim = sdi8k_sim_create(&sdi8k_sim_host_env, h, dev_name(&pdev->dev),
				  0x5d18000000000001ULL + pdev->id,
				  SDI8K_MAX_INPUTS);
	if (!h->sim) {
		ret = -ENOMEM;
		goto err_free;
	}
	ret = sdi8k_sim_clock_fault_parse(sim_clock_fault);
	if (ret < 0) {
		dev_err(&pdev->dev, "sim_clock_fault=%s: not a clock fault\n",
			sim_clock_fault);
		goto err_sim;
	}
	h->sim->clock_fault = ret;
	h->sim->full_repaint = sim_full_repaint;
	if (sim_dirty_start)
		sdi8k_sim_dirty_start(h->sim);
	h->sim->fw_fault = READ_ONCE(sim_fw_fault);
	for (i = 0; i < h->sim->num_inputs; i++) {
		h->inputs[i].host = h;
		h->inputs[i].index = i;
		init_irq_work(&h->inputs[i].irq_work, sdi8k_sim_irq_work);
	}

	h->card = sdi8k_card_alloc(&pdev->dev, &sdi8k_sim_ops, h, true);
	if (IS_ERR(h->card)) {
		ret = PTR_ERR(h->card);
		goto err_sim;
	}
	h->card->fw_name = sdi8k_sim_fw_name(pdev->id);
	for (i = 0; i < h->sim->num_inputs; i++) {
		struct sdi8k_sim_host_input *hi = &h->inputs[i];

		hi->thread = kthread_run(sdi8k_sim_thread, hi, "%s-sim%u",
					 h->card->name, i);
		if (IS_ERR(hi->thread)) {
			ret = PTR_ERR(hi->thread);
			hi->thread = NULL;
			goto err_threads;
		}
	}
	/*
	 * The vectors now exist: what the card has pending is delivered (to
	 * a card not yet registered, which acknowledges it and does nothing).
	 */
	WRITE_ONCE(h->irq_on, true);
	for (i = 0; i < h->sim->num_inputs; i++)
		irq_work_queue(&h->inputs[i].irq_work);
	platform_set_drvdata(pdev, h->card);
	ret = sdi8k_card_register(h->card);
	if (ret)
		goto err_threads;
	sdi8k_sim_debugfs_init(h);
	return 0;

err_threads:
	sdi8k_sim_stop_inputs(h, i);
	sdi8k_card_put(h->card);
err_sim:
	sdi8k_sim_destroy(h->sim);
err_free:
	kfree(h);
	return ret;
}

static void sdi8k_sim_remove(struct platform_device *pdev)
{
	struct sdi8k_card *card = platform_get_drvdata(pdev);
	struct sdi8k_sim_host *h = card->priv;

	sdi8k_sim_debugfs_exit(h);
	sdi8k_card_unregister(h->card);
	sdi8k_sim_stop_inputs(h, h->sim->num_inputs);
	sdi8k_card_put(h->card);
	sdi8k_sim_destroy(h->sim);
	kfree(h);
}

/*
 * System sleep: the driver stops the card; the card loses its power while
 * the system sleeps (its firmware gone, its clock restarted), so the
 * driver must bring it back at resume.
 */
static int sdi8k_sim_suspend(struct device *dev)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);
	struct sdi8k_sim_host *h = card->priv;
	int ret;

	ret = sdi8k_card_suspend(card);
	if (!ret)
		sdi8k_sim_power_cycle(h->sim);
	return ret;
}

static void sdi8k_sim_shutdown(struct platform_device *pdev)
{
	struct sdi8k_card *card = platform_get_drvdata(pdev);

	if (card)
		sdi8k_card_shutdown(card);
}

static int sdi8k_sim_resume(struct device *dev)
{
	return sdi8k_card_resume(dev_get_drvdata(dev));
}

static DEFINE_SIMPLE_DEV_PM_OPS(sdi8k_sim_pm, sdi8k_sim_suspend,
				sdi8k_sim_resume);

static struct platform_driver sdi8k_sim_driver = {
	.driver.name = "sdi8k-sim",
	.driver.pm = pm_sleep_ptr(&sdi8k_sim_pm),
	.probe = sdi8k_sim_probe,
	.shutdown = sdi8k_sim_shutdown,
	.SDI8K_PLATFORM_REMOVE = sdi8k_sim_remove,
};

static void sdi8k_sim_remove_cards(void)
{
	while (sdi8k_sim_count)
		platform_device_unregister(sdi8k_sim_pdevs[--sdi8k_sim_count]);
}

static int __init sdi8k_sim_init(void)
{
	unsigned int i;
	int ret;

	if (cards > SDI8K_SIM_MAX_CARDS) {
		pr_err("sdi8k-sim: cards=%u: must be 0 to %d\n", cards,
		       SDI8K_SIM_MAX_CARDS);
		return -EINVAL;
	}
	ret = platform_driver_register(&sdi8k_sim_driver);
	if (ret)
		return ret;
	for (i = 0; i < cards; i++) {
		struct platform_device_info info = {
			.name = "sdi8k-sim",
			.id = i,
			.dma_mask = DMA_BIT_MASK(64),
		};
		struct platform_device *pdev = platform_device_register_full(&info);

		if (IS_ERR(pdev)) {
			ret = PTR_ERR(pdev);
			goto err_devices;
		}
		sdi8k_sim_pdevs[sdi8k_sim_count++] = pdev;
	}
	return 0;

err_devices:
	sdi8k_sim_remove_cards();
	platform_driver_unregister(&sdi8k_sim_driver);
	return ret;
}

static void __exit sdi8k_sim_exit(void)
{
	sdi8k_sim_remove_cards();
	platform_driver_unregister(&sdi8k_sim_driver);
}

module_init(sdi8k_sim_init);
module_exit(sdi8k_sim_exit);

MODULE_DESCRIPTION("sdi8k simulated 12G-SDI capture card");
MODULE_AUTHOR("The sdi8k developers");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");

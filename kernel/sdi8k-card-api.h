/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k card API: what sdi8k.ko exports (EXPORT_SYMBOL_GPL) to a module
 * that brings cards of its own bus, as sdi8k-sim.ko does for the
 * simulated card (docs/hardware.md, "Two modules"). The PCI driver inside
 * sdi8k.ko uses the same calls.
 *
 * A bus module, per card:
 *
 *	card = sdi8k_card_alloc(dev, &ops, priv, simulated);
 *	card->fw_name = "...";		(optional: another firmware file)
 *	ret = sdi8k_card_boot(card);	(optional: quiets the card, loads
 *					 the firmware; then
 *					 sdi8k_card_num_inputs() says how
 *					 many interrupt vectors it needs;
 *					 on failure, put)
 *	ret = sdi8k_card_register(card);	(boots the card if not yet,
 *						 makes the nodes; on
 *						 failure, put)
 *	... interrupts: sdi8k_card_input_irq(card, input) in hard IRQ
 *	    context; on IRQ_WAKE_THREAD, sdi8k_card_input_thread(card,
 *	    input) in process context ...
 *	... system sleep: sdi8k_card_suspend(card), sdi8k_card_resume(card)
 *	    from the bus driver's PM callbacks ...
 *	sdi8k_card_unregister(card);	(nodes gone, no interrupt, no DMA)
 *	sdi8k_card_put(card);
 *
 * The device's drvdata must be the card from sdi8k_card_register() on
 * (the sysfs attributes read it); @dev's DMA mask must be set. Using these
 * symbols makes the bus module depend on sdi8k.ko, so sdi8k.ko cannot be
 * unloaded while the bus module is loaded; an open node holds sdi8k.ko,
 * not the bus module: removing the bus module's cards is a hot unplug.
 *
 * The model of the card also shares the core's tables, exported as well:
 * sdi8k_formats[], sdi8k_num_formats, sdi8k_find_format(),
 * sdi8k_sizeimage(), sdi8k_find_raster_name(), sdi8k_raster_quad(),
 * sdi8k_raster_sublink() (sdi8k.h) and sdi8k_fw_parse() (sdi8k-fw.h).
 */
#ifndef SDI8K_CARD_API_H
#define SDI8K_CARD_API_H

#include <linux/irqreturn.h>
#include <linux/types.h>

struct dentry;
struct device;
struct sdi8k_card;

/**
 * struct sdi8k_bus_ops - how the core reaches a card
 * @read: read a BAR0 register
 * @write: write a BAR0 register
 * @sync_irq: wait until no interrupt handler of @input runs
 * @quiesce: stop the card issuing memory requests at all (PCI: bus
 *	mastering off), the last resort against a card whose DMA does not
 *	stop even after a card reset (docs/hardware.md, "Stopping DMA");
 *	optional, process context
 *
 * Called in any context, the interrupt handler included: they must not
 * sleep (@quiesce excepted).
 */
struct sdi8k_bus_ops {
	u32 (*read)(struct sdi8k_card *card, u32 reg);
	void (*write)(struct sdi8k_card *card, u32 reg, u32 val);
	void (*sync_irq)(struct sdi8k_card *card, unsigned int input);
	void (*quiesce)(struct sdi8k_card *card);
};

struct sdi8k_card *sdi8k_card_alloc(struct device *dev,
				    const struct sdi8k_bus_ops *ops,
				    void *priv, bool simulated);
int sdi8k_card_boot(struct sdi8k_card *card);
unsigned int sdi8k_card_num_inputs(const struct sdi8k_card *card);
int sdi8k_card_register(struct sdi8k_card *card);
void sdi8k_card_unregister(struct sdi8k_card *card);
void sdi8k_card_put(struct sdi8k_card *card);
irqreturn_t sdi8k_card_input_irq(struct sdi8k_card *card, unsigned int input);
irqreturn_t sdi8k_card_input_thread(struct sdi8k_card *card,
				    unsigned int input);
void sdi8k_card_shutdown(struct sdi8k_card *card);
int sdi8k_card_suspend(struct sdi8k_card *card);
int sdi8k_card_resume(struct sdi8k_card *card);
struct dentry *sdi8k_card_debugfs(struct sdi8k_card *card);

#endif /* SDI8K_CARD_API_H */

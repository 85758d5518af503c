// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k PCI driver: the real card. BAR0 holds the registers; interrupts
 * come as one MSI-X vector per input, falling back to one MSI or INTx
 * vector shared by all inputs.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/pci.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"

/**
 * struct sdi8k_pci - PCI state of a card
 * @pdev: the function
 * @bar0: its registers
 * @card: the core's card
 * @nvec: interrupt vectors allocated
 */
struct sdi8k_pci {
	struct pci_dev *pdev;
	void __iomem *bar0;
	struct sdi8k_card *card;
	int nvec;
};

static u32 sdi8k_pci_read(struct sdi8k_card *card, u32 reg)
{
	struct sdi8k_pci *p = card->priv;

	return ioread32(p->bar0 + reg);
}

static void sdi8k_pci_write(struct sdi8k_card *card, u32 reg, u32 val)
{
	struct sdi8k_pci *p = card->priv;

	iowrite32(val, p->bar0 + reg);
}

static void sdi8k_pci_sync_irq(struct sdi8k_card *card, unsigned int input)
{
	struct sdi8k_pci *p = card->priv;

	synchronize_irq(pci_irq_vector(p->pdev, p->nvec > 1 ? input : 0));
}

static void sdi8k_pci_quiesce(struct sdi8k_card *card)
{
	struct sdi8k_pci *p = card->priv;

	pci_clear_master(p->pdev);
}

static const struct sdi8k_bus_ops sdi8k_pci_ops = {
	.read = sdi8k_pci_read,
	.write = sdi8k_pci_write,
	.sync_irq = sdi8k_pci_sync_irq,
	.quiesce = sdi8k_pci_quiesce,
};

static irqreturn_t sdi8k_pci_input_irq(int irq, void *data)
{
	return sdi8k_input_irq(data);
}

static irqreturn_t sdi8k_pci_input_thread(int irq, void *data)
{
	return sdi8k_input_thread(data);
}

static irqreturn_t sdi8k_pci_shared_irq(int irq, void *data)
{
	return sdi8k_card_irq(data);
}

static irqreturn_t sdi8k_pci_shared_thread(int irq, void *data)
{
	return sdi8k_card_thread(data);
}

static void sdi8k_pci_free_irqs(struct sdi8k_pci *p, int n)
{
	while (n--)
		free_irq(pci_irq_vector(p->pdev, n), p->nvec > 1 ?
			 (void *)&p->card->inputs[n] : (void *)p->card);
}

static int sdi8k_pci_request_irqs(struct sdi8k_pci *p)
{
	struct sdi8k_card *card = p->card;
	int i, ret;

	for (i = 0; i < p->nvec; i++) {
		/* the hard handler acknowledges; the thread does the work */
		if (p->nvec > 1)
			ret = request_threaded_irq(pci_irq_vector(p->pdev, i),
						   sdi8k_pci_input_irq,
						   sdi8k_pci_input_thread, 0,
						   card->name,
						   &card->inputs[i]);
		else
			ret = request_threaded_irq(pci_irq_vector(p->pdev, 0),
						   sdi8k_pci_shared_irq,
						   sdi8k_pci_shared_thread,
						   IRQF_SHARED, card->name,
						   card);
		if (ret) {
			sdi8k_pci_free_irqs(p, i);
			return ret;
		}
	}
	return 0;
}

static int sdi8k_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sdi8k_pci *p;
	u32 inputs;
	int ret;

	p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->pdev = pdev;

	ret = pci_enable_device(pdev);
	if (ret)
		return dev_err_probe(&pdev->dev, ret, "cannot enable device\n");
	pci_set_master(pdev);
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret) {
		dev_err(&pdev->dev, "no 64-bit DMA\n");
		goto err_disable;
	}
	ret = pci_request_regions(pdev, SDI8K_DRV_NAME);
	if (ret) {
		dev_err(&pdev->dev, "cannot claim BARs\n");
		goto err_disable;
	}
	if (pci_resource_len(pdev, 0) < SDI8K_BAR0_SIZE) {
		dev_err(&pdev->dev, "BAR0 too small\n");
		ret = -ENODEV;
		goto err_regions;
	}
	p->bar0 = pci_iomap(pdev, 0, SDI8K_BAR0_SIZE);
	if (!p->bar0) {
		ret = -ENOMEM;
		goto err_regions;
	}

	p->card = sdi8k_card_alloc(&pdev->dev, &sdi8k_pci_ops, p, false);
	if (IS_ERR(p->card)) {
		ret = PTR_ERR(p->card);
		goto err_unmap;
	}
	/* which images run on this board (sdi8k-fw.c checks the list) */
	p->card->pci_device = pdev->device;
	p->card->pci_subdevice = pdev->subsystem_device;
	pci_set_drvdata(pdev, p->card);

	/*
	 * Quiet the card and run its firmware before sizing the vectors:
	 * the running design says how many inputs there are (one vector
	 * each), whatever a previous driver left running.
	 */
	ret = sdi8k_card_boot(p->card);
	if (ret)
		goto err_card;
	inputs = sdi8k_card_num_inputs(p->card);
	p->nvec = pci_alloc_irq_vectors(pdev, inputs, inputs, PCI_IRQ_MSIX);
	if (p->nvec < 0)
		p->nvec = pci_alloc_irq_vectors(pdev, 1, 1,
						PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (p->nvec < 0) {
		ret = p->nvec;
		dev_err(&pdev->dev, "no interrupt vector\n");
		goto err_card;
	}
	dev_info(&pdev->dev, "%d %s vector%s for %u inputs\n", p->nvec,
		 pdev->msix_enabled ? "MSI-X" : pdev->msi_enabled ? "MSI" :
		 "INTx", p->nvec > 1 ? "s" : "", inputs);
	ret = sdi8k_pci_request_irqs(p);
	if (ret)
		goto err_vectors;

	ret = sdi8k_card_register(p->card);
	if (ret)
		goto err_irqs;
	return 0;

err_irqs:
	sdi8k_pci_free_irqs(p, p->nvec);
err_vectors:
	pci_free_irq_vectors(pdev);
err_card:
	sdi8k_card_put(p->card);
err_unmap:
	pci_iounmap(pdev, p->bar0);
err_regions:
	pci_release_regions(pdev);
err_disable:
	pci_disable_device(pdev);
	return ret;
}

static void sdi8k_pci_remove(struct pci_dev *pdev)
{
	struct sdi8k_card *card = pci_get_drvdata(pdev);
	struct sdi8k_pci *p = card->priv;

	sdi8k_card_unregister(p->card);
	sdi8k_pci_free_irqs(p, p->nvec);
	pci_free_irq_vectors(pdev);
	/* the card stays allocated until its last user closes */
	sdi8k_card_put(p->card);
	pci_iounmap(pdev, p->bar0);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static const struct pci_device_id sdi8k_pci_ids[] = {
	{ PCI_DEVICE_SUB(SDI8K_PCI_VENDOR_ID, SDI8K_PCI_DEVICE_ID,
			 SDI8K_PCI_SUBVENDOR_ID, SDI8K_PCI_SUBDEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, sdi8k_pci_ids);

/* Reboot, kexec: the next kernel finds the card quiet and not mastering. */
static void sdi8k_pci_shutdown(struct pci_dev *pdev)
{
	struct sdi8k_card *card = pci_get_drvdata(pdev);

	if (card)
		sdi8k_card_shutdown(card);
	pci_clear_master(pdev);
}

/* System sleep; the PCI core saves and restores the function's state. */
static int sdi8k_pci_suspend(struct device *dev)
{
	return sdi8k_card_suspend(dev_get_drvdata(dev));
}

static int sdi8k_pci_resume(struct device *dev)
{
	return sdi8k_card_resume(dev_get_drvdata(dev));
}

static DEFINE_SIMPLE_DEV_PM_OPS(sdi8k_pci_pm, sdi8k_pci_suspend,
				sdi8k_pci_resume);

static struct pci_driver sdi8k_pci_driver = {
	.name = SDI8K_DRV_NAME,
	.id_table = sdi8k_pci_ids,
	.probe = sdi8k_pci_probe,
	.remove = sdi8k_pci_remove,
	.shutdown = sdi8k_pci_shutdown,
	.driver.pm = pm_sleep_ptr(&sdi8k_pci_pm),
};

int sdi8k_pci_init(void)
{
	return pci_register_driver(&sdi8k_pci_driver);
}

void sdi8k_pci_exit(void)
{
	pci_unregister_driver(&sdi8k_pci_driver);
}

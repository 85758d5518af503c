// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k core: card and input lifetime and the interrupt handler, shared
 * by PCI cards and simulated cards. The simulated cards are a module of
 * their own, sdi8k-sim.ko, which reaches the core only through the API
 * exported here (sdi8k-card-api.h).
 *
 * Lifetime: the card is freed by its v4l2_device's release, which runs
 * when the last video node is released (after the last close), so an
 * application holding a node open across removal of the card is safe.
 */
#include <linux/bitfield.h>
#include <linux/idr.h>
#include <linux/iopoll.h>
#include <linux/interrupt.h>
#include <linux/jump_label.h>
#include <linux/kstrtox.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "sdi8k.h"

static DEFINE_IDA(sdi8k_card_ida);

/* ---- sysfs: the card's identity, on its PCI or platform device ---- */

static ssize_t serial_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%016llx\n", card->serial);
}
static DEVICE_ATTR_RO(serial);

static ssize_t firmware_version_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u.%u\n", card->fw_version >> 16,
			  card->fw_version & 0xffff);
}
static DEVICE_ATTR_RO(firmware_version);

static ssize_t inputs_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", card->num_inputs);
}
static DEVICE_ATTR_RO(inputs);

static ssize_t simulated_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", card->simulated);
}
static DEVICE_ATTR_RO(simulated);

static ssize_t card_name_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct sdi8k_card *card = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", card->name);
}
static DEVICE_ATTR_RO(card_name);

static struct attribute *sdi8k_card_attrs[] = {
	&dev_attr_serial.attr,
	&dev_attr_firmware_version.attr,
	&dev_attr_inputs.attr,
	&dev_attr_simulated.attr,
	&dev_attr_card_name.attr,
	NULL
};

/*
 * Added in sdi8k_card_register(), before the video nodes exist, so udev
 * finds the serial when the nodes appear (driver dev_groups would only be
 * added after probe returns). The bus drivers' drvdata is the card.
 */
static const struct attribute_group sdi8k_card_group = {
	.attrs = sdi8k_card_attrs,
};

/*
 * The attributes that act on the inputs: added once every input's nodes
 * exist, removed before any goes, so that a write (a udev rule on the
 * first node's "add", say) never reaches an input that is not whole. A
 * rule that sets them belongs on the device's "bind".
 */
static struct attribute *sdi8k_card_ctl_attrs[] = {
	&dev_attr_topology.attr,
	&dev_attr_link_order.attr,
	&dev_attr_quad_links.attr,
	&dev_attr_buffer_memory.attr,
	NULL
};

static const struct attribute_group sdi8k_card_ctl_group = {
	.attrs = sdi8k_card_ctl_attrs,
};

static void sdi8k_card_release(struct v4l2_device *v4l2_dev)
{
	struct sdi8k_card *card = container_of(v4l2_dev, struct sdi8k_card,
					       v4l2_dev);
	unsigned int i;
	int id;

	for (i = 0; i < card->num_inputs; i++)
		v4l2_ctrl_handler_free(&card->inputs[i].ctrls);
	dma_pool_destroy(card->sg_pool);
	sdi8k_vb2_owner_put(card->vb2_owner);
	if (sscanf(card->name, SDI8K_DRV_NAME "-%d", &id) == 1)
		ida_free(&sdi8k_card_ida, id);
	put_device(card->dev);
	kfree(card);
}

/**
 * sdi8k_card_alloc - allocate a card for a device
 * @dev: the device DMA is mapped for
 * @ops: register access
 * @priv: the bus's state, for @ops
 * @simulated: the card is the simulator
 *
 * Return: the card or an ERR_PTR. Free with sdi8k_card_put().
 */
struct sdi8k_card *sdi8k_card_alloc(struct device *dev,
				    const struct sdi8k_bus_ops *ops,
				    void *priv, bool simulated)
{
	struct sdi8k_card *card;
	unsigned int i;
	int id, ret;

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return ERR_PTR(-ENOMEM);
	id = ida_alloc_max(&sdi8k_card_ida, SDI8K_MAX_CARDS - 1, GFP_KERNEL);
	if (id < 0) {
		kfree(card);
		return ERR_PTR(id);
	}
	snprintf(card->name, sizeof(card->name), SDI8K_DRV_NAME "-%d", id);
	card->dev = get_device(dev);
	card->ops = ops;
	card->priv = priv;
	card->simulated = simulated;
	card->pci_device = SDI8K_PCI_DEVICE_ID;
	card->pci_subdevice = SDI8K_PCI_SUBDEVICE_ID;
	card->fw_name = SDI8K_FW_NAME;
	spin_lock_init(&card->pin_lock);
	mutex_init(&card->audio_lock);
	/*
	 * Every input is whole from here on, so that an interrupt that comes
	 * early (a card left running by a crashed driver or across kexec)
	 * finds its card: sdi8k_input_irq() acknowledges it and does nothing
	 * until the card is live.
	 */
	for (i = 0; i < SDI8K_MAX_INPUTS; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		in->card = card;
		in->index = i;
		mutex_init(&in->lock);
		spin_lock_init(&in->slock);
		spin_lock_init(&in->aud.lock);
		INIT_LIST_HEAD(&in->pending);
		INIT_WORK(&in->signal_work, sdi8k_video_signal_work);
		INIT_WORK(&in->hdr_work, sdi8k_anc_hdr_work);
	}

	card->vb2_owner = sdi8k_vb2_owner_new(dev);
	if (!card->vb2_owner) {
		ida_free(&sdi8k_card_ida, id);
		put_device(dev);
		kfree(card);
		return ERR_PTR(-ENOMEM);
	}
	card->v4l2_dev.release = sdi8k_card_release;
	strscpy(card->v4l2_dev.name, card->name, sizeof(card->v4l2_dev.name));
	ret = v4l2_device_register(dev, &card->v4l2_dev);
	if (ret) {
		sdi8k_vb2_owner_put(card->vb2_owner);
		ida_free(&sdi8k_card_ida, id);
		put_device(dev);
		kfree(card);
		return ERR_PTR(ret);
	}
	return card;
}
EXPORT_SYMBOL_GPL(sdi8k_card_alloc);

/**
 * sdi8k_card_num_inputs - the inputs of a booted card's running design
 * @card: a card after sdi8k_card_boot()
 *
 * Return: 1 to SDI8K_MAX_INPUTS, 0 before the card is booted.
 */
unsigned int sdi8k_card_num_inputs(const struct sdi8k_card *card)
{
	return card->num_inputs;
}
EXPORT_SYMBOL_GPL(sdi8k_card_num_inputs);

/**
 * sdi8k_card_put - drop the bus's reference to a card
 * @card: a card from sdi8k_card_alloc()
 *
 * The card is freed once its last video node is closed as well.
 */
void sdi8k_card_put(struct sdi8k_card *card)
{
	v4l2_device_put(&card->v4l2_dev);
}
EXPORT_SYMBOL_GPL(sdi8k_card_put);

static void sdi8k_input_teardown(struct sdi8k_input *in)
{
	sdi8k_in_write(in, SDI8K_IN_IRQ_MASK, 0);
	in->card->ops->sync_irq(in->card, in->index);
	cancel_work_sync(&in->signal_work);
	cancel_work_sync(&in->hdr_work);
}

/**
 * sdi8k_wait_clear - wait for a self-clearing bit of the card to clear
 * @card: the card
 * @input: the input whose register @reg is (its offset in the input's
 *	block), or -1 for a global register
 * @reg: the register
 * @bit: the bit
 * @timeout_ms: how long the hardware contract gives it (docs/hardware.md)
 * @what: what it does, for the message
 *
 * Process context: sleeps. Return: 0; -ENODEV when the register reads
 * all-ones (the card is gone from the bus) or -ETIMEDOUT, each with a
 * message naming the card, the input and @what.
 */
int sdi8k_wait_clear(struct sdi8k_card *card, int input, u32 reg, u32 bit,
		     u32 timeout_ms, const char *what)
{
	u32 addr = input < 0 ? reg : SDI8K_INPUT_BASE(input) + reg, v;
	char where[20] = "";
	int ret;

	ret = read_poll_timeout(sdi8k_read, v, !(v & bit) || v == U32_MAX,
				100, timeout_ms * USEC_PER_MSEC, false, card,
				addr);
	if (!ret && v != U32_MAX)
		return 0;
	if (input >= 0)
		snprintf(where, sizeof(where), " input %d", input);
	if (v == U32_MAX) {
		dev_err(card->dev, "%s%s: %s failed: the card does not answer (register 0x%04x reads all-ones)\n",
			card->name, where, what, addr);
		return -ENODEV;
	}
	dev_err(card->dev, "%s%s: %s did not complete within %u ms (register 0x%04x reads 0x%08x)\n",
		card->name, where, what, timeout_ms, addr, v);
	return -ETIMEDOUT;
}

/**
 * sdi8k_card_boot - identify the card, quiet it, load its firmware
 * @card: a card from sdi8k_card_alloc()
 *
 * Resets and masks the card first (a driver that crashed, or the kernel
 * before a kexec, may have left it capturing with interrupts pending),
 * then uploads the firmware; afterwards @card->num_inputs is the running
 * design's, so a bus sizes its interrupt vectors now, before
 * sdi8k_card_register(). Optional: sdi8k_card_register() boots a card
 * that is not booted. On failure, put the card (sdi8k_card_put()).
 *
 * Return: 0 or a negative errno (with a message).
 */
int sdi8k_card_boot(struct sdi8k_card *card)
{
	u32 id, caps;
	int ret;

	id = sdi8k_read(card, SDI8K_REG_ID);
	if (id != SDI8K_ID_MAGIC) {
		dev_err(card->dev, "%s: not an sdi8k card (ID 0x%08x)\n",
			card->name, id);
		ret = -ENODEV;
		goto err_v4l2;
	}
	card->hw_version = sdi8k_read(card, SDI8K_REG_HW_VERSION);
	sdi8k_write(card, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET);
	ret = sdi8k_wait_clear(card, -1, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET,
			       SDI8K_CARD_RESET_MS, "card reset");
	if (ret)
		goto err_v4l2;
	/* the design the inputs belong to: CAPS below is the firmware's */
	ret = sdi8k_fw_load(card);
	if (ret)
		goto err_v4l2;
	/* every card starts as four independent inputs */
	sdi8k_write(card, SDI8K_REG_TOPOLOGY, SDI8K_TOPO_4X1);
	card->topology = SDI8K_TOPO_4X1;
	caps = sdi8k_read(card, SDI8K_REG_CAPS);
	card->num_inputs = FIELD_GET(SDI8K_CAPS_INPUTS_MASK, caps);
	card->max_link_rate = FIELD_GET(SDI8K_CAPS_RATE_MASK, caps);
	if (!card->num_inputs || card->num_inputs > SDI8K_MAX_INPUTS) {
		dev_err(card->dev, "%s: card reports %u inputs\n", card->name,
			card->num_inputs);
		card->num_inputs = 0;
		ret = -ENODEV;
		goto err_v4l2;
	}
	card->serial = (u64)sdi8k_read(card, SDI8K_REG_SERIAL_HI) << 32 |
		       sdi8k_read(card, SDI8K_REG_SERIAL_LO);
	card->fw_version = sdi8k_read(card, SDI8K_REG_FW_VERSION);
	card->booted = true;
	return 0;

err_v4l2:
	/* drops the device reference v4l2_device_register() took */
	v4l2_device_unregister(&card->v4l2_dev);
	return ret;
}
EXPORT_SYMBOL_GPL(sdi8k_card_boot);

/**
 * sdi8k_card_register - bring a card up: create its nodes
 * @card: the card; its bus must answer register accesses and deliver
 *	interrupts already
 *
 * Boots the card first unless sdi8k_card_boot() did (a missing or bad
 * firmware image refuses the card).
 *
 * Return: 0 or a negative errno; on failure nothing is left registered
 * (the v4l2_device included) and the caller frees the card with
 * sdi8k_card_put().
 */
int sdi8k_card_register(struct sdi8k_card *card)
{
	unsigned int i;
	int ret;

	if (!card->booted) {
		ret = sdi8k_card_boot(card);
		if (ret)
			return ret;
	}

	card->sg_pool = dma_pool_create("sdi8k-sg", card->dev, SDI8K_SG_BLOCK,
					SDI8K_SG_BLOCK, 0);
	if (!card->sg_pool) {
		ret = -ENOMEM;
		goto err_v4l2;
	}

	ret = device_add_group(card->dev, &sdi8k_card_group);
	if (ret)
		goto err_v4l2;

	sdi8k_write(card, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET);
	ret = sdi8k_wait_clear(card, -1, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET,
			       SDI8K_CARD_RESET_MS, "card reset");
	if (ret) {
		device_remove_group(card->dev, &sdi8k_card_group);
		goto err_v4l2;
	}
	sdi8k_clock_start(card);
	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		ret = sdi8k_ring_alloc(in);
		if (ret)
			goto err_inputs;
		ret = sdi8k_video_register(in);
		if (ret) {
			sdi8k_ring_free(in);
			goto err_inputs;
		}
		sdi8k_in_write(in, SDI8K_IN_IRQ_STATUS, SDI8K_IRQ_ALL);
		sdi8k_in_write(in, SDI8K_IN_IRQ_MASK, SDI8K_IRQ_ALL);
	}
	ret = device_add_group(card->dev, &sdi8k_card_ctl_group);
	if (ret)
		goto err_inputs;
	/* the pictures are worth having without the sound */
	ret = sdi8k_audio_register(card);
	if (ret && ret != -EOPNOTSUPP)
		dev_warn(card->dev, "%s: no embedded audio (ALSA card: %d)\n",
			 card->name, ret);
	sdi8k_debugfs_card_init(card);
	WRITE_ONCE(card->live, true);
	dev_info(card->dev, "%s: %u inputs, serial %016llx, firmware %u.%u%s\n",
		 card->name, card->num_inputs, card->serial,
		 card->fw_version >> 16, card->fw_version & 0xffff,
		 card->simulated ? ", simulated" : "");
	return 0;

err_inputs:
	while (i--) {
		sdi8k_input_teardown(&card->inputs[i]);
		sdi8k_video_unregister(&card->inputs[i]);
		sdi8k_ring_free(&card->inputs[i]);
	}
	sdi8k_clock_stop(card);
	device_remove_group(card->dev, &sdi8k_card_group);
err_v4l2:
	/* drops the device reference v4l2_device_register() took */
	v4l2_device_unregister(&card->v4l2_dev);
	return ret;
}
EXPORT_SYMBOL_GPL(sdi8k_card_register);

/**
 * sdi8k_card_shutdown - the system reboots or kexecs: quiet the card
 * @card: a registered card
 *
 * A card reset stops every DMA engine and masks every interrupt, so the
 * next kernel (or firmware) finds the card quiet. Nothing else is undone.
 */
void sdi8k_card_shutdown(struct sdi8k_card *card)
{
	WRITE_ONCE(card->live, false);
	sdi8k_write(card, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET);
	sdi8k_wait_clear(card, -1, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET,
			 SDI8K_CARD_RESET_MS, "card reset");
}
EXPORT_SYMBOL_GPL(sdi8k_card_shutdown);

/**
 * sdi8k_card_suspend - the system goes to sleep: stop the card
 * @card: a registered card
 *
 * Process context (the bus driver's PM suspend). Every stream ends with an
 * error (its client restarts it after resume, as after a signal loss); the
 * DMA engines stop as on STREAMOFF (escalating if they do not) and the
 * card's interrupts are masked. The card may lose its power, and with it
 * its firmware, until sdi8k_card_resume().
 *
 * Return: 0.
 */
int sdi8k_card_suspend(struct sdi8k_card *card)
{
	unsigned int i;

	sdi8k_clock_stop(card);
	sdi8k_audio_suspend(card);
	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		mutex_lock(&in->lock);
		if (in->streaming) {
			sdi8k_ring_fail_all(card);
			sdi8k_ring_halt(in);
		}
		sdi8k_in_write(in, SDI8K_IN_IRQ_MASK, 0);
		mutex_unlock(&in->lock);
		card->ops->sync_irq(card, i);
		cancel_work_sync(&in->signal_work);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_card_suspend);

/**
 * sdi8k_card_resume - the system woke: bring the card back
 * @card: a card that sdi8k_card_suspend() stopped
 *
 * Process context. Loads the firmware again (the card may have lost
 * power), resets the card, restores its topology and quad-link map and
 * its clock mapping, enables its interrupts and has every input look at
 * its signal again. A card whose firmware no longer loads, or now gives
 * another number of inputs, stays out of service (one message) until it
 * is rebound.
 *
 * Return: 0, or a negative errno (the card is out of service).
 */
int sdi8k_card_resume(struct sdi8k_card *card)
{
	unsigned int i;
	int ret;

	ret = sdi8k_fw_load(card);
	if (!ret && card->fw.inputs != card->num_inputs)
		ret = -ENODEV;
	if (!ret) {
		sdi8k_write(card, SDI8K_REG_CONTROL, SDI8K_CONTROL_RESET);
		ret = sdi8k_wait_clear(card, -1, SDI8K_REG_CONTROL,
				       SDI8K_CONTROL_RESET, SDI8K_CARD_RESET_MS,
				       "card reset");
	}
	if (ret) {
		dev_err(card->dev,
			"%s: the card did not come back from sleep (%d): out of service until it is rebound\n",
			card->name, ret);
		WRITE_ONCE(card->dma_dead, true);
		return ret;
	}
	mutex_lock(&card->inputs[0].lock);
	sdi8k_write(card, SDI8K_REG_TOPOLOGY, card->topology);
	if (sdi8k_card_quad(card))
		sdi8k_quad_follow_links(card);
	mutex_unlock(&card->inputs[0].lock);
	sdi8k_clock_start(card);
	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		sdi8k_in_write(in, SDI8K_IN_IRQ_STATUS,
			       SDI8K_IRQ_ALL | SDI8K_IRQ_AUDIO_ALL);
		sdi8k_in_write(in, SDI8K_IN_IRQ_MASK, sdi8k_irq_mask(card));
		schedule_work(&in->signal_work);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_card_resume);

/**
 * sdi8k_card_unregister - take a card down: stop streams, remove nodes
 * @card: a registered card
 *
 * Afterwards the card raises no interrupts and touches no memory; open
 * file handles get -ENODEV. Free with sdi8k_card_put().
 */
void sdi8k_card_unregister(struct sdi8k_card *card)
{
	unsigned int i;

	/* the ALSA card first: its captures end, its engines stop */
	sdi8k_audio_unregister(card);
	/* each waits for a user in progress; none starts afterwards */
	WRITE_ONCE(card->live, false);
	sdi8k_debugfs_card_exit(card);
	device_remove_group(card->dev, &sdi8k_card_ctl_group);
	for (i = 0; i < card->num_inputs; i++) {
		struct sdi8k_input *in = &card->inputs[i];

		/* stops streaming: DMA idle, buffers returned */
		sdi8k_video_unregister(in);
		sdi8k_input_teardown(in);
		sdi8k_ring_free(in);
	}
	/*
	 * The queues are released and the DMA stopped: buffers still mmapped
	 * or exported are unmapped from the card now, while its device can
	 * (a hot unplug releases the device's IOMMU group after this).
	 */
	sdi8k_vb2_owner_detach(card->vb2_owner);
	/*
	 * Every buffer's chain went back with its queue. The pool goes now,
	 * while its device is: a node still open may keep the card past the
	 * device's removal (hot unplug, rmmod sdi8k-sim), and the pool's
	 * sysfs file cannot be removed from a deleted device.
	 */
	dma_pool_destroy(card->sg_pool);
	card->sg_pool = NULL;
	sdi8k_clock_stop(card);
	device_remove_group(card->dev, &sdi8k_card_group);
	v4l2_device_unregister(&card->v4l2_dev);
}
EXPORT_SYMBOL_GPL(sdi8k_card_unregister);

/*
 * The card reads all-ones: it is gone from the bus (surprise removal, a
 * dead link). Hard IRQ context. Nothing is scheduled: the card may be
 * freed before work would run. Every stream ends with an error, and the
 * removal that follows finds nothing to wait for.
 */
static void sdi8k_card_gone(struct sdi8k_card *card)
{
	WRITE_ONCE(card->gone, true);
	/* once, whichever vector saw it first */
	if (atomic_xchg(&card->gone_reported, 1))
		return;
	dev_err(card->dev,
		"%s: the card does not answer (registers read all-ones): gone from the bus, capture stopped\n",
		card->name);
	sdi8k_ring_fail_all(card);
}

/*
 * Whether the interrupt handlers time themselves (the irq_ns and
 * hardirq_ns figures a benchmark reads): off, two clock reads fewer per
 * interrupt, unless the module parameter irq_timing is set.
 */
static DEFINE_STATIC_KEY_FALSE(sdi8k_irq_timing);

static int sdi8k_irq_timing_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret = kstrtobool(val, &on);

	if (ret)
		return ret;
	if (on)
		static_branch_enable(&sdi8k_irq_timing);
	else
		static_branch_disable(&sdi8k_irq_timing);
	return 0;
}

static int sdi8k_irq_timing_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%c\n",
			  static_key_enabled(&sdi8k_irq_timing) ? 'Y' : 'N');
}

static const struct kernel_param_ops sdi8k_irq_timing_ops = {
	.set = sdi8k_irq_timing_set,
	.get = sdi8k_irq_timing_get,
};
module_param_cb(irq_timing, &sdi8k_irq_timing_ops, NULL, 0644);
MODULE_PARM_DESC(irq_timing,
		 "time the interrupt handlers, per frame (debugfs figures for benchmarks; default off)");

/* one timed run of a handler begun at t0: its count, total and longest */
static void sdi8k_irq_cost_add(u64 t0, u64 *calls, u64 *total, u64 *max)
{
	u64 ns = ktime_get_ns() - t0;

	WRITE_ONCE(*calls, *calls + 1);
	WRITE_ONCE(*total, *total + ns);
	if (ns > *max)
		WRITE_ONCE(*max, ns);
}

/**
 * sdi8k_input_irq - interrupt handler of one input (its MSI-X vector)
 * @in: the input
 *
 * Hard interrupt context, kept minimal: takes and acknowledges the
 * input's interrupt status and leaves the work to sdi8k_input_thread().
 * The PCI driver calls it from its vectors; other buses through
 * sdi8k_card_input_irq().
 *
 * Return: IRQ_WAKE_THREAD, or IRQ_NONE when nothing was pending.
 */
irqreturn_t sdi8k_input_irq(struct sdi8k_input *in)
{
	u64 t0 = static_branch_unlikely(&sdi8k_irq_timing) ? ktime_get_ns() : 0;
	u32 st = sdi8k_in_read(in, SDI8K_IN_IRQ_STATUS);

	if (st == U32_MAX) {
		sdi8k_card_gone(in->card);
		return IRQ_NONE;
	}
	st &= sdi8k_in_read(in, SDI8K_IN_IRQ_MASK);
	if (!st)
		return IRQ_NONE;
	sdi8k_in_write(in, SDI8K_IN_IRQ_STATUS, st);
	/* before the card is live (or after): acknowledged, nothing done */
	if (!READ_ONCE(in->card->live) || in->index >= in->card->num_inputs)
		return IRQ_HANDLED;
	atomic_or(st, &in->irq_pending);
	/* its own cost, for the benchmark (the thread's is irq_ns) */
	if (t0)
		sdi8k_irq_cost_add(t0, &in->hardirq_calls, &in->hardirq_ns,
				   &in->hardirq_ns_max);
	return IRQ_WAKE_THREAD;
}

/**
 * sdi8k_input_thread - the work of an input's interrupts
 * @in: the input
 *
 * Its interrupt thread (process context; never runs twice at once for an
 * input): completes the frames the card wrote back in ring order, with
 * their ancillary data and metadata buffers, schedules the signal work,
 * and reports the audio periods to ALSA. Handles every status bit the
 * hard handler took since it last ran.
 *
 * Return: IRQ_HANDLED, or IRQ_NONE when nothing was pending.
 */
irqreturn_t sdi8k_input_thread(struct sdi8k_input *in)
{
	u32 st = atomic_xchg(&in->irq_pending, 0);
	u64 t0 = static_branch_unlikely(&sdi8k_irq_timing) ? ktime_get_ns() : 0;

	if (!st)
		return IRQ_NONE;
	if (st & SDI8K_IRQ_DMA_ERROR)
		dev_err_ratelimited(in->card->dev,
				    "%s input %u: DMA error\n",
				    in->card->name, in->index);
	if (st & (SDI8K_IRQ_FRAME_DONE | SDI8K_IRQ_DMA_ERROR)) {
		sdi8k_ring_complete(in);
		/* the driver's own cost per frame, for the benchmark */
		if (t0)
			sdi8k_irq_cost_add(t0, &in->irq_frames, &in->irq_ns,
					   &in->irq_ns_max);
	}
	if (st & SDI8K_IRQ_SIGNAL_CHANGE)
		schedule_work(&in->signal_work);
	if (st & SDI8K_IRQ_AUDIO_ALL)
		sdi8k_audio_irq(in, st);
	return IRQ_HANDLED;
}

/**
 * sdi8k_card_input_irq - deliver an interrupt of one input of a card
 * @card: a registered card
 * @input: the input, below SDI8K_MAX_INPUTS
 *
 * For buses whose interrupts are not PCI vectors: the simulated card
 * calls it from an irq_work, in hard interrupt context as a vector
 * would; on IRQ_WAKE_THREAD the bus then calls sdi8k_card_input_thread()
 * in process context, as the vector's thread would run. The bus's
 * sync_irq op must wait for both to end.
 *
 * Return: IRQ_WAKE_THREAD if the input had an interrupt pending.
 */
irqreturn_t sdi8k_card_input_irq(struct sdi8k_card *card, unsigned int input)
{
	if (WARN_ON_ONCE(input >= SDI8K_MAX_INPUTS))
		return IRQ_NONE;
	return sdi8k_input_irq(&card->inputs[input]);
}
EXPORT_SYMBOL_GPL(sdi8k_card_input_irq);

/**
 * sdi8k_card_input_thread - the threaded part of an input's interrupt
 * @card: a registered card
 * @input: the input
 *
 * Process context, after sdi8k_card_input_irq() returned IRQ_WAKE_THREAD;
 * never twice at once for one input.
 *
 * Return: IRQ_HANDLED, or IRQ_NONE when nothing was pending.
 */
irqreturn_t sdi8k_card_input_thread(struct sdi8k_card *card,
				    unsigned int input)
{
	if (WARN_ON_ONCE(input >= SDI8K_MAX_INPUTS))
		return IRQ_NONE;
	return sdi8k_input_thread(&card->inputs[input]);
}
EXPORT_SYMBOL_GPL(sdi8k_card_input_thread);

/* Shared vector (MSI or INTx): dispatch to the inputs that are pending. */
irqreturn_t sdi8k_card_irq(struct sdi8k_card *card)
{
	u32 pending = sdi8k_read(card, SDI8K_REG_IRQ_SUMMARY);
	irqreturn_t ret = IRQ_NONE;
	unsigned int i;

	if (pending == U32_MAX) {	/* not ours: the card is gone */
		sdi8k_card_gone(card);
		return IRQ_NONE;
	}
	/* every input the card may have: one pending before probe ends too */
	for (i = 0; i < SDI8K_MAX_INPUTS; i++) {
		irqreturn_t r;

		if (!(pending & BIT(i)))
			continue;
		r = sdi8k_input_irq(&card->inputs[i]);
		if (r == IRQ_WAKE_THREAD || ret == IRQ_NONE)
			ret = r;
	}
	return ret;
}

/**
 * sdi8k_card_thread - the threaded part of the card's shared vector
 * @card: the card
 *
 * Return: IRQ_HANDLED if an input had work.
 */
irqreturn_t sdi8k_card_thread(struct sdi8k_card *card)
{
	irqreturn_t ret = IRQ_NONE;
	unsigned int i;

	for (i = 0; i < card->num_inputs; i++)
		if (sdi8k_input_thread(&card->inputs[i]) == IRQ_HANDLED)
			ret = IRQ_HANDLED;
	return ret;
}

static int __init sdi8k_init(void)
{
	int ret;

	sdi8k_debugfs_init();
	ret = sdi8k_pci_init();
	if (ret)
		sdi8k_debugfs_exit();
	return ret;
}

static void __exit sdi8k_exit(void)
{
	sdi8k_pci_exit();
	sdi8k_debugfs_exit();
}

module_init(sdi8k_init);
module_exit(sdi8k_exit);

MODULE_DESCRIPTION("sdi8k 12G-SDI capture card driver");
MODULE_AUTHOR("The sdi8k developers");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.1.0");

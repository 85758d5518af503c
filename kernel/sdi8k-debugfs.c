// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k debugfs: /sys/kernel/debug/sdi8k/<card>/regs, every register of
 * docs/hardware.md read through the driver's own accessors, for bug
 * reports (as mgb4's registers file). Write-only registers and the
 * firmware window are left out; reading CLOCK_LO latches CLOCK_HI, as any
 * read does. The card's directory is exported to the bus modules:
 * sdi8k-sim.ko puts the simulated card's scripting files in it.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "sdi8k.h"

static struct dentry *sdi8k_debugfs_root;

#define REG(r)	{ #r, SDI8K_REG_##r }
#define IN(r)	{ #r, SDI8K_IN_##r }

static const struct {
	const char *name;
	u32 off;
} sdi8k_card_regs[] = {
	REG(ID), REG(HW_VERSION), REG(FW_VERSION), REG(CAPS),
	REG(SERIAL_LO), REG(SERIAL_HI), REG(CONTROL), REG(TOPOLOGY),
	REG(QUAD_STATUS), REG(QUAD_LINK_MAP), REG(IRQ_SUMMARY), REG(SCRATCH),
	REG(FW_STATUS), REG(FW_SIZE), REG(FW_OFFSET),
	REG(CLOCK_LO), REG(CLOCK_HI), REG(CLOCK_RATE),
}, sdi8k_input_regs[] = {
	IN(LINK_STATUS), IN(CRC_ERRORS), IN(RASTER_ACTIVE), IN(RASTER_TOTAL),
	IN(RASTER_RATE_NUM), IN(RASTER_RATE_DEN), IN(RASTER_FLAGS),
	{ "PAYLOAD_ID0", SDI8K_IN_PAYLOAD_ID(0) },
	IN(IRQ_STATUS), IN(IRQ_MASK), IN(DMA_CTRL), IN(DMA_STATUS),
	IN(DMA_PIXFMT), IN(DMA_STRIDE), IN(DMA_RASTER), IN(DMA_FLAGS),
	IN(RING_BASE_LO), IN(RING_BASE_HI), IN(RING_SIZE), IN(RING_HEAD),
	IN(RING_TAIL), IN(FRAMES_CAPTURED), IN(FRAMES_DROPPED),
	IN(FRAME_COUNT), IN(ANC_BASE_LO), IN(ANC_BASE_HI),
	IN(AUD_STATUS), IN(AUD_NONPCM), IN(AUD_CHECKSUM_ERRORS),
	IN(AUD_ECC_ERRORS), IN(AUD_SILENCED), IN(AUD_DMA_CTRL),
	IN(AUD_DMA_STATUS), IN(AUD_CHANNELS), IN(AUD_PERIOD_FRAMES),
	IN(AUD_BUF_FRAMES), IN(AUD_POSITION), IN(AUD_FRAMES), IN(AUD_PERIODS),
};

static int sdi8k_regs_show(struct seq_file *m, void *v)
{
	struct sdi8k_card *card = m->private;
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(sdi8k_card_regs); i++)
		seq_printf(m, "%-24s 0x%04x 0x%08x\n", sdi8k_card_regs[i].name,
			   sdi8k_card_regs[i].off,
			   sdi8k_read(card, sdi8k_card_regs[i].off));
	for (k = 0; k < card->num_inputs; k++) {
		for (i = 0; i < ARRAY_SIZE(sdi8k_input_regs); i++) {
			u32 off = SDI8K_INPUT_BASE(k) + sdi8k_input_regs[i].off;

			seq_printf(m, "input%u.%-17s 0x%04x 0x%08x\n", k,
				   sdi8k_input_regs[i].name, off,
				   sdi8k_read(card, off));
		}
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sdi8k_regs);

/**
 * sdi8k_card_debugfs - the card's debugfs directory
 * @card: a registered card
 *
 * /sys/kernel/debug/sdi8k/<card name>/: removed with everything in it by
 * sdi8k_card_unregister(); a bus module removes what it put there first.
 *
 * Return: the directory (an error pointer without debugfs, which the
 * debugfs calls take).
 */
struct dentry *sdi8k_card_debugfs(struct sdi8k_card *card)
{
	return card->debugfs;
}
EXPORT_SYMBOL_GPL(sdi8k_card_debugfs);

void sdi8k_debugfs_card_init(struct sdi8k_card *card)
{
	card->debugfs = debugfs_create_dir(card->name, sdi8k_debugfs_root);
	debugfs_create_file("regs", 0444, card->debugfs, card,
			    &sdi8k_regs_fops);
}

void sdi8k_debugfs_card_exit(struct sdi8k_card *card)
{
	debugfs_remove_recursive(card->debugfs);
	card->debugfs = NULL;
}

void sdi8k_debugfs_init(void)
{
	sdi8k_debugfs_root = debugfs_create_dir(SDI8K_DRV_NAME, NULL);
}

void sdi8k_debugfs_exit(void)
{
	debugfs_remove_recursive(sdi8k_debugfs_root);
}

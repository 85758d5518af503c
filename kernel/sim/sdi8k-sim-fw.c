// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k simulated card: the firmware boot controller behind FW_CTRL,
 * FW_STATUS, FW_SIZE, FW_OFFSET, FW_CHUNK and FW_WINDOW (docs/firmware.md).
 * It takes the image as the hardware does, a window at a time: a running
 * CRC over the bytes before the trailer, the first SDI8K_FW_BOOT_BYTES
 * kept for the header and tables. COMMIT checks size, CRC and header and
 * runs the design: FW_VERSION and CAPS then come from the image, so the
 * simulated card has the inputs and link rate its firmware gives it.
 *
 * Everything here runs under sim->lock (register accesses), so it neither
 * sleeps nor allocates.
 */
#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/crc32.h>
#include <linux/string.h>
#endif

#include "sdi8k-sim.h"

/* Without a running design the card shows only its connectors. */
static u32 sdi8k_sim_fw_board_caps(struct sdi8k_sim *sim)
{
	return FIELD_PREP(SDI8K_CAPS_INPUTS_MASK, sim->num_inputs);
}

/**
 * sdi8k_sim_fw_init - power-on state: no firmware runs
 * @sim: the card
 */
void sdi8k_sim_fw_init(struct sdi8k_sim *sim)
{
	memset(&sim->fw, 0, sizeof(sim->fw));
	sim->fw.caps = sdi8k_sim_fw_board_caps(sim);
}

static void sdi8k_sim_fw_fail(struct sdi8k_sim *sim, u32 code)
{
	sim->fw.status = SDI8K_FW_STATUS_ERROR |
			 FIELD_PREP(SDI8K_FW_STATUS_CODE_MASK, code);
}

static void sdi8k_sim_fw_begin(struct sdi8k_sim *sim)
{
	struct sdi8k_sim_fw *fw = &sim->fw;

	fw->version = 0;
	fw->caps = sdi8k_sim_fw_board_caps(sim);
	fw->offset = 0;
	fw->crc = ~0U;
	if (fw->size < sizeof(struct sdi8k_fw_header) + SDI8K_FW_CRC_BYTES ||
	    fw->size > SDI8K_FW_MAX_SIZE) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_SIZE);
		return;
	}
	fw->status = SDI8K_FW_STATUS_LOADING;
}

/* Take the first @n bytes of the window. */
static void sdi8k_sim_fw_chunk(struct sdi8k_sim *sim, u32 n)
{
	struct sdi8k_sim_fw *fw = &sim->fw;
	u32 body = fw->size - SDI8K_FW_CRC_BYTES;
	u32 i;

	if (!(fw->status & SDI8K_FW_STATUS_LOADING)) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_SEQUENCE);
		return;
	}
	if (!n || n > SDI8K_FW_WINDOW_SIZE || n > fw->size - fw->offset ||
	    (n % 4 && fw->offset + n != fw->size)) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_SIZE);
		return;
	}
	/* a bit flipped on the bus: the card's CRC check must catch it */
	if (READ_ONCE(sim->fw_fault) && !fw->offset)
		fw->window[0] ^= 0x01;
	if (fw->offset < SDI8K_FW_BOOT_BYTES)
		memcpy(fw->head + fw->offset, fw->window,
		       min_t(u32, n, SDI8K_FW_BOOT_BYTES - fw->offset));
	if (fw->offset < body)
		fw->crc = crc32_le(fw->crc, fw->window,
				   min_t(u32, n, body - fw->offset));
	for (i = max(fw->offset, body); i < fw->offset + n; i++)
		fw->trailer[i - body] = fw->window[i - fw->offset];
	fw->offset += n;
}

static void sdi8k_sim_fw_commit(struct sdi8k_sim *sim)
{
	struct sdi8k_sim_fw *fw = &sim->fw;
	struct sdi8k_fw_info info;
	__le32 stored;
	char why[8];

	if (!(fw->status & SDI8K_FW_STATUS_LOADING)) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_SEQUENCE);
		return;
	}
	if (fw->offset != fw->size) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_SIZE);
		return;
	}
	memcpy(&stored, fw->trailer, sizeof(stored));
	if (~fw->crc != le32_to_cpu(stored)) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_CRC);
		return;
	}
	if (sdi8k_fw_parse(fw->head, min_t(u32, fw->size, SDI8K_FW_BOOT_BYTES),
			   fw->size, &info, why, sizeof(why))) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_FORMAT);
		return;
	}
	if (info.inputs > sim->num_inputs) {
		sdi8k_sim_fw_fail(sim, SDI8K_FW_ERR_HARDWARE);
		return;
	}
	fw->version = info.version;
	fw->caps = FIELD_PREP(SDI8K_CAPS_INPUTS_MASK, info.inputs) |
		   FIELD_PREP(SDI8K_CAPS_RATE_MASK, info.max_link_rate) |
		   (info.topologies & (SDI8K_FW_TOPO_QUAD_2SI |
				       SDI8K_FW_TOPO_QUAD_SQD) ?
		    SDI8K_CAPS_QUAD_LINK : 0);
	fw->status = SDI8K_FW_STATUS_RUNNING;
}

/**
 * sdi8k_sim_fw_read - read a firmware register
 * @sim: the card, sim->lock held
 * @reg: a BAR0 offset outside the inputs' blocks
 *
 * Return: its value; 0 for offsets that are no register.
 */
u32 sdi8k_sim_fw_read(struct sdi8k_sim *sim, u32 reg)
{
	switch (reg) {
	case SDI8K_REG_FW_STATUS:
		return sim->fw.status;
	case SDI8K_REG_FW_SIZE:
		return sim->fw.size;
	case SDI8K_REG_FW_OFFSET:
		return sim->fw.offset;
	default:
		return 0;
	}
}

/**
 * sdi8k_sim_fw_write - write a firmware register
 * @sim: the card, sim->lock held
 * @reg: a BAR0 offset outside the inputs' blocks
 * @val: the value
 *
 * Writes to offsets that are no firmware register are ignored.
 */
void sdi8k_sim_fw_write(struct sdi8k_sim *sim, u32 reg, u32 val)
{
	if (reg >= SDI8K_REG_FW_WINDOW &&
	    reg < SDI8K_REG_FW_WINDOW + SDI8K_FW_WINDOW_SIZE) {
		__le32 v = cpu_to_le32(val);

		memcpy(sim->fw.window + ((reg - SDI8K_REG_FW_WINDOW) & ~3U),
		       &v, sizeof(v));
		return;
	}
	switch (reg) {
	case SDI8K_REG_FW_SIZE:
		sim->fw.size = val;
		break;
	case SDI8K_REG_FW_CHUNK:
		sdi8k_sim_fw_chunk(sim, val);
		break;
	case SDI8K_REG_FW_CTRL:
		if (val & SDI8K_FW_CTRL_BEGIN)
			sdi8k_sim_fw_begin(sim);
		if (val & SDI8K_FW_CTRL_COMMIT)
			sdi8k_sim_fw_commit(sim);
		break;
	default:
		break;
	}
}

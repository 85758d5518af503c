// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k firmware: load the card's image at probe (PCI and simulated cards
 * alike), check it, upload it through the card's firmware window and
 * check that the card runs it. The image format is kernel/sdi8k-fw.h and
 * docs/firmware.md.
 *
 * The file is untrusted input: every size, offset and count is checked
 * against the file's size before it is used, and the CRC-32 covers every
 * byte. A bad file refuses the card with one message naming the file and
 * the problem; nothing else is affected.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/firmware.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/string.h>

#include "sdi8k.h"

MODULE_FIRMWARE(SDI8K_FW_NAME);

#define SDI8K_FW_WHY		192
#define SDI8K_FW_CHUNK_US	100000	/* window consumed within 100 ms */
#define SDI8K_FW_BOOT_US	2000000	/* design booted within 2 s */

/* Does the image suit this driver and this card? */
static int sdi8k_fw_wait(struct sdi8k_card *card, u32 bits, u32 timeout_us,
			 u32 *status)
{
	u32 st;
	int ret;

	ret = read_poll_timeout(sdi8k_read, st, !(st & bits), 50, timeout_us,
				false, card, SDI8K_REG_FW_STATUS);
	*status = st;
	return ret;
}

/* Hand the image to the card through its window and boot it. */
static int sdi8k_fw_upload(struct sdi8k_card *card, const u8 *data,
			   size_t size, char *why, size_t why_len)
{
	static const char * const errs[] = {
		[SDI8K_FW_ERR_SIZE] = "bad size",
		[SDI8K_FW_ERR_CRC] = "CRC mismatch",
		[SDI8K_FW_ERR_FORMAT] = "header unreadable",
		[SDI8K_FW_ERR_SEQUENCE] = "upload sequence",
		[SDI8K_FW_ERR_HARDWARE] = "needs more than the board has",
	};
	size_t off, n, i;
	u32 st = 0, code;
	int ret;

	sdi8k_write(card, SDI8K_REG_FW_SIZE, size);
	sdi8k_write(card, SDI8K_REG_FW_CTRL, SDI8K_FW_CTRL_BEGIN);
	for (off = 0; off < size; off += n) {
		n = min_t(size_t, size - off, SDI8K_FW_WINDOW_SIZE);
		for (i = 0; i < n; i += 4) {
			u8 w[4] = { };

			memcpy(w, data + off + i, min_t(size_t, 4, n - i));
			sdi8k_write(card, SDI8K_REG_FW_WINDOW + i,
				    sdi8k_fw_le32(w));
		}
		sdi8k_write(card, SDI8K_REG_FW_CHUNK, n);
		ret = sdi8k_fw_wait(card, SDI8K_FW_STATUS_BUSY,
				    SDI8K_FW_CHUNK_US, &st);
		if (ret) {
			snprintf(why, why_len,
				 "upload stalled at byte %zu (status 0x%08x)",
				 off, st);
			return ret;
		}
		if (st & SDI8K_FW_STATUS_ERROR)
			break;
	}
	if (!(st & SDI8K_FW_STATUS_ERROR)) {
		sdi8k_write(card, SDI8K_REG_FW_CTRL, SDI8K_FW_CTRL_COMMIT);
		ret = sdi8k_fw_wait(card, SDI8K_FW_STATUS_LOADING,
				    SDI8K_FW_BOOT_US, &st);
		if (ret) {
			snprintf(why, why_len,
				 "the card did not boot it within %u ms (status 0x%08x)",
				 SDI8K_FW_BOOT_US / 1000, st);
			return ret;
		}
	}
	if ((st & SDI8K_FW_STATUS_ERROR) || !(st & SDI8K_FW_STATUS_RUNNING)) {
		code = FIELD_GET(SDI8K_FW_STATUS_CODE_MASK, st);
		snprintf(why, why_len,
			 "the card refused the upload (status 0x%08x: %s)", st,
			 code < ARRAY_SIZE(errs) && errs[code] ? errs[code] :
			 "unknown error");
		return -EIO;
	}
	return 0;
}

/* The card runs the image it was given: version and capabilities agree. */
static int sdi8k_fw_check_running(struct sdi8k_card *card,
				  const struct sdi8k_fw_info *info,
				  char *why, size_t why_len)
{
	u32 ver = sdi8k_read(card, SDI8K_REG_FW_VERSION);
	u32 caps = sdi8k_read(card, SDI8K_REG_CAPS);

	if (ver != info->version ||
	    FIELD_GET(SDI8K_CAPS_INPUTS_MASK, caps) != info->inputs ||
	    FIELD_GET(SDI8K_CAPS_RATE_MASK, caps) != info->max_link_rate) {
		snprintf(why, why_len,
			 "the card runs version 0x%08x with caps 0x%08x after booting version 0x%08x with %u inputs",
			 ver, caps, info->version, info->inputs);
		return -EIO;
	}
	return 0;
}

/**
 * sdi8k_fw_load - give a card its firmware
 * @card: the card; card->fw_name, hw_version and PCI IDs are set
 *
 * Requests card->fw_name, checks it (format, CRC, driver interface,
 * version, board compatibility), uploads it and checks that the card runs
 * it; on success card->fw describes it. On failure logs one error naming
 * the file and the problem. May sleep; the firmware buffer is released
 * before returning.
 *
 * Return: 0; -ENOENT (or the loader's error) when the file cannot be
 * read, -EINVAL for a malformed file, -EBADMSG for a CRC mismatch,
 * -ENOEXEC for an image that does not suit this driver or card, -EIO or
 * -ETIMEDOUT when the card does not take it.
 */
int sdi8k_fw_load(struct sdi8k_card *card)
{
	const struct firmware *fw;
	struct sdi8k_fw_info *info;
	char why[SDI8K_FW_WHY];
	u32 stored, crc;
	int ret;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	ret = firmware_request_nowarn(&fw, card->fw_name, card->dev);
	if (ret) {
		if (ret == -ENOENT)
			snprintf(why, sizeof(why),
				 "not found in the firmware search path (error %d)",
				 ret);
		else
			snprintf(why, sizeof(why), "cannot be read (error %d)",
				 ret);
		goto out_free;
	}
	ret = sdi8k_fw_parse(fw->data, fw->size, fw->size, info, why,
			     sizeof(why));
	if (ret)
		goto out_release;
	stored = sdi8k_fw_le32(fw->data + fw->size - SDI8K_FW_CRC_BYTES);
	crc = sdi8k_fw_crc(fw->data, fw->size - SDI8K_FW_CRC_BYTES);
	if (stored != crc) {
		snprintf(why, sizeof(why),
			 "CRC mismatch: the image says 0x%08x, its contents give 0x%08x (corrupt file)",
			 stored, crc);
		ret = -EBADMSG;
		goto out_release;
	}
	ret = sdi8k_fw_suits(info, true, card->pci_device, card->pci_subdevice,
			     card->hw_version >> 16, why, sizeof(why));
	if (ret)
		goto out_release;
	ret = sdi8k_fw_upload(card, fw->data, fw->size, why, sizeof(why));
	if (ret)
		goto out_release;
	ret = sdi8k_fw_check_running(card, info, why, sizeof(why));
	if (ret)
		goto out_release;
	card->fw = *info;

out_release:
	release_firmware(fw);
out_free:
	if (ret)
		dev_err(card->dev, "%s: firmware %s: %s; card not started\n",
			card->name, card->fw_name, why);
	else
		dev_info(card->dev, "%s: firmware %s: \"%s\" %u.%u build %u, %u inputs\n",
			 card->name, card->fw_name, card->fw.name,
			 card->fw.version >> 16, card->fw.version & 0xffff,
			 card->fw.build, card->fw.inputs);
	kfree(info);
	return ret;
}

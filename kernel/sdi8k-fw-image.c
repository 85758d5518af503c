// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k firmware images: the checksum and the check of an image's header
 * and tables (kernel/sdi8k-fw.h, docs/firmware.md). Kernel-neutral: built
 * into sdi8k.ko, which checks the file it loads and exports the check to
 * the card model in sdi8k-sim.ko, whose boot controller checks what it
 * received; and, through kshim/kshim.h, into the model's userspace host.
 *
 * The image is untrusted input: every size, offset and count is checked
 * before it is used.
 */
#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/crc32.h>
#include <linux/ctype.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/string.h>
#else
#include "kshim.h"
#endif

#include "sdi8k-regs.h"
#include "sdi8k-fw.h"

/**
 * sdi8k_fw_crc - the image checksum: zlib's crc32() of @len bytes
 * @data: the bytes
 * @len: their count
 *
 * Return: the CRC-32 as stored in an image's trailer.
 */
u32 sdi8k_fw_crc(const void *data, size_t len)
{
	return ~crc32_le(~0U, data, len);
}

/* A little-endian 32-bit word of an image, at any alignment. */
u32 sdi8k_fw_le32(const u8 *p)
{
	__le32 v;

	memcpy(&v, p, sizeof(v));
	return le32_to_cpu(v);
}

/* Does [off, off + size) lie in [lo, hi), 4-byte aligned? */
static bool sdi8k_fw_in(u32 off, u32 size, size_t lo, size_t hi)
{
	u32 end;

	if (off % 4 || off < lo || check_add_overflow(off, size, &end))
		return false;
	return end <= hi;
}

/**
 * sdi8k_fw_parse - check an image's header and tables
 * @data: the image's first @avail bytes
 * @avail: bytes at @data: the whole file, or what a boot controller keeps
 * @image_size: the image's real size (the file's size, or FW_SIZE)
 * @info: filled in on success
 * @why: on failure, what is wrong, for a message
 * @why_len: size of @why
 *
 * Checks the magic, the format version, the sizes, that every section lies
 * inside the image before the trailer (the tables also inside @avail and
 * the first SDI8K_FW_BOOT_BYTES) and the capability table's values. Does
 * not check the CRC or whether the image suits a card.
 *
 * Return: 0, -EINVAL for a malformed image, -ENOEXEC for another format.
 */
int sdi8k_fw_parse(const u8 *data, size_t avail, size_t image_size,
		   struct sdi8k_fw_info *info, char *why, size_t why_len)
{
	const struct sdi8k_fw_header *h = (const void *)data;
	const struct sdi8k_fw_caps *c;
	const struct sdi8k_fw_compat *e;
	size_t body_end, tables_end;
	u32 magic, hsize, caps_off, caps_size, compat_off, count, pay_off;
	u32 pay_size, size;
	unsigned int i;

	memset(info, 0, sizeof(*info));
	if (avail < sizeof(*h) || image_size < sizeof(*h)) {
		snprintf(why, why_len,
			 "truncated: %zu bytes, less than the %zu-byte header",
			 min(avail, image_size), sizeof(*h));
		return -EINVAL;
	}
	magic = le32_to_cpu(h->magic);
	if (magic != SDI8K_FW_MAGIC) {
		snprintf(why, why_len,
			 "bad magic 0x%08x (want 0x%08x): not an sdi8k firmware image",
			 magic, SDI8K_FW_MAGIC);
		return -EINVAL;
	}
	if (le16_to_cpu(h->format) != SDI8K_FW_FORMAT) {
		snprintf(why, why_len,
			 "unsupported image format version %u (this driver reads version %u)",
			 le16_to_cpu(h->format), SDI8K_FW_FORMAT);
		return -ENOEXEC;
	}
	size = le32_to_cpu(h->image_size);
	if (size < image_size) {
		snprintf(why, why_len,
			 "%zu bytes, but the header says %u (trailing data)",
			 image_size, size);
		return -EINVAL;
	}
	if (size > image_size) {
		snprintf(why, why_len,
			 "truncated: %zu bytes, the header says %u",
			 image_size, size);
		return -EINVAL;
	}
	if (size > SDI8K_FW_MAX_SIZE) {
		snprintf(why, why_len, "image of %u bytes exceeds the %u-byte limit",
			 size, SDI8K_FW_MAX_SIZE);
		return -EINVAL;
	}
	hsize = le16_to_cpu(h->header_size);
	body_end = size - SDI8K_FW_CRC_BYTES;
	tables_end = min3(avail, body_end, (size_t)SDI8K_FW_BOOT_BYTES);
	if (hsize < sizeof(*h) || hsize % 4 || hsize > tables_end) {
		snprintf(why, why_len, "bad header size %u", hsize);
		return -EINVAL;
	}
	if (le32_to_cpu(h->flags)) {
		snprintf(why, why_len, "unknown header flags 0x%08x",
			 le32_to_cpu(h->flags));
		return -EINVAL;
	}

	caps_off = le32_to_cpu(h->caps_offset);
	caps_size = le32_to_cpu(h->caps_size);
	if (caps_size < sizeof(*c) ||
	    !sdi8k_fw_in(caps_off, caps_size, hsize, tables_end)) {
		snprintf(why, why_len,
			 "capability table (offset %u, %u bytes) is too small or lies outside the image's first %zu bytes",
			 caps_off, caps_size, tables_end);
		return -EINVAL;
	}
	compat_off = le32_to_cpu(h->compat_offset);
	count = le32_to_cpu(h->compat_count);
	if (!count || count > SDI8K_FW_MAX_COMPAT ||
	    !sdi8k_fw_in(compat_off, count * sizeof(*e), hsize, tables_end)) {
		snprintf(why, why_len,
			 "compatibility list (offset %u, %u entries) is empty, too long or lies outside the image's first %zu bytes",
			 compat_off, count, tables_end);
		return -EINVAL;
	}
	pay_off = le32_to_cpu(h->payload_offset);
	pay_size = le32_to_cpu(h->payload_size);
	if (pay_size < 4 || !sdi8k_fw_in(pay_off, pay_size, hsize, body_end)) {
		snprintf(why, why_len,
			 "payload (offset %u, %u bytes) is empty or lies outside the image",
			 pay_off, pay_size);
		return -EINVAL;
	}

	c = (const void *)(data + caps_off);
	info->inputs = c->inputs;
	info->max_link_rate = c->max_link_rate;
	info->topologies = le16_to_cpu(c->topologies);
	info->pixel_formats = le32_to_cpu(c->pixel_formats);
	info->features = le32_to_cpu(c->features);
	info->min_driver_iface = le16_to_cpu(c->min_driver_iface);
	if (!info->inputs || info->inputs > SDI8K_MAX_INPUTS ||
	    info->max_link_rate < SDI8K_SDI_RATE_1G5 ||
	    info->max_link_rate > SDI8K_SDI_RATE_12G ||
	    !(info->topologies & SDI8K_FW_TOPO_SINGLE) ||
	    info->topologies & ~SDI8K_FW_TOPO_ALL ||
	    !info->pixel_formats ||
	    info->pixel_formats & ~GENMASK(SDI8K_PIXFMT_COUNT - 1, 0) ||
	    info->features & ~SDI8K_FW_FEAT_ALL || !info->min_driver_iface) {
		snprintf(why, why_len,
			 "capability table out of range (inputs %u, link rate %u, topologies 0x%x, formats 0x%x, features 0x%x, driver interface %u)",
			 info->inputs, info->max_link_rate, info->topologies,
			 info->pixel_formats, info->features,
			 info->min_driver_iface);
		return -EINVAL;
	}

	e = (const void *)(data + compat_off);
	info->compat_count = count;
	for (i = 0; i < count; i++) {
		info->compat[i].pci_device = le16_to_cpu(e[i].pci_device);
		info->compat[i].pci_subdevice = le16_to_cpu(e[i].pci_subdevice);
		info->compat[i].hw_min = le16_to_cpu(e[i].hw_min);
		info->compat[i].hw_max = le16_to_cpu(e[i].hw_max);
	}

	for (i = 0; i < sizeof(h->name) && h->name[i]; i++)
		info->name[i] = isprint(h->name[i]) ? h->name[i] : '?';
	info->name[i] = '\0';
	info->version = le32_to_cpu(h->fw_version);
	info->build = le32_to_cpu(h->fw_build);
	info->image_size = size;
	info->payload_offset = pay_off;
	info->payload_size = pay_size;
	return 0;
}
EXPORT_SYMBOL_GPL(sdi8k_fw_parse);

/**
 * sdi8k_fw_suits - does a checked image suit this driver and a board
 * @info: from sdi8k_fw_parse()
 * @check_board: also check the compatibility list against the board
 * @pci_device: the board's PCI device ID
 * @pci_subdevice: its subsystem ID
 * @hw: its hardware revision (HW_VERSION major)
 * @why: on failure, what is wrong, for a message
 * @why_len: size of @why
 *
 * Return: 0, or -ENOEXEC.
 */
int sdi8k_fw_suits(const struct sdi8k_fw_info *info, bool check_board,
		   u16 pci_device, u16 pci_subdevice, unsigned int hw,
		   char *why, size_t why_len)
{
	unsigned int i;

	if (info->min_driver_iface > SDI8K_FW_DRIVER_IFACE) {
		snprintf(why, why_len,
			 "needs driver interface %u, this driver has %u: update the driver",
			 info->min_driver_iface, SDI8K_FW_DRIVER_IFACE);
		return -ENOEXEC;
	}
	if (info->version < SDI8K_FW_MIN_VERSION) {
		snprintf(why, why_len,
			 "firmware %u.%u is too old: this driver needs %u.%u or later",
			 info->version >> 16, info->version & 0xffff,
			 SDI8K_FW_MIN_VERSION >> 16,
			 SDI8K_FW_MIN_VERSION & 0xffff);
		return -ENOEXEC;
	}
	if (!check_board)
		return 0;
	for (i = 0; i < info->compat_count; i++)
		if (info->compat[i].pci_device == pci_device &&
		    info->compat[i].pci_subdevice == pci_subdevice &&
		    hw >= info->compat[i].hw_min && hw <= info->compat[i].hw_max)
			return 0;
	snprintf(why, why_len,
		 "incompatible hardware: built for %04x:%04x revision %u-%u%s, this card is %04x:%04x revision %u",
		 info->compat[0].pci_device, info->compat[0].pci_subdevice,
		 info->compat[0].hw_min, info->compat[0].hw_max,
		 info->compat_count > 1 ? " and others" : "",
		 pci_device, pci_subdevice, hw);
	return -ENOEXEC;
}

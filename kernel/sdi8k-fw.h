/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k firmware image format: the contract between the image builder
 * (firmware/sdi8k-fwtool.c, which includes this file) and the driver.
 * docs/firmware.md is the prose version of this file; the two change
 * together.
 *
 * An image is, in this order: the header (struct sdi8k_fw_header), the
 * capability table (struct sdi8k_fw_caps), the compatibility list (struct
 * sdi8k_fw_compat entries), the payload (the FPGA bitstream) and a CRC-32
 * trailer. All fields are little-endian. The header, the capability table
 * and the compatibility list lie in the first SDI8K_FW_BOOT_BYTES bytes,
 * where the card's boot controller reads them too. The trailer is the
 * CRC-32 (reflected, polynomial 0xedb88320, initial value and final XOR
 * 0xffffffff: zlib's crc32(), the kernel's ~crc32_le(~0, ...)) of every
 * byte before it.
 *
 * The layout part of this file uses only <linux/types.h>, so userspace
 * tools include it as it is.
 */
#ifndef SDI8K_FW_H
#define SDI8K_FW_H

#include <linux/types.h>

/* The file the driver requests, relative to the firmware search path. */
#define SDI8K_FW_NAME			"sdi8k/sdi8k.bin"

#define SDI8K_FW_MAGIC			0x57463853	/* "S8FW" */
#define SDI8K_FW_FORMAT			1	/* the format this file describes */
#define SDI8K_FW_DRIVER_IFACE		1	/* interface this driver offers */
#define SDI8K_FW_MIN_VERSION		0x00010000	/* oldest firmware: 1.0 */
#define SDI8K_FW_MAX_SIZE		(16 << 20)	/* whole image, bytes */
#define SDI8K_FW_BOOT_BYTES		1024	/* header and tables lie here */
#define SDI8K_FW_MAX_COMPAT		16	/* entries in the compat list */
#define SDI8K_FW_CRC_BYTES		4	/* the trailer */

/**
 * struct sdi8k_fw_header - first 64 bytes of an image
 * @magic: SDI8K_FW_MAGIC
 * @format: SDI8K_FW_FORMAT; an image of another format is refused
 * @header_size: bytes of this header, at least 64, a multiple of 4
 * @image_size: bytes of the whole image, trailer included
 * @fw_version: major << 16 | minor, as the card's FW_VERSION register
 * @fw_build: build number, informational
 * @caps_offset: offset of the capability table (4-byte aligned)
 * @caps_size: its size in bytes, at least sizeof(struct sdi8k_fw_caps)
 * @compat_offset: offset of the compatibility list (4-byte aligned)
 * @compat_count: entries in it, 1 to SDI8K_FW_MAX_COMPAT
 * @payload_offset: offset of the payload (4-byte aligned)
 * @payload_size: its size in bytes, at least 4
 * @flags: zero
 * @name: image name, NUL-padded, printable ASCII
 */
struct sdi8k_fw_header {
	__le32 magic;
	__le16 format;
	__le16 header_size;
	__le32 image_size;
	__le32 fw_version;
	__le32 fw_build;
	__le32 caps_offset;
	__le32 caps_size;
	__le32 compat_offset;
	__le32 compat_count;
	__le32 payload_offset;
	__le32 payload_size;
	__le32 flags;
	char name[16];
};

/* Link topologies (caps.topologies). */
#define SDI8K_FW_TOPO_SINGLE		0x0001	/* one link per input */
#define SDI8K_FW_TOPO_DUAL		0x0002	/* two links bonded */
#define SDI8K_FW_TOPO_QUAD_2SI		0x0004	/* 8K, quad-link 2SI */
#define SDI8K_FW_TOPO_QUAD_SQD		0x0008	/* 8K, quad-link square division */
#define SDI8K_FW_TOPO_ALL		0x000f

/* Features (caps.features). */
#define SDI8K_FW_FEAT_ANC		0x0001	/* ancillary data capture */
#define SDI8K_FW_FEAT_HDR		0x0002	/* ST 352 transfer characteristics */
#define SDI8K_FW_FEAT_TIMECODE		0x0004	/* ATC timecode */
#define SDI8K_FW_FEAT_ALL		0x0007

/**
 * struct sdi8k_fw_caps - capability table, 32 bytes in format 1
 * @inputs: SDI inputs the design has, 1 to 4
 * @max_link_rate: fastest link, SDI8K_SDI_RATE_1G5 (1) to _12G (4)
 * @topologies: SDI8K_FW_TOPO_*; SINGLE is always set
 * @pixel_formats: bit n set: DMA_PIXFMT n (SDI8K_PIXFMT_*) is supported
 * @features: SDI8K_FW_FEAT_*
 * @min_driver_iface: oldest driver interface (SDI8K_FW_DRIVER_IFACE) the
 *	design works with
 * @reserved0: zero
 * @reserved: zero
 */
struct sdi8k_fw_caps {
	__u8 inputs;
	__u8 max_link_rate;
	__le16 topologies;
	__le32 pixel_formats;
	__le32 features;
	__le16 min_driver_iface;
	__le16 reserved0;
	__le32 reserved[4];
};

/**
 * struct sdi8k_fw_compat - one board the image runs on, 8 bytes
 * @pci_device: PCI device ID (vendor SDI8K_PCI_VENDOR_ID)
 * @pci_subdevice: PCI subsystem device ID (subvendor SDI8K_PCI_SUBVENDOR_ID)
 * @hw_min: lowest board revision (HW_VERSION major) it runs on
 * @hw_max: highest board revision
 */
struct sdi8k_fw_compat {
	__le16 pci_device;
	__le16 pci_subdevice;
	__le16 hw_min;
	__le16 hw_max;
};

/* The driver's and the card model's (kernel, or userspace through kshim) */
#if defined(__KERNEL__) || defined(SDI8K_KSHIM_H)

struct sdi8k_card;

/**
 * struct sdi8k_fw_info - an image's header and tables, checked and in CPU
 *	byte order
 * @version: firmware version, major << 16 | minor
 * @build: build number
 * @image_size: bytes of the whole image
 * @payload_offset: where the payload starts
 * @payload_size: its bytes
 * @inputs: caps.inputs
 * @max_link_rate: caps.max_link_rate
 * @topologies: caps.topologies
 * @pixel_formats: caps.pixel_formats
 * @features: caps.features
 * @min_driver_iface: caps.min_driver_iface
 * @compat_count: entries in @compat
 * @compat: the compatibility list
 * @name: the image name, NUL-terminated
 */
struct sdi8k_fw_info {
	u32 version;
	u32 build;
	u32 image_size;
	u32 payload_offset;
	u32 payload_size;
	u8 inputs;
	u8 max_link_rate;
	u16 topologies;
	u32 pixel_formats;
	u32 features;
	u16 min_driver_iface;
	unsigned int compat_count;
	struct {
		u16 pci_device;
		u16 pci_subdevice;
		u16 hw_min;
		u16 hw_max;
	} compat[SDI8K_FW_MAX_COMPAT];
	char name[17];
};

u32 sdi8k_fw_crc(const void *data, size_t len);
u32 sdi8k_fw_le32(const u8 *p);
int sdi8k_fw_parse(const u8 *data, size_t avail, size_t image_size,
		   struct sdi8k_fw_info *info, char *why, size_t why_len);
int sdi8k_fw_suits(const struct sdi8k_fw_info *info, bool check_board,
		   u16 pci_device, u16 pci_subdevice, unsigned int hw,
		   char *why, size_t why_len);
int sdi8k_fw_load(struct sdi8k_card *card);

#endif /* __KERNEL__ || SDI8K_KSHIM_H */

#endif /* SDI8K_FW_H */

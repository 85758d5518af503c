/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vfio-user server for one PCI function (QEMU's docs/interop/vfio-user.rst,
 * protocol 0.1): the client (QEMU's vfio-user-pci) connects to a UNIX socket,
 * the server answers version, device, region and IRQ queries, emulates the
 * PCI configuration space (IDs, command/status, one 64-bit memory BAR0, the
 * MSI-X, MSI and PCI Express capabilities), forwards BAR0 accesses to the
 * device, keeps the guest memory the client maps (file descriptors, mmap)
 * for the device's DMA, and raises interrupts through the client's eventfds.
 *
 * Threads: vfu_serve() runs the message loop on the caller's thread; the
 * device's callbacks (struct vfu_dev_ops) run on that thread and must not
 * block (the client gives up on a reply after 5 s). vfu_dma_read(),
 * vfu_dma_write(), vfu_irq() and the counters may be called from any
 * thread at any time between vfu_create() and vfu_destroy().
 */
#ifndef SDI8K_VFIO_USER_H
#define SDI8K_VFIO_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Message header (all fields in host byte order) and commands. */
struct vfu_hdr {
	uint16_t id;
	uint16_t cmd;
	uint32_t size;		/* the whole message, header included */
	uint32_t flags;
	uint32_t error;
};

#define VFU_HDR_SIZE		16u

enum {
	VFU_CMD_VERSION = 1,
	VFU_CMD_DMA_MAP = 2,
	VFU_CMD_DMA_UNMAP = 3,
	VFU_CMD_DEVICE_GET_INFO = 4,
	VFU_CMD_DEVICE_GET_REGION_INFO = 5,
	VFU_CMD_DEVICE_GET_REGION_IO_FDS = 6,
	VFU_CMD_DEVICE_GET_IRQ_INFO = 7,
	VFU_CMD_DEVICE_SET_IRQS = 8,
	VFU_CMD_REGION_READ = 9,
	VFU_CMD_REGION_WRITE = 10,
	VFU_CMD_DMA_READ = 11,
	VFU_CMD_DMA_WRITE = 12,
	VFU_CMD_DEVICE_RESET = 13,
	VFU_CMD_REGION_WRITE_MULTI = 15,
	VFU_CMD_DEVICE_FEATURE = 16,
};

#define VFU_F_TYPE_MASK		0xfu
#define VFU_F_TYPE_COMMAND	0x0u
#define VFU_F_TYPE_REPLY	0x1u
#define VFU_F_NO_REPLY		(1u << 4)
#define VFU_F_ERROR		(1u << 5)

#define VFU_VERSION_MAJOR	0
#define VFU_VERSION_MINOR	1

/* Region and IRQ indexes of a PCI device (as <linux/vfio.h>). */
enum {
	VFU_PCI_BAR0_REGION = 0,
	VFU_PCI_ROM_REGION = 6,
	VFU_PCI_CONFIG_REGION = 7,
	VFU_PCI_VGA_REGION = 8,
	VFU_PCI_NUM_REGIONS = 9,
};

enum {
	VFU_PCI_INTX_IRQ = 0,
	VFU_PCI_MSI_IRQ = 1,
	VFU_PCI_MSIX_IRQ = 2,
	VFU_PCI_ERR_IRQ = 3,
	VFU_PCI_REQ_IRQ = 4,
	VFU_PCI_NUM_IRQS = 5,
};

/* Largest data a REGION_READ/WRITE carries (max_data_xfer_size). */
#define VFU_MAX_XFER		(1u << 20)
/* File descriptors accepted with one message (max_msg_fds). */
#define VFU_MAX_FDS		16
/* DMA windows mapped at once (max_dma_maps). */
#define VFU_MAX_DMA_MAPS	65535u
/* The configuration space the server emulates (PCI Express: 4 KiB). */
#define VFU_CFG_SIZE		4096u

enum vfu_irq_mode {
	VFU_IRQ_MSIX,	/* MSI-X (one vector per input), MSI and INTx */
	VFU_IRQ_MSI,	/* MSI and INTx only */
	VFU_IRQ_INTX,	/* INTx only */
};

struct vfu_config {
	uint16_t vendor, device;
	uint16_t subsys_vendor, subsys_device;
	uint32_t class_code;		/* base << 16 | sub << 8 | prog-if */
	uint8_t revision;
	uint64_t bar0_size;		/* a power of two, at least 4 KiB */
	unsigned int msix_vectors;	/* 1..2048 */
	uint32_t msix_table_off;	/* in BAR0, 8-byte aligned */
	uint32_t msix_pba_off;		/* in BAR0, 8-byte aligned */
	enum vfu_irq_mode irq_mode;
	bool pcie;			/* add a PCI Express endpoint capability */
	int verbose;			/* 0 quiet, 1 connection events, 2 every message */
};

struct vfu_dev_ops {
	/* BAR0, 32-bit accesses at 4-byte aligned offsets below bar0_size */
	uint32_t (*bar_read)(void *opaque, uint64_t off);
	void (*bar_write)(void *opaque, uint64_t off, uint32_t val);
	/* VFIO_USER_DEVICE_RESET (a function level reset); may be NULL */
	void (*reset)(void *opaque);
	/*
	 * INTx is a level: the server raises it on vfu_irq() and, once the
	 * client unmasks it, asks here whether the device still asserts it
	 * (any input with an enabled interrupt pending). NULL: the server
	 * remembers a vfu_irq() that came while masked and raises it again.
	 */
	bool (*irq_pending)(void *opaque);
};

struct vfu_server;

struct vfu_stats {
	uint64_t messages;		/* messages received */
	uint64_t bad_messages;		/* answered with an error */
	uint64_t dma_faults;		/* vfu_dma_*() outside the mappings */
	uint64_t irqs;			/* eventfd signals sent */
	uint64_t dma_maps;		/* current mappings */
	uint64_t map_msgs, unmap_msgs;	/* DMA_MAP and DMA_UNMAP commands */
};

/*
 * Listens on socket_path (replacing a stale socket file). NULL with errno
 * set and a message on stderr on failure. cfg is copied.
 */
struct vfu_server *vfu_create(const char *socket_path, const struct vfu_config *cfg,
			      const struct vfu_dev_ops *ops, void *opaque);
/* Serves on an already connected stream socket (tests); takes fd. */
struct vfu_server *vfu_create_fd(int fd, const struct vfu_config *cfg,
				 const struct vfu_dev_ops *ops, void *opaque);
/*
 * Accept one client (unless created on a connected fd) and run its messages
 * until it disconnects or vfu_stop() is called: 0, or a negative errno on a
 * broken connection. Mappings and IRQ fds of the client are dropped on
 * return; the device keeps its state.
 */
int vfu_serve(struct vfu_server *s);
/* Make vfu_serve() return soon (thread- and async-signal-safe). */
void vfu_stop(struct vfu_server *s);
/* Removes the socket file, unmaps, closes; s may be NULL. */
void vfu_destroy(struct vfu_server *s);

/*
 * Copy from/to guest memory at a bus address (IOVA) through the client's
 * current mappings: 0, or -EFAULT (nothing copied, dma_faults counted) when
 * any byte lies outside them or in a read-only one for a write.
 */
int vfu_dma_read(struct vfu_server *s, uint64_t iova, void *buf, size_t len);
int vfu_dma_write(struct vfu_server *s, uint64_t iova, const void *buf, size_t len);
/* Raise the interrupt of an input: MSI-X vector input, else MSI or INTx. */
void vfu_irq(struct vfu_server *s, unsigned int input);
void vfu_get_stats(struct vfu_server *s, struct vfu_stats *st);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k kernel compatibility: the driver is written against the newest
 * kernel API; this header, and only this header, adapts it to the older
 * kernels we support (Linux 6.1 and later). Each entry names the kernel
 * release that made the change.
 */
#ifndef SDI8K_COMPAT_H
#define SDI8K_COMPAT_H

#include <linux/version.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <media/videobuf2-core.h>
#include <media/v4l2-fh.h>

/* 6.8: vb2_queue.min_buffers_needed became min_queued_buffers. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 8, 0)
#define SDI8K_VB2_SET_MIN_QUEUED(q, n)	((q)->min_buffers_needed = (n))
#else
#define SDI8K_VB2_SET_MIN_QUEUED(q, n)	((q)->min_queued_buffers = (n))
#endif

/*
 * 6.15: vb2 takes vb2_queue.lock itself around blocking waits; before,
 * drivers with a queue lock set wait_prepare/wait_finish to the helpers.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 15, 0)
#define SDI8K_VB2_WAIT_OPS			\
	.wait_prepare = vb2_ops_wait_prepare,	\
	.wait_finish = vb2_ops_wait_finish,
#else
#define SDI8K_VB2_WAIT_OPS
#endif

/* 6.8: PCI_IRQ_LEGACY was renamed PCI_IRQ_INTX. */
#ifndef PCI_IRQ_INTX
#define PCI_IRQ_INTX PCI_IRQ_LEGACY
#endif

/*
 * 6.11: platform_driver.remove returns void; until 6.13 the void variant
 * was called remove_new.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
#define SDI8K_PLATFORM_REMOVE remove_new
#else
#define SDI8K_PLATFORM_REMOVE remove
#endif

/* 6.3: vm_area_struct.vm_flags became read-only, set by vm_flags_set(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
static inline void sdi8k_vm_flags_set(struct vm_area_struct *vma,
				      unsigned long flags)
{
	vma->vm_flags |= flags;
}
#else
#define sdi8k_vm_flags_set vm_flags_set
#endif

/* 6.13: MODULE_IMPORT_NS() takes a string literal. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
#define SDI8K_IMPORT_NS_DMA_BUF MODULE_IMPORT_NS(DMA_BUF)
#else
#define SDI8K_IMPORT_NS_DMA_BUF MODULE_IMPORT_NS("DMA_BUF")
#endif

/*
 * dma_buf_map_attachment_unlocked() and its unmap came with 6.2's dma-buf
 * locking convention, and Debian 12's 6.1 has them from 6.1's stable
 * series: nothing to adapt.
 */

/*
 * ALSA (sdi8k-audio.c): the calls it makes (snd_card_new, snd_pcm_new,
 * snd_pcm_set_managed_buffer_all, the sync_stop op, snd_pcm_stop_xrun,
 * snd_card_disconnect, snd_card_free_when_closed, snd_ctl_new1) are the
 * same from 6.1 to 7.2: nothing to adapt yet.
 */

#endif /* SDI8K_COMPAT_H */

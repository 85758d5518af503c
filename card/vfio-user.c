// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio-user server for one PCI function: see vfio-user.h.
 *
 * Written from the protocol specification (QEMU docs/interop/vfio-user.rst).
 * One thread runs the message loop; DMA and interrupts may come from any
 * thread. The mappings are a sorted array under a rwlock: DMA copies hold
 * it for reading, DMA_MAP/UNMAP for writing, so an unmap replies only once
 * no copy can still touch the memory it removes. Interrupt state (eventfds,
 * masks, pending bits) sits under a mutex.
 */
#include "vfio-user.h"
#include "unixsock.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_MSG		(VFU_HDR_SIZE + 16 + VFU_MAX_XFER)

/* <linux/vfio.h> values the protocol reuses */
#define DEV_FLAGS_RESET		(1u << 0)
#define DEV_FLAGS_PCI		(1u << 1)
#define REGION_FLAG_READ	(1u << 0)
#define REGION_FLAG_WRITE	(1u << 1)
#define IRQ_INFO_EVENTFD	(1u << 0)
#define IRQ_INFO_MASKABLE	(1u << 1)
#define IRQ_INFO_AUTOMASKED	(1u << 2)
#define IRQ_INFO_NORESIZE	(1u << 3)
#define IRQ_SET_DATA_NONE	(1u << 0)
#define IRQ_SET_DATA_BOOL	(1u << 1)
#define IRQ_SET_DATA_EVENTFD	(1u << 2)
#define IRQ_SET_DATA_MASK	0x7u
#define IRQ_SET_ACTION_MASK	(1u << 3)
#define IRQ_SET_ACTION_UNMASK	(1u << 4)
#define IRQ_SET_ACTION_TRIGGER	(1u << 5)
#define IRQ_SET_ACTION_ALL	0x38u
#define DMA_MAP_READ		(1u << 0)
#define DMA_MAP_WRITE		(1u << 1)
#define DMA_UNMAP_GET_DIRTY	(1u << 0)
#define DMA_UNMAP_ALL		(1u << 1)

/* PCI configuration space */
#define PCI_COMMAND_WMASK	0x0546u	/* MEM, MASTER, PARITY, SERR, INTX_DISABLE */
#define PCI_STATUS_CAP_LIST	0x0010u
#define CAP_MSIX		0x11
#define CAP_MSI			0x05
#define CAP_EXP			0x10
#define CAP_MSIX_AT		0x40
#define CAP_MSI_AT		0x50
#define CAP_EXP_AT		0x70

struct vfu_map {
	uint64_t iova;
	uint64_t last;		/* inclusive: a map may end at 2^64 - 1 */
	uint8_t *host;		/* NULL: announced without an fd, not reachable */
	void *mbase;
	size_t mlen;
	bool writable;
};

struct irq_line {
	int fd;			/* trigger eventfd, -1 none */
	bool masked;
	bool pending;
};

struct vfu_server {
	struct vfu_config cfg;
	struct vfu_dev_ops ops;
	void *opaque;
	char *path;
	int lfd;		/* listening socket, -1 with vfu_create_fd() */
	int cfd;		/* the client, -1 between clients */
	int stop_fd;		/* eventfd: vfu_stop() */
	bool negotiated;

	pthread_rwlock_t map_lock;
	struct vfu_map *maps;
	size_t nmaps, cap_maps;

	pthread_mutex_t irq_lock;
	bool intx_disabled;	/* PCI_COMMAND_INTX_DISABLE, under irq_lock */
	/*
	 * PCI_COMMAND_MASTER: with it clear the function issues no memory
	 * request, so no DMA (refused and counted as a fault) and no MSI or
	 * MSI-X message (dropped), as a real PCIe function
	 */
	atomic_bool master;
	struct irq_line *irq[VFU_PCI_NUM_IRQS];
	unsigned int irq_count[VFU_PCI_NUM_IRQS];

	uint8_t cfgs[VFU_CFG_SIZE];
	uint8_t cfg_init[VFU_CFG_SIZE];
	uint8_t cfg_wmask[VFU_CFG_SIZE];
	uint8_t *msix_table;	/* 16 bytes per vector, kept by the server */

	uint8_t *msg;		/* one message in, MAX_MSG */
	uint8_t *out;		/* one reply out, MAX_MSG */

	atomic_uint_fast64_t n_msgs, n_bad, n_faults, n_irqs, n_map, n_unmap;
};

static void vlog(const struct vfu_server *s, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void vlog(const struct vfu_server *s, int level, const char *fmt, ...)
{
	va_list ap;

	if (s && level > s->cfg.verbose)
		return;
	va_start(ap, fmt);
	fputs("vfio-user: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static inline uint16_t get16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* ---- configuration space ------------------------------------------------ */

static void cfg_set(struct vfu_server *s, unsigned int off, unsigned int len, uint32_t val,
		    uint32_t wmask)
{
	for (unsigned int i = 0; i < len; i++) {
		s->cfg_init[off + i] = (uint8_t)(val >> (8 * i));
		s->cfg_wmask[off + i] = (uint8_t)(wmask >> (8 * i));
	}
}

static bool has_msix(const struct vfu_server *s) { return s->cfg.irq_mode == VFU_IRQ_MSIX; }
static bool has_msi(const struct vfu_server *s) { return s->cfg.irq_mode != VFU_IRQ_INTX; }

static uint32_t pba_size(const struct vfu_server *s)
{
	return ((s->cfg.msix_vectors + 63) / 64) * 8;
}

static void cfg_build(struct vfu_server *s)
{
	const struct vfu_config *c = &s->cfg;
	uint32_t bar_mask = (uint32_t)~(c->bar0_size - 1) & 0xfffffff0u;
	unsigned int caps[3], ncaps = 0;

	memset(s->cfg_init, 0, sizeof(s->cfg_init));
	memset(s->cfg_wmask, 0, sizeof(s->cfg_wmask));
	cfg_set(s, 0x00, 2, c->vendor, 0);
	cfg_set(s, 0x02, 2, c->device, 0);
	cfg_set(s, 0x04, 2, 0, PCI_COMMAND_WMASK);
	cfg_set(s, 0x08, 1, c->revision, 0);
	cfg_set(s, 0x09, 3, c->class_code, 0);
	cfg_set(s, 0x0c, 1, 0, 0xff);		/* cache line size */
	cfg_set(s, 0x0d, 1, 0, 0xff);		/* latency timer */
	/* BAR0: 64-bit, non-prefetchable memory; sized by the writable bits */
	cfg_set(s, 0x10, 4, 0x4, bar_mask);
	cfg_set(s, 0x14, 4, 0, c->bar0_size > 0xffffffffull ?
		(uint32_t)(~(c->bar0_size - 1) >> 32) : 0xffffffffu);
	cfg_set(s, 0x2c, 2, c->subsys_vendor, 0);
	cfg_set(s, 0x2e, 2, c->subsys_device, 0);
	cfg_set(s, 0x3c, 1, 0, 0xff);		/* interrupt line */
	cfg_set(s, 0x3d, 1, 1, 0);		/* INTA */

	if (has_msix(s))
		caps[ncaps++] = CAP_MSIX_AT;
	if (has_msi(s))
		caps[ncaps++] = CAP_MSI_AT;
	if (c->pcie)
		caps[ncaps++] = CAP_EXP_AT;
	if (ncaps) {
		cfg_set(s, 0x06, 2, PCI_STATUS_CAP_LIST, 0);
		cfg_set(s, 0x34, 1, caps[0], 0);
	}
	for (unsigned int i = 0; i < ncaps; i++) {
		unsigned int at = caps[i], next = i + 1 < ncaps ? caps[i + 1] : 0;

		cfg_set(s, at + 1, 1, next, 0);
		switch (at) {
		case CAP_MSIX_AT:
			cfg_set(s, at, 1, CAP_MSIX, 0);
			/* table size - 1; bit 14 function mask, bit 15 enable */
			cfg_set(s, at + 2, 2, c->msix_vectors - 1, 0xc000);
			cfg_set(s, at + 4, 4, c->msix_table_off, 0);	/* BIR 0 */
			cfg_set(s, at + 8, 4, c->msix_pba_off, 0);
			break;
		case CAP_MSI_AT:
			cfg_set(s, at, 1, CAP_MSI, 0);
			/* 64-bit address, one vector: enable, MME writable */
			cfg_set(s, at + 2, 2, 0x0080, 0x0071);
			cfg_set(s, at + 4, 4, 0, 0xfffffffcu);
			cfg_set(s, at + 8, 4, 0, 0xffffffffu);
			cfg_set(s, at + 12, 2, 0, 0xffff);
			break;
		case CAP_EXP_AT:
			cfg_set(s, at, 1, CAP_EXP, 0);
			cfg_set(s, at + 2, 2, 0x0002, 0);	/* version 2, endpoint */
			cfg_set(s, at + 4, 4, 0x00008001u, 0);	/* RBER, MPS 256 */
			cfg_set(s, at + 8, 2, 0x2010, 0x7fff);	/* DEVCTL */
			cfg_set(s, at + 12, 4, 0x00000083u, 0);	/* 8 GT/s x8 */
			cfg_set(s, at + 16, 2, 0, 0x0fff);	/* LNKCTL */
			cfg_set(s, at + 18, 2, 0x0083, 0);	/* LNKSTA */
			cfg_set(s, at + 40, 2, 0, 0xffff);	/* DEVCTL2 */
			cfg_set(s, at + 44, 4, 0x0000000eu, 0);	/* 2.5-8 GT/s */
			cfg_set(s, at + 48, 2, 0x0003, 0xffff);	/* LNKCTL2 */
			break;
		}
	}
	memcpy(s->cfgs, s->cfg_init, sizeof(s->cfgs));
	atomic_store(&s->master, false);
}

static void irq_fire(struct vfu_server *s, unsigned int index, unsigned int i);
static bool irq_index_active(const struct vfu_server *s, unsigned int index);

/* INTx in use: no MSI or MSI-X vector has an eventfd (call under irq_lock) */
static bool intx_in_use(const struct vfu_server *s)
{
	return !irq_index_active(s, VFU_PCI_MSIX_IRQ) && !irq_index_active(s, VFU_PCI_MSI_IRQ);
}

/*
 * The INTx level for the status register's Interrupt Status bit (PCI 2.3:
 * the guest's shared-interrupt handlers and vfio-pci read it to tell
 * whether the function interrupted).
 */
static bool intx_level(struct vfu_server *s)
{
	bool in_use, level;

	pthread_mutex_lock(&s->irq_lock);
	in_use = intx_in_use(s);
	level = s->irq[VFU_PCI_INTX_IRQ][0].pending || s->irq[VFU_PCI_INTX_IRQ][0].masked;
	pthread_mutex_unlock(&s->irq_lock);
	if (!in_use)
		return false;
	return s->ops.irq_pending ? s->ops.irq_pending(s->opaque) : level;
}

static void cfg_write(struct vfu_server *s, uint32_t off, const uint8_t *data, uint32_t count)
{
	bool dis, level = false;

	for (uint32_t i = 0; i < count; i++) {
		uint8_t m = s->cfg_wmask[off + i];

		s->cfgs[off + i] = (uint8_t)((s->cfgs[off + i] & ~m) | (data[i] & m));
	}
	if (off <= 4 && off + count > 4)
		atomic_store(&s->master, s->cfgs[4] & 0x04);
	if (off > 5 || off + count <= 5)
		return;
	/* Interrupt Disable (command bit 10) gates INTx */
	dis = s->cfgs[5] & 0x04;
	if (!dis && s->ops.irq_pending)
		level = s->ops.irq_pending(s->opaque);
	pthread_mutex_lock(&s->irq_lock);
	if (s->intx_disabled && !dis) {
		struct irq_line *l = &s->irq[VFU_PCI_INTX_IRQ][0];

		s->intx_disabled = false;
		if (s->ops.irq_pending)
			l->pending = level;
		if (l->pending && intx_in_use(s))
			irq_fire(s, VFU_PCI_INTX_IRQ, 0);
	}
	s->intx_disabled = dis;
	pthread_mutex_unlock(&s->irq_lock);
}

static void cfg_read(struct vfu_server *s, uint32_t off, uint8_t *data, uint32_t count)
{
	memcpy(data, s->cfgs + off, count);
	if (off <= 6 && off + count > 6 && intx_level(s))
		data[6 - off] |= 0x08;		/* PCI_STATUS_INTERRUPT */
}

/* ---- interrupts ----------------------------------------------------------- */

static void irq_signal(struct vfu_server *s, int fd)
{
	uint64_t one = 1;

	if (write(fd, &one, sizeof(one)) == sizeof(one))
		atomic_fetch_add(&s->n_irqs, 1);
}

static bool irq_index_active(const struct vfu_server *s, unsigned int index)
{
	for (unsigned int i = 0; i < s->irq_count[index]; i++)
		if (s->irq[index][i].fd >= 0)
			return true;
	return false;
}

/* a vector fires: deliver unless masked (then pending); INTx masks itself */
static void irq_fire(struct vfu_server *s, unsigned int index, unsigned int i)
{
	struct irq_line *l = &s->irq[index][i];

	if (index != VFU_PCI_INTX_IRQ && !atomic_load(&s->master)) {
		vlog(s, 2, "irq %u.%u dropped (bus mastering off)", index, i);
		return;
	}
	if (l->masked || l->fd < 0 || (index == VFU_PCI_INTX_IRQ && s->intx_disabled)) {
		vlog(s, 2, "irq %u.%u pending (%s)", index, i, l->masked ? "masked" :
		     l->fd < 0 ? "no fd" : "INTx disabled");
		l->pending = true;
		return;
	}
	vlog(s, 2, "irq %u.%u fired", index, i);
	l->pending = false;
	irq_signal(s, l->fd);
	if (index == VFU_PCI_INTX_IRQ)
		l->masked = true;
}

void vfu_irq(struct vfu_server *s, unsigned int input)
{
	pthread_mutex_lock(&s->irq_lock);
	if (irq_index_active(s, VFU_PCI_MSIX_IRQ)) {
		if (input < s->irq_count[VFU_PCI_MSIX_IRQ])
			irq_fire(s, VFU_PCI_MSIX_IRQ, input);
	} else if (irq_index_active(s, VFU_PCI_MSI_IRQ)) {
		irq_fire(s, VFU_PCI_MSI_IRQ, 0);
	} else if (irq_index_active(s, VFU_PCI_INTX_IRQ)) {
		irq_fire(s, VFU_PCI_INTX_IRQ, 0);
	} else if (input < s->irq_count[VFU_PCI_MSIX_IRQ]) {
		/* MSI-X not set up yet: the PBA shows it */
		s->irq[VFU_PCI_MSIX_IRQ][input].pending = true;
	}
	pthread_mutex_unlock(&s->irq_lock);
}

static void irq_close_all(struct vfu_server *s, bool reset_state)
{
	pthread_mutex_lock(&s->irq_lock);
	for (unsigned int x = 0; x < VFU_PCI_NUM_IRQS; x++) {
		for (unsigned int i = 0; s->irq[x] && i < s->irq_count[x]; i++) {
			struct irq_line *l = &s->irq[x][i];

			if (l->fd >= 0)
				close(l->fd);
			l->fd = -1;
			if (reset_state)
				l->masked = l->pending = false;
		}
	}
	pthread_mutex_unlock(&s->irq_lock);
}

/* ---- DMA mappings ----------------------------------------------------------- */

/* index of the first map whose last byte is >= iova */
static size_t map_lower(const struct vfu_server *s, uint64_t iova)
{
	size_t lo = 0, hi = s->nmaps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->maps[mid].last < iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Walk [iova, iova + len) through the maps; copy only when do_copy. */
static int dma_walk(struct vfu_server *s, uint64_t iova, uint8_t *buf, size_t len,
		    bool to_guest, bool do_copy)
{
	size_t i = map_lower(s, iova);

	while (len) {
		const struct vfu_map *m;
		uint64_t avail;
		size_t n;

		if (i >= s->nmaps)
			return -EFAULT;
		m = &s->maps[i];
		if (iova < m->iova || !m->host || (to_guest && !m->writable))
			return -EFAULT;
		avail = m->last - iova;		/* bytes after the first one */
		n = (avail >= len - 1) ? len : (size_t)avail + 1;
		if (do_copy) {
			uint8_t *h = m->host + (iova - m->iova);

			if (to_guest)
				memcpy(h, buf, n);
			else
				memcpy(buf, h, n);
		}
		buf += n;
		len -= n;
		if (len == 0)
			break;
		if (m->last == UINT64_MAX)
			return -EFAULT;
		iova = m->last + 1;
		i++;
	}
	return 0;
}

static int dma_access(struct vfu_server *s, uint64_t iova, uint8_t *buf, size_t len,
		      bool to_guest)
{
	int ret;

	if (len == 0)
		return 0;
	if (len - 1 > UINT64_MAX - iova || !atomic_load(&s->master)) {
		atomic_fetch_add(&s->n_faults, 1);
		return -EFAULT;
	}
	pthread_rwlock_rdlock(&s->map_lock);
	ret = dma_walk(s, iova, buf, len, to_guest, false);
	if (!ret)
		ret = dma_walk(s, iova, buf, len, to_guest, true);
	pthread_rwlock_unlock(&s->map_lock);
	if (ret)
		atomic_fetch_add(&s->n_faults, 1);
	return ret;
}

int vfu_dma_read(struct vfu_server *s, uint64_t iova, void *buf, size_t len)
{
	return dma_access(s, iova, buf, len, false);
}

int vfu_dma_write(struct vfu_server *s, uint64_t iova, const void *buf, size_t len)
{
	return dma_access(s, iova, (uint8_t *)buf, len, true);
}

static void map_release(struct vfu_map *m)
{
	if (m->mbase)
		munmap(m->mbase, m->mlen);
	m->mbase = NULL;
	m->host = NULL;
}

static void maps_clear(struct vfu_server *s)
{
	struct vfu_map *old;
	size_t n;

	pthread_rwlock_wrlock(&s->map_lock);
	old = s->maps;
	n = s->nmaps;
	s->maps = NULL;
	s->nmaps = s->cap_maps = 0;
	pthread_rwlock_unlock(&s->map_lock);
	for (size_t i = 0; i < n; i++)
		map_release(&old[i]);
	free(old);
}

static int do_dma_map(struct vfu_server *s, const uint8_t *p, uint32_t len, int *fds, int nfds)
{
	uint32_t flags;
	uint64_t offset, iova, size;
	struct vfu_map m = { 0 };
	size_t at;
	long pg = sysconf(_SC_PAGESIZE);

	if (len < 32 || get32(p) < 32)
		return -EINVAL;
	flags = get32(p + 4);
	offset = get64(p + 8);
	iova = get64(p + 16);
	size = get64(p + 24);
	if (flags & ~(DMA_MAP_READ | DMA_MAP_WRITE))
		return -EINVAL;
	if (size == 0 || size - 1 > UINT64_MAX - iova || nfds > 1)
		return -EINVAL;
	m.iova = iova;
	m.last = iova + (size - 1);
	m.writable = flags & DMA_MAP_WRITE;

	if (nfds == 1) {
		uint64_t delta = offset & (uint64_t)(pg - 1);
		int prot = PROT_READ | (m.writable ? PROT_WRITE : 0);

		if (size > SIZE_MAX - delta || offset - delta > (uint64_t)INT64_MAX)
			return -EINVAL;
		m.mlen = (size_t)(size + delta);
		m.mbase = mmap(NULL, m.mlen, prot, MAP_SHARED, fds[0], (off_t)(offset - delta));
		if (m.mbase == MAP_FAILED) {
			int e = errno;

			vlog(s, 0, "DMA_MAP iova 0x%" PRIx64 " size 0x%" PRIx64 ": mmap: %s",
			     iova, size, strerror(e));
			return -e;
		}
		m.host = (uint8_t *)m.mbase + delta;
	}

	pthread_rwlock_wrlock(&s->map_lock);
	at = map_lower(s, m.iova);
	if (at < s->nmaps && s->maps[at].iova <= m.last) {
		pthread_rwlock_unlock(&s->map_lock);
		map_release(&m);
		return -EEXIST;
	}
	if (s->nmaps >= VFU_MAX_DMA_MAPS) {
		pthread_rwlock_unlock(&s->map_lock);
		map_release(&m);
		return -ENOSPC;
	}
	if (s->nmaps == s->cap_maps) {
		size_t ncap = s->cap_maps ? s->cap_maps * 2 : 64;
		struct vfu_map *nm = realloc(s->maps, ncap * sizeof(*nm));

		if (!nm) {
			pthread_rwlock_unlock(&s->map_lock);
			map_release(&m);
			return -ENOMEM;
		}
		s->maps = nm;
		s->cap_maps = ncap;
	}
	memmove(&s->maps[at + 1], &s->maps[at], (s->nmaps - at) * sizeof(*s->maps));
	s->maps[at] = m;
	s->nmaps++;
	pthread_rwlock_unlock(&s->map_lock);
	vlog(s, 2, "DMA_MAP iova 0x%" PRIx64 " size 0x%" PRIx64 " offset 0x%" PRIx64 "%s%s",
	     iova, size, offset, nfds ? " fd" : " (no fd)", m.writable ? " rw" : " ro");
	return 0;
}

/*
 * Removes every map that overlaps the range: the client's unmaps may
 * cover several maps, and at reset a range whose size runs past 2^64
 * (taken as ending at 2^64 - 1).
 */
static int do_dma_unmap(struct vfu_server *s, const uint8_t *p, uint32_t len)
{
	uint32_t flags;
	uint64_t iova, size, last;
	struct vfu_map *gone = NULL;
	size_t ngone = 0, first, end;

	if (len < 24 || get32(p) < 24)
		return -EINVAL;
	flags = get32(p + 4);
	iova = get64(p + 8);
	size = get64(p + 16);
	if (flags & DMA_UNMAP_GET_DIRTY)
		return -ENOTSUP;
	if (flags & ~DMA_UNMAP_ALL)
		return -EINVAL;
	if (flags & DMA_UNMAP_ALL) {
		iova = 0;
		last = UINT64_MAX;
	} else {
		if (size == 0)
			return -EINVAL;
		last = size - 1 > UINT64_MAX - iova ? UINT64_MAX : iova + (size - 1);
	}

	pthread_rwlock_wrlock(&s->map_lock);
	first = map_lower(s, iova);
	end = first;
	while (end < s->nmaps && s->maps[end].iova <= last)
		end++;
	if (end > first) {
		ngone = end - first;
		gone = malloc(ngone * sizeof(*gone));
		if (!gone) {
			pthread_rwlock_unlock(&s->map_lock);
			return -ENOMEM;
		}
		memcpy(gone, &s->maps[first], ngone * sizeof(*gone));
		memmove(&s->maps[first], &s->maps[end], (s->nmaps - end) * sizeof(*s->maps));
		s->nmaps -= ngone;
	}
	pthread_rwlock_unlock(&s->map_lock);
	/* no DMA copy can run inside these any more: the write lock drained them */
	for (size_t i = 0; i < ngone; i++)
		map_release(&gone[i]);
	free(gone);
	vlog(s, 2, "DMA_UNMAP iova 0x%" PRIx64 " size 0x%" PRIx64 "%s: %zu map(s) removed",
	     iova, size, flags & DMA_UNMAP_ALL ? " (all)" : "", ngone);
	return 0;
}

/* ---- BAR0 ----------------------------------------------------------------- */

static bool in_range(uint64_t off, uint64_t base, uint64_t size)
{
	return off >= base && off - base < size;
}

static uint32_t bar_read32(struct vfu_server *s, uint64_t off)
{
	if (has_msix(s)) {
		uint64_t tsz = (uint64_t)s->cfg.msix_vectors * 16;

		if (in_range(off, s->cfg.msix_table_off, tsz))
			return get32(s->msix_table + (off - s->cfg.msix_table_off));
		if (in_range(off, s->cfg.msix_pba_off, pba_size(s))) {
			uint32_t v = 0, base = (uint32_t)(off - s->cfg.msix_pba_off) * 8;

			pthread_mutex_lock(&s->irq_lock);
			for (unsigned int b = 0; b < 32; b++)
				if (base + b < s->irq_count[VFU_PCI_MSIX_IRQ] &&
				    s->irq[VFU_PCI_MSIX_IRQ][base + b].pending)
					v |= 1u << b;
			pthread_mutex_unlock(&s->irq_lock);
			return v;
		}
	}
	return s->ops.bar_read ? s->ops.bar_read(s->opaque, off) : 0xffffffffu;
}

static int bar_write_small(struct vfu_server *s, uint64_t off, const uint8_t *d, uint32_t count)
{
	if (has_msix(s)) {
		uint64_t tsz = (uint64_t)s->cfg.msix_vectors * 16;

		if (in_range(off, s->cfg.msix_table_off, tsz)) {
			memcpy(s->msix_table + (off - s->cfg.msix_table_off), d, count);
			return 0;
		}
		if (in_range(off, s->cfg.msix_pba_off, pba_size(s)))
			return 0;	/* read-only */
	}
	if (count != 4)
		return -EINVAL;		/* registers take 32-bit writes only */
	if (s->ops.bar_write)
		s->ops.bar_write(s->opaque, off, get32(d));
	return 0;
}

static int bar_access(struct vfu_server *s, uint64_t off, uint8_t *data, uint32_t count,
		      bool write)
{
	if (count != 1 && count != 2 && count != 4 && count != 8)
		return -EINVAL;
	if (off % count || off >= s->cfg.bar0_size || count > s->cfg.bar0_size - off)
		return -EINVAL;
	if (write) {
		if (count == 8) {
			int ret = bar_write_small(s, off, data, 4);

			return ret ? ret : bar_write_small(s, off + 4, data + 4, 4);
		}
		return bar_write_small(s, off, data, count);
	}
	if (count == 8) {
		put32(data, bar_read32(s, off));
		put32(data + 4, bar_read32(s, off + 4));
	} else {
		uint32_t v = bar_read32(s, off & ~3ull);

		v >>= 8 * (off & 3);
		memcpy(data, &v, count);
	}
	return 0;
}

/* ---- messages -------------------------------------------------------------- */

struct req {
	struct vfu_hdr hdr;
	uint8_t *p;		/* payload */
	uint32_t len;		/* payload bytes */
	int fds[VFU_MAX_FDS];
	int nfds;
};

static void close_fds(struct req *r)
{
	for (int i = 0; i < r->nfds; i++)
		if (r->fds[i] >= 0)
			close(r->fds[i]);
	r->nfds = 0;
}

static const char *cmd_name(unsigned int cmd)
{
	static const char *const names[] = {
		[VFU_CMD_VERSION] = "VERSION", [VFU_CMD_DMA_MAP] = "DMA_MAP",
		[VFU_CMD_DMA_UNMAP] = "DMA_UNMAP", [VFU_CMD_DEVICE_GET_INFO] = "DEVICE_GET_INFO",
		[VFU_CMD_DEVICE_GET_REGION_INFO] = "GET_REGION_INFO",
		[VFU_CMD_DEVICE_GET_REGION_IO_FDS] = "GET_REGION_IO_FDS",
		[VFU_CMD_DEVICE_GET_IRQ_INFO] = "GET_IRQ_INFO",
		[VFU_CMD_DEVICE_SET_IRQS] = "SET_IRQS", [VFU_CMD_REGION_READ] = "REGION_READ",
		[VFU_CMD_REGION_WRITE] = "REGION_WRITE", [VFU_CMD_DMA_READ] = "DMA_READ",
		[VFU_CMD_DMA_WRITE] = "DMA_WRITE", [VFU_CMD_DEVICE_RESET] = "DEVICE_RESET",
		[VFU_CMD_REGION_WRITE_MULTI] = "REGION_WRITE_MULTI",
		[VFU_CMD_DEVICE_FEATURE] = "DEVICE_FEATURE",
	};

	return cmd < sizeof(names) / sizeof(names[0]) && names[cmd] ? names[cmd] : "?";
}

static int send_all(struct vfu_server *s, const uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = send(s->cfd, buf, len, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* the reply's payload is already in s->out + VFU_HDR_SIZE */
static int send_reply(struct vfu_server *s, const struct req *r, int err, uint32_t plen)
{
	struct vfu_hdr h = {
		.id = r->hdr.id,
		.cmd = r->hdr.cmd,
		.size = VFU_HDR_SIZE + (err ? 0 : plen),
		.flags = VFU_F_TYPE_REPLY | (err ? VFU_F_ERROR : 0),
		.error = err > 0 ? (uint32_t)err : 0,
	};

	if (r->hdr.flags & VFU_F_NO_REPLY)
		return 0;
	memcpy(s->out, &h, sizeof(h));
	return send_all(s, s->out, h.size);
}

/* read exactly len bytes, or fail: 0 on EOF before the first byte */
static ssize_t read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return got ? -EPIPE : 0;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * One message: 1 read, 0 the client closed, -errno broken. A message too
 * large is drained and r->len set to UINT32_MAX (answered with E2BIG).
 */
static int recv_msg(struct vfu_server *s, struct req *r)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * VFU_MAX_FDS)];
	} cbuf;
	struct iovec iov = { .iov_base = &r->hdr, .iov_len = VFU_HDR_SIZE };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf.buf, .msg_controllen = sizeof(cbuf.buf),
	};
	struct pollfd pfd[2] = {
		{ .fd = s->cfd, .events = POLLIN },
		{ .fd = s->stop_fd, .events = POLLIN },
	};
	ssize_t n;
	size_t got;

	r->nfds = 0;
	r->len = 0;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (pfd[1].revents)
			return 0;
		break;
	}
	do {
		n = recvmsg(s->cfd, &mh, MSG_CMSG_CLOEXEC);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));

			for (int i = 0; i < k; i++) {
				int fd;

				memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
				if (r->nfds < VFU_MAX_FDS)
					r->fds[r->nfds++] = fd;
				else
					close(fd);
			}
		}
	}
	if (mh.msg_flags & MSG_CTRUNC)
		vlog(s, 0, "message %u: too many file descriptors, extra ones dropped", r->hdr.id);
	got = (size_t)n;
	if (got < VFU_HDR_SIZE) {
		n = read_full(s->cfd, (uint8_t *)&r->hdr + got, VFU_HDR_SIZE - got);
		if (n <= 0) {
			close_fds(r);
			return n == 0 ? -EPIPE : (int)n;
		}
	}
	if (r->hdr.size < VFU_HDR_SIZE) {
		close_fds(r);
		return -EPROTO;		/* no way to find the next message */
	}
	r->len = r->hdr.size - VFU_HDR_SIZE;
	r->p = s->msg;
	if (r->hdr.size > MAX_MSG) {
		uint32_t left = r->len;

		while (left) {
			uint32_t k = left > MAX_MSG ? MAX_MSG : left;

			n = read_full(s->cfd, s->msg, k);
			if (n <= 0) {
				close_fds(r);
				return n == 0 ? -EPIPE : (int)n;
			}
			left -= k;
		}
		r->len = UINT32_MAX;
		return 1;
	}
	if (r->len) {
		n = read_full(s->cfd, s->msg, r->len);
		if (n <= 0) {
			close_fds(r);
			return n == 0 ? -EPIPE : (int)n;
		}
	}
	return 1;
}

static int h_version(struct vfu_server *s, struct req *r, uint32_t *plen)
{
	static const char caps[] =
		"{\"capabilities\":{\"max_msg_fds\":16,\"max_data_xfer_size\":1048576,"
		"\"pgsizes\":4096,\"max_dma_maps\":65535}}";
	uint16_t major, minor;
	uint8_t *o = s->out + VFU_HDR_SIZE;

	if (s->negotiated || r->len < 4)
		return -EINVAL;
	major = get16(r->p);
	minor = get16(r->p + 2);
	if (major != VFU_VERSION_MAJOR) {
		vlog(s, 0, "client speaks protocol %u.%u, this server %u.%u",
		     major, minor, VFU_VERSION_MAJOR, VFU_VERSION_MINOR);
		return -ENOTSUP;
	}
	/* the client's capabilities: a NUL-terminated JSON object, if any */
	if (r->len > 4 && (r->p[r->len - 1] != '\0' || memchr(r->p + 4, '{', r->len - 4) == NULL))
		return -EINVAL;
	put16(o, VFU_VERSION_MAJOR);
	put16(o + 2, minor < VFU_VERSION_MINOR ? minor : VFU_VERSION_MINOR);
	memcpy(o + 4, caps, sizeof(caps));
	*plen = 4 + sizeof(caps);
	s->negotiated = true;
	vlog(s, 1, "client connected (protocol %u.%u)", major, minor);
	return 0;
}

static int h_device_info(struct vfu_server *s, struct req *r, uint32_t *plen)
{
	uint8_t *o = s->out + VFU_HDR_SIZE;

	if (r->len < 16 || get32(r->p) < 16)
		return -EINVAL;
	put32(o, 16);
	put32(o + 4, DEV_FLAGS_RESET | DEV_FLAGS_PCI);
	put32(o + 8, VFU_PCI_NUM_REGIONS);
	put32(o + 12, VFU_PCI_NUM_IRQS);
	*plen = 16;
	return 0;
}

static int h_region_info(struct vfu_server *s, struct req *r, uint32_t *plen)
{
	uint8_t *o = s->out + VFU_HDR_SIZE;
	uint32_t index, flags = 0;
	uint64_t size = 0;

	if (r->len < 32 || get32(r->p) < 32)
		return -EINVAL;
	index = get32(r->p + 8);
	if (index >= VFU_PCI_NUM_REGIONS)
		return -EINVAL;
	if (index == VFU_PCI_CONFIG_REGION) {
		flags = REGION_FLAG_READ | REGION_FLAG_WRITE;
		size = VFU_CFG_SIZE;
	} else if (index == VFU_PCI_BAR0_REGION) {
		flags = REGION_FLAG_READ | REGION_FLAG_WRITE;
		size = s->cfg.bar0_size;
	}
	memset(o, 0, 32);
	put32(o, 32);
	put32(o + 4, flags);
	put32(o + 8, index);
	put64(o + 16, size);
	*plen = 32;
	return 0;
}

static int h_irq_info(struct vfu_server *s, struct req *r, uint32_t *plen)
{
	uint8_t *o = s->out + VFU_HDR_SIZE;
	uint32_t index, flags = IRQ_INFO_EVENTFD;

	if (r->len < 16 || get32(r->p) < 16)
		return -EINVAL;
	index = get32(r->p + 8);
	if (index >= VFU_PCI_NUM_IRQS)
		return -EINVAL;
	if (index == VFU_PCI_INTX_IRQ)
		flags |= IRQ_INFO_MASKABLE | IRQ_INFO_AUTOMASKED;
	else if (index == VFU_PCI_MSI_IRQ || index == VFU_PCI_MSIX_IRQ)
		flags |= IRQ_INFO_NORESIZE;
	put32(o, 16);
	put32(o + 4, flags);
	put32(o + 8, index);
	put32(o + 12, s->irq_count[index]);
	*plen = 16;
	return 0;
}

static int h_set_irqs(struct vfu_server *s, struct req *r)
{
	uint32_t flags, index, start, count, data, action;
	bool asserted = false;

	if (r->len < 20 || get32(r->p) < 20)
		return -EINVAL;
	flags = get32(r->p + 4);
	index = get32(r->p + 8);
	start = get32(r->p + 12);
	count = get32(r->p + 16);
	data = flags & IRQ_SET_DATA_MASK;
	action = flags & IRQ_SET_ACTION_ALL;
	vlog(s, 2, "SET_IRQS index %u start %u count %u flags 0x%x fds %d", index, start, count,
	     flags, r->nfds);
	if (flags & ~(IRQ_SET_DATA_MASK | IRQ_SET_ACTION_ALL) ||
	    __builtin_popcount(data) != 1 || __builtin_popcount(action) != 1)
		return -EINVAL;
	if (index >= VFU_PCI_NUM_IRQS)
		return -EINVAL;
	if (data == IRQ_SET_DATA_NONE && action == IRQ_SET_ACTION_TRIGGER && count == 0) {
		if (start != 0)
			return -EINVAL;
		/* disable every interrupt of the index */
		pthread_mutex_lock(&s->irq_lock);
		for (unsigned int i = 0; i < s->irq_count[index]; i++) {
			struct irq_line *l = &s->irq[index][i];

			if (l->fd >= 0)
				close(l->fd);
			l->fd = -1;
			l->masked = l->pending = false;
		}
		pthread_mutex_unlock(&s->irq_lock);
		return 0;
	}
	if ((uint64_t)start + count > s->irq_count[index] || count == 0)
		return -EINVAL;
	if (data == IRQ_SET_DATA_EVENTFD) {
		if (action != IRQ_SET_ACTION_TRIGGER)
			return -ENOTSUP;	/* no mask/unmask notification fds */
		if (r->nfds != 0 && (uint32_t)r->nfds != count)
			return -EINVAL;
		pthread_mutex_lock(&s->irq_lock);
		for (uint32_t i = 0; i < count; i++) {
			struct irq_line *l = &s->irq[index][start + i];

			if (l->fd >= 0)
				close(l->fd);
			l->fd = r->nfds ? r->fds[i] : -1;
			if (r->nfds)
				r->fds[i] = -1;		/* taken */
			/* what fired before the vector existed is not delivered */
			l->pending = false;
		}
		pthread_mutex_unlock(&s->irq_lock);
		r->nfds = 0;
		return 0;
	}
	if (data == IRQ_SET_DATA_BOOL && r->len < 20 + count)
		return -EINVAL;
	/* INTx is a level: when unmasked, is it still asserted? */
	if (index == VFU_PCI_INTX_IRQ && action == IRQ_SET_ACTION_UNMASK && s->ops.irq_pending)
		asserted = s->ops.irq_pending(s->opaque);
	pthread_mutex_lock(&s->irq_lock);
	for (uint32_t i = 0; i < count; i++) {
		struct irq_line *l = &s->irq[index][start + i];

		if (data == IRQ_SET_DATA_BOOL && !r->p[20 + i])
			continue;
		switch (action) {
		case IRQ_SET_ACTION_MASK:
			l->masked = true;
			break;
		case IRQ_SET_ACTION_UNMASK:
			l->masked = false;
			if (index == VFU_PCI_INTX_IRQ && s->ops.irq_pending)
				l->pending = asserted;
			if (l->pending)
				irq_fire(s, index, start + i);
			break;
		case IRQ_SET_ACTION_TRIGGER:
			irq_fire(s, index, start + i);
			break;
		}
	}
	pthread_mutex_unlock(&s->irq_lock);
	return 0;
}

static int h_region_rw(struct vfu_server *s, struct req *r, bool write, uint32_t *plen)
{
	uint8_t *o = s->out + VFU_HDR_SIZE;
	uint64_t off;
	uint32_t region, count;
	uint8_t *data;
	int ret;

	if (r->len < 16)
		return -EINVAL;
	off = get64(r->p);
	region = get32(r->p + 8);
	count = get32(r->p + 12);
	if (count == 0 || count > VFU_MAX_XFER)
		return -EINVAL;
	if (write && r->len - 16 < count)
		return -EINVAL;
	memcpy(o, r->p, 16);
	data = write ? r->p + 16 : o + 16;
	switch (region) {
	case VFU_PCI_CONFIG_REGION:
		if (off >= VFU_CFG_SIZE || count > VFU_CFG_SIZE - off)
			return -EINVAL;
		if (write)
			cfg_write(s, (uint32_t)off, data, count);
		else
			cfg_read(s, (uint32_t)off, data, count);
		ret = 0;
		break;
	case VFU_PCI_BAR0_REGION:
		ret = bar_access(s, off, data, count, write);
		break;
	default:
		ret = -EINVAL;
		break;
	}
	if (ret)
		return ret;
	*plen = write ? 16 : 16 + count;
	vlog(s, 2, "%s region %u off 0x%" PRIx64 " count %u%s", write ? "write" : "read",
	     region, off, count, r->hdr.flags & VFU_F_NO_REPLY ? " (posted)" : "");
	return 0;
}

static void reset_device(struct vfu_server *s)
{
	memcpy(s->cfgs, s->cfg_init, sizeof(s->cfgs));
	atomic_store(&s->master, false);
	if (s->msix_table) {
		memset(s->msix_table, 0, (size_t)s->cfg.msix_vectors * 16);
		for (unsigned int i = 0; i < s->cfg.msix_vectors; i++)
			s->msix_table[i * 16 + 12] = 1;		/* vector masked */
	}
	pthread_mutex_lock(&s->irq_lock);
	s->intx_disabled = false;
	for (unsigned int x = 0; x < VFU_PCI_NUM_IRQS; x++)
		for (unsigned int i = 0; s->irq[x] && i < s->irq_count[x]; i++)
			s->irq[x][i].masked = s->irq[x][i].pending = false;
	pthread_mutex_unlock(&s->irq_lock);
	if (s->ops.reset)
		s->ops.reset(s->opaque);
}

/* 0 go on, <0 drop the connection */
static int handle(struct vfu_server *s, struct req *r)
{
	uint32_t plen = 0;
	int ret;

	atomic_fetch_add(&s->n_msgs, 1);
	if ((r->hdr.flags & VFU_F_TYPE_MASK) != VFU_F_TYPE_COMMAND) {
		/* this server sends no commands, so expects no replies */
		vlog(s, 0, "unexpected message type %u (id %u), dropped",
		     r->hdr.flags & VFU_F_TYPE_MASK, r->hdr.id);
		atomic_fetch_add(&s->n_bad, 1);
		close_fds(r);
		return 0;
	}
	if (r->len == UINT32_MAX) {
		ret = -E2BIG;
	} else if (!s->negotiated && r->hdr.cmd != VFU_CMD_VERSION) {
		ret = -EINVAL;
	} else {
		switch (r->hdr.cmd) {
		case VFU_CMD_VERSION:
			ret = h_version(s, r, &plen);
			break;
		case VFU_CMD_DMA_MAP:
			atomic_fetch_add(&s->n_map, 1);
			ret = do_dma_map(s, r->p, r->len, r->fds, r->nfds);
			break;
		case VFU_CMD_DMA_UNMAP:
			atomic_fetch_add(&s->n_unmap, 1);
			ret = do_dma_unmap(s, r->p, r->len);
			if (!ret) {
				plen = r->len < 24 ? r->len : 24;
				memcpy(s->out + VFU_HDR_SIZE, r->p, plen);
			}
			break;
		case VFU_CMD_DEVICE_GET_INFO:
			ret = h_device_info(s, r, &plen);
			break;
		case VFU_CMD_DEVICE_GET_REGION_INFO:
			ret = h_region_info(s, r, &plen);
			break;
		case VFU_CMD_DEVICE_GET_IRQ_INFO:
			ret = h_irq_info(s, r, &plen);
			break;
		case VFU_CMD_DEVICE_SET_IRQS:
			ret = h_set_irqs(s, r);
			break;
		case VFU_CMD_REGION_READ:
			ret = h_region_rw(s, r, false, &plen);
			break;
		case VFU_CMD_REGION_WRITE:
			ret = h_region_rw(s, r, true, &plen);
			break;
		case VFU_CMD_DEVICE_RESET:
			reset_device(s);
			ret = 0;
			break;
		case VFU_CMD_DEVICE_GET_REGION_IO_FDS:
		case VFU_CMD_DEVICE_FEATURE:
		case VFU_CMD_REGION_WRITE_MULTI:	/* not offered */
			ret = -ENOTSUP;
			break;
		default:
			ret = -EINVAL;
			break;
		}
	}
	close_fds(r);		/* the ones no handler took */
	if (ret) {
		atomic_fetch_add(&s->n_bad, 1);
		vlog(s, ret == -ENOTSUP ? 2 : 1, "%s (id %u, %u bytes): %s", cmd_name(r->hdr.cmd),
		     r->hdr.id, r->hdr.size, strerror(-ret));
	}
	ret = send_reply(s, r, -ret, plen);
	if (ret)
		vlog(s, 0, "sending a reply: %s", strerror(-ret));
	return ret;
}

/* ---- server ------------------------------------------------------------------ */

static int check_config(const struct vfu_config *c)
{
	uint64_t tsz = (uint64_t)c->msix_vectors * 16;
	uint64_t psz = ((c->msix_vectors + 63) / 64) * 8;

	if (c->bar0_size < 4096 || (c->bar0_size & (c->bar0_size - 1)))
		return -EINVAL;
	if (c->irq_mode == VFU_IRQ_MSIX) {
		if (c->msix_vectors < 1 || c->msix_vectors > 2048)
			return -EINVAL;
		if (c->msix_table_off % 8 || c->msix_pba_off % 8 ||
		    c->msix_table_off + tsz > c->bar0_size || c->msix_pba_off + psz > c->bar0_size)
			return -EINVAL;
		if (in_range(c->msix_pba_off, c->msix_table_off, tsz) ||
		    in_range(c->msix_table_off, c->msix_pba_off, psz))
			return -EINVAL;
	} else if (c->irq_mode != VFU_IRQ_MSI && c->irq_mode != VFU_IRQ_INTX) {
		return -EINVAL;
	}
	return 0;
}

static struct vfu_server *server_new(const struct vfu_config *cfg, const struct vfu_dev_ops *ops,
				     void *opaque)
{
	struct vfu_server *s;
	int e;

	if ((e = check_config(cfg))) {
		vlog(NULL, 0, "invalid device configuration");
		errno = -e;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	if (ops)
		s->ops = *ops;
	s->opaque = opaque;
	s->lfd = s->cfd = s->stop_fd = -1;
	pthread_rwlock_init(&s->map_lock, NULL);
	pthread_mutex_init(&s->irq_lock, NULL);
	s->irq_count[VFU_PCI_INTX_IRQ] = 1;
	s->irq_count[VFU_PCI_MSI_IRQ] = has_msi(s) ? 1 : 0;
	s->irq_count[VFU_PCI_MSIX_IRQ] = has_msix(s) ? cfg->msix_vectors : 0;
	for (unsigned int x = 0; x < VFU_PCI_NUM_IRQS; x++) {
		s->irq[x] = calloc(s->irq_count[x] ? s->irq_count[x] : 1, sizeof(struct irq_line));
		if (!s->irq[x])
			goto fail;
		for (unsigned int i = 0; i < s->irq_count[x]; i++)
			s->irq[x][i].fd = -1;
	}
	if (has_msix(s) && !(s->msix_table = calloc(cfg->msix_vectors, 16)))
		goto fail;
	s->msg = malloc(MAX_MSG);
	s->out = malloc(MAX_MSG);
	s->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (!s->msg || !s->out || s->stop_fd < 0)
		goto fail;
	cfg_build(s);
	reset_device(s);
	return s;
fail:
	e = errno ? errno : ENOMEM;
	vfu_destroy(s);
	errno = e;
	return NULL;
}

struct vfu_server *vfu_create(const char *socket_path, const struct vfu_config *cfg,
			      const struct vfu_dev_ops *ops, void *opaque)
{
	struct vfu_server *s;
	int e;

	s = server_new(cfg, ops, opaque);
	if (!s)
		return NULL;
	s->lfd = unix_listen(socket_path, 1);
	if (s->lfd < 0) {
		e = errno;
		vlog(NULL, 0, "cannot listen on %s: %s", socket_path,
		     e == EEXIST ? "something other than a socket is there" : strerror(e));
		goto fail;
	}
	s->path = strdup(socket_path);
	if (!s->path) {
		unlink(socket_path);
		e = ENOMEM;
		goto fail;
	}
	return s;
fail:
	vfu_destroy(s);
	errno = e;
	return NULL;
}

struct vfu_server *vfu_create_fd(int fd, const struct vfu_config *cfg,
				 const struct vfu_dev_ops *ops, void *opaque)
{
	struct vfu_server *s = server_new(cfg, ops, opaque);

	if (!s) {
		close(fd);
		return NULL;
	}
	s->cfd = fd;
	return s;
}

static void client_gone(struct vfu_server *s)
{
	if (s->cfd >= 0)
		close(s->cfd);
	s->cfd = -1;
	s->negotiated = false;
	maps_clear(s);
	irq_close_all(s, false);
}

int vfu_serve(struct vfu_server *s)
{
	struct req r;
	int ret = 0;

	if (s->cfd < 0) {
		struct pollfd pfd[2] = {
			{ .fd = s->lfd, .events = POLLIN },
			{ .fd = s->stop_fd, .events = POLLIN },
		};

		if (s->lfd < 0)
			return -EBADF;
		while (poll(pfd, 2, -1) < 0)
			if (errno != EINTR)
				return -errno;
		if (pfd[1].revents)
			return 0;
		s->cfd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
		if (s->cfd < 0)
			return -errno;
	}
	for (;;) {
		ret = recv_msg(s, &r);
		if (ret <= 0)
			break;
		vlog(s, 2, "<- %s id %u size %u flags 0x%x fds %d", cmd_name(r.hdr.cmd), r.hdr.id,
		     r.hdr.size, r.hdr.flags, r.nfds);
		ret = handle(s, &r);
		if (ret < 0)
			break;
	}
	if (ret == -EPROTO)
		vlog(s, 0, "malformed message header (size %u): closing the connection",
		     r.hdr.size);
	else if (ret < 0)
		vlog(s, 0, "connection: %s", strerror(-ret));
	else
		vlog(s, 1, "client disconnected");
	client_gone(s);
	return ret;
}

void vfu_stop(struct vfu_server *s)
{
	uint64_t one = 1;

	if (write(s->stop_fd, &one, sizeof(one)) < 0) {
		/* already signalled: the counter is full, nothing to do */
	}
}

void vfu_destroy(struct vfu_server *s)
{
	if (!s)
		return;
	client_gone(s);
	if (s->lfd >= 0)
		close(s->lfd);
	if (s->path)
		unlink(s->path);
	if (s->stop_fd >= 0)
		close(s->stop_fd);
	for (unsigned int x = 0; x < VFU_PCI_NUM_IRQS; x++)
		free(s->irq[x]);
	pthread_rwlock_destroy(&s->map_lock);
	pthread_mutex_destroy(&s->irq_lock);
	free(s->msix_table);
	free(s->msg);
	free(s->out);
	free(s->path);
	free(s);
}

void vfu_get_stats(struct vfu_server *s, struct vfu_stats *st)
{
	st->messages = atomic_load(&s->n_msgs);
	st->bad_messages = atomic_load(&s->n_bad);
	st->dma_faults = atomic_load(&s->n_faults);
	st->irqs = atomic_load(&s->n_irqs);
	st->map_msgs = atomic_load(&s->n_map);
	st->unmap_msgs = atomic_load(&s->n_unmap);
	pthread_rwlock_rdlock(&s->map_lock);
	st->dma_maps = s->nmaps;
	pthread_rwlock_unlock(&s->map_lock);
}

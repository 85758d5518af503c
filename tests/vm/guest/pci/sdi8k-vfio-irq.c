// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-vfio-irq: the card's interrupts as the guest receives them, without
 * the driver: the function is bound to vfio-pci, its MSI-X vectors (or its
 * MSI or INTx) are given eventfds, every input's IRQ_MASK enables
 * FRAME_DONE, and each interrupt is counted per vector and acknowledged
 * (IRQ_STATUS, write 1 to clear; INTx also unmasked) until every vector
 * has fired COUNT times (MSI, INTx: COUNT in all). Prints the counts.
 *
 *   sdi8k-vfio-irq BDF msix|msi|intx INPUTS COUNT
 *
 * The group is /dev/vfio/N, or /dev/vfio/noiommu-N without an IOMMU
 * (vfio's enable_unsafe_noiommu_mode). Exit status 0 when every count was
 * reached within 10 s, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define REG_IRQ_SUMMARY	0x0030
#define IN_BASE(n)	(0x1000 + (n) * 0x400)
#define IN_IRQ_STATUS	0x040
#define IN_IRQ_MASK	0x044

static int dev = -1;
static uint64_t bar0;

static void die(const char *what)
{
	fprintf(stderr, "sdi8k-vfio-irq: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint32_t rd(uint64_t off)
{
	uint32_t v;

	if (pread(dev, &v, 4, (off_t)(bar0 + off)) != 4)
		die("BAR0 read");
	return v;
}

static void wr(uint64_t off, uint32_t v)
{
	if (pwrite(dev, &v, 4, (off_t)(bar0 + off)) != 4)
		die("BAR0 write");
}

static void set_irqs(uint32_t index, uint32_t flags, uint32_t count, const int *fds)
{
	size_t sz = sizeof(struct vfio_irq_set) + sizeof(int) * (fds ? count : 0);
	struct vfio_irq_set *s = calloc(1, sz);

	s->argsz = (uint32_t)sz;
	s->flags = flags;
	s->index = index;
	s->start = 0;
	s->count = count;
	if (fds)
		memcpy(s->data, fds, sizeof(int) * count);
	if (ioctl(dev, VFIO_DEVICE_SET_IRQS, s) < 0)
		die("VFIO_DEVICE_SET_IRQS");
	free(s);
}

int main(int argc, char **argv)
{
	char path[256], link[256];
	const char *bdf, *mode;
	unsigned int inputs, want, nvec, index;
	unsigned long counts[4] = { 0 }, total = 0;
	int container, group, efd[4];
	bool noiommu = false;
	ssize_t n;
	struct vfio_group_status gs = { .argsz = sizeof(gs) };
	struct vfio_region_info ri = { .argsz = sizeof(ri), .index = VFIO_PCI_BAR0_REGION_INDEX };
	struct timespec t0, t;

	if (argc != 5) {
		fprintf(stderr, "usage: sdi8k-vfio-irq BDF msix|msi|intx INPUTS COUNT\n");
		return 2;
	}
	bdf = argv[1];
	mode = argv[2];
	inputs = (unsigned int)atoi(argv[3]);
	want = (unsigned int)atoi(argv[4]);
	if (inputs < 1 || inputs > 4)
		return 2;
	if (!strcmp(mode, "msix")) {
		index = VFIO_PCI_MSIX_IRQ_INDEX;
		nvec = inputs;
	} else if (!strcmp(mode, "msi")) {
		index = VFIO_PCI_MSI_IRQ_INDEX;
		nvec = 1;
	} else {
		index = VFIO_PCI_INTX_IRQ_INDEX;
		nvec = 1;
	}

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		die(path);
	link[n] = '\0';
	snprintf(path, sizeof(path), "/dev/vfio/%s", strrchr(link, '/') + 1);
	group = open(path, O_RDWR);
	if (group < 0) {
		snprintf(path, sizeof(path), "/dev/vfio/noiommu-%s", strrchr(link, '/') + 1);
		group = open(path, O_RDWR);
		noiommu = true;
	}
	if (group < 0)
		die(path);
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		die("/dev/vfio/vfio");
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &gs) < 0 || !(gs.flags & VFIO_GROUP_FLAGS_VIABLE))
		die("group not viable");
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) < 0)
		die("VFIO_GROUP_SET_CONTAINER");
	if (ioctl(container, VFIO_SET_IOMMU, noiommu ? VFIO_NOIOMMU_IOMMU : VFIO_TYPE1v2_IOMMU) < 0)
		die("VFIO_SET_IOMMU");
	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (dev < 0)
		die("VFIO_GROUP_GET_DEVICE_FD");
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri) < 0)
		die("VFIO_DEVICE_GET_REGION_INFO");
	bar0 = ri.offset;
	/* MSI and MSI-X are memory writes: bus mastering on (vfio-pci leaves it off) */
	{
		struct vfio_region_info ci = { .argsz = sizeof(ci),
					       .index = VFIO_PCI_CONFIG_REGION_INDEX };
		uint16_t cmd;

		if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ci) < 0)
			die("VFIO_DEVICE_GET_REGION_INFO (config)");
		if (pread(dev, &cmd, 2, (off_t)(ci.offset + 4)) != 2)
			die("config read");
		cmd |= 0x6;		/* MEMORY | MASTER */
		if (pwrite(dev, &cmd, 2, (off_t)(ci.offset + 4)) != 2)
			die("config write");
	}
	printf("%s: vfio%s, BAR0 %llu bytes, %s with %u vector(s)\n", bdf,
	       noiommu ? " (no IOMMU)" : "", (unsigned long long)ri.size, mode, nvec);

	for (unsigned int i = 0; i < nvec; i++) {
		efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (efd[i] < 0)
			die("eventfd");
	}
	set_irqs(index, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, nvec, efd);
	for (unsigned int i = 0; i < inputs; i++) {
		wr(IN_BASE(i) + IN_IRQ_STATUS, 0x7);
		wr(IN_BASE(i) + IN_IRQ_MASK, 0x1);	/* FRAME_DONE */
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p[4];
		bool done = true;

		for (unsigned int i = 0; i < nvec; i++)
			done &= nvec == 1 ? total >= want : counts[i] >= want;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (done || t.tv_sec - t0.tv_sec >= 10)
			break;
		for (unsigned int i = 0; i < nvec; i++)
			p[i] = (struct pollfd){ .fd = efd[i], .events = POLLIN };
		if (poll(p, nvec, 1000) < 0 && errno != EINTR)
			die("poll");
		for (unsigned int i = 0; i < nvec; i++) {
			uint64_t c;
			uint32_t sum;

			if (!(p[i].revents & POLLIN) || read(efd[i], &c, 8) != 8)
				continue;
			counts[i] += c;
			total += c;
			if (nvec > 1) {
				wr(IN_BASE(i) + IN_IRQ_STATUS, 0x1);
				continue;
			}
			/* the shared vector: IRQ_SUMMARY says which inputs */
			sum = rd(REG_IRQ_SUMMARY);
			for (unsigned int k = 0; k < inputs; k++)
				if (sum & (1u << k))
					wr(IN_BASE(k) + IN_IRQ_STATUS, 0x1);
			if (index == VFIO_PCI_INTX_IRQ_INDEX)
				set_irqs(index, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK, 1,
					 NULL);
		}
	}
	for (unsigned int i = 0; i < inputs; i++)
		wr(IN_BASE(i) + IN_IRQ_MASK, 0);
	set_irqs(index, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, 0, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t);
	printf("interrupts in %.1f s:", (double)(t.tv_sec - t0.tv_sec) +
	       (double)(t.tv_nsec - t0.tv_nsec) / 1e9);
	for (unsigned int i = 0; i < nvec; i++)
		printf(" vector %u: %lu", i, counts[i]);
	printf("\n");
	for (unsigned int i = 0; i < nvec; i++)
		if (nvec == 1 ? total < want : counts[i] < want)
			return 1;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-bar: 32-bit reads and writes of a PCI BAR through its sysfs
 * resource file (mmap), for the PCI leg's guest tests.
 *
 *   sdi8k-bar /sys/bus/pci/devices/D/resource0 read OFF
 *   sdi8k-bar /sys/bus/pci/devices/D/resource0 write OFF VAL
 *
 * A read prints the value as 0x%08x.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct stat st;
	volatile uint32_t *bar;
	unsigned long off, val = 0;
	int fd, wr;

	if (argc < 4 || (strcmp(argv[2], "read") && strcmp(argv[2], "write")) ||
	    (!strcmp(argv[2], "write") && argc != 5)) {
		fprintf(stderr, "usage: sdi8k-bar RESOURCE read OFF | write OFF VAL\n");
		return 2;
	}
	wr = !strcmp(argv[2], "write");
	off = strtoul(argv[3], NULL, 0);
	if (wr)
		val = strtoul(argv[4], NULL, 0);
	fd = open(argv[1], wr ? O_RDWR : O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "sdi8k-bar: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (off % 4 || off + 4 > (unsigned long)st.st_size) {
		fprintf(stderr, "sdi8k-bar: offset 0x%lx outside the %lld-byte BAR or unaligned\n",
			off, (long long)st.st_size);
		return 1;
	}
	bar = mmap(NULL, (size_t)st.st_size, wr ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED,
		   fd, 0);
	if (bar == MAP_FAILED) {
		fprintf(stderr, "sdi8k-bar: mmap %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (wr)
		bar[off / 4] = (uint32_t)val;
	else
		printf("0x%08x\n", bar[off / 4]);
	munmap((void *)bar, (size_t)st.st_size);
	close(fd);
	return 0;
}

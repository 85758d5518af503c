// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-card: the card as a PCI device on a vfio-user socket, for QEMU's
 * vfio-user-pci (see man/sdi8k-card.1 and docs/simulator.md).
 *
 *   sdi8k-card --socket PATH [--serial N] [--inputs N] [--irq msix|msi|intx] [-v]
 *
 * Serves one client, then exits when it disconnects (or on SIGINT/SIGTERM).
 *
 * Until the card model (kernel/model/) is wired in, the device behind BAR0
 * is a register stand-in (card/standin.c): identity, serial, CAPS, SCRATCH,
 * CONTROL RESET and the per-input interrupt registers.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "standin.h"
#include "vfio-user.h"

/* docs/hardware.md: PCI identity, BAR0, MSI-X table and PBA in BAR0 */
#define SDI8K_VENDOR		0x10ee
#define SDI8K_DEVICE		0x8d18
#define SDI8K_SUBVENDOR		0x5d18
#define SDI8K_SUBDEVICE		0x0001
#define SDI8K_CLASS		0x040000	/* multimedia, video */
#define SDI8K_BAR0_SIZE		0x10000
#define SDI8K_MSIX_TABLE	0x8000
#define SDI8K_MSIX_PBA		0x9000

static struct vfu_server *volatile server;

static void on_signal(int sig)
{
	(void)sig;
	if (server)
		vfu_stop(server);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sdi8k-card --socket PATH [--serial N] [--inputs N] [--irq msix|msi|intx] [-v]\n"
		"Serves one sdi8k card on the vfio-user socket PATH (QEMU's vfio-user-pci)\n"
		"until the client disconnects or a SIGINT/SIGTERM.\n"
		"  --socket PATH   the UNIX socket to listen on (a stale one is replaced)\n"
		"  --serial N      the card's serial number (default 1)\n"
		"  --inputs N      the board's inputs, 1-4 (default 4)\n"
		"  --irq MODE      interrupts offered: msix (MSI-X, MSI, INTx; default),\n"
		"                  msi (MSI and INTx) or intx (INTx only)\n"
		"  -v, --verbose   log connection events; twice: every message\n");
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || *end || *s == '-' ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "serial", required_argument, NULL, 'n' },
		{ "inputs", required_argument, NULL, 'i' },
		{ "irq", required_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct vfu_config cfg = {
		.vendor = SDI8K_VENDOR,
		.device = SDI8K_DEVICE,
		.subsys_vendor = SDI8K_SUBVENDOR,
		.subsys_device = SDI8K_SUBDEVICE,
		.class_code = SDI8K_CLASS,
		.revision = 1,
		.bar0_size = SDI8K_BAR0_SIZE,
		.msix_table_off = SDI8K_MSIX_TABLE,
		.msix_pba_off = SDI8K_MSIX_PBA,
		.irq_mode = VFU_IRQ_MSIX,
		.pcie = true,
	};
	const char *path = NULL;
	uint64_t serial = 1, inputs = 4;
	struct sigaction sa = { .sa_handler = on_signal };
	struct standin *card;
	struct vfu_stats st;
	int c, ret;

	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			path = optarg;
			break;
		case 'n':
			if (parse_u64(optarg, &serial)) {
				fprintf(stderr, "sdi8k-card: bad serial number '%s'\n", optarg);
				return 2;
			}
			break;
		case 'i':
			if (parse_u64(optarg, &inputs) || inputs < 1 || inputs > 4) {
				fprintf(stderr, "sdi8k-card: --inputs takes 1 to 4, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'q':
			if (!strcmp(optarg, "msix")) {
				cfg.irq_mode = VFU_IRQ_MSIX;
			} else if (!strcmp(optarg, "msi")) {
				cfg.irq_mode = VFU_IRQ_MSI;
			} else if (!strcmp(optarg, "intx")) {
				cfg.irq_mode = VFU_IRQ_INTX;
			} else {
				fprintf(stderr, "sdi8k-card: --irq takes msix, msi or intx, not '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'v':
			cfg.verbose++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!path || optind != argc) {
		usage(stderr);
		return 2;
	}
	cfg.msix_vectors = (unsigned int)inputs;

	card = standin_new(serial, (unsigned int)inputs);
	if (!card) {
		perror("sdi8k-card");
		return 1;
	}
	server = vfu_create(path, &cfg, &standin_ops, card);
	if (!server) {
		fprintf(stderr, "sdi8k-card: cannot serve on %s: %s\n", path, strerror(errno));
		standin_free(card);
		return 1;
	}
	standin_attach(card, server);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (cfg.verbose)
		fprintf(stderr, "sdi8k-card: serial %" PRIu64 ", %u inputs, %s: waiting on %s\n",
			serial, (unsigned int)inputs,
			cfg.irq_mode == VFU_IRQ_MSIX ? "MSI-X" :
			cfg.irq_mode == VFU_IRQ_MSI ? "MSI" : "INTx", path);

	ret = vfu_serve(server);
	vfu_get_stats(server, &st);
	standin_detach(card);
	fprintf(stderr, "sdi8k-card: %" PRIu64 " messages (%" PRIu64 " refused), %" PRIu64
		" DMA maps, %" PRIu64 " unmaps, %" PRIu64 " interrupts, %" PRIu64 " DMA faults\n",
		st.messages, st.bad_messages, st.map_msgs, st.unmap_msgs, st.irqs, st.dma_faults);
	{
		struct vfu_server *s = server;

		server = NULL;		/* no vfu_stop() from a late signal */
		vfu_destroy(s);
	}
	standin_free(card);
	return ret < 0 ? 1 : 0;
}

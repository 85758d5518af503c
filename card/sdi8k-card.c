// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-card: the card as a PCI device on a vfio-user socket, for QEMU's
 * vfio-user-pci (see man/sdi8k-card.1 and docs/simulator.md).
 *
 *   sdi8k-card --socket PATH [--serial N] [--inputs N] [--irq msix|msi|intx]
 *              [--ctl PATH] [-v]
 *   sdi8k-card ctl PATH WORD [VALUE]
 *
 * Serves one client, then exits when it disconnects (or on SIGINT/SIGTERM).
 *
 * The device behind BAR0 is the card model of kernel/sim/ (card/model.c),
 * or with --standin a register stand-in (card/standin.c) for protocol tests.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "model.h"
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
		"usage: sdi8k-card --socket PATH [--serial N] [--inputs N] [--irq msix|msi|intx]\n"
		"                  [--ctl PATH] [--standin] [-v]\n"
		"       sdi8k-card ctl PATH WORD [VALUE]\n"
		"Serves one sdi8k card on the vfio-user socket PATH (QEMU's vfio-user-pci)\n"
		"until the client disconnects or a SIGINT/SIGTERM.\n"
		"  --socket PATH   the UNIX socket to listen on (a stale one is replaced)\n"
		"  --serial N      the card's serial number (default 1)\n"
		"  --inputs N      the board's inputs, 1-4 (default 4)\n"
		"  --irq MODE      interrupts offered: msix (MSI-X, MSI, INTx; default),\n"
		"                  msi (MSI and INTx) or intx (INTx only)\n"
		"  --ctl PATH      a control socket at PATH: the model's scripting words\n"
		"                  (docs/simulator.md), e.g. `sdi8k-card ctl PATH input0/signal 2160p25`\n"
		"  --standin       a register stand-in instead of the card model (protocol tests)\n"
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
		{ "standin", no_argument, NULL, 'S' },
		{ "ctl", required_argument, NULL, 'c' },
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
	const char *path = NULL, *ctl_path = NULL;
	struct card_ctl *ctl = NULL;
	uint64_t serial = 1, inputs = 4;
	struct sigaction sa = { .sa_handler = on_signal };
	struct standin *card = NULL;
	struct card_model *model = NULL;
	bool use_standin = false;
	struct vfu_stats st;
	int c, ret;

	if (argc >= 2 && !strcmp(argv[1], "ctl")) {
		if (argc < 4) {
			usage(stderr);
			return 2;
		}
		return card_ctl_client(argv[2], argc - 3, argv + 3);
	}
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
		case 'S':
			use_standin = true;
			break;
		case 'c':
			ctl_path = optarg;
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
	if (ctl_path && use_standin) {
		fprintf(stderr, "sdi8k-card: --ctl scripts the card model, not the --standin\n");
		return 2;
	}
	cfg.msix_vectors = (unsigned int)inputs;

	if (use_standin)
		card = standin_new(serial, (unsigned int)inputs);
	else
		model = card_model_new(serial, (unsigned int)inputs);
	if (!card && !model) {
		perror("sdi8k-card");
		return 1;
	}
	server = vfu_create(path, &cfg, card ? &standin_ops : &card_model_ops,
			    card ? (void *)card : (void *)model);
	if (!server) {
		fprintf(stderr, "sdi8k-card: cannot serve on %s: %s\n", path, strerror(errno));
		standin_free(card);
		card_model_free(model);
		return 1;
	}
	if (card) {
		standin_attach(card, server);
	} else if ((ret = card_model_start(model, server)) < 0) {
		fprintf(stderr, "sdi8k-card: cannot start the model: %s\n", strerror(-ret));
		vfu_destroy(server);
		card_model_free(model);
		return 1;
	}
	if (ctl_path) {
		ctl = card_ctl_start(ctl_path, model);
		if (!ctl) {
			fprintf(stderr, "sdi8k-card: cannot listen on %s: %s\n", ctl_path,
				strerror(errno));
			card_model_stop(model);
			vfu_destroy(server);
			card_model_free(model);
			return 1;
		}
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (cfg.verbose)
		fprintf(stderr, "sdi8k-card: serial %" PRIu64 ", %u inputs, %s: waiting on %s\n",
			serial, (unsigned int)inputs,
			cfg.irq_mode == VFU_IRQ_MSIX ? "MSI-X" :
			cfg.irq_mode == VFU_IRQ_MSI ? "MSI" : "INTx", path);

	ret = vfu_serve(server);
	card_ctl_stop(ctl);
	vfu_get_stats(server, &st);
	if (card)
		standin_detach(card);
	else
		card_model_stop(model);
	fprintf(stderr, "sdi8k-card: %" PRIu64 " messages (%" PRIu64 " refused), %" PRIu64
		" DMA maps, %" PRIu64 " unmaps, %" PRIu64 " interrupts, %" PRIu64 " DMA faults\n",
		st.messages, st.bad_messages, st.map_msgs, st.unmap_msgs, st.irqs, st.dma_faults);
	{
		struct vfu_server *s = server;

		server = NULL;		/* no vfu_stop() from a late signal */
		vfu_destroy(s);
	}
	standin_free(card);
	card_model_free(model);
	return ret < 0 ? 1 : 0;
}

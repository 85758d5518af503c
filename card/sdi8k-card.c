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
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "model.h"
#include "qmp.h"
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
static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
	if (server)
		vfu_stop(server);
}

/*
 * Hot unplug and plug through QEMU's QMP socket (--qmp): the card pulled
 * out of its slot (device_del: the guest's PCIe hot plug removes it, then
 * QEMU lets the card go) and pushed back (device_add: QEMU connects again).
 */
struct plug {
	const char *qmp, *id, *bus, *socket;
	atomic_bool unplugged;	/* set from device_del until device_add */
};

/*
 * The control socket's "bus": the DMA mappings the host's IOMMU (or, with
 * none, QEMU's RAM) gives the card now. With an IOMMU, none is left once
 * the driver has let go of the card (unbound, or removed).
 */
static int bus_hook(char *val, size_t len)
{
	struct vfu_stats st;

	if (!server)
		return -EIO;
	vfu_get_stats(server, &st);
	snprintf(val, len, "dma_maps %" PRIu64 "\nmap_msgs %" PRIu64 "\nunmap_msgs %" PRIu64 "\n",
		 st.dma_maps, st.map_msgs, st.unmap_msgs);
	return 0;
}

static int plug_hook(void *opaque, bool in, char *err, size_t errlen)
{
	struct plug *p = opaque;
	char cmd[1024];
	int r;

	if (in) {
		if (!atomic_load(&p->unplugged)) {
			snprintf(err, errlen, "the card is plugged in");
			return -EBUSY;
		}
		snprintf(cmd, sizeof(cmd),
			 "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"vfio-user-pci\","
			 "\"id\":\"%s\",\"bus\":\"%s\",\"socket\":{\"path\":\"%s\",\"type\":\"unix\"}}}\n",
			 p->id, p->bus, p->socket);
		r = qmp_command(p->qmp, cmd, err, errlen);
		if (!r) {
			atomic_store(&p->unplugged, false);
			fprintf(stderr, "sdi8k-card: plug: device_add %s on %s\n", p->id, p->bus);
		}
		return r;
	}
	if (atomic_exchange(&p->unplugged, true)) {
		snprintf(err, errlen, "the card is unplugged already");
		return -EBUSY;
	}
	snprintf(cmd, sizeof(cmd), "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"%s\"}}\n",
		 p->id);
	r = qmp_command(p->qmp, cmd, err, errlen);
	if (r)
		atomic_store(&p->unplugged, false);
	else
		fprintf(stderr, "sdi8k-card: unplug: device_del %s\n", p->id);
	return r;
}

/* a name that goes into QMP's JSON as it is */
static bool json_plain(const char *s)
{
	return s && *s && !strpbrk(s, "\"\\\n\r\t");
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sdi8k-card --socket PATH [--serial N] [--inputs N] [--irq msix|msi|intx]\n"
		"                  [--ctl PATH [--qmp PATH [--qmp-id ID] [--qmp-bus BUS] [--unplugged]]]\n"
		"                  [--standin] [-v]\n"
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
		"  --qmp PATH      QEMU's QMP socket: the control socket's \"unplug\" and \"plug\"\n"
		"                  pull the card out and push it back (device_del, device_add\n"
		"                  of --qmp-id ID on --qmp-bus BUS, default sdi8k on sdi8k-rp)\n"
		"  --unplugged     start out of the slot: QEMU starts without the card, the\n"
		"                  control socket's \"plug\" pushes it in (device_add)\n"
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
		{ "qmp", required_argument, NULL, 'Q' },
		{ "qmp-id", required_argument, NULL, 'I' },
		{ "qmp-bus", required_argument, NULL, 'B' },
		{ "unplugged", no_argument, NULL, 'U' },
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
	struct plug plug = { .id = "sdi8k", .bus = "sdi8k-rp" };
	struct card_ctl_hooks hooks = { .plug = plug_hook, .bus = bus_hook, .opaque = &plug };
	uint64_t serial = 1, inputs = 4;
	struct sigaction sa = { .sa_handler = on_signal };
	struct standin *card = NULL;
	struct card_model *model = NULL;
	bool use_standin = false, unplugged = false;
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
		case 'Q':
			plug.qmp = optarg;
			break;
		case 'I':
			plug.id = optarg;
			break;
		case 'B':
			plug.bus = optarg;
			break;
		case 'U':
			unplugged = true;
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
	plug.socket = path;
	if (plug.qmp && (!ctl_path || !json_plain(plug.id) || !json_plain(plug.bus) ||
			 !json_plain(path))) {
		fprintf(stderr, "sdi8k-card: --qmp needs --ctl, and a socket path, --qmp-id and --qmp-bus without quotes or backslashes\n");
		return 2;
	}
	if (unplugged && !plug.qmp) {
		fprintf(stderr, "sdi8k-card: --unplugged needs --qmp: nothing else would plug the card in\n");
		return 2;
	}
	/* waiting for a device_add: serving until then is waiting to be plugged */
	atomic_store(&plug.unplugged, unplugged);
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
		if (!plug.qmp)
			hooks.plug = NULL;
		ctl = card_ctl_start(ctl_path, model, &hooks);
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

	if (unplugged)
		fprintf(stderr, "sdi8k-card: unplugged: waiting on %s to be plugged in\n", path);
	for (;;) {
		ret = vfu_serve(server);
		if (stopping || !atomic_load(&plug.unplugged))
			break;
		/* pulled out (ctl "unplug"): serve QEMU again once pushed back */
		fprintf(stderr, "sdi8k-card: unplugged: waiting on %s to be plugged back\n", path);
	}
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

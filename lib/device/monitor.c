// SPDX-License-Identifier: LGPL-2.1-or-later
/* Hotplug monitor: cards and input nodes coming and going. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <sdi8k/device.h>
#include <sdi8k/export.h>

#include "common/error.h"
#include "device/internal.h"

/* A card or node the monitor knows, for the events of its removal. */
struct known {
	char syspath[SDI8K_PATH_LEN];
	char card_syspath[SDI8K_PATH_LEN];	/* nodes: their card's */
	struct sdi8k_event ev;			/* serial, names, input, node */
};

struct list {
	struct known *v;
	size_t n, cap;
};

struct sdi8k_monitor {
	struct udev *udev;
	struct udev_monitor *um;
	const char *source;
	struct list cards, nodes;
	struct sdi8k_event *q;		/* pending events, q[head..n) */
	size_t qhead, qn, qcap;
};

static struct known *find(struct list *l, const char *syspath)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].syspath, syspath))
			return &l->v[i];
	return NULL;
}

static struct known *add(struct list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		void *p = realloc(l->v, cap * sizeof(*l->v));

		if (!p)
			return NULL;
		l->v = p;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(*l->v));
	return &l->v[l->n++];
}

static void drop(struct list *l, struct known *k)
{
	*k = l->v[--l->n];
}

static int push(struct sdi8k_monitor *m, const struct sdi8k_event *ev,
		enum sdi8k_event_type type)
{
	if (m->qhead == m->qn)
		m->qhead = m->qn = 0;
	if (m->qn == m->qcap) {
		size_t cap = m->qcap ? 2 * m->qcap : 16;
		void *p = realloc(m->q, cap * sizeof(*m->q));

		if (!p)
			return sdi8k__fail(-ENOMEM, "sdi8k monitor: out of memory");
		m->q = p;
		m->qcap = cap;
	}
	m->q[m->qn] = *ev;
	m->q[m->qn].type = type;
	m->qn++;
	return 0;
}

/* The card of dev as known, added (and reported if report) if new. */
static struct known *know_card(struct sdi8k_monitor *m,
			       struct udev_device *card, const char *node_name,
			       int report, int *err)
{
	const char *sp = udev_device_get_syspath(card);
	struct sdi8k_card_info ci;
	struct known *k = find(&m->cards, sp);

	*err = 0;
	if (k)
		return k;
	k = add(&m->cards);
	if (!k) {
		*err = sdi8k__fail(-ENOMEM, "sdi8k monitor: out of memory");
		return NULL;
	}
	sdi8k__card_identity(card, node_name, &ci);
	sdi8k__copy(k->syspath, sizeof(k->syspath), sp);
	memcpy(k->ev.serial, ci.serial, sizeof(k->ev.serial));
	memcpy(k->ev.card_name, ci.card_name, sizeof(k->ev.card_name));
	memcpy(k->ev.bus_id, ci.bus_id, sizeof(k->ev.bus_id));
	k->ev.input = -1;
	if (report)
		*err = push(m, &k->ev, SDI8K_EVENT_CARD_ADDED);
	return k;
}

static int node_added(struct sdi8k_monitor *m, struct udev_device *d,
		      int report)
{
	const char *sp = udev_device_get_syspath(d);
	struct udev_device *parent;
	struct known *c, *k;
	unsigned input;
	int meta, err;
	char card_sp[SDI8K_PATH_LEN];

	if (find(&m->nodes, sp) || !sdi8k__node_of(d, &parent, &input, &meta))
		return 0;
	c = know_card(m, parent, udev_device_get_sysattr_value(d, "name"),
		      report, &err);
	if (!c)
		return err;
	sdi8k__copy(card_sp, sizeof(card_sp), c->syspath);
	k = add(&m->nodes);	/* may move c: copied above */
	if (!k)
		return sdi8k__fail(-ENOMEM, "sdi8k monitor: out of memory");
	c = find(&m->cards, card_sp);
	sdi8k__copy(k->syspath, sizeof(k->syspath), sp);
	memcpy(k->card_syspath, card_sp, sizeof(k->card_syspath));
	k->ev = c->ev;
	k->ev.input = (int)input;
	k->ev.meta = meta;
	sdi8k__copy(k->ev.node, sizeof(k->ev.node), udev_device_get_devnode(d));
	return report ? push(m, &k->ev, SDI8K_EVENT_INPUT_ADDED) : 0;
}

static int node_removed(struct sdi8k_monitor *m, const char *sp)
{
	struct known *k = find(&m->nodes, sp);
	int err;

	if (!k)
		return 0;
	err = push(m, &k->ev, SDI8K_EVENT_INPUT_REMOVED);
	drop(&m->nodes, k);
	return err;
}

static int card_removed(struct sdi8k_monitor *m, const char *sp)
{
	struct known *c = find(&m->cards, sp);
	size_t i = 0;
	int err;

	if (!c)
		return 0;
	while (i < m->nodes.n) {	/* nodes whose removal we missed */
		if (!strcmp(m->nodes.v[i].card_syspath, sp)) {
			err = node_removed(m, m->nodes.v[i].syspath);
			if (err)
				return err;
		} else {
			i++;
		}
	}
	err = push(m, &c->ev, SDI8K_EVENT_CARD_REMOVED);
	drop(&m->cards, c);
	return err;
}

static int handle(struct sdi8k_monitor *m, struct udev_device *d)
{
	const char *action = udev_device_get_action(d);
	const char *sub = udev_device_get_subsystem(d);
	const char *sp = udev_device_get_syspath(d);
	int err;

	if (!action || !sub || !sp)
		return 0;
	if (!strcmp(sub, "video4linux")) {
		if (!strcmp(action, "add") || !strcmp(action, "change"))
			return node_added(m, d, 1);
		if (!strcmp(action, "remove"))
			return node_removed(m, sp);
		return 0;
	}
	/* pci, platform */
	if (!strcmp(action, "bind") && sdi8k__is_card(d)) {
		know_card(m, d, NULL, 1, &err);
		return err;
	}
	if (!strcmp(action, "unbind") || !strcmp(action, "remove"))
		return card_removed(m, sp);
	return 0;
}

/* What is there now: known, not reported. */
static int prime(struct sdi8k_monitor *m)
{
	struct udev_enumerate *e = udev_enumerate_new(m->udev);
	struct udev_list_entry *l;
	int err = 0;

	if (!e)
		return sdi8k__fail(-ENOMEM, "udev_enumerate_new failed");
	if (udev_enumerate_add_match_subsystem(e, "video4linux") < 0 ||
	    udev_enumerate_scan_devices(e) < 0) {
		udev_enumerate_unref(e);
		return sdi8k__fail(-EIO, "libudev: cannot list video4linux devices in /sys");
	}
	udev_list_entry_foreach(l, udev_enumerate_get_list_entry(e)) {
		struct udev_device *d = udev_device_new_from_syspath(
			m->udev, udev_list_entry_get_name(l));

		if (!d)
			continue;
		err = node_added(m, d, 0);
		udev_device_unref(d);
		if (err)
			break;
	}
	udev_enumerate_unref(e);
	return err;
}

/*
 * Does a udevd run? libudev only checks that /run/udev/control exists, but
 * a udevd that exited (udevadm control --exit) can leave it behind, and a
 * "udev" monitor would then wait for events nobody sends. So connect to it:
 * refused or missing means no udevd; any other failure (EACCES for a user
 * who may not talk to udevd) is taken as a running one.
 */
static int udevd_running(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX,
				  .sun_path = "/run/udev/control" };
	int fd, r, err;

	if (access(sa.sun_path, F_OK))
		return 0;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 1;
	r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	err = errno;
	close(fd);
	return !r || (err != ECONNREFUSED && err != ENOENT);
}

SDI8K_API int sdi8k_monitor_new(struct sdi8k_monitor **mon, unsigned flags)
{
	static const char *const subs[] = { "video4linux", "platform", "pci" };
	struct sdi8k_monitor *m;
	unsigned i;
	int err;

	if (!mon)
		return sdi8k__fail(-EINVAL, "sdi8k_monitor_new: mon is NULL");
	*mon = NULL;
	if ((flags & ~(SDI8K_MONITOR_UDEV | SDI8K_MONITOR_KERNEL)) ||
	    flags == (SDI8K_MONITOR_UDEV | SDI8K_MONITOR_KERNEL))
		return sdi8k__fail(-EINVAL, "sdi8k_monitor_new: bad flags 0x%x", flags);
	m = calloc(1, sizeof(*m));
	if (!m)
		return sdi8k__fail(-ENOMEM, "sdi8k monitor: out of memory");
	if (flags & SDI8K_MONITOR_UDEV)
		m->source = "udev";
	else if (flags & SDI8K_MONITOR_KERNEL)
		m->source = "kernel";
	else
		m->source = udevd_running() ? "udev" : "kernel";
	m->udev = udev_new();
	if (!m->udev) {
		free(m);
		return sdi8k__fail(-ENOMEM, "udev_new failed");
	}
	m->um = udev_monitor_new_from_netlink(m->udev, m->source);
	if (!m->um) {
		err = sdi8k__fail(-EIO, "libudev: cannot open a netlink socket for %s events",
				  m->source);
		goto fail;
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		if (udev_monitor_filter_add_match_subsystem_devtype(m->um, subs[i],
								    NULL) < 0) {
			err = sdi8k__fail(-EIO, "libudev: cannot filter %s events", subs[i]);
			goto fail;
		}
	}
	/* a burst (module load with 8 cards) must not overflow the socket */
	udev_monitor_set_receive_buffer_size(m->um, 4 << 20);
	if (udev_monitor_enable_receiving(m->um) < 0) {
		err = sdi8k__fail(-EIO, "libudev: cannot receive %s events (netlink bind failed)",
				  m->source);
		goto fail;
	}
	err = prime(m);
	if (err)
		goto fail;
	sdi8k__clear_error();
	*mon = m;
	return 0;
fail:
	sdi8k_monitor_free(m);
	return err;
}

SDI8K_API int sdi8k_monitor_fd(const struct sdi8k_monitor *mon)
{
	return mon ? udev_monitor_get_fd(mon->um) : -1;
}

SDI8K_API const char *sdi8k_monitor_source(const struct sdi8k_monitor *mon)
{
	return mon ? mon->source : "";
}

SDI8K_API int sdi8k_monitor_read(struct sdi8k_monitor *mon,
				 struct sdi8k_event *ev)
{
	struct udev_device *d;
	int err;

	if (!mon || !ev)
		return sdi8k__fail(-EINVAL, "sdi8k_monitor_read: NULL argument");
	while (mon->qhead == mon->qn) {
		d = udev_monitor_receive_device(mon->um);
		if (!d)
			return 0;
		err = handle(mon, d);
		udev_device_unref(d);
		if (err)
			return err;
	}
	*ev = mon->q[mon->qhead++];
	return 1;
}

SDI8K_API void sdi8k_monitor_free(struct sdi8k_monitor *mon)
{
	if (!mon)
		return;
	if (mon->um)
		udev_monitor_unref(mon->um);
	if (mon->udev)
		udev_unref(mon->udev);
	free(mon->cards.v);
	free(mon->nodes.v);
	free(mon->q);
	free(mon);
}

SDI8K_API const char *sdi8k_event_type_name(enum sdi8k_event_type t)
{
	switch (t) {
	case SDI8K_EVENT_CARD_ADDED:
		return "card-added";
	case SDI8K_EVENT_CARD_REMOVED:
		return "card-removed";
	case SDI8K_EVENT_INPUT_ADDED:
		return "input-added";
	case SDI8K_EVENT_INPUT_REMOVED:
		return "input-removed";
	default:
		return "unknown";
	}
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k_enumerate(): every card and input, in the stable order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/device.h>
#include <sdi8k/export.h>

#include "common/error.h"
#include "device/internal.h"

struct build {
	struct sdi8k_card_info *cards;
	int n, cap;
};

/* The card of parent in b, added (with room for every input) if new. */
static struct sdi8k_card_info *card_for(struct build *b,
					struct udev_device *parent,
					const char *node_name)
{
	const char *sp = udev_device_get_syspath(parent);
	struct sdi8k_card_info *c;
	unsigned i;
	int k;

	for (k = 0; k < b->n; k++)
		if (!strcmp(b->cards[k].syspath, sp))
			return &b->cards[k];
	if (b->n == b->cap) {
		int cap = b->cap ? 2 * b->cap : 4;
		void *p = realloc(b->cards, (size_t)cap * sizeof(*b->cards));

		if (!p)
			return NULL;
		b->cards = p;
		b->cap = cap;
	}
	c = &b->cards[b->n];
	sdi8k__card_identity(parent, node_name, c);
	c->inputs = calloc(SDI8K__MAX_INPUTS, sizeof(*c->inputs));
	if (!c->inputs)
		return NULL;
	for (i = 0; i < SDI8K__MAX_INPUTS; i++)
		c->inputs[i].index = i;
	b->n++;
	return c;
}

/* Serial order; cards without a serial last, by bus id. */
static int card_cmp(const void *pa, const void *pb)
{
	const struct sdi8k_card_info *a = pa, *b = pb;

	if (!a->serial[0] != !b->serial[0])
		return a->serial[0] ? -1 : 1;
	if (strcmp(a->serial, b->serial))
		return strcmp(a->serial, b->serial);
	return strcmp(a->bus_id, b->bus_id);
}

static void finish_input(const struct sdi8k_card_info *c,
			 struct sdi8k_input_info *in, unsigned flags)
{
	int err;

	if (c->serial[0] && in->node[0]) {
		snprintf(in->link, sizeof(in->link), "/dev/sdi8k/%s/input%u",
			 c->serial, in->index);
		if (!sdi8k__same_file(in->link, in->node))
			in->link[0] = '\0';
	}
	in->signal = SDI8K_SIGNAL_UNKNOWN;
	if (flags & SDI8K_ENUM_NO_SIGNAL)
		return;
	if (!in->node[0]) {
		in->signal_error = -ENODEV;
		return;
	}
	err = sdi8k_query_signal(in->node, &in->signal, &in->raster,
				 in->v4l2_card, in->bus_info);
	in->signal_error = err < 0 ? err : 0;
}

static int scan(struct udev *udev, struct build *b)
{
	struct udev_enumerate *e = udev_enumerate_new(udev);
	struct udev_list_entry *l;
	int ret = 0;

	if (!e)
		return sdi8k__fail(-ENOMEM, "udev_enumerate_new failed");
	if (udev_enumerate_add_match_subsystem(e, "video4linux") < 0 ||
	    udev_enumerate_scan_devices(e) < 0) {
		udev_enumerate_unref(e);
		return sdi8k__fail(-EIO, "libudev: cannot list video4linux devices in /sys");
	}
	udev_list_entry_foreach(l, udev_enumerate_get_list_entry(e)) {
		const char *sp = udev_list_entry_get_name(l);
		struct udev_device *dev = udev_device_new_from_syspath(udev, sp);
		struct udev_device *parent;
		struct sdi8k_card_info *c;
		struct sdi8k_input_info *in;
		const char *name, *devnode;
		unsigned idx;
		int meta;

		if (!dev)
			continue; /* gone since the scan */
		if (!sdi8k__node_of(dev, &parent, &idx, &meta)) {
			udev_device_unref(dev);
			continue;
		}
		name = udev_device_get_sysattr_value(dev, "name");
		devnode = udev_device_get_devnode(dev);
		c = card_for(b, parent, name);
		if (!c) {
			udev_device_unref(dev);
			ret = sdi8k__fail(-ENOMEM, "out of memory listing sdi8k cards");
			break;
		}
		in = &c->inputs[idx];
		if (meta) {
			sdi8k__copy(in->meta_node, sizeof(in->meta_node), devnode);
		} else {
			sdi8k__copy(in->node, sizeof(in->node), devnode);
			sdi8k__copy(in->v4l2_name, sizeof(in->v4l2_name), name);
		}
		if (idx + 1 > c->n_inputs)
			c->n_inputs = idx + 1;
		udev_device_unref(dev);
	}
	udev_enumerate_unref(e);
	return ret;
}

SDI8K_API int sdi8k_enumerate(struct sdi8k_card_info **cards, unsigned flags)
{
	struct build b = { 0 };
	struct udev *udev;
	unsigned i;
	int k, ret;

	if (!cards)
		return sdi8k__fail(-EINVAL, "sdi8k_enumerate: cards is NULL");
	*cards = NULL;
	if (flags & ~SDI8K_ENUM_NO_SIGNAL)
		return sdi8k__fail(-EINVAL, "sdi8k_enumerate: unknown flags 0x%x",
				   flags & ~SDI8K_ENUM_NO_SIGNAL);
	udev = udev_new();
	if (!udev)
		return sdi8k__fail(-ENOMEM, "udev_new failed");
	ret = scan(udev, &b);
	udev_unref(udev);
	if (ret < 0) {
		sdi8k_cards_free(b.cards, b.n);
		return ret;
	}
	for (k = 0; k < b.n; k++) {
		struct sdi8k_card_info *c = &b.cards[k];
		void *p;

		for (i = 0; i < c->n_inputs; i++)
			finish_input(c, &c->inputs[i], flags);
		/* trim to n_inputs (>= 1: the card has a node) */
		p = realloc(c->inputs, c->n_inputs * sizeof(*c->inputs));
		if (p)
			c->inputs = p;
	}
	if (b.n > 1)
		qsort(b.cards, (size_t)b.n, sizeof(*b.cards), card_cmp);
	sdi8k__clear_error();
	*cards = b.cards;
	return b.n;
}

SDI8K_API void sdi8k_cards_free(struct sdi8k_card_info *cards, int count)
{
	int k;

	if (!cards)
		return;
	for (k = 0; k < count; k++)
		free(cards[k].inputs);
	free(cards);
}

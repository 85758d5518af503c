// SPDX-License-Identifier: LGPL-2.1-or-later
/* What makes a sysfs device an sdi8k card or input node. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "device/internal.h"

int sdi8k__is_card(struct udev_device *dev)
{
	const char *drv = dev ? udev_device_get_driver(dev) : NULL;

	return drv && (!strcmp(drv, "sdi8k") || !strcmp(drv, "sdi8k-sim"));
}

int sdi8k__parse_node_name(const char *name, unsigned *input, int *meta,
			   char *card, size_t size)
{
	static const char key[] = " input ";
	const char *p, *at = NULL, *d;
	unsigned long idx;
	char *end;

	if (!name)
		return 0;
	for (p = strstr(name, key); p; p = strstr(p + 1, key))
		at = p;
	if (!at || at == name)
		return 0;
	d = at + sizeof(key) - 1;
	if (!isdigit((unsigned char)*d))
		return 0;
	idx = strtoul(d, &end, 10);
	if (idx >= SDI8K__MAX_INPUTS || end - d > 2)
		return 0;
	while (*end == '\n')
		end++;
	if (*end == '\0') {
		*meta = 0;
	} else if (!strncmp(end, " meta", 5) &&
		   (end[5] == '\0' || end[5] == '\n')) {
		*meta = 1;
	} else {
		return 0;
	}
	*input = (unsigned)idx;
	if (card && size) {
		size_t n = (size_t)(at - name);

		if (n >= size)
			n = size - 1;
		memcpy(card, name, n);
		card[n] = '\0';
	}
	return 1;
}

int sdi8k__node_of(struct udev_device *dev, struct udev_device **parent,
		   unsigned *input, int *meta)
{
	const char *sub = udev_device_get_subsystem(dev);
	struct udev_device *p;

	if (!sub || strcmp(sub, "video4linux"))
		return 0;
	p = udev_device_get_parent(dev);
	if (!sdi8k__is_card(p))
		return 0;
	if (!sdi8k__parse_node_name(udev_device_get_sysattr_value(dev, "name"),
				    input, meta, NULL, 0))
		return 0;
	*parent = p;
	return 1;
}

static int valid_serial(const char *s)
{
	int i;

	for (i = 0; i < SDI8K_SERIAL_LEN - 1; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return s[i] == '\0';
}

void sdi8k__card_identity(struct udev_device *card, const char *node_name,
			  struct sdi8k_card_info *c)
{
	char buf[SDI8K_NAME_LEN];
	const char *v;
	unsigned in;
	int meta, i;

	memset(c, 0, sizeof(*c));
	sdi8k__copy(buf, sizeof(buf), udev_device_get_sysattr_value(card, "serial"));
	if (valid_serial(buf)) {
		for (i = 0; buf[i]; i++)
			c->serial[i] = (char)tolower((unsigned char)buf[i]);
		c->serial[i] = '\0';
	}
	sdi8k__copy(c->firmware_version, sizeof(c->firmware_version),
		    udev_device_get_sysattr_value(card, "firmware_version"));
	sdi8k__copy(c->bus_id, sizeof(c->bus_id), udev_device_get_sysname(card));
	sdi8k__copy(c->driver, sizeof(c->driver), udev_device_get_driver(card));
	sdi8k__copy(c->syspath, sizeof(c->syspath), udev_device_get_syspath(card));

	v = udev_device_get_sysattr_value(card, "simulated");
	if (v)
		c->simulated = atoi(v) != 0;
	else
		c->simulated = !strcmp(c->driver, "sdi8k-sim");

	v = udev_device_get_sysattr_value(card, "inputs");
	if (v) {
		long n = strtol(v, NULL, 10);

		if (n > 0 && n <= SDI8K__MAX_INPUTS)
			c->n_inputs = (unsigned)n;
	}

	sdi8k__copy(c->card_name, sizeof(c->card_name),
		    udev_device_get_sysattr_value(card, "card_name"));
	if (!c->card_name[0] && node_name)
		sdi8k__parse_node_name(node_name, &in, &meta, c->card_name,
				       sizeof(c->card_name));
}

int sdi8k__same_file(const char *path, const char *node)
{
	struct stat a, b;

	if (!path[0] || !node[0] || stat(path, &a) || stat(node, &b))
		return 0;
	return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsdi8k internals: discovery. What makes a sysfs device an sdi8k card
 * or input node, shared by enumeration, resolution and the monitor.
 */
#ifndef SDI8K_DEVICE_INTERNAL_H
#define SDI8K_DEVICE_INTERNAL_H

#include <libudev.h>
#include <stddef.h>
#include <string.h>

#include <sdi8k/device.h>

/* Input indices above this are not taken as ours (the card has 4). */
#define SDI8K__MAX_INPUTS 16

/* Copy src (NULL: "") into dst of size bytes, truncating, always
 * NUL-terminated; trailing white space dropped. */
static inline void sdi8k__copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (!size)
		return;
	while (n && (src[n - 1] == '\n' || src[n - 1] == ' ' ||
		     src[n - 1] == '\t' || src[n - 1] == '\r'))
		n--;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* 1 if dev (any subsystem) is bound to the sdi8k or sdi8k-sim driver. */
int sdi8k__is_card(struct udev_device *dev);

/*
 * Parse a video4linux node's sysfs name "<card> input <i>[ meta]". Returns
 * 1 and fills *input, *meta and card (the "<card>" part, size bytes) if it
 * has that form, else 0.
 */
int sdi8k__parse_node_name(const char *name, unsigned *input, int *meta,
			   char *card, size_t size);

/*
 * 1 if dev is a video4linux node of an sdi8k card: fills *input, *meta and
 * returns the card device in *parent (owned by dev, no reference taken).
 */
int sdi8k__node_of(struct udev_device *dev, struct udev_device **parent,
		   unsigned *input, int *meta);

/* The card's identity from its sysfs device (no inputs; n_inputs from the
 * "inputs" attribute or 0). node_name: the sysfs name of one of its nodes,
 * for the card name when the card_name attribute is missing (may be NULL). */
void sdi8k__card_identity(struct udev_device *card, const char *node_name,
			  struct sdi8k_card_info *c);

/* 1 if path exists and is the same file as node. */
int sdi8k__same_file(const char *path, const char *node);

struct v4l2_bt_timings;

/* Fill r from BT.656/1120 timings (frame rate from the pixel clock and
 * total sizes, 1000/1001 when V4L2_DV_FL_REDUCED_FPS); 0, or -ERANGE if
 * they make no sense. */
int sdi8k__raster_from_bt(const struct v4l2_bt_timings *bt,
			  struct sdi8k_raster_info *r);

#endif /* SDI8K_DEVICE_INTERNAL_H */

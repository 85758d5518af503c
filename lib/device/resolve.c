// SPDX-License-Identifier: LGPL-2.1-or-later
/* sdi8k_resolve_input(): a user's input spec to the input's video node. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sdi8k/device.h>
#include <sdi8k/export.h>

#include "common/error.h"
#include "device/internal.h"

#define FORMS "expected /dev/videoN, /dev/sdi8k/SERIAL/inputN, SERIAL:N or CARD:N"

static int all_digits(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int is_serial(const char *s, size_t n)
{
	size_t i;

	if (n != SDI8K_SERIAL_LEN - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* "serials a, b" / "no card" for messages */
static void list_cards(const struct sdi8k_card_info *c, int n, char *buf,
		       size_t size)
{
	size_t len;
	int k;

	if (!n) {
		snprintf(buf, size, "no sdi8k card is present: is the driver loaded?");
		return;
	}
	snprintf(buf, size, "cards present:");
	for (k = 0; k < n; k++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s %d = %s (%s)", k ? "," : "",
			 k, c[k].serial[0] ? c[k].serial : "no serial",
			 c[k].card_name);
	}
}

static int output(const char *spec, const struct sdi8k_card_info *c, int k,
		  unsigned input, char *node, size_t node_size,
		  struct sdi8k_input_ref *ref)
{
	const char *n = c[k].inputs[input].node;

	if (!n[0])
		return sdi8k__fail(-ENODEV, "%s: input %u of card %s (%s) has no video node now",
				   spec, input, c[k].serial, c[k].card_name);
	if (strlen(n) >= node_size)
		return sdi8k__fail(-ENOSPC, "%s: node path %s does not fit in %zu bytes",
				   spec, n, node_size);
	strcpy(node, n);
	if (ref) {
		memset(ref, 0, sizeof(*ref));
		memcpy(ref->serial, c[k].serial, sizeof(ref->serial));
		memcpy(ref->card_name, c[k].card_name, sizeof(ref->card_name));
		ref->card_index = (unsigned)k;
		ref->input = input;
	}
	return 0;
}

/* card (serial, index or name) and input number, both given as text */
static int by_card(const char *spec, const char *card, size_t clen,
		   const char *inp, char *node, size_t node_size,
		   struct sdi8k_input_ref *ref)
{
	struct sdi8k_card_info *c;
	char what[96], have[512];
	unsigned long input;
	int n, k, found = -1, ret;

	if (!all_digits(inp, strlen(inp)) || strlen(inp) > 3 || !clen)
		return sdi8k__fail(-EINVAL, "input spec '%s': " FORMS, spec);
	input = strtoul(inp, NULL, 10);
	n = sdi8k_enumerate(&c, SDI8K_ENUM_NO_SIGNAL);
	if (n < 0)
		return n;
	if (is_serial(card, clen)) {
		snprintf(what, sizeof(what), "serial %.*s", (int)clen, card);
		for (k = 0; k < n; k++)
			if (!strncasecmp(c[k].serial, card, clen))
				found = k;
	} else if (all_digits(card, clen) && clen <= 3) {
		snprintf(what, sizeof(what), "index %.*s", (int)clen, card);
		k = atoi(card);
		if (k < n)
			found = k;
	} else {
		snprintf(what, sizeof(what), "name '%.*s'", (int)clen, card);
		for (k = 0; k < n; k++)
			if (strlen(c[k].card_name) == clen &&
			    !strncmp(c[k].card_name, card, clen))
				found = k;
	}
	if (found < 0) {
		list_cards(c, n, have, sizeof(have));
		ret = sdi8k__fail(-ENODEV, "input spec '%s': no sdi8k card with %s (%s)",
				  spec, what, have);
	} else if (input >= c[found].n_inputs) {
		ret = sdi8k__fail(-ENODEV, "input spec '%s': card %s (%s) has inputs 0-%u, not %lu",
				  spec, c[found].serial, c[found].card_name,
				  c[found].n_inputs - 1, input);
	} else {
		ret = output(spec, c, found, (unsigned)input, node, node_size, ref);
	}
	sdi8k_cards_free(c, n);
	return ret;
}

/* a path: the node itself, a link to it, or /dev/sdi8k/SERIAL/inputN */
static int by_path(const char *spec, char *node, size_t node_size,
		   struct sdi8k_input_ref *ref)
{
	static const char pre[] = "/dev/sdi8k/";
	struct sdi8k_card_info *c;
	struct stat st;
	unsigned i;
	int n, k, ret;

	if (stat(spec, &st)) {
		const char *s = spec + sizeof(pre) - 1;

		/* no udevd made the link: take it apart instead */
		if (!strncmp(spec, pre, sizeof(pre) - 1) &&
		    is_serial(s, SDI8K_SERIAL_LEN - 1) &&
		    !strncmp(s + SDI8K_SERIAL_LEN - 1, "/input", 6) &&
		    all_digits(s + SDI8K_SERIAL_LEN + 5,
			       strlen(s + SDI8K_SERIAL_LEN + 5)))
			return by_card(spec, s, SDI8K_SERIAL_LEN - 1,
				       s + SDI8K_SERIAL_LEN + 5, node,
				       node_size, ref);
		ret = -errno;
		return sdi8k__fail(ret, "%s: %s", spec, strerror(-ret));
	}
	n = sdi8k_enumerate(&c, SDI8K_ENUM_NO_SIGNAL);
	if (n < 0)
		return n;
	ret = 1;
	for (k = 0; k < n && ret == 1; k++) {
		for (i = 0; i < c[k].n_inputs; i++) {
			if (sdi8k__same_file(spec, c[k].inputs[i].node)) {
				ret = output(spec, c, k, i, node, node_size, ref);
				break;
			}
			if (sdi8k__same_file(spec, c[k].inputs[i].meta_node)) {
				ret = sdi8k__fail(-ENODEV, "%s is the metadata node of %s input %u, not its video node (%s)",
						  spec, c[k].card_name, i,
						  c[k].inputs[i].node[0] ? c[k].inputs[i].node : "none now");
				break;
			}
		}
	}
	if (ret == 1)
		ret = sdi8k__fail(-ENODEV, "%s is not the video node of an sdi8k input (%d sdi8k card%s present)",
				  spec, n, n == 1 ? "" : "s");
	sdi8k_cards_free(c, n);
	return ret;
}

SDI8K_API int sdi8k_resolve_input(const char *spec, char *node,
				  size_t node_size, struct sdi8k_input_ref *ref)
{
	const char *colon;
	int ret;

	if (!node || !node_size)
		return sdi8k__fail(-EINVAL, "sdi8k_resolve_input: no node buffer");
	node[0] = '\0';
	if (!spec || !spec[0])
		return sdi8k__fail(-EINVAL, "empty input spec: " FORMS);
	if (strchr(spec, '/'))
		ret = by_path(spec, node, node_size, ref);
	else if ((colon = strrchr(spec, ':')))
		ret = by_card(spec, spec, (size_t)(colon - spec), colon + 1,
			      node, node_size, ref);
	else
		ret = sdi8k__fail(-EINVAL, "input spec '%s': " FORMS, spec);
	if (!ret)
		sdi8k__clear_error();
	return ret;
}

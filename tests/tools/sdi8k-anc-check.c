// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-anc-check FILE: check a capture of the sdi8k metadata node
 * (SDI8K_META_FMT_ANC buffers back to back, as `v4l2-ctl --stream-to`
 * writes them: each buffer's bytesused) with libsdi8k's reader, and print
 * one line per buffer:
 *   seq S packets P malformed M bad_payload B counter C
 * C is the picture's frame counter carried by the simulated card's user
 * packet (SDI8K_DID_SIM / SDI8K_SDID_SIM_FRAME), or -1. Checks every
 * header, record size, parity and checksum (sdi8k_anc_frame_next()); exits
 * 1 with a message on the first fault.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/anc.h>
#include <sdi8k/error.h>

#include "../../kernel/uapi/sdi8k.h"

int main(int argc, char **argv)
{
	unsigned char *data;
	size_t size, off = 0;
	long n;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0) {
		perror(argv[1]);
		return 1;
	}
	size = (size_t)n;
	rewind(f);
	data = malloc(size ? size : 1);
	if (!data || fread(data, 1, size, f) != size) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);
	while (off < size) {
		struct sdi8k_anc_frame h;
		struct sdi8k_anc_record rec;
		struct sdi8k_anc_iter it;
		size_t end;
		uint8_t b[SDI8K_ANC_MAX_UDW];
		long long counter = -1;
		int r;

		if (size - off < sizeof(h)) {
			fprintf(stderr, "offset %zu: truncated header\n", off);
			return 1;
		}
		memcpy(&h, data + off, sizeof(h));
		if (h.magic != SDI8K_ANC_MAGIC || h.version != SDI8K_ANC_VERSION ||
		    h.header_size != sizeof(h) || h.bytes_used < sizeof(h) ||
		    h.bytes_used > size - off) {
			fprintf(stderr, "offset %zu: bad header (magic %08x version %u size %u bytes %u)\n",
				off, h.magic, h.version, h.header_size, h.bytes_used);
			return 1;
		}
		end = off + h.bytes_used;
		if (sdi8k_anc_frame_open(data + off, h.bytes_used, NULL, &it) < 0) {
			fprintf(stderr, "offset %zu: %s\n", off, sdi8k_last_error());
			return 1;
		}
		while ((r = sdi8k_anc_frame_next(&it, &rec)) > 0) {
			if (rec.pkt.did == SDI8K_DID_SIM &&
			    rec.pkt.sdid == SDI8K_SDID_SIM_FRAME &&
			    sdi8k_anc_udw_bytes(&rec.pkt, b, sizeof(b)) == 4)
				counter = (long long)b[0] << 24 | b[1] << 16 |
					  b[2] << 8 | b[3];
		}
		if (r < 0) {
			fprintf(stderr, "seq %u: %s\n", h.sequence, sdi8k_last_error());
			return 1;
		}
		printf("seq %u packets %u malformed %u bad_payload %u counter %lld\n",
		       h.sequence, h.packet_count, h.malformed, h.bad_payload,
		       counter);
		off = end;
	}
	free(data);
	return 0;
}

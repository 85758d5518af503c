// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k-anc-check FILE: check a capture of the sdi8k metadata node
 * (SDI8K_META_FMT_ANC buffers back to back, as `v4l2-ctl --stream-to`
 * writes them: each buffer's bytesused) independently of the driver and
 * of libsdi8k, and print one line per buffer:
 *   seq S packets P malformed M bad_payload B counter C
 * C is the picture's frame counter carried by the simulated card's user
 * packet (DID 0x51, SDID 0x53), or -1. Checks every header, record size,
 * parity and checksum; exits 1 with a message on the first fault.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../kernel/uapi/sdi8k.h"

static int parity_ok(unsigned int w)
{
	unsigned int b8 = w >> 8 & 1, b9 = w >> 9 & 1;

	return b8 != b9 && b8 == (unsigned int)(__builtin_popcount(w & 0xff) & 1);
}

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
		size_t p, end;
		unsigned int i;
		long long counter = -1;

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
		p = off + sizeof(h);
		for (i = 0; i < h.packet_count; i++) {
			struct sdi8k_anc_packet r;
			unsigned int dc, k, sum;
			uint16_t w;

			if (end - p < sizeof(r)) {
				fprintf(stderr, "seq %u packet %u: truncated\n", h.sequence, i);
				return 1;
			}
			memcpy(&r, data + p, sizeof(r));
			dc = r.dc & 0xff;
			if (r.size != ((sizeof(r) + 2 * dc + 3) & ~3u) || r.size > end - p) {
				fprintf(stderr, "seq %u packet %u: size %u for dc %u\n",
					h.sequence, i, r.size, dc);
				return 1;
			}
			if (!parity_ok(r.did) || !parity_ok(r.sdid) || !parity_ok(r.dc)) {
				fprintf(stderr, "seq %u packet %u: parity\n", h.sequence, i);
				return 1;
			}
			sum = (r.did & 0x1ff) + (r.sdid & 0x1ff) + (r.dc & 0x1ff);
			for (k = 0; k < dc; k++) {
				memcpy(&w, data + p + sizeof(r) + 2 * k, 2);
				sum += w & 0x1ff;
			}
			sum &= 0x1ff;
			if ((r.checksum & 0x1ff) != sum ||
			    ((r.checksum >> 9) & 1) == ((r.checksum >> 8) & 1)) {
				fprintf(stderr, "seq %u packet %u: checksum\n", h.sequence, i);
				return 1;
			}
			if ((r.did & 0xff) == 0x51 && (r.sdid & 0xff) == 0x53 && dc == 4) {
				counter = 0;
				for (k = 0; k < 4; k++) {
					memcpy(&w, data + p + sizeof(r) + 2 * k, 2);
					counter = counter << 8 | (w & 0xff);
				}
			}
			p += r.size;
		}
		if (p != end) {
			fprintf(stderr, "seq %u: %zu bytes after the last packet\n",
				h.sequence, end - p);
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vfio-user server of sdi8k-card (card/vfio-user.c) against a client
 * made of raw messages on a socketpair: version negotiation, device,
 * region and IRQ info, the emulated configuration space (IDs, BAR sizing,
 * capabilities), BAR0 forwarding, IRQ eventfds (MSI-X vectors, INTx level
 * and automask), DMA through memfd mappings, and the edge cases: malformed
 * headers and payloads, commands before VERSION, oversized messages,
 * overlapping maps, unmaps that cover several maps or wrap past 2^64, DMA
 * outside the mappings (refused, counted, nothing touched).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vfio-user.h"

struct fakedev {
	uint32_t regs[0x10000 / 4];
	int resets;
	bool level;
};

static uint32_t fd_read(void *o, uint64_t off)
{
	return ((struct fakedev *)o)->regs[off / 4];
}

static void fd_write(void *o, uint64_t off, uint32_t v)
{
	((struct fakedev *)o)->regs[off / 4] = v;
}

static void fd_reset(void *o)
{
	((struct fakedev *)o)->resets++;
}

static bool fd_pending(void *o)
{
	return ((struct fakedev *)o)->level;
}

static const struct vfu_dev_ops ops = {
	.bar_read = fd_read, .bar_write = fd_write, .reset = fd_reset, .irq_pending = fd_pending,
};

struct rig {
	struct fakedev dev;
	struct vfu_server *s;
	pthread_t th;
	int c;			/* client end */
	int serve_ret;
	uint16_t id;
};

static void *serve(void *arg)
{
	struct rig *r = arg;

	r->serve_ret = vfu_serve(r->s);
	return NULL;
}

static struct vfu_config config(enum vfu_irq_mode mode)
{
	struct vfu_config c = {
		.vendor = 0x10ee, .device = 0x8d18, .subsys_vendor = 0x5d18, .subsys_device = 1,
		.class_code = 0x040000, .revision = 1, .bar0_size = 0x10000, .msix_vectors = 4,
		.msix_table_off = 0x8000, .msix_pba_off = 0x9000, .irq_mode = mode, .pcie = true,
	};
	return c;
}

static struct rig *rig_start(enum vfu_irq_mode mode)
{
	struct rig *r = calloc(1, sizeof(*r));
	struct vfu_config c = config(mode);
	int sv[2];

	cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	r->s = vfu_create_fd(sv[1], &c, &ops, &r->dev);
	cr_assert_not_null(r->s);
	r->c = sv[0];
	cr_assert_eq(pthread_create(&r->th, NULL, serve, r), 0);
	return r;
}

static int rig_stop(struct rig *r)
{
	int ret;

	close(r->c);
	pthread_join(r->th, NULL);
	ret = r->serve_ret;
	vfu_destroy(r->s);
	free(r);
	return ret;
}

/* send a command with payload and optional fds */
static void send_cmd(struct rig *r, uint16_t cmd, uint32_t flags, const void *p, uint32_t len,
		     const int *fds, int nfds)
{
	struct vfu_hdr h = { .id = ++r->id, .cmd = cmd, .size = VFU_HDR_SIZE + len, .flags = flags };
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)p, len } };
	union {
		struct cmsghdr a;
		char b[CMSG_SPACE(sizeof(int) * 8)];
	} cb;
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = len ? 2 : 1 };

	if (nfds) {
		struct cmsghdr *c;

		mh.msg_control = cb.b;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
	}
	cr_assert_eq(sendmsg(r->c, &mh, MSG_NOSIGNAL), (ssize_t)(sizeof(h) + len));
}

static void read_exact(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		cr_assert_gt(n, 0, "connection closed while reading a reply");
		got += (size_t)n;
	}
}

/* the reply to the last command: its error (0 ok), payload into buf */
static int reply(struct rig *r, void *buf, uint32_t max, uint32_t *len)
{
	struct vfu_hdr h;
	uint32_t plen;

	read_exact(r->c, &h, sizeof(h));
	cr_assert_eq(h.id, r->id);
	cr_assert_eq(h.flags & VFU_F_TYPE_MASK, VFU_F_TYPE_REPLY);
	cr_assert_geq(h.size, VFU_HDR_SIZE);
	plen = h.size - VFU_HDR_SIZE;
	cr_assert_leq(plen, max);
	if (plen)
		read_exact(r->c, buf, plen);
	if (len)
		*len = plen;
	if (h.flags & VFU_F_ERROR) {
		cr_assert_eq(plen, 0, "an error reply carries no payload");
		return (int)h.error;
	}
	return 0;
}

static int call(struct rig *r, uint16_t cmd, const void *p, uint32_t len, void *out, uint32_t max)
{
	send_cmd(r, cmd, 0, p, len, NULL, 0);
	return reply(r, out, max, NULL);
}

static void negotiate(struct rig *r)
{
	static const char caps[] = "{\"capabilities\":{\"max_msg_fds\":16,\"write_multiple\":true}}";
	uint8_t p[4 + sizeof(caps)], out[512];
	uint32_t len;
	uint16_t major = 0, minor = 1;

	memcpy(p, &major, 2);
	memcpy(p + 2, &minor, 2);
	memcpy(p + 4, caps, sizeof(caps));
	send_cmd(r, VFU_CMD_VERSION, 0, p, sizeof(p), NULL, 0);
	cr_assert_eq(reply(r, out, sizeof(out), &len), 0);
	cr_assert_gt(len, 5);
	cr_assert_eq(out[len - 1], '\0');
	cr_assert_not_null(strstr((char *)out + 4, "\"max_msg_fds\""));
	cr_assert_null(strstr((char *)out + 4, "migration"));
	cr_assert_null(strstr((char *)out + 4, "write_multiple"));
}

static uint32_t cfg_rw(struct rig *r, bool write, uint64_t off, uint32_t count, uint32_t val,
		       int *err)
{
	uint8_t p[16 + 4096], out[16 + 4096];
	uint32_t region = VFU_PCI_CONFIG_REGION, v = 0;
	int e;

	memcpy(p, &off, 8);
	memcpy(p + 8, &region, 4);
	memcpy(p + 12, &count, 4);
	memcpy(p + 16, &val, 4);
	e = call(r, write ? VFU_CMD_REGION_WRITE : VFU_CMD_REGION_READ, p, write ? 16 + count : 16,
		 out, sizeof(out));
	if (err)
		*err = e;
	else
		cr_assert_eq(e, 0);
	if (!write && !e)
		memcpy(&v, out + 16, count < 4 ? count : 4);
	return v;
}

/* PCI_COMMAND: memory space on, bus mastering on or off */
static void bus_master(struct rig *r, bool on)
{
	cfg_rw(r, true, 4, 2, on ? 0x0006 : 0x0002, NULL);
}

static int bar_rw(struct rig *r, uint32_t flags, bool write, uint64_t off, uint32_t count,
		  void *data)
{
	uint8_t p[16 + 8], out[16 + 8];
	uint32_t region = VFU_PCI_BAR0_REGION;
	int e;

	memcpy(p, &off, 8);
	memcpy(p + 8, &region, 4);
	memcpy(p + 12, &count, 4);
	if (write)
		memcpy(p + 16, data, count);
	send_cmd(r, write ? VFU_CMD_REGION_WRITE : VFU_CMD_REGION_READ, flags, p,
		 write ? 16 + count : 16, NULL, 0);
	if (flags & VFU_F_NO_REPLY)
		return 0;
	e = reply(r, out, sizeof(out), NULL);
	if (!write && !e)
		memcpy(data, out + 16, count);
	return e;
}

static int dma_map(struct rig *r, int fd, uint64_t off, uint64_t iova, uint64_t size, uint32_t fl)
{
	uint8_t p[32];
	uint32_t argsz = 32;

	memcpy(p, &argsz, 4);
	memcpy(p + 4, &fl, 4);
	memcpy(p + 8, &off, 8);
	memcpy(p + 16, &iova, 8);
	memcpy(p + 24, &size, 8);
	send_cmd(r, VFU_CMD_DMA_MAP, 0, p, 32, &fd, fd >= 0 ? 1 : 0);
	return reply(r, NULL, 0, NULL);
}

static int dma_unmap(struct rig *r, uint64_t iova, uint64_t size, uint32_t flags)
{
	uint8_t p[24], out[24];
	uint32_t argsz = 24;

	memcpy(p, &argsz, 4);
	memcpy(p + 4, &flags, 4);
	memcpy(p + 8, &iova, 8);
	memcpy(p + 16, &size, 8);
	return call(r, VFU_CMD_DMA_UNMAP, p, 24, out, sizeof(out));
}

static int set_irqs(struct rig *r, uint32_t flags, uint32_t index, uint32_t start,
		    uint32_t count, const int *fds, int nfds)
{
	uint32_t p[5] = { 20, flags, index, start, count };

	send_cmd(r, VFU_CMD_DEVICE_SET_IRQS, 0, p, sizeof(p), fds, nfds);
	return reply(r, NULL, 0, NULL);
}

static uint64_t efd_count(int fd)
{
	uint64_t v = 0;

	if (read(fd, &v, 8) != 8)
		return 0;
	return v;
}

static uint64_t faults(struct rig *r)
{
	struct vfu_stats st;

	vfu_get_stats(r->s, &st);
	return st.dma_faults;
}

Test(vfio_user, version_first_and_once)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	uint32_t info[4] = { 16 };
	uint8_t out[64];

	cr_expect_eq(call(r, VFU_CMD_DEVICE_GET_INFO, info, 16, out, sizeof(out)), EINVAL);
	negotiate(r);
	cr_expect_eq(call(r, VFU_CMD_VERSION, "\0\0\1\0", 4, out, sizeof(out)), EINVAL);
	cr_expect_eq(call(r, VFU_CMD_DEVICE_GET_INFO, info, 16, out, sizeof(out)), 0);
	cr_expect_eq(((uint32_t *)out)[1], 3u);		/* RESET | PCI */
	cr_expect_eq(((uint32_t *)out)[2], 9u);
	cr_expect_eq(((uint32_t *)out)[3], 5u);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, version_refuses_other_major_and_bad_json)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	uint8_t out[256];

	cr_expect_eq(call(r, VFU_CMD_VERSION, "\1\0\0\0", 4, out, sizeof(out)), ENOTSUP);
	/* capabilities not NUL-terminated */
	cr_expect_eq(call(r, VFU_CMD_VERSION, "\0\0\0\0{}", 6, out, sizeof(out)), EINVAL);
	cr_expect_eq(call(r, VFU_CMD_VERSION, "\0\0", 2, out, sizeof(out)), EINVAL);
	negotiate(r);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, header_smaller_than_itself_closes)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	struct vfu_hdr h = { .id = 1, .cmd = VFU_CMD_VERSION, .size = 8 };

	cr_assert_eq(write(r->c, &h, sizeof(h)), (ssize_t)sizeof(h));
	pthread_join(r->th, NULL);
	cr_expect_eq(r->serve_ret, -EPROTO);
	close(r->c);
	vfu_destroy(r->s);
	free(r);
}

Test(vfio_user, truncated_header_then_eof)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);

	cr_assert_eq(write(r->c, "\1\0\1\0\40", 5), 5);
	cr_expect_eq(rig_stop(r), -EPIPE);
}

Test(vfio_user, oversized_message_drained_and_refused)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	size_t big = (2u << 20);
	uint8_t *p = calloc(1, big);
	uint8_t out[64];
	uint32_t info[4] = { 16 };

	negotiate(r);
	send_cmd(r, VFU_CMD_REGION_WRITE, 0, p, (uint32_t)big, NULL, 0);
	cr_expect_eq(reply(r, out, sizeof(out), NULL), E2BIG);
	/* the connection still works */
	cr_expect_eq(call(r, VFU_CMD_DEVICE_GET_INFO, info, 16, out, sizeof(out)), 0);
	free(p);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, short_payloads_refused)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	uint8_t z[8] = { 0 }, out[64];
	static const uint16_t cmds[] = {
		VFU_CMD_DMA_MAP, VFU_CMD_DMA_UNMAP, VFU_CMD_DEVICE_GET_INFO,
		VFU_CMD_DEVICE_GET_REGION_INFO, VFU_CMD_DEVICE_GET_IRQ_INFO,
		VFU_CMD_DEVICE_SET_IRQS, VFU_CMD_REGION_READ, VFU_CMD_REGION_WRITE,
	};

	negotiate(r);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		cr_expect_eq(call(r, cmds[i], z, sizeof(z), out, sizeof(out)), EINVAL,
			     "command %u", cmds[i]);
	cr_expect_eq(call(r, 999, z, sizeof(z), out, sizeof(out)), EINVAL);
	cr_expect_eq(call(r, VFU_CMD_DMA_READ, z, sizeof(z), out, sizeof(out)), EINVAL);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, region_and_irq_info)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	uint32_t q[8] = { 32 }, out[8];
	uint64_t size;

	negotiate(r);
	for (uint32_t i = 0; i < 9; i++) {
		q[2] = i;
		cr_assert_eq(call(r, VFU_CMD_DEVICE_GET_REGION_INFO, q, 32, out, sizeof(out)), 0);
		memcpy(&size, &out[4], 8);
		cr_expect_eq(size, i == 7 ? 4096u : i == 0 ? 0x10000u : 0u, "region %u", i);
	}
	q[2] = 9;
	cr_expect_eq(call(r, VFU_CMD_DEVICE_GET_REGION_INFO, q, 32, out, sizeof(out)), EINVAL);
	q[0] = 16;
	for (uint32_t i = 0; i < 5; i++) {
		static const uint32_t want[5] = { 1, 1, 4, 0, 0 };

		q[2] = i;
		cr_assert_eq(call(r, VFU_CMD_DEVICE_GET_IRQ_INFO, q, 16, out, sizeof(out)), 0);
		cr_expect_eq(out[3], want[i], "irq index %u", i);
	}
	q[2] = 5;
	cr_expect_eq(call(r, VFU_CMD_DEVICE_GET_IRQ_INFO, q, 16, out, sizeof(out)), EINVAL);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, config_space)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	uint32_t at, caps = 0;
	int err;

	negotiate(r);
	cr_expect_eq(cfg_rw(r, false, 0, 4, 0, NULL), 0x8d1810eeu);
	cr_expect_eq(cfg_rw(r, false, 0x2c, 4, 0, NULL), 0x00015d18u);
	cr_expect_eq(cfg_rw(r, false, 0x08, 4, 0, NULL) >> 8, 0x040000u);
	cr_expect_eq(cfg_rw(r, false, 0x3d, 1, 0, NULL), 1u);
	/* BAR sizing: 64 KiB, 64-bit memory */
	cr_expect_eq(cfg_rw(r, false, 0x10, 4, 0, NULL), 0x4u);
	cfg_rw(r, true, 0x10, 4, 0xffffffffu, NULL);
	cfg_rw(r, true, 0x14, 4, 0xffffffffu, NULL);
	cr_expect_eq(cfg_rw(r, false, 0x10, 4, 0, NULL), 0xffff0004u);
	cr_expect_eq(cfg_rw(r, false, 0x14, 4, 0, NULL), 0xffffffffu);
	cr_expect_eq(cfg_rw(r, false, 0x18, 4, 0, NULL), 0u);
	/* read-only IDs, writable command bits only */
	cfg_rw(r, true, 0, 4, 0, NULL);
	cr_expect_eq(cfg_rw(r, false, 0, 4, 0, NULL), 0x8d1810eeu);
	cfg_rw(r, true, 0x04, 2, 0xffff, NULL);
	cr_expect_eq(cfg_rw(r, false, 0x04, 2, 0, NULL), 0x0546u);
	cr_expect(cfg_rw(r, false, 0x06, 2, 0, NULL) & 0x10);
	/* capabilities: MSI-X (table 0x8000, PBA 0x9000, 4 vectors), MSI, PCIe */
	for (at = cfg_rw(r, false, 0x34, 1, 0, NULL); at; at = cfg_rw(r, false, at + 1, 1, 0, NULL)) {
		uint32_t id = cfg_rw(r, false, at, 1, 0, NULL);

		caps |= 1u << (id & 31);
		if (id == 0x11) {
			cr_expect_eq(cfg_rw(r, false, at + 2, 2, 0, NULL) & 0x7ff, 3u);
			cr_expect_eq(cfg_rw(r, false, at + 4, 4, 0, NULL), 0x8000u);
			cr_expect_eq(cfg_rw(r, false, at + 8, 4, 0, NULL), 0x9000u);
		}
	}
	cr_expect_eq(caps, (1u << 0x11) | (1u << 0x05) | (1u << 0x10));
	/* bounds */
	cfg_rw(r, false, 4095, 2, 0, &err);
	cr_expect_eq(err, EINVAL);
	cfg_rw(r, false, UINT64_MAX - 1, 4, 0, &err);
	cr_expect_eq(err, EINVAL);
	cr_expect_eq(cfg_rw(r, false, 0x100, 4, 0, NULL), 0u);	/* no extended caps */
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, config_without_msix)
{
	struct rig *r = rig_start(VFU_IRQ_INTX);
	uint32_t at, caps = 0, q[4] = { 16, 0, VFU_PCI_MSIX_IRQ }, out[4];

	negotiate(r);
	for (at = cfg_rw(r, false, 0x34, 1, 0, NULL); at; at = cfg_rw(r, false, at + 1, 1, 0, NULL))
		caps |= 1u << (cfg_rw(r, false, at, 1, 0, NULL) & 31);
	cr_expect_eq(caps, 1u << 0x10);
	cr_assert_eq(call(r, VFU_CMD_DEVICE_GET_IRQ_INFO, q, 16, out, sizeof(out)), 0);
	cr_expect_eq(out[3], 0u);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, bar0_forwarded)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	uint32_t v = 0x12345678, w;
	uint64_t q;
	uint8_t b = 0xff;
	struct vfu_stats st;

	negotiate(r);
	r->dev.regs[0] = 0x53444938;
	cr_expect_eq(bar_rw(r, 0, false, 0, 4, &w), 0);
	cr_expect_eq(w, 0x53444938u);
	cr_expect_eq(bar_rw(r, 0, true, 0x40, 4, &v), 0);
	cr_expect_eq(r->dev.regs[0x10], 0x12345678u);
	/* a posted write has no reply; the next read sees it */
	v = 0xcafe;
	bar_rw(r, VFU_F_NO_REPLY, true, 0x44, 4, &v);
	cr_expect_eq(bar_rw(r, 0, false, 0x44, 4, &w), 0);
	cr_expect_eq(w, 0xcafeu);
	/* 8-byte and byte reads, byte writes refused, bounds */
	cr_expect_eq(bar_rw(r, 0, false, 0x40, 8, &q), 0);
	cr_expect_eq(q, 0x0000cafe12345678ull);
	cr_expect_eq(bar_rw(r, 0, false, 0x41, 1, &b), 0);
	cr_expect_eq(b, 0x56);
	cr_expect_eq(bar_rw(r, 0, true, 0x40, 1, &b), EINVAL);
	cr_expect_eq(bar_rw(r, 0, false, 0x42, 4, &w), EINVAL);
	cr_expect_eq(bar_rw(r, 0, false, 0x10000, 4, &w), EINVAL);
	cr_expect_eq(bar_rw(r, 0, false, 0xfffc, 8, &q), EINVAL);
	cr_expect_eq(bar_rw(r, 0, false, 0, 3, &w), EINVAL);
	/* the MSI-X PBA is the server's */
	r->dev.regs[0x9000 / 4] = 0xdead;
	cr_expect_eq(bar_rw(r, 0, false, 0x9000, 4, &w), 0);
	cr_expect_eq(w, 0u);
	vfu_get_stats(r->s, &st);
	cr_expect_eq(st.bad_messages, 5u);
	cr_expect_eq(call(r, VFU_CMD_DEVICE_RESET, NULL, 0, NULL, 0), 0);
	cr_expect_eq(r->dev.resets, 2);		/* one at creation */
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, msix_vectors_and_masking)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	int e[4];
	uint32_t w;
	uint8_t mask[4] = { 0, 0, 1, 0 };
	uint32_t p[6] = { 24, (1u << 1) | (1u << 3), VFU_PCI_MSIX_IRQ, 2, 1 };

	negotiate(r);
	for (int i = 0; i < 4; i++)
		e[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	cr_assert_eq(set_irqs(r, (1u << 2) | (1u << 5), VFU_PCI_MSIX_IRQ, 0, 4, e, 4), 0);
	/* bus mastering off (as at reset): an MSI-X message is a memory write, dropped */
	vfu_irq(r->s, 2);
	cr_expect_eq(efd_count(e[2]), 0u);
	cr_expect_eq(bar_rw(r, 0, false, 0x9000, 4, &w), 0);
	cr_expect_eq(w, 0u, "a dropped message is not pending either");
	bus_master(r, true);
	vfu_irq(r->s, 2);
	vfu_irq(r->s, 0);
	vfu_irq(r->s, 9);		/* no such vector: ignored */
	cr_expect_eq(efd_count(e[2]), 1u);
	cr_expect_eq(efd_count(e[0]), 1u);
	cr_expect_eq(efd_count(e[1]), 0u);
	/* mask vector 2 (DATA_BOOL): the interrupt waits in the PBA */
	memcpy(&p[5], mask, 4);
	p[3] = 0;
	p[4] = 4;
	send_cmd(r, VFU_CMD_DEVICE_SET_IRQS, 0, p, 24, NULL, 0);
	cr_assert_eq(reply(r, NULL, 0, NULL), 0);
	vfu_irq(r->s, 2);
	cr_expect_eq(efd_count(e[2]), 0u);
	cr_expect_eq(bar_rw(r, 0, false, 0x9000, 4, &w), 0);
	cr_expect_eq(w, 1u << 2);
	cr_assert_eq(set_irqs(r, (1u << 0) | (1u << 4), VFU_PCI_MSIX_IRQ, 2, 1, NULL, 0), 0);
	cr_expect_eq(efd_count(e[2]), 1u);
	/* bad ranges and flags */
	cr_expect_eq(set_irqs(r, (1u << 2) | (1u << 5), VFU_PCI_MSIX_IRQ, 3, 2, e, 2), EINVAL);
	cr_expect_eq(set_irqs(r, (1u << 2) | (1u << 5), VFU_PCI_MSIX_IRQ, UINT32_MAX, 2, NULL, 0),
		     EINVAL);
	cr_expect_eq(set_irqs(r, (1u << 0) | (1u << 1) | (1u << 5), VFU_PCI_MSIX_IRQ, 0, 1, NULL, 0),
		     EINVAL);
	cr_expect_eq(set_irqs(r, 1u << 5, VFU_PCI_MSIX_IRQ, 0, 1, NULL, 0), EINVAL);
	cr_expect_eq(set_irqs(r, (1u << 2) | (1u << 5), 7, 0, 1, e, 1), EINVAL);
	cr_expect_eq(set_irqs(r, (1u << 2) | (1u << 5), VFU_PCI_MSIX_IRQ, 0, 2, e, 1), EINVAL);
	cr_expect_eq(set_irqs(r, (1u << 1) | (1u << 5), VFU_PCI_MSIX_IRQ, 0, 4, NULL, 0), EINVAL,
		     "DATA_BOOL without its bytes");
	/* disable the index: no more signals */
	cr_assert_eq(set_irqs(r, (1u << 0) | (1u << 5), VFU_PCI_MSIX_IRQ, 0, 0, NULL, 0), 0);
	vfu_irq(r->s, 1);
	cr_expect_eq(efd_count(e[1]), 0u);
	for (int i = 0; i < 4; i++)
		close(e[i]);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, intx_level_automask)
{
	struct rig *r = rig_start(VFU_IRQ_INTX);
	int e = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	negotiate(r);
	cr_assert_eq(set_irqs(r, (1u << 2) | (1u << 5), VFU_PCI_INTX_IRQ, 0, 1, &e, 1), 0);
	r->dev.level = true;
	vfu_irq(r->s, 3);		/* any input: the one INTx */
	cr_expect_eq(efd_count(e), 1u);
	vfu_irq(r->s, 1);		/* automasked until the client unmasks */
	cr_expect_eq(efd_count(e), 0u);
	/* unmask while still asserted: fires again */
	cr_assert_eq(set_irqs(r, (1u << 0) | (1u << 4), VFU_PCI_INTX_IRQ, 0, 1, NULL, 0), 0);
	cr_expect_eq(efd_count(e), 1u);
	/* the status register's Interrupt Status bit follows the level */
	cr_expect(cfg_rw(r, false, 0x06, 2, 0, NULL) & 0x08);
	/* the driver cleared it: unmask fires nothing */
	r->dev.level = false;
	cr_assert_eq(set_irqs(r, (1u << 0) | (1u << 4), VFU_PCI_INTX_IRQ, 0, 1, NULL, 0), 0);
	cr_expect_eq(efd_count(e), 0u);
	cr_expect_not(cfg_rw(r, false, 0x06, 2, 0, NULL) & 0x08);
	/* Interrupt Disable holds INTx back until cleared */
	cfg_rw(r, true, 0x04, 2, 0x0400, NULL);
	r->dev.level = true;
	vfu_irq(r->s, 0);
	cr_expect_eq(efd_count(e), 0u);
	cfg_rw(r, true, 0x04, 2, 0x0000, NULL);
	cr_expect_eq(efd_count(e), 1u);
	close(e);
	cr_expect_eq(rig_stop(r), 0);
}

static int memfd(size_t size)
{
	int fd = memfd_create("guest-ram", MFD_CLOEXEC);

	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, (off_t)size), 0);
	return fd;
}

Test(vfio_user, dma_through_maps)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	size_t size = 1 << 20;
	int fd = memfd(size);
	uint8_t *ram = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	uint8_t buf[64], zero[64] = { 0 };

	negotiate(r);
	bus_master(r, true);
	/* two adjacent windows onto different parts of the file, one read-only */
	cr_assert_eq(dma_map(r, fd, 0x10000, 0x100000, 0x1000, 3), 0);
	cr_assert_eq(dma_map(r, fd, 0x20000, 0x101000, 0x1000, 3), 0);
	cr_assert_eq(dma_map(r, fd, 0x30000, 0x200000, 0x1000, 1), 0);
	cr_expect_eq(dma_map(r, fd, 0, 0x100800, 0x1000, 3), EEXIST);
	cr_expect_eq(dma_map(r, fd, 0, 0x0ff800, 0x1000, 3), EEXIST);
	cr_expect_eq(dma_map(r, fd, 0, 0x300000, 0, 3), EINVAL);
	cr_expect_eq(dma_map(r, fd, 0, UINT64_MAX - 0xfff, 0x2000, 3), EINVAL);
	cr_expect_eq(dma_map(r, fd, 0, 0x300000, 0x1000, 1u << 7), EINVAL);
	/* a copy across the two windows lands in both file ranges */
	memset(buf, 0x5a, sizeof(buf));
	cr_expect_eq(vfu_dma_write(r->s, 0x100fe0, buf, 64), 0);
	cr_expect_eq(ram[0x10000 + 0xfe0], 0x5a);
	cr_expect_eq(ram[0x10fff], 0x5a);
	cr_expect_eq(ram[0x20000], 0x5a);
	cr_expect_eq(ram[0x2001f], 0x5a);
	cr_expect_eq(ram[0x20020], 0);
	ram[0x30010] = 0x77;
	cr_expect_eq(vfu_dma_read(r->s, 0x200010, buf, 1), 0);
	cr_expect_eq(buf[0], 0x77);
	cr_expect_eq(faults(r), 0u);
	/* outside: before, after, straddling the end, the read-only one, wrapping */
	cr_expect_eq(vfu_dma_write(r->s, 0xfffff, buf, 1), -EFAULT);
	cr_expect_eq(vfu_dma_write(r->s, 0x101fe0, buf, 64), -EFAULT);
	cr_expect_eq(memcmp(ram + 0x20fe0, zero, 32), 0, "nothing of a refused copy is written");
	cr_expect_eq(vfu_dma_write(r->s, 0x200000, buf, 1), -EFAULT);
	cr_expect_eq(vfu_dma_read(r->s, UINT64_MAX - 4, buf, 16), -EFAULT);
	cr_expect_eq(vfu_dma_read(r->s, 0x500000, buf, 16), -EFAULT);
	cr_expect_eq(faults(r), 5u);
	/* bus mastering off: no DMA at all, even inside a window */
	bus_master(r, false);
	memset(buf, 0x3c, sizeof(buf));
	cr_expect_eq(vfu_dma_write(r->s, 0x100000, buf, 4), -EFAULT);
	cr_expect_eq(ram[0x10000], 0, "nothing written with bus mastering off");
	cr_expect_eq(vfu_dma_read(r->s, 0x200010, buf, 1), -EFAULT);
	cr_expect_eq(faults(r), 7u);
	bus_master(r, true);
	cr_expect_eq(vfu_dma_write(r->s, 0x100000, buf, 4), 0);
	cr_expect_eq(ram[0x10000], 0x3c);
	/* a map without an fd is known but not reachable */
	cr_assert_eq(dma_map(r, -1, 0, 0x400000, 0x1000, 3), 0);
	cr_expect_eq(vfu_dma_read(r->s, 0x400000, buf, 4), -EFAULT);
	/* one unmap over several windows, one covering part of one */
	cr_expect_eq(dma_unmap(r, 0x100000, 0x1800, 0), 0);
	cr_expect_eq(vfu_dma_read(r->s, 0x101800, buf, 4), -EFAULT);
	cr_expect_eq(vfu_dma_read(r->s, 0x200000, buf, 4), 0);
	cr_expect_eq(dma_unmap(r, 0x100000, 0, 0), EINVAL);
	cr_expect_eq(dma_unmap(r, 0, 0, 1), ENOTSUP);
	/* QEMU's reset: a size that runs past 2^64 */
	cr_expect_eq(dma_unmap(r, 0x1000, UINT64_MAX, 0), 0);
	cr_expect_eq(vfu_dma_read(r->s, 0x200000, buf, 4), -EFAULT);
	{
		struct vfu_stats st;

		vfu_get_stats(r->s, &st);
		cr_expect_eq(st.dma_maps, 0u);
	}
	/* maps again, then unmap-all */
	cr_assert_eq(dma_map(r, fd, 0, 0, 0x1000, 3), 0);
	cr_assert_eq(dma_map(r, fd, 0, UINT64_MAX - 0xfff, 0x1000, 3), 0);
	cr_expect_eq(vfu_dma_read(r->s, UINT64_MAX - 3, buf, 4), 0);
	cr_expect_eq(dma_unmap(r, 0, 0, 2), 0);
	cr_expect_eq(vfu_dma_read(r->s, 0, buf, 4), -EFAULT);
	munmap(ram, size);
	close(fd);
	cr_expect_eq(rig_stop(r), 0);
}

/* DMA threads copy while the loop maps and unmaps: no crash, no stray write */
struct hammer {
	struct vfu_server *s;
	atomic_bool stop;
	unsigned long ok, fault;
};

static void *dma_thread(void *arg)
{
	struct hammer *h = arg;
	uint8_t buf[4096];

	memset(buf, 0x33, sizeof(buf));
	while (!atomic_load(&h->stop)) {
		if (vfu_dma_write(h->s, 0x10000, buf, sizeof(buf)) == 0)
			h->ok++;
		else
			h->fault++;
	}
	return NULL;
}

Test(vfio_user, dma_while_unmapping)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	int fd = memfd(0x10000);
	struct hammer h = { .s = r->s };
	pthread_t t;

	negotiate(r);
	pthread_create(&t, NULL, dma_thread, &h);
	for (int i = 0; i < 300; i++) {
		cr_assert_eq(dma_map(r, fd, 0, 0x10000, 0x1000, 3), 0);
		cr_assert_eq(dma_unmap(r, 0x10000, 0x1000, 0), 0);
	}
	atomic_store(&h.stop, true);
	pthread_join(t, NULL);
	/* all unmapped: nothing reaches the file any more */
	cr_expect_eq(vfu_dma_write(r->s, 0x10000, "x", 1), -EFAULT);
	close(fd);
	cr_expect_eq(rig_stop(r), 0);
}

Test(vfio_user, disconnect_drops_maps_and_irqs)
{
	struct rig *r = rig_start(VFU_IRQ_MSIX);
	int fd = memfd(0x1000), e = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	uint8_t b;
	struct vfu_server *s;

	negotiate(r);
	cr_assert_eq(dma_map(r, fd, 0, 0x1000, 0x1000, 3), 0);
	cr_assert_eq(set_irqs(r, (1u << 2) | (1u << 5), VFU_PCI_MSIX_IRQ, 1, 1, &e, 1), 0);
	close(r->c);
	pthread_join(r->th, NULL);
	s = r->s;
	cr_expect_eq(vfu_dma_read(s, 0x1000, &b, 1), -EFAULT);
	vfu_irq(s, 1);
	cr_expect_eq(efd_count(e), 0u);
	vfu_destroy(s);
	free(r);
	close(fd);
	close(e);
}

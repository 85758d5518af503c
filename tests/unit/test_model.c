// SPDX-License-Identifier: GPL-2.0-only
/*
 * The card model (kernel/sim/) in userspace, built through kshim/ as
 * sdi8k-card builds it: driven here as the driver drives the card, through
 * BAR0 registers and descriptors in a fake bus memory, with the test
 * pattern checked by tests/tools/verify-frame.c (the checker the guest
 * tests use), not by the model's own painter.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/sdi8k-sim.h"
#include "verify-frame.h"

#define RAM_BASE	0x100000000ULL	/* above 4 GiB: 64-bit addresses */
#define RAM_SIZE	(16u << 20)
#define PAGE		4096u

struct fake_bus {
	u8 *ram;
	unsigned int irqs[SDI8K_MAX_INPUTS];
	unsigned int wakes;
	unsigned int refused;
};

static struct fake_bus bus;

static bool in_ram(u64 addr, size_t len)
{
	return addr >= RAM_BASE && len <= RAM_SIZE &&
	       addr - RAM_BASE <= RAM_SIZE - len;
}

static int fake_dma_read(struct sdi8k_sim *sim, u64 addr, void *buf,
			 size_t len)
{
	(void)sim;
	if (!in_ram(addr, len)) {
		bus.refused++;
		return -EFAULT;
	}
	memcpy(buf, bus.ram + (addr - RAM_BASE), len);
	return 0;
}

static int fake_dma_write(struct sdi8k_sim *sim, u64 addr, const void *buf,
			  size_t len)
{
	(void)sim;
	if (!in_ram(addr, len)) {
		bus.refused++;
		return -EFAULT;
	}
	memcpy(bus.ram + (addr - RAM_BASE), buf, len);
	return 0;
}

static void fake_irq(struct sdi8k_sim *sim, unsigned int input)
{
	(void)sim;
	bus.irqs[input]++;
}

static void fake_wake(struct sdi8k_sim *sim, unsigned int input)
{
	(void)sim;
	(void)input;
	bus.wakes++;
}

static const struct sdi8k_sim_env fake_env = {
	.dma_read = fake_dma_read,
	.dma_write = fake_dma_write,
	.irq = fake_irq,
	.wake = fake_wake,
};

static struct sdi8k_sim *sim;

static void setup(void)
{
	memset(&bus, 0, sizeof(bus));
	bus.ram = calloc(1, RAM_SIZE);
	cr_assert_not_null(bus.ram);
	sim = sdi8k_sim_create(&fake_env, &bus, "test", 0x5d18000000000042ULL,
			       SDI8K_MAX_INPUTS);
	cr_assert_not_null(sim);
}

static void teardown(void)
{
	sdi8k_sim_destroy(sim);
	free(bus.ram);
}

static u32 in_reg(unsigned int input, u32 off)
{
	return SDI8K_INPUT_BASE(input) + off;
}

/* Memory layout of one capture: ring at 0, sg blocks at 64 KiB, anc slots
 * at 1 MiB, the frame's pages from 2 MiB on in reverse order. */
#define RING_OFF	0x0
#define SG_OFF		0x10000
#define ANC_OFF		0x100000
#define FRAME_OFF	0x200000

struct capture {
	u32 stride, size;
	unsigned int pages;
};

static void put_sg(unsigned int n, u64 addr, u32 len, u32 flags)
{
	/* entry n of the chain: block n / 255, slot n % 255 */
	unsigned int blk = n / (SDI8K_SG_PER_BLOCK - 1);
	unsigned int slot = n % (SDI8K_SG_PER_BLOCK - 1);
	struct sdi8k_sg_entry *b = (void *)(bus.ram + SG_OFF +
					    blk * SDI8K_SG_BLOCK);

	b[slot].addr = cpu_to_le64(addr);
	b[slot].len = cpu_to_le32(len);
	b[slot].flags = cpu_to_le32(flags);
	if (slot == 0 && blk) {	/* link the previous block here */
		struct sdi8k_sg_entry *p = b - SDI8K_SG_PER_BLOCK;

		p[SDI8K_SG_PER_BLOCK - 1].addr =
			cpu_to_le64(RAM_BASE + SG_OFF + blk * SDI8K_SG_BLOCK);
		p[SDI8K_SG_PER_BLOCK - 1].flags = cpu_to_le32(SDI8K_SG_LINK);
	}
}

/* Program input 0 for 1080p v210 and hand the card one descriptor. */
static void program(struct capture *c, u64 bad_page_addr)
{
	struct sdi8k_desc *d = (void *)(bus.ram + RING_OFF);
	unsigned int i;

	c->stride = 5120;	/* 1920 v210: 40 groups of 128 bytes */
	c->size = c->stride * 1080;
	c->pages = (c->size + PAGE - 1) / PAGE;
	for (i = 0; i < c->pages; i++) {
		u64 addr = RAM_BASE + FRAME_OFF + (u64)(c->pages - 1 - i) * PAGE;
		u32 len = i == c->pages - 1 ? c->size - i * PAGE : PAGE;

		if (bad_page_addr && i == c->pages / 2)
			addr = bad_page_addr;
		put_sg(i, addr, len, i == c->pages - 1 ? SDI8K_SG_LAST : 0);
	}
	memset(d, 0, sizeof(*d));
	d->sg_addr = cpu_to_le64(RAM_BASE + SG_OFF);
	d->sg_count = cpu_to_le32(c->pages);
	d->cookie = cpu_to_le64(0xc00c1e);
	d->length = cpu_to_le32(c->size);
	d->ctrl = cpu_to_le32(SDI8K_DESC_OWN);

	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_DMA_PIXFMT), SDI8K_PIXFMT_V210);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_DMA_STRIDE), c->stride);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_DMA_RASTER), 1080 << 16 | 1920);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_DMA_FLAGS), 0);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_BASE_LO),
			(u32)(RAM_BASE + RING_OFF));
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_BASE_HI),
			(u32)((RAM_BASE + RING_OFF) >> 32));
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_SIZE), 4);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_ANC_BASE_LO),
			(u32)(RAM_BASE + ANC_OFF));
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_ANC_BASE_HI),
			(u32)((RAM_BASE + ANC_OFF) >> 32));
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_IRQ_MASK), SDI8K_IRQ_ALL);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_TAIL), 1);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_DMA_CTRL), SDI8K_DMA_ENABLE);
}

/* Run input 0 until one frame period has been processed. */
static u64 run_one_frame(void)
{
	struct sdi8k_sim_input *si = &sim->inputs[0];
	ktime_t due, ts;
	u64 frame;
	int spins = 0;

	while (!sdi8k_sim_input_due(si, ktime_get(), &due, &frame, &ts)) {
		struct timespec t = { 0, 1000000 };

		cr_assert_neq(due, KTIME_MAX, "input 0 has no signal");
		cr_assert_lt(++spins, 1000, "no frame became due in 1 s");
		nanosleep(&t, NULL);
	}
	sdi8k_sim_input_frame(si, frame, ts);
	return frame;
}

/* The frame as the driver sees it: its pages put back in order. */
static u8 *gather(const struct capture *c)
{
	u8 *f = malloc(c->size);
	unsigned int i;

	cr_assert_not_null(f);
	for (i = 0; i < c->pages; i++) {
		u32 len = i == c->pages - 1 ? c->size - i * PAGE : PAGE;

		memcpy(f + (size_t)i * PAGE, bus.ram + FRAME_OFF +
		       (size_t)(c->pages - 1 - i) * PAGE, len);
	}
	return f;
}

static void check_frame(const struct capture *c, u64 frame)
{
	struct vf_geom g;
	struct vf_result res;
	char err[128];
	u8 *f = gather(c);

	cr_assert_eq(vf_geom_init(&g, VF_V210, 1920, 1080, c->stride, false,
				  err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(vf_check(&g, f, 0, 0, &res), 0, "frame %llu: %s",
		     (unsigned long long)frame, res.msg);
	cr_expect(res.valid);
	cr_expect_eq(res.counter, (u32)frame, "counter %u, frame %llu",
		     res.counter, (unsigned long long)frame);
	free(f);
}

TestSuite(model, .init = setup, .fini = teardown);

Test(model, identity_registers)
{
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_ID), SDI8K_ID_MAGIC);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_SERIAL_LO), 0x00000042u);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_SERIAL_HI), 0x5d180000u);
	sdi8k_sim_write(sim, SDI8K_REG_SCRATCH, 0xdeadbeef);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_SCRATCH), 0xdeadbeef);
	sdi8k_sim_reset(sim);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_SCRATCH), 0);
	/* input 0 receives 1080p59.94 at power-on */
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_RASTER_ACTIVE)),
		     1080u << 16 | 1920u);
	cr_expect_eq(sdi8k_sim_read(sim, 0xfffc), 0, "unknown offsets read 0");
}

Test(model, captures_through_a_scatter_gather_chain)
{
	struct capture c;
	struct sdi8k_desc *d = (void *)(bus.ram + RING_OFF);
	u64 frame;

	program(&c, 0);
	cr_assert_gt(c.pages, 2 * (SDI8K_SG_PER_BLOCK - 1),
		     "the chain must link several blocks");
	frame = run_one_frame();

	cr_expect_eq(le32_to_cpu(d->ctrl), 0, "OWN handed back");
	cr_expect_eq(le32_to_cpu(d->status), SDI8K_DSTAT_DONE);
	cr_expect_eq(le32_to_cpu(d->bytes_written), c.size);
	cr_expect_eq(le64_to_cpu(d->frame_count), frame);
	cr_expect_gt(le32_to_cpu(d->anc_bytes), 0, "ancillary data captured");
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_RING_HEAD)), 1);
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_IRQ_STATUS)) &
		     SDI8K_IRQ_FRAME_DONE, SDI8K_IRQ_FRAME_DONE);
	cr_expect_gt(bus.irqs[0], 0, "interrupt delivered");
	cr_expect_eq(bus.refused, 0);
	check_frame(&c, frame);

	/* the same buffer in the next slot: the model repaints only what
	 * changed */
	d[1] = d[0];
	d[1].ctrl = cpu_to_le32(SDI8K_DESC_OWN);
	d[1].status = 0;
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_TAIL), 2);
	frame = run_one_frame();
	cr_expect_eq(le32_to_cpu(d[1].ctrl), 0);
	cr_expect_eq(le32_to_cpu(d[1].status), SDI8K_DSTAT_DONE);
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_RING_HEAD)), 2);
	check_frame(&c, frame);
}

Test(model, no_descriptor_drops_the_frame)
{
	struct capture c;

	program(&c, 0);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_TAIL), 0);
	run_one_frame();
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_FRAMES_DROPPED)), 1);
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_RING_HEAD)), 0);
}

Test(model, dma_outside_memory_is_refused_and_counted)
{
	struct capture c;
	struct sdi8k_desc *d = (void *)(bus.ram + RING_OFF);
	char stats[512];

	/* one page of the list points past the end of memory */
	program(&c, RAM_BASE + RAM_SIZE + 0x1000);
	run_one_frame();
	cr_expect_eq(le32_to_cpu(d->ctrl), 0);
	cr_expect_eq(le32_to_cpu(d->status),
		     SDI8K_DSTAT_DONE | SDI8K_DSTAT_ERR_SG);
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_IRQ_STATUS)) &
		     SDI8K_IRQ_DMA_ERROR, SDI8K_IRQ_DMA_ERROR);
	cr_expect_gt(bus.refused, 0);
	sdi8k_sim_find_word("stats", true)->show(sim, &sim->inputs[0], stats,
						 sizeof(stats));
	cr_expect_not_null(strstr(stats, "dma_faults 1\n"), "%s", stats);
}

Test(model, ring_outside_memory_drops_and_counts)
{
	struct capture c;
	char stats[512];

	program(&c, 0);
	sdi8k_sim_write(sim, in_reg(0, SDI8K_IN_RING_BASE_HI), 0x7);
	run_one_frame();
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(0, SDI8K_IN_FRAMES_DROPPED)), 1);
	sdi8k_sim_find_word("stats", true)->show(sim, &sim->inputs[0], stats,
						 sizeof(stats));
	cr_expect_not_null(strstr(stats, "dma_faults 1\n"), "%s", stats);
}

Test(model, scripting_words)
{
	const struct sdi8k_sim_word *w = sdi8k_sim_find_word("signal", true);
	struct sdi8k_sim_input *si = &sim->inputs[1];
	char buf[128];

	cr_assert_not_null(w);
	w->show(sim, si, buf, sizeof(buf));
	cr_expect_str_eq(buf, "2160p59.94\n");
	cr_expect_eq(w->store(sim, si, "2160p50\n"), 0);
	w->show(sim, si, buf, sizeof(buf));
	cr_expect_str_eq(buf, "2160p50\n");
	cr_expect_gt(bus.wakes, 0, "the input's thread is woken");
	cr_expect_eq(w->store(sim, si, "2160p49"), -EINVAL);
	cr_expect_eq(w->store(sim, si, "none"), 0);
	cr_expect_eq(sdi8k_sim_read(sim, in_reg(1, SDI8K_IN_LINK_STATUS)), 0);

	w = sdi8k_sim_find_word("hdr", true);
	cr_expect_eq(w->store(sim, si, "pq"), 0);
	w->show(sim, si, buf, sizeof(buf));
	cr_expect_str_eq(buf, "pq\n");
	cr_expect_eq(w->store(sim, si, "hdr10"), -EINVAL);

	w = sdi8k_sim_find_word("mdcv", true);
	cr_expect_eq(w->store(sim, si, "13250 34500 7500 3000 34000 16000 15635 16450 40000000 50\n"), 0);
	w->show(sim, si, buf, sizeof(buf));
	cr_expect_str_eq(buf, "13250 34500 7500 3000 34000 16000 15635 16450 40000000 50\n");
	cr_expect_eq(si->anc.mdcv.red_x, 34000, "ST 2086 order: G, B, R");
	cr_expect_eq(w->store(sim, si, "1 2 3 4 5 6 70000 8 9 10"), -EINVAL);
	cr_expect_eq(w->store(sim, si, "1 2 3"), -EINVAL);
	cr_expect_eq(w->store(sim, si, "none"), 0);
	w->show(sim, si, buf, sizeof(buf));
	cr_expect_str_eq(buf, "none\n");

	w = sdi8k_sim_find_word("cabling", false);
	cr_assert_not_null(w);
	cr_expect_eq(w->store(sim, NULL, "2134"), 0);
	w->show(sim, NULL, buf, sizeof(buf));
	cr_expect_str_eq(buf, "2134\n");
	cr_expect_eq(w->store(sim, NULL, "5134"), -EINVAL);

	cr_expect_null(sdi8k_sim_find_word("stats", false));
	cr_expect_null(sdi8k_sim_find_word("stats", true)->store);
}

Test(model, card_clock)
{
	struct capture c;
	struct sdi8k_desc *d = (void *)(bus.ram + RING_OFF);
	u64 t0, t1, ts;
	u32 lo;

	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_CLOCK_RATE), SDI8K_CLOCK_HZ);
	lo = sdi8k_sim_read(sim, SDI8K_REG_CLOCK_LO);
	t0 = (u64)sdi8k_sim_read(sim, SDI8K_REG_CLOCK_HI) << 32 | lo;
	program(&c, 0);
	run_one_frame();
	lo = sdi8k_sim_read(sim, SDI8K_REG_CLOCK_LO);
	t1 = (u64)sdi8k_sim_read(sim, SDI8K_REG_CLOCK_HI) << 32 | lo;
	ts = le64_to_cpu(d->timestamp);
	cr_expect_gt(t1, t0, "the clock advances");
	/* frame 0 starts at the card's power-on, later frames on the lattice
	 * of 450450 ticks (1001/60000 s at 27 MHz), to the ns rounding */
	cr_expect(ts % 450450 <= 2 || ts % 450450 >= 450448,
		  "timestamp %llu not on the 59.94 lattice",
		  (unsigned long long)ts);
	cr_expect_leq(ts, t1);

	cr_expect_eq(sdi8k_sim_find_word("clock_fault", false)->store(sim, NULL,
								     "ones"), 0);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_CLOCK_LO), 0xffffffffu);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_CLOCK_HI), 0xffffffffu);
	cr_expect_eq(sdi8k_sim_find_word("clock_fault", false)->store(sim, NULL,
								     "bad_rate"), 0);
	cr_expect_eq(sdi8k_sim_read(sim, SDI8K_REG_CLOCK_RATE), 0);
	cr_expect_eq(sdi8k_sim_find_word("clock_fault", false)->store(sim, NULL,
								     "slow"), -EINVAL);
}

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
#include "sdi8k-regs.h"
#include "anc/sdi8k-anc-codec.h"
#include <sdi8k/error.h>
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

/* ---- embedded audio (docs/hardware.md, "Embedded audio") ---- */

#include <math.h>

#define AUD_REC_OFF	0x3f0000
#define AUD_BUF_OFF	0x400000

static void word(unsigned int input, const char *name, const char *val)
{
	const struct sdi8k_sim_word *w = sdi8k_sim_find_word(name, true);

	cr_assert_not_null(w, "no word %s", name);
	cr_assert_eq(w->store(sim, &sim->inputs[input], val), 0, "%s %s",
		     name, val);
}

static void signal(unsigned int input, const char *raster)
{
	sdi8k_sim_set_signal(&sim->inputs[input],
			     raster ? sdi8k_find_raster_name(raster) : NULL);
}

static u32 rd(unsigned int input, u32 off)
{
	return sdi8k_sim_read(sim, in_reg(input, off));
}

static void wr(unsigned int input, u32 off, u32 val)
{
	sdi8k_sim_write(sim, in_reg(input, off), val);
}

/* Program input @in's audio engine and start it. */
static void audio_start(unsigned int in, u32 channels, u32 period,
			u32 buf_frames)
{
	u64 buf = RAM_BASE + AUD_BUF_OFF, rec = RAM_BASE + AUD_REC_OFF;

	wr(in, SDI8K_IN_AUD_CHANNELS, channels);
	wr(in, SDI8K_IN_AUD_PERIOD_FRAMES, period);
	wr(in, SDI8K_IN_AUD_BUF_FRAMES, buf_frames);
	wr(in, SDI8K_IN_AUD_BUF_BASE_LO, (u32)buf);
	wr(in, SDI8K_IN_AUD_BUF_BASE_HI, (u32)(buf >> 32));
	wr(in, SDI8K_IN_AUD_REC_BASE_LO, (u32)rec);
	wr(in, SDI8K_IN_AUD_REC_BASE_HI, (u32)(rec >> 32));
	wr(in, SDI8K_IN_IRQ_MASK, SDI8K_IRQ_AUDIO_ALL);
	wr(in, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_RESET);
	wr(in, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_ENABLE);
}

/* frames @first .. @first + @n - 1 of input @in (video DMA off) */
static void audio_run(unsigned int in, u64 first, u64 n)
{
	for (u64 f = first; f < first + n; f++)
		sdi8k_sim_input_frame(&sim->inputs[in], f, 0);
}

/* sample of channel @ch in sample frame @i of the buffer, 24 bits */
static s32 aud_at(u32 channels, u32 i, u32 ch)
{
	const u8 *p = bus.ram + AUD_BUF_OFF + ((size_t)i * channels + ch) * 4;
	u32 v = (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;

	cr_assert_eq(v & 0xff, 0, "bits 7:0 of a sample are zero");
	return (s32)v >> 8;
}

static struct sdi8k_aud_rec aud_rec(u32 k)
{
	struct sdi8k_aud_rec r;

	memcpy(&r, bus.ram + AUD_REC_OFF + k * sizeof(r), sizeof(r));
	return r;
}

/* the tone of channel @ch (0-15) at sample @s, by libm */
static s32 tone(unsigned int ch, u64 s)
{
	double ph = 2 * M_PI * (double)((s * (ch + 1)) % 96) / 96.0;

	return (s32)lround(4194303.0 * sin(ph));
}

/*
 * 1000 frames through the engine, the source's frame 0 at position @phase
 * of its audio sequence: every frame's sample count follows @cadence (5
 * entries) from that position, the total is exact, and every period's
 * record names the frame and offset of its first sample and the frame's
 * position in the sequence.
 */
static void check_cadence(const char *raster, const u32 cadence[5],
			  u64 per5, u32 phase)
{
	/*
	 * 250 frames, 50 whole sequences in any phase: the records' periods
	 * of 1000 samples start at many offsets into them, and the model's
	 * frame loop is the same for every frame
	 */
	const u32 period = 1000, nper = 4, nframes = 250;
	u64 start[251], total;
	u32 prev = 0, checked = 0;

	char ph[4];

	snprintf(ph, sizeof(ph), "%u", phase);
	word(0, "audio_sequence", ph);
	signal(0, raster);
	start[0] = 0;
	for (u32 f = 0; f < nframes; f++)
		start[f + 1] = start[f] + cadence[(f + phase) % 5];
	audio_start(0, 2, period, period * nper);
	for (u64 f = 0; f < nframes; f++) {
		audio_run(0, f, 1);
		u32 frames = rd(0, SDI8K_IN_AUD_FRAMES);

		cr_assert_eq(frames - prev, cadence[(f + phase) % 5],
			     "%s frame %llu: %u samples", raster,
			     (unsigned long long)f, frames - prev);
		prev = frames;
		/* the records written by this frame */
		for (; checked < rd(0, SDI8K_IN_AUD_PERIODS); checked++) {
			struct sdi8k_aud_rec r = aud_rec(checked % nper);
			u64 fc = le64_to_cpu(r.frame_count);
			u32 off = le32_to_cpu(r.frame_offset);

			cr_assert_leq(fc, f);
			cr_assert_eq(start[fc] + off, (u64)checked * period,
				     "period %u: frame %llu + %u", checked,
				     (unsigned long long)fc, off);
			cr_assert_lt(off, cadence[(fc + phase) % 5]);
			cr_assert_eq(le32_to_cpu(r.status) & SDI8K_AUD_REC_GROUPS,
				     0xf);
			/* the frame's position in the sequence (0 without one) */
			cr_assert_eq(FIELD_GET(SDI8K_AUD_REC_SEQ, le32_to_cpu(r.status)),
				     cadence[0] == cadence[1] && cadence[1] == cadence[2] ?
				     0 : (u32)((fc + phase) % 5), "period %u: SEQ", checked);
		}
	}
	total = nframes / 5 * per5;	/* whole sequences in any phase */
	cr_assert_eq(prev, (u32)total);
	cr_assert_eq(start[nframes], total);
	cr_assert_eq(checked, total / period);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_POSITION), total % (period * nper));
	/* the contract's formula gives the same lattice */
	const struct sdi8k_raster *r = sdi8k_find_raster_name(raster);

	for (u64 f = 0; f <= nframes; f++)
		cr_assert_eq(sdi8k_aud_frame_start(f, phase, r->rate_num,
						   r->rate_den), start[f]);
}

Test(model, audio_cadence_2997_exact)
{
	static const u32 c[5] = { 1602, 1601, 1602, 1601, 1602 };

	check_cadence("1080p29.97", c, 8008, 0);
}

/* a source whose sequence does not begin at the frame the input locked on */
Test(model, audio_cadence_2997_any_phase)
{
	static const u32 c[5] = { 1602, 1601, 1602, 1601, 1602 };

	for (u32 p = 1; p < 5; p++) {
		check_cadence("1080p29.97", c, 8008, p);
		teardown();	/* a new card for the next phase */
		setup();
	}
}

Test(model, audio_cadence_5994_exact)
{
	static const u32 c[5] = { 801, 801, 800, 801, 801 };

	check_cadence("1080p59.94", c, 4004, 3);
}

Test(model, audio_cadence_integer_rates)
{
	static const u32 c25[5] = { 1920, 1920, 1920, 1920, 1920 };

	check_cadence("1080p25", c25, 5 * 1920, 2);
}

/* channel n carries n x 500 Hz; frame 0's first sample is the marker */
Test(model, audio_channel_tones_identifiable)
{
	signal(0, "1080p25");
	audio_start(0, 16, 480, 4800);
	audio_run(0, 0, 2);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 3840);
	for (u32 ch = 0; ch < 16; ch++) {
		unsigned int crossings = 0;

		cr_assert_eq(aud_at(16, 0, ch), 0x7fffff, "marker ch %u", ch + 1);
		for (u32 i = 1; i < 3840; i++) {
			s32 v = aud_at(16, i, ch);

			if (i == 1920) {	/* frame 1: no marker */
				cr_assert_neq(v, 0x7fffff);
			}
			cr_assert_leq(labs((long)v - tone(ch, i)), 1,
				      "ch %u sample %u: %d, tone %d", ch + 1, i, v,
				      tone(ch, i));
			if (i > 1 && (aud_at(16, i - 1, ch) < 0) != (v < 0))
				crossings++;
		}
		/* (ch + 1) x 500 Hz over 3838 sample intervals: 2 per cycle */
		cr_assert_leq(labs((long)crossings - (long)(ch + 1) * 80), 2,
			      "ch %u: %u zero crossings", ch + 1, crossings);
	}
}

/* the marker sits on the first sample of frames 0, 10, 20 */
Test(model, audio_marker_on_its_frames_first_sample)
{
	const u32 period = 1001, buf = 24 * 1001;
	u32 found[8], n = 0;

	signal(0, "1080p59.94");
	audio_start(0, 2, period, buf);
	audio_run(0, 0, 30);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 24024);
	for (u32 i = 0; i < 24024; i++)
		if (aud_at(2, i, 0) == 0x7fffff && n < 8)
			found[n++] = i;
	cr_assert_eq(n, 3);
	/* S(10) = 10 x 800.8, S(20) = 20 x 800.8 */
	cr_assert_eq(found[0], 0);
	cr_assert_eq(found[1], 8008);
	cr_assert_eq(found[2], 16016);
	for (u32 k = 0; k < n; k++) {
		/* the record of the marker's period puts it at its frame's start */
		struct sdi8k_aud_rec r = aud_rec(found[k] / period);
		u64 fc = le64_to_cpu(r.frame_count);
		u64 at = sdi8k_aud_frame_start(fc, 0, 60000, 1001) +
			 le32_to_cpu(r.frame_offset) + found[k] % period;

		cr_assert_eq(at, found[k]);
		cr_assert_eq(sdi8k_aud_frame_start(10 * k, 0, 60000, 1001), found[k]);
		cr_assert_eq(aud_at(2, found[k], 1), 0x7fffff);
		cr_assert_neq(aud_at(2, found[k] + 1, 0), 0x7fffff);
	}
}

Test(model, audio_periods_interrupts_and_position)
{
	signal(0, "1080p59.94");
	audio_start(0, 8, 256, 1024);
	bus.irqs[0] = 0;
	audio_run(0, 0, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 801);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_PERIODS), 3);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_POSITION), 801);
	cr_assert(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_PERIOD);
	cr_assert_geq(bus.irqs[0], 3);
	cr_assert(rd(0, SDI8K_IN_AUD_DMA_STATUS) & SDI8K_AUD_DMA_RUNNING);
	wr(0, SDI8K_IN_IRQ_STATUS, SDI8K_IRQ_AUDIO_ALL);
	cr_assert_eq(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_PERIOD, 0);
	audio_run(0, 1, 1);
	/* 1602 frames: 6 periods, wrapped once */
	cr_assert_eq(rd(0, SDI8K_IN_AUD_PERIODS), 6);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_POSITION), 1602 - 1024);
	/* offset 0 now holds sample 1024, offset 577 sample 1601 */
	cr_assert_eq(aud_at(8, 0, 3), tone(3, 1024));
	cr_assert_eq(aud_at(8, 577, 7), tone(7, 1601));
	cr_assert_eq(aud_at(8, 578, 0), tone(0, 578));	/* not yet rewritten */
	/* record of period 4 (slot 0 again): sample 1024 = frame 1 + 223 */
	struct sdi8k_aud_rec r = aud_rec(0);

	cr_assert_eq(le64_to_cpu(r.frame_count), 1);
	cr_assert_eq(le32_to_cpu(r.frame_offset), 223);
	/* masked: the bit is set, the vector does not fire */
	wr(0, SDI8K_IN_IRQ_MASK, 0);
	bus.irqs[0] = 0;
	audio_run(0, 2, 1);
	cr_assert_eq(bus.irqs[0], 0);
	cr_assert(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_PERIOD);
	/* ENABLE cleared: it stops, nothing more */
	wr(0, SDI8K_IN_AUD_DMA_CTRL, 0);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_DMA_STATUS) & SDI8K_AUD_DMA_RUNNING, 0);
	u32 frames = rd(0, SDI8K_IN_AUD_FRAMES);

	audio_run(0, 3, 2);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), frames);
	/* RESET zeroes the counts */
	wr(0, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_RESET);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 0);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_POSITION), 0);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_PERIODS), 0);
}

Test(model, audio_groups_missing_and_two_channels)
{
	signal(0, "1080p25");
	audio_run(0, 0, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED | 0xf);
	wr(0, SDI8K_IN_IRQ_STATUS, SDI8K_IRQ_AUDIO_ALL);
	word(0, "audio_groups", "13");
	audio_start(0, 16, 480, 1920);
	audio_run(0, 1, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED | 0x5);
	cr_assert(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_CHANGE);
	for (u32 i = 1; i < 1920; i++)
		for (u32 ch = 0; ch < 16; ch++)
			cr_assert_eq(aud_at(16, i, ch),
				     ch / 4 == 1 || ch / 4 == 3 ? 0 :
				     tone(ch, 1920 + i), "ch %u", ch + 1);
	cr_assert_eq(le32_to_cpu(aud_rec(0).status) & SDI8K_AUD_REC_GROUPS, 0x5);

	word(0, "audio_channels", "2");
	audio_run(0, 2, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED | 0x1);
	for (u32 ch = 0; ch < 16; ch++)
		cr_assert_eq(aud_at(16, 5, ch), ch < 2 ? tone(ch, 3840 + 5) : 0);
	word(0, "audio_groups", "none");
	audio_run(0, 3, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED);
	word(0, "audio_silence", "1");
	word(0, "audio_channels", "16");
	audio_run(0, 4, 1);
	for (u32 ch = 0; ch < 16; ch++)
		cr_assert_eq(aud_at(16, 0, ch), 0, "silence, marker too");
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED | 0xf);
}

static void check_fault(const char *kind, u32 off_err, u32 off_other)
{
	signal(0, "1080p25");
	word(0, "audio_fault", kind);
	audio_start(0, 8, 480, 1920);
	audio_run(0, 0, 3);
	cr_assert_eq(rd(0, off_err), 3, "%s errors", kind);
	cr_assert_eq(rd(0, off_other), 0);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_SILENCED), 12);
	/* frame 2 is in the buffer: sample 100 of channels 1-4 silenced */
	for (u32 ch = 0; ch < 8; ch++) {
		s32 want = tone(ch, 2 * 1920 + 100);

		if (ch < 4) {
			cr_assert_eq(aud_at(8, 100, ch), 0, "ch %u", ch + 1);
		} else {
			cr_assert_eq(aud_at(8, 100, ch), want);
		}
		cr_assert_eq(aud_at(8, 101, ch), tone(ch, 2 * 1920 + 101));
	}
	cr_assert(tone(1, 2 * 1920 + 100) != 0);
	/* the record of the period holding it says so, the next does not */
	cr_assert(le32_to_cpu(aud_rec(0).status) & SDI8K_AUD_REC_SILENCED);
	cr_assert_not(le32_to_cpu(aud_rec(1).status) & SDI8K_AUD_REC_SILENCED);
	/* counters clear with RESET */
	wr(0, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_RESET);
	cr_assert_eq(rd(0, off_err), 0);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_SILENCED), 0);
}

Test(model, audio_checksum_errors_silenced_and_counted)
{
	check_fault("checksum", SDI8K_IN_AUD_CHECKSUM_ERRORS,
		    SDI8K_IN_AUD_ECC_ERRORS);
}

Test(model, audio_ecc_errors_silenced_and_counted)
{
	check_fault("ecc", SDI8K_IN_AUD_ECC_ERRORS,
		    SDI8K_IN_AUD_CHECKSUM_ERRORS);
}

/* the channel status travels in the C bits, block by block from Z */
Test(model, audio_nonpcm_channel_status)
{
	signal(0, "1080p25");
	word(0, "audio_nonpcm", "0x0003");
	audio_start(0, 2, 480, 1920);
	wr(0, SDI8K_IN_IRQ_STATUS, SDI8K_IRQ_AUDIO_ALL);
	audio_run(0, 0, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_NONPCM), 0x3);
	cr_assert(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_CHANGE);
	wr(0, SDI8K_IN_AUD_CS_SELECT, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_CS(0)) & 0xff, 0x83);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_CS(0)) >> 16 & 0xff, 0x2c);
	wr(0, SDI8K_IN_AUD_CS_SELECT, 2);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_CS(0)) & 0xff, 0x81);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_CS(5)), 0);
	word(0, "audio_nonpcm", "all");
	audio_run(0, 1, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_NONPCM), 0xffff);
	/* without the engine the registers say the same */
	wr(0, SDI8K_IN_AUD_DMA_CTRL, 0);
	word(0, "audio_nonpcm", "none");
	audio_run(0, 2, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_NONPCM), 0);
}

Test(model, audio_dma_outside_memory_is_a_fault)
{
	signal(0, "1080p25");
	audio_start(0, 2, 480, 1920);
	wr(0, SDI8K_IN_AUD_DMA_CTRL, 0);
	wr(0, SDI8K_IN_AUD_BUF_BASE_HI, 0);	/* below RAM_BASE: unmapped */
	wr(0, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_ENABLE);
	bus.refused = 0;
	audio_run(0, 0, 1);
	cr_assert_eq(bus.refused, 1);
	cr_assert_eq(sim->inputs[0].dma_faults, 1);
	u32 st = rd(0, SDI8K_IN_AUD_DMA_STATUS);

	cr_assert(st & SDI8K_AUD_DMA_FAULT);
	cr_assert_not(st & SDI8K_AUD_DMA_RUNNING);
	cr_assert(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_ERROR);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 0);
	audio_run(0, 1, 2);	/* stopped: no more attempts */
	cr_assert_eq(bus.refused, 1);
	/* a bad programming is refused before any write */
	wr(0, SDI8K_IN_AUD_DMA_CTRL, 0);
	wr(0, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_RESET);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_DMA_STATUS), 0);
	wr(0, SDI8K_IN_AUD_CHANNELS, 4);
	wr(0, SDI8K_IN_AUD_DMA_CTRL, SDI8K_AUD_DMA_ENABLE);
	audio_run(0, 3, 1);
	cr_assert(rd(0, SDI8K_IN_AUD_DMA_STATUS) & SDI8K_AUD_DMA_BAD_CONFIG);
	cr_assert_eq(bus.refused, 1);
}

Test(model, audio_stops_without_signal)
{
	signal(0, "1080p25");
	audio_start(0, 2, 480, 4800);
	audio_run(0, 0, 2);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 3840);
	wr(0, SDI8K_IN_IRQ_STATUS, SDI8K_IRQ_AUDIO_ALL);
	sdi8k_sim_set_link_fault(&sim->inputs[0], SDI8K_SIM_LINK_MISSING);
	audio_run(0, 2, 2);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 3840, "position stands still");
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), 0);
	cr_assert(rd(0, SDI8K_IN_IRQ_STATUS) & SDI8K_IRQ_AUDIO_CHANGE);
	sdi8k_sim_set_link_fault(&sim->inputs[0], SDI8K_SIM_LINK_OK);
	audio_run(0, 4, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_FRAMES), 3840 + 1920);
	signal(0, NULL);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), 0);
}

/* quad link: input 0 carries the audio of the input mapped as link 1 */
Test(model, audio_quad_link_carries_link_1)
{
	sdi8k_sim_write(sim, SDI8K_REG_TOPOLOGY, SDI8K_TOPO_QUAD_2SI);
	signal(0, "4320p59.94");
	cr_assert(sdi8k_sim_read(sim, SDI8K_REG_QUAD_STATUS) & SDI8K_QUAD_VALID);
	word(0, "audio_groups", "1");
	word(1, "audio_groups", "12");
	audio_run(0, 0, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED | 0x1);
	/* link 1 from input 1, link 2 from input 0 */
	sdi8k_sim_write(sim, SDI8K_REG_QUAD_LINK_MAP, 0x3201);
	word(0, "audio_groups", "1");
	audio_run(0, 1, 1);
	cr_assert(sdi8k_sim_read(sim, SDI8K_REG_QUAD_STATUS) & SDI8K_QUAD_VALID);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), SDI8K_AUD_LOCKED | 0x3);
	/* a link unmapped: the group is not VALID, nothing received */
	sdi8k_sim_write(sim, SDI8K_REG_QUAD_LINK_MAP, 0x32f1);
	audio_run(0, 2, 1);
	cr_assert_eq(rd(0, SDI8K_IN_AUD_STATUS), 0);
	/* inputs 1-3 are links: no raster, no audio, their engines idle */
	audio_start(1, 2, 480, 1920);
	audio_run(1, 0, 2);
	cr_assert_eq(rd(1, SDI8K_IN_AUD_STATUS), 0);
	cr_assert_eq(rd(1, SDI8K_IN_AUD_FRAMES), 0);
}

/* ---- captions: the CDP each frame's ancillary slot carries ---- */

/*
 * The first CDP of a slot the model wrote for frame @frame of @raster,
 * decoded by the library (the codec's reader); returns 1, 0 (none).
 */
static int model_cdp(const char *raster, u64 frame, bool off,
		     struct sdi8k_cdp *c, struct sdi8k_timecode *atc)
{
	static u8 slot[SDI8K_ANC_SLOT_SIZE];
	const struct sdi8k_raster *r = sdi8k_find_raster_name(raster);
	struct sdi8k_sim_anc_cfg cfg;
	struct sdi8k_sim_anc_sent sent;
	struct sdi8k_anc_packet_data p;
	u32 status, used, off_b = 0;
	int found = 0;

	cr_assert(r, "%s", raster);
	sdi8k_sim_anc_defaults(&cfg);
	cfg.no_captions = off;
	used = sdi8k_sim_anc_capture(r, &cfg, 0, frame, slot, &status, &sent);
	cr_assert_eq(status, 0);
	while (off_b + 4 <= used) {
		u32 hdr = sdi8k_get_le32(slot + off_b);
		unsigned int n = FIELD_GET(SDI8K_ANC_REC_WORDS, hdr), i;
		u16 w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];

		for (i = 0; i < n; i++)
			w[i] = sdi8k_get_le16(slot + off_b + 4 + 2 * i);
		off_b += 4 + ALIGN(n * 2, 4);
		cr_assert_eq(sdi8k_anc_decode(w, n, &p), (int)n);
		if (p.did == SDI8K_DID_ATC)
			cr_assert_eq(sdi8k_atc_decode(&p, atc), 0);
		if (p.did == SDI8K_DID_CAPTION && !found) {
			cr_assert_eq(p.sdid, SDI8K_SDID_CDP);
			cr_assert_eq(FIELD_GET(SDI8K_ANC_REC_LINE, hdr), 9);
			cr_assert_eq(sdi8k_cdp_from_packet(&p, c), 0, "%s",
				     sdi8k_last_error());
			found = 1;
		}
	}
	return found;
}

/* the CC1 text of @frames frames from @first, parity stripped, controls '|' */
static void model_cc1(const char *raster, u64 first, unsigned int frames,
		      char *text, size_t cap)
{
	struct sdi8k_cdp c;
	struct sdi8k_timecode atc;
	size_t n = 0;
	unsigned int f, i;

	for (f = 0; f < frames; f++) {
		cr_assert_eq(model_cdp(raster, first + f, false, &c, &atc), 1);
		cr_assert_eq(c.cc_count,
			     sdi8k_cdp_cc_count(c.rate_num, c.rate_den));
		cr_assert(c.has_timecode && c.has_svcinfo && c.svc_count == 1);
		cr_assert_str_eq(c.svc[0].language, "eng");
		/* the CDP's time code is the frame's ATC label */
		cr_assert_eq(c.tc.hours, atc.hours);
		cr_assert_eq(c.tc.minutes, atc.minutes);
		cr_assert_eq(c.tc.seconds, atc.seconds);
		cr_assert_eq(c.tc.frames, atc.frames);
		cr_assert_eq(c.tc.drop_frame, atc.drop_frame);
		cr_assert_eq(c.sequence, (u16)(first + f));
		cr_assert_eq(c.cc[0].type, SDI8K_CC_608_FIELD1);
		for (i = 2; i < c.cc_count; i++)
			cr_assert(!c.cc[i].valid);
		if (!c.cc[0].valid)
			continue;
		for (i = 0; i < 2 && n + 1 < cap; i++) {
			u8 b = c.cc[0].data[i];

			/* odd parity on every byte */
			cr_assert(__builtin_popcount(b) & 1, "byte 0x%02x", b);
			b &= 0x7f;
			if (b == 0)
				continue;
			text[n++] = b >= 0x20 ? (char)b : '|';
		}
	}
	text[n] = 0;
}

Test(model, captions_2997)
{
	static char text[4096];

	/* frames 0..199: captions 0000..0003 at frames 0, 60, 120, 180 */
	model_cc1("1080p29.97", 0, 200, text, sizeof(text));
	cr_assert(strstr(text, "SDI8K CAPTION 0000"), "%s", text);
	cr_assert(strstr(text, "SDI8K CAPTION 0001"), "%s", text);
	cr_assert(strstr(text, "SDI8K CAPTION 0003"), "%s", text);
	cr_assert(!strstr(text, "SDI8K CAPTION 0004"), "%s", text);
}

Test(model, captions_5994_every_other_frame)
{
	static char text[4096];
	struct sdi8k_cdp c;
	struct sdi8k_timecode atc;

	model_cc1("1080p59.94", 1000, 400, text, sizeof(text));
	/*
	 * frames 1000..1399 are 608 slots 500..699 (a pair of frames each),
	 * 60 slots a caption: captions 9, 10 and 11 start at 540, 600, 660
	 */
	cr_assert(strstr(text, "SDI8K CAPTION 0009"), "%s", text);
	cr_assert(strstr(text, "SDI8K CAPTION 0011"), "%s", text);
	cr_assert(!strstr(text, "SDI8K CAPTION 0008"), "%s", text);
	cr_assert_eq(model_cdp("1080p59.94", 7, false, &c, &atc), 1);
	cr_assert(!c.cc[0].valid && !c.cc[1].valid);
	cr_assert(c.tc.field);
	cr_assert_eq(c.cc_count, 10);
}

Test(model, captions_off)
{
	struct sdi8k_cdp c;
	struct sdi8k_timecode atc;

	cr_assert_eq(model_cdp("1080p25", 3, true, &c, &atc), 0);
	cr_assert_eq(model_cdp("1080p25", 3, false, &c, &atc), 1);
	cr_assert_eq(c.cc_count, 24);
	cr_assert_eq(c.rate_num, 25);
}

/* fault "cdp": a well-formed ST 291 packet whose CDP checksum is wrong */
Test(model, captions_fault_cdp)
{
	static u8 slot[SDI8K_ANC_SLOT_SIZE];
	const struct sdi8k_raster *r = sdi8k_find_raster_name("1080p25");
	struct sdi8k_sim_anc_cfg cfg;
	struct sdi8k_sim_anc_sent sent;
	struct sdi8k_anc_packet_data p;
	struct sdi8k_cdp c;
	u32 status, used, off = 0;
	int cdps = 0;

	sdi8k_sim_anc_defaults(&cfg);
	cr_assert_eq(sdi8k_sim_fault_parse("cdp"), 6);
	cfg.fault = (u8)sdi8k_sim_fault_parse("cdp");
	used = sdi8k_sim_anc_capture(r, &cfg, 0, 5, slot, &status, &sent);
	cr_assert_eq(sent.bad_payload, 1);
	cr_assert_eq(sent.malformed, 0);
	while (off + 4 <= used) {
		u32 hdr = sdi8k_get_le32(slot + off);
		unsigned int n = FIELD_GET(SDI8K_ANC_REC_WORDS, hdr), i;
		u16 w[SDI8K_ANC_PACKET_WORDS(SDI8K_ANC_MAX_UDW)];

		for (i = 0; i < n; i++)
			w[i] = sdi8k_get_le16(slot + off + 4 + 2 * i);
		off += 4 + ALIGN(n * 2, 4);
		/* the packet itself is intact */
		cr_assert_eq(sdi8k_anc_decode(w, n, &p), (int)n);
		if (p.did != SDI8K_DID_CAPTION)
			continue;
		cdps++;
		cr_assert_eq(sdi8k_cdp_from_packet(&p, &c), -EBADMSG);
		cr_assert(strstr(sdi8k_last_error(), "checksum"), "%s",
			  sdi8k_last_error());
	}
	cr_assert_eq(cdps, 1);
}

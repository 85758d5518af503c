// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k card clock: the card stamps frames with its own free-running
 * counter (CLOCK_LO/HI, CLOCK_RATE ticks per second; docs/hardware.md,
 * "Clock"); buffers carry CLOCK_MONOTONIC. The mapping is linear:
 *
 *	host = host_ref + (card - card_ref) * mult >> SDI8K_CLOCK_SHIFT
 *
 * It is anchored at start by a sample: the host's time read around the
 * CLOCK_LO read that latches the card's, the fastest of a few reads. Every
 * SDI8K_CLOCK_PERIOD a new sample measures the card's frequency against
 * the host's (from the first sample) and the error of the mapping. A small
 * error (sampling noise, the drift of a period) is slewed: the mapping is
 * re-anchored where it stands (no step in timestamps) with a slope that
 * absorbs the error over the next period. A large one (more than
 * SDI8K_CLOCK_STEP_NS: a card far from its nominal rate, seen at the first
 * period) is stepped once: the mapping is re-anchored on the sample with
 * the measured frequency. Intervals between frames are then the card's,
 * on the host's clock.
 *
 * The card is not trusted: a rate outside 1 MHz - 4 GHz, a clock that does
 * not advance, or one that jumps backwards leaves frames stamped with the
 * host's time at the interrupt, with one message.
 */
#include <linux/delay.h>
#include <linux/math64.h>
#include <linux/ktime.h>
#include <linux/workqueue.h>

#include "sdi8k.h"

#define SDI8K_CLOCK_SHIFT	24
#define SDI8K_CLOCK_PERIOD	(10 * HZ)
#define SDI8K_CLOCK_READS	5
#define SDI8K_CLOCK_MAX_PPM	1000	/* the slope stays this near nominal */
#define SDI8K_CLOCK_STEP_NS	500000	/* errors past this are stepped */

/* One sample: card time, and the host's at the CLOCK_LO read (midpoint). */
static bool sdi8k_clock_sample(struct sdi8k_card *card, u64 *card_time,
			       u64 *host)
{
	u64 best = U64_MAX;
	unsigned int i;

	for (i = 0; i < SDI8K_CLOCK_READS; i++) {
		u64 t0 = ktime_get_ns();
		u32 lo = sdi8k_read(card, SDI8K_REG_CLOCK_LO);
		u64 t1 = ktime_get_ns();
		u32 hi = sdi8k_read(card, SDI8K_REG_CLOCK_HI);

		if (lo == U32_MAX && hi == U32_MAX)	/* card gone */
			return false;
		if (t1 - t0 < best) {
			best = t1 - t0;
			*card_time = (u64)hi << 32 | lo;
			*host = t0 + (t1 - t0) / 2;
		}
	}
	return true;
}

/* ns per tick << SDI8K_CLOCK_SHIFT, clamped near @c->nominal */
static u32 sdi8k_clock_clamp(const struct sdi8k_clock *c, u64 mult)
{
	u64 d = div_u64((u64)c->nominal * SDI8K_CLOCK_MAX_PPM, 1000000);

	return clamp_t(u64, mult, c->nominal - d, c->nominal + d);
}

/* Card time to host time; @c->lock held. */
static u64 sdi8k_clock_map(const struct sdi8k_clock *c, u64 card_time)
{
	if (card_time >= c->card_ref)
		return c->host_ref + mul_u64_u32_shr(card_time - c->card_ref,
						     c->mult,
						     SDI8K_CLOCK_SHIFT);
	return c->host_ref - mul_u64_u32_shr(c->card_ref - card_time, c->mult,
					     SDI8K_CLOCK_SHIFT);
}

static void sdi8k_clock_fail(struct sdi8k_card *card, const char *why)
{
	unsigned long flags;

	spin_lock_irqsave(&card->clock.lock, flags);
	card->clock.valid = false;
	spin_unlock_irqrestore(&card->clock.lock, flags);
	dev_warn(card->dev,
		 "%s: card clock %s: frames are stamped with the host's time at their interrupt\n",
		 card->name, why);
}

static void sdi8k_clock_work(struct work_struct *work)
{
	struct sdi8k_card *card = container_of(to_delayed_work(work),
					       struct sdi8k_card, clock.work);
	struct sdi8k_clock *c = &card->clock;
	unsigned long flags;
	u64 ct, ht, mapped, span, measured;
	s64 err;

	if (!sdi8k_clock_sample(card, &ct, &ht)) {
		sdi8k_clock_fail(card, "reads all-ones");
		return;
	}
	spin_lock_irqsave(&c->lock, flags);
	if (ct <= c->card_ref) {
		spin_unlock_irqrestore(&c->lock, flags);
		sdi8k_clock_fail(card, ct == c->card_ref ? "stopped" :
				 "went backwards");
		return;
	}
	mapped = sdi8k_clock_map(c, ct);
	err = (s64)(ht - mapped);
	/* the card's frequency against the host's, over every sample */
	span = ct - c->card_first;
	measured = mul_u64_u64_div_u64(ht - c->host_first,
				       1ULL << SDI8K_CLOCK_SHIFT, span);
	if (err > SDI8K_CLOCK_STEP_NS || err < -SDI8K_CLOCK_STEP_NS) {
		c->mult = sdi8k_clock_clamp(c, measured);
		mapped = ht;	/* step */
	} else {
		/* from where the mapping stands, absorb @err over a period */
		span = max_t(u64, ct - c->card_ref, 1);
		c->mult = sdi8k_clock_clamp(c, (s64)measured +
					    div64_s64(err * (1LL << SDI8K_CLOCK_SHIFT),
						      (s64)span));
	}
	c->card_ref = ct;
	c->host_ref = mapped;
	c->last_error = err;
	c->samples++;
	spin_unlock_irqrestore(&c->lock, flags);
	schedule_delayed_work(&c->work, SDI8K_CLOCK_PERIOD);
}

/**
 * sdi8k_clock_start - check the card clock and anchor its mapping
 * @card: the card, registers reachable
 */
void sdi8k_clock_start(struct sdi8k_card *card)
{
	struct sdi8k_clock *c = &card->clock;
	u64 ct, ht;

	spin_lock_init(&c->lock);
	INIT_DELAYED_WORK(&c->work, sdi8k_clock_work);
	c->valid = false;
	c->rate = sdi8k_read(card, SDI8K_REG_CLOCK_RATE);
	if (c->rate < 1000000 || c->rate > 4000000000U) {
		dev_warn(card->dev,
			 "%s: card clock rate %u Hz is not plausible: frames are stamped with the host's time at their interrupt\n",
			 card->name, c->rate);
		return;
	}
	if (!sdi8k_clock_sample(card, &ct, &ht)) {
		sdi8k_clock_fail(card, "reads all-ones");
		return;
	}
	udelay(2);	/* 54 ticks at 27 MHz */
	if (sdi8k_read(card, SDI8K_REG_CLOCK_LO) == lower_32_bits(ct)) {
		sdi8k_clock_fail(card, "does not advance");
		return;
	}
	c->nominal = div_u64((u64)NSEC_PER_SEC << SDI8K_CLOCK_SHIFT, c->rate);
	c->mult = c->nominal;
	c->card_ref = ct;
	c->host_ref = ht;
	c->card_first = ct;
	c->host_first = ht;
	c->valid = true;
	schedule_delayed_work(&c->work, SDI8K_CLOCK_PERIOD);
}

/**
 * sdi8k_clock_stop - no more samples
 * @card: the card
 */
void sdi8k_clock_stop(struct sdi8k_card *card)
{
	cancel_delayed_work_sync(&card->clock.work);
}

/**
 * sdi8k_clock_to_ns - a frame's timestamp on the host's clock
 * @card: the card
 * @card_time: the descriptor's timestamp, card clock
 *
 * Any context. A stamp in the future (a clock that runs wild) is the
 * host's time now: a frame cannot start after its interrupt.
 *
 * Return: CLOCK_MONOTONIC nanoseconds.
 */
u64 sdi8k_clock_to_ns(struct sdi8k_card *card, u64 card_time)
{
	struct sdi8k_clock *c = &card->clock;
	u64 now = ktime_get_ns(), ns;
	unsigned long flags;

	spin_lock_irqsave(&c->lock, flags);
	ns = c->valid ? sdi8k_clock_map(c, card_time) : now;
	spin_unlock_irqrestore(&c->lock, flags);
	return min(ns, now);
}

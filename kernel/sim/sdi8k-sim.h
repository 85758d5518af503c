/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k card model: the card at its register interface (registers, DMA
 * engine walking descriptors and scatter-gather chains, signal generator
 * and test pattern, ancillary data, quad-link composition, firmware boot
 * controller, the scripting words of docs/simulator.md). One body of plain
 * C with two hosts, which give it its environment (struct sdi8k_sim_env):
 *
 *   sdi8k-sim.ko (kernel/sdi8k-sim-host.c): simulated cards on platform
 *	devices, created through the driver core's exported API;
 *   sdi8k-card (card/): the card on a PCI bus of a QEMU guest, over
 *	vfio-user, so that the driver's own PCI path runs.
 *
 * In the kernel this builds with the kernel's headers; in userspace
 * through kshim/kshim.h (-I kshim -I kernel -I lib -I include).
 *
 * Locking: sdi8k_sim.lock guards the registers and the signal state; the
 * host takes it nowhere itself. The DMA engine state of an input belongs
 * to the one host thread that calls sdi8k_sim_input_frame() for it.
 */
#ifndef SDI8K_SIM_H
#define SDI8K_SIM_H

#ifdef __KERNEL__
#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#else
#include "kshim.h"
#endif

#include "../anc/sdi8k-anc-codec.h"
#include "../sdi8k-regs.h"
#include "../sdi8k-tables.h"
#include "../sdi8k-fw.h"
#include "../sdi8k-pattern.h"

#define SDI8K_SIM_RECENT	64

/**
 * struct sdi8k_sim_sg - one data entry of the list being written
 * @addr: bus address
 * @len: bytes
 * @off: offset of the entry's first byte in the frame
 */
struct sdi8k_sim_sg {
	u64 addr;
	u32 len;
	u64 off;
};

/* ST 352 colorimetry the simulator announces (debugfs "colorimetry") */
#define SDI8K_SIM_COLORIMETRY_AUTO	4	/* BT.709 for SDR, else BT.2020 */

/**
 * struct sdi8k_sim_anc_cfg - the ancillary data an input sends
 * @transfer: SDI8K_TRANSFER_* announced in ST 352; PQ adds ST 2108-1
 *	static metadata (mastering display, light levels)
 * @colorimetry: ST 352 colorimetry code 0..3, or SDI8K_SIM_COLORIMETRY_AUTO
 * @full_range: announce full range (ST 352 bit depth codes 0 / 3; the
 *	1.5G payload cannot, and announces 10-bit)
 * @ictcp: announce ICtCp (ST 352 byte 4 bit 4)
 * @hdr10plus: send ST 2094-40 dynamic metadata every frame
 * @no_atc: send no ST 12-2 time code
 * @no_mdcv: send PQ light levels without a mastering display
 * @no_captions: send no ST 334-2 caption packets (CDPs)
 * @fault: send one malformed packet per frame: SDI8K_SIM_FAULT_* of
 *	sdi8k-sim-anc.c (0 none, 1 checksum, 2 parity, 3 length), or a
 *	packet with a bad payload (4 ST 2108-1, 5 ATC, 6 the caption CDP)
 * @max_cll: MaxCLL sent with PQ, cd/m2
 * @max_fall: MaxFALL sent with PQ, cd/m2
 * @tc_offset: frames added to the frame number before it becomes a
 *	time code
 * @mdcv: the mastering display sent with PQ
 */
struct sdi8k_sim_anc_cfg {
	u8 transfer;
	u8 colorimetry;
	bool full_range;
	bool ictcp;
	bool hdr10plus;
	bool no_atc;
	bool no_mdcv;
	bool no_captions;
	u8 fault;
	u16 max_cll;
	u16 max_fall;
	u64 tc_offset;
	struct sdi8k_mdcv mdcv;
};

/**
 * struct sdi8k_sim_anc_sent - what was wrong in what a frame sent
 * @malformed: packets with a broken envelope (parity, checksum, length)
 * @bad_payload: well-formed packets with an invalid payload
 */
struct sdi8k_sim_anc_sent {
	unsigned int malformed;
	unsigned int bad_payload;
};

/* Scripted audio packet damage (scripting word audio_fault). */
#define SDI8K_SIM_AUDIO_FAULT_NONE	0
#define SDI8K_SIM_AUDIO_FAULT_CHECKSUM	1	/* one packet a frame: checksum */
#define SDI8K_SIM_AUDIO_FAULT_ECC	2	/* one packet a frame: ECC */

/* the generator's marker: every 10th frame's first sample, full scale */
#define SDI8K_SIM_AUDIO_MARK_EVERY	10
#define SDI8K_SIM_AUDIO_MARKER		0x7fffff

/**
 * struct sdi8k_sim_audio_cfg - the embedded audio an input sends
 *	(docs/test-pattern.md, "Embedded audio")
 * @groups: bit g: group g+1 is sent
 * @two_channels: only channels 1 and 2 carry sound (group 1's 3 and 4
 *	are silent)
 * @silence: every sample is 0 (packets are still sent)
 * @nonpcm: bit n: channel n+1's channel status says non-PCM
 * @fault: SDI8K_SIM_AUDIO_FAULT_*
 */
struct sdi8k_sim_audio_cfg {
	u8 groups;
	bool two_channels;
	bool silence;
	u16 nonpcm;
	u8 fault;
	u8 seq_phase;	/* frame 0's position in the 5-frame audio sequence */
};

/**
 * struct sdi8k_sim_audio_prog - the audio engine's programming
 *	(AUD_CHANNELS, AUD_PERIOD_FRAMES, AUD_BUF_*, AUD_REC_BASE_*)
 */
struct sdi8k_sim_audio_prog {
	u32 channels;
	u32 period;
	u32 buf_frames;
	u64 buf_base;
	u64 rec_base;
};

/**
 * struct sdi8k_sim_audio - an input's de-embedder and audio DMA engine
 *	(sdi8k-sim-audio.c); registers under sdi8k_sim.lock, the rest the
 *	input's thread's
 */
struct sdi8k_sim_audio {
	/* scripted, under the lock */
	struct sdi8k_sim_audio_cfg cfg;
	/* registers */
	u32 status;
	u32 nonpcm;
	u32 cs_select;
	u8 cs[SDI8K_AUD_MAX_CHANNELS][SDI8K_AUD_CS_BYTES];
	u32 checksum_errors;
	u32 ecc_errors;
	u32 silenced;
	u32 ctrl;
	u32 dma_status;
	struct sdi8k_sim_audio_prog prog;
	u32 position;
	u32 frames;
	u32 periods;
	bool running;		/* started, at a frame's first sample */
	bool busy;		/* writing memory (RUNNING) */
	u64 written;		/* stats: sample frames written */
	u64 damaged;		/* stats: packets damaged */
	/* the engine, the input's thread's */
	u32 fill;		/* sample frames of the current period */
	u64 rec_frame;
	u32 rec_offset;
	u32 rec_status;
	u32 rec_seq;
	u8 dbn[SDI8K_AUD_GROUPS_MAX];
	u8 cs_send[SDI8K_AUD_MAX_CHANNELS][SDI8K_AUD_CS_BYTES];
	u8 cs_work[SDI8K_AUD_MAX_CHANNELS][SDI8K_AUD_CS_BYTES];
	u8 cs_got[SDI8K_AUD_MAX_CHANNELS][SDI8K_AUD_CS_BYTES];
	u8 cs_bit[SDI8K_AUD_MAX_CHANNELS];
	s32 *stage;		/* a frame's samples, 16 channels */
	u8 *silent;		/* a frame's sample frames: silenced */
	u8 *out;		/* a frame's samples as written */
};

struct sdi8k_sim;

/**
 * struct sdi8k_sim_env - what a host gives the model
 * @dma_read: read @len bytes of device memory at bus address @addr (an
 *	IOVA behind an IOMMU); 0, or a negative errno when the range is not
 *	mapped for the device (nothing is read then: the model completes the
 *	frame with an error, as the card does on a bus error)
 * @dma_write: write @len bytes to bus address @addr; 0 or a negative errno
 *	(nothing written outside what is mapped)
 * @irq: the input's interrupt condition (IRQ_STATUS & IRQ_MASK) became or
 *	stayed true: deliver its vector. Called with sdi8k_sim.lock held,
 *	from register writes and the DMA engine: must not sleep or take a
 *	lock the driver's interrupt handler holds.
 * @wake: the input's signal changed: the host's thread for @input should
 *	ask sdi8k_sim_input_due() again now. Called without the lock.
 *
 * DMA callbacks are called from the input's thread only, never under the
 * model's lock; they may sleep.
 */
struct sdi8k_sim_env {
	int (*dma_read)(struct sdi8k_sim *sim, u64 addr, void *buf,
			size_t len);
	int (*dma_write)(struct sdi8k_sim *sim, u64 addr, const void *buf,
			 size_t len);
	void (*irq)(struct sdi8k_sim *sim, unsigned int input);
	void (*wake)(struct sdi8k_sim *sim, unsigned int input);
};

/**
 * struct sdi8k_sim_input - one input of the model
 *
 * Registers and signal state are under sdi8k_sim.lock. The DMA engine
 * state (pattern, sg, recent) belongs to the input's thread alone.
 */
struct sdi8k_sim_input {
	struct sdi8k_sim *sim;
	unsigned int index;

	/* registers */
	u32 crc_errors;
	u32 irq_status;
	u32 irq_mask;
	u32 dma_ctrl;
	u32 dma_pixfmt;
	u32 dma_stride;
	u32 dma_raster;
	u32 dma_flags;
	u64 ring_base;
	u32 ring_size;
	u32 ring_head;
	u32 ring_tail;
	u32 frames_captured;
	u32 frames_dropped;
	u64 frame_count;
	u64 anc_base;
	bool dma_busy;
	u8 dma_fault;		/* SDI8K_SIM_DMA_* (debugfs dma_fault) */
	bool stuck;		/* RUNNING stuck (STUCK_RUNNING, HUNG) */
	bool hung_loaded;	/* the hung frame's list is in sg (sg_n) */
	ktime_t reset_until;	/* DMA_CTRL RESET reads 1 until then */

	/* signal generator; an 8K signal is sent on all four links */
	const struct sdi8k_raster *signal;
	u8 link_fault;
	ktime_t t0;
	u64 next_frame;
	unsigned int signal_gen;
	struct sdi8k_sim_anc_cfg anc;

	/* embedded audio */
	struct sdi8k_sim_audio aud;

	/* DMA engine */
	struct sdi8k_pattern *pattern;
	struct sdi8k_pattern_geom geom;
	unsigned int pattern_gen;
	struct sdi8k_sim_sg *sg;
	unsigned int sg_cap;
	struct {
		u64 cookie;
		u64 frame;
		unsigned int gen;
	} recent[SDI8K_SIM_RECENT];
	unsigned int recent_next;
	bool full_repaint;
	u64 bytes_painted;
	u64 overruns;
	u64 anc_malformed_sent;
	u64 anc_bad_payload_sent;
	u64 dma_faults;
	u64 hung_writes;
	unsigned int sg_n;
	struct sdi8k_sg_entry sg_block[SDI8K_SG_PER_BLOCK];
	u8 *anc_slot;
};

/**
 * struct sdi8k_sim_fw - the card's firmware boot controller (under
 *	sdi8k_sim.lock): takes the image through the upload window, checks
 *	its size, CRC and header as the hardware does, and runs it
 * @status: FW_STATUS
 * @size: FW_SIZE
 * @offset: FW_OFFSET: bytes received
 * @crc: running crc32_le state over the bytes before the trailer
 * @version: FW_VERSION of the running design, 0 if none
 * @caps: CAPS of the running design
 * @trailer: the image's last four bytes
 * @head: the image's first bytes: header and tables
 * @window: the upload window
 */
struct sdi8k_sim_fw {
	u32 status;
	u32 size;
	u32 offset;
	u32 crc;
	u32 version;
	u32 caps;
	u8 trailer[SDI8K_FW_CRC_BYTES];
	u8 head[SDI8K_FW_BOOT_BYTES];
	u8 window[SDI8K_FW_WINDOW_SIZE];
};

/**
 * struct sdi8k_sim - one card
 * @env: the host's services
 * @host: the host's data
 * @name: the card's name in messages (the host's, or "sdi8k-card")
 * @lock: registers and signal state of all inputs; taken in the driver's
 *	interrupt handler (through register reads), so with interrupts off
 * @scratch: SCRATCH register
 * @serial: card serial number
 * @num_inputs: inputs modelled
 * @clock_epoch: when the card clock read 0 (its power-on), host clock
 * @clock_hi: CLOCK_HI as latched by the last CLOCK_LO read
 * @clock_fault: SDI8K_SIM_CLOCK_* (scripting word clock_fault)
 * @gone: the card is gone from the bus (scripting word gone): reads are
 *	all-ones, writes lost, no DMA, no interrupts
 * @full_repaint: every input repaints every byte of every frame
 * @fw_fault: the firmware upload is corrupted in transit (a test)
 * @fw: firmware boot controller
 * @topology: TOPOLOGY register (SDI8K_TOPO_*)
 * @source_mapping: how the 8K source divides its picture between its four
 *	links: SDI8K_TOPO_QUAD_2SI or SDI8K_TOPO_QUAD_SQD
 * @cabling: the link (0-3) of the 8K source each input receives; the
 *	identity when the cables are plugged in order (several inputs may
 *	receive one link, as through a distribution amplifier)
 * @link_map: QUAD_LINK_MAP register: the input (0-3, or
 *	SDI8K_LINK_MAP_NONE) the card assembles as each link
 * @inputs: per-input model
 */
struct sdi8k_sim {
	const struct sdi8k_sim_env *env;
	void *host;
	char name[32];
	/* registers and signal state; held in the driver's hard IRQ */
	spinlock_t lock;
	u32 scratch;
	u64 serial;
	unsigned int num_inputs;
	ktime_t clock_epoch;
	u32 clock_hi;
	u8 clock_fault;
	bool gone;
	bool full_repaint;
	bool fw_fault;
	struct sdi8k_sim_fw fw;
	u32 topology;
	u32 source_mapping;
	u8 cabling[4];
	u8 link_map[4];
	struct sdi8k_sim_input inputs[SDI8K_MAX_INPUTS];
};

/**
 * struct sdi8k_sim_quad_map - how a quad-link picture travels: the
 *	source's division into links, the cables, the card's reassembly
 * @card: the card's topology (SDI8K_TOPO_QUAD_*)
 * @source: the source's mapping (SDI8K_TOPO_QUAD_*)
 * @cabling: the source's link the card assembles as each of its links
 *	(the cable on the input QUAD_LINK_MAP names for it)
 * @width: picture width
 * @height: picture height
 */
struct sdi8k_sim_quad_map {
	u32 card;
	u32 source;
	u8 cabling[4];
	u32 width;
	u32 height;
};

/* Scripted link faults (debugfs input<N>/link_fault). */
#define SDI8K_SIM_LINK_OK	0
#define SDI8K_SIM_LINK_MISSING	1	/* no carrier on this link */
#define SDI8K_SIM_LINK_SKEW	2	/* beyond the card's skew window */

/* Scripted card clock faults (scripting word clock_fault). */
#define SDI8K_SIM_CLOCK_OK		0
#define SDI8K_SIM_CLOCK_FAST		1	/* runs 500 ppm fast */
#define SDI8K_SIM_CLOCK_STOPPED		2	/* does not advance */
#define SDI8K_SIM_CLOCK_ONES		3	/* reads all-ones */
#define SDI8K_SIM_CLOCK_BAD_RATE	4	/* CLOCK_RATE reads 0 */

/* Scripted DMA engine faults (debugfs input<N>/dma_fault). */
#define SDI8K_SIM_DMA_OK		0
#define SDI8K_SIM_DMA_HEAD_GARBAGE	1	/* RING_HEAD far past RING_TAIL */
#define SDI8K_SIM_DMA_HEAD_ONES		2	/* RING_HEAD reads all-ones */
#define SDI8K_SIM_DMA_SLOW_RESET	3	/* DMA_CTRL RESET takes 5 ms */
#define SDI8K_SIM_DMA_STUCK_RESET	4	/* DMA_CTRL RESET never clears */
/* RUNNING stays set after ENABLE clears, until CONTROL RESET */
#define SDI8K_SIM_DMA_STUCK_RUNNING	5
/* RUNNING stays through everything; the frame in flight is rewritten */
#define SDI8K_SIM_DMA_HUNG		6

/* sdi8k-sim-card.c: the card */
struct sdi8k_sim *sdi8k_sim_create(const struct sdi8k_sim_env *env,
				   void *host, const char *name, u64 serial,
				   unsigned int num_inputs);
void sdi8k_sim_destroy(struct sdi8k_sim *sim);
u32 sdi8k_sim_read(struct sdi8k_sim *sim, u32 reg);
void sdi8k_sim_write(struct sdi8k_sim *sim, u32 reg, u32 val);
void sdi8k_sim_reset(struct sdi8k_sim *sim);
void sdi8k_sim_power_cycle(struct sdi8k_sim *sim);
void sdi8k_sim_dirty_start(struct sdi8k_sim *sim);
bool sdi8k_sim_input_due(struct sdi8k_sim_input *si, ktime_t now,
			 ktime_t *due, u64 *frame, ktime_t *ts);
void sdi8k_sim_input_frame(struct sdi8k_sim_input *si, u64 frame,
			   ktime_t ts);
void sdi8k_sim_input_idle(struct sdi8k_sim_input *si);
/* sdi8k-sim-card.c: called with sdi8k_sim.lock held */
void sdi8k_sim_raise(struct sdi8k_sim_input *si, u32 bits);

/* sdi8k-sim-quad.c: called with sdi8k_sim.lock held */
bool sdi8k_sim_link_locked(const struct sdi8k_sim_input *si);
u32 sdi8k_sim_quad_status(const struct sdi8k_sim *sim);
const struct sdi8k_raster *sdi8k_sim_seen(const struct sdi8k_sim_input *si);
const char *sdi8k_sim_link_name(u8 fault);
int sdi8k_sim_link_parse(const char *s);
unsigned int sdi8k_sim_link_of(const struct sdi8k_sim_input *si);
bool sdi8k_sim_quad_map_get(const struct sdi8k_sim *sim, u32 width,
			    u32 height, struct sdi8k_sim_quad_map *m);
u32 sdi8k_sim_link_map_read(const struct sdi8k_sim *sim);
void sdi8k_sim_link_map_write(struct sdi8k_sim *sim, u32 val);
void sdi8k_sim_link_map_reset(struct sdi8k_sim *sim);
/* sdi8k-sim-quad.c, no lock */
void sdi8k_sim_quad_map_line(void *ctx, u32 y, u32 *src_y, u32 *src_pair);
const char *sdi8k_sim_mapping_name(u32 mapping);
int sdi8k_sim_set_source_mapping(struct sdi8k_sim *sim, const char *name);
int sdi8k_sim_set_cabling(struct sdi8k_sim *sim, const char *order);
void sdi8k_sim_set_link_fault(struct sdi8k_sim_input *si, u8 fault);
/* sdi8k-sim-card.c */
const char *sdi8k_sim_dma_fault_name(u8 fault);
int sdi8k_sim_dma_fault_parse(const char *s);
const char *sdi8k_sim_clock_fault_name(u8 fault);
int sdi8k_sim_clock_fault_parse(const char *s);
u64 sdi8k_sim_clock(struct sdi8k_sim *sim, ktime_t t);

void sdi8k_sim_set_signal(struct sdi8k_sim_input *si,
			  const struct sdi8k_raster *r);
void sdi8k_sim_set_anc(struct sdi8k_sim_input *si,
		       const struct sdi8k_sim_anc_cfg *cfg);

/* sdi8k-sim-anc.c */
u32 sdi8k_sim_payload_id(const struct sdi8k_raster *r,
			 const struct sdi8k_sim_anc_cfg *cfg, unsigned int link);
u32 sdi8k_sim_anc_capture(const struct sdi8k_raster *r,
			  const struct sdi8k_sim_anc_cfg *cfg, u32 vpid,
			  u64 frame, u8 *slot, u32 *status,
			  struct sdi8k_sim_anc_sent *sent);
void sdi8k_sim_anc_defaults(struct sdi8k_sim_anc_cfg *cfg);
const char *sdi8k_sim_fault_name(u8 fault);
int sdi8k_sim_fault_parse(const char *s);
const char *sdi8k_sim_transfer_name(u8 transfer);
int sdi8k_sim_transfer_parse(const char *s);
const char *sdi8k_sim_colorimetry_name(u8 colorimetry);
int sdi8k_sim_colorimetry_parse(const char *s);

/* sdi8k-sim-audio.c: registers called with sdi8k_sim.lock held */
u32 sdi8k_sim_audio_read(struct sdi8k_sim_input *si, u32 off);
void sdi8k_sim_audio_write(struct sdi8k_sim_input *si, u32 off, u32 val);
void sdi8k_sim_audio_reset(struct sdi8k_sim_input *si, bool card);
void sdi8k_sim_audio_lost(struct sdi8k_sim_input *si);
/* sdi8k-sim-audio.c: the input's thread */
void sdi8k_sim_audio_frame(struct sdi8k_sim_input *si, u64 frame);
void sdi8k_sim_audio_idle(struct sdi8k_sim_input *si);
/* sdi8k-sim-audio.c */
s32 sdi8k_sim_audio_sample(const struct sdi8k_sim_audio_cfg *cfg,
			   unsigned int ch, u64 s, u64 first_of);
void sdi8k_sim_audio_cs(const struct sdi8k_sim_audio_cfg *cfg,
			unsigned int ch, u8 cs[SDI8K_AUD_CS_BYTES]);
void sdi8k_sim_audio_defaults(struct sdi8k_sim_audio_cfg *cfg);
void sdi8k_sim_set_audio(struct sdi8k_sim_input *si,
			 const struct sdi8k_sim_audio_cfg *cfg);
const char *sdi8k_sim_audio_fault_name(u8 fault);
int sdi8k_sim_audio_fault_parse(const char *s);

/* sdi8k-sim-fw.c: the firmware registers, called with sim->lock held */
void sdi8k_sim_fw_init(struct sdi8k_sim *sim);
u32 sdi8k_sim_fw_read(struct sdi8k_sim *sim, u32 reg);
void sdi8k_sim_fw_write(struct sdi8k_sim *sim, u32 reg, u32 val);

/**
 * struct sdi8k_sim_word - a scripting word (docs/simulator.md): a debugfs
 *	file of sdi8k-sim.ko, a `sdi8k-card ctl` command of sdi8k-card
 * @name: the word ("signal", "hdr", "cabling", ...)
 * @per_input: the word is an input's (input<N>/name), else the card's
 * @show: write the current value, a line, into @buf (at most @len bytes,
 *	NUL-terminated); return its length
 * @store: take a new value; 0 or a negative errno (-EINVAL: not a value
 *	of this word); NULL for a read-only word
 * @quad_only: only on a card with four inputs
 */
struct sdi8k_sim_word {
	const char *name;
	bool per_input;
	bool quad_only;
	int (*show)(struct sdi8k_sim *sim, struct sdi8k_sim_input *si,
		    char *buf, size_t len);
	int (*store)(struct sdi8k_sim *sim, struct sdi8k_sim_input *si,
		     const char *val);
};

/* sdi8k-sim-script.c */
extern const struct sdi8k_sim_word sdi8k_sim_words[];
extern const unsigned int sdi8k_sim_num_words;
const struct sdi8k_sim_word *sdi8k_sim_find_word(const char *name,
						 bool per_input);

#endif /* SDI8K_SIM_H */

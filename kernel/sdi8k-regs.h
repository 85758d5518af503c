/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sdi8k hardware contract: PCI identity, BAR0 register map and the DMA
 * descriptor formats. docs/hardware.md is the prose version of this file;
 * the two change together.
 *
 * All registers are 32 bits wide, little-endian, at 4-byte aligned offsets
 * of BAR0 (64 KiB). Bits not named here read as zero and must be written
 * as zero. "W1C" bits are cleared by writing 1.
 */
#ifndef SDI8K_REGS_H
#define SDI8K_REGS_H

#include <linux/bits.h>
#include <linux/types.h>

/* PCI identity: the card is an FPGA board with its own subsystem IDs. */
#define SDI8K_PCI_VENDOR_ID		0x10ee
#define SDI8K_PCI_DEVICE_ID		0x8d18
#define SDI8K_PCI_SUBVENDOR_ID		0x5d18
#define SDI8K_PCI_SUBDEVICE_ID		0x0001
#define SDI8K_BAR0_SIZE			0x10000

/* ---- Global registers ---- */
#define SDI8K_REG_ID			0x0000	/* RO: SDI8K_ID_MAGIC */
#define  SDI8K_ID_MAGIC			0x53444938	/* "SDI8" */
#define SDI8K_REG_HW_VERSION		0x0004	/* RO: major << 16 | minor */
#define SDI8K_REG_FW_VERSION		0x0008	/* RO: running firmware */
#define SDI8K_REG_CAPS			0x000c	/* RO: of the running firmware */
#define  SDI8K_CAPS_INPUTS_MASK		GENMASK(3, 0)	/* inputs on the card */
#define  SDI8K_CAPS_RATE_MASK		GENMASK(11, 8)	/* max SDI_RATE_* */
#define  SDI8K_CAPS_QUAD_LINK		BIT(16)	/* can bond 4 links into 8K */
#define SDI8K_REG_SERIAL_LO		0x0010	/* RO: card serial, low word */
#define SDI8K_REG_SERIAL_HI		0x0014	/* RO: card serial, high word */
#define SDI8K_REG_CONTROL		0x0020	/* RW */
#define  SDI8K_CONTROL_RESET		BIT(0)	/* self-clearing: all inputs */
#define SDI8K_CARD_RESET_MS		100	/* CONTROL RESET clears within */
/* RUNNING clears within this after ENABLE clears, or after CONTROL RESET */
#define SDI8K_DMA_STOP_MS		500
#define SDI8K_REG_TOPOLOGY		0x0024	/* RW: SDI8K_TOPO_*; only while no DMA runs */
#define  SDI8K_TOPO_4X1			0	/* four independent inputs */
#define  SDI8K_TOPO_QUAD_2SI		1	/* one 8K input, two-sample interleave */
#define  SDI8K_TOPO_QUAD_SQD		2	/* one 8K input, square division */
#define SDI8K_REG_QUAD_STATUS		0x0028	/* RO: the quad-link group (0 in 4x1) */
#define  SDI8K_QUAD_LINKS_LOCKED	GENMASK(3, 0)	/* bit n: input n locked */
#define  SDI8K_QUAD_ALIGNED		BIT(4)	/* links within the skew window */
#define  SDI8K_QUAD_SAME_RATE		BIT(5)	/* all links carry one raster */
#define  SDI8K_QUAD_MAPPED		BIT(6)	/* LINK_MAP: each link an input */
#define  SDI8K_QUAD_VALID		BIT(8)	/* whole 8K frames are assembled */
/*
 * RW: the input the card assembles as each link of the group, a 4-bit
 * field per link: bits 4n+3:4n for link n+1 hold input 0-3, or
 * SDI8K_LINK_MAP_NONE (no input: the group is not VALID). Reset value
 * SDI8K_LINK_MAP_IDENTITY (link n+1 from input n). Takes effect at the
 * next frame; present when CAPS has SDI8K_CAPS_QUAD_LINK.
 */
#define SDI8K_REG_QUAD_LINK_MAP		0x002c
#define  SDI8K_LINK_MAP_SHIFT(n)	((n) * 4)
#define  SDI8K_LINK_MAP_FIELD		0xfU
#define  SDI8K_LINK_MAP_NONE		0xfU
#define  SDI8K_LINK_MAP_IDENTITY	0x3210U
#define SDI8K_REG_IRQ_SUMMARY		0x0030	/* RO: bit n = input n pending */
#define SDI8K_REG_SCRATCH		0x0040	/* RW: probe sanity check */

/*
 * The card clock (docs/hardware.md, "Clock"): free-running from power-on,
 * CLOCK_RATE ticks per second; stamps every frame (struct sdi8k_desc
 * timestamp). Reading CLOCK_LO latches the high word into CLOCK_HI.
 */
#define SDI8K_REG_CLOCK_LO		0x0070	/* RO */
#define SDI8K_REG_CLOCK_HI		0x0074	/* RO: latched by CLOCK_LO */
#define SDI8K_REG_CLOCK_RATE		0x0078	/* RO: ticks per second */
#define  SDI8K_CLOCK_HZ			27000000	/* the sdi8k board's */

/*
 * Firmware upload (docs/firmware.md): the driver writes FW_SIZE, sets
 * BEGIN, then for each chunk of at most 4 KiB fills FW_WINDOW and writes
 * the chunk's byte count to FW_CHUNK (waiting for BUSY to clear before
 * the next), then sets COMMIT and waits for LOADING to clear. Until a
 * firmware runs, FW_VERSION reads 0 and CAPS holds only the board's inputs.
 */
#define SDI8K_REG_FW_CTRL		0x0050	/* WO, self-clearing */
#define  SDI8K_FW_CTRL_BEGIN		BIT(0)	/* drop any firmware, expect FW_SIZE */
#define  SDI8K_FW_CTRL_COMMIT		BIT(1)	/* check the image and boot it */
#define SDI8K_REG_FW_STATUS		0x0054	/* RO */
#define  SDI8K_FW_STATUS_LOADING	BIT(0)	/* between BEGIN and the end of COMMIT */
#define  SDI8K_FW_STATUS_RUNNING	BIT(1)	/* a firmware runs */
#define  SDI8K_FW_STATUS_ERROR		BIT(2)	/* the last upload failed */
#define  SDI8K_FW_STATUS_BUSY		BIT(3)	/* the window is being consumed */
#define  SDI8K_FW_STATUS_CODE_MASK	GENMASK(15, 8)	/* SDI8K_FW_ERR_* */
#define SDI8K_REG_FW_SIZE		0x0058	/* RW: bytes of the image */
#define SDI8K_REG_FW_OFFSET		0x005c	/* RO: bytes received */
#define SDI8K_REG_FW_CHUNK		0x0060	/* WO: bytes of FW_WINDOW to take */
#define SDI8K_REG_FW_WINDOW		0x4000	/* WO: 4 KiB, byte k = image byte */
#define SDI8K_FW_WINDOW_SIZE		0x1000

#define SDI8K_FW_ERR_SIZE		1	/* bad FW_SIZE or chunk length */
#define SDI8K_FW_ERR_CRC		2	/* trailer does not match */
#define SDI8K_FW_ERR_FORMAT		3	/* header unreadable */
#define SDI8K_FW_ERR_SEQUENCE		4	/* CHUNK or COMMIT without BEGIN */
#define SDI8K_FW_ERR_HARDWARE		5	/* the design needs more than the board */

/* ---- Per-input registers: SDI8K_INPUT_BASE(n) + offset ---- */
#define SDI8K_MAX_INPUTS		4
#define SDI8K_INPUT_BASE(n)		(0x1000 + (n) * 0x400)

#define SDI8K_IN_LINK_STATUS		0x000	/* RO */
#define  SDI8K_LINK_LOCKED		BIT(0)	/* carrier and word lock */
#define  SDI8K_LINK_RASTER_VALID	BIT(1)	/* RASTER_* hold a raster */
#define  SDI8K_LINK_RATE_MASK		GENMASK(7, 4)	/* SDI_RATE_* */
#define SDI8K_IN_CRC_ERRORS		0x004	/* RO: since reset, wraps */

#define SDI8K_SDI_RATE_NONE		0
#define SDI8K_SDI_RATE_1G5		1
#define SDI8K_SDI_RATE_3G		2
#define SDI8K_SDI_RATE_6G		3
#define SDI8K_SDI_RATE_12G		4

#define SDI8K_IN_RASTER_ACTIVE		0x010	/* RO: lines << 16 | samples */
#define SDI8K_IN_RASTER_TOTAL		0x014	/* RO: lines << 16 | samples */
#define SDI8K_IN_RASTER_RATE_NUM	0x018	/* RO: frames/s numerator */
#define SDI8K_IN_RASTER_RATE_DEN	0x01c	/* RO: frames/s denominator */
#define SDI8K_IN_RASTER_FLAGS		0x020	/* RO */
#define  SDI8K_RASTER_INTERLACED	BIT(0)
#define SDI8K_IN_PAYLOAD_ID(n)		(0x030 + (n) * 4) /* RO: ST 352, n<4 */

#define SDI8K_IN_IRQ_STATUS		0x040	/* W1C */
#define SDI8K_IN_IRQ_MASK		0x044	/* RW: 1 = enabled */
#define  SDI8K_IRQ_FRAME_DONE		BIT(0)	/* a descriptor was written back */
#define  SDI8K_IRQ_SIGNAL_CHANGE	BIT(1)	/* LINK_STATUS or RASTER_* changed */
#define  SDI8K_IRQ_DMA_ERROR		BIT(2)	/* descriptor or SG list invalid */
#define  SDI8K_IRQ_ALL			GENMASK(2, 0)	/* the video interrupts */
#define  SDI8K_IRQ_AUDIO_PERIOD		BIT(3)	/* an audio period was written */
#define  SDI8K_IRQ_AUDIO_CHANGE		BIT(4)	/* AUD_STATUS / AUD_NONPCM changed */
#define  SDI8K_IRQ_AUDIO_ERROR		BIT(5)	/* the audio engine stopped itself */
#define  SDI8K_IRQ_AUDIO_ALL		GENMASK(5, 3)

#define SDI8K_IN_DMA_CTRL		0x080	/* RW */
#define  SDI8K_DMA_ENABLE		BIT(0)
#define  SDI8K_DMA_RESET		BIT(1)	/* self-clearing; needs !ENABLE */
#define SDI8K_DMA_RESET_MS		50	/* DMA_CTRL RESET clears within */
#define SDI8K_IN_DMA_STATUS		0x084	/* RO */
#define  SDI8K_DMA_RUNNING		BIT(0)	/* may still write memory */
#define  SDI8K_DMA_MISMATCH		BIT(1)	/* input raster != DMA raster */
#define SDI8K_IN_DMA_PIXFMT		0x088	/* RW: SDI8K_PIXFMT_* */
#define SDI8K_IN_DMA_STRIDE		0x08c	/* RW: bytes per line */
#define SDI8K_IN_DMA_RASTER		0x090	/* RW: lines << 16 | samples */
#define SDI8K_IN_DMA_FLAGS		0x094	/* RW: SDI8K_RASTER_INTERLACED */
#define SDI8K_IN_RING_BASE_LO		0x0a0	/* RW: descriptor ring, 64 B aligned */
#define SDI8K_IN_RING_BASE_HI		0x0a4	/* RW */
#define SDI8K_IN_RING_SIZE		0x0a8	/* RW: entries, power of two */
#define SDI8K_IN_RING_HEAD		0x0ac	/* RO: free-running, card side */
#define SDI8K_IN_RING_TAIL		0x0b0	/* RW: free-running, driver side */
#define SDI8K_IN_FRAMES_CAPTURED	0x0b4	/* RO: since DMA reset */
#define SDI8K_IN_FRAMES_DROPPED		0x0b8	/* RO: since DMA reset */
#define SDI8K_IN_FRAME_COUNT		0x0bc	/* RO: frames since signal lock */
#define SDI8K_IN_ANC_BASE_LO		0x0c0	/* RW: ancillary slots, 4 KiB aligned */
#define SDI8K_IN_ANC_BASE_HI		0x0c4	/* RW: 0 in both: no anc capture */

#define SDI8K_RING_MAX			256

/*
 * Embedded audio (docs/hardware.md, "Embedded audio"): per input a
 * de-embedder of SMPTE ST 299-1 / ST 299-2 packets (16 channels in four
 * groups, 48 kHz, 24 bits) and an audio DMA engine writing a cyclic
 * buffer of interleaved S32_LE sample frames (24 bits at the top), with
 * a period interrupt, a position register and a record per period tying
 * its first sample to a video frame. In a quad-link topology input 0's
 * engine carries link 1's audio; inputs 1-3's engines are not used.
 */
#define SDI8K_IN_AUD_STATUS		0x100	/* RO */
#define  SDI8K_AUD_GROUPS		GENMASK(3, 0)	/* bit g: group g+1 seen */
#define  SDI8K_AUD_LOCKED		BIT(4)	/* the de-embedder has a signal */
#define SDI8K_IN_AUD_NONPCM		0x104	/* RO: bit n: channel n+1 non-PCM */
#define SDI8K_IN_AUD_CS_SELECT		0x108	/* RW: channel 0-15 of AUD_CS */
#define SDI8K_IN_AUD_CS(k)		(0x110 + (k) * 4) /* RO: k < 6 */
#define SDI8K_IN_AUD_CHECKSUM_ERRORS	0x130	/* RO: packets dropped, wraps */
#define SDI8K_IN_AUD_ECC_ERRORS		0x134	/* RO: data packets, wraps */
#define SDI8K_IN_AUD_SILENCED		0x138	/* RO: channel samples, wraps */
#define SDI8K_IN_AUD_DMA_CTRL		0x140	/* RW */
#define  SDI8K_AUD_DMA_ENABLE		BIT(0)
#define  SDI8K_AUD_DMA_RESET		BIT(1)	/* self-clearing; needs !ENABLE */
#define SDI8K_IN_AUD_DMA_STATUS		0x144	/* RO */
#define  SDI8K_AUD_DMA_RUNNING		BIT(0)	/* may still write memory */
#define  SDI8K_AUD_DMA_FAULT		BIT(1)	/* stopped on a bus error */
#define  SDI8K_AUD_DMA_BAD_CONFIG	BIT(2)	/* refused the programming */
#define SDI8K_IN_AUD_CHANNELS		0x148	/* RW: 2, 8 or 16 */
#define SDI8K_IN_AUD_PERIOD_FRAMES	0x14c	/* RW: sample frames per period */
#define SDI8K_IN_AUD_BUF_BASE_LO	0x150	/* RW: 64 B aligned */
#define SDI8K_IN_AUD_BUF_BASE_HI	0x154	/* RW */
#define SDI8K_IN_AUD_BUF_FRAMES		0x158	/* RW: whole periods */
#define SDI8K_IN_AUD_POSITION		0x15c	/* RO: next frame's buffer offset */
#define SDI8K_IN_AUD_FRAMES		0x160	/* RO: frames written, wraps */
#define SDI8K_IN_AUD_PERIODS		0x164	/* RO: periods written, wraps */
#define SDI8K_IN_AUD_REC_BASE_LO	0x168	/* RW: period records, 64 B aligned */
#define SDI8K_IN_AUD_REC_BASE_HI	0x16c	/* RW */

#define SDI8K_AUD_RATE			48000
#define SDI8K_AUD_MAX_CHANNELS		16
#define SDI8K_AUD_GROUPS_MAX		4
#define SDI8K_AUD_CS_BYTES		24	/* AES3 channel status block */
#define SDI8K_AUD_SAMPLE_BYTES		4	/* S32_LE, 24 bits at the top */
#define SDI8K_AUD_PERIOD_MIN		16	/* AUD_PERIOD_FRAMES limits */
#define SDI8K_AUD_PERIOD_MAX		65536
#define SDI8K_AUD_PERIODS_MIN		2	/* periods in the buffer */
#define SDI8K_AUD_PERIODS_MAX		1024

/*
 * The cadence: before video frame n (counted from the frame the input
 * locked on, which is at position phi of the source's 5-frame audio
 * sequence: phi = (SEQ - frame_count) mod 5 from any period record) the
 * card has received sdi8k_aud_frame_start(n, phi, num, den) sample frames
 * (sdi8k-tables.h).
 */

/**
 * struct sdi8k_aud_rec - what the audio engine records of each period
 *	(written before AUD_PERIODS advances and AUDIO_PERIOD is raised)
 * @frame_count: the video frame (FRAME_COUNT numbering, the descriptor's
 *	frame_count) that the period's first sample frame belongs to
 * @frame_offset: that sample frame's offset within its video frame
 * @status: SDI8K_AUD_REC_*
 */
struct sdi8k_aud_rec {
	__le64 frame_count;
	__le32 frame_offset;
	__le32 status;
};

#define SDI8K_AUD_REC_GROUPS		GENMASK(3, 0)	/* groups present */
#define SDI8K_AUD_REC_SILENCED		BIT(8)	/* samples were replaced */
/* frame_count's position (0-4) in the source's audio sequence */
#define SDI8K_AUD_REC_SEQ		GENMASK(18, 16)
#define SDI8K_AUD_SEQ_MAX		5	/* frames in an audio sequence */

/*
 * Ancillary data capture: with ANC_BASE set, the card stores the ST 291
 * packets of the frame it writes into descriptor i into slot i of the
 * area at ANC_BASE (RING_SIZE slots of SDI8K_ANC_SLOT_SIZE bytes), as
 * records: a little-endian 32-bit header (SDI8K_ANC_REC_*), then the
 * packet's words from DID to checksum as captured (10 bits in 16-bit
 * little-endian words), padded to 4 bytes. The card checks nothing: a
 * record holds WORDS words, which is fewer than DC + 4 when the blanking
 * ended before the packet did. It stops when the next record would not
 * fit and sets SDI8K_ANC_OVERFLOW in the descriptor's anc_status.
 */
#define SDI8K_ANC_SLOT_SIZE		8192
#define SDI8K_ANC_REC_LINE		GENMASK(10, 0)	/* line number */
#define SDI8K_ANC_REC_CSTREAM		BIT(11)	/* C (chroma) stream */
#define SDI8K_ANC_REC_LINK		GENMASK(13, 12)	/* link of a quad */
#define SDI8K_ANC_REC_WORDS		GENMASK(24, 16)	/* words that follow */
#define SDI8K_ANC_OVERFLOW		BIT(0)

/* Memory formats the DMA engine packs into (SDI8K_IN_DMA_PIXFMT). */
#define SDI8K_PIXFMT_UYVY		0
#define SDI8K_PIXFMT_YUYV		1
#define SDI8K_PIXFMT_NV16		2
#define SDI8K_PIXFMT_P010		3
#define SDI8K_PIXFMT_Y210		4
#define SDI8K_PIXFMT_V210		5
#define SDI8K_PIXFMT_COUNT		6

/**
 * struct sdi8k_desc - one frame's descriptor in the ring (coherent memory)
 * @sg_addr: bus address of the first scatter-gather block
 * @sg_count: data entries in the list (link entries not counted)
 * @ctrl: SDI8K_DESC_* set by the driver; the card clears OWN on writeback
 * @cookie: opaque to the card, never modified
 * @length: bytes the scatter-gather list describes
 * @status: written back by the card: SDI8K_DSTAT_*
 * @bytes_written: written back: bytes of the frame stored
 * @field: written back: V4L2 field of the frame
 * @timestamp: written back: the card clock (SDI8K_REG_CLOCK_*) at the
 *	start of the frame
 * @frame_count: written back: SDI8K_IN_FRAME_COUNT of this frame
 * @anc_bytes: written back: bytes stored in this slot's ancillary area
 * @anc_status: written back: SDI8K_ANC_OVERFLOW
 */
struct sdi8k_desc {
	__le64 sg_addr;
	__le32 sg_count;
	__le32 ctrl;
	__le64 cookie;
	__le32 length;
	__le32 status;
	__le32 bytes_written;
	__le32 field;
	__le64 timestamp;
	__le64 frame_count;
	__le32 anc_bytes;
	__le32 anc_status;
};

#define SDI8K_DESC_OWN			BIT(0)	/* card may fill it */
#define SDI8K_DSTAT_DONE		BIT(0)
#define SDI8K_DSTAT_ERR_SG		BIT(1)	/* malformed list */
#define SDI8K_DSTAT_ERR_LENGTH		BIT(2)	/* buffer smaller than frame */

/**
 * struct sdi8k_sg_entry - scatter-gather entry; blocks of SDI8K_SG_BLOCK
 * bytes hold SDI8K_SG_PER_BLOCK entries, the last of a non-final block
 * being a link to the next block
 * @addr: bus address of the data, or of the next block for a link
 * @len: bytes (data entries), 0 for a link
 * @flags: SDI8K_SG_*
 */
struct sdi8k_sg_entry {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

#define SDI8K_SG_LINK			BIT(0)
#define SDI8K_SG_LAST			BIT(1)
#define SDI8K_SG_BLOCK			4096
#define SDI8K_SG_PER_BLOCK		(SDI8K_SG_BLOCK / 16)

#endif /* SDI8K_REGS_H */

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sdi8k-status and the capture sidecar without a card: the payload ID in
 * words (libsdi8k's sdi8k_status_vpid_text), the JSON writer, one input's
 * report as JSON and text, argument parsing, and the sidecar's JSON line
 * for a metadata buffer as the simulated card sends it (utils code is
 * included as source).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sdi8k/error.h>
#include <sdi8k/hdr.h>
#include <sdi8k/status.h>

#include "anc_vectors.h"
#include "helpers.h"

#include "common/ccjson.c"
#include "common/jsonw.c"
#include "common/parse.c"
#include "status/options.c"
#include "status/report.c"
#include "capture/gap.c"
#include "capture/scc.c"
#include "capture/sidecar.c"
#include "common/outfile.c"

#define ARGV(...) ((char *[]){ "sdi8k-status", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "sdi8k-status", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(o, msg, ...) \
	status_parse_args(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (o), (msg), sizeof(msg))

/* a payload ID from its fields, decoded as the library does */
static struct sdi8k_vpid vpid_of(uint8_t code, int prog, uint8_t rate,
				 enum sdi8k_transfer tf, enum sdi8k_colorimetry col)
{
	struct sdi8k_vpid in, out;
	uint8_t b[4];

	memset(&in, 0, sizeof(in));
	in.payload_code = code;
	in.progressive_transport = prog;
	in.progressive_picture = prog;
	in.rate_code = rate;
	in.transfer = tf;
	in.aspect_16_9 = 1;
	in.colorimetry = col;
	in.sampling = SDI8K_VPID_SAMPLING_422;
	in.bit_depth_code = 1;	/* 10-bit */
	cr_assert_eq(sdi8k_vpid_encode(&in, b), 0, "%s", sdi8k_last_error());
	cr_assert_eq(sdi8k_vpid_decode(b, &out), 0);
	return out;
}

Test(status_vpid, uhd_pq)
{
	struct sdi8k_vpid v = vpid_of(SDI8K_VPID_2160_12G, 1, 0xa, SDI8K_TF_PQ,
				      SDI8K_COLORIMETRY_BT2020);
	char b[128];

	cr_assert_eq(v.rate_num * 1001, 60000 * v.rate_den, "rate %u/%u",
		     v.rate_num, v.rate_den);
	cr_assert_str_eq(sdi8k_status_vpid_text(&v, b, sizeof(b)),
			 "12G 2160p59.94 4:2:2 10-bit BT.2020 PQ");
}

Test(status_vpid, hd_interlaced_sdr)
{
	struct sdi8k_vpid v = vpid_of(SDI8K_VPID_1080_1G5, 0, 0x5, SDI8K_TF_SDR,
				      SDI8K_COLORIMETRY_BT709);
	char b[128];

	/* 1080i50: a 25 Hz frame rate, named by its field rate */
	cr_assert_str_eq(sdi8k_status_vpid_text(&v, b, sizeof(b)),
			 "1.5G 1080i50 4:2:2 10-bit BT.709 SDR");
}

Test(status_vpid, hlg_3g_and_edges)
{
	struct sdi8k_vpid v = vpid_of(SDI8K_VPID_1080_3GA, 1, 0x9, SDI8K_TF_HLG,
				      SDI8K_COLORIMETRY_BT2020);
	struct sdi8k_vpid zero;
	char b[128], small[8];

	cr_assert_str_eq(sdi8k_status_vpid_text(&v, b, sizeof(b)),
			 "3G-A 1080p50 4:2:2 10-bit BT.2020 HLG");
	memset(&zero, 0, sizeof(zero));
	cr_assert_str_eq(sdi8k_status_vpid_text(&zero, b, sizeof(b)), "none");
	cr_assert_str_eq(sdi8k_status_vpid_text(NULL, b, sizeof(b)), "none");
	/* truncated, terminated */
	cr_assert_str_eq(sdi8k_status_vpid_text(&v, small, sizeof(small)), "3G-A 10");
	cr_assert_str_eq(sdi8k_status_sampling_name(SDI8K_VPID_SAMPLING_444_GBR), "4:4:4 RGB");
	cr_assert_str_eq(sdi8k_status_sampling_name(0xe), "other");
}

/* the output of fn(j) into a string */
static char *capture_json(int pretty, void (*fn)(struct jw *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct jw j;

	cr_assert_not_null(fp);
	jw_init(&j, fp, pretty);
	fn(&j, arg);
	fclose(fp);
	return buf;
}

static void nested(struct jw *j, const void *arg)
{
	(void)arg;
	jw_begin_object(j, NULL);
	jw_string(j, "s", "a\"b\\c\n\x01");
	jw_begin_array(j, "a");
	jw_int(j, NULL, -3);
	jw_uint(j, NULL, 18446744073709551615ull);
	jw_double(j, NULL, 0.005, 4);
	jw_double(j, NULL, 0.0 / 0.0, 2);
	jw_end_array(j);
	jw_begin_object(j, "empty");
	jw_end_object(j);
	jw_bool(j, "t", 1);
	jw_null(j, "n");
	jw_string(j, "ns", NULL);
	jw_end_object(j);
}

Test(status_json, writer_compact_and_pretty)
{
	char *s = capture_json(0, nested, NULL);

	cr_assert_str_eq(s, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"a\":[-3,"
			 "18446744073709551615,0.0050,null],\"empty\":{},\"t\":true,"
			 "\"n\":null,\"ns\":null}");
	free(s);
	s = capture_json(1, nested, NULL);
	cr_assert_str_eq(s, "{\n  \"s\": \"a\\\"b\\\\c\\n\\u0001\",\n  \"a\": [\n"
			 "    -3,\n    18446744073709551615,\n    0.0050,\n    null\n  ],\n"
			 "  \"empty\": {},\n  \"t\": true,\n  \"n\": null,\n  \"ns\": null\n}");
	free(s);
}

/* an input receiving 2160p59.94 PQ, as the simulated card sends it */
static void pq_report(struct status_report *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->serial, sizeof(r->serial), "5d18000000000001");
	snprintf(r->card_name, sizeof(r->card_name), "sdi8k-0");
	r->card_index = 0;
	r->input = 1;
	snprintf(r->meta_node, sizeof(r->meta_node), "/dev/video5");
	snprintf(r->st.node, sizeof(r->st.node), "/dev/video1");
	snprintf(r->st.name, sizeof(r->st.name), "sdi8k-0 input 1");
	r->st.have = SDI8K_STATUS_HAVE_VPID | SDI8K_STATUS_HAVE_TRANSFER |
		     SDI8K_STATUS_HAVE_MDCV | SDI8K_STATUS_HAVE_CLL |
		     SDI8K_STATUS_HAVE_MALFORMED | SDI8K_STATUS_HAVE_FORMAT |
		     SDI8K_STATUS_HAVE_BAD_PAYLOAD | SDI8K_STATUS_HAVE_OVERFLOW |
		     SDI8K_STATUS_HAVE_ENCODING;
	r->st.signal = SDI8K_SIGNAL_LOCKED;
	r->st.raster = (struct sdi8k_raster_info){ 3840, 2160, 0, 60000, 1001, 594000000 };
	r->st.vpid = vpid_of(SDI8K_VPID_2160_12G, 1, 0xa, SDI8K_TF_PQ,
			     SDI8K_COLORIMETRY_BT2020);
	r->st.payload_id = r->st.vpid.bytes[0] | r->st.vpid.bytes[1] << 8 |
			   r->st.vpid.bytes[2] << 16 | (uint32_t)r->st.vpid.bytes[3] << 24;
	r->st.colorspace = V4L2_COLORSPACE_BT2020;
	r->st.xfer_func = V4L2_XFER_FUNC_SMPTE2084;
	r->st.ycbcr_enc = V4L2_YCBCR_ENC_BT2020;
	r->st.quantization = V4L2_QUANTIZATION_LIM_RANGE;
	r->st.transfer = SDI8K_TF_PQ;
	r->st.mdcv = (struct sdi8k_mdcv){ 35400, 14600, 8500, 39850, 6550, 2300,
					  15635, 16450, 10000000, 50 };
	r->st.cll = (struct sdi8k_cll){ 1000, 400 };
	r->st.malformed = 3;
	r->st.bad_payload = 2;
	r->st.anc_overflow = 1;
	r->st.encoding = SDI8K_COLOR_YCBCR;
	r->st.have |= SDI8K_STATUS_HAVE_AUDIO;
	r->st.audio_groups = 0x5;	/* groups 1 and 3 */
	r->st.audio_nonpcm = 0x3;	/* channels 1 and 2 */
	r->st.audio_checksum_errors = 7;
	r->st.audio_silenced = 28;
	r->tc_state = TC_OK;
	r->tc.hours = 1;
	r->tc.minutes = 2;
	r->tc.seconds = 3;
	r->tc.frames = 4;
	r->tc.drop_frame = 1;
	r->tc_sequence = 77;
}

static void one_report(struct jw *j, const void *arg)
{
	report_json(j, arg);
}

Test(status_json, pq_input)
{
	struct status_report r;
	char *s, want[2048];

	pq_report(&r);
	s = capture_json(0, one_report, &r);
	snprintf(want, sizeof(want),
		 "{\"serial\":\"5d18000000000001\",\"card_name\":\"sdi8k-0\",\"card_index\":0,"
		 "\"input\":1,\"node\":\"/dev/video1\",\"meta_node\":\"/dev/video5\","
		 "\"name\":\"sdi8k-0 input 1\",\"signal\":\"locked\",\"raster\":{"
		 "\"raster_name\":\"2160p59.94\",\"width\":3840,\"height\":2160,"
		 "\"interlaced\":false,\"fps_num\":60000,\"fps_den\":1001},"
		 "\"payload_id\":{\"hex\":\"0x%08x\",\"bytes\":\"%02x %02x %02x %02x\","
		 "\"text\":\"12G 2160p59.94 4:2:2 10-bit BT.2020 PQ\",\"interface\":\"12G\","
		 "\"links\":1,\"vpid_width\":3840,\"vpid_height\":2160,\"rate_num\":60000,"
		 "\"rate_den\":1001,\"scan\":\"progressive\",\"sampling\":\"4:2:2\","
		 "\"bit_depth\":10,\"vpid_colorimetry\":\"BT.2020\",\"vpid_transfer\":\"pq\","
		 "\"vpid_full_range\":false,\"vpid_ictcp\":false},"
		 "\"colorimetry\":{\"colorspace\":\"bt2020\",\"xfer_func\":\"smpte2084\","
		 "\"ycbcr_enc\":\"bt2020\",\"quantization\":\"lim-range\","
		 "\"color_encoding\":\"ycbcr\"},\"transfer\":\"pq\","
		 "\"hdr_static\":{\"mastering_display\":{\"red_x\":0.70800,\"red_y\":0.29200,"
		 "\"green_x\":0.17000,\"green_y\":0.79700,\"blue_x\":0.13100,\"blue_y\":0.04600,"
		 "\"white_x\":0.31270,\"white_y\":0.32900,\"max_luminance\":1000.0000,"
		 "\"min_luminance\":0.0050},\"max_cll\":1000,\"max_fall\":400},"
		 "\"malformed\":3,\"bad_payload\":2,\"overflow\":1,"
		 "\"audio\":{\"groups\":[1,3],\"channels\":8,\"nonpcm_channels\":[1,2],"
		 "\"checksum_errors\":7,\"ecc_errors\":0,\"silenced_samples\":28},"
		 "\"timecode\":{\"timecode_state\":\"ok\","
		 "\"value\":\"01:02:03;04\",\"sequence\":77,\"drop_frame\":true},"
		 "\"captions\":{\"frames\":0,\"cdp_frames\":0,\"cdp_errors\":0,"
		 "\"cea608_field1\":false,\"cea608_field2\":false,\"dtvcc\":false,"
		 "\"services\":[]}}",
		 r.st.payload_id, r.st.vpid.bytes[0], r.st.vpid.bytes[1],
		 r.st.vpid.bytes[2], r.st.vpid.bytes[3]);
	cr_assert_str_eq(s, want);
	free(s);
}

Test(status_json, sdr_busy_and_error)
{
	struct status_report r;
	char *s;

	pq_report(&r);
	r.st.have &= ~(unsigned)(SDI8K_STATUS_HAVE_MDCV | SDI8K_STATUS_HAVE_VPID);
	r.st.cll = (struct sdi8k_cll){ 0, 0 };
	r.tc_state = TC_BUSY;
	s = capture_json(0, one_report, &r);
	cr_assert_not_null(strstr(s, "\"payload_id\":null,"));
	cr_assert_not_null(strstr(s, "\"hdr_static\":{\"mastering_display\":null,"
				  "\"max_cll\":0,\"max_fall\":0}"));
	cr_assert_not_null(strstr(s, "\"timecode\":{\"timecode_state\":\"busy\"},"
				  "\"captions\":null}"));
	free(s);
	r.read_error = 1;
	snprintf(r.note, sizeof(r.note), "/dev/video1: \"gone\"");
	s = capture_json(0, one_report, &r);
	cr_assert_str_eq(s, "{\"serial\":\"5d18000000000001\",\"card_name\":\"sdi8k-0\","
			 "\"card_index\":0,\"input\":1,\"node\":\"/dev/video1\","
			 "\"meta_node\":\"/dev/video5\",\"error\":\"/dev/video1: \\\"gone\\\"\"}");
	free(s);
}

Test(status_text, pq_input)
{
	struct status_report r;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	pq_report(&r);
	report_print_text(fp, &r);
	fclose(fp);
	cr_assert_not_null(strstr(buf, "sdi8k-0 input 1: /dev/video1 (serial 5d18000000000001)\n"));
	cr_assert_not_null(strstr(buf, "  signal:        locked 2160p59.94 (3840x2160, 59.940 Hz frames)\n"));
	cr_assert_not_null(strstr(buf, ": 12G 2160p59.94 4:2:2 10-bit BT.2020 PQ\n"));
	cr_assert_not_null(strstr(buf, "  mastering:     R 0.7080,0.2920 G 0.1700,0.7970 "
				  "B 0.1310,0.0460 white 0.3127,0.3290; 1000 / 0.005 cd/m²\n"));
	cr_assert_not_null(strstr(buf, "MaxCLL 1000 cd/m², MaxFALL 400 cd/m²\n"));
	cr_assert_not_null(strstr(buf, "  time code:     01:02:03;04 (frame 77)\n"));
	cr_assert_not_null(strstr(buf, "  malformed:     3 ancillary packets dropped\n"));
	cr_assert_not_null(strstr(buf, "  bad payload:   2 ancillary packets with an invalid payload\n"));
	cr_assert_not_null(strstr(buf, "  overflow:      1 ancillary losses for space\n"));
	cr_assert_not_null(strstr(buf, "  audio:         groups 1 3 (8 channels), non-PCM "
				  "channels: 1 2\n"), "%s", buf);
	cr_assert_not_null(strstr(buf, "  audio errors:  7 packets dropped for their checksum, "
				  "0 for their ECC, 28 samples silenced\n"), "%s", buf);
	cr_assert_not_null(strstr(buf, "  colorimetry:   colorspace bt2020, transfer smpte2084, "
				  "encoding bt2020, lim-range\n"), "%s", buf);
	free(buf);
}

/* captions counted from the frames' CDPs, in text and JSON */
Test(status_report, captions)
{
	struct status_report r;
	struct sdi8k_cdp c;
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *fp;
	int i;

	pq_report(&r);
	memset(&c, 0, sizeof(c));
	c.frame_rate = 4;
	c.has_ccdata = true;
	c.cc_count = 3;
	c.cc[0] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD1, { 0x80, 0x80 } };
	c.cc[1] = (struct sdi8k_cc_data){ true, SDI8K_CC_608_FIELD2, { 0x80, 0x80 } };
	c.cc[2] = (struct sdi8k_cc_data){ false, SDI8K_CC_DTVCC_START, { 0, 0 } };
	c.has_svcinfo = true;
	c.svc_count = 2;
	c.svc[0] = (struct sdi8k_cdp_service){ .number = 0, .language = "eng" };
	c.svc[1] = (struct sdi8k_cdp_service){ .number = 1, .language = "spa",
					      .digital = true, .service = 1 };
	r.frames_matched = 5;
	for (i = 0; i < 3; i++)	/* null pairs only: no data */
		report_count_captions(&r, 1, &c);
	c.cc[0].data[0] = 0x94;	/* RCL */
	c.cc[0].data[1] = 0x20;
	report_count_captions(&r, 1, &c);
	report_count_captions(&r, 0, &c);
	report_count_captions(&r, -EBADMSG, &c);
	cr_assert_eq(r.cc_frames, 4);
	cr_assert_eq(r.cc_errors, 1);
	cr_assert_eq(r.cc_608[0], 1);
	cr_assert_eq(r.cc_608[1], 0);
	fp = open_memstream(&buf, &len);
	report_print_text(fp, &r);
	fclose(fp);
	cr_assert_not_null(strstr(buf, "  captions:      CEA-708 CDP in 4 of 5 frames, 1 damaged; "
				  "data: 608 field 1 yes, field 2 no, DTVCC no\n"), "%s", buf);
	cr_assert_not_null(strstr(buf, "  caption services: 608 field 1 (eng), service 1 (spa)\n"),
			   "%s", buf);
	free(buf);
	s = capture_json(0, one_report, &r);
	cr_assert_not_null(strstr(s, "\"captions\":{\"frames\":5,\"cdp_frames\":4,"
				  "\"cdp_errors\":1,\"cea608_field1\":true,\"cea608_field2\":false,"
				  "\"dtvcc\":false,\"services\":[{\"number\":0,\"language\":\"eng\","
				  "\"digital\":false,\"field\":1},{\"number\":1,\"language\":\"spa\","
				  "\"digital\":true,\"service\":1}]}}"), "%s", s);
	free(s);
	/* no CDP at all */
	pq_report(&r);
	r.frames_matched = 5;
	fp = open_memstream(&buf, &len);
	report_print_text(fp, &r);
	fclose(fp);
	cr_assert_not_null(strstr(buf, "  captions:      none in the signal\n"), "%s", buf);
	free(buf);
}

/* a full-range ICtCp PQ signal: the payload ID's byte 4 and the driver's
 * format and encoding control, in text and JSON */
Test(status_report, full_range_ictcp)
{
	struct status_report r;
	struct sdi8k_vpid in;
	uint8_t b[4];
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *fp;

	pq_report(&r);
	in = r.st.vpid;
	in.ictcp = 1;
	in.bit_depth_code = 0;	/* 10-bit full range */
	cr_assert_eq(sdi8k_vpid_encode(&in, b), 0);
	cr_assert_eq(b[3], 0x10);
	cr_assert_eq(sdi8k_vpid_decode(b, &r.st.vpid), 0);
	cr_assert(r.st.vpid.full_range);
	cr_assert(r.st.vpid.ictcp);
	r.st.quantization = V4L2_QUANTIZATION_FULL_RANGE;
	r.st.encoding = SDI8K_COLOR_ICTCP;
	fp = open_memstream(&buf, &len);
	report_print_text(fp, &r);
	fclose(fp);
	cr_assert_not_null(strstr(buf, ": 12G 2160p59.94 4:2:2 10-bit full BT.2020 PQ ICtCp\n"),
			   "%s", buf);
	cr_assert_not_null(strstr(buf, "encoding bt2020 (ICtCp), full-range\n"), "%s", buf);
	free(buf);
	s = capture_json(0, one_report, &r);
	cr_assert_not_null(strstr(s, "\"vpid_full_range\":true,\"vpid_ictcp\":true}"), "%s", s);
	cr_assert_not_null(strstr(s, "\"quantization\":\"full-range\",\"color_encoding\":\"ictcp\"}"),
			   "%s", s);
	free(s);
	/* an older driver: no encoding control, the payload ID tells */
	r.st.have &= ~(unsigned)SDI8K_STATUS_HAVE_ENCODING;
	s = capture_json(0, one_report, &r);
	cr_assert_not_null(strstr(s, "\"color_encoding\":\"ictcp\"}"), "%s", s);
	free(s);
	r.st.have &= ~(unsigned)(SDI8K_STATUS_HAVE_VPID | SDI8K_STATUS_HAVE_BAD_PAYLOAD |
				 SDI8K_STATUS_HAVE_OVERFLOW);
	s = capture_json(0, one_report, &r);
	cr_assert_not_null(strstr(s, "\"color_encoding\":null}"), "%s", s);
	cr_assert_not_null(strstr(s, "\"malformed\":3,\"bad_payload\":null,\"overflow\":null,"),
			   "%s", s);
	free(s);
}

Test(status_watch, changes)
{
	struct status_report a, b;

	pq_report(&a);
	b = a;
	cr_assert_not(report_changed(&a, &b));
	b.tc.frames = 9;	/* the time code is not followed */
	b.tc_state = TC_NOT_ASKED;
	cr_assert_not(report_changed(&a, &b));
	b.st.transfer = SDI8K_TF_HLG;
	cr_assert(report_changed(&a, &b));
	b = a;
	b.st.cll.max_cll = 4000;
	cr_assert(report_changed(&a, &b));
	b = a;
	b.st.signal = SDI8K_SIGNAL_NONE;
	cr_assert(report_changed(&a, &b));
	b = a;
	b.st.bad_payload++;
	cr_assert(report_changed(&a, &b));
	b = a;
	b.st.anc_overflow++;
	cr_assert(report_changed(&a, &b));
	b = a;
	b.st.encoding = SDI8K_COLOR_ICTCP;
	cr_assert(report_changed(&a, &b));
	b = a;
	b.st.quantization = V4L2_QUANTIZATION_FULL_RANGE;
	cr_assert(report_changed(&a, &b));
}

Test(status_args, defaults_and_values)
{
	struct status_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "--json"), 0, "%s", msg);
	cr_assert_eq(o.n_specs, 0);
	cr_assert(o.json);
	cr_assert_not(o.watch);
	cr_assert(o.timecode);
	cr_assert_eq(o.frames, 3);
	cr_assert_eq(o.interval_ms, 1000);
	cr_assert_eq(PARSE(&o, msg, "-d", "5d18000000000001:1", "--device", "0:2", "-w",
			   "--interval", "250", "-n", "7", "--no-timecode"), 0, "%s", msg);
	cr_assert_eq(o.n_specs, 2);
	cr_assert_str_eq(o.specs[0], "5d18000000000001:1");
	cr_assert_str_eq(o.specs[1], "0:2");
	cr_assert(o.watch);
	cr_assert_not(o.timecode);
	cr_assert_eq(o.frames, 7);
	cr_assert_eq(o.interval_ms, 250);
}

Test(status_args, refused)
{
	struct status_opts o;
	char msg[256];

	cr_assert_eq(PARSE(&o, msg, "--bogus"), -EINVAL);
	cr_assert_not_null(strstr(msg, "--bogus"));
	cr_assert_eq(PARSE(&o, msg, "-d"), -EINVAL);
	cr_assert_not_null(strstr(msg, "needs a value"));
	cr_assert_eq(PARSE(&o, msg, "-d", ""), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "--frames", "0"), -EINVAL);
	cr_assert_not_null(strstr(msg, "--frames 0"));
	cr_assert_eq(PARSE(&o, msg, "--interval", "5"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "-n", "x"), -EINVAL);
	cr_assert_eq(PARSE(&o, msg, "extra"), -EINVAL);
	cr_assert_not_null(strstr(msg, "extra"));
}

/* --- the capture sidecar's line --------------------------------------- */

#define BUFSZ 4096

Test(sidecar, line_of_a_full_frame)
{
	static uint8_t b[BUFSZ] __attribute__((aligned(8)));
	struct sdi8k_meta_frame mf;
	struct anc_buf a;
	struct sdi8k_anc_packet_data pkt;
	struct sdi8k_timecode tc;
	char *line = NULL, want[64];
	size_t cap = 0;
	const char *p;
	int n, count = 0;

	anc_buf_init(&a, b, BUFSZ, 4321);
	{
		uint16_t w352[8];
		uint8_t bytes[4] = { 0xce, 0xea, 0xa0, 0x01 };	/* 2160p59.94 PQ */

		cr_assert_eq(sdi8k_anc_encode_bytes(0x41, 0x01, bytes, 4, w352, 8), 8);
		cr_assert_eq(anc_buf_add(&a, w352, 8, 10, 0, 0), 0);
	}
	cr_assert_eq(anc_buf_add(&a, vec_2108_static, NWORDS(vec_2108_static), 11, 0, 0), 0);
	cr_assert_eq(anc_buf_add(&a, vec_2108_hdr10plus, NWORDS(vec_2108_hdr10plus), 12, 0, 0), 0);
	cr_assert_eq(anc_buf_add(&a, vec_atc_vitc1, NWORDS(vec_atc_vitc1), 9, 0, 0), 0);
	memset(&mf, 0, sizeof(mf));
	mf.data = b;
	mf.size = anc_buf_finish(&a);
	mf.sequence = 4321;
	mf.timestamp_ns = 99;
	mf.bad_payload = 2;	/* as the driver's header would say */
	cr_assert_eq(sdi8k_anc_frame_open(mf.data, mf.size, &mf.info,
					  &(struct sdi8k_anc_iter){ 0 }), 0);
	cr_assert_eq(sdi8k_hdr_state_from_frame(mf.data, mf.size, &mf.hdr), 0,
		     "%s", sdi8k_last_error());

	n = sidecar_format_line(&line, &cap, 4321, &mf);
	cr_assert_gt(n, 0);
	cr_assert_eq((size_t)n, strlen(line));
	cr_assert_eq(line[n - 1], '\n');
	cr_assert(!strncmp(line, "{\"sequence\":4321,\"timestamp_ns\":99,\"timecode\":\"", 47), "%s", line);
	/* the time code the parser reads from the ATC vector */
	cr_assert_eq(sdi8k_anc_decode(vec_atc_vitc1, NWORDS(vec_atc_vitc1), &pkt) > 0, 1);
	cr_assert_eq(sdi8k_atc_decode(&pkt, &tc), 0);
	snprintf(want, sizeof(want), "\"timecode\":\"%02u:%02u:%02u%c%02u\"", tc.hours,
		 tc.minutes, tc.seconds, tc.drop_frame ? ';' : ':', tc.frames);
	cr_assert_not_null(strstr(line, want), "%s in %s", want, line);
	cr_assert_not_null(strstr(line, "\"transfer\":\"pq\",\"colorimetry\":\"BT.2020\""), "%s", line);
	cr_assert_not_null(strstr(line, "\"malformed\":0,\"overflow\":0,\"bad_payload\":2,"), "%s", line);
	snprintf(want, sizeof(want), "\"hdr10plus\":{\"application_version\":%u,\"windows\":%u",
		 mf.hdr.dynamic.application_version, mf.hdr.dynamic.num_windows);
	cr_assert_not_null(strstr(line, want), "%s", line);
	cr_assert_not_null(strstr(line, "{\"did\":\"0x41\",\"sdid\":\"0x01\",\"line\":10,"
				  "\"link\":0,\"stream\":0,\"size\":4}"), "%s", line);
	cr_assert_not_null(strstr(line, "{\"did\":\"0x60\",\"sdid\":\"0x60\",\"line\":9,"
				  "\"link\":0,\"stream\":0,\"size\":16}"), "%s", line);
	for (p = line; (p = strstr(p, "\"did\":")); p++)
		count++;
	cr_assert_eq(count, 4);
	free(line);
}

Test(sidecar, missing_and_malformed)
{
	struct sdi8k_meta_frame mf;
	char *line = NULL;
	size_t cap = 0;

	cr_assert_gt(sidecar_format_line(&line, &cap, 7, NULL), 0);
	cr_assert_str_eq(line, "{\"sequence\":7,\"metadata\":null}\n");
	memset(&mf, 0, sizeof(mf));
	mf.parse_error = -EPROTO;
	snprintf(mf.hdr.error, sizeof(mf.hdr.error), "bad magic");
	cr_assert_gt(sidecar_format_line(&line, &cap, 8, &mf), 0);
	cr_assert_str_eq(line, "{\"sequence\":8,\"timestamp_ns\":0,\"error\":\"bad magic\"}\n");
	free(line);
}

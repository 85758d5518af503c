#!/bin/bash
# No signal and signal changes: QUERY_DV_TIMINGS fails as documented, a
# streaming client waits instead of failing, changes raise source-change
# events (idle and mid-stream).
. "$(dirname "$0")/lib/common.sh"
load_sdi8k || { fail signal "module not loaded"; exit 0; }
dev=$(node sdi8k-0 3)

signal sdi8k-0 3 1080p25
sleep 0.3
signal sdi8k-0 3 none
sleep 0.3
out=$(v4l2-ctl -d "$dev" --query-dv-timings 2>&1)
if [ $? -ne 0 ] && grep -qi "link has been severed\|ENOLINK" <<<"$out"; then
	pass no-signal-query-enolink
else
	fail no-signal-query-enolink "$(tr '\n' '|' <<<"$out")"
fi
if v4l2-ctl -d "$dev" --list-inputs 2>&1 | grep -qi "no signal"; then
	pass no-signal-enuminput-status
else
	fail no-signal-enuminput-status "$(v4l2-ctl -d "$dev" --list-inputs 2>&1 | tr '\n' '|')"
fi

# a client streaming with no signal waits; frames flow once it returns
raw=$SCRATCH/nosig.raw
rm -f "$raw"
timeout 60 v4l2-ctl -d "$dev" --set-fmt-video=pixelformat=UYVY --stream-mmap \
	--stream-count=5 --stream-to="$raw" >/dev/null 2>&1 &
pid=$!
sleep 3
if kill -0 "$pid" 2>/dev/null && [ ! -s "$raw" ]; then
	pass no-signal-client-waits
else
	fail no-signal-client-waits "client ended or got data with no signal"
fi
signal sdi8k-0 3 1080p25
if wait "$pid"; then
	verify no-signal-then-frames "$raw" UYVY 1080p25
else
	fail no-signal-then-frames "client failed after the signal returned"
fi

# source change while idle: the event arrives and the node follows
timeout 20 v4l2-ctl -d "$dev" --wait-for-event=source_change >"$SCRATCH/ev1" 2>&1 &
pid=$!
sleep 1
signal sdi8k-0 3 1080p50
if wait "$pid" && grep -qi "source_change\|source change" "$SCRATCH/ev1"; then
	pass source-change-event-idle
else
	fail source-change-event-idle "$(tr '\n' '|' <"$SCRATCH/ev1")"
fi
sleep 0.3
t=$(v4l2-ctl -d "$dev" --get-dv-timings)
if grep -q "Active height: 1080" <<<"$t" && grep -q "(50.00 frames per second)" <<<"$t"; then
	pass idle-node-follows-signal
else
	fail idle-node-follows-signal "$(grep -E 'Active|Pixelclock' <<<"$t" | tr '\n' '|')"
fi

# source change mid-stream: event, no garbled frames, query shows the new raster
timeout 60 v4l2-ctl -d "$dev" --stream-mmap --stream-count=100000 \
	--stream-to=/dev/null >/dev/null 2>&1 &
spid=$!
sleep 2
timeout 20 v4l2-ctl -d "$dev" --wait-for-event=source_change >"$SCRATCH/ev2" 2>&1 &
pid=$!
sleep 1
signal sdi8k-0 3 2160p25
if wait "$pid" && grep -qi "source_change\|source change" "$SCRATCH/ev2"; then
	pass source-change-event-streaming
else
	fail source-change-event-streaming "$(tr '\n' '|' <"$SCRATCH/ev2")"
fi
t=$(v4l2-ctl -d "$dev" --query-dv-timings 2>&1)
if grep -q "Active width: 3840" <<<"$t" && grep -q "(25.00 frames per second)" <<<"$t"; then
	pass query-after-change
else
	fail query-after-change "$(grep -E 'Active|Pixelclock' <<<"$t" | tr '\n' '|')"
fi
if kill -0 "$spid" 2>/dev/null; then
	pass streaming-survives-change
else
	fail streaming-survives-change "the streaming client died on a signal change"
fi
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
signal sdi8k-0 3 1080p25

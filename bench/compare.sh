#!/usr/bin/env bash
# `make bench`: every scenario, the IRC ones against parleyd, ngIRCd and
# InspIRCd interleaved (every round runs each configuration once per server,
# one after the other), so the ratios are measured side by side on the same
# machine state; the WebSocket ones and the 2-shard rows against parleyd
# alone (the peers have no shards). Prints each run's report, then Markdown
# tables and the RESULT lines. See bench/README.md, "Comparing with other IRC
# servers".
set -euo pipefail

BUILD_DIR=${BUILD_DIR:-build-release}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-5}
TARGETS=${TARGETS:-"parley ngircd inspircd"}
# The issue's million: filling takes N / (the server's persisted msgs/s),
# about 30 s at today's ~33,000/s; HISTORY_MESSAGES=200000 for a quick run.
HISTORY_MESSAGES=${HISTORY_MESSAGES:-1000000}
OUT=${OUT:-$BUILD_DIR/bench-results}
BENCH="$BUILD_DIR/ws_bench"

for peer in ngircd inspircd; do
    if [[ " $TARGETS " == *" $peer "* ]] && ! command -v "$peer" > /dev/null; then
        echo "installing $peer (Debian package)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$peer" > /dev/null
    fi
done

mkdir -p "$OUT"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$OUT/results-$stamp.txt"
: > "$results"

window="--warmup 1 --duration $DURATION"
closed="--senders 2 --window 32 $window"
# name | protocol | servers ("all": every one in $TARGETS; "parley": parleyd
# only) | rounds ("every", or "first": the slow 10,000-client and history runs,
# once, to keep `make bench` near 15 minutes) | ws_bench arguments. Each
# bounded: counts and durations are fixed here.
configurations=(
    "fanout100|irc|all|every|fanout --clients 100 $closed"
    "fanout1000|irc|all|every|fanout --clients 1000 $closed"
    "fanout1000|ws|parley|every|fanout --clients 1000 --users 100 $closed"
    "rate1000|irc|all|every|fanout --clients 1000 --senders 2 --rate 100 $window"
    "rate1000|ws|parley|every|fanout --clients 1000 --users 100 --senders 2 --rate 100 $window"
    # Scale (deliveries/s and memory at 100, 1,000 and 10,000 clients, 1 and 2
    # shards; fanout1000 ws is its 1,000-client, 1-shard row) over WebSocket:
    # over IRC, 10,000 members of one channel cost ~50 million JOIN lines to
    # set up, every join going to every member already in.
    "scale100|ws|parley|every|fanout --clients 100 $closed"
    "scale100s2|ws|parley|every|fanout --clients 100 --shards 2 $closed"
    "scale1000s2|ws|parley|every|fanout --clients 1000 --users 100 --shards 2 $closed"
    "scale100s2|irc|parley|every|fanout --clients 100 --shards 2 $closed"
    "scale1000s2|irc|parley|every|fanout --clients 1000 --shards 2 $closed"
    "idle2000|irc|all|every|idle --clients 2000"
    "idle2000|ws|parley|every|idle --clients 2000"
    "rooms10000|irc|all|first|rooms --clients 10000 --room-size 10 --rate-per-client 1 $window"
    "rooms10000|ws|parley|first|rooms --clients 10000 --users 1000 --room-size 10 --rate-per-client 1 $window"
    "scale10000|ws|parley|first|fanout --clients 10000 --users 100 --drain 20 $closed"
    "scale10000s2|ws|parley|first|fanout --clients 10000 --users 100 --shards 2 --drain 20 $closed"
    "history|ws|parley|first|history --messages $HISTORY_MESSAGES --fill-timeout 240"
)

status=0
for round in $(seq 1 "$ROUNDS"); do
    for configuration in "${configurations[@]}"; do
        IFS='|' read -r name protocol servers rounds args <<< "$configuration"
        [[ $rounds == first && $round != 1 ]] && continue
        targets=$TARGETS
        [[ $servers == parley ]] && targets=parley
        [[ " $TARGETS " != *" parley "* && $servers == parley ]] && continue
        for target in $targets; do
            echo "== round $round, $name, $protocol, $target" >&2
            log="$OUT/$stamp-$round-$name-$protocol-$target.log"
            # shellcheck disable=SC2086 # $args is a word list on purpose
            if ! timeout 600 "$BENCH" $args --protocol "$protocol" --target "$target" \
                --connect-concurrency 256 --parleyd "$BUILD_DIR/parleyd" \
                --peers-dir bench/peers > "$log" 2> "$log.err"; then
                # A peer that breaks down under a load (ngIRCd at 10,000
                # clients) is a figure, shown in the tables; parleyd failing
                # is what makes `make bench` fail.
                [[ $target == parley ]] && status=1
                echo "   failed ($target): see $log and $log.err" >&2
            fi
            grep '^RESULT ' "$log" | sed "s/^RESULT /RESULT round=$round config=$name /" \
                >> "$results" || true
        done
    done
done

# reconnect: parleyd only (the peers have no accounts), once (like the other
# slow runs). name | ws_bench arguments
reconnect_configurations=(
    "reconnect-ws10000|reconnect --protocol ws --clients 10000"
    "reconnect-irc1000-token|reconnect --protocol irc --clients 1000 --irc-secret token"
    "reconnect-irc1000-close|reconnect --protocol irc --clients 1000 --drop close"
)
if [[ " $TARGETS " == *" parley "* ]]; then
    for round in 1; do
        for configuration in "${reconnect_configurations[@]}"; do
            name=${configuration%%|*}
            args=${configuration#*|}
            echo "== round $round, $name, parley" >&2
            log="$OUT/$stamp-$round-$name-parley.log"
            # shellcheck disable=SC2086 # $args is a word list on purpose
            if ! timeout 300 "$BENCH" $args --connect-concurrency 1024 \
                --parleyd "$BUILD_DIR/parleyd" > "$log" 2> "$log.err"; then
                status=1
                echo "   failed: see $log and $log.err" >&2
            fi
            grep '^RESULT ' "$log" | sed "s/^RESULT /RESULT round=$round /" >> "$results" || true
        done
    done
fi

python3 bench/results_table.py < "$results"
echo
cat "$results"
echo
echo "(logs and results in $OUT)"
exit $status

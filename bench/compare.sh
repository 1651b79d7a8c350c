#!/usr/bin/env bash
# `make bench`: the IRC scenarios against parleyd, ngIRCd and InspIRCd,
# interleaved (every round runs each configuration once per server, one
# after the other), so the ratios are measured side by side on the same
# machine state. Prints each run's report, then a Markdown table and the
# RESULT lines. See bench/README.md, "Comparing with other IRC servers".
set -euo pipefail

BUILD_DIR=${BUILD_DIR:-build-release}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-5}
TARGETS=${TARGETS:-"parley ngircd inspircd"}
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

# name | ws_bench arguments (each bounded: counts and durations are fixed here)
configurations=(
    "fanout100|fanout --clients 100 --senders 2 --window 32 --warmup 1 --duration $DURATION"
    "fanout1000|fanout --clients 1000 --senders 2 --window 32 --warmup 1 --duration $DURATION"
    "idle2000|idle --clients 2000"
)

status=0
for round in $(seq 1 "$ROUNDS"); do
    for configuration in "${configurations[@]}"; do
        name=${configuration%%|*}
        args=${configuration#*|}
        for target in $TARGETS; do
            echo "== round $round, $name, $target" >&2
            log="$OUT/$stamp-$round-$name-$target.log"
            # shellcheck disable=SC2086 # $args is a word list on purpose
            if ! timeout 300 "$BENCH" $args --protocol irc --target "$target" \
                --connect-concurrency 256 --parleyd "$BUILD_DIR/parleyd" \
                --peers-dir bench/peers > "$log" 2> "$log.err"; then
                status=1
                echo "   failed: see $log and $log.err" >&2
            fi
            grep '^RESULT ' "$log" | sed "s/^RESULT /RESULT round=$round /" >> "$results" || true
        done
    done
done

# reconnect: parleyd only (the peers have no accounts). name | ws_bench arguments
reconnect_configurations=(
    "reconnect-ws10000|reconnect --protocol ws --clients 10000"
    "reconnect-irc1000-token|reconnect --protocol irc --clients 1000 --irc-secret token"
    "reconnect-irc1000-close|reconnect --protocol irc --clients 1000 --drop close"
)
if [[ " $TARGETS " == *" parley "* ]]; then
    for round in $(seq 1 "$ROUNDS"); do
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

#!/usr/bin/env bash
# Times `optout ingest-message --jsonl` on a generated replay file (see Benchmarks/README.md).
# Usage: Benchmarks/ingest_replay.sh [LINES] [NUMBERS] [RUNS] [BASELINE_BINARY]
set -euo pipefail
lines=${1:-1000000}
numbers=${2:-200000}
runs=${3:-3}
baseline=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=${TMPDIR:-/tmp}/optout-ingest-bench
mkdir -p "$work"
input="$work/replay-$lines.jsonl"

(cd "$root" && swift build -c release >/dev/null)
binary="$root/.build/release/optout"
[ -f "$input" ] || python3 "$here/ingest_replay_gen.py" "$lines" "$numbers" "$input"
echo "input: $input ($(wc -c <"$input") bytes, $lines lines)"

run() { # label binary format
    local label=$1 bin=$2 format=$3
    for i in $(seq 1 "$runs"); do
        rm -f "$work/db.sqlite" "$work/db.sqlite-wal" "$work/db.sqlite-shm"
        /usr/bin/time -f "$label --format $format run $i: %e s wall, %U s user, %S s sys, %M KB peak" \
            "$bin" ingest-message --db "$work/db.sqlite" --jsonl "$input" --format "$format" >"$work/out-$label-$format"
    done
    md5sum "$work/out-$label-$format"
}
for format in json text; do
    run optout "$binary" "$format"
    if [ -n "$baseline" ]; then run baseline "$baseline" "$format"; fi
done

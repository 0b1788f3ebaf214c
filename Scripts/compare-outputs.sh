#!/usr/bin/env bash
# Runs the same commands with two optout binaries on the same generated inputs and compares every
# output byte for byte: kept and rejected CSVs, JSON reports, exports of entries and events, JSON Lines
# replay output, list, show and normalize. For refactorings that must not change behaviour.
#
# Usage: Scripts/compare-outputs.sh OLD_BINARY NEW_BINARY [ROWS]
# Inputs come from Benchmarks/generate_recipients.py and Benchmarks/ingest_replay_gen.py (fixed seeds)
# in a temporary folder, removed at the end. Every run sees the same frozen clock through libfaketime
# (Debian's `faketime`, installed when missing), so event and entry times are equal too. Exits 1 when
# any output differs.
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2") rows=${3:-300000}
here="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v faketime > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime > /dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/Benchmarks/generate_recipients.py" "$work" "$rows" $((rows / 10)) > /dev/null
python3 "$here/Benchmarks/ingest_replay_gen.py" $((rows / 3)) $((rows / 15)) "$work/replay.jsonl" > /dev/null

run_both() {  # name, then the arguments; the database and outputs live in $work/<binary>/
    local name=$1; shift
    for side in old new; do
        local binary=${!side}
        mkdir -p "$work/$side"
        (cd "$work/$side" && OPTOUT_DB="$work/$side/optout.sqlite" OPTOUT_ACTOR=compare HOME="$work/$side" \
            faketime -f '2026-06-01 12:00:00' "$binary" "$@" > "$name.out" 2> "$name.err"; echo $? > "$name.status") || true
    done
}

run_both block block --file "$work/suppressions.txt" --reason bulk
run_both optout ingest-message --from +5215512345678 --text "Stop please" --id one --at 2026-01-01
run_both filter filter-campaign "$work/recipients.csv" --default-country MX --output kept.csv --rejected rejected.csv --report json
run_both dedupe filter-campaign "$work/recipients.csv" --default-country MX --dedupe --keep-invalid
run_both replay-json ingest-message --jsonl "$work/replay.jsonl" --format json
run_both replay-text ingest-message --jsonl "$work/replay.jsonl"
run_both export-entries export --all-scopes
run_both export-events export --events --format jsonl
run_both export-json export --format json --status blocked
run_both list list --format csv
run_both list-table list --limit 50
run_both show show +5215512345678
run_both show-json show +5215512345678 --format json
run_both normalize normalize --file "$work/suppressions.txt" --default-country MX --format json

status=0
for file in $(cd "$work/old" && ls | grep -v optout.sqlite | sort); do
    if cmp -s "$work/old/$file" "$work/new/$file"; then
        printf '%-28s same  %s\n' "$file" "$(md5sum < "$work/new/$file" | cut -c1-12)"
    else
        printf '%-28s DIFFERENT\n' "$file"; status=1
        diff <(head -c 2000 "$work/old/$file") <(head -c 2000 "$work/new/$file") | head -5 || true
    fi
done
exit $status

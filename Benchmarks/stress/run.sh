#!/bin/sh
# Long reliability run (issue 6): 16 concurrent processes x 500 operations, and 200 SIGKILLs
# each of a --jsonl replay, a bulk block --file, filter-campaign --output and export --output; then
# Benchmarks/fuzz/run.sh (10,000 hostile inputs per format, oversized input, privacy) unless
# OPTOUT_STRESS_SKIP_FUZZ is set.
#
#   Benchmarks/stress/run.sh
#
# It builds the release binary, then runs the same checks as the CI suite (ReliabilityTests in
# Tests/OptOutCLITests/Reliability/) at stress size against that binary, and prints their counts.
# Sizes and seed can be changed: OPTOUT_STRESS_OPERATIONS (per process), OPTOUT_STRESS_KILLS,
# OPTOUT_STRESS_JSONL_LINES, OPTOUT_STRESS_BLOCK_NUMBERS, OPTOUT_STRESS_CAMPAIGN_ROWS, OPTOUT_STRESS_SEED.
# Exit status: 0 when every check held.
set -eu
cd "$(dirname "$0")/../.."
if [ -d /opt/swift/usr/bin ]; then PATH="/opt/swift/usr/bin:$PATH"; export PATH; fi

echo "== building (release binary, debug test bundle)"
swift build -c release --product optout
swift build --build-tests

log="${TMPDIR:-/tmp}/optout-stress-$$.log"
echo "== running ReliabilityTests at stress size (full log: $log)"
start=$(date +%s)
status=0
OPTOUT_STRESS=1 OPTOUT_TEST_BINARY="$PWD/.build/release/optout" \
    swift test --skip-build --filter ReliabilityTests >"$log" 2>&1 || status=$?
end=$(date +%s)

grep '^stress: ' "$log" | sed 's/^stress: /- /'
grep -E '✘|error:' "$log" | head -40 || true
echo "== $(grep -cE '✔ Test ' "$log") tests passed, $(grep -cE '✘ Test .* failed' "$log") failed, $((end - start)) s"

# Part B of the same issue: hostile input and privacy, 10,000 fuzz cases per format.
if [ -z "${OPTOUT_STRESS_SKIP_FUZZ:-}" ]; then
    echo "== hostile input (Benchmarks/fuzz/run.sh)"
    Benchmarks/fuzz/run.sh || status=$?
fi
exit "$status"

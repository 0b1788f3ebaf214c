#!/bin/sh
# Hostile-input stress run (issue 6): seeded fuzzing of every input format, command-level samples,
# and the oversized cases at full size, with peak memory. One command from a fresh clone:
#
#     Benchmarks/fuzz/run.sh [CASES] [SEED]
#
# CASES is the number of cases per format (default 10000), both in the core and through the commands.
# Prints one line of counts per format and the memory lines; exits non-zero if any case failed or
# crashed (a trap would end the test process, which `swift test` reports as a failure).
set -eu
cd "$(dirname "$0")/../.."
CASES=${1:-10000}
SEED=${2:-24301}
REPORT=$(mktemp /tmp/optout-fuzz-report.XXXXXX)
trap 'rm -f "$REPORT"' EXIT
command -v swift >/dev/null 2>&1 || PATH=/opt/swift/usr/bin:$PATH

echo "building (release binary, and the test bundle)…"
swift build -c release >/dev/null
swift build --build-tests >/dev/null

start=$(date +%s)
status=0
OPTOUT_FUZZ_CASES=$CASES OPTOUT_FUZZ_COMMAND_CASES=$CASES OPTOUT_FUZZ_SEED=$SEED OPTOUT_FUZZ_REPORT=$REPORT \
OPTOUT_LARGE_FIELD_BYTES=$((100 * 1024 * 1024)) \
    OPTOUT_TEST_BINARY=$(pwd)/.build/release/optout swift test --skip-build --filter 'ParserFuzzTests|HostileInputCoreTests|HostileInputTests|PrivacyTests' \
    > "$REPORT.log" 2>&1 || status=$?
end=$(date +%s)

echo "seed $SEED, $CASES cases per format (core and command), $((end - start)) s"
cat "$REPORT"
grep -E '^(✘|✔) Test run' "$REPORT.log" || true
if [ "$status" -ne 0 ]; then
    grep -E '✘|Fatal error|crashed' "$REPORT.log" | head -40
    echo "FAILED (exit $status); full log: $REPORT.log"
    exit "$status"
fi
rm -f "$REPORT.log"

#!/usr/bin/env bash
# Export benchmark (issue 5): `optout export` of a six-month range as CSV against the sqlite3 CLI running
# the equivalent query with -csv on the same database, in the same run. See Benchmarks/README.md.
#
# Usage: Benchmarks/export_benchmark.sh [ENTRIES] [EVENTS] [RUNS]   (defaults 1000000 2000000 5)
# Needs: swift, sqlite3, python3, GNU time (/usr/bin/time; apt-get install time).
set -euo pipefail
ENTRIES=${1:-1000000}
EVENTS=${2:-2000000}
RUNS=${3:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/optout-export-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PATH=/opt/swift/usr/bin:$PATH

(cd "$ROOT" && swift build -c release --product optout >/dev/null)
OPTOUT="$ROOT/.build/release/optout"
DB="$WORK/optout.sqlite"
export OPTOUT_DB="$DB"

echo "filling $DB with $ENTRIES entries and $EVENTS events over 2025 ..."
"$OPTOUT" config reset default-country >/dev/null 2>&1   # creates the schema (a command that writes)
python3 "$ROOT/Benchmarks/export_fill.py" "$DB" "$ENTRIES" "$EVENTS"
ls -l "$DB" | awk '{print "database size: " $5 " bytes"}'

SINCE=2025-04-01; UNTIL=2025-10-01
SINCE_MS=1743465600000; UNTIL_MS=1759276800000
iso() { echo "CASE WHEN $1 IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ', $1 / 1000, 'unixepoch') END AS $2"; }
bool() { echo "CASE $1 WHEN 0 THEN 'false' ELSE 'true' END AS $2"; }
# The same columns as `optout export` (Records.storedEntryFields), computed the same way.
QUERY="SELECT CASE WHEN substr(number, 1, 1) = '+' THEN number END AS number, scope, status, $(iso changed_at changed_at),
 consent, $(iso consent_at consent_at), consent_source,
 $(bool blocked blocked), $(iso blocked_at blocked_at), blocked_source,
 $(bool marketing_stopped marketing_stopped), $(iso marketing_at marketing_stopped_at), marketing_source AS marketing_stopped_source,
 actor, reason, $(bool review_pending review_pending), $(iso review_at review_pending_at), review_source AS review_pending_source,
 CASE WHEN substr(number, 1, 1) != '+' AND substr(number, 4, 4) != 'ENT.' THEN number END AS user_id,
 CASE WHEN substr(number, 1, 1) != '+' AND substr(number, 4, 4) = 'ENT.' THEN number END AS parent_user_id,
 (SELECT group_concat(identifier, ' ') FROM (SELECT i.identifier FROM identifiers i WHERE i.scope = entries.scope
   AND i.subject = (SELECT j.subject FROM identifiers j WHERE j.scope = entries.scope AND j.match_key = entries.match_key)
   ORDER BY i.identifier)) AS identifiers
 FROM entries WHERE scope = 'default' AND changed_at >= $SINCE_MS AND changed_at < $UNTIL_MS ORDER BY changed_at, number"

run_optout() { "$OPTOUT" export --since $SINCE --until $UNTIL --format csv --output "$WORK/optout.csv"; }
run_sqlite() { sqlite3 -csv -header -newline $'\n' "$DB" "$QUERY" > "$WORK/sqlite.csv"; }

# Warm the page cache, then check both give the same records. (Not the same bytes: sqlite3 also quotes
# every field that contains a space; both are RFC 4180.)
run_optout; run_sqlite
SAME=$(python3 -c 'import csv, sys; a, b = (list(csv.reader(open(p, newline=""))) for p in sys.argv[1:]); print("yes" if a == b else "no")' \
    "$WORK/optout.csv" "$WORK/sqlite.csv")
ROWS=$(($(wc -l < "$WORK/optout.csv") - 1))

measure() {  # prints "seconds kilobytes"
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null
    cat "$WORK/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: > "$WORK/optout.times"; : > "$WORK/sqlite.times"
for _ in $(seq "$RUNS"); do
    measure bash -c "$(declare -f run_optout); OPTOUT='$OPTOUT' WORK='$WORK' SINCE=$SINCE UNTIL=$UNTIL run_optout" >> "$WORK/optout.times"
    measure sqlite3 -csv -header -newline $'\n' "$DB" "$QUERY" >> "$WORK/sqlite.times"
done
OPT_S=$(cut -d' ' -f1 "$WORK/optout.times" | median); OPT_KB=$(cut -d' ' -f2 "$WORK/optout.times" | median)
SQL_S=$(cut -d' ' -f1 "$WORK/sqlite.times" | median); SQL_KB=$(cut -d' ' -f2 "$WORK/sqlite.times" | median)

# Memory must not grow with rows: a one-month range for comparison.
/usr/bin/time -f '%M' -o "$WORK/time" "$OPTOUT" export --since 2025-04-01 --until 2025-05-01 --output "$WORK/month.csv"
MONTH_KB=$(cat "$WORK/time")

echo
echo "range [$SINCE, $UNTIL): $ROWS rows, $(wc -c < "$WORK/optout.csv") bytes; same records as sqlite3: $SAME"
echo "optout export : median ${OPT_S}s of $RUNS, peak RSS ${OPT_KB} KB (one month: ${MONTH_KB} KB)"
echo "sqlite3 -csv  : median ${SQL_S}s of $RUNS, peak RSS ${SQL_KB} KB"
awk -v a="$OPT_S" -v b="$SQL_S" 'BEGIN { printf "ratio optout/sqlite3: %.2fx (target <= 1.2x)\n", (b > 0 ? a / b : 0) }'

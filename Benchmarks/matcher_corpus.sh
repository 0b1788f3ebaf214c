#!/usr/bin/env bash
# Times the keyword matcher inside `optout ingest-message --jsonl`: the labelled corpus
# (Tests/Fixtures/corpus) replayed REPS times, with this checkout's release build and with a baseline
# built from BASE_REF in a temporary worktree (see Benchmarks/README.md).
# Usage: Benchmarks/matcher_corpus.sh [REPS] [BASE_REF] [RUNS]
set -euo pipefail
reps=${1:-1000}
base_ref=${2:-1c2b1e6}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=${TMPDIR:-/tmp}/optout-matcher-bench
mkdir -p "$work"

(cd "$root" && swift build -c release >/dev/null)
current="$root/.build/release/optout"
if [ ! -x "$work/base/.build/release/optout" ] || [ "$(git -C "$work/base" rev-parse HEAD 2>/dev/null)" != "$(git -C "$root" rev-parse "$base_ref")" ]; then
    git -C "$root" worktree remove --force "$work/base" 2>/dev/null || rm -rf "$work/base"
    git -C "$root" worktree add --detach "$work/base" "$base_ref" >/dev/null
    (cd "$work/base" && swift build -c release >/dev/null)
fi
baseline="$work/base/.build/release/optout"

# Two replays: every corpus text (the new matcher opts more of them out, so it also writes more), and
# the texts labelled none (ordinary chat: neither build writes anything, so the difference is matching).
python3 - "$root/Tests/Fixtures/corpus" "$reps" "$work" <<'PY'
import glob, json, os, sys
folder, reps, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []
for path in sorted(glob.glob(os.path.join(folder, "*.tsv"))):
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        _, label, text = line.rstrip("\n").split("\t")
        rows.append((label, text.replace("\\n", "\n")))
for name, subset in (("all", rows), ("chat", [r for r in rows if r[0] == "none"])):
    with open(os.path.join(work, f"{name}.jsonl"), "w", encoding="utf-8") as out:
        n = 0
        for _ in range(reps):
            for _, text in subset:
                out.write(json.dumps({"from": "+1%010d" % (2000000000 + n), "text": text}, ensure_ascii=False) + "\n")
                n += 1
    print(f"{name}: {n} messages")
PY

time_one() { # binary input → seconds
    rm -f "$work/db.sqlite" "$work/db.sqlite-wal" "$work/db.sqlite-shm"
    "$1" config reset default-country --db "$work/db.sqlite" >/dev/null 2>&1 || true
    /usr/bin/time -f "%e" "$1" ingest-message --db "$work/db.sqlite" --jsonl "$2" --format json 2>&1 >/dev/null | tail -1
}
for input in chat all; do
    lines=$(wc -l <"$work/$input.jsonl")
    for label in baseline current; do
        bin=$baseline; [ $label = current ] && bin=$current
        best=""
        for i in $(seq 1 "$runs"); do
            t=$(time_one "$bin" "$work/$input.jsonl")
            if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; fi
        done
        eval "best_$label=$best"
        python3 -c "print('$input $label: best of $runs ' + '%.2f s, %.2f µs/message' % ($best, $best * 1e6 / $lines))"
    done
    python3 -c "print('$input: current / baseline = %.2f' % ($best_current / $best_baseline))"
done

#!/usr/bin/env python3
"""Benchmark `optout filter-campaign` against sqlite3, DuckDB, Polars and `cat` (see README.md).

Builds release, generates ROWS recipients and SUPPRESSIONS numbers (fixed seed) in Benchmarks/work/,
loads the suppressions with `optout block --file`, then times each tool RUNS times and prints median wall
time, peak memory (max RSS from /usr/bin/time) and the ratio to optout. optout filters the mixed-format
file (normalising every number); the other tools anti-join the copy whose phone column is already E.164.
Every tool's kept rows are compared by their `id` column (count and hash of the sorted ids).
"""

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "Benchmarks", "work")


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def ensure_time():
    if os.path.exists("/usr/bin/time"):
        return True
    print("installing GNU time for peak memory (apt-get install time)", file=sys.stderr)
    try:
        run(["apt-get", "install", "-y", "-qq", "time"], stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError):
        return False
    return os.path.exists("/usr/bin/time")


def ensure_python_tools():
    """A venv in work/ with duckdb and polars when pip can install them; returns its python or None."""
    venv = os.path.join(WORK, "venv")
    python = os.path.join(venv, "bin", "python")
    try:
        if not os.path.exists(python):
            run([sys.executable, "-m", "venv", venv])
        run([python, "-m", "pip", "install", "-q", "duckdb", "polars"], stdout=subprocess.DEVNULL)
        return python
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"note: cannot install duckdb/polars with pip ({error}); skipping them", file=sys.stderr)
        return None


def timed(command, stdout_path=None, env=None, output=None):
    """(wall seconds, peak RSS in MB) of one run.

    The file the tool writes (`output`, or its standard output) is removed before the clock starts, so
    that every tool writes a new file: replacing the last run's 83 MB costs a file system its blocks
    (a rename over it took 33 ms here, with `strace -T`), and `cat`'s output, truncated by the shell
    before `cat` starts, never paid for that.

    Wall time is taken here with a monotonic clock (GNU time's %e has a 10 ms resolution, a third of
    `cat`'s whole run); peak RSS comes from GNU time wrapped around the command, whose own fork and exec
    add well under a millisecond to every tool alike."""
    for path in (output, stdout_path):
        if path and os.path.exists(path):
            os.remove(path)
    with open(stdout_path or os.devnull, "wb") as out:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=out, stderr=subprocess.PIPE,
                                env=env, cwd=WORK)
        wall = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.decode(errors='replace')}")
    rss = result.stderr.decode().strip().splitlines()[-1]
    return wall, int(rss) / 1024


def kept_ids(path):
    """(count, sha256 of the sorted ids) of a CSV's data rows; the id is the first column."""
    import csv
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        ids = sorted(int(row[0]) for row in rows if row)
    return len(ids), hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


DUCKDB = """
import duckdb
duckdb.connect().execute('''COPY (SELECT r.* FROM read_csv('recipients_e164.csv', all_varchar=true, header=true) r
  WHERE r.phone IS NOT NULL AND r.phone <> '' AND r.phone NOT IN
  (SELECT number FROM read_csv('suppressions.csv', all_varchar=true, header=true))) TO 'duckdb.out.csv' (HEADER)''')
"""

POLARS = """
import polars as pl
r = pl.scan_csv('recipients_e164.csv', infer_schema=False)
s = pl.scan_csv('suppressions.csv', infer_schema=False)
(r.filter(pl.col('phone').is_not_null() & (pl.col('phone') != ''))
  .join(s, left_on='phone', right_on='number', how='anti').sink_csv('polars.out.csv'))
"""

SQLITE = """.mode csv
.import recipients_e164.csv r
.import suppressions.csv s
CREATE INDEX s_number ON s(number);
.headers on
.output sqlite.out.csv
SELECT r.* FROM r WHERE r.phone <> '' AND r.phone NOT IN (SELECT number FROM s);
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--suppressions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    if not ensure_time():
        sys.exit("GNU time (/usr/bin/time) is needed for peak memory; install the 'time' package")
    if not args.skip_build:
        run(["swift", "build", "-c", "release", "--product", "optout"], cwd=ROOT)
    optout = os.path.join(ROOT, ".build", "release", "optout")

    stamp = os.path.join(WORK, f"data-{args.rows}-{args.suppressions}")
    if not os.path.exists(stamp):
        print(f"generating {args.rows} rows and {args.suppressions} suppressions", file=sys.stderr)
        run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_recipients.py"), WORK, str(args.rows),
             str(args.suppressions)])
        database = os.path.join(WORK, "optout.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(database + suffix):
                os.remove(database + suffix)
        run([optout, "block", "--db", database, "--file", "suppressions.txt", "--reason", "benchmark"],
            cwd=WORK, stdout=subprocess.DEVNULL)
        for name in os.listdir(WORK):
            if name.startswith("data-"):
                os.remove(os.path.join(WORK, name))
        open(stamp, "w").close()

    python = ensure_python_tools()
    env = dict(os.environ, OPTOUT_DB=os.path.join(WORK, "optout.sqlite"))
    tools = [
        ("optout (mixed formats)", [optout, "filter-campaign", "recipients.csv", "--default-country", "MX",
                                    "--output", "optout.out.csv"], None, "optout.out.csv"),
        ("optout > file (stdout, no fsync)", [optout, "filter-campaign", "recipients.csv", "--default-country",
                                              "MX"], "optout.stdout.csv", None),
        ("optout --output /dev/null", [optout, "filter-campaign", "recipients.csv", "--default-country", "MX",
                                       "--output", "/dev/null"], None, None),
        ("cat file > out", ["cat", "recipients.csv"], "cat.out.csv", None),
        ("dd conv=fsync (copy + fsync)", ["dd", "if=recipients.csv", "of=dd.out.csv", "bs=1M", "conv=fsync",
                                          "status=none"], None, "dd.out.csv"),
    ]
    if shutil.which("sqlite3"):
        with open(os.path.join(WORK, "anti_join.sql"), "w") as handle:
            handle.write(SQLITE)
        tools.append(("sqlite3 CLI (E.164 copy)", ["sh", "-c", "rm -f bench.sqlite && sqlite3 bench.sqlite < anti_join.sql"],
                      None, "sqlite.out.csv"))
    else:
        print("note: sqlite3 not found; skipping it", file=sys.stderr)
    if python:
        for name, code in (("duckdb", DUCKDB), ("polars", POLARS)):
            with open(os.path.join(WORK, f"{name}_anti_join.py"), "w") as handle:
                handle.write(code)
        tools.append(("DuckDB (E.164 copy)", [python, "duckdb_anti_join.py"], None, "duckdb.out.csv"))
        tools.append(("Polars (E.164 copy)", [python, "polars_anti_join.py"], None, "polars.out.csv"))

    for path in ("optout.out.csv", "optout.stdout.csv", "sqlite.out.csv", "duckdb.out.csv", "polars.out.csv"):
        if os.path.exists(os.path.join(WORK, path)):
            os.remove(os.path.join(WORK, path))
    # Round robin (every tool once, then again) so that a slow patch of the machine hits all tools alike.
    samples = {label: [] for label, _, _, _ in tools}
    for _ in range(args.runs):
        for label, command, stdout_path, output in tools:
            samples[label].append(timed(command, stdout_path and os.path.join(WORK, stdout_path), env,
                                        output and os.path.join(WORK, output)))
    results = [(label, statistics.median(s[0] for s in samples[label]), max(s[1] for s in samples[label]))
               for label, _, _, _ in tools]

    reference = results[0][1]
    print(f"\nfilter-campaign benchmark: {args.rows} rows, {args.suppressions} suppressions, "
          f"median of {args.runs} runs, {os.cpu_count()} CPUs")
    print(f"{'tool':<36}{'wall (s)':>10}{'peak RSS (MB)':>15}{'time / optout':>15}")
    for label, wall, rss in results:
        print(f"{label:<36}{wall:>10.3f}{rss:>15.1f}{wall / reference:>15.2f}")
    walls = {label: wall for label, wall, _ in results}
    floors = [("cat", walls.get("cat file > out")), ("dd conv=fsync", walls.get("dd conv=fsync (copy + fsync)"))]
    print("optout (atomic --output, fsynced) / floor: " + ", ".join(
        f"{name} {reference / wall:.1f}x" for name, wall in floors if wall))
    fastest = min((walls[label] for label in walls if label.startswith(("DuckDB", "Polars"))), default=None)
    if fastest:
        print(f"fastest of DuckDB/Polars / optout: {fastest / reference:.2f}x")

    outputs = {"optout": "optout.out.csv", "sqlite3": "sqlite.out.csv", "duckdb": "duckdb.out.csv",
               "polars": "polars.out.csv"}
    print("\nkept rows (count, hash of sorted ids):")
    seen = set()
    for name, path in outputs.items():
        full = os.path.join(WORK, path)
        if os.path.exists(full):
            count, digest = kept_ids(full)
            seen.add((count, digest))
            print(f"  {name:<8} {count} {digest}")
    if len(seen) != 1:
        sys.exit("MISMATCH: the tools did not keep the same rows")
    with open(os.path.join(WORK, "optout.out.csv"), "rb") as file, \
            open(os.path.join(WORK, "optout.stdout.csv"), "rb") as piped:
        if file.read() != piped.read():
            sys.exit("MISMATCH: optout's --output file and standard output differ")
    print("  all tools kept the same rows")


if __name__ == "__main__":
    main()

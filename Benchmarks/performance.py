#!/usr/bin/env python3
"""Where people wait: every figure of Docs/performance.md's "Where people wait" table, each against
its sqlite3 CLI reference measured in the same run (issue "Fast where people wait").

Usage: python3 Benchmarks/performance.py [--events 100000,1000000] [--bulk 1000000] [--list 100000]
       [--runs 20] [--skip-build]

Builds optout with Scripts/build-release.sh, as Scripts/install.sh does (release, the Swift runtime
and libstdc++ linked in), then, in Benchmarks/work/performance/ (git-ignored):
1. for each size in --events, a database made by optout itself: `ingest-message --jsonl` of that many
   keyword messages (STOP and START in turn for 100,000 numbers, so every message is an event), timed
   with its peak memory (the replay's cost per message as the log grows) and the floor at that size
   (sqlite3 writing the same rows set-based, as in 3), then `show` and `check` of
   one number against the sqlite3 CLI's indexed queries answering them;
2. one `ingest-message --from … --text STOP` (a new number each run), one `--whatsapp -` (a Meta
   body on standard input) and one ordinary chat message (no keyword, so every layer of the matcher
   reads it: what most webhooks receive) against a one-row sqlite3 insert; `--version` against
   `sqlite3 -version`;
3. `--jsonl` replay of --bulk messages (peak memory, µs a message) against sqlite3's `.import` of the
   same messages as rows into an indexed table, and the floor: sqlite3 writing the rows the replay
   stores (a message id, an event, the entry a message) into the schema optout made, set-based in one
   transaction, with no statement per row;
4. `block --file` of --bulk numbers against `.import` of them, and the floors: sqlite3 writing an event
   and an entry a number into optout's schema, set-based, in file order, in sorted batches (as optout
   does) and all sorted;
5. `list` as a table of --list entries against `sqlite3 -column`.
Medians of --runs runs for the short commands (round robin: optout, then the reference, again), one
run each for the bulk ones; peak memory from GNU time. Needs python3, sqlite3 and /usr/bin/time.
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work", "performance")
SCRATCH = os.path.join(WORK, "build")

# The rows a replay of keyword messages stores (a message id, an event, the entry a message), written
# by sqlite3 from a table `src.events (number, text, message_id, at)` of the messages.
REPLAY_ROWS = """
        INSERT INTO inbound_messages SELECT 'default', message_id, at FROM src.events;
        INSERT INTO events (scope, match_key, number, action, source, at, recorded_at, message_id, message_text,
                            keyword, applied, layer, rule)
            SELECT 'default', CAST(substr(number, 2) AS INTEGER), number,
                   CASE text WHEN 'STOP' THEN 'opt-out' ELSE 'opt-in' END, 'whatsapp', at * 1000, 1767261600000,
                   message_id, text, lower(text), 1, 'exact', 'whole-message opt-out keyword "' || lower(text) || '"'
            FROM src.events;
        INSERT OR REPLACE INTO entries (scope, match_key, number, consent, consent_at, consent_source, status, changed_at)
            SELECT 'default', CAST(substr(number, 2) AS INTEGER), number,
                   CASE text WHEN 'STOP' THEN 'opted-out' ELSE 'opted-in' END, at * 1000, 'whatsapp',
                   CASE text WHEN 'STOP' THEN 'opted-out' ELSE 'opted-in' END, at * 1000
            FROM src.events;"""


def run(command, stdin=None, env=None):
    """Runs `command`, its output discarded. A reference (the sqlite3 CLI) must succeed without a
    word on standard error: twice a reference measured warnings instead of work (one for each of
    a million lines, then one for each repeated number), and flattered optout by a sixth."""
    reference = "sqlite3" in command  # run alone, or under /usr/bin/time by peak()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as given:
        done = subprocess.run(command, stdin=given, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE if reference else subprocess.DEVNULL, env=env, check=False)
    if reference and (done.returncode != 0 or done.stderr):
        said = done.stderr.decode(errors="replace").splitlines()
        sys.exit(f"performance.py: the reference {' '.join(command)} exited {done.returncode}"
                 f"{': ' + said[0] if said else ''}{f' (and {len(said) - 1} more lines)' if len(said) > 1 else ''}")


def timed(command, stdin=None):
    start = time.monotonic()
    run(command, stdin)
    return time.monotonic() - start


def peak(command, stdin=None):
    """Seconds and peak RSS (MB) of one run, through GNU time."""
    out = os.path.join(WORK, "time.txt")
    start = time.monotonic()
    run(["/usr/bin/time", "-o", out, "-f", "%M"] + command, stdin)
    seconds = time.monotonic() - start
    with open(out) as f:
        return seconds, int(f.read().split()[-1]) / 1024


def medians(pairs, runs):
    """Round robin over (label, command-maker) pairs; the median seconds of each."""
    times = {label: [] for label, _ in pairs}
    for i in range(runs):
        for label, make in pairs:
            command, stdin = make(i)
            times[label].append(timed(command, stdin))
    return {label: statistics.median(values) for label, values in times.items()}


def remove_database(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def keyword_messages(path, count, numbers=100_000):
    """count messages, STOP then START in turn for each of `numbers` numbers: each one an event."""
    with open(path, "w") as f:
        for i in range(count):
            n = i % numbers
            text = "STOP" if (i // numbers) % 2 == 0 else "START"
            f.write(json.dumps({"from": "+1555%07d" % n, "text": text, "id": "wamid.%010d" % i, "at": 1735689600 + i}) + "\n")


def row(what, optout, reference, ratio_target, memory=""):
    ratio = optout / reference
    print(f"| {what} | {optout * 1000:.2f} ms | {reference * 1000:.2f} ms | {ratio:.2f}× (target ≤ {ratio_target}×) | {memory} |", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", default="100000,1000000")
    parser.add_argument("--bulk", type=int, default=1_000_000)
    parser.add_argument("--list", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    for tool in ("sqlite3", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"performance.py needs {tool}")
    if not args.skip_build:
        subprocess.run([os.path.join(ROOT, "Scripts", "build-release.sh"), SCRATCH], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    optout = os.path.join(SCRATCH, "release", "optout")
    # A binary just written starts slower while its pages are written back (5–10% here): flush first.
    os.sync()
    time.sleep(3)
    print(f"optout {subprocess.run([optout, '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"sqlite3 {subprocess.run(['sqlite3', '-version'], capture_output=True, text=True).stdout.split()[0]}, {args.runs} runs\n")
    print("| what | optout | sqlite3 CLI (same run) | ratio | peak memory |\n|---|---|---|---|---|")

    # 1. show and check as the log grows.
    for size in [int(s) for s in args.events.split(",")]:
        messages = os.path.join(WORK, f"keywords-{size}.jsonl")
        if not os.path.exists(messages):
            keyword_messages(messages, size)
        db = os.path.join(WORK, f"events-{size}.sqlite")
        # Made afresh each run: its time is the replay's cost per message at this size (flat or not).
        remove_database(db)
        seconds, memory = peak([optout, "ingest-message", "--db", db, "--jsonl", messages, "--format", "text"])
        print(f"| `ingest-message --jsonl`, {size:,} messages, text out (cost per message as the log grows) "
              f"| {seconds:.2f} s | {seconds / size * 1e6:.1f} µs a message | | {memory:.1f} MB (target ≤ 32 MB) |", flush=True)
        # Whether any replay can be flat: sqlite3 writing the same rows set-based at this size.
        source = os.path.join(WORK, f"replay-source-{size}.sqlite")
        remove_database(source)
        run(["sqlite3", source], stdin=write(os.path.join(WORK, "replay-source.sql"),
            f".mode csv\nCREATE TABLE events (number TEXT, text TEXT, message_id TEXT, at INTEGER);\n.import {message_rows(messages, size)} events\n"))
        floor = schema_floor(db, source, "replay-floor.sqlite", REPLAY_ROWS)
        remove_database(source)
        print(f"| the floor at {size:,} messages: the same rows written set-based by sqlite3 into optout's schema "
              f"| {floor:.2f} s | {floor / size * 1e6:.1f} µs a message | | |", flush=True)
        number = "+15550000042"
        key = subprocess.run(["sqlite3", db, f"SELECT match_key FROM entries WHERE number = '{number}'"],
                             capture_output=True, text=True).stdout.strip()
        show_sql = (f"SELECT * FROM entries WHERE match_key = {key}; "
                    f"SELECT * FROM events WHERE match_key = {key} ORDER BY scope, id;")
        check_sql = f"SELECT status FROM entries WHERE scope = 'default' AND match_key = {key};"
        m = medians([
            ("show", lambda i: ([optout, "show", "--db", db, number], None)),
            ("show-ref", lambda i: (["sqlite3", db, show_sql], None)),
            ("check", lambda i: ([optout, "check", "--db", db, number], None)),
            ("check-ref", lambda i: (["sqlite3", db, check_sql], None)),
        ], args.runs)
        row(f"`show NUMBER`, {size:,} events", m["show"], m["show-ref"], 1.5)
        row(f"`check NUMBER`, {size:,} events", m["check"], m["check-ref"], 1.5)

    # 2. One webhook, start-up.
    db = os.path.join(WORK, "webhook.sqlite")
    remove_database(db)
    run([optout, "config", "reset", "default-country", "--db", db])
    run(["sqlite3", db, "CREATE TABLE IF NOT EXISTS bench (id INTEGER PRIMARY KEY, scope TEXT, number TEXT, text TEXT, at INTEGER)"])
    body = os.path.join(WORK, "meta.json")

    def meta(i):
        message = {"id": f"wamid.b{i}", "from": "1666%07d" % i, "timestamp": "1767261600", "type": "text", "text": {"body": "STOP"}}
        with open(body, "w") as f:
            json.dump({"object": "whatsapp_business_account",
                       "entry": [{"id": "1", "changes": [{"field": "messages", "value": {"messages": [message]}}]}]}, f)
        return [optout, "ingest-message", "--db", db, "--whatsapp", "-"], body

    insert = lambda i: (["sqlite3", db, f"INSERT INTO bench (scope, number, text, at) VALUES ('default', '+1777{i:07d}', 'STOP', {i})"], None)
    m = medians([
        ("text", lambda i: ([optout, "ingest-message", "--db", db, "--from", "+1555%07d" % (9_000_000 + i), "--text", "STOP"], None)),
        ("chat", lambda i: ([optout, "ingest-message", "--db", db, "--from", "+1555%07d" % (8_000_000 + i),
                             "--text", "Hi, is my order coming today? I paid yesterday"], None)),
        ("insert", insert),
        ("whatsapp", meta),
        ("version", lambda i: ([optout, "--version"], None)),
        ("sqlite-version", lambda i: (["sqlite3", "-version"], None)),
    ], args.runs)
    row("one `ingest-message --from … --text STOP` (new number, synchronous=FULL)", m["text"], m["insert"], 1.5)
    row("one `ingest-message --whatsapp -` (Meta body on stdin)", m["whatsapp"], m["insert"], 1.5)
    row("one ordinary message (no keyword: every layer reads it)", m["chat"], m["insert"], 1.5)
    row("`--version` (start-up)", m["version"], m["sqlite-version"], 1.5)

    # 3. --jsonl replay against .import of the same messages as rows.
    messages = os.path.join(WORK, f"keywords-{args.bulk}.jsonl")
    if not os.path.exists(messages):
        keyword_messages(messages, args.bulk)
    rows_csv = message_rows(messages, args.bulk)
    db = os.path.join(WORK, "replay.sqlite")
    remove_database(db)
    seconds, memory = peak([optout, "ingest-message", "--db", db, "--jsonl", messages, "--format", "json"])
    ref = os.path.join(WORK, "import.sqlite")
    remove_database(ref)
    script = (".mode csv\nCREATE TABLE events (number TEXT, text TEXT, message_id TEXT, at INTEGER);\n"
              "CREATE INDEX events_by_number ON events (number);\n"
              f".import {rows_csv} events\n")
    reference, ref_memory = peak(["sqlite3", ref], stdin=write(os.path.join(WORK, "import.sql"), script))
    print(f"| `ingest-message --jsonl`, {args.bulk:,} messages, JSON out | {seconds:.2f} s ({seconds / args.bulk * 1e6:.1f} µs a message) "
          f"| `.import` into an indexed table: {reference:.2f} s | {seconds / reference:.2f}× (target ≤ 3×) | {memory:.1f} MB (sqlite3 {ref_memory:.1f} MB) |", flush=True)
    # The floor: the rows the replay stores (a message id, an event, the entry), written by sqlite3
    # itself into the schema optout made, set-based in one transaction: no statement per row.
    floor = schema_floor(db, ref, "replay-floor.sqlite", REPLAY_ROWS)
    print(f"| the same rows written set-based by sqlite3 into optout's schema (the floor for any replay) | {floor:.2f} s "
          f"| `.import`: {reference:.2f} s | {floor / reference:.2f}× | |", flush=True)

    # 4. block --file against .import.
    numbers = os.path.join(WORK, f"numbers-{args.bulk}.txt")
    if not os.path.exists(numbers):
        rng = random.Random(3)
        with open(numbers, "w") as f:
            for _ in range(args.bulk):
                f.write("+1555%07d\n" % rng.randrange(10_000_000))
    db = os.path.join(WORK, "block.sqlite")
    remove_database(db)
    seconds, memory = peak([optout, "block", "--db", db, "--file", numbers])
    remove_database(ref)
    # One column, as the file has: a second one made the CLI warn "expected 2 columns but found 1"
    # for every line, and writing a million warnings (to /dev/null) was a sixth of the reference's time.
    # A number that comes again is ignored, as block finds it already blocked: as a plain key it made
    # the CLI report "UNIQUE constraint failed" for each (48,000 of 1M numbers at random), a sixth of
    # the reference's time again (median of 6: 3.98 s against 3.35 s).
    script = ("CREATE TABLE entries (number TEXT PRIMARY KEY ON CONFLICT IGNORE) WITHOUT ROWID;\n"
              f".import {numbers} entries\n")
    reference, ref_memory = peak(["sqlite3", ref], stdin=write(os.path.join(WORK, "import.sql"), script))
    print(f"| `block --file`, {args.bulk:,} numbers | {seconds:.2f} s | `.import` into a keyed table: {reference:.2f} s "
          f"| {seconds / reference:.2f}× (target ≤ 3×) | {memory:.1f} MB (target ≤ 64 MB; sqlite3 {ref_memory:.1f} MB) |", flush=True)
    # The floor: an event and an entry a number, written by sqlite3 into the schema optout made,
    # set-based, in three orders (the indexes keyed on the number decide): as in the file, in batches
    # of 1,048,576 sorted by number (what optout does: PendingInputs.capacity), and all sorted.
    source = os.path.join(WORK, "numbers-floor.sqlite")
    remove_database(source)
    run(["sqlite3", source], stdin=write(os.path.join(WORK, "floor-source.sql"),
                                         f"CREATE TABLE numbers (number TEXT);\n.import {numbers} numbers\n"))
    for label, order in (("in file order", "ORDER BY rowid"), ("in sorted batches of 1,048,576", "ORDER BY rowid / 1048576, number"),
                         ("sorted by number", "ORDER BY number")):
        floor = schema_floor(db, source, "block-floor.sqlite", f"""
            INSERT INTO events (scope, match_key, number, action, source, at, recorded_at, actor, applied)
                SELECT 'default', CAST(substr(number, 2) AS INTEGER), number, 'block', 'manual',
                       1767261600000, 1767261600000, 'bench', 1 FROM src.numbers {order};
            INSERT OR IGNORE INTO entries (scope, match_key, number, blocked, blocked_at, blocked_source, status, changed_at, actor)
                SELECT 'default', CAST(substr(number, 2) AS INTEGER), number, 1, 1767261600000, 'manual', 'blocked',
                       1767261600000, 'bench' FROM src.numbers {order};""")
        print(f"| the same rows written set-based by sqlite3 into optout's schema, {label} "
              f"| {floor:.2f} s | `.import`: {reference:.2f} s | {floor / reference:.2f}× | |", flush=True)
    remove_database(source)

    # 5. list as a table.
    listed = os.path.join(WORK, f"list-{args.list}.txt")
    with open(listed, "w") as f:
        for i in range(args.list):
            f.write("+1444%07d\n" % i)
    db = os.path.join(WORK, "list.sqlite")
    remove_database(db)
    run([optout, "block", "--db", db, "--file", listed])
    m = medians([
        ("list", lambda i: ([optout, "list", "--db", db], None)),
        ("column", lambda i: (["sqlite3", "-column", db, "SELECT number, status, changed_at, actor, reason FROM entries ORDER BY changed_at DESC"], None)),
    ], max(5, args.runs // 2))
    row(f"`list` as a table, {args.list:,} entries", m["list"], m["column"], 1.3)


def message_rows(messages, size):
    """A CSV of the --jsonl file `messages` (number, text, message id, time), made once."""
    rows_csv = os.path.join(WORK, f"keywords-{size}.csv")
    if not os.path.exists(rows_csv):
        with open(messages) as f, open(rows_csv, "w") as out:
            for line in f:
                m = json.loads(line)
                out.write(f"{m['from']},{m['text']},{m['id']},{m['at']}\n")
    return rows_csv


def schema_floor(optout_db, source_db, name, inserts):
    """Seconds sqlite3 takes to run `inserts` (reading the attached `src`, the reference's .import) in one
    transaction, into a new database with the schema of `optout_db`, with optout's journal mode,
    synchronous setting and bulk page cache."""
    schema = subprocess.run(["sqlite3", optout_db, ".schema"], capture_output=True, text=True, check=True).stdout
    schema = "\n".join(line for line in schema.splitlines() if "sqlite_sequence" not in line and "sqlite_stat1" not in line)
    path = os.path.join(WORK, name)
    remove_database(path)
    script = (f"PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nPRAGMA cache_size=-8192;\n{schema}\n"
              f"ATTACH '{source_db}' AS src;\nBEGIN;\n{inserts}\nCOMMIT;\n")
    seconds, _ = peak(["sqlite3", path], stdin=write(os.path.join(WORK, "floor.sql"), script))
    remove_database(path)
    return seconds


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


if __name__ == "__main__":
    main()

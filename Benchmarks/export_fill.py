#!/usr/bin/env python3
"""Fills an optout database (schema already created by a writing command, `optout config reset default-country`) with synthetic data for the
export benchmark: ENTRIES entries and EVENTS events spread over 2025, in scope `default`.

The fill writes straight into the schema with Python's sqlite3 module, bypassing optout's rules, so it
takes seconds instead of minutes; the rows are shaped like optout's own (E.164 numbers, whole-second
times in milliseconds, consistent status columns). Deterministic (fixed seed).
"""
import random
import sqlite3
import sys

path, entries, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
START = 1735689600  # 2025-01-01T00:00:00Z
YEAR = 365 * 86400
random.seed(42)
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
sources = ["keyword", "button", "whatsapp-preference", "manual", "import"]
reasons = [None, None, "customer asked by phone", "complaint, escalated", 'said "stop"']


def entry_rows():
    for i in range(entries):
        number = "+1%010d" % (2000000000 + i * 7)
        at = (START + random.randrange(YEAR)) * 1000
        kind = i % 4
        consent = consent_at = consent_source = None
        blocked, blocked_at, blocked_source = 0, None, None
        stopped, stopped_at, stopped_source = 0, None, None
        if kind == 0:
            blocked, blocked_at, blocked_source, status = 1, at, "manual", "blocked"
        elif kind == 1:
            consent, consent_at, consent_source, status = "opted-out", at, random.choice(sources), "opted-out"
        elif kind == 2:
            stopped, stopped_at, stopped_source, status = 1, at, "whatsapp-preference", "marketing-stopped"
        else:
            consent, consent_at, consent_source, status = "opted-in", at, "keyword", "opted-in"
        yield ("default", i * 7 + 1, number, consent, consent_at, consent_source, blocked, blocked_at,
               blocked_source, stopped, stopped_at, stopped_source, status, at, "staff%d" % (i % 13),
               reasons[i % len(reasons)])


def event_rows():
    actions = ["opt-out", "opt-in", "block", "unblock", "marketing-stop", "marketing-resume"]
    for i in range(events):
        n = random.randrange(entries)
        at = (START + random.randrange(YEAR)) * 1000
        yield ("default", n * 7 + 1, "+1%010d" % (2000000000 + n * 7), actions[i % 6], sources[i % 5], at,
               at + 1000, "staff%d" % (i % 13), reasons[i % 5], None, "STOP" if i % 6 == 0 else None,
               "stop" if i % 6 == 0 else None, 1)


with db:
    # Columns named: later schema versions append columns (review_pending…) with defaults.
    db.executemany(
        "INSERT INTO entries (scope, match_key, number, consent, consent_at, consent_source, blocked, blocked_at, "
        "blocked_source, marketing_stopped, marketing_at, marketing_source, status, changed_at, actor, reason) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", entry_rows())
with db:
    db.executemany(
        "INSERT INTO events (scope, match_key, number, action, source, at, recorded_at, actor, reason, "
        "message_id, message_text, keyword, applied) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", event_rows())
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("ANALYZE")
db.close()

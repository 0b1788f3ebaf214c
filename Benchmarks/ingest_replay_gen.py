#!/usr/bin/env python3
"""Writes a deterministic JSON Lines replay file for `optout ingest-message --jsonl`.

Usage: ingest_replay_gen.py LINES NUMBERS OUTPUT

Each line is {"from","text","id","at"}: 10% STOP-like opt-outs, 10% START-like opt-ins, 80% ordinary
chat, senders drawn from NUMBERS distinct US numbers, every line with a unique id, times increasing
from 2025-01-01. Fixed seed: the same arguments give the same bytes.
"""
import json
import random
import sys

lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
numbers = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
output = sys.argv[3] if len(sys.argv) > 3 else "/tmp/replay1m.jsonl"

rng = random.Random(20261121)
stops = ["STOP", "stop", "Stop please", "unsubscribe", "STOP.", "Cancel", "stop thanks"]
starts = ["START", "start", "Start", "subscribe", "UNSTOP", "yes"]
chat = [
    "Hi, is my order on its way?",
    "What time do you open tomorrow?",
    "Thanks, that works for me",
    "Can I change the delivery address to my office?",
    "Do you have this in a medium size?",
    "I'll pick it up on Saturday morning if that's ok",
    "How much is shipping to Texas?",
    "Great, see you then!",
    "My package arrived damaged, what should I do?",
    "Is the discount still valid this weekend?",
    "ok",
    "Could you send me the invoice again please",
]
base = 1735689600  # 2025-01-01T00:00:00Z
with open(output, "w", encoding="utf-8") as out:
    for index in range(lines):
        roll = rng.random()
        if roll < 0.10:
            text = rng.choice(stops)
        elif roll < 0.20:
            text = rng.choice(starts)
        else:
            text = rng.choice(chat)
        number = "+1555%07d" % rng.randrange(numbers)
        record = {"from": number, "text": text, "id": "wamid.%010d" % index, "at": base + index}
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

#!/usr/bin/env python3
"""How long the final fsync of an 83 MB output waits, with and without early writeback.

Writes 83 MB in 64 KiB pieces at about the pace of `optout filter-campaign` (a busy-wait stands in for
the filtering), then fsyncs; once plainly, once asking the kernel to start writeback every 8 MiB with
posix_fadvise(POSIX_FADV_DONTNEED) as `ByteSink` does for `AtomicFile`. Prints both phases per run.
Run from the repository root: python3 Benchmarks/writeback_fsync.py [RUNS]. Writes one temporary file in
Benchmarks/work/ and removes it.
"""

import os
import sys
import time

WORK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work")


def run(advise, path):
    data = os.urandom(1 << 16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    written = started = 0
    start = time.perf_counter()
    for piece in range(1270):
        os.write(fd, data)
        written += len(data)
        if piece % 4 == 0:
            pause = time.perf_counter()
            while time.perf_counter() - pause < 0.0008:
                pass
        if advise and written - started >= 8 << 20:
            os.posix_fadvise(fd, started, written - started, os.POSIX_FADV_DONTNEED)
            started = written
    wrote = time.perf_counter()
    os.fsync(fd)
    synced = time.perf_counter()
    os.close(fd)
    os.remove(path)
    return wrote - start, synced - wrote


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, "writeback.tmp")
    for _ in range(runs):
        plain = run(False, path)
        early = run(True, path)
        print(f"plain: write {plain[0]:.3f} s, fsync {plain[1]:.3f} s | "
              f"writeback every 8 MiB: write {early[0]:.3f} s, fsync {early[1]:.3f} s")


if __name__ == "__main__":
    main()

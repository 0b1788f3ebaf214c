#!/usr/bin/env python3
"""Requests per second and added latency of `optout ingest-message --cgi` behind lighttpd.

Usage: python3 Benchmarks/webhook_lighttpd.py [--requests N] [--skip-build]

Builds optout in release mode, starts lighttpd (from PATH or /usr/sbin; `apt-get install lighttpd`) on
127.0.0.1 with two CGI scripts, then sends N signed Meta STOP bodies (each from a new number, with a new
message id, so each one is recorded and queued) over one keep-alive connection, and again from two
clients at once (the machine has two cores). The reference, in the same run: the same requests to a CGI
script that only prints a fixed 200 response (`/bin/sh`, one `printf`), which is what lighttpd and a
process start cost whatever the program does. The added latency is optout's median minus the
reference's. lighttpd is stopped at the end, whatever happens.
"""

import argparse
import hashlib
import hmac
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SECRET = b"bench-secret"


def meta_body(index):
    number = "1555%07d" % index
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550001111", "phone_number_id": "1"},
            "contacts": [{"profile": {"name": "Bench"}, "wa_id": number}],
            "messages": [{"from": number, "id": "wamid.bench%d" % index, "timestamp": "1767261600",
                          "type": "text", "text": {"body": "STOP"}}]}}]}],
    }
    raw = json.dumps(body).encode()
    signature = "sha256=" + hmac.new(SECRET, raw, hashlib.sha256).hexdigest()
    return raw, signature


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def send(port, path, bodies, latencies):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for raw, signature in bodies:
        started = time.perf_counter()
        connection.request("POST", path, raw, {"Content-Type": "application/json", "X-Hub-Signature-256": signature})
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            raise SystemExit("%s answered %d" % (path, response.status))
    connection.close()


def measure(port, path, bodies, clients):
    latencies = []
    shares = [bodies[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=send, args=(port, path, share, latencies)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(bodies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--skip-build", action="store_true")
    options = parser.parse_args()
    lighttpd = shutil.which("lighttpd") or "/usr/sbin/lighttpd"
    if not os.access(lighttpd, os.X_OK):
        raise SystemExit("lighttpd is not installed (apt-get install lighttpd)")
    if not options.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "optout"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "optout")
    work = tempfile.mkdtemp(prefix="optout-webhook-bench.")
    server = None
    try:
        root = os.path.join(work, "www")
        os.mkdir(root)
        with open(os.path.join(root, "optout.cgi"), "w") as script:
            script.write("#!/bin/sh\nexec '%s' ingest-message --cgi\n" % binary)
        with open(os.path.join(root, "fixed.cgi"), "w") as script:
            script.write("#!/bin/sh\nprintf 'Status: 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nok\\n'\n")
        for name in ("optout.cgi", "fixed.cgi"):
            os.chmod(os.path.join(root, name), 0o755)
        database = os.path.join(work, "optout.sqlite")
        subprocess.run([binary, "config", "reset", "default-country", "--db", database], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = free_port()
        with open(os.path.join(work, "lighttpd.conf"), "w") as config:
            config.write("""server.modules = ("mod_cgi", "mod_setenv")
server.document-root = "%s"
server.bind = "127.0.0.1"
server.port = %d
server.errorlog = "%s/error.log"
server.breakagelog = "%s/cgi.log"
cgi.assign = (".cgi" => "")
setenv.add-environment = ("OPTOUT_DB" => "%s", "OPTOUT_META_APP_SECRET" => "%s")
""" % (root, port, work, work, database, SECRET.decode()))
        server = subprocess.Popen([lighttpd, "-D", "-f", os.path.join(work, "lighttpd.conf")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        n = options.requests
        bodies = [meta_body(i) for i in range(4 * n)]
        measure(port, "/fixed.cgi", bodies[:20], 1)  # warm up
        measure(port, "/optout.cgi", bodies[3 * n:3 * n + 20], 1)
        results = {
            ("reference CGI (sh printf)", 1): measure(port, "/fixed.cgi", bodies[:n], 1),
            ("optout ingest-message --cgi", 1): measure(port, "/optout.cgi", bodies[:n], 1),
            ("reference CGI (sh printf)", 2): measure(port, "/fixed.cgi", bodies[n:2 * n], 2),
            ("optout ingest-message --cgi", 2): measure(port, "/optout.cgi", bodies[n:2 * n], 2),
        }
        recorded = subprocess.run([binary, "outbox", "--format", "csv", "--db", database], check=True,
                                  capture_output=True, text=True).stdout.count("\n") - 1
        print("requests: %d per measurement, signed Meta STOP bodies of %d bytes" % (n, len(bodies[0][0])))
        print("%-30s %7s %9s %10s %8s" % ("endpoint", "clients", "req/s", "median ms", "p95 ms"))
        for (label, clients), result in results.items():
            print("%-30s %7d %9.1f %10.2f %8.2f" % (label, clients, result["rps"], result["median_ms"], result["p95_ms"]))
        for clients in (1, 2):
            added = results[("optout ingest-message --cgi", clients)]["median_ms"] - results[("reference CGI (sh printf)", clients)]["median_ms"]
            ratio = results[("reference CGI (sh printf)", clients)]["rps"] / results[("optout ingest-message --cgi", clients)]["rps"]
            print("%d client(s): optout adds %.2f ms a request over the reference CGI (%.2fx its time)" % (clients, added, ratio))
        expected = 2 * n + 20
        print("replies queued in the outbox: %d (expected %d)" % (recorded, expected))
        if recorded != expected:
            sys.exit(1)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fault figures of `tmkit serve` (issue #6): searches answered while a TMX import runs, their p50/p95, the
import's units/s, and a SIGKILL in the middle of an import (whole or nothing after restart).

Usage: scripts/serve-faults.py [--tmkit .build/release/tmkit] [--memory PATH|postgres://…] [--units 50000] [--clients 4]
Without --memory a fresh SQLite file in a temporary folder is used; a postgres:// URL must name an empty database.
Prints figures; asserts nothing (the tests in Tests/CLITests/ServeFaultTests.swift check correctness).
"""
import argparse, json, os, re, signal, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request

TOKEN = "bench-token-0123456789abcdef"


def tmx(path, count, batch):
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="bench" creationtoolversion="1" '
                  'segtype="sentence" o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/>\n  <body>\n')
        for i in range(count):
            out.write(f'    <tu><tuv xml:lang="en"><seg>Sentence number {i} of batch {batch} about the council meeting in Minsk.</seg></tuv>'
                      f'<tuv xml:lang="ru"><seg>Предложение номер {i} партии {batch} о заседании совета в Минске.</seg></tuv></tu>\n')
        out.write("  </body>\n</tmx>\n")


class Server:
    def __init__(self, tmkit, memory, folder):
        token_file = os.path.join(folder, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN)
        self.log_path = os.path.join(folder, f"serve-{time.time_ns()}.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([tmkit, "serve", "--memory", memory, "--port", "0", "--token-file", token_file,
                                         "--request-timeout", "3600"], stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            sys.exit(f"the server did not start: {line}")
        self.base = match.group(0)

    def call(self, method, path, body=None, token=False):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if token:
            request.add_header("Authorization", f"Bearer {TOKEN}")
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def import_file(self, path, origin):
        with open(path, "rb") as body:
            request = urllib.request.Request(f"{self.base}/v1/import?origin={origin}", data=body, method="POST")
            request.add_header("Authorization", f"Bearer {TOKEN}")
            request.add_header("Content-Length", str(os.path.getsize(path)))
            with urllib.request.urlopen(request, timeout=3600) as response:
                return response.status, json.loads(response.read())

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tmkit", default=".build/release/tmkit")
    parser.add_argument("--memory")
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tmkit-serve-faults-")
    memory = args.memory or os.path.join(folder, "faults.tmdb")
    earlier, big, killed = (os.path.join(folder, name) for name in ("earlier.tmx", "big.tmx", "killed.tmx"))
    tmx(earlier, 1000, "earlier")
    tmx(big, args.units, "concurrent")
    tmx(killed, args.units, "killed")
    print(f"load before: {os.getloadavg()[0]:.2f} (1-min); memory: {'PostgreSQL' if memory.startswith('postgres') else 'SQLite'}; "
          f"TMX: {args.units} units, {os.path.getsize(big) / 1e6:.1f} MB")

    server = Server(args.tmkit, memory, folder)
    server.import_file(earlier, "earlier")

    # (a) an import while searches run.
    latencies, statuses, done = [], [], threading.Event()

    def search(client):
        i = client
        while not done.is_set():
            q = urllib.parse.quote(f"Sentence number {i % 1000} of batch earlier about the council meeting in Minsk.")
            start = time.perf_counter()
            status, _ = server.call("GET", f"/v1/search?from=en&to=ru&q={q}")
            latencies.append(time.perf_counter() - start)
            statuses.append(status)
            i += args.clients

    baseline = []
    for i in range(100):
        q = urllib.parse.quote(f"Sentence number {i} of batch earlier about the council meeting in Minsk.")
        start = time.perf_counter()
        server.call("GET", f"/v1/search?from=en&to=ru&q={q}")
        baseline.append(time.perf_counter() - start)
    print(f"    baseline, one client, no import: 100 searches, p50 {1000 * percentile(baseline, 0.5):.1f} ms, "
          f"p95 {1000 * percentile(baseline, 0.95):.1f} ms")

    cpu_before = server.cpu_seconds()
    threads = [threading.Thread(target=search, args=(c,)) for c in range(args.clients)]
    for t in threads:
        t.start()
    start = time.perf_counter()
    status, report = server.import_file(big, "concurrent")
    seconds = time.perf_counter() - start
    done.set()
    for t in threads:
        t.join()
    cpu = server.cpu_seconds() - cpu_before
    _, stats = server.call("GET", "/v1/stats")
    print(f"(a) import while {args.clients} clients search: import {status} {report}, {seconds:.2f} s wall, "
          f"{args.units / seconds:,.0f} units/s; server CPU {cpu:.2f} s (user+sys)")
    print(f"    searches during the import: {len(statuses)} answered, {sum(s == 200 for s in statuses)} with 200, "
          f"p50 {1000 * percentile(latencies, 0.5):.1f} ms, p95 {1000 * percentile(latencies, 0.95):.1f} ms, "
          f"max {1000 * max(latencies, default=0):.1f} ms; units after: {stats['units']} (expected {1000 + args.units})")

    # (b) SIGKILL in the middle of an import.
    def importing():
        try:
            server.import_file(killed, "killed")
        except Exception:
            pass
    def progress_lines():
        with open(server.log_path) as f:
            return f.read().count("import progress")
    before = progress_lines()
    worker = threading.Thread(target=importing)
    worker.start()
    deadline = time.time() + 600
    while time.time() < deadline and worker.is_alive() and progress_lines() == before:
        time.sleep(0.02)  # the server logs "import progress" every 10,000 units inside the transaction
    during = worker.is_alive()
    server.kill()
    worker.join()
    start = time.perf_counter()
    restarted = Server(args.tmkit, memory, folder)
    ready = time.perf_counter() - start
    _, stats = restarted.call("GET", "/v1/stats")
    origins = stats["origins"]
    verdict = "none of it" if "killed" not in origins else ("all of it" if origins["killed"] == args.units else "PART OF IT (bug)")
    print(f"(b) SIGKILL {'during' if during else 'AFTER'} an import of {args.units} units: after restart ({ready:.2f} s to listen) the memory holds "
          f"{verdict}; earlier units {origins.get('earlier', 0)} of 1000, concurrent {origins.get('concurrent', 0)} of {args.units}")
    restarted.stop()


if __name__ == "__main__":
    main()

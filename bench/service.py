"""`replylint serve` under load over loopback, against the library called in process.

    python bench/service.py [--requests N] [--levels 1,8,32] [--workers 1,2]

For each worker count it starts the real command on a free 127.0.0.1 port, waits for /health,
and at each concurrency level runs that many client threads, each on one keep-alive connection,
sending POST /v1/lint with distinct 100-200-word replies until N requests are answered (bounded:
it stops by itself). It reports requests/s, p50/p99 latency, errors, and each worker's memory
(PSS, /proc/PID/smaps_rollup); then `Linter.lint` on the same replies in this process, one after
another, and the ratio of the service's throughput to it.

Replies: bench/corpus.py's replies from ../shared of 100-200 words, then longer ones cut into
pieces of that size at line ends and shorter ones joined until they reach it, each used once
in turn (bench/ examples without ../shared). N may exceed them, so the parse memo is off on
both sides (REPLYLINT_PARSE_MEMO=0): a repeated reply costs what a new one would. The client threads share
the machine's cores with the server, as a plugin on the same host would.
"""
from __future__ import annotations

import argparse
import gc
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import source_replies  # noqa: E402

LOW, HIGH = 100, 200  # words in a benchmark reply


def _connection(port: int) -> http.client.HTTPConnection:
    """A keep-alive connection that sends as browsers and HTTP libraries do, with TCP_NODELAY:
    http.client writes a request's headers and body separately, and without it Nagle's algorithm
    holds the body for the server's delayed ACK (~40 ms), which would be timed as the service's."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def replies() -> list[str]:
    """Distinct texts of LOW-HIGH words, in a stable order."""
    out: list[str] = []
    pending: list[str] = []
    for text in source_replies():
        words = len(text.split())
        if LOW <= words <= HIGH:
            out.append(text)
        elif words > HIGH:
            out += _pieces(text)
        else:
            pending.append(text)
            if len(" ".join(pending).split()) >= LOW:
                joined = "\n\n".join(pending)
                if len(joined.split()) <= HIGH:
                    out.append(joined)
                pending = []
    return list(dict.fromkeys(out))


def _pieces(text: str) -> list[str]:
    """A long text cut at line ends into pieces of about LOW-HIGH words."""
    pieces, lines = [], []
    for line in text.splitlines(keepends=True):
        lines.append(line)
        if len("".join(lines).split()) >= (LOW + HIGH) // 2:
            pieces.append("".join(lines))
            lines = []
    return [p for p in pieces if LOW <= len(p.split()) <= HIGH]


def start(workers: int) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--port", "0", "--workers", str(workers)],
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "REPLYLINT_PARSE_MEMO": "0"})
    line = process.stderr.readline()
    port = int(line.split(":")[-1].split()[0])
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the service did not start")


def drive(port: int, texts: list[str], concurrency: int, total: int) -> dict:
    """Send `total` requests from `concurrency` keep-alive connections; latencies in ms."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        connection = _connection(port)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            body = json.dumps({"text": texts[n % len(texts)]}).encode()
            began = time.perf_counter()
            try:
                connection.request("POST", "/v1/lint", body=body, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = _connection(port)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {"rps": total / wall, "p50": statistics.median(latencies),
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], "errors": errors[0]}


def worker_pids(process: subprocess.Popen, workers: int) -> list[int]:
    if workers == 1:
        return [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return [int(c) for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]


def pss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def in_process(texts: list[str], total: int) -> float:
    from replylint import Linter

    linter = Linter()
    gc.freeze()  # as `replylint serve` does after loading (cli._settle_heap): the GC leaves the model alone
    linter.parse_memo = 0  # as the service runs here: texts repeat when N exceeds them
    for text in texts[-50:]:
        linter.lint(text)
    began = time.perf_counter()
    for n in range(total):
        linter.lint(texts[n % len(texts)])
    return total / (time.perf_counter() - began)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500, help="requests per level (default 1500)")
    parser.add_argument("--levels", default="1,8,32")
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args(argv)
    texts = replies()
    total = max(1, min(args.requests, 3000))
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node() or 'host'}: {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; {len(texts)} distinct replies of {LOW}-{HIGH} words, "
          f"{total} requests per level", flush=True)
    base = in_process(texts, total)
    print(f"in process (Linter.lint, one after another): {base:.0f} replies/s\n", flush=True)
    print("| workers | concurrency | requests/s | vs in-process | p50 ms | p99 ms | errors | PSS per worker MB |")
    print("|---|---|---|---|---|---|---|---|")
    for workers in [int(w) for w in args.workers.split(",")]:
        process, port = start(workers)
        try:
            drive(port, texts[-50:], max(8, workers * 4), 200)  # warm every worker (not measured)
            for level in [int(c) for c in args.levels.split(",")]:
                row = drive(port, texts, level, total)
                memory = "/".join(f"{pss_mb(p):.0f}" for p in worker_pids(process, workers))
                print(f"| {workers} | {level} | {row['rps']:.0f} | {row['rps'] / base:.0%} | {row['p50']:.1f} | "
                      f"{row['p99']:.1f} | {row['errors']} | {memory} |", flush=True)
        finally:
            process.terminate()
            process.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())

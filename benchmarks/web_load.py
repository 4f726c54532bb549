"""Loopback load benchmark of the web app (bounded in requests and time).

Starts ``hustings serve`` on 127.0.0.1 on a free port, then measures:
GET /api/v1/seats/{gss} throughput and p99 (keep-alive connections, raw asyncio client),
projection latency without simulation (distinct scenarios, so nothing is cached), and the
bytes transferred for the national page with gzip. Prints each figure beside its target.
Run: HUSTINGS_HOME=... .venv/bin/python benchmarks/web_load.py [--requests 6000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TIME_LIMIT = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def worker(port: int, paths: list[str], latencies: list[float], stop: float) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for path in paths:
        if time.monotonic() > stop:
            break
        started = time.perf_counter()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head.decode(errors="replace"))
        latencies.append(time.perf_counter() - started)
    writer.close()


async def load(port: int, paths: list[str], connections: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    stop = time.monotonic() + TIME_LIMIT
    shares = [paths[i::connections] for i in range(connections)]
    started = time.perf_counter()
    await asyncio.gather(*(worker(port, p, latencies, stop) for p in shares))
    return time.perf_counter() - started, latencies


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/elections", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    port = free_port()
    exe = Path(sys.executable).with_name("hustings")
    server = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=os.environ.copy())  # fmt: skip
    try:
        wait_up(port)
        import json

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/seats?boundary_set=2024") as r:
            codes = [s["gss"] for s in json.load(r)]
        paths = [f"/api/v1/seats/{codes[i % len(codes)]}" for i in range(args.requests)]
        asyncio.run(load(port, paths[: len(codes)], 4))  # warm the cache once
        elapsed, lat = asyncio.run(load(port, paths, args.connections))
        rate = len(lat) / elapsed
        print(f"GET /api/v1/seats/{{gss}}: {len(lat)} requests, {args.connections} connections, "
              f"{rate:,.0f} req/s (target >= 1,000; ratio {rate / 1000:.2f}), "
              f"p50 {1000 * sorted(lat)[len(lat) // 2]:.1f} ms, p99 {1000 * p99(lat):.1f} ms "
              f"(target < 50 ms)")  # fmt: skip
        times = []
        for i in range(40):
            url = (f"http://127.0.0.1:{port}/api/v1/project?detail=false&shares="
                   f"LAB={30 + i * 0.1:.1f},CON={25 - i * 0.1:.1f},LD=12,RUK=15,GRN=7")  # fmt: skip
            started = time.perf_counter()
            urllib.request.urlopen(url).read()
            times.append(time.perf_counter() - started)
        print(f"projection (uns, sims=0, uncached) over HTTP: median "
              f"{1000 * sorted(times)[20]:.1f} ms, max {1000 * max(times):.1f} ms "
              f"(target < 100 ms)")  # fmt: skip
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request) as r:
            body = r.read()
        print(f"national page: {len(body) / 1024:.0f} KB transferred with gzip "
              f"(target < 500 KB)")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()

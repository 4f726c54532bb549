"""Loopback load benchmark of the web app, driven by ``wrk`` (Debian package ``wrk``).

Starts ``hustings serve`` (one worker, uvloop + httptools) on 127.0.0.1 on a free port, warms its
caches, then runs wrk (2 threads, 16 keep-alive connections, 10 s each) against:

- a seat page, cycling through every 2024 seat (target >= 300 req/s);
- the seat API, cycling through every 2024 seat (target >= 1,500 req/s);
- the peer in the same run: a static file from the same server (the ceiling of the server
  stack on this machine, with no app work), so each figure is also given as a ratio to it.

It also times 40 uncached projections without simulation over HTTP (target < 100 ms) and the
bytes of the national page with gzip (target < 500 KB). wrk and the server share the machine.
Run: HUSTINGS_HOME=... .venv/bin/python benchmarks/web_load.py [--seconds 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

LUA = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/elections", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start within 60 s")


def get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
        body: bytes = r.read()
        return body


def wrk(port: int, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    """Run wrk over ``paths`` (cycled); requests per second, latency percentiles and errors."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        script = Path(tmp) / "paths.lua"
        script.write_text(LUA % listing)
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
             f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    result = {"rate": rate, "errors": 0.0}
    for label, key in (("50%", "p50"), ("99%", "p99")):
        m = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)\b", out)
        if m:
            scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
            result[key] = float(m.group(1)) * scale
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    result["errors"] = float(bad.group(1)) if bad else 0.0
    if errors:
        print("  wrk:", errors.group(0))
    return result


def report(label: str, r: dict[str, float], target: float | None, peer: float) -> None:
    goal = f"target >= {target:,.0f}; ratio {r['rate'] / target:.2f}; " if target else ""
    print(f"{label}: {r['rate']:,.0f} req/s ({goal}{r['rate'] / peer:.2f} of the static file), "
          f"p50 {r.get('p50', 0):.1f} ms, p99 {r.get('p99', 0):.1f} ms, "
          f"non-2xx {r['errors']:.0f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("needs wrk: apt-get install wrk")
    port = free_port()
    exe = Path(sys.executable).with_name("hustings")
    server = subprocess.Popen(
        [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
        env=os.environ.copy(),
    )
    try:
        wait_up(port)
        seats = json.loads(get(port, "/api/v1/seats?boundary_set=2024"))
        codes = [s["gss"] for s in seats]
        pages = [f"/seats/{c}" for c in codes]
        api = [f"/api/v1/seats/{c}" for c in codes]
        started = time.perf_counter()
        for path in pages + api:
            get(port, path)
        print(f"warm-up: {len(pages) + len(api)} first requests in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        n, s = args.connections, args.seconds
        peer = wrk(port, ["/static/style.css"], s, n)
        report(f"peer GET /static/style.css ({n} connections)", peer, None, peer["rate"])
        report(f"GET /seats/{{gss}} page ({n} connections)", wrk(port, pages, s, n), 300,
               peer["rate"])  # fmt: skip
        report(f"GET /api/v1/seats/{{gss}} cached ({n} connections)", wrk(port, api, s, n), 1500,
               peer["rate"])  # fmt: skip
        times = []
        for i in range(40):
            shares = f"LAB={30 + i * 0.1:.1f},CON={25 - i * 0.1:.1f},LD=12,RUK=15,GRN=7"
            path = f"/api/v1/project?detail=false&shares={shares}"
            t = time.perf_counter()
            get(port, path)
            times.append(time.perf_counter() - t)
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

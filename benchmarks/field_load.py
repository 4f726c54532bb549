"""Polling-day load on POST /api/v1/field/contacts, with an optional kill -9 of the server.

Run: .venv/bin/python benchmarks/field_load.py [--backend postgresql|sqlite] [--workers 2]
     [--rate 500 --seconds 60] [--burst-rate 2000 --burst-seconds 10] [--batch 5] [--kill]
     [--access-log] [--trace FILE]

PostgreSQL needs HUSTINGS_TEST_DATABASE_URL (``bash scripts/postgres.sh`` prints one); the run
works in a schema of its own and drops it afterwards. The server is ``hustings serve`` with
``--workers`` processes on loopback; the load comes from a separate process (asyncio
with a minimal keep-alive HTTP/1.1 client over 64 connections, open loop: requests are sent
on a fixed schedule whatever the answers, so a slow server shows as latency, not as a
politely lower rate). Every request is a phone syncing ``--batch``
records for doors on its own walk list (200 canvassers, 250 doors each), with the phone's
retry rule: a request that fails or times out is sent again, unchanged, until it is answered
(bounded by the run's end plus 30 s).

Targets: 500 records/s for 60 s, bursts of 2,000 records/s for 10 s, p99 acknowledgement under
500 ms; each phase's rate is reported as a ratio to its target, with the load average (the
machine may be shared) and the CPU seconds the server (after its start-up), the PostgreSQL
backends serving it and the load generator spent per 1,000 acknowledged records: unlike the
rates, these do not depend on what else the machine is doing. With ``--kill`` the server's
whole process group is killed with SIGKILL 20 s into the sustained phase and started again;
afterwards every acknowledged record must be in the database exactly once, and nothing that
was never sent may be there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

HUSTINGS = Path(sys.executable).parent / "hustings"
"""The command of the environment running this benchmark."""
CANVASSERS = 200
DOORS = 250
SEATS = 100
CONNECTIONS = 64
"""Connections the load generator keeps open to the server (phones behind a few proxies)."""
APPLICATION = "hustings-load"
"""The application name of the server's PostgreSQL connections, to find their backends."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database(backend: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """The database URL (PostgreSQL: a schema of its own, the server's connections named
    :data:`APPLICATION`) and how to drop it afterwards."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'load.db'}", lambda: None
    base = os.environ.get("HUSTINGS_TEST_DATABASE_URL")
    if not base:
        sys.exit("PostgreSQL: set HUSTINGS_TEST_DATABASE_URL (bash scripts/postgres.sh)")
    schema = "load_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

    url = sa.make_url(base).update_query_dict(
        {"options": f"-csearch_path={schema}", "application_name": f"{APPLICATION}-{schema}"}
    )
    return url.render_as_string(hide_password=False), drop


def _backend_cpu(url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving this run's connections (found
    by their application name; the cluster's shared writer and checkpointer are not counted)."""
    if not url.startswith("postgresql"):
        return 0.0
    name = sa.make_url(url).query["application_name"]
    engine = sa.create_engine(sa.make_url(url).difference_update_query(["application_name"]))
    with engine.connect() as conn:
        pids = conn.execute(
            sa.text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"),
            {"name": name},
        ).scalars()
        total = sum(_process_cpu(pid) for pid in pids)
    engine.dispose()
    return total


def _process_cpu(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _prepare(url: str, folder: Path) -> list[dict[str, Any]]:
    """Households in 100 seats, 200 canvassers each with a walk list of 250 doors."""
    from hustings.field.canvass import import_households
    from hustings.field.organise import create_walk_list
    from hustings.storage import accounts
    from hustings.storage.accounts import Role
    from hustings.storage.engine import Database

    db = Database(url)
    db.migrate()
    seats = [f"E14{1000 + i:06d}" for i in range(SEATS)]
    lines = ["address_key,seat"]
    for c in range(CANVASSERS):
        lines += [f"H{c:03d}-{d:03d},{seats[c % SEATS]}" for d in range(DOORS)]
    path = folder / "households.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_households(db, path, lambda s: s)
    phones = []
    for c in range(CANVASSERS):
        name = f"canvasser{c:03d}"
        _, token = accounts.create_user(db, name, Role.CANVASSER)
        create_walk_list(db, f"list{c:03d}", seats[c % SEATS], assign_to=name, limit=DOORS)
        phones.append({"token": token, "doors": [f"H{c:03d}-{d:03d}" for d in range(DOORS)]})
    db.dispose()
    return phones


def _start(
    url: str, port: int, workers: int, home: str, access_log: bool
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HUSTINGS_DATABASE_URL": url, "HUSTINGS_HOME": home}
    log = ["--access-log"] if access_log else []
    process = subprocess.Popen(
        [str(HUSTINGS), "serve", "--port", str(port), "--workers", str(workers), *log],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2).is_success:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    sys.exit("the server did not start within 120 s")


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


class _Lanes:
    """Keep-alive HTTP/1.1 connections to the server, lent to one request at a time.

    A minimal client on purpose: httpx's pool scans every connection and waiting request at
    each hand-out, and at a few hundred requests a second that scan, not the server, set the
    pace (profiled with py-spy)."""

    def __init__(self, port: int, size: int) -> None:
        self.port = port
        self.idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter] | None] = (
            asyncio.Queue()
        )
        for _ in range(size):
            self.idle.put_nowait(None)

    async def post(self, path: str, body: bytes, token: str, timeout: float) -> int:
        """POST ``body``; the answer's status (``OSError`` or ``TimeoutError`` on failure)."""
        lane = await self.idle.get()
        try:
            if lane is not None and lane[0].at_eof():
                lane[1].close()
                lane = None
            if lane is None:
                lane = await asyncio.open_connection("127.0.0.1", self.port)
            status = await asyncio.wait_for(self._exchange(lane, path, body, token), timeout)
        except BaseException:
            if lane is not None:
                lane[1].close()
            self.idle.put_nowait(None)
            raise
        self.idle.put_nowait(lane)
        return status

    async def _exchange(
        self, lane: tuple[asyncio.StreamReader, asyncio.StreamWriter], path: str, body: bytes,
        token: str,
    ) -> int:  # fmt: skip
        reader, writer = lane
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        writer.write(head.encode() + body)
        await writer.drain()
        lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        await reader.readexactly(length)
        return int(lines[0].split()[1])


async def _generate(plan: dict[str, Any]) -> dict[str, Any]:
    """The load generator (runs in its own process): sends the schedule, records acks."""
    rng = random.Random(plan["seed"])
    phones = plan["phones"]
    path = "/api/v1/field/contacts"
    results: list[tuple[str, float, float, int]] = []
    acked: list[str] = []
    sent: list[str] = []
    give_up = time.monotonic() + sum(p["seconds"] for p in plan["phases"]) + 30
    lanes = _Lanes(plan["port"], CONNECTIONS)

    async def one(phase: str, phone: dict[str, Any]) -> None:
        now = datetime.now(UTC).isoformat()
        batch = [
            {"id": str(uuid.uuid4()), "household": rng.choice(phone["doors"]),
             "outcome": rng.choice(["spoke", "not_in", "answered", "leaflet"]), "at": now}
            for _ in range(plan["batch"])
        ]  # fmt: skip
        sent.extend(r["id"] for r in batch)
        body = json.dumps(batch).encode()
        started = time.monotonic()
        while time.monotonic() < give_up:
            try:
                status = await lanes.post(path, body, phone["token"], timeout=10)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
                await asyncio.sleep(0.2)
                continue
            if status == 200:
                acked.extend(r["id"] for r in batch)
            results.append((phase, started, time.monotonic() - started, status))
            return
        results.append((phase, started, float("inf"), 0))

    tasks: list[asyncio.Task[None]] = []
    for phase in plan["phases"]:
        interval = plan["batch"] / phase["rate"]
        begin = time.monotonic()
        count = int(phase["seconds"] * phase["rate"] / plan["batch"])
        for i in range(count):
            delay = begin + i * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(phase["name"], rng.choice(phones))))
    await asyncio.gather(*tasks)
    return {"results": results, "acked": acked, "sent": sent, "cpu": time.process_time()}


P99_TARGET_MS = 500


def _report(results: list[list[Any]], phases: list[dict[str, Any]], batch: int) -> None:
    print(
        "phase        target rec/s  achieved rec/s  ratio  requests  p50 ms  p99 ms"
        "  p99 vs 500 ms  max ms  non-200"
    )
    for phase in phases:
        rows = [r for r in results if r[0] == phase["name"]]
        done = [r for r in rows if r[2] != float("inf")]
        if not rows:
            continue
        first = min(r[1] for r in rows)
        last = max(r[1] + r[2] for r in done) if done else first
        latencies = sorted(1000 * r[2] for r in done)
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else 0
        achieved = len([r for r in done if r[3] == 200]) * batch / max(last - first, 1e-9)
        print(
            f"{phase['name']:<12} {phase['rate']:>12,} {achieved:>15,.0f} "
            f"{achieved / phase['rate']:5.2f}x {len(rows):>9,} "
            f"{statistics.median(latencies) if latencies else 0:7.1f} {p99:7.1f} "
            f"{'met' if p99 < P99_TARGET_MS else 'missed':>14} "
            f"{(latencies[-1] if latencies else 0):7.1f} {len([r for r in rows if r[3] != 200]):8}"
        )
        codes = Counter(r[3] for r in rows if r[3] != 200)
        if codes:
            print(f"  answers other than 200: {dict(codes)} (0 = no answer before the end)")


def _trace(path: Path, results: list[list[Any]]) -> None:
    """Each request as a CSV row, in the order sent: phase, start (s from the first), ms, status."""
    first = min(r[1] for r in results)
    rows = ["phase,start_s,latency_ms,status"]
    rows += [
        f"{p},{s - first:.4f},{1000 * d:.1f},{c}"
        for p, s, d, c in sorted(results, key=lambda r: r[1])
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _settled_cpu(root: int) -> float:
    """The server's CPU seconds once its workers have finished starting (no CPU used for a
    second, or 60 s at most)."""
    deadline = time.monotonic() + 60
    before = _cpu_seconds(root)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = _cpu_seconds(root)
        if now - before < 0.02:
            return now
        before = now
    return before


def _cpu_seconds(root: int) -> float:
    """CPU seconds used so far by a process and its children that are still alive (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(entry.name) == root or int(fields[1]) == root:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _verify(url: str, acked: list[str], sent: list[str]) -> None:
    from hustings.storage import schema as t
    from hustings.storage.engine import Database

    db = Database(url)
    with db.read() as conn:
        stored = list(conn.execute(sa.select(t.contacts.c.id)).scalars())
    db.dispose()
    stored_set = set(stored)
    missing = set(acked) - stored_set
    strangers = stored_set - set(sent)
    print(
        f"verify: {len(set(acked)):,} acknowledged, {len(stored):,} stored "
        f"({len(stored) - len(stored_set)} twice), {len(missing)} acknowledged but missing, "
        f"{len(strangers)} never sent"
    )
    if missing or strangers or len(stored) != len(stored_set):
        sys.exit("FAILED: the database does not hold every acknowledged record exactly once")


def main() -> None:
    """Prepare, serve, load (and kill), verify, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=int, default=500, help="sustained records/s")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--burst-rate", type=int, default=2000)
    parser.add_argument("--burst-seconds", type=int, default=10)
    parser.add_argument("--batch", type=int, default=5, help="records per request")
    parser.add_argument("--kill", action="store_true", help="kill -9 the server mid-load")
    parser.add_argument("--access-log", action="store_true", help="serve with the access log")
    parser.add_argument("--home", default=None, help="HUSTINGS_HOME with a built data store")
    parser.add_argument(
        "--trace", type=Path, help="write each request (phase, start s, latency ms, status) as CSV"
    )
    parser.add_argument("--generate", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        plan = json.loads(Path(args.generate).read_text())
        out = asyncio.run(_generate(plan))
        Path(plan["out"]).write_text(json.dumps(out))
        return
    from hustings.settings import Settings

    home = args.home or str(Settings().home)
    with tempfile.TemporaryDirectory() as folder:
        url, cleanup = _database(args.backend, Path(folder))
        try:
            started = time.monotonic()
            phones = _prepare(url, Path(folder))
            print(
                f"setup: {CANVASSERS} accounts and walk lists in {time.monotonic() - started:.1f} s"
            )
            loads = os.getloadavg()
            port = _free_port()
            server = _start(url, port, args.workers, home, args.access_log)
            idle_cpu = _settled_cpu(server.pid)
            backend_before = _backend_cpu(url)
            phases = [{"name": "sustained", "rate": args.rate, "seconds": args.seconds}]
            if args.burst_seconds:
                phases.append(
                    {"name": "burst", "rate": args.burst_rate, "seconds": args.burst_seconds}
                )
            plan_path, out_path = Path(folder) / "plan.json", Path(folder) / "out.json"
            plan = {"phones": phones, "port": port, "batch": args.batch, "seed": 2026,
                    "phases": phases, "out": str(out_path)}  # fmt: skip
            plan_path.write_text(json.dumps(plan))
            generator = subprocess.Popen([sys.executable, __file__, "--generate", str(plan_path)])
            server_cpu, backend_cpu = -idle_cpu, -backend_before
            if args.kill:
                time.sleep(20)
                server_cpu += _cpu_seconds(server.pid)
                backend_cpu += _backend_cpu(url)
                _kill(server)
                print("killed the server (SIGKILL to its process group) at 20 s; restarting")
                time.sleep(1)
                server = _start(url, port, args.workers, home, args.access_log)
            generator.wait()
            server_cpu += _cpu_seconds(server.pid)
            backend_cpu += _backend_cpu(url)
            _kill(server)
            out = json.loads(out_path.read_text())
            print(
                f"{args.backend}, {args.workers} workers, {args.batch} records a request, "
                f"{CANVASSERS} phones; load average before {loads[0]:.1f}, "
                f"after {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)"
            )
            _report(out["results"], phases, args.batch)
            if args.trace:
                _trace(args.trace, out["results"])
            per = 1000 / max(len(set(out["acked"])), 1)
            print(
                f"CPU per 1,000 acknowledged records: server {per * server_cpu:.3f} s"
                + (f", PostgreSQL backends {per * backend_cpu:.3f} s" if backend_cpu else "")
                + f", load generator {per * out['cpu']:.3f} s"
                + (" (the server's restart included)" if args.kill else "")
            )
            print(
                f"server start-up, not counted above: {idle_cpu:.1f} CPU s ({args.workers} workers)"
            )
            _verify(url, out["acked"], out["sent"])
        finally:
            cleanup()


if __name__ == "__main__":
    main()

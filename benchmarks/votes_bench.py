"""A ballot of 50,000 members on PostgreSQL (or SQLite): casting through the real JSON API on
loopback, and the count, against a baseline and a peer.

Run: HUSTINGS_TEST_DATABASE_URL=postgresql+psycopg://... .venv/bin/python benchmarks/votes_bench.py
     [--members 50000] [--rate 200] [--seconds 30] [--clients 32] [--workers 2]
     [--database postgresql|sqlite]

(``bash scripts/postgres.sh`` starts a local PostgreSQL and prints the URL; the benchmark works
in a schema of its own and drops it afterwards.)

The instance: a register of 50,000 members in 12 regions (a few lapsed or joined too late),
imported from CSV; a Scottish STV election for 5 seats among 10 candidates, opened (the
electorate frozen, a code made for each elector and written to a file outbox). Papers are
drawn from a Plackett-Luce model (candidates of unequal appeal, rankings of 1 to 10), as real
STV ballots are: most voters rank a few candidates, strongest first.

1. ``cast at rate``: ``POST /api/v1/votes/{ballot}/cast`` from an open-loop client that sends
   ``--rate`` votes a second for ``--seconds`` seconds, each with a fresh code, to uvicorn (the
   same options as ``hustings serve``) on 127.0.0.1. Latency is measured from the time each
   request was due, so a stalled server cannot hide its queue (no coordinated omission).
2. ``capacity``: the same API with ``--clients`` clients sending back to back: votes a second.
3. ``library``: ``hustings.votes.cast`` from ``--clients`` threads, no HTTP.
4. ``baseline``: the floor the database allows: the same two statements (mark the elector,
   insert the paper) in one transaction, straight through psycopg from ``--clients`` threads,
   without HTTP, validation or receipts. Reported as the ratio API / baseline.
5. ``count``: the rest of the electorate's papers are added in bulk, the ballot closed (papers
   resealed in random order), and ``hustings.votes.declare`` times reading the 50,000 papers
   from PostgreSQL and the Scottish STV count; the engine's count alone is compared with
   pyrankvote's STV on the same ballots (its own STV rules; the elected sets are printed).
Every successful cast is checked afterwards: as many papers as electors marked as voted.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from hustings.storage import votes_tables as vt
from hustings.storage.engine import Database
from hustings.votes import (
    BallotSpec,
    Candidate,
    Eligibility,
    FileOutbox,
    close_ballot,
    create_ballot,
    declare,
    get_ballot,
    import_register,
    open_ballot,
    read_outbox,
)
from hustings.votes.credentials import credential_digest, new_code, receipt_digest
from hustings.votes.result import election_of

CANDIDATES = [
    "Asha Patel", "Ben Okoro", "Cara Jones", "Dev Shah", "Elin Rhys",
    "Femi Adeyemi", "Grace Lin", "Hamza Ali", "Isla Reid", "Jonah Webb",
]  # fmt: skip
APPEAL = [9.0, 7.5, 6.0, 5.0, 4.2, 3.5, 3.0, 2.4, 1.8, 1.2]
REGIONS = [
    "North East", "North West", "Yorkshire", "East Midlands", "West Midlands", "East",
    "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland",
]  # fmt: skip
SLUG = "committee-bench"
IN_FLIGHT = 64
FRESH = 2.0
"""Seconds a kept-alive connection is reused for (the server closes idle ones after 5 s)."""
"""Requests in flight at once; a vote due while all are busy waits, and its wait counts."""


def _ranking(rng: random.Random) -> list[int]:
    """A Plackett-Luce draw: a truncated ranking, strongest candidates more often first."""
    left = list(range(len(CANDIDATES)))
    length = min(len(left), 1 + int(rng.expovariate(1 / 2.5)))
    out = []
    for _ in range(length):
        pick = rng.choices(left, weights=[APPEAL[c] for c in left])[0]
        out.append(pick)
        left.remove(pick)
    return out


def _register_csv(path: Path, members: int, rng: random.Random) -> None:
    lines = ["member_id,name,email,branch,region,joined,dues"]
    for i in range(members):
        region = REGIONS[i % len(REGIONS)]
        dues = "lapsed" if rng.random() < 0.03 else "paid"
        joined = (
            "2026-02-20"
            if rng.random() < 0.01
            else f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        )
        lines.append(
            f"M{i:06d},Member {i},m{i}@example.org,Branch {i % 300},{region},{joined},{dues}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def _database_url(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'votes.db'}"
        return
    with _postgres_schema() as url:
        yield url


@contextmanager
def _postgres_schema() -> Iterator[str]:
    base = os.environ.get("HUSTINGS_TEST_DATABASE_URL") or os.environ.get("HUSTINGS_DATABASE_URL")
    if not base or not base.startswith("postgresql"):
        sys.exit("set HUSTINGS_TEST_DATABASE_URL to a PostgreSQL URL (bash scripts/postgres.sh)")
    schema = "bench_votes_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = (
        sa.make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(url: str, home: Path, workers: int) -> Iterator[str]:
    port = _free_port()
    code = (
        "import uvicorn\nfrom hustings.web.server import uvicorn_options\n"
        f"uvicorn.run('hustings.web.app:create_app', factory=True, host='127.0.0.1', port={port},"
        f" workers={workers}, log_level='warning', **uvicorn_options())\n"
    )
    env = {**os.environ, "HUSTINGS_DATABASE_URL": url, "HUSTINGS_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class _Client:
    """A minimal HTTP/1.1 client over keep-alive asyncio streams (at most ``size`` open), so
    that the load generator, which shares the machine with the server, costs little CPU
    (httpx's async client cost more per request than the server did)."""

    def __init__(self, base: str, size: int) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.slots = asyncio.Semaphore(size)

    async def post(self, path: str, payload: dict[str, Any]) -> tuple[int, str]:
        """POST JSON; the status and body (status 0 and the error if the exchange failed)."""
        body = json.dumps(payload).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        async with self.slots:
            while self.idle and self.idle[0][2] < time.monotonic() - FRESH:
                self.idle.pop(0)[1].close()
            if self.idle:
                reader, writer, _ = self.idle.pop()
            else:
                reader, writer = await asyncio.open_connection(self.host, self.port)
            try:
                writer.write(head + body)
                lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
                text = await reader.readexactly(int(headers.get("content-length", "0")))
            except (OSError, asyncio.IncompleteReadError) as exc:
                writer.close()
                return 0, f"{type(exc).__name__}: {exc}"
            self.idle.append((reader, writer, time.monotonic()))
        return int(lines[0].split()[1]), text.decode()

    def close(self) -> None:
        """Close every connection."""
        for _, writer, _ in self.idle:
            writer.close()


async def _post(client: _Client, code: str, choices: list[str]) -> tuple[int, str]:
    return await client.post(f"/api/v1/votes/{SLUG}/cast", {"code": code, "choices": choices})


async def _open_loop(
    base: str, codes: list[str], rate: float, seconds: float, rng: random.Random
) -> dict[str, Any]:
    total = int(rate * seconds)
    latencies: list[float] = []
    failures: list[str] = []
    client = _Client(base, IN_FLIGHT)
    start = time.perf_counter() + 0.2

    async def one(i: int) -> None:
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        choices = [CANDIDATES[c] for c in _ranking(rng)]
        status, text = await _post(client, codes[i], choices)
        latencies.append(time.perf_counter() - due)
        if status != 200:
            failures.append(f"{status} {text[:120]}")

    await asyncio.gather(*(one(i) for i in range(total)))
    elapsed = time.perf_counter() - start
    client.close()
    return {
        "sent": total,
        "ok": total - len(failures),
        "failures": failures[:3],
        "rate": (total - len(failures)) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * _pct(latencies, 0.99),
        "max_ms": 1000 * max(latencies),
    }


async def _closed_loop(
    base: str, codes: list[str], clients: int, seconds: float, rng: random.Random
) -> dict[str, Any]:
    queue = iter(codes)
    done, failures = 0, 0
    latencies: list[float] = []
    client = _Client(base, clients)
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done, failures
        for code in queue:
            if time.perf_counter() >= stop:
                return
            choices = [CANDIDATES[c] for c in _ranking(rng)]
            sent = time.perf_counter()
            status, _ = await _post(client, code, choices)
            latencies.append(time.perf_counter() - sent)
            done += status == 200
            failures += status != 200

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    client.close()
    return {
        "ok": done,
        "failures": failures,
        "rate": done / elapsed,
        "p99_ms": 1000 * _pct(latencies, 0.99),
    }


def _hammer(
    codes: list[str],
    clients: int,
    seconds: float,
    seed: int,
    connect: Callable[[], AbstractContextManager[Any]],
    cast_one: Callable[[Any, str, list[int]], None],
) -> dict[str, Any]:
    """Cast ``codes`` from ``clients`` threads for at most ``seconds``: each thread opens its
    connection with ``connect()`` and casts with ``cast_one(conn, code, ranking)``; the codes
    and the rankings (seeded) are handed out under one lock."""
    queue = iter(codes)
    lock = threading.Lock()
    done = [0]
    stop = time.perf_counter() + seconds
    rng = random.Random(seed)

    def worker() -> None:
        with connect() as conn:
            while time.perf_counter() < stop:
                with lock:
                    code = next(queue, None)
                    ranking = _ranking(rng)
                if code is None:
                    return
                cast_one(conn, code, ranking)
                with lock:
                    done[0] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"ok": done[0], "rate": done[0] / (time.perf_counter() - began)}


def _prefs(ranking: list[int]) -> str:
    return " ".join(str(c) for c in ranking)


def _sqlite_baseline(
    url: str, ballot_id: int, codes: list[str], clients: int, seconds: float
) -> dict[str, Any]:
    """The two statements of a cast, straight through sqlite3 with the app's settings (WAL,
    full fsync, a write transaction each): the database's floor."""
    import sqlite3

    path = sa.make_url(url).database or ""

    @contextmanager
    def connect() -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        try:
            yield conn
        finally:
            conn.close()

    def cast_one(conn: sqlite3.Connection, code: str, ranking: list[int]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "UPDATE vote_electors SET voted = 1 WHERE ballot_id = ? "
            "AND credential_hash = ? AND voted = 0",
            (ballot_id, credential_digest(code)),
        )
        if cur.rowcount != 1:
            raise RuntimeError("baseline: a code did not match one elector")
        conn.execute(
            "INSERT INTO vote_papers (id, ballot_id, preferences, receipt_hash) "
            "VALUES (?, ?, ?, ?)",
            (secrets.token_hex(16), ballot_id, _prefs(ranking), receipt_digest(new_code())),
        )
        conn.execute("COMMIT")

    return _hammer(codes, clients, seconds, 3, connect, cast_one)


def _baseline(
    url: str, ballot_id: int, codes: list[str], clients: int, seconds: float
) -> dict[str, Any]:
    """The two statements of a cast, straight through psycopg: the database's floor."""
    if url.startswith("sqlite"):
        return _sqlite_baseline(url, ballot_id, codes, clients, seconds)
    import psycopg

    parsed = sa.make_url(url)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)

    def cast_one(conn: Any, code: str, ranking: list[int]) -> None:
        with conn.transaction():
            cur = conn.execute(
                "UPDATE vote_electors SET voted = true WHERE ballot_id = %s "
                "AND credential_hash = %s AND voted = false",
                (ballot_id, credential_digest(code)),
            )
            if cur.rowcount != 1:
                raise RuntimeError("baseline: a code did not match one elector")
            conn.execute(
                "INSERT INTO vote_papers (id, ballot_id, preferences, receipt_hash) "
                "VALUES (%s, %s, %s, %s)",
                (secrets.token_hex(16), ballot_id, _prefs(ranking), receipt_digest(new_code())),
            )

    return _hammer(codes, clients, seconds, 3, lambda: psycopg.connect(conninfo), cast_one)


def _library(db: Database, codes: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """``hustings.votes.cast`` from ``clients`` threads, without HTTP."""
    from hustings.votes import cast

    def cast_one(conn: Database, code: str, ranking: list[int]) -> None:
        cast(conn, SLUG, code, [CANDIDATES[c] for c in ranking])

    return _hammer(codes, clients, seconds, 5, lambda: nullcontext(db), cast_one)


def _fill(db: Database, ballot_id: int, codes: list[str], rng: random.Random) -> int:
    """Cast the remaining electors' papers in bulk (set-up for the count, not timed)."""
    e = vt.vote_electors.c
    with db.write() as conn:
        for start in range(0, len(codes), 5000):
            chunk = [credential_digest(c) for c in codes[start : start + 5000]]
            conn.execute(
                vt.vote_electors.update()
                .where(e.ballot_id == ballot_id, e.credential_hash.in_(chunk))
                .values(voted=True)
            )
            conn.execute(
                vt.vote_papers.insert(),
                [
                    {
                        "id": secrets.token_hex(16),
                        "ballot_id": ballot_id,
                        "preferences": " ".join(str(c) for c in _ranking(rng)),
                        "receipt_hash": hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
                        "replace_key": None,
                    }
                    for _ in chunk
                ],
            )
    return len(codes)


def _pyrankvote(names: tuple[str, ...], papers: list[str], seats: int) -> tuple[float, list[str]]:
    import pyrankvote
    from pyrankvote import Ballot as PrvBallot
    from pyrankvote import Candidate as PrvCandidate

    people = [PrvCandidate(n) for n in names]
    ballots = [PrvBallot(ranked_candidates=[people[int(p)] for p in x.split()]) for x in papers]
    began = time.perf_counter()
    outcome = pyrankvote.single_transferable_vote(people, ballots, number_of_seats=seats)
    return time.perf_counter() - began, [c.name for c in outcome.get_winners()]


PEER_INSTALL = "pip install -c constraints.txt 'hustings[bench]'"


def main() -> None:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--members", type=int, default=50_000, help="members in the register (default 50,000)"
    )
    parser.add_argument(
        "--rate", type=float, default=200.0, help="votes a second offered (default 200)"
    )
    parser.add_argument(
        "--seconds", type=float, default=30.0, help="how long to cast at --rate (default 30)"
    )
    parser.add_argument(
        "--clients", type=int, default=32, help="clients or threads for capacity (default 32)"
    )
    parser.add_argument(
        "--capacity-seconds",
        type=float,
        default=15.0,
        help="how long each capacity run lasts (default 15)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes (default 1)"
    )
    parser.add_argument(
        "--database",
        choices=("postgresql", "sqlite"),
        default="postgresql",
        help="PostgreSQL (HUSTINGS_TEST_DATABASE_URL) or the embedded SQLite file",
    )
    args = parser.parse_args()
    rng = random.Random(2026)
    print(
        f"database: {args.database}; load average before: {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory() as tmp, _database_url(args.database, Path(tmp)) as url:
        folder = Path(tmp)
        db = Database(url, pool_size=args.clients)
        db.migrate()
        _register_csv(folder / "members.csv", args.members, rng)
        began = time.perf_counter()
        report = import_register(db, folder / "members.csv")
        print(f"register import: {report.added:,} members in {time.perf_counter() - began:.1f} s")
        now = datetime.now(UTC)
        spec = BallotSpec(
            slug=SLUG,
            title="National committee (benchmark)",
            candidates=tuple(Candidate(n, f"Statement of {n}.") for n in CANDIDATES),
            opens_at=now - timedelta(minutes=1),
            closes_at=now + timedelta(hours=2),
            seats=5,
            eligibility=Eligibility(joined_before=datetime(2026, 1, 1).date(), dues=("paid",)),
            seed=11,
        )
        ballot = create_ballot(db, spec)
        began = time.perf_counter()
        opened = open_ballot(db, SLUG, FileOutbox(folder / "outbox"))
        took = time.perf_counter() - began
        print(
            f"open: electorate {opened.electorate:,} frozen, codes made and written in {took:.1f} s"
        )
        codes = [m.code for m in read_outbox(Path(opened.delivered_to))]
        rng.shuffle(codes)
        at_rate = codes[: int(args.rate * args.seconds)]
        rest = codes[len(at_rate) :]
        with _server(url, folder / "home", args.workers) as base:
            asyncio.run(_closed_loop(base, rest[:200], 8, 5.0, rng))  # warm-up, not reported
            rest = rest[200:]
            fixed = asyncio.run(_open_loop(base, at_rate, args.rate, args.seconds, rng))
            print(
                f"cast at rate (API, {args.workers} workers): "
                f"{fixed['ok']:,}/{fixed['sent']:,} ok, "
                f"{fixed['rate']:.0f} votes/s, p50 {fixed['p50_ms']:.1f} ms, "
                f"p99 {fixed['p99_ms']:.1f} ms, max {fixed['max_ms']:.1f} ms "
                f"(target {args.rate:.0f}/s, p99 < 300 ms) {fixed['failures']}"
            )
            cap = asyncio.run(_closed_loop(base, rest, args.clients, args.capacity_seconds, rng))
            rest = rest[cap["ok"] + cap["failures"] :]
            print(
                f"capacity (API, {args.clients} clients): {cap['rate']:.0f} votes/s, "
                f"p99 {cap['p99_ms']:.1f} ms, {cap['failures']} failures"
            )
        lib = _library(db, rest[: len(rest) // 2], args.clients, args.capacity_seconds)
        rest = rest[lib["ok"] :]
        print(f"capacity (library, {args.clients} threads, no HTTP): {lib['rate']:.0f} votes/s")
        base_run = _baseline(url, ballot.id, rest, args.clients, args.capacity_seconds)
        rest = rest[base_run["ok"] :]
        print(
            f"baseline (raw SQL, {args.clients} threads, {args.database}): "
            f"{base_run['rate']:.0f} votes/s; "
            f"API / baseline = {cap['rate'] / base_run['rate']:.2f}, "
            f"library / baseline = {lib['rate'] / base_run['rate']:.2f}"
        )
        with db.read() as conn:
            papers = conn.execute(sa.select(sa.func.count()).select_from(vt.vote_papers)).scalar()
            voted = conn.execute(
                sa.select(sa.func.count()).where(vt.vote_electors.c.voted.is_(True))
            ).scalar()
        print(
            f"check: {papers:,} papers, {voted:,} electors marked voted (equal: {papers == voted})"
        )
        _fill(db, ballot.id, rest, rng)
        began = time.perf_counter()
        close_ballot(db, SLUG, early=True)
        took = time.perf_counter() - began
        print(f"close (seal {opened.electorate:,} papers): {took:.1f} s")
        from hustings.ballots.methods import count
        from hustings.ballots.model import build_election

        tiny = build_election(("a", "b", "c"), 1, [(2, [0, 1]), (1, [1]), (1, [2, 1])])
        count(tiny, "scottish-stv")  # loads and compiles the counting kernels once, untimed
        began = time.perf_counter()
        declared = declare(db, SLUG)
        took = time.perf_counter() - began
        print(
            f"count (read {declared.papers:,} papers from {args.database} + Scottish STV, "
            "stored): "
            f"{took:.2f} s; elected {', '.join(declared.count['elected'])}"
        )
        from hustings.storage import votes as q

        with db.read() as conn:
            stored = [p for _, p in q.papers_of(conn, ballot.id)]
        chosen = get_ballot(db, SLUG)
        election = election_of(chosen, stored)
        began = time.perf_counter()
        ours = count(election, "scottish-stv", chosen.count_options())
        engine = time.perf_counter() - began
        alone = f"STV count alone on {len(stored):,} ballots: hustings {engine:.3f} s"
        try:
            peer, peer_elected = _pyrankvote(chosen.names, stored, chosen.seats)
        except ModuleNotFoundError:
            print(f"{alone}; the peer, pyrankvote, is not installed ({PEER_INSTALL})")
        else:
            print(
                f"{alone}, pyrankvote {peer:.2f} s (ratio {peer / engine:.0f}x); elected by "
                f"pyrankvote: {', '.join(sorted(peer_elected))}; by hustings: "
                f"{', '.join(sorted(ours.elected))}"
            )
        db.dispose()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

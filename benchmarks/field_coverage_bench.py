"""Coverage for every seat at polling-day scale: hustings against a plain scan of the records.

Run: .venv/bin/python benchmarks/field_coverage_bench.py [--households 1000000]
     [--contacts 5000000] [--backend sqlite|postgresql|both] [--repeat 3]

PostgreSQL needs HUSTINGS_TEST_DATABASE_URL (``bash scripts/postgres.sh`` prints one); the
benchmark works in a schema of its own and drops it afterwards.

The instance: households spread over the 650 seats of 2024 (weighted like real electorates,
12 wards a seat), and contact records over a 28-day campaign with a realistic mix of
outcomes (most doors not in, a third spoken to, some leaflets and phone calls). Both sides
answer the same question (households, households knocked, spoken to, phoned and leafleted,
per seat); the answers are compared before any time is reported.

- ``hustings``: ``hustings.field.coverage``, which reads the per-household first-contact
  times and per-day totals kept up to date as records arrive.
- ``scan``: the same numbers by aggregating the contact records themselves (one GROUP BY over
  the records joined to households), as a tool without those totals must.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from hustings.field.canvass import coverage
from hustings.storage import field as q
from hustings.storage import schema as t
from hustings.storage.engine import Database

OUTCOMES = [
    ("door", "not_in", 45),
    ("door", "spoke", 22),
    ("door", "answered", 8),
    ("door", "refused", 5),
    ("door", "moved", 1),
    ("door", "poster", 1),
    ("leaflet", "leaflet", 12),
    ("phone", "spoke", 4),
    ("phone", "not_in", 2),
]
START = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def _seats(n: int = 650) -> list[str]:
    return [f"E14{1000 + i:06d}" for i in range(n)]


def _households(n: int, rng: random.Random) -> Iterator[tuple[int, str, str, str]]:
    seats = _seats()
    weights = [rng.uniform(0.8, 1.2) for _ in seats]
    for i, seat in enumerate(rng.choices(seats, weights, k=n), start=1):
        yield i, f"HH{i:08d}", seat, f"{seat[-3:]}W{rng.randrange(12):02d}"


def _contacts(n: int, households: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    kinds = [(c, o) for c, o, _ in OUTCOMES]
    weights = [w for _, _, w in OUTCOMES]
    for channel, outcome in rng.choices(kinds, weights, k=n):
        at = START + timedelta(minutes=rng.randrange(28 * 24 * 60))
        yield (
            str(uuid.UUID(int=rng.getrandbits(128))),
            rng.randrange(1, households + 1),
            outcome,
            channel,
            at.replace(tzinfo=None),
            at.replace(tzinfo=None),
        )


def _load(db: Database, households: int, contacts: int, seed: int) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None)
    house_rows = ((i, key, seat, ward, now) for i, key, seat, ward in _households(households, rng))
    contact_rows = _contacts(contacts, households, rng)
    with db.write() as conn:
        if db.dialect == "postgresql":
            raw: Any = conn.connection.driver_connection
            with raw.cursor() as cur:
                with cur.copy(
                    "COPY households (id, address_key, seat, ward, created_at) FROM STDIN"
                ) as copy:
                    for row in house_rows:
                        copy.write_row(row)
                with cur.copy(
                    "COPY contacts (id, household_id, outcome, channel, at, received_at) FROM STDIN"
                ) as copy:
                    for row in contact_rows:
                        copy.write_row(row)
        else:
            raw = conn.connection.driver_connection
            raw.executemany(
                "INSERT INTO households (id, address_key, seat, ward, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                ((i, k, s, w, c.isoformat(" ")) for i, k, s, w, c in house_rows),
            )
            raw.executemany(
                "INSERT INTO contacts (id, household_id, outcome, channel, at, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (a, b, c, d, e.isoformat(" "), f.isoformat(" "))
                    for a, b, c, d, e, f in contact_rows
                ),
            )
        q.rebuild_totals(conn)
    if db.dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")


def _ours(db: Database) -> dict[str, tuple[int, ...]]:
    rows = coverage(db, str)
    return {
        r.seat: (
            r.households,
            r.households_knocked,
            r.households_spoken,
            r.households_phoned,
            r.households_leafleted,
        )
        for r in rows
    }


def _scan(db: Database) -> dict[str, tuple[int, ...]]:
    c, h = t.contacts.c, t.households.c
    door = sa.and_(c.channel == "door", c.outcome != "leaflet")

    def reached(condition: Any) -> Any:
        return sa.func.count(sa.distinct(sa.case((condition, c.household_id))))

    per_seat = (
        sa.select(
            h.seat,
            reached(door),
            reached(c.outcome.in_(["answered", "spoke"])),
            reached(c.channel == "phone"),
            reached(c.outcome == "leaflet"),
        )
        .join(t.households, h.id == c.household_id)
        .group_by(h.seat)
    )
    sizes = sa.select(h.seat, sa.func.count()).group_by(h.seat)
    with db.read() as conn:
        counts = {r[0]: int(r[1]) for r in conn.execute(sizes)}
        reach = {r[0]: tuple(int(v) for v in r[1:]) for r in conn.execute(per_seat)}
    return {seat: (n, *reach.get(seat, (0, 0, 0, 0))) for seat, n in counts.items()}


def _time(run: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, answer = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        answer = run()
        times.append(time.perf_counter() - started)
    return times, answer


def _database(backend: str, folder: Path) -> tuple[Database, Callable[[], None]]:
    if backend == "sqlite":
        db = Database(f"sqlite:///{folder / 'bench.db'}")
        return db, db.dispose
    base = os.environ.get("HUSTINGS_TEST_DATABASE_URL")
    if not base:
        sys.exit("PostgreSQL: set HUSTINGS_TEST_DATABASE_URL (bash scripts/postgres.sh)")
    schema = "bench_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    db = Database(url.render_as_string(hide_password=False))

    def drop() -> None:
        db.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

    return db, drop


def main() -> None:
    """Build the instance on each back-end, check both answers agree, print the times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--contacts", type=int, default=5_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(f"{args.households:,} households, {args.contacts:,} contact records, 650 seats")
    print("backend      build s   hustings median (min-max) s   scan median s   ratio")
    for backend in backends:
        with tempfile.TemporaryDirectory() as folder:
            db, cleanup = _database(backend, Path(folder))
            try:
                db.migrate()
                started = time.perf_counter()
                _load(db, args.households, args.contacts, args.seed)
                built = time.perf_counter() - started
                ours_t, ours = _time(lambda db=db: _ours(db), args.repeat)
                scan_t, scan = _time(lambda db=db: _scan(db), args.repeat)
                if ours != scan:
                    sys.exit(
                        f"{backend}: hustings and the scan disagree; not timing a wrong answer"
                    )
                o, s = statistics.median(ours_t), statistics.median(scan_t)
                print(
                    f"{backend:<12} {built:7.1f}   {o:6.3f} ({min(ours_t):.3f}-{max(ours_t):.3f})"
                    f"               {s:7.3f}      {s / o:5.1f}x"
                )
            finally:
                cleanup()


if __name__ == "__main__":
    main()

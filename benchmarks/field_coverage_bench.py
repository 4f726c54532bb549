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
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
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


def _kinds() -> list[str]:
    """One hundred 'channel:outcome' slots in the proportions of ``OUTCOMES``."""
    return [f"{c}:{o}" for c, o, weight in OUTCOMES for _ in range(weight)]


def _load(db: Database, households: int, contacts: int, seed: int) -> None:
    """Generate the instance inside the database (Python would take minutes per million)."""
    kinds = _kinds()
    with db.write() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql(f"SELECT setseed({(seed % 1000) / 1000})")
            conn.exec_driver_sql(
                "INSERT INTO households (id, address_key, seat, ward, created_at) "
                "SELECT i, 'HH' || lpad(i::text, 8, '0'), s, "
                "right(s, 3) || 'W' || lpad(mod(i, 12)::text, 2, '0'), now() "
                "FROM (SELECT i, 'E14' || lpad((1000 + floor(random() * 650))::int::text, 6, '0')"
                f" AS s FROM generate_series(1, {households}) AS i) AS g"
            )
            array = "ARRAY[" + ",".join(f"'{k}'" for k in kinds) + "]"
            conn.exec_driver_sql(
                "INSERT INTO contacts (id, household_id, outcome, channel, at, received_at) "
                "SELECT md5(i::text || random()::text), 1 + floor(random() * "
                f"{households})::int, split_part(k, ':', 2), split_part(k, ':', 1), t, t "
                f"FROM (SELECT i, ({array})[1 + floor(random() * 100)::int] AS k, "
                "timestamp '2026-04-06 09:00' + floor(random() * 40320) * interval '1 minute'"
                f" AS t FROM generate_series(1, {contacts}) AS i) AS g"
            )
        else:
            conn.exec_driver_sql("CREATE TEMP TABLE kinds (slot INTEGER PRIMARY KEY, k TEXT)")
            conn.exec_driver_sql(
                "INSERT INTO kinds VALUES " + ",".join(f"({i}, '{k}')" for i, k in enumerate(kinds))
            )
            conn.exec_driver_sql(
                "INSERT INTO households (id, address_key, seat, ward, created_at) "
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                f"WHERE i < {households}) SELECT i, printf('HH%08d', i), s, "
                "substr(s, -3) || printf('W%02d', i % 12), datetime('now') FROM "
                "(SELECT i, printf('E14%06d', 1000 + abs(random()) % 650) AS s FROM n)"
            )
            conn.exec_driver_sql(
                "INSERT INTO contacts (id, household_id, outcome, channel, at, received_at) "
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                f"WHERE i < {contacts}) SELECT lower(hex(randomblob(16))), "
                f"1 + abs(random()) % {households}, substr(k, instr(k, ':') + 1), "
                "substr(k, 1, instr(k, ':') - 1), t, t FROM (SELECT i, "
                "(SELECT k FROM kinds WHERE slot = abs(random()) % 100) AS k, "
                "datetime('2026-04-06 09:00:00', '+' || (abs(random()) % 40320) || ' minutes')"
                " AS t FROM n)"
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

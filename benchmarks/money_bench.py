"""``money check`` over 100,000 items of spending in 650 seats, side by side with two plain
peers on the same database in the same run: loading the items into pandas and attributing
them there, and a naive loop of one query per seat. Target: under 2 s on SQLite and on
PostgreSQL. The three must agree on every seat's spending to the penny.

    HUSTINGS_HOME=/tmp/hh .venv/bin/python benchmarks/money_bench.py \
        [--items 100000] [--runs 5] [--postgres URL]

Needs a built store (``hustings data sync``); PostgreSQL runs when ``--postgres`` or
``$HUSTINGS_TEST_DATABASE_URL`` names a server (a fresh schema is made and dropped).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from hustings.data.api import Store
from hustings.money.check import check
from hustings.money.model import round_pence
from hustings.money.places import Places, load_places
from hustings.money.rules import Part
from hustings.storage import money as q
from hustings.storage import money_tables as m
from hustings.storage.engine import Database

CATEGORIES = ("material", "canvassing", "transport", "rallies", "press")


def items(
    places: Places, n: int, seed: int
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, ...]]]:
    """``n`` items: 90% one seat, 7% two to five seats, 2% one part, 1% UK-wide."""
    rng = random.Random(seed)
    codes = sorted(places.seats)
    first = places.period[0]
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    seats: dict[str, tuple[str, ...]] = {}
    for i in range(n):
        ref = f"B{i:06d}"
        draw = rng.random()
        part: str | None = None
        if draw < 0.90:
            chosen: tuple[str, ...] = (rng.choice(codes),)
            scope, count = "seat", 1
        elif draw < 0.97:
            chosen = tuple(rng.sample(codes, rng.randint(2, 5)))
            scope, count = "seats", len(chosen)
        elif draw < 0.99:
            p = rng.choice(list(Part))
            chosen, scope, part, count = (), "part", p.value, len(places.in_part(p))
        else:
            chosen, scope, count = (), "uk", len(codes)
        if chosen:
            seats[ref] = chosen
        rows.append({
            "ref": ref, "spent_on": first + timedelta(days=rng.randrange(365)),
            "pence": rng.randint(500, 20_000) * (20 if scope in ("part", "uk") else 1),
            "supplier": "Supplier", "category": rng.choice(CATEGORIES), "description": "",
            "scope": scope, "part": part, "seat_count": count, "candidate": None,
            "targeted_party": None, "notional": False, "joint_plan": None, "paid_by": None,
            "invoice": None, "overridden": False, "created_at": now,
        })  # fmt: skip
    return rows, seats


def pandas_peer(db: Database, places: Places, last: date) -> dict[str, int]:
    """Read the items into pandas, split each over its seats, group by seat."""
    import pandas as pd

    with db.engine.connect() as conn:
        spend = pd.read_sql(
            sa.select(m.money_spend.c.id, m.money_spend.c.pence, m.money_spend.c.scope,
                      m.money_spend.c.part, m.money_spend.c.seat_count)
            .where(m.money_spend.c.spent_on <= last, m.money_spend.c.candidate.is_(None)),
            conn,
        )  # fmt: skip
        links = pd.read_sql(sa.select(m.money_spend_seats), conn)
    joined = links.merge(spend, left_on="spend_id", right_on="id")
    totals: dict[str, Fraction] = defaultdict(Fraction)
    grouped = joined.groupby(["seat", "seat_count"])["pence"].sum()
    for (seat, count), pence in grouped.items():
        totals[str(seat)] += Fraction(int(pence), int(count))
    wide = spend[spend["scope"].isin(["part", "uk"])]
    for _, row in wide.iterrows():
        codes = places.in_part(Part(row["part"])) if row["scope"] == "part" else list(places.seats)
        share = Fraction(int(row["pence"]), len(codes))
        for code in codes:
            totals[code] += share
    return {code: round_pence(totals.get(code, Fraction(0))) for code in places.seats}


def loop_peer(db: Database, places: Places, last: date) -> dict[str, int]:
    """One query per seat for its items, then the wide items once."""
    s, ss = m.money_spend.c, m.money_spend_seats.c
    out: dict[str, int] = {}
    with db.read() as conn:
        wide_query = sa.select(s.pence, s.scope, s.part).where(
            s.scope.in_(("part", "uk")), s.spent_on <= last
        )
        wide = list(conn.execute(wide_query))
        counts = places.part_counts()
        for code, seat in places.seats.items():
            total = Fraction(0)
            query = (
                sa.select(s.pence, s.seat_count)
                .join(m.money_spend_seats, ss.spend_id == s.id)
                .where(ss.seat == code, s.spent_on <= last, s.candidate.is_(None))
            )
            for pence, count in conn.execute(query):
                total += Fraction(pence, count)
            for pence, scope, part in wide:
                if scope == "uk":
                    total += Fraction(pence, len(places.seats))
                elif part == seat.part.value:
                    total += Fraction(pence, counts[seat.part])
            out[code] = round_pence(total)
    return out


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """First run's seconds, the median of the further runs, and the last result."""
    times, result = [], None
    for _ in range(runs + 1):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:]), result


def run(label: str, url: str, places: Places, n: int, runs: int) -> None:
    db = Database(url)
    db.migrate()
    rows, seats = items(places, n, seed=2024)
    started = time.perf_counter()
    with db.write() as conn:
        q.insert_spend(conn, rows, seats)
    load = time.perf_counter() - started
    last = places.polling_day
    cold, ours, result = timed(lambda: check(db, places, as_of=last), runs)
    _, pandas_s, by_pandas = timed(lambda: pandas_peer(db, places, last), runs)
    _, loop_s, by_loop = timed(lambda: loop_peer(db, places, last), max(1, runs // 2))
    mine = {
        r.code: round_pence(r.spent) for r in result.seats if r.limit_key.endswith("constituency")
    }
    assert mine == by_pandas == by_loop, "the three disagree"
    counts = result.counts()
    print(
        f"{label}: {n:,} items ({sum(len(v) for v in seats.values()):,} seat links) loaded in "
        f"{load:.1f} s; money check median {ours:.3f} s (first {cold:.3f} s); "
        f"pandas peer {pandas_s:.3f} s ({pandas_s / ours:.1f}x ours); per-seat query loop "
        f"{loop_s:.3f} s ({loop_s / ours:.1f}x ours); all three agree on all 650 seats; "
        f"{counts['breach']} breaches, {counts['warning']} warnings"
    )
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("HUSTINGS_TEST_DATABASE_URL"))
    args = parser.parse_args()
    places = load_places(Store(), "2024")
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", places, args.items, args.runs)
    if not args.postgres:
        print("PostgreSQL: skipped (pass --postgres URL or set HUSTINGS_TEST_DATABASE_URL)")
        return
    schema = "bench_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.make_url(args.postgres).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        run("PostgreSQL", url.render_as_string(hide_password=False), places, args.items, args.runs)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


if __name__ == "__main__":
    main()

"""``money check`` over 100,000 items of spending in 650 seats, side by side with two plain
peers on the same database in the same run: loading the items into pandas and attributing
them there, and a naive loop of one query per seat. Target: under 2 s on SQLite and on
PostgreSQL. The three must agree on every seat's spending to the penny.

    HUSTINGS_HOME=/tmp/hh .venv/bin/python benchmarks/money_bench.py \
        [--items 100000] [--runs 5] [--seed 2024] [--postgres URL]

The instance is a large lawful campaign at the 2024 election, not uniform noise. 100,000
items can only be lawful if they are small: the four part-of-the-UK limits add up to
GBP 762,128, so the mean item is at most GBP 7.62. So the items are many small claims
(mileage, print runs, hire; lognormal amounts, median about GBP 3) with a few thousand larger
part- and UK-wide ones. Where they fall follows a plan: 12 English target seats planned at
40% to 112% of the GBP 17,553 constituency limit (three over it, four in the warning band),
and every other seat a small budget (median 1.5% of the limit, lognormal). 90% of items fall
in one seat, 7% are split over two to five seats, 2% over one part and 1% over the UK; 3% are
targeted at one party and 0.3% are for or against a named candidate (RPA 1983 s.75, GBP 700,
in ten seats). The run prints what the instance came to (spending per part against its limit,
seats by status), so a reader can see the check has real work: most seats well under, a
handful near or over.

Needs a built store (``hustings data sync``); PostgreSQL runs when ``--postgres`` or
``$HUSTINGS_TEST_DATABASE_URL`` names a server (a fresh schema is made and dropped).
"""

from __future__ import annotations

import argparse
import math
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
from hustings.money.check import CheckResult, check
from hustings.money.model import round_pence
from hustings.money.places import Places, load_places
from hustings.money.rules import Part, one, pounds
from hustings.storage import money as q
from hustings.storage import money_tables as m
from hustings.storage.engine import Database

CATEGORIES = ("material", "canvassing", "transport", "rallies", "press")


TARGET_PLAN = (1.12, 1.06, 1.02, 0.95, 0.90, 0.86, 0.82, 0.70, 0.65, 0.60, 0.50, 0.40)
"""The planned share of the constituency limit in each target seat."""
OTHER_MEDIAN = 0.015
UK_WIDE_POUNDS, PART_WIDE_POUNDS = 60_000, 40_000


def items(
    places: Places, n: int, seed: int
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, ...]]]:
    """``n`` items planned as the module describes: seat budgets drawn once, then each item's
    seats drawn in proportion to the budgets and its amount from one lognormal law scaled so
    that the expected spending in each seat is its budget."""
    rng = random.Random(seed)
    codes = sorted(places.seats)
    first = places.period[0]
    limit = one(places.polling_day, "non_party.constituency").pence
    england = [c for c in codes if places.seats[c].part is Part.ENGLAND]
    targets = rng.sample(england, len(TARGET_PLAN))
    budget = {c: min(0.2, rng.lognormvariate(math.log(OTHER_MEDIAN), 0.8)) for c in codes}
    budget.update(zip(targets, TARGET_PLAN, strict=True))
    weights = [budget[c] for c in codes]
    named_seats = rng.sample(codes, 10)
    kinds = rng.choices(("seat", "seats", "part", "uk"), (0.90, 0.07, 0.02, 0.01), k=n)
    seat_items = sum(1 for k in kinds if k in ("seat", "seats"))
    sigma = 0.75
    unit = math.exp(-sigma * sigma / 2)
    seat_mean = sum(weights) * limit / max(seat_items, 1)
    wide_mean = {
        "uk": UK_WIDE_POUNDS * 100 / max(kinds.count("uk"), 1),
        "part": PART_WIDE_POUNDS * 100 / max(kinds.count("part"), 1),
    }
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    seats: dict[str, tuple[str, ...]] = {}
    for i, scope in enumerate(kinds):
        ref = f"B{i:06d}"
        part: str | None = None
        candidate: str | None = None
        mean = wide_mean.get(scope, seat_mean)
        if scope == "seat":
            chosen: tuple[str, ...] = tuple(rng.choices(codes, weights))
            if rng.random() < 0.003:
                chosen, mean = (rng.choice(named_seats),), 2_000
                candidate = "Named Candidate"
        elif scope == "seats":
            picked: set[str] = set()
            want = rng.randint(2, 5)
            while len(picked) < want:
                picked.update(rng.choices(codes, weights))
            chosen = tuple(sorted(picked))
        elif scope == "part":
            p = rng.choice(list(Part))
            chosen, part = (), p.value
        else:
            chosen = ()
        count = len(chosen) or (len(places.in_part(Part(part))) if part else len(codes))
        if chosen:
            seats[ref] = chosen
        pence = max(50, round(mean * unit * rng.lognormvariate(0, sigma)))
        rows.append({
            "ref": ref, "spent_on": first + timedelta(days=rng.randrange(365)),
            "pence": pence, "supplier": "Supplier", "category": rng.choice(CATEGORIES),
            "description": "", "scope": scope, "part": part, "seat_count": count,
            "candidate": candidate,
            "targeted_party": "LAB" if candidate is None and rng.random() < 0.03 else None,
            "notional": False, "joint_plan": None, "paid_by": None, "invoice": None,
            "overridden": False, "created_at": now,
        })  # fmt: skip
    return rows, seats


def describe(result: CheckResult) -> str:
    """What the instance came to: each part's spending against its limit, seats by status."""
    parts = ", ".join(
        f"{r.code} {pounds(round_pence(r.spent))} of {pounds(r.limit_pence)}"
        for r in result.parts
        if r.limit_key == "non_party.part"
    )
    by_key: dict[str, dict[str, int]] = defaultdict(lambda: {"ok": 0, "warning": 0, "breach": 0})
    for row in result.seats:
        by_key[row.limit_key][row.status] += 1
    seats = "; ".join(
        f"{key}: {c['ok']} ok, {c['warning']} warning, {c['breach']} breach"
        for key, c in sorted(by_key.items())
    )
    return f"instance: UK total {pounds(round_pence(result.total))}; {parts}; seats {seats}"


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
    wide = spend[spend["scope"].isin(["part", "uk"])].fillna({"part": ""})
    for (scope, part), pence in wide.groupby(["scope", "part"])["pence"].sum().items():
        codes = places.in_part(Part(part)) if scope == "part" else list(places.seats)
        share = Fraction(int(pence), len(codes))
        for code in codes:
            totals[code] += share
    return {code: round_pence(totals.get(code, Fraction(0))) for code in places.seats}


def loop_peer(db: Database, places: Places, last: date) -> dict[str, int]:
    """One query per seat for its items; the wide items read once and summed per place."""
    s, ss = m.money_spend.c, m.money_spend_seats.c
    out: dict[str, int] = {}
    with db.read() as conn:
        wide_query = sa.select(s.pence, s.scope, s.part).where(
            s.scope.in_(("part", "uk")), s.spent_on <= last
        )
        wide: dict[str, int] = defaultdict(int)
        for pence, scope, part in conn.execute(wide_query):
            wide["uk" if scope == "uk" else part] += pence
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
            total += Fraction(wide["uk"], len(places.seats))
            total += Fraction(wide[seat.part.value], counts[seat.part])
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


def run(label: str, url: str, places: Places, n: int, runs: int, seed: int) -> None:
    db = Database(url)
    db.migrate()
    rows, seats = items(places, n, seed=seed)
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
    print(f"{label}: {describe(result)}")
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--postgres", default=os.environ.get("HUSTINGS_TEST_DATABASE_URL"))
    args = parser.parse_args()
    places = load_places(Store(), "2024")
    with tempfile.TemporaryDirectory() as folder:
        run(
            "SQLite",
            f"sqlite:///{Path(folder) / 'bench.db'}",
            places,
            args.items,
            args.runs,
            args.seed,
        )
    if not args.postgres:
        print("PostgreSQL: skipped (pass --postgres URL or set HUSTINGS_TEST_DATABASE_URL)")
        return
    schema = "bench_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.make_url(args.postgres).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        run(
            "PostgreSQL",
            url.render_as_string(hide_password=False),
            places,
            args.items,
            args.runs,
            args.seed,
        )
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


if __name__ == "__main__":
    main()

"""Selection by lot, side by side with the Sortition Foundation's sortition-algorithms.

Runs hustings LEXIMIN (every level, HiGHS) and sortition-algorithms' open-solver MAXIMIN
(its LEXIMIN needs Gurobi) on the same public instances, in the same run, and prints the
minimum selection probability, the Gini coefficient of the probabilities, the runtimes and
the CPU time of this process (less sensitive than wall time to other load on the machine).

    .venv/bin/python benchmarks/lot_bench.py [--peer-large] [--legacy-samples N]
                                             [--members-pool] [--pool-seed N] [--budget SECONDS]
                                             [--only NAME]

``--peer-large`` also runs the peer on example_large_200 (pool 2,000; slow for it).
``--members-pool`` adds a synthetic pool of 2,000 with 6 quota categories (29 values), a panel
of 200 and 150 two-person households (see ``synthetic_pool``); every algorithm on it gets
``--budget`` seconds (default 600) and is reported as "over budget" past that; ``--pool-seed``
draws another such pool (default 0).
Needs the data mirror and ``pip install 'hustings[lot,bench]'``.
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import logging
import math
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from hustings import lot
from hustings.lot.legacy import legacy_lottery
from hustings.settings import find_mirror

PEER_HINT = "pip install -c constraints.txt -e '.[bench]'"

PAPER = Path("sortition/citizensassemblies-replication/data")
SF = Path("sortition/sortition-algorithms-fixtures")


SF_E = PAPER / "sf_e_110" / "intersections.csv"
CATEGORIES = ("a", "b", "c", "d", "e", "f")
HUB = "c"


def _hub_tables(path: Path) -> tuple[list[str], np.ndarray, dict[str, tuple[list[str], Any]]]:
    """P(hub value) and P(value | hub value) for each other category, from pairwise shares."""
    joint: dict[str, dict[tuple[str, str], float]] = collections.defaultdict(dict)
    with path.open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            c1, f1, c2, f2 = r["category 1"], r["feature 1"], r["category 2"], r["feature 2"]
            if HUB in (c1, c2) and {c1, c2} <= set(CATEGORIES):
                other, key = (c2, (f1, f2)) if c1 == HUB else (c1, (f2, f1))
                joint[other][key] = float(r["population share"])
    hubs = sorted({h for t in joint.values() for h, _ in t}, key=lambda v: int(v[1:]))
    hub_p = np.array([sum(s for (h, _), s in joint["a"].items() if h == v) for v in hubs])
    cond = {}
    for cat, table in joint.items():
        values = sorted({x for _, x in table})
        m = np.array([[table.get((h, v), 0.0) for v in values] for h in hubs])
        cond[cat] = (values, m / m.sum(axis=1, keepdims=True))
    return hubs, hub_p / hub_p.sum(), cond


def synthetic_pool(
    mirror: Path, folder: Path, *, n: int = 2000, k: int = 200, pairs: int = 150, seed: int = 0
) -> tuple[Path, Path]:
    """A pool and quotas shaped like a real Sortition Foundation selection.

    People are drawn from the population of the paper's instance sf_e (pairwise shares of its
    pseudonymised categories, from the 2016 European Social Survey): the 12-value category
    ``c`` (a region, say) first, then five others given ``c``, so values are correlated as in
    the population. Volunteering is uneven: each value's response rate is log-normal (sd 0.4),
    so the pool is skewed as real pools are. 150 pairs in the same area share an address.
    Quotas are the population share of the panel, floor - 1 to ceiling + 1.
    """
    hubs, hub_p, cond = _hub_tables(mirror / SF_E)
    rng = np.random.default_rng(seed)
    rate = {c: np.exp(rng.normal(0.0, 0.4, len(cond[c][0]))) for c in cond}
    drawn = {HUB: rng.choice(len(hubs), size=n * 8, p=hub_p)}
    for cat, (_, m) in cond.items():
        u = rng.random(n * 8)[:, None]
        drawn[cat] = (u > np.cumsum(m[drawn[HUB]], axis=1)).sum(axis=1)
    accept = np.prod([rate[c][drawn[c]] for c in cond], axis=0)
    keep = np.flatnonzero(rng.random(n * 8) < accept / accept.max())[:n]
    people = [
        {HUB: hubs[drawn[HUB][i]], **{c: cond[c][0][drawn[c][i]] for c in cond}} for i in keep
    ]
    homes = [f"home{i}" for i in range(n)]
    by_hub: dict[str, list[int]] = collections.defaultdict(list)
    for i in rng.permutation(n):
        by_hub[people[i][HUB]].append(int(i))
    made = 0
    for members in by_hub.values():
        for j in range(0, len(members) - 1, 2):
            if made < pairs:
                homes[members[j + 1]] = homes[members[j]]
                made += 1
    shares = {HUB: dict(zip(hubs, hub_p, strict=True))}
    shares |= {cat: dict(zip(v, hub_p @ m, strict=True)) for cat, (v, m) in cond.items()}
    pool_path, quota_path = folder / "pool.csv", folder / "quotas.csv"
    with pool_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "address", *CATEGORIES])
        for i, person in enumerate(people):
            out.writerow([f"p{i}", homes[i], *(person[c] for c in CATEGORIES)])
    with quota_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["feature", "value", "min", "max"])
        for cat in CATEGORIES:
            for value, share in shares[cat].items():
                out.writerow(
                    [cat, value, max(0, math.floor(share * k) - 1), math.ceil(share * k) + 1]
                )
    return pool_path, quota_path


class OverBudget(Exception):
    """A run took longer than its budget."""


def within(budget: float, run: Callable[[], Any]) -> Any:
    """``run()``, or OverBudget once ``budget`` seconds have passed (checked between solver
    calls, so a run may overshoot by one call). A library that catches the interruption
    and raises its own error instead (the peer does, inside its MILP) is over budget too."""
    fired = []

    def stop(*_: object) -> None:
        fired.append(True)
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(max(1, int(budget)))
    try:
        return run()
    except Exception as exc:
        if fired and not isinstance(exc, OverBudget):
            raise OverBudget from exc
        raise
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def gini(values: np.ndarray) -> float:
    """Mean absolute difference over twice the mean."""
    v = np.sort(values)
    n = v.size
    return float(np.sum((2 * np.arange(1, n + 1) - n - 1) * v) / (n * v.sum()))


def instances(mirror: Path) -> list[tuple[str, Path, Path, int, list[str]]]:
    paper = [
        (
            name,
            mirror / PAPER / name / "respondents.csv",
            mirror / PAPER / name / "categories.csv",
            k,
            [],
        )
        for name, k in (("example_small_20", 20), ("example_large_200", 200))
    ]
    sf = ("sf_fixture_22", mirror / SF / "candidates.csv", mirror / SF / "features.csv", 22,
          ["primary_address1", "primary_zip"])  # fmt: skip
    return [*paper, sf]


def ours(pool_path: Path, quota_path: Path, k: int, homes: list[str], method: str) -> tuple:
    start = time.perf_counter()
    quotas = lot.read_quotas(quota_path, size=k)
    pool = lot.read_pool(pool_path, features=quotas.features, household_columns=homes)
    instance = lot.build_instance(pool, quotas, k, one_per_household=bool(homes))
    result = lot.select(instance, seed="bench", method=method)
    probs = np.array(list(result.probabilities.values()))
    return probs, time.perf_counter() - start, result.stats


def ours_legacy(pool_path: Path, quota_path: Path, k: int, homes: list[str], samples: int) -> tuple:
    start = time.perf_counter()
    quotas = lot.read_quotas(quota_path, size=k)
    pool = lot.read_pool(pool_path, features=quotas.features, household_columns=homes)
    instance = lot.build_instance(pool, quotas, k, one_per_household=bool(homes))
    dist, _ = legacy_lottery(instance, np.random.default_rng(0), samples=samples)
    by_type = dist.type_probabilities()
    probs = np.array([by_type[t] for t in instance.type_of])
    return probs, time.perf_counter() - start


def _peer_inputs(
    pool_path: Path, quota_path: Path
) -> tuple[list[dict[str, str]], list[dict[str, str]], str]:
    with quota_path.open(newline="", encoding="utf-8-sig") as handle:
        quota_rows = list(csv.DictReader(handle))
    if "category" in quota_rows[0]:
        quota_rows = [
            {"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]}
            for r in quota_rows
        ]
    with pool_path.open(newline="", encoding="utf-8-sig") as handle:
        people = list(csv.DictReader(handle))
    id_col = "nationbuilder_id" if "nationbuilder_id" in people[0] else "id"
    if id_col == "id" and "id" not in people[0]:
        people = [{"id": str(i), **row} for i, row in enumerate(people, start=1)]
    return quota_rows, people, id_col


def peer(pool_path: Path, quota_path: Path, k: int, homes: list[str]) -> tuple:
    import sortition_algorithms as sa
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin

    start = time.perf_counter()
    quota_rows, people_rows, id_col = _peer_inputs(pool_path, quota_path)
    features, _, _ = sa.read_in_features(list(quota_rows[0]), quota_rows, k)
    settings = sa.Settings(
        id_column=id_col,
        columns_to_keep=[],
        check_same_address=bool(homes),
        check_same_address_columns=homes,
    )
    people, _ = sa.read_in_people(list(people_rows[0]), people_rows, features, settings)
    committees, weights, _ = find_distribution_maximin(features, people, k, homes)
    marginal = {pid: 0.0 for pid in people}
    for committee, w in zip(committees, weights, strict=True):
        for pid in committee:
            marginal[pid] += w
    return np.array(list(marginal.values())), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-large", action="store_true")
    parser.add_argument("--legacy-samples", type=int, default=1000)
    parser.add_argument("--members-pool", action="store_true")
    parser.add_argument("--budget", type=float, default=600.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--pool-seed", type=int, default=0)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    mirror = find_mirror()
    if mirror is None:
        raise SystemExit("no data mirror: set HUSTINGS_DATA_MIRROR")
    todo = instances(mirror)
    scratch = tempfile.TemporaryDirectory()
    if args.members_pool:
        pool_path, quota_path = synthetic_pool(mirror, Path(scratch.name), seed=args.pool_seed)
        todo.append(("members_2000_200", pool_path, quota_path, 200, ["address"]))
    if args.only:
        todo = [t for t in todo if t[0] == args.only]
    head = f"{'min p':>7} {'gini':>6} {'seconds':>8} {'cpu s':>8}"
    print(f"{'instance':<18} {'algorithm':<34} {head}")
    for name, pool_path, quota_path, k, homes in todo:
        _run_instance(args, name, pool_path, quota_path, k, homes)
    scratch.cleanup()


def _run_instance(
    args: argparse.Namespace, name: str, pool_path: Path, quota_path: Path, k: int, homes: list[str]
) -> None:
    quotas = lot.read_quotas(quota_path, size=k)
    pool = lot.read_pool(pool_path, features=quotas.features, household_columns=homes)
    instance = lot.build_instance(pool, quotas, k, one_per_household=bool(homes))
    print(f"{name:<18} pool {len(pool)}, {len(quotas.items)} quotas, {len(instance.types)} types")
    rows: dict[str, tuple[np.ndarray, float] | None] = {}
    runs: list[tuple[str, Callable[[], tuple[np.ndarray, float]]]] = [
        ("hustings leximin", lambda: ours(pool_path, quota_path, k, homes, "leximin")[:2]),
        ("hustings maximin", lambda: ours(pool_path, quota_path, k, homes, "maximin")[:2]),
    ]
    if len(instance.types) < 500:
        runs.append(
            (
                f"hustings legacy ({args.legacy_samples} runs)",
                lambda: ours_legacy(pool_path, quota_path, k, homes, args.legacy_samples),
            )
        )
    if importlib.util.find_spec("sortition_algorithms") is None:
        print(f"{name:<18} {'sortition-algorithms maximin':<34} not installed: {PEER_HINT}")
    elif name != "example_large_200" or args.peer_large:
        runs.append(("sortition-algorithms maximin", lambda: peer(pool_path, quota_path, k, homes)))
    for label, run in runs:
        cpu = time.process_time()
        try:
            rows[label] = within(args.budget, run)
        except OverBudget:
            rows[label] = None
        cpu = time.process_time() - cpu
        got = rows[label]
        if got is None:
            print(
                f"{name:<18} {label:<34} over budget ({args.budget:.0f} s, cpu {cpu:.1f} s)",
                flush=True,
            )
        else:
            probs, seconds = got
            print(
                f"{name:<18} {label:<34} {probs.min():7.4f} {gini(probs):6.3f} {seconds:8.2f}"
                f" {cpu:8.2f}",
                flush=True,
            )
    lex, mm, theirs = (
        rows.get("hustings leximin"),
        rows.get("hustings maximin"),
        rows.get("sortition-algorithms maximin"),
    )
    if lex and mm and theirs:
        print(
            f"{name:<18} time ratio peer maximin / ours: leximin {theirs[1] / lex[1]:.2f}x, "
            f"maximin {theirs[1] / mm[1]:.2f}x; min p ours - theirs "
            f"{lex[0].min() - theirs[0].min():+.6f}; "
            f"gini ours - theirs {gini(lex[0]) - gini(theirs[0]):+.4f}"
        )


if __name__ == "__main__":
    main()

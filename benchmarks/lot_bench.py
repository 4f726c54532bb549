"""Selection by lot, side by side with the Sortition Foundation's sortition-algorithms.

Runs hustings LEXIMIN (every level, HiGHS) and sortition-algorithms' open-solver MAXIMIN
(its LEXIMIN needs Gurobi) on the same public instances, in the same run, and prints the
minimum selection probability, the Gini coefficient of the probabilities and the runtimes.

    .venv/bin/python benchmarks/lot_bench.py [--peer-large] [--legacy-samples N]

``--peer-large`` also runs the peer on example_large_200 (pool 2,000; slow for it).
Needs the data mirror and ``pip install 'hustings[lot,bench]'``.
"""

from __future__ import annotations

import argparse
import csv
import logging
import time
from pathlib import Path

import numpy as np

from hustings import lot
from hustings.lot.legacy import legacy_lottery
from hustings.settings import find_mirror

PAPER = Path("sortition/citizensassemblies-replication/data")
SF = Path("sortition/sortition-algorithms-fixtures")


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
    args = parser.parse_args()
    logging.disable(logging.INFO)
    mirror = find_mirror()
    if mirror is None:
        raise SystemExit("no data mirror: set HUSTINGS_DATA_MIRROR")
    print(f"{'instance':<18} {'algorithm':<34} {'min p':>7} {'gini':>6} {'seconds':>8}")
    for name, pool_path, quota_path, k, homes in instances(mirror):
        lex, t_lex, stats = ours(pool_path, quota_path, k, homes, "leximin")
        mm, t_mm, _ = ours(pool_path, quota_path, k, homes, "maximin")
        leg, t_leg = ours_legacy(pool_path, quota_path, k, homes, args.legacy_samples)
        rows = [
            (f"hustings leximin ({int(stats['levels'])} levels)", lex, t_lex),
            ("hustings maximin", mm, t_mm),
            (f"hustings legacy ({args.legacy_samples} runs)", leg, t_leg),
        ]
        if name != "example_large_200" or args.peer_large:
            theirs, t_peer = peer(pool_path, quota_path, k, homes)
            rows.append(("sortition-algorithms maximin", theirs, t_peer))
        for label, probs, seconds in rows:
            print(f"{name:<18} {label:<34} {probs.min():7.4f} {gini(probs):6.3f} {seconds:8.2f}")
        if len(rows) == 4:
            theirs, t_peer = rows[3][1], rows[3][2]
            print(
                f"{name:<18} time ratio peer maximin / ours: leximin {t_peer / t_lex:.1f}x, "
                f"maximin {t_peer / t_mm:.1f}x; min p ours - theirs "
                f"{lex.min() - theirs.min():+.6f}; "
                f"gini ours - theirs {gini(lex) - gini(theirs):+.4f}"
            )


if __name__ == "__main__":
    main()

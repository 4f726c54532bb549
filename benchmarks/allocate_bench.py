"""The allocator at national scale: 10,000 volunteers, 650 seats and a GBP 500,000 budget,
planned by the optimiser (HiGHS) and by the nearest-marginal rule in the same run.

Run: .venv/bin/python benchmarks/allocate_bench.py [--volunteers 10000] [--seats 650]
     [--budget 500000] [--seed 0] [--effect-scale 1]
     [--scenario final-polls-2024 --base 2019-notional --bloc LAB,LD,GRN --against CON]

Without ``--scenario`` the seats are synthetic (seeded): 650 centres spread over a
600 x 1,000 km box, each with a central margin drawn from N(0, 15 points) and, from it, a win
probability and pivotality as a normal seat error of 6 points would give them. With
``--scenario`` the seats are the real GB seats of that projection (the store must be built),
their pivotality from 4,000 simulations. Volunteers live within a few km (normal, 5 km) of a
seat centre picked at random, give 3 hours and travel 5, 10, 20 or 40 km. Timings exclude
building the inputs; the plan's time includes building the programme.
"""

from __future__ import annotations

import argparse
import math
import time
from typing import Any

import numpy as np

from hustings.allocate import Effects, Seats, Volunteers, build, nearest_marginal, optimise


def synthetic_seats(n: int, rng: np.random.Generator) -> Seats:
    """``n`` seeded seats with margins, win probabilities and pivotality (see the docstring)."""
    margin = rng.normal(0.0, 0.15, n)
    sd = 0.06
    win = np.array([0.5 * (1 + math.erf(m / (sd * math.sqrt(2)))) for m in margin])
    value = np.exp(-0.5 * (margin / sd) ** 2) / (sd * math.sqrt(2 * math.pi))
    electorate = rng.normal(73_000, 4_000, n)
    return Seats(
        tuple(f"S{i:03d}" for i in range(n)), tuple(f"Seat {i}" for i in range(n)),
        value, win, electorate * 0.6, electorate / 2, electorate, np.full(n, 17_553.0),
        rng.uniform(0, 600_000, n), rng.uniform(0, 1_000_000, n), margin,
        ("LAB",) * n, ("CON",) * n,
    )  # fmt: skip


def volunteers(seats: Seats, n: int, rng: np.random.Generator) -> Volunteers:
    """``n`` volunteers near random seat centres."""
    at = rng.integers(0, len(seats), n)
    return Volunteers(
        tuple(f"v{i}" for i in range(n)),
        seats.easting[at] + rng.normal(0, 5_000, n), seats.northing[at] + rng.normal(0, 5_000, n),
        np.full(n, 3.0), rng.choice([5.0, 10.0, 20.0, 40.0], n), np.full(n, -1), ("",) * n,
    )  # fmt: skip


def real_seats(scenario: str, base: str, bloc: str, against: str) -> tuple[Seats, Any]:
    """The GB seats of a projection from the store, and its simulated race."""
    from hustings.allocate import build_seats, load_scenario
    from hustings.data.api import Store

    store = Store()
    found = load_scenario(store, scenario, bloc=bloc.split(","), against=against, base=base)
    return build_seats(store, found, Effects()), found.race


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=10_000)
    parser.add_argument("--seats", type=int, default=650)
    parser.add_argument("--budget", type=float, default=500_000.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scenario")
    parser.add_argument("--base", default="2019-notional")
    parser.add_argument("--bloc", default="LAB,LD,GRN")
    parser.add_argument("--against", default="CON")
    parser.add_argument("--effect-scale", type=float, default=1.0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    race = None
    if args.scenario:
        seats, race = real_seats(args.scenario, args.base, args.bloc, args.against)
    else:
        seats = synthetic_seats(args.seats, rng)
    people = volunteers(seats, args.volunteers, rng)
    start = time.perf_counter()
    model = build(seats, people, Effects(scale=args.effect_scale), args.budget)
    built = time.perf_counter() - start
    start = time.perf_counter()
    rule = nearest_marginal(model, marginals=100)
    rule_s = time.perf_counter() - start
    start = time.perf_counter()
    plan = optimise(model)
    plan_s = time.perf_counter() - start + built
    base = float(seats.win_probability.sum())
    print(f"{len(people):,} volunteers, {len(seats)} seats, GBP {args.budget:,.0f}"
          f" ({'scenario ' + args.scenario if args.scenario else 'synthetic seats'},"
          f" effects x{args.effect_scale:g})")  # fmt: skip
    print(
        f"optimiser:        {plan_s:7.2f} s  expected seats {plan.expected_seats:.3f} "
        f"(+{plan.expected_seats - base:.3f} over no effort; LP bound {plan.bound:.3f})"
    )
    print(
        f"nearest-marginal: {rule_s:7.2f} s  expected seats {rule.expected_seats:.3f} "
        f"(+{rule.expected_seats - base:.3f})"
    )
    ratio = (plan.expected_seats - base) / max(rule.expected_seats - base, 1e-12)
    print(
        f"time ratio optimiser / rule: {plan_s / max(rule_s, 1e-9):.1f}x; "
        f"gain ratio (seats added over no effort): {ratio:.2f}x"
    )
    print(
        f"volunteers sent: optimiser {(plan.seat_of >= 0).sum():,}, rule "
        f"{(rule.seat_of >= 0).sum():,}; spent: optimiser GBP {plan.cost:,.0f}, rule "
        f"GBP {rule.cost:,.0f}"
    )
    if race is not None:
        plan_sim = race.win_probability(plan.votes / seats.votes_cast).sum()
        rule_sim = race.win_probability(rule.votes / seats.votes_cast).sum()
        print(f"re-scored on the simulations: optimiser {plan_sim:.3f}, rule {rule_sim:.3f}")


if __name__ == "__main__":
    main()

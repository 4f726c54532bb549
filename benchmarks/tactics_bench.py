"""Speed of tactical advice (632 GB seats, 100,000 simulations) and of an alliance re-run.

Run: HUSTINGS_HOME=... .venv/bin/python benchmarks/tactics_bench.py
Targets (issue 4): advice with 100,000 simulations under 2 s; an alliance re-run under 1 s.
The peer in the same run is the projection alone (its Monte Carlo is the shared cost).
"""

from __future__ import annotations

import time

from hustings.data.api import Store
from hustings.projection import parse_shares, project
from hustings.tactics import advise, load_board
from hustings.tactics.alliance import simulate_alliance

SIMS = 100_000


def timed(label: str, fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    print(f"{label:<58} {best:7.3f} s")
    return best


def main() -> None:
    store = Store()
    shares = parse_shares("final-polls-2024", store)
    store.vote_matrix("2019-notional")
    proj = timed(
        f"projection alone, {SIMS:,} sims",
        lambda: project(store, base="2019-notional", shares=shares, sims=SIMS, seed=1),
    )
    adv = timed(
        f"tactical advice, 632 seats, {SIMS:,} sims (incl. projection)",
        lambda: advise(store, shares=shares, sims=SIMS, seed=1),
    )
    verdict = "ok" if adv < 2 else "MISSED"
    print(f"advice / projection alone: {adv / proj:.2f}x; target < 2 s: {verdict}")
    board = load_board(store, "2024")
    rerun = timed(
        "alliance re-run (RUK stands down everywhere, 2024 base)",
        lambda: simulate_alliance(store, stand_down=["RUK:all"], board=board),
    )
    sim = timed(
        "alliance re-run with 1,000 sims",
        lambda: simulate_alliance(store, stand_down=["RUK:all"], board=board, sims=1000),
    )
    print(f"alliance target < 1 s: {'ok' if max(rerun, sim) < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()

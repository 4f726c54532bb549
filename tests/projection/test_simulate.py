"""Monte Carlo: determinism, engines agreeing, sure seats, bookkeeping in chunks."""

from __future__ import annotations

import numpy as np
import pytest

from hustings.errors import InvalidInputError
from hustings.projection.kernels import HAVE_NUMBA, QUANTILES
from hustings.projection.simulate import MAX_SIMS, Sigmas, contenders, simulate

REGIONS = ("North", "North", "South", "South", "South")
CENTRAL = np.array(
    [
        [0.45, 0.40, 0.15, 0.0],
        [0.30, 0.32, 0.30, 0.08],
        [0.80, 0.10, 0.10, 0.0],
        [0.20, 0.50, 0.25, 0.05],
        [0.34, 0.33, 0.33, 0.0],
    ]
)
SIGMAS = Sigmas(np.full(4, 0.02), np.full(4, 0.01), np.where(CENTRAL > 0, 0.03, 0.0))
ENGINES = ["numpy", "fast"] if HAVE_NUMBA else ["numpy"]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_seed_same_answer_different_seed_may_differ(engine: str) -> None:
    a = simulate(CENTRAL, REGIONS, SIGMAS, sims=3000, seed=7, engine=engine)
    b = simulate(CENTRAL, REGIONS, SIGMAS, sims=3000, seed=7, engine=engine)
    c = simulate(CENTRAL, REGIONS, SIGMAS, sims=3000, seed=8, engine=engine)
    assert np.array_equal(a.win_counts, b.win_counts)
    assert not np.array_equal(a.win_counts, c.win_counts)


@pytest.mark.parametrize("engine", ENGINES)
def test_bookkeeping_across_uneven_chunks(engine: str) -> None:
    sim = simulate(CENTRAL, REGIONS, SIGMAS, sims=2500, seed=1, engine=engine, chunk=1000)
    assert sim.win_counts.sum(axis=1).tolist() == [2500] * 5
    assert sim.histogram.sum(axis=1).tolist() == [2500] * 4
    assert (sim.histogram * np.arange(6)).sum() == 2500 * 5
    assert sim.win_counts[2, 0] == 2500  # 80 to 10: a sure seat
    assert sim.win_counts[:, 3].sum() == 0  # never near the lead
    assert sim.win_counts[0, 3] == 0  # did not stand


@pytest.mark.parametrize("engine", ENGINES)
def test_progress_is_reported_after_every_chunk(engine: str) -> None:
    seen: list[tuple[int, int]] = []
    simulate(CENTRAL, REGIONS, SIGMAS, sims=2500, seed=1, engine=engine, chunk=1000,
             on_chunk=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]


@pytest.mark.skipif(not HAVE_NUMBA, reason="the fast extra (numba) is not installed")
def test_engines_agree_within_sampling_error() -> None:
    fast = simulate(CENTRAL, REGIONS, SIGMAS, sims=40_000, seed=3, engine="fast")
    ref = simulate(CENTRAL, REGIONS, SIGMAS, sims=40_000, seed=3, engine="numpy")
    gap = np.abs(fast.win_counts - ref.win_counts) / 40_000
    assert gap.max() < 0.015


def test_contenders_keep_only_parties_that_can_win() -> None:
    regions = np.array([0, 0, 1, 1, 1])
    cands = contenders(CENTRAL, SIGMAS, float(QUANTILES.max()), regions)
    assert cands[2].tolist()[:1] == [0] and set(cands[2].tolist()) <= {0, -1}
    assert set(cands[4].tolist()) - {-1} == {0, 1, 2}


def test_quantile_table_is_a_standard_normal() -> None:
    assert QUANTILES.mean() == pytest.approx(0.0, abs=1e-9)
    assert QUANTILES.std() == pytest.approx(1.0, abs=1e-9)
    assert 3.3 < QUANTILES.max() < 3.7
    assert len(QUANTILES) == 4096


def test_interval_sure_and_hopeless_seats() -> None:
    sim = simulate(CENTRAL, REGIONS, SIGMAS, sims=1000, seed=2)
    lo, hi = sim.interval(0)
    assert 1 <= lo <= hi <= 5
    # seat 2 is 80-10-10: party 0 wins it in every simulation, so never ends on no seat
    assert sim.win_counts[2, 0] == 1000 and sim.histogram[0, 0] == 0
    # party 3 polls at most 8% where leaders poll 30% or more: no seat, never the largest
    assert sim.histogram[3, 0] == 1000 and sim.largest[3] == 0


def test_zero_sims_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="sims is 0"):
        simulate(CENTRAL, REGIONS, SIGMAS, sims=0)


def test_a_run_beyond_the_limit_is_refused_before_it_starts() -> None:
    # 10**12 simulations would take weeks; the refusal comes before anything is drawn.
    calls: list[int] = []
    with pytest.raises(InvalidInputError, match=r"sims is 1,000,000,000,000, more than one run"):
        simulate(CENTRAL, REGIONS, SIGMAS, sims=10**12, on_chunk=lambda d, n: calls.append(d))
    assert calls == []
    assert MAX_SIMS == 1_000_000


@pytest.mark.skipif(not HAVE_NUMBA, reason="the fast extra (numba) is not installed")
def test_fast_engine_does_not_depend_on_the_thread_count() -> None:
    import numba

    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = simulate(CENTRAL, REGIONS, SIGMAS, sims=5000, seed=4, engine="fast")
        numba.set_num_threads(before)
        many = simulate(CENTRAL, REGIONS, SIGMAS, sims=5000, seed=4, engine="fast")
    finally:
        numba.set_num_threads(before)
    assert np.array_equal(one.win_counts, many.win_counts)
    assert np.array_equal(one.histogram, many.histogram)

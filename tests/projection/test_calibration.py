"""The band rule of calibration, its chance of passing by binomial noise alone, and the
temperature recalibration fitted only on earlier elections."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from hustings.data.api import Store
from hustings.projection.backtest import Band
from hustings.projection.calibration import (
    Favourites,
    calibration,
    chance_of_passing,
    fit_temperature,
    passes,
    rescale,
)


def test_chance_of_passing_matches_the_binomial_sum() -> None:
    # 30 seats given 50%: the band passes when 14, 15 or 16 are won (within 5 points of 50%).
    exact = sum(comb(30, k) for k in (14, 15, 16)) / 2**30
    assert exact == pytest.approx(0.4153, abs=1e-4)
    p = np.full(30, 0.5)
    assert chance_of_passing(p, trials=20_000, seed=3) == pytest.approx(exact, abs=0.015)


def test_bands_under_30_seats_are_not_judged() -> None:
    assert chance_of_passing(np.full(29, 0.5), trials=100) == 1.0
    small = Band(0.5, 0.6, 0.55, 0.0, 29)
    big = Band(0.9, 1.0, 0.95, 0.91, 400)
    assert passes([small, big])
    assert not passes([small, Band(0.9, 1.0, 0.95, 0.89, 400)])


def test_two_independent_bands_multiply() -> None:
    # 30 seats at 45% (band 0.4-0.5) pass with 12-15 won; 30 at 55% with 15-18 won.
    one = sum(comb(30, k) * 0.45**k * 0.55 ** (30 - k) for k in (12, 13, 14, 15))
    p = np.concatenate([np.full(30, 0.55), np.full(30, 0.45)])
    assert chance_of_passing(p, trials=20_000, seed=1) == pytest.approx(one**2, abs=0.015)


def test_temperature_is_recovered_from_overconfident_probabilities() -> None:
    rng = np.random.default_rng(7)
    z = rng.normal(0.0, 3.0, 40_000)
    truth = 1.0 / (1.0 + np.exp(-z / 2.0))
    given = 1.0 / (1.0 + np.exp(-z))
    won = rng.random(z.size) < truth
    t = fit_temperature(Favourites(given, won), sims=10_000)
    assert t == pytest.approx(2.0, rel=0.08)
    assert rescale(np.array([0.5]), t, 10_000)[0] == pytest.approx(0.5)


@pytest.mark.mirror
def test_per_election_rule_fails_by_chance_most_of_the_time(store: Store) -> None:
    # A forecast whose favourites win with exactly the probabilities the model gave would
    # pass the per-election rule in only a minority of trials (docs/projection.md), while the
    # pooled final-poll bands pass in about half.
    report = calibration(store, inputs=("final-polls",), models=("ours",), trials=4_000)
    checks = {c.label: c for c in report.checks}
    assert list(checks) == ["2015", "2017", "2019", "2024", "pooled 2015, 2017, 2019, 2024"]
    for year in ("2015", "2017", "2019", "2024"):
        assert checks[year].seats == 631
        assert checks[year].chance < 0.3
    pooled = checks["pooled 2015, 2017, 2019, 2024"]
    assert pooled.seats == 4 * 631 and pooled.passes
    assert pooled.chance > 0.4
    # each temperature is fitted only on the elections before the one it is applied to
    assert checks["2015"].fitted_on == () and checks["2015"].temperature == 1.0
    assert checks["2024"].fitted_on == ("2015", "2017", "2019")
    assert pooled.temperature is None

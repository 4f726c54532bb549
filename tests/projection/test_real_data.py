"""Projection and back-tests on the real data (the mirror)."""

from __future__ import annotations

import numpy as np
import pytest

from hustings.data.api import Store
from hustings.errors import InvalidInputError, NotFoundError
from hustings.projection import parse_shares, project
from hustings.projection.backtest import MIN_BAND_SEATS, backtest, score_forecasters
from hustings.projection.features import prior
from hustings.projection.history import History

pytestmark = pytest.mark.mirror


def test_actual_and_final_poll_shares(store: Store) -> None:
    actual = parse_shares("actual-2024", store)
    assert actual["LAB"] == pytest.approx(0.3464, abs=5e-4)
    assert actual["RUK"] == pytest.approx(0.1469, abs=5e-4)
    polls = parse_shares("final-polls-2024", store)
    assert polls["LAB"] == pytest.approx(0.3875, abs=5e-4)  # PollBase README: 38.8
    assert polls["CON"] == pytest.approx(0.2122, abs=5e-4)
    assert sum(polls.values()) == pytest.approx(1.0)
    assert parse_shares("final-polls-2017", store)["LAB"] == pytest.approx(0.363, abs=1e-3)


def test_snp_on_the_eve_of_2024_comes_from_the_last_polls_that_give_it(store: Store) -> None:
    # No 2024 final poll in the mirror gives an SNP figure; Survation's three non-MRP polls
    # of the last three weeks do (2, 2 and 3%). The 2019 GB share (3.9%) would be 47% of
    # Scotland's vote.
    assert parse_shares("final-polls-2024", store)["SNP"] == pytest.approx(0.0233, abs=5e-4)


def test_uns_from_the_notional_base_to_the_2024_shares(store: Store) -> None:
    result = project(store, base="2019-notional", shares=parse_shares("actual-2024", store))
    assert len(result.gss) == 632
    assert sum(result.seats.values()) == 632
    assert result.shares.sum(axis=1) == pytest.approx(np.ones(632))
    assert result.win_probability is None and result.majority_probability is None
    assert result.seats["SPK"] == 1
    body = result.to_json()
    assert set(body) >= {"seats", "seats_interval", "majority_probability", "seat_results"}
    chorley = body["seat_results"]["E14001170"]
    assert chorley["winner"] == "SPK"


def test_simulated_projection_is_seeded(store: Store) -> None:
    shares = parse_shares("LAB=33.7,CON=23.7,RUK=14.3,LD=12.2,GRN=6.7,SNP=2.5,PC=0.7", store)
    a = project(store, shares=shares, model="transition", sims=4000, seed=5)
    b = project(store, shares=shares, model="transition", sims=4000, seed=5)
    assert a.win_probability is not None and b.win_probability is not None
    assert np.array_equal(a.win_probability, b.win_probability)
    assert a.win_probability.sum(axis=1) == pytest.approx(np.ones(632))
    assert a.seats_interval is not None and a.majority_probability is not None
    lo, hi = a.seats_interval["LAB"]
    assert lo <= a.seats["LAB"] <= hi
    assert a.majority_probability["LAB"] > 0.5


def test_by_nation_overrides_gb_swing(store: Store) -> None:
    gb = parse_shares("actual-2024", store)
    scotland = {"SNP": 0.30, "LAB": 0.357, "CON": 0.127, "LD": 0.097, "RUK": 0.07, "GRN": 0.038}
    result = project(store, shares=gb, by={"Scotland": scotland})
    assert result.seats["SNP"] < 20
    with pytest.raises(NotFoundError, match="no nation or region 'Narnia'"):
        project(store, shares=gb, by={"Narnia": scotland})


def test_bad_base_and_party(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no election '2005'"):
        project(store, base="2005", shares={"LAB": 0.4})
    with pytest.raises(InvalidInputError, match="party 'DUP' did not stand"):
        project(store, shares={"LAB": 0.4, "DUP": 0.01})


def test_ours_is_fitted_only_on_earlier_elections(store: Store) -> None:
    history = History.of(store)
    assert np.array_equal(history.coefficients("2015"), prior())  # nothing before: uniform swing
    later = history.coefficients("2024")
    assert later.shape == (3,) and not np.allclose(later, prior())
    # by 2017 there is one earlier pair of elections to fit on: no longer the prior
    assert not np.allclose(history.coefficients("2017"), prior())


def test_forecasters_scored_with_the_same_code(store: Store) -> None:
    rows = {r.model: r for r in score_forecasters(store, "2024")}
    assert set(rows) == {"economist", "election-maps-uk", "new-statesman", "principal-fish"}
    assert all(r.seats_total == 631 for r in rows.values())
    assert rows["election-maps-uk"].seats_correct == 558
    assert rows["new-statesman"].seats_correct == 549


def test_backtest_2024_rows(store: Store) -> None:
    report = backtest(store, elections=("2024",), inputs=("actual", "final-polls"),
                      models=("uns", "transition"), sims=2000)  # fmt: skip
    ours = [r for r in report.rows if r.inputs != "published"]
    assert len(ours) == 4
    for row in ours:
        assert row.seats_total == 631
        assert row.brier is not None and 0 < row.brier < 1
        assert sum(row.misses_by_region.values()) == row.seats_total - row.seats_correct
    uns = next(r for r in ours if r.model == "uns" and r.inputs == "actual")
    assert 0.65 < uns.seats_correct / 631 < 0.80  # a perfect-poll UNS calls about 75%
    for row in ours:
        assert sum(band.seats for band in row.calibration) == 631
        assert all(
            0 <= band.observed <= 1 and band.low <= band.predicted for band in row.calibration
        )
        body = row.to_json()["calibration"]
        assert set(body[0]) == {"low", "high", "predicted", "observed", "seats"}
    pooled = report.calibration("final-polls")
    assert sum(band.seats for band in pooled) == 2 * 631


def test_ours_beats_uniform_swing_on_2024_from_final_polls(store: Store) -> None:
    report = backtest(store, elections=("2024",), inputs=("final-polls",), models=("uns", "ours"),
                      sims=0, forecasters=False)  # fmt: skip
    called = {r.model: r.seats_correct for r in report.rows}
    # docs/projection.md, back-test table: fitted on 2015-2019 only.
    assert called == {"uns": 503, "ours": 548}


def test_final_poll_probabilities_are_calibrated_per_input_type(store: Store) -> None:
    # Every row's error sizes come from earlier elections only (test_no_leak.py); pooled over
    # the four final-poll rows, each band of 30 or more seats wins within 5 points of the
    # probability given. Pooling never mixes in the actual-share rows.
    report = backtest(store, inputs=("final-polls",), models=("ours",), sims=10_000,
                      forecasters=False)  # fmt: skip
    bands = report.calibration("final-polls", "ours")
    assert sum(band.seats for band in bands) == 4 * 631
    judged = [band for band in bands if band.seats >= MIN_BAND_SEATS]
    assert len(judged) >= 5
    for band in judged:
        assert abs(band.observed - band.predicted) <= 0.05, band

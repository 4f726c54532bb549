"""Sizes of the simulation's errors, from history only.

Each level's standard deviation for a party is ``k * sqrt(share)`` (errors grow with a party's
size, as binomial-like errors do):

* national ``k`` from the pollsters' final-poll errors (average of final polls minus the GB
  result, for the polled parties) of the elections before the target (``k**2`` = sum of
  squared errors / sum of shares);
* regional and seat ``k`` from the chosen model's back-test residuals (actual GB shares as
  input) on the pairs before the target: the regional mean residual, and what is left
  (``k**2`` = sum of squared residuals / sum of projected shares, so that parties projected
  near zero do not dominate).

Without history (the 2015 back-test) documented priors are used.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.projection.simulate import Sigmas

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]

PRIOR_NATIONAL = 0.05
PRIOR_REGIONAL = 0.04
PRIOR_SEAT = 0.08
FLOOR = 0.005  # shares below this count as this when scaling errors
POLL_YEARS = ("2015", "2017", "2019", "2024")

_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[str, str | None], ErrorModel]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True)
class ErrorModel:
    """The three scale factors and where they came from."""

    national: float
    regional: float
    seat: float
    national_from: tuple[str, ...]
    residuals_from: tuple[str, ...]

    def sigmas(self, central: Array, regions: Sequence[str]) -> Sigmas:
        """Standard deviations for simulating ``central``: national and regional ones scale
        with each party's projected share in the region (so the SNP's errors are Scottish-sized),
        seat ones with its share in the seat."""
        names, index = np.unique(np.asarray(regions), return_inverse=True)
        means = np.array([central[index == r].mean(axis=0) for r in range(len(names))])
        size = np.sqrt(np.maximum(means, FLOOR))
        seat = self.seat * np.sqrt(np.maximum(central, FLOOR))
        return Sigmas(self.national * size, self.regional * size, np.where(central > 0, seat, 0.0))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "national_k": round(self.national, 5),
            "regional_k": round(self.regional, 5),
            "seat_k": round(self.seat, 5),
            "national_from": list(self.national_from),
            "residuals_from": list(self.residuals_from),
        }


def error_model(store: Store, *, model: str, before: str | None) -> ErrorModel:
    """The error sizes for ``model`` using only elections before ``before`` (all if None)."""
    cache = _CACHE.setdefault(store, {})
    key = (model, before)
    if key not in cache:
        years = tuple(y for y in POLL_YEARS if before is None or int(y) < int(before[:4]))
        national = poll_error_k(store, years)
        regional, seat, pairs = residual_k(store, model, before)
        cache[key] = ErrorModel(national, regional, seat, years, pairs)
    return cache[key]


def poll_error_k(store: Store, years: tuple[str, ...]) -> float:
    """``k`` such that ``k * sqrt(actual)`` is the RMS final-poll error of the polled parties."""
    from hustings.projection.shares import POLLED, final_poll_shares

    squares = weights = 0.0
    for year in years:
        polls = final_poll_shares(store, year)
        actual = store.national(year).gb_shares
        for party in POLLED:
            squares += (polls[party] - actual.get(party, 0.0)) ** 2
            weights += actual.get(party, 0.0)
    return float(np.sqrt(squares / weights)) if weights else PRIOR_NATIONAL


def residual_k(
    store: Store, model: str, before: str | None
) -> tuple[float, float, tuple[str, ...]]:
    """Regional and seat ``k`` from back-test residuals with actual GB shares as input."""
    from hustings.projection.backtest import aligned_actual
    from hustings.projection.core import load_base, project_base
    from hustings.projection.features import training_pairs
    from hustings.projection.shares import actual_shares

    reg_sq = reg_w = seat_sq = seat_w = 0.0
    used: list[str] = []
    for base_id, target_id in training_pairs(before):
        b = load_base(store, base_id)
        shares = actual_shares(store, target_id)
        central = project_base(store, b, shares, None, model=model, before=target_id).shares
        residual = aligned_actual(store, b, target_id) - central
        for region in sorted(set(b.regions)):
            rows = np.array([r == region for r in b.regions])
            mean = residual[rows].mean(axis=0)
            reg_sq += float((mean**2).sum())
            reg_w += float(central[rows].mean(axis=0).sum())
            seat_sq += float(((residual[rows] - mean) ** 2).sum())
            seat_w += float(central[rows].sum())
        used.append(target_id)
    if not used:
        return PRIOR_REGIONAL, PRIOR_SEAT, ()
    return float(np.sqrt(reg_sq / reg_w)), float(np.sqrt(seat_sq / seat_w)), tuple(used)

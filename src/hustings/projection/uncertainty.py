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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from hustings.projection.simulate import Sigmas

Array = npt.NDArray[np.float64]

PRIOR_REGIONAL = 0.04
PRIOR_SEAT = 0.08
FLOOR = 0.005  # shares below this count as this when scaling errors


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


def residual_k(cases: Sequence[tuple[Sequence[str], Array, Array]]) -> tuple[float, float]:
    """Regional and seat ``k`` from back-tests given as (regions, central, actual) per pair:
    the regional mean residual, and what is left (priors when there are no cases)."""
    if not cases:
        return PRIOR_REGIONAL, PRIOR_SEAT
    reg_sq = reg_w = seat_sq = seat_w = 0.0
    for regions, central, actual in cases:
        residual = actual - central
        names = np.asarray(regions)
        for region in sorted(set(regions)):
            rows = names == region
            mean = residual[rows].mean(axis=0)
            reg_sq += float((mean**2).sum())
            reg_w += float(central[rows].mean(axis=0).sum())
            seat_sq += float(((residual[rows] - mean) ** 2).sum())
            seat_w += float(central[rows].sum())
    return float(np.sqrt(reg_sq / reg_w)), float(np.sqrt(seat_sq / seat_w))

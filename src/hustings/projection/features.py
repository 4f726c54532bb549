"""Seat characteristics and the fitted settings of the ``ours`` model.

The model (``models.ours``) is uniform swing plus three corrections of fitted size: a falling
party loses more where it was strong (``w``), the best-placed challenger gathers anti-incumbent
votes from the parties behind it (``t``), gains tilt towards Leave-voting seats (``v``). The
settings are chosen from a fixed grid to call the most seats right on the back-test pairs
*before* the target election, projected from the actual GB shares (ties go to the setting closest to
uniform swing), so a projection of 2024 never sees 2024; with no earlier pair (2015) the model
is uniform swing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from hustings.projection.models import ModelContext, ours

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.projection.base import Base

Array = npt.NDArray[np.float64]

CENSUS = ("degree", "age_65_plus", "nssec_routine_semi")
NFEATURES = 2 + len(CENSUS)  # leave, census..., previous RUK share
PAIRS: tuple[tuple[str, str], ...] = (
    ("2010", "2015"),
    ("2015", "2017"),
    ("2017", "2019"),
    ("2019-notional", "2024"),
)


def seat_features(store: Store, b: Base) -> Array:
    """Standardised seat features (seats x ``NFEATURES``) for the base's seats; gaps are 0."""
    known = store.seat_characteristics(store.election(b.election).boundary_set, CENSUS)
    names = ("leave_share", *CENSUS)
    raw = np.full((len(b.gss), NFEATURES), np.nan)
    for i, gss in enumerate(b.gss):
        for k, name in enumerate(names):
            raw[i, k] = known.get(gss, {}).get(name, np.nan)
    if "RUK" in b.parties:
        raw[:, -1] = b.shares[:, b.parties.index("RUK")]
    mean = np.nanmean(raw, axis=0)
    std = np.nanstd(raw, axis=0)
    z = (raw - mean) / np.where(std > 0, std, 1.0)
    return np.asarray(np.nan_to_num(z), dtype=np.float64)


GRID: tuple[tuple[float, float, float], ...] = tuple(
    (w, t, v)
    for w in (0.0, 0.25, 0.5, 0.75, 1.0)
    for t in (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
    for v in (0.0, 0.25, 0.5)
)
NREG = 3


def prior() -> Array:
    """Uniform swing as settings."""
    return np.zeros(NREG)


def fit(cases: list[tuple[Array, Array, Array, ModelContext, Array]]) -> Array:
    """The grid setting calling the most seats right over ``cases``
    (base, base area, target area, context, actual shares)."""

    def right(setting: tuple[float, float, float]) -> int:
        total = 0
        for base, base_area, target_area, context, actual in cases:
            fitted = replace(context, coefficients=np.array(setting))
            projected = ours(base, base_area, target_area, fitted)
            total += int((projected.argmax(axis=1) == actual.argmax(axis=1)).sum())
        return total

    if not cases:
        return prior()
    return np.array(max(GRID, key=right), dtype=np.float64)


def training_pairs(before: str | None) -> list[tuple[str, str]]:
    """The back-test pairs strictly before the target election ``before`` (all when None)."""
    if before is None:
        return list(PAIRS)
    year = int(before[:4])
    return [pair for pair in PAIRS if int(pair[1][:4]) < year]

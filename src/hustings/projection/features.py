"""Seat characteristics and the fitted coefficients of the ``ours`` model.

For party ``p`` in seat ``i`` the model's change in share is ``X[i, p] @ C[p]`` with regressors

0. ``d``: the area's change in the party's share (uniform swing),
1. the proportional change minus ``d``,
2.-6. ``d`` times standardised seat features: EU Leave share, degree share, age 65+,
   NS-SEC routine/semi-routine share, the previous UKIP/Brexit Party (``RUK``) share,
7. the party's place in the seat (first or second at the base, centred) times the election's
   volatility (mean absolute change), for tactical squeezes,
8. incumbency (the party won the seat at the base) times the volatility.

``C[p]`` is a ridge fit towards uniform swing (``1, 0, ...``) on the earlier back-test pairs
only, so a projection of 2024 never sees 2024.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.projection.models import ModelContext

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.projection.core import Base

Array = npt.NDArray[np.float64]

CENSUS = ("degree", "age_65_plus", "nssec_routine_semi")
NFEATURES = 2 + len(CENSUS)  # leave, census..., previous RUK share
NREG = 2 + NFEATURES + 2
RIDGE = 0.02  # prior weight per training row, towards uniform swing
PAIRS: tuple[tuple[str, str], ...] = (
    ("2010", "2015"),
    ("2015", "2017"),
    ("2017", "2019"),
    ("2019-notional", "2024"),
)

_FEATURES: weakref.WeakKeyDictionary[Any, dict[str, Array]] = weakref.WeakKeyDictionary()
_COEFS: weakref.WeakKeyDictionary[Any, dict[tuple[str, str | None], dict[str, Array]]] = (
    weakref.WeakKeyDictionary()
)


def seat_features(store: Store, b: Base) -> Array:
    """Standardised seat features (seats x ``NFEATURES``) for the base's seats; gaps are 0."""
    cache = _FEATURES.setdefault(store, {})
    if b.election in cache:
        return cache[b.election]
    bs = store.election(b.election).boundary_set
    index = {g: i for i, g in enumerate(b.gss)}
    raw = np.full((len(b.gss), NFEATURES), np.nan)
    for gss, leave in store.query(
        "SELECT gss, leave_share FROM euref WHERE boundary_set = ?", [bs]
    ):
        if gss in index:
            raw[index[gss], 0] = leave
    rows = store.query(
        "SELECT gss, measure, value FROM census WHERE boundary_set = ? AND measure IN (?, ?, ?)",
        [bs, *CENSUS],
    )
    for gss, measure, value in rows:
        if gss in index:
            raw[index[gss], 1 + CENSUS.index(measure)] = value
    if "RUK" in b.parties:
        raw[:, -1] = b.shares[:, b.parties.index("RUK")]
    mean = np.nanmean(raw, axis=0)
    std = np.nanstd(raw, axis=0)
    z = (raw - mean) / np.where(std > 0, std, 1.0)
    cache[b.election] = np.nan_to_num(z)
    return cache[b.election]


def design(base: Array, base_area: Array, target_area: Array, features: Array) -> Array:
    """The regressors (seats x parties x ``NREG``) of the ``ours`` model."""
    shape = base.shape
    b_area = np.broadcast_to(base_area, shape)
    d = np.broadcast_to(target_area - base_area, shape)
    ratio = np.divide(target_area, b_area, out=np.ones(shape), where=b_area > 0)
    prop = base * ratio - base - d
    volatility = np.abs(d).mean(axis=1, keepdims=True)
    rank = np.argsort(np.argsort(-base, axis=1), axis=1)
    top2 = (rank < 2).astype(float)
    first = (rank == 0).astype(float)
    x = np.empty((*shape, NREG))
    x[..., 0] = d
    x[..., 1] = prop
    x[..., 2 : 2 + NFEATURES] = d[..., None] * features[:, None, :]
    x[..., -2] = (top2 - top2.mean(axis=0)) * volatility
    x[..., -1] = first * volatility
    return x


def prior() -> Array:
    """Uniform swing as coefficients."""
    c = np.zeros(NREG)
    c[0] = 1.0
    return c


def fit(xs: list[Array], ys: list[Array]) -> Array:
    """Ridge coefficients towards :func:`prior` from stacked regressors and changes."""
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    lam = RIDGE * len(y)
    c0 = prior()
    gram = x.T @ x + lam * np.eye(NREG)
    return np.asarray(np.linalg.solve(gram, x.T @ y + lam * c0), dtype=np.float64)


def coefficients(store: Store, before: str | None) -> dict[str, Array]:
    """Per-party coefficients fitted on back-test pairs whose target precedes ``before``."""
    from hustings.projection.backtest import aligned_actual
    from hustings.projection.core import load_base

    cache = _COEFS.setdefault(store, {})
    key = ("ours", before)
    if key in cache:
        return cache[key]
    xs: dict[str, list[Array]] = {}
    ys: dict[str, list[Array]] = {}
    for base_id, target_id in training_pairs(before):
        b = load_base(store, base_id)
        actual = aligned_actual(store, b, target_id)
        base_area = b.area_shares()
        target_area = _weighted(actual, b)
        x = design(b.shares, base_area, target_area, seat_features(store, b))
        for j, party in enumerate(b.parties):
            xs.setdefault(party, []).append(x[:, j, :])
            ys.setdefault(party, []).append(actual[:, j] - b.shares[:, j])
    cache[key] = {p: fit(xs[p], ys[p]) for p in xs}
    return cache[key]


def _weighted(actual: Array, b: Base) -> Array:
    weights = b.votes.sum(axis=1)
    return np.asarray((actual * weights[:, None]).sum(axis=0) / weights.sum(), dtype=np.float64)


def training_pairs(before: str | None) -> list[tuple[str, str]]:
    """The back-test pairs strictly before the target election ``before`` (all when None)."""
    if before is None:
        return list(PAIRS)
    year = int(before[:4])
    return [pair for pair in PAIRS if int(pair[1][:4]) < year]


def fitted_context(store: Store, b: Base, before: str | None = None) -> ModelContext:
    """The ``ours`` model's context for base ``b``: features and per-party coefficients."""
    coefs = coefficients(store, before)
    matrix = np.array([coefs.get(p, prior()) for p in b.parties])
    return ModelContext(features=seat_features(store, b), coefficients=matrix)

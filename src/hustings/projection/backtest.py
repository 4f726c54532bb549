"""Out-of-sample back-tests: 2015, 2017, 2019 and 2024 projected from the election before,
from the actual shares and from the final polls, scored beside the published forecasters.

Scoring is over GB seats except the target election's Speaker seat (631 seats). Everything a
projection of election T uses (model coefficients, error sizes) comes from elections before T.

Calibration: each seat's favourite (the party given the highest win probability) falls in a
probability band of width 0.1; per band, the mean probability given and the share of those
seats the favourite won. Bands are kept per row and pooled per input type, never across them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError, NotFoundError
from hustings.projection.base import Base, aligned_actual
from hustings.projection.features import PAIRS
from hustings.projection.finals import actual_shares, final_poll_shares
from hustings.projection.history import History
from hustings.projection.models import MODELS
from hustings.projection.simulate import simulate

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]

INPUTS = ("actual", "actual-nations", "final-polls")
TARGETS = tuple(t for _, t in PAIRS)
BINS = np.linspace(0.0, 1.0, 11)
DEFAULT_SIMS = 10_000
MIN_BAND_SEATS = 30  # bands with fewer seats are shown but not judged


@dataclass(frozen=True)
class Band:
    """Seats whose favourite was given a win probability in ``[low, high)``."""

    low: float
    high: float
    predicted: float
    observed: float
    seats: int

    def to_json(self) -> dict[str, Any]:
        """``{low, high, predicted, observed, seats}``."""
        return {"low": round(self.low, 2), "high": round(self.high, 2),
                "predicted": round(self.predicted, 4), "observed": round(self.observed, 4),
                "seats": self.seats}  # fmt: skip


def bands_from(sums: Array) -> tuple[Band, ...]:
    """Bands from per-band sums (predicted, won, seats); empty bands left out."""
    return tuple(
        Band(float(BINS[k]), float(BINS[k + 1]), float(p / n), float(o / n), int(n))
        for k, (p, o, n) in enumerate(sums)
        if n
    )


# Published national record of 2024 forecasters who have no seat-by-seat file here
# (GB seats called right of 631; PRODUCT.md and the issue, from their own post-election notes).
PUBLISHED_2024: dict[str, tuple[int | None, float]] = {
    "YouGov MRP": (573, 90.8),
    "The Economist (published)": (None, 88.0),
    "Exit poll": (None, 87.5),
    "Britain Predicts (published)": (None, 87.3),
    "Electoral Calculus": (None, 85.3),
}


@dataclass(frozen=True)
class BacktestRow:
    """One model (or published forecaster) scored on one target election."""

    election: str
    inputs: str
    model: str
    seats_correct: int
    seats_total: int
    brier: float | None
    share_mae: float | None
    seat_error: dict[str, int]
    misses_by_region: dict[str, int] = field(default_factory=dict)
    misses_by_seat_type: dict[str, int] = field(default_factory=dict)
    calibration: tuple[Band, ...] = ()

    @property
    def percent(self) -> float:
        """Seats called right as a percentage of the seats scored."""
        return 100.0 * self.seats_correct / self.seats_total if self.seats_total else 0.0

    def to_json(self) -> dict[str, Any]:
        """The documented ``hustings backtest --json`` row."""
        return {
            "election": self.election,
            "inputs": self.inputs,
            "model": self.model,
            "seats_correct": self.seats_correct,
            "seats_total": self.seats_total,
            "percent": round(self.percent, 2),
            "brier": None if self.brier is None else round(self.brier, 4),
            "share_mae": None if self.share_mae is None else round(self.share_mae, 4),
            "seat_error": self.seat_error,
            "misses_by_region": self.misses_by_region,
            "misses_by_seat_type": self.misses_by_seat_type,
            "calibration": [band.to_json() for band in self.calibration],
        }


@dataclass(frozen=True)
class BacktestReport:
    """Every row; each simulated row carries its calibration bands."""

    rows: tuple[BacktestRow, ...]
    sims: int

    def to_json(self) -> list[dict[str, Any]]:
        """A list of rows, each with its ``calibration`` bands."""
        return [row.to_json() for row in self.rows]

    def calibration(self, inputs: str, model: str | None = None) -> tuple[Band, ...]:
        """Bands pooled over the rows of one input type (and model, when given)."""
        sums = np.zeros((len(BINS) - 1, 3))
        for row in self.rows:
            if row.inputs == inputs and (model is None or row.model == model):
                for band in row.calibration:
                    k = round(band.low * 10)
                    sums[k] += (band.predicted * band.seats, band.observed * band.seats,
                                band.seats)  # fmt: skip
        return bands_from(sums)


def backtest(
    store: Store | History,
    *,
    elections: tuple[str, ...] = TARGETS,
    inputs: tuple[str, ...] = INPUTS,
    models: tuple[str, ...] = tuple(MODELS),
    sims: int = DEFAULT_SIMS,
    seed: int = 0,
    forecasters: bool = True,
) -> BacktestReport:
    """Score every model on every target from every input, and the published forecasters
    (``store`` may be a :class:`History` already fitted)."""
    for e in elections:
        if e not in TARGETS:
            raise NotFoundError(
                f"no back-test for election '{e}'", hint="targets: " + ", ".join(TARGETS)
            )
    for name in inputs:
        if name not in INPUTS:
            raise InvalidInputError(f"no inputs '{name}'", hint="inputs: " + ", ".join(INPUTS))
    known = History.of(store)
    rows: list[BacktestRow] = []
    for target in elections:
        for name in inputs:
            for model in models:
                rows.append(run_one(known, target, name, model, sims=sims, seed=seed))
        if forecasters:
            rows.extend(score_forecasters(known, target))
    return BacktestReport(tuple(rows), sims)


def run_one(history: History, target: str, inputs: str, model: str, *, sims: int,
            seed: int) -> BacktestRow:  # fmt: skip
    """One projection of ``target`` scored, with its calibration bands when simulated."""
    b, central, actual, probs = prepare(history, target, inputs, model, sims=sims, seed=seed)
    return score(history.store, b, target, inputs, model, central, actual, probs)


def prepare(history: History, target: str, inputs: str, model: str, *, sims: int,
            seed: int) -> tuple[Base, Array, Array, Array | None]:  # fmt: skip
    """The base, central projection, actual shares and (when ``sims``) simulated win
    probabilities of one back-test of ``target``, fitted only on elections before it."""
    store = history.store
    base_id = dict((t, b) for b, t in PAIRS)[target]
    b = history.base(base_id)
    by = None
    if inputs == "final-polls":
        shares = final_poll_shares(store, target)
    else:
        shares = actual_shares(store, target)
        if inputs == "actual-nations":
            by = {
                n: dict(v["shares"])
                for n, v in store.national(target, by="nation").breakdown.items()
            }
            by = {n: v for n, v in by.items() if n in set(b.nations)}
    result = history.central(b, shares, by, model=model, before=target)
    actual = aligned_actual(store, b, target)
    probs = None
    if sims:
        probs = probabilities(history, b, result.shares, model, target, sims=sims, seed=seed)
    return b, result.shares, actual, probs


def probabilities(history: History, b: Base, central: Array, model: str, before: str, *,
                  sims: int, seed: int) -> Array:  # fmt: skip
    """Simulated win probabilities around ``central``, error sizes from before ``before``."""
    errors = history.errors(model, before)
    sim = simulate(central, b.regions, errors.sigmas(central, b.regions), sims=sims, seed=seed)
    return np.asarray(sim.win_counts / sims, dtype=np.float64)


def score(store: Store, b: Base, target: str, inputs: str, model: str, projected: Array,
          actual: Array, probs: Array | None) -> BacktestRow:  # fmt: skip
    """Seats called right, seat errors, share MAE, Brier and calibration bands."""
    keep = np.array([b.parties[j] != "SPK" for j in actual.argmax(axis=1)])
    called = np.where(projected.max(axis=1) > 0, projected.argmax(axis=1), -1)
    won = actual.argmax(axis=1)
    onehot = np.eye(len(b.parties))[won][keep]
    bands: tuple[Band, ...] = ()
    brier = None
    if probs is not None:
        brier = float(((probs[keep] - onehot) ** 2).sum(axis=1).mean())
        bands = bands_from(calibration_sums(probs[keep], won[keep]))
    return BacktestRow(
        target, inputs, model,
        int((called == won)[keep].sum()), int(keep.sum()), brier,
        float(np.abs(projected - actual)[keep].mean()),
        seat_errors(b.parties, called[keep], won[keep]),
        *breakdowns(store, b, keep & (called != won)), bands,
    )  # fmt: skip


def calibration_sums(probs: Array, won: npt.NDArray[np.intp]) -> Array:
    """Per band of the favourite's probability: summed probabilities, seats won, seats."""
    favourite = probs.argmax(axis=1)
    p = probs[np.arange(len(probs)), favourite]
    hit = (favourite == won).astype(float)
    idx = np.clip(np.digitize(p, BINS) - 1, 0, len(BINS) - 2)
    out = np.zeros((len(BINS) - 1, 3))
    np.add.at(out, idx, np.stack([p, hit, np.ones_like(p)], axis=1))
    return out


def seat_errors(parties: tuple[str, ...], called: npt.NDArray[np.intp],
                won: npt.NDArray[np.intp]) -> dict[str, int]:  # fmt: skip
    """Predicted minus actual seats per party (parties with either non-zero)."""
    out: dict[str, int] = {}
    for j, party in enumerate(parties):
        c, w = int((called == j).sum()), int((won == j).sum())
        if c or w:
            out[party] = c - w
    return out


def breakdowns(
    store: Store, b: Base, missed: npt.NDArray[np.bool_]
) -> tuple[dict[str, int], dict[str, int]]:
    """Missed seats by region and by seat type (Borough / County / Burgh)."""
    bs = store.election(b.election).boundary_set
    types = {c.gss: c.seat_type or "unknown" for c in store.constituencies(bs)}
    by_region: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for i in np.flatnonzero(missed):
        by_region[b.regions[i]] = by_region.get(b.regions[i], 0) + 1
        kind = str(types.get(b.gss[i], "unknown"))
        by_type[kind] = by_type.get(kind, 0) + 1
    return dict(sorted(by_region.items())), dict(sorted(by_type.items()))


def score_forecasters(store: Store | History, target: str) -> list[BacktestRow]:
    """The published seat-by-seat calls for ``target`` scored with the same code."""
    history = History.of(store)
    base_id = dict((t, b) for b, t in PAIRS)[target]
    b = history.base(base_id)
    actual = aligned_actual(history.store, b, target)
    rows = []
    for forecaster, calls in history.store.published_calls(target).items():
        called = np.array(
            [b.parties.index(calls[g]) if calls.get(g) in b.parties else -1 for g in b.gss]
        )
        onehot = np.zeros_like(actual)
        hit = called >= 0
        onehot[np.flatnonzero(hit), called[hit]] = 1.0
        row = score(history.store, b, target, "published", forecaster, onehot, actual, onehot)
        rows.append(replace(row, share_mae=None, calibration=()))
    return rows

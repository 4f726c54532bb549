"""Calibration of the back-tests' win probabilities, per election and pooled per input type.

The rule judged (fixed in advance): each seat's favourite falls in a probability band of width
0.1; every band of at least 30 seats must have a share of seats won within 5 points of the mean
probability given. :func:`chance_of_passing` says how often a forecast that is calibrated by
construction (each favourite wins with exactly the probability given) passes that rule, so a
failure can be told from binomial noise: 30 seats at 50% have a standard deviation of 9 points.

A recalibration is also tried and scored out of sample: a temperature ``T`` on the log-odds of
the favourite's probability (``logit p' = logit p / T``), fitted by maximum likelihood on the
back-tests of the earlier elections only (same input type and model) and applied to the next.
The first election has no earlier one and keeps ``T = 1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError
from hustings.projection.backtest import (
    BINS,
    DEFAULT_SIMS,
    INPUTS,
    MIN_BAND_SEATS,
    TARGETS,
    Band,
    bands_from,
    prepare,
)
from hustings.projection.history import History

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]

TOLERANCE = 0.05
TRIALS = 10_000
TEMPERATURES = np.exp(np.linspace(-1.0, 1.5, 251))  # the grid a temperature is fitted on
_CHUNK = 500


@dataclass(frozen=True)
class Favourites:
    """Each scored seat's favourite: the probability it was given and whether it won."""

    probability: Array
    won: npt.NDArray[np.bool_]

    @classmethod
    def join(cls, parts: Sequence[Favourites]) -> Favourites:
        """The seats of several back-tests together."""
        return cls(
            np.concatenate([p.probability for p in parts]),
            np.concatenate([p.won for p in parts]),
        )


@dataclass(frozen=True)
class Check:
    """One back-test (or several pooled) judged by the band rule, before and after the
    temperature fitted on earlier elections (None when pooled: each election's own applies)."""

    label: str
    inputs: str
    model: str
    seats: int
    bands: tuple[Band, ...]
    passes: bool
    chance: float
    temperature: float | None
    fitted_on: tuple[str, ...]
    recalibrated: tuple[Band, ...]
    passes_recalibrated: bool
    log_loss: float
    log_loss_recalibrated: float

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (``chance``: share of trials a calibrated forecast passes)."""
        return {
            "label": self.label,
            "inputs": self.inputs,
            "model": self.model,
            "seats": self.seats,
            "bands": [b.to_json() for b in self.bands],
            "passes": self.passes,
            "chance": round(self.chance, 4),
            "temperature": None if self.temperature is None else round(self.temperature, 4),
            "fitted_on": list(self.fitted_on),
            "recalibrated": [b.to_json() for b in self.recalibrated],
            "passes_recalibrated": self.passes_recalibrated,
            "log_loss": round(self.log_loss, 5),
            "log_loss_recalibrated": round(self.log_loss_recalibrated, 5),
        }


@dataclass(frozen=True)
class CalibrationReport:
    """Per-election and pooled checks for each input type and model."""

    checks: tuple[Check, ...]
    sims: int
    trials: int
    seed: int

    def to_json(self) -> dict[str, Any]:
        """``{sims, trials, seed, tolerance, min_band_seats, checks}``."""
        return {
            "sims": self.sims,
            "trials": self.trials,
            "seed": self.seed,
            "tolerance": TOLERANCE,
            "min_band_seats": MIN_BAND_SEATS,
            "checks": [c.to_json() for c in self.checks],
        }


def favourites(probs: Array, actual: Array, parties: Sequence[str]) -> Favourites:
    """The favourite of every seat not won by the Speaker, with whether it won."""
    won = actual.argmax(axis=1)
    keep = np.array([parties[j] != "SPK" for j in won])
    fav = probs[keep].argmax(axis=1)
    p = probs[keep][np.arange(int(keep.sum())), fav]
    return Favourites(np.asarray(p, dtype=np.float64), fav == won[keep])


def band_index(p: Array) -> npt.NDArray[np.intp]:
    """The band (0-9) of each probability."""
    return np.clip(np.digitize(p, BINS) - 1, 0, len(BINS) - 2)


def bands(f: Favourites) -> tuple[Band, ...]:
    """The bands of the favourites (empty ones left out)."""
    sums = np.zeros((len(BINS) - 1, 3))
    stacked = np.stack([f.probability, f.won.astype(float), np.ones_like(f.probability)], axis=1)
    np.add.at(sums, band_index(f.probability), stacked)
    return bands_from(sums)


def passes(found: Sequence[Band], tolerance: float = TOLERANCE) -> bool:
    """Whether every band of at least ``MIN_BAND_SEATS`` seats is within ``tolerance``."""
    return all(
        abs(b.observed - b.predicted) <= tolerance + 1e-12
        for b in found
        if b.seats >= MIN_BAND_SEATS
    )


def chance_of_passing(
    p: Array, *, trials: int = TRIALS, seed: int = 0, tolerance: float = TOLERANCE
) -> float:
    """Share of ``trials`` in which favourites winning with exactly the probabilities ``p``
    pass the band rule (bands as :func:`passes` judges them)."""
    rng = np.random.default_rng(seed)
    idx = band_index(p)
    judged = [np.flatnonzero(idx == k) for k in range(len(BINS) - 1)]
    judged = [rows for rows in judged if len(rows) >= MIN_BAND_SEATS]
    ok = 0
    for start in range(0, trials, _CHUNK):
        n = min(_CHUNK, trials - start)
        good = np.ones(n, dtype=bool)
        for rows in judged:
            given = p[rows]
            won = rng.random((n, len(rows))) < given
            good &= np.abs(won.mean(axis=1) - given.mean()) <= tolerance + 1e-12
        ok += int(good.sum())
    return ok / trials


def _logit(p: Array, sims: int) -> Array:
    eps = 0.5 / max(sims, 1)
    q = np.clip(p, eps, 1.0 - eps)
    return np.asarray(np.log(q / (1.0 - q)), dtype=np.float64)


def rescale(p: Array, temperature: float, sims: int) -> Array:
    """``p`` with its log-odds divided by ``temperature`` (probabilities of 0 and 1 count as
    half a simulation away from them)."""
    return np.asarray(1.0 / (1.0 + np.exp(-_logit(p, sims) / temperature)), dtype=np.float64)


def log_loss(f: Favourites, sims: int) -> float:
    """Mean negative log-likelihood of whether each favourite won."""
    q = rescale(f.probability, 1.0, sims)
    return float(-np.where(f.won, np.log(q), np.log1p(-q)).mean())


def fit_temperature(f: Favourites, sims: int) -> float:
    """The temperature on :data:`TEMPERATURES` that maximises the likelihood of ``f``."""
    z = _logit(f.probability, sims)
    sign = np.where(f.won, 1.0, -1.0)
    losses = [float(np.logaddexp(0.0, -sign * z / t).mean()) for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(losses))])


def _check(label: str, inputs: str, model: str, raw: Favourites, recal: Favourites,
           temperature: float | None, fitted_on: tuple[str, ...], *, sims: int, trials: int,
           seed: int) -> Check:  # fmt: skip
    given = bands(raw)
    after = bands(recal)
    return Check(
        label, inputs, model, len(raw.probability), given, passes(given),
        chance_of_passing(raw.probability, trials=trials, seed=seed), temperature, fitted_on,
        after, passes(after), log_loss(raw, sims), log_loss(recal, sims),
    )  # fmt: skip


def calibration(
    store: Store | History,
    *,
    inputs: Sequence[str] = ("final-polls",),
    models: Sequence[str] = ("uns", "ours"),
    elections: Sequence[str] = TARGETS,
    sims: int = DEFAULT_SIMS,
    seed: int = 0,
    trials: int = TRIALS,
) -> CalibrationReport:
    """Every back-test of ``elections`` judged per election and pooled (per input type and
    model), with the chance a calibrated forecast passes and the out-of-sample temperature."""
    history = History.of(store)
    checks: list[Check] = []
    for name in inputs:
        if name not in INPUTS:
            raise InvalidInputError(f"no inputs '{name}'", hint="inputs: " + ", ".join(INPUTS))
        for model in models:
            raw: list[Favourites] = []
            recal: list[Favourites] = []
            done: list[str] = []
            for target in elections:
                b, _, actual, probs = prepare(history, target, name, model, sims=sims, seed=seed)
                assert probs is not None
                f = favourites(probs, actual, b.parties)
                earlier = tuple(done)
                t = fit_temperature(Favourites.join(raw), sims) if raw else 1.0
                g = Favourites(rescale(f.probability, t, sims), f.won)
                checks.append(
                    _check(
                        target, name, model, f, g, t, earlier, sims=sims, trials=trials, seed=seed
                    )
                )
                raw.append(f)
                recal.append(g)
                done.append(target)
            label = "pooled " + ", ".join(done)
            checks.append(
                _check(
                    label,
                    name,
                    model,
                    Favourites.join(raw),
                    Favourites.join(recal),
                    None,
                    (),
                    sims=sims,
                    trials=trials,
                    seed=seed,
                )
            )
    return CalibrationReport(tuple(checks), sims, trials, seed)

"""The central projection: a swing model applied to a base election under target shares,
and its result (seat-by-seat shares and winners, seat totals, and any simulation's odds)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.projection.base import Base, can_win, targets
from hustings.projection.models import ModelContext, get_model

if TYPE_CHECKING:
    from hustings.projection.simulate import Simulation

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class ProjectionResult:
    """Projected shares and winners per GB seat, seat totals and (with sims) probabilities."""

    base: str
    model: str
    gss: tuple[str, ...]
    names: tuple[str, ...]
    parties: tuple[str, ...]
    shares: Array
    winners: tuple[str, ...]
    seats: dict[str, int]
    target: dict[str, float]
    sims: int = 0
    seed: int | None = None
    win_probability: Array | None = None
    seats_interval: dict[str, tuple[int, int]] | None = None
    seats_median: dict[str, int] | None = None
    majority_probability: dict[str, float] | None = None
    largest_probability: dict[str, float] | None = None
    calibrated_on: dict[str, tuple[str, ...]] | None = None

    def to_json(self) -> dict[str, Any]:
        """The documented ``hustings project --json`` shape."""
        body: dict[str, Any] = {
            "base": self.base,
            "model": self.model,
            "sims": self.sims,
            "seed": self.seed,
            "target": {p: round(v, 5) for p, v in self.target.items()},
            "seats": self.seats,
            "seats_interval": {p: list(v) for p, v in self.seats_interval.items()}
            if self.seats_interval
            else None,
            "seats_median": self.seats_median,
            "majority_probability": self.majority_probability,
            "largest_party_probability": self.largest_probability,
            "calibrated_on": {k: list(v) for k, v in self.calibrated_on.items()}
            if self.calibrated_on
            else None,
            "seat_results": {g: self._seat_json(i) for i, g in enumerate(self.gss)},
        }
        return body

    def _seat_json(self, i: int) -> dict[str, Any]:
        shares = {
            p: round(float(s), 5)
            for p, s in zip(self.parties, self.shares[i], strict=True)
            if s > 0
        }
        probs = None
        if self.win_probability is not None:
            row = self.win_probability[i]
            probs = {p: round(float(q), 4) for p, q in zip(self.parties, row, strict=True) if q > 0}
        return {
            "name": self.names[i],
            "shares": shares,
            "winner": self.winners[i],
            "win_probability": probs,
        }


def project_central(
    b: Base,
    shares: Mapping[str, float] | None,
    by: Mapping[str, Mapping[str, float]] | None,
    *,
    model: str,
    context: ModelContext,
    normalise: bool = False,
) -> ProjectionResult:
    """The central projection (no simulation) of ``b`` under ``shares`` (``by`` per nation or
    region) with the swing ``model`` and what it knows (``context``)."""
    fn = get_model(model)
    base_area, target_area, target = targets(b, shares, by, normalise=normalise)
    context = replace(context, stands=can_win(context.stands, target_area))
    projected = fn(b.shares, base_area, target_area, context)
    winners = tuple(b.parties[j] for j in projected.argmax(axis=1))
    return ProjectionResult(
        b.election, model, b.gss, b.names, b.parties, projected, winners,
        seat_totals(winners, b.parties), target,
    )  # fmt: skip


def seat_totals(winners: tuple[str, ...], parties: tuple[str, ...]) -> dict[str, int]:
    """Seats per party, largest first (parties with no seat are left out)."""
    counts = {p: winners.count(p) for p in parties}
    return {p: n for p, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n}


def with_simulation(
    result: ProjectionResult, sim: Simulation, seed: int | None
) -> ProjectionResult:
    """``result`` with the simulation's probabilities, intervals and majority odds."""
    parties = result.parties
    keep = [j for j, p in enumerate(parties) if sim.histogram[j, 1:].any() or result.seats.get(p)]
    return replace(
        result,
        sims=sim.sims,
        seed=seed,
        win_probability=sim.win_counts / sim.sims,
        seats_interval={parties[j]: sim.interval(j) for j in keep},
        seats_median={parties[j]: sim.quantile(j, 0.5) for j in keep},
        majority_probability={parties[j]: float(sim.majority[j] / sim.sims) for j in keep},
        largest_probability={parties[j]: float(sim.largest[j] / sim.sims) for j in keep},
    )

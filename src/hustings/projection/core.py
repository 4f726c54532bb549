"""``project()``: from GB (or nation/region) shares to seat-by-seat shares, winners and,
with simulations, win probabilities and seat-total intervals."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from hustings.domain import NOTIONAL_2019
from hustings.errors import InvalidInputError, NotFoundError
from hustings.projection.models import ModelContext, get_model
from hustings.projection.shares import check_shares, target_vector

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.projection.simulate import Simulation

Array = npt.NDArray[np.float64]
MAJORITY = 326  # of the 650 seats in the Commons
NEXT_BASE = "2024"  # the base for the next general election


@dataclass(frozen=True, eq=False)
class Base:
    """A base election as arrays (GB seats only)."""

    election: str
    gss: tuple[str, ...]
    names: tuple[str, ...]
    nations: tuple[str, ...]
    regions: tuple[str, ...]
    parties: tuple[str, ...]
    shares: Array
    votes: Array

    def area_shares(self, rows: npt.NDArray[np.bool_] | None = None) -> Array:
        """Vote-weighted shares over the seats in ``rows`` (all seats by default)."""
        votes = self.votes if rows is None else self.votes[rows]
        total = votes.sum()
        return np.asarray(
            votes.sum(axis=0) / total if total else votes.sum(axis=0), dtype=np.float64
        )

    def rows_in(self, area: str) -> npt.NDArray[np.bool_]:
        """Seats whose nation or region is ``area``."""
        return np.array(
            [n == area or r == area for n, r in zip(self.nations, self.regions, strict=True)]
        )


_BASES: weakref.WeakKeyDictionary[Any, dict[str, Base]] = weakref.WeakKeyDictionary()


def load_base(store: Store, base: str) -> Base:
    """The base election's GB vote matrix (cached per store)."""
    election = store.election(base)
    if election.kind == "by-election":
        raise InvalidInputError(
            f"'{base}' is a by-election, not a base for projection",
            hint=f"use a general election (2010-2024) or {NOTIONAL_2019}",
        )
    cache = _BASES.setdefault(store, {})
    if election.id not in cache:
        vm = store.vote_matrix(election.id, gb_only=True)
        cache[election.id] = Base(
            vm.election, vm.gss, vm.names, vm.nations, vm.regions, vm.parties,
            vm.shares, vm.votes,
        )  # fmt: skip
    return cache[election.id]


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


def project(
    store: Store,
    base: str = NEXT_BASE,
    shares: Mapping[str, float] | None = None,
    model: str = "uns",
    sims: int = 0,
    seed: int | None = None,
    by: Mapping[str, Mapping[str, float]] | None = None,
    *,
    normalise: bool = False,
    before: str | None = None,
    on_chunk: Callable[[int, int], None] | None = None,
) -> ProjectionResult:
    """Project ``shares`` (GB fractions; ``by`` overrides them per nation or region) from the
    ``base`` election with a swing model; with ``sims > 0`` add Monte Carlo probabilities.

    ``before`` (an election id) limits what the model and its error sizes learn from to the
    elections before it, for back-tests; None uses all history. ``on_chunk(done, sims)``
    reports the simulation's progress."""
    if shares is None and not by:
        raise InvalidInputError("no target shares given", hint="pass shares={'LAB': .34, ...}")
    if sims < 0:
        raise InvalidInputError(f"sims is {sims}, below zero", hint="use 0 for no simulation")
    b = load_base(store, base)
    result = project_base(store, b, shares, by, model=model, before=before, normalise=normalise)
    if sims == 0:
        return result
    from hustings.projection.simulate import simulate
    from hustings.projection.uncertainty import error_model

    errors = error_model(store, model=model, before=before)
    sim = simulate(
        result.shares,
        b.regions,
        errors.sigmas(result.shares, b.regions),
        sims=sims,
        seed=seed,
        on_chunk=on_chunk,
    )
    return replace(
        with_simulation(result, sim, seed),
        calibrated_on={"polls": errors.national_from, "model": errors.residuals_from},
    )


def project_base(
    store: Store,
    b: Base,
    shares: Mapping[str, float] | None,
    by: Mapping[str, Mapping[str, float]] | None,
    *,
    model: str,
    before: str | None,
    normalise: bool = False,
) -> ProjectionResult:
    """The central projection (no simulation), the ``ours`` model fitted before ``before``."""
    fn = get_model(model)
    base_area, target_area, target = targets(b, shares, by, normalise=normalise)
    context = model_context(store, b, model, before)
    context = replace(context, stands=_can_win(context.stands, target_area))
    projected = fn(b.shares, base_area, target_area, context)
    winners = tuple(b.parties[j] for j in projected.argmax(axis=1))
    return ProjectionResult(
        b.election, model, b.gss, b.names, b.parties, projected, winners,
        seat_totals(winners, b.parties), target,
    )  # fmt: skip


def targets(
    b: Base,
    shares: Mapping[str, float] | None,
    by: Mapping[str, Mapping[str, float]] | None,
    *,
    normalise: bool = False,
) -> tuple[Array, Array, dict[str, float]]:
    """Per-seat base and target area shares, and the GB target as a dict."""
    gb_base = b.area_shares()
    base_area = np.tile(gb_base, (len(b.gss), 1))
    if shares is not None:
        gb_target = target_vector(
            check_shares(shares, normalise=normalise), b.parties, gb_base, b.election
        )
    else:
        gb_target = gb_base.copy()
    target_area = np.tile(gb_target, (len(b.gss), 1))
    if shares is not None:
        _nation_parties(b, gb_base, gb_target, base_area, target_area, by or {})
    for area, area_shares in (by or {}).items():
        rows = b.rows_in(area)
        if not rows.any():
            known = sorted(set(b.nations) | set(b.regions))
            raise NotFoundError(
                f"no nation or region '{area}'", hint="known: " + ", ".join(known), area=area
            )
        local = b.area_shares(rows)
        base_area[rows] = local
        target_area[rows] = target_vector(
            check_shares(area_shares, normalise=normalise), b.parties, local, b.election
        )
    return base_area, target_area, dict(zip(b.parties, (float(v) for v in gb_target), strict=True))


GB_WIDE = frozenset({"CON", "LAB", "LD", "GRN", "RUK"})
NATION_ONLY = {"SNP": "Scotland", "PC": "Wales"}


def _nation_parties(b: Base, gb_base: Array, gb_target: Array, base_area: Array,
                    target_area: Array, by: Mapping[str, object]) -> None:  # fmt: skip
    """Turn a GB share of the SNP or Plaid Cymru into a share of its own nation's vote (the
    nation's part of the GB vote as at the base), in that nation's seats unless ``by`` sets
    them; a share the nation's whole vote cannot reach is refused."""
    for party, nation in NATION_ONLY.items():
        if party not in b.parties or nation in by:
            continue
        j = b.parties.index(party)
        rows = np.array([n == nation for n in b.nations])
        if not rows.any() or any(b.regions[i] in by for i in np.flatnonzero(rows)):
            continue
        part = float(b.votes[rows].sum() / b.votes.sum())
        wanted = float(gb_target[j]) / part
        if wanted > 1.0 + 1e-9:
            raise InvalidInputError(
                f"{party} on {100 * gb_target[j]:.1f}% of the GB vote would need "
                f"{100 * wanted:.0f}% of the vote in {nation} ({100 * part:.1f}% of GB votes)",
                hint=f"{party} stands only in {nation}: give at most {100 * part:.1f}% of GB, "
                f"or give {nation}'s own shares with --by",
                party=party,
            )
        base_area[rows, j] = b.area_shares(rows)[j]
        target_area[rows, j] = wanted


def _can_win(stands: npt.NDArray[np.bool_] | None, target_area: Array) -> npt.NDArray[np.bool_]:
    """Where a party may have votes: where it stands and its area target is above zero."""
    above = np.asarray(target_area > 0)
    return above if stands is None else np.asarray(stands & above)


def stands(b: Base) -> npt.NDArray[np.bool_]:
    """Where each party can be projected to have votes: GB-wide parties everywhere, the SNP
    and Plaid Cymru in their nation, everyone else (the Speaker, independents, others) only
    where they stood at the base election."""
    nations = np.array(b.nations)
    columns = []
    for j, party in enumerate(b.parties):
        if party in GB_WIDE:
            columns.append(np.ones(len(b.gss), dtype=bool))
        elif party in NATION_ONLY:
            columns.append(nations == NATION_ONLY[party])
        else:
            columns.append(b.votes[:, j] > 0)
    return np.stack(columns, axis=1)


def model_context(store: Store, b: Base, model: str, before: str | None) -> ModelContext:
    """Seat features and coefficients (fitted on elections before ``before``) where needed,
    and where each party can win votes."""
    if model != "ours":
        return ModelContext(stands=stands(b))
    from hustings.projection.features import fitted_context

    return replace(fitted_context(store, b, before), stands=stands(b))


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

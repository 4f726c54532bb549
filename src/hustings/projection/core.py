"""``project()``: from GB (or nation/region) shares to seat-by-seat shares, winners and,
with simulations, win probabilities and seat-total intervals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from hustings.errors import InvalidInputError
from hustings.projection.central import ProjectionResult, with_simulation
from hustings.projection.history import History
from hustings.projection.simulate import simulate

if TYPE_CHECKING:
    from hustings.data.api import Store

MAJORITY = 326  # of the 650 seats in the Commons
NEXT_BASE = "2024"  # the base for the next general election


def project(
    history: History | Store,
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

    ``history`` holds what the model and its error sizes learn from past elections (a store
    is read into a new :class:`History`; pass one History to several projections to fit once).

    ``before`` (an election id) limits what the model and its error sizes learn from to the
    elections before it, for back-tests; None uses all history. ``on_chunk(done, sims)``
    reports the simulation's progress."""
    if shares is None and not by:
        raise InvalidInputError("no target shares given", hint="pass shares={'LAB': .34, ...}")
    if sims < 0:
        raise InvalidInputError(f"sims is {sims}, below zero", hint="use 0 for no simulation")
    known = History.of(history)
    b = known.base(base)
    result = known.central(b, shares, by, model=model, before=before, normalise=normalise)
    if sims == 0:
        return result
    errors = known.errors(model, before)
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

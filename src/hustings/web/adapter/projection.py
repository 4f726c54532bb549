"""The projection library for the web: scenarios, models and projection JSON."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from hustings.data.api import Store
from hustings.errors import InvalidInputError

if TYPE_CHECKING:
    from hustings.projection import ProjectionResult

__all__ = [
    "MAJORITY",
    "available_models",
    "base_gb_seats",
    "check_model",
    "nation_shares",
    "page_scenario",
    "parse_scenario",
    "projection_json",
    "run_projection",
    "share_caps",
]

MODELS = ("uns", "proportional")
"""Used only when the projection library does not list its models."""


MAJORITY = 326
"""Seats for a majority of the 650 in the House of Commons."""


def projection_json(
    store: Store,
    base: str,
    shares_text: str,
    model: str,
    sims: int,
    *,
    detail: bool = True,
    nations: dict[str, dict[str, float]] | None = None,
) -> Any:
    """The projection's own JSON plus winners keyed by GSS code (for recolouring a map), the
    base election's Great Britain seats (for gains and losses) and the majority line."""
    check_model(model)
    base_id = store.election(base).id
    shares = parse_scenario(store, shares_text)
    result = run_projection(store, base_id, shares, model, sims=sims, by=nations)
    body: dict[str, Any] = dict(result.to_json())
    if not detail:
        body.pop("seat_results", None)
    body["winners_by_gss"] = dict(zip(result.gss, result.winners, strict=True))
    body["base_seats"] = base_gb_seats(store, base_id)
    body["majority"] = MAJORITY
    body["scenario"] = {"base": base_id, "model": model, "shares": shares, "sims": sims,
                        "nations": nations or {}}  # fmt: skip
    return body


def share_caps(store: Store, base: str) -> dict[str, float]:
    """The largest GB share (percent, to 0.1 below) that a party standing in one nation can
    have from ``base``: its nation's part of the GB vote there (the SNP's is Scotland's)."""
    from hustings.projection.base import NATION_ONLY
    from hustings.projection.history import History

    b = History.of(store).base(base)
    caps: dict[str, float] = {}
    total = float(b.votes.sum())
    for party, nation in NATION_ONLY.items():
        rows = [i for i, n in enumerate(b.nations) if n == nation]
        if rows and total > 0:
            part = float(b.votes[rows].sum()) / total
            caps[party] = math.floor(1000 * part) / 10
    return caps


def base_gb_seats(store: Store, base: str) -> dict[str, int]:
    """Seats each party won in Great Britain at ``base`` (what a projection is compared with)."""
    return store.gb_seats_won(base)


def nation_shares(store: Store, **texts: str | None) -> dict[str, dict[str, float]]:
    """Shares for Scotland and Wales (``scotland="SNP=30,LAB=35"``) where given."""
    names = {"scotland": "Scotland", "wales": "Wales"}
    return {
        names[key]: parse_scenario(store, text)
        for key, text in texts.items()
        if text and text.strip()
    }


def run_projection(
    store: Store,
    base: str,
    shares: dict[str, float],
    model: str,
    *,
    sims: int = 0,
    by: dict[str, dict[str, float]] | None = None,
) -> ProjectionResult:
    """Call the projection library (raises its own errors for bad models or shares)."""
    from hustings.projection import project

    return project(store, base=base, shares=shares, model=model, sims=sims, seed=0, by=by or None)


def parse_scenario(store: Store, text: str) -> dict[str, float]:
    """Shares from a scenario string (``LAB=33.7,CON=23.7`` or a named scenario)."""
    from hustings.projection import parse_shares

    if not text.strip():
        raise InvalidInputError(
            "no shares given", hint="give shares such as LAB=33.7,CON=23.7 or final-polls-2024"
        )
    return dict(parse_shares(text, store))


def page_scenario(store: Store, text: str) -> tuple[dict[str, float], str | None]:
    """Shares for a page: over 100% in all they are scaled down to 100% (with a note saying
    so) rather than refused, so every state a form can be left in still projects."""
    from hustings.projection import parse_shares

    try:
        return parse_scenario(store, text), None
    except InvalidInputError as error:
        if "total" not in error.details:
            raise
        total = error.details["total"]
    shares = dict(parse_shares(text, store, normalise=True))
    return shares, f"The shares added up to {total:g}%, so each was scaled down to make 100%."


def check_model(model: str) -> str:
    """A known model name or an :class:`InvalidInputError` listing them."""
    known = available_models()
    if model not in known:
        raise InvalidInputError(
            f"unknown model '{model}'", hint="use one of: " + ", ".join(known), model=model
        )
    return model


def available_models() -> tuple[str, ...]:
    """Swing models the projection library offers (its registry if it exposes one)."""
    try:
        import hustings.projection as projection
    except ImportError:
        return MODELS
    registry = getattr(projection, "MODELS", None)
    return tuple(registry) if registry else MODELS

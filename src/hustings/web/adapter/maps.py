"""Maps of elections and projections: who wins each seat, seat totals and shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hustings.data.api import Store
from hustings.domain import PARTIES
from hustings.web.adapter.projection import run_projection

__all__ = [
    "DEFAULT_BASE",
    "DEFAULT_SCENARIO",
    "SWING_PARTIES",
    "MapView",
    "base_shares",
    "election_map",
    "form_scenario",
    "party_names",
    "projection_map",
    "shares_text",
]

SWING_PARTIES = ("LAB", "CON", "RUK", "LD", "GRN", "SNP", "PC")
"""Parties with a slider; everyone else shares what is left as others."""
DEFAULT_BASE = "2019-notional"
DEFAULT_SCENARIO = "final-polls-2024"
"""The scenario shown where one is needed and none is given (seats in jeopardy)."""


@dataclass(frozen=True)
class MapView:
    """A map's content: who wins each seat, seat totals and national shares."""

    title: str
    boundary_set: str
    winners: dict[str, str]
    seats: dict[str, int]
    shares: dict[str, float]
    kind: str = "election"
    note: str = ""
    scenario: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (the ``/api/v1/map`` shape)."""
        return {
            "title": self.title,
            "kind": self.kind,
            "boundary_set": self.boundary_set,
            "seats": self.seats,
            "shares": self.shares,
            "winners": self.winners,
            "note": self.note,
            "scenario": self.scenario,
        }


def party_names() -> dict[str, str]:
    """Display names of every party code."""
    return {code: p.name for code, p in PARTIES.items()}


def election_map(store: Store, election: str) -> MapView:
    """The map of an actual (or notional) election."""
    e = store.election(election)
    winners = dict(store.query("SELECT gss, winner FROM results WHERE election = ?", [e.id]))
    national = store.national(e.id)
    return MapView(
        title=e.label,
        boundary_set=e.boundary_set,
        winners={str(g): str(w) for g, w in winners.items()},
        seats=national.seats,
        shares=national.shares,
        kind="election",
        note="United Kingdom: seats won and shares of the vote.",
    )


def projection_map(store: Store, base: str, shares: dict[str, float], model: str) -> MapView:
    """The map of a projection from ``base`` with GB ``shares`` under ``model``."""
    result = run_projection(store, base, shares, model, sims=0)
    e = store.election(base)
    winners = dict(zip(result.gss, result.winners, strict=True))
    return MapView(
        title=f"Projection from {e.label} ({model.upper()})",
        boundary_set=e.boundary_set,
        winners=winners,
        seats={p: n for p, n in sorted(result.seats.items(), key=lambda kv: -kv[1]) if n},
        shares={**shares, "OTH": shares.get("OTH", 0.0) + max(0.0, 1.0 - sum(shares.values()))},
        kind="projection",
        note="Great Britain only: Northern Ireland seats are not projected.",
        scenario={"base": e.id, "model": model, "shares": shares},
    )


def form_scenario(params: dict[str, str]) -> str | None:
    """A scenario string from per-party form fields (``LAB=33.7``); None when there are none."""
    pairs = [f"{p}={params[p].strip()}" for p in SWING_PARTIES if params.get(p, "").strip()]
    return ",".join(pairs) or None


def shares_text(shares: dict[str, float]) -> str:
    """A scenario string for ``shares`` (fractions) in percent."""
    return ",".join(f"{p}={100 * s:.1f}" for p, s in shares.items())


def base_shares(store: Store, base: str) -> dict[str, float]:
    """GB shares of the base election for the parties on the swingometer."""
    national = store.national(base)
    gb = national.gb_shares
    return {p: round(gb.get(p, 0.0), 4) for p in SWING_PARTIES}

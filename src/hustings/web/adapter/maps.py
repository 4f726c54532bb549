"""Maps of elections and projections: who wins each seat, seat totals and shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hustings.data.api import Store
from hustings.domain import PARTIES
from hustings.web.adapter.parties import election_party_names
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
    "previous_election",
    "projection_map",
    "seat_rows",
    "shares_text",
    "verdict",
]

SWING_PARTIES = ("LAB", "CON", "RUK", "LD", "GRN", "SNP", "PC")
"""Parties with a slider; everyone else shares what is left as others."""
DEFAULT_BASE = "2024"
DEFAULT_SCENARIO = "latest-polls"
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
    details: dict[str, str] = field(default_factory=dict)
    """Words added to a seat's label (its majority; what it gained from)."""

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


def previous_election(store: Store, election: str) -> str | None:
    """The election a result is compared with to find gains: the one before it on the same
    boundaries (for 2024, the notional 2019 result), or ``None`` for the first."""
    e = store.election(election)
    same = [
        x for x in store.elections.values()
        if x.boundary_set == e.boundary_set and x.kind in ("general", "notional") and x.id != e.id
        and x.date is not None and e.date is not None and x.date <= e.date
    ]  # fmt: skip
    if not same or e.kind == "notional":
        return None
    return max(same, key=lambda x: (x.date, x.kind == "notional")).id


def election_map(store: Store, election: str, *, gains: bool = False) -> MapView:
    """The map of an actual (or notional) election; with ``gains``, only the seats that
    changed hands since the previous election are coloured (by their new party)."""
    e = store.election(election)
    rows = store.seat_winners(e.id)
    winners = {g: w for g, w, _, _ in rows}
    details = {g: f"majority {m:,} ({100 * share:.1f}%)" for g, _, m, share in rows}
    national = store.national(e.id)
    title, note, kind = e.label, "United Kingdom: seats won and shares of the vote.", "election"
    before = previous_election(store, e.id) if gains else None
    if before is not None:
        old = {g: w for g, w, _, _ in store.seat_winners(before)}
        label = store.election(before).label
        changed = {g: w for g, w in winners.items() if g in old and old[g] != w}
        was, now = election_party_names(store, before), election_party_names(store, e.id)
        details = {g: f"gain from {was.get(old[g], old[g])}" if g in changed
                   else f"{now.get(w, w)} held" for g, w in winners.items()}  # fmt: skip
        winners = {g: (w if g in changed else "none") for g, w in winners.items()}
        title = f"{e.label}: seats that changed hands"
        note = f"{len(changed)} seats changed hands since {label}; the rest are grey."
        kind = "gains"
    return MapView(
        title=title,
        boundary_set=e.boundary_set,
        winners=winners,
        seats=national.seats,
        shares=national.shares,
        kind=kind,
        note=note,
        details=details,
    )


def projection_map(
    store: Store,
    base: str,
    shares: dict[str, float],
    model: str,
    nations: dict[str, dict[str, float]] | None = None,
) -> MapView:
    """The map of a projection from ``base`` with GB ``shares`` (and shares for Scotland or
    Wales, where given) under ``model``."""
    result = run_projection(store, base, shares, model, sims=0, by=nations)
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
        scenario={"base": e.id, "model": model, "shares": shares, "nations": nations or {}},
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


def verdict(seats: dict[str, int], majority: int, names: dict[str, str]) -> str:
    """The Commons in one sentence: a party's majority, or a hung parliament and how far the
    largest party is from the majority line."""
    if not seats:
        return "No seats projected."
    party, n = max(seats.items(), key=lambda kv: kv[1])
    name = names.get(party, party)
    if n >= majority:
        return f"{name} majority of {2 * n - 650} ({n} seats; {majority} needed)."
    return f"Hung parliament: {name} largest with {n} seats, {majority - n} short of {majority}."


def seat_rows(store: Store, election: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Every seat of an election by region: (region, [(code, name, winner)]), for the list
    that stands in for the map where hexagons are too small to tap."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for region, gss, name, winner in store.winners_by_region(election):
        out.setdefault(region, []).append((gss, name, winner))
    return list(out.items())

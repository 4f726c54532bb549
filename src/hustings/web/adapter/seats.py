"""Seats for the web: lists, and the seat page's projection and tactical advice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from hustings.data.api import Store
from hustings.data.lookup import find_seats
from hustings.data.profile import SeatProfile, seat_profile
from hustings.domain import CandidateResult, Constituency, SeatResult
from hustings.web.adapter.maps import DEFAULT_BASE, DEFAULT_SCENARIO
from hustings.web.adapter.parties import candidate_party
from hustings.web.adapter.search import rank_seats
from hustings.web.adapter.tactics import WEB_SIMS, advice_query, tactical
from hustings.web.state import AppState

if TYPE_CHECKING:
    from hustings.projection import ProjectionResult

__all__ = [
    "CENSUS_LABELS",
    "NI_NOTE",
    "HistoryRow",
    "Predecessor",
    "SeatPage",
    "extras",
    "predecessors",
    "resolve_seat",
    "seat_list",
    "seat_page",
]


CENSUS_LABELS = {
    "age_65_plus": "Aged 65 or over",
    "degree": "Degree-level qualification",
    "no_qualifications": "No qualifications",
    "nssec_routine_semi": "Routine and semi-routine occupations",
    "owner_occupied": "Owner-occupied homes",
    "social_rented": "Socially rented homes",
}


NI_NOTE = (
    "There is no projection or tactical advice for Northern Ireland: its parties are not the "
    "ones that stand in Great Britain, and the national polls the projections start from "
    "cover Great Britain only."
)


@dataclass(frozen=True)
class Predecessor:
    """A 2010-2019 seat part of whose population is now in a 2024 seat."""

    seat: Constituency
    pop_share: float
    """Share of the old seat's population now in the new seat."""
    of_new: float
    """Share of the new seat's electors that came from the old seat (2019 electorates)."""


@dataclass(frozen=True)
class HistoryRow:
    """One election in a seat's history: the seat's own result or its main predecessor's."""

    result: SeatResult
    seat: str
    gss: str
    own: bool


@dataclass(frozen=True)
class SeatPage:
    """A seat's profile with its history through boundary changes, in words."""

    profile: SeatProfile
    history: tuple[HistoryRow, ...]
    predecessors: tuple[Predecessor, ...]
    names: dict[str, dict[str, str]]
    """Party display names at each election."""

    def party(self, election: str, code: str) -> str:
        """A party's name at ``election``."""
        return self.names.get(election, {}).get(code, code)

    def candidate_party(self, election: str, c: CandidateResult) -> str:
        """The party a candidate stood for at ``election``, in words."""
        return candidate_party(c, self.names.get(election, {}))

    @property
    def place(self) -> str:
        """Region and nation, each once ("Scotland", "North West, England")."""
        s = self.profile.seat
        return s.nation if s.region == s.nation else f"{s.region}, {s.nation}"


def predecessors(store: Store, gss_2024: str) -> list[Predecessor]:
    """The 2010-2019 seats that make up a 2024 seat, largest contribution first."""
    rows = store.predecessor_shares(gss_2024)
    old = {s.gss: s for s in store.constituencies("2010")}
    weights = {g: float(share) * float(electors) for g, share, electors in rows}
    total = sum(weights.values()) or 1.0
    found = [
        Predecessor(old[g], float(share), weights[g] / total) for g, share, _ in rows if g in old
    ]
    return sorted(found, key=lambda p: -p.of_new)


def resolve_seat(st: AppState, text: str) -> Constituency:
    """The seat a code or name means (the 2024 seat where both boundary sets have it)."""
    store = st.store()
    by_code = st.cached(
        ("seats-by-code",),
        lambda: {s.gss.upper(): s for s in sorted(store.constituencies(), key=_boundaries)},
    )
    found = by_code.get(text.strip().upper())
    return found if found is not None else find_seats(store, text)[0]


def _boundaries(s: Constituency) -> str:
    return s.boundary_set


def seat_page(store: Store, seat: Constituency, names: dict[str, dict[str, str]]) -> SeatPage:
    """A seat with the results of its main predecessor before the 2024 boundaries, so the
    page shows the same history whether it was reached by code or by name."""
    profile = seat_profile(store, seat.gss, boundary_set=seat.boundary_set)
    rows: dict[str, HistoryRow] = {}
    for r in profile.results:
        rows.setdefault(r.election, HistoryRow(r, r.name, r.gss, own=True))
    before = predecessors(store, seat.gss) if seat.boundary_set == "2024" else []
    if before:
        main = before[0]
        for r in store.seat_results(main.seat.gss):
            e = store.elections[r.election]
            if r.election not in rows and e.boundary_set == "2010" and e.kind == "general":
                rows[r.election] = HistoryRow(r, main.seat.name, main.seat.gss, own=False)
    history = sorted(
        rows.values(),
        key=lambda h: (store.elections[h.result.election].date or date.min, h.result.election),
    )
    return SeatPage(profile, tuple(history), tuple(before), names)


def extras(st: AppState, gss: str, boundary_set: str) -> dict[str, Any]:
    """Context for the seat page beyond the seat's profile."""
    context: dict[str, Any] = {
        "census_labels": CENSUS_LABELS,
        "projection": None,
        "advice": None,
        "notes": [],
    }
    if gss.upper().startswith("N"):
        context["ni_note"] = NI_NOTE
        return context
    if boundary_set != "2024":
        context["notes"].append("Projection and tactical advice are for the 2024 boundaries.")
        return context
    store = st.store()
    result = st.cached(("seat-projection",), lambda: _projection(store))
    if gss in result.gss:
        context["projection"] = _seat_projection(result, result.gss.index(gss))
    query = advice_query(store)
    advice = st.cached(query.key(), lambda: tactical(store, query), few=True)
    found = [row for row in advice.rows if row.gss == gss]
    if found:
        row = found[0]
        context["advice"] = {
            "against": advice.against,
            "bloc": advice.bloc,
            "recommended": row.recommended,
            "probability": row.probability,
            "label": row.label,
            "evidence": [row.evidence],
        }
    return context


def _projection(store: Store) -> ProjectionResult:
    from hustings.projection import parse_shares, project

    shares = parse_shares(DEFAULT_SCENARIO, store)
    return project(store, base=DEFAULT_BASE, shares=shares, model="uns", sims=WEB_SIMS, seed=0)


def _seat_projection(result: ProjectionResult, i: int) -> dict[str, Any]:
    probs = result.win_probability
    rows = [
        {
            "party": p,
            "share": float(result.shares[i, j]),
            "probability": None if probs is None else float(probs[i, j]),
        }
        for j, p in enumerate(result.parties)
        if result.shares[i, j] > 0.005
    ]
    return {
        "title": f"The {DEFAULT_SCENARIO} scenario (the polling average as it stands) projected "
        f"from the {result.base} result (UNS)",
        "winner": result.winners[i],
        "rows": sorted(rows, key=lambda r: -float(r["share"] or 0)),
        "note": f"{result.sims} simulations; polls as they stand, not a forecast of polling day.",
    }


def seat_list(store: Store, boundary_set: str | None, q: str | None) -> list[dict[str, Any]]:
    """Constituencies as plain rows, optionally filtered by a name fragment."""
    seats = store.constituencies(boundary_set)
    if q:
        seats = rank_seats(seats, q)
    return [
        {
            "gss": s.gss,
            "name": s.name,
            "nation": s.nation,
            "region": s.region,
            "boundary_set": s.boundary_set,
        }
        for s in seats
    ]

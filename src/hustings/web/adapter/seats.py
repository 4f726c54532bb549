"""Seats for the web: lists, and the seat page's projection and tactical advice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hustings.data.api import Store
from hustings.web.adapter.maps import DEFAULT_BASE
from hustings.web.adapter.tactics import WEB_SIMS, AdviceQuery, tactical
from hustings.web.state import AppState

if TYPE_CHECKING:
    from hustings.projection import ProjectionResult

__all__ = ["CENSUS_LABELS", "extras", "seat_list"]

SCENARIO = "final-polls-2024"

CENSUS_LABELS = {
    "age_65_plus": "Aged 65 or over",
    "degree": "Degree-level qualification",
    "no_qualifications": "No qualifications",
    "nssec_routine_semi": "Routine and semi-routine occupations",
    "owner_occupied": "Owner-occupied homes",
    "social_rented": "Socially rented homes",
}


def extras(st: AppState, gss: str, boundary_set: str) -> dict[str, Any]:
    """Context for the seat page beyond the seat's profile."""
    context: dict[str, Any] = {
        "census_labels": CENSUS_LABELS,
        "projection": None,
        "advice": None,
        "notes": [],
    }
    if boundary_set != "2024":
        context["notes"].append("Projection and tactical advice are for the 2024 boundaries.")
        return context
    store = st.store()
    result = st.cached(("seat-projection",), lambda: _projection(store))
    if gss in result.gss:
        context["projection"] = _seat_projection(result, result.gss.index(gss))
    query = AdviceQuery()
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

    shares = parse_shares(SCENARIO, store)
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
        "title": "The 2024 final polls projected from the 2019 notional result (UNS)",
        "winner": result.winners[i],
        "rows": sorted(rows, key=lambda r: -float(r["share"] or 0)),
        "note": f"{result.sims} simulations; a back-test scenario, not a current forecast.",
    }


def seat_list(store: Store, boundary_set: str | None, q: str | None) -> list[dict[str, Any]]:
    """Constituencies as plain rows, optionally filtered by a name fragment."""
    seats = store.constituencies(boundary_set)
    if q:
        needle = q.strip().lower()
        seats = [s for s in seats if needle in s.name.lower() or needle == s.gss.lower()]
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

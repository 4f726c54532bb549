"""A seat's profile: every result since 2010, notional result, Leave estimate, census summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hustings.data.api import Store
from hustings.data.lookup import Successor, find_seats, successors
from hustings.domain import Constituency, SeatResult

CENSUS_SUMMARY = (
    "age_65_plus",
    "degree",
    "no_qualifications",
    "nssec_routine_semi",
    "owner_occupied",
    "social_rented",
)


@dataclass(frozen=True)
class ByElection:
    """A by-election held in the seat (the summary; full results are in ``results``)."""

    election: str
    date: date
    winner: str | None
    previous_winner: str | None
    turnout: float | None

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "election": self.election,
            "date": self.date.isoformat(),
            "winner": self.winner,
            "previous_winner": self.previous_winner,
            "turnout": self.turnout,
        }


@dataclass(frozen=True)
class SeatProfile:
    """Everything hustings knows about one seat."""

    seat: Constituency
    results: tuple[SeatResult, ...]
    leave_share: float | None
    census: dict[str, float]
    successors: tuple[Successor, ...] = field(default_factory=tuple)
    also: tuple[Constituency, ...] = field(default_factory=tuple)
    byelections: tuple[ByElection, ...] = field(default_factory=tuple)

    def boundary_set_of(self, result: SeatResult) -> str:
        """The boundary set of the seat ``result`` was fought in (2010 or 2024)."""
        for seat in (self.seat, *self.also):
            if seat.gss == result.gss:
                return seat.boundary_set
        return self.seat.boundary_set

    def to_json(self) -> dict[str, Any]:
        """The documented ``hustings seat --json`` shape."""
        return {
            "gss": self.seat.gss,
            "name": self.seat.name,
            "nation": self.seat.nation,
            "region": self.seat.region,
            "boundary_set": self.seat.boundary_set,
            "results": [_result_json(r, self.boundary_set_of(r)) for r in self.results],
            "leave_share": self.leave_share,
            "census": self.census,
            "successors_2024": [
                {"gss": s.seat.gss, "name": s.seat.name, "pop_share": round(s.pop_share, 4)}
                for s in self.successors
            ],
            "same_name_other_boundaries": [
                {"gss": c.gss, "boundary_set": c.boundary_set} for c in self.also
            ],
            "byelections": [b.to_json() for b in self.byelections],
        }


_PLACEHOLDER = re.compile(r"^ind\d*$", re.IGNORECASE)
_RUK_BEFORE_REFORM = {"2010": "UKIP", "2015": "UKIP", "2017": "UKIP", "2019": "BXP"}


def party_label(election: str, party: str) -> str:
    """The party as it stood at ``election``: Reform UK's predecessors under their own names
    (UKIP to 2017, the Brexit Party, BXP, in 2019 and its by-elections), else the code."""
    if party != "RUK":
        return party
    if election.startswith("by-2019") or election == "2019-notional":
        return "BXP"
    return _RUK_BEFORE_REFORM.get(election, party)


def candidate_label(candidate: str | None, party_name: str) -> str:
    """The candidate's name, else the party's, with the sources' placeholders for unnamed
    independents ("Ind1", "IND2") shown as "Independent"."""
    if candidate:
        return candidate
    return "Independent" if _PLACEHOLDER.match(party_name.strip()) else party_name


def _result_json(r: SeatResult, boundary_set: str) -> dict[str, Any]:
    return {
        "election": r.election,
        "gss": r.gss,
        "name": r.name,
        "boundary_set": boundary_set,
        "winner": r.winner,
        "majority": r.majority,
        "majority_share": round(r.majority_share, 5),
        "valid_votes": r.valid_votes,
        "electorate": r.electorate,
        "turnout": None if r.turnout is None else round(r.turnout, 5),
        "candidates": [
            {
                "candidate": c.candidate,
                "party": c.party,
                "party_name": c.party_name,
                "party_label": party_label(r.election, c.party),
                "votes": c.votes,
                "share": round(c.share, 5),
                "elected": c.elected,
            }
            for c in r.candidates
        ],
    }


def seat_profile(store: Store, query: str, *, boundary_set: str | None = None) -> SeatProfile:
    """The profile of the seat named by ``query`` (the newest boundary set if both match)."""
    matches = find_seats(store, query, boundary_set=boundary_set)
    seat = matches[0]
    leave = store.query(
        "SELECT leave_share FROM euref WHERE gss = ? AND boundary_set = ?",
        [seat.gss, seat.boundary_set],
    )
    census = store.query(
        "SELECT measure, value FROM census WHERE gss = ? AND boundary_set = ? "
        "AND measure IN (SELECT unnest(?::VARCHAR[])) ORDER BY measure",
        [seat.gss, seat.boundary_set, list(CENSUS_SUMMARY)],
    )
    return SeatProfile(
        seat=seat,
        results=tuple(
            sorted(
                (r for m in matches for r in store.seat_results(m.gss)),
                key=lambda r: (store.elections[r.election].date or date.min, r.election),
            )
        ),
        leave_share=float(leave[0][0]) if leave else None,
        census={m: round(float(v), 5) for m, v in census},
        successors=tuple(successors(store, seat.gss)) if seat.boundary_set == "2010" else (),
        also=tuple(matches[1:]),
        byelections=tuple(
            ByElection(*row)
            for m in matches
            for row in store.query(
                "SELECT election, date, winner, previous_winner, turnout FROM byelections "
                "WHERE gss = ? ORDER BY date",
                [m.gss],
            )
        ),
    )

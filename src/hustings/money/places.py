"""The election a ledger is kept for: its polling day, its seats, their parts of the UK, types
and electorates, read once from the election data store and passed down."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from hustings.data.lookup import SeatIndex
from hustings.errors import InvalidInputError, NotFoundError
from hustings.money.rules import NEW_LIMITS, Part, regulated_period

if TYPE_CHECKING:
    from hustings.data.api import Store

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SEAT_TYPES = {"county": "county", "borough": "borough", "burgh": "borough"}
"""Seat types as the store spells them, to the two kinds the candidate limit knows."""


@dataclass(frozen=True)
class Seat:
    """A constituency as money needs it."""

    gss: str
    name: str
    part: Part
    seat_type: str
    electorate: int | None


@dataclass(frozen=True)
class Places:
    """One election: polling day, boundary set, and its seats by code."""

    election: str
    polling_day: date
    boundary_set: str
    electorate_from: str
    seats: dict[str, Seat]

    @property
    def period(self) -> tuple[date, date]:
        """The regulated period (first and last day)."""
        return regulated_period(self.polling_day)

    @cached_property
    def _by_part(self) -> dict[Part, list[str]]:
        return {p: [g for g, s in self.seats.items() if s.part is p] for p in Part}

    def in_part(self, part: Part) -> list[str]:
        """The codes of the seats in one part of the UK."""
        return list(self._by_part[part])

    def part_counts(self) -> dict[Part, int]:
        """How many seats each part has."""
        return {p: len(codes) for p, codes in self._by_part.items()}

    def check_date(self, day: date, what: str) -> None:
        """Refuse a date outside the regulated period."""
        first, last = self.period
        if not first <= day <= last:
            raise InvalidInputError(
                f"{what} {day.isoformat()} is outside the regulated period of the "
                f"{self.election} election ({first.isoformat()} to {last.isoformat()})",
                hint="check the date, or pass the election it belongs to with --election",
            )


def parse_part(text: str) -> Part | None:
    """A part of the UK from its name (``England``, ``NI``...), ``None`` when not one."""
    key = re.sub(r"[^a-z]", "", text.lower())
    names = {re.sub(r"[^a-z]", "", p.value.lower()): p for p in Part}
    names.update({"ni": Part.NORTHERN_IRELAND, "cymru": Part.WALES})
    return names.get(key)


def load_places(store: Store, election: str = "2024") -> Places:
    """The places of a general election (``2017``, ``2024``) or of a polling day (a date)."""
    text = election.strip()
    if _DATE.match(text):
        try:
            polling = date.fromisoformat(text)
        except ValueError:
            raise InvalidInputError(f"'{text}' is not a date", hint="use YYYY-MM-DD") from None
        boundary = "2024" if polling >= NEW_LIMITS else "2010"
        general = [
            e
            for e in store.elections.values()
            if e.kind == "general"
            and e.boundary_set == boundary
            and e.date is not None
            and e.date <= polling
        ]
        if not general:
            raise NotFoundError(f"no general election in the store before {text}")
        source = max(general, key=lambda e: e.date or polling).id
        name = text
    else:
        found = store.election(text)
        if found.kind != "general" or found.date is None:
            raise InvalidInputError(
                f"'{text}' is not a general election",
                hint="give a general election (2017, 2019, 2024) or a polling day YYYY-MM-DD",
            )
        polling, boundary, source, name = found.date, found.boundary_set, found.id, text
    return Places(name, polling, boundary, source, _seats(store, boundary, source))


def _seats(store: Store, boundary: str, source: str) -> dict[str, Seat]:
    rows = store.seat_table(boundary, source)
    return {
        gss: Seat(gss, name, Part(nation), SEAT_TYPES.get((kind or "").lower(), "county"), elec)
        for gss, name, nation, kind, elec in rows
    }


class SeatResolver(SeatIndex):
    """Seat names and codes to codes on the election's boundary set, for many rows at once;
    unknown ones get 'did you mean'."""

    def __init__(self, store: Store, places: Places) -> None:
        names = {seat.gss: seat.name for seat in places.seats.values()}
        super().__init__(store, places.boundary_set, names=names)


__all__ = ["Places", "Seat", "SeatResolver", "load_places", "parse_part"]

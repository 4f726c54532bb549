"""The field operation's types: outcomes, contact records, import reports and coverage rows.

Outcomes are recorded per household, never per person: what happened at the door, on the
phone or through the letterbox. Records are appended, never edited; a correction is a newer
record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hustings._io import Rejected
from hustings.domain import SPOKEN, Channel, ContactRecord, Outcome
from hustings.errors import InvalidInputError


def parse_outcome(text: str) -> Outcome:
    """An :class:`Outcome` from its name (case and spaces forgiven)."""
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {"not_home": "not_in", "out": "not_in", "leaflet_delivered": "leaflet"}
    try:
        return Outcome(aliases.get(key, key))
    except ValueError:
        names = ", ".join(o.value for o in Outcome)
        raise InvalidInputError(f"no outcome '{text}'", hint=f"use one of: {names}") from None


def parse_channel(text: str | None, outcome: Outcome) -> Channel:
    """The channel given, else the one the outcome implies (leaflets by hand, the rest door)."""
    if not text:
        return Channel.LEAFLET if outcome is Outcome.LEAFLET else Channel.DOOR
    try:
        return Channel(text.strip().lower())
    except ValueError:
        names = ", ".join(c.value for c in Channel)
        raise InvalidInputError(f"no channel '{text}'", hint=f"use one of: {names}") from None


@dataclass(frozen=True)
class SyncResult:
    """What a batch of contact records did: how many were new and how many were replays."""

    accepted: int
    duplicates: int

    def to_json(self) -> dict[str, int]:
        """The ``POST /api/v1/field/contacts`` answer."""
        return {"accepted": self.accepted, "duplicates": self.duplicates}


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows imported, duplicates skipped and rows rejected with reasons."""

    kind: str
    source: str
    imported: int
    duplicates: list[Rejected] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``hustings field ... import --json`` shape."""
        return {
            "kind": self.kind,
            "source": self.source,
            "imported": self.imported,
            "duplicates": [d.to_json() for d in self.duplicates],
            "rejected": [r.to_json() for r in self.rejected],
        }


@dataclass(frozen=True)
class DayCoverage:
    """One seat's (or ward's) activity on one day."""

    day: date
    knocked: int
    spoken: int
    phoned: int
    leaflets: int
    volunteers: int
    hours: float

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "day": self.day.isoformat(),
            "knocked": self.knocked,
            "spoken": self.spoken,
            "phoned": self.phoned,
            "leaflets": self.leaflets,
            "volunteers": self.volunteers,
            "hours": round(self.hours, 2),
        }


@dataclass(frozen=True)
class CoverageRow:
    """Coverage of one seat (``ward`` empty) or one ward of a seat."""

    seat: str
    seat_name: str
    ward: str
    households: int
    households_knocked: int
    households_spoken: int
    households_phoned: int
    households_leafleted: int
    volunteers: int
    hours: float
    by_day: tuple[DayCoverage, ...] = ()

    def share(self, count: int) -> float:
        """``count`` as a share of the households (0 when there are none)."""
        return count / self.households if self.households else 0.0

    def to_json(self) -> dict[str, Any]:
        """One row of ``hustings field coverage --json``."""
        return {
            "seat": self.seat,
            "seat_name": self.seat_name,
            "ward": self.ward or None,
            "households": self.households,
            "households_knocked": self.households_knocked,
            "households_spoken": self.households_spoken,
            "households_phoned": self.households_phoned,
            "households_leafleted": self.households_leafleted,
            "share_knocked": round(self.share(self.households_knocked), 4),
            "share_spoken": round(self.share(self.households_spoken), 4),
            "share_phoned": round(self.share(self.households_phoned), 4),
            "share_leafleted": round(self.share(self.households_leafleted), 4),
            "volunteers": self.volunteers,
            "hours": round(self.hours, 2),
            "by_day": [d.to_json() for d in self.by_day],
        }

    def totals(self) -> dict[str, Any]:
        """The row without its days."""
        body = self.to_json()
        del body["by_day"]
        return body


__all__ = [
    "SPOKEN",
    "Channel",
    "ContactRecord",
    "CoverageRow",
    "DayCoverage",
    "ImportReport",
    "Outcome",
    "Rejected",
    "SyncResult",
    "parse_channel",
    "parse_outcome",
]

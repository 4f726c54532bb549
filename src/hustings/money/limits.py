"""The limits in force for one election (and, for one seat, the candidate's limit there)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hustings.money.places import Places, Seat
from hustings.money.rules import (
    PERIODS_SOURCE,
    Rule,
    candidate_limit_pence,
    one,
    pounds_json,
    rules_in_force,
)


@dataclass(frozen=True)
class SeatLimits:
    """One seat's limits: the non-party ones and the candidate's short-campaign limit."""

    seat: Seat
    constituency_pence: int
    named_candidate_pence: int
    candidate_pence: int | None
    candidate_rule: Rule

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        rule = self.candidate_rule
        return {
            "gss": self.seat.gss,
            "name": self.seat.name,
            "part": self.seat.part.value,
            "seat_type": self.seat.seat_type,
            "electorate": self.seat.electorate,
            "constituency_limit": pounds_json(self.constituency_pence),
            "named_candidate_limit": pounds_json(self.named_candidate_pence),
            "candidate_limit": (
                None if self.candidate_pence is None else pounds_json(self.candidate_pence)
            ),
            "candidate_limit_pence": self.candidate_pence,
            "candidate_limit_working": (
                f"{rule.pence // 100} + {rule.per_elector_pence}p x {self.seat.electorate} "
                f"electors ({self.seat.seat_type}); electorate from the "
                "store's results of that election"
                if self.seat.electorate is not None
                else None
            ),
            "candidate_source": rule.source,
        }


@dataclass(frozen=True)
class Limits:
    """Every rule in force on an election's polling day."""

    election: str
    polling_day: date
    period: tuple[date, date]
    rules: tuple[Rule, ...]
    seat: SeatLimits | None = None

    def amount(self, key: str) -> int:
        """The UK-wide (part-less) figure of ``key`` in pence."""
        return one(self.polling_day, key).pence

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form: headline limits in pounds, every rule with its source."""
        return {
            "election": self.election,
            "polling_day": self.polling_day.isoformat(),
            "regulated_period": {
                "from": self.period[0].isoformat(),
                "to": self.period[1].isoformat(),
                "source": PERIODS_SOURCE,
            },
            "constituency_limit": pounds_json(self.amount("non_party.constituency")),
            "named_candidate_limit": pounds_json(self.amount("non_party.named_candidate")),
            "seat": self.seat.to_json() if self.seat else None,
            "rules": [r.to_json() for r in self.rules],
        }


def limits(places: Places, *, seat: str | None = None) -> Limits:
    """The rules in force on the polling day of ``places``; with ``seat`` (a code), its limits."""
    day = places.polling_day
    seat_limits = None
    if seat is not None:
        found = places.seats[seat]
        rule = one(day, "candidate.short", seat_type=found.seat_type)
        seat_limits = SeatLimits(
            found,
            one(day, "non_party.constituency").pence,
            one(day, "non_party.named_candidate").pence,
            None
            if found.electorate is None
            else candidate_limit_pence(day, found.seat_type, found.electorate),
            rule,
        )
    return Limits(
        places.election,
        day,
        places.period,
        tuple(sorted(rules_in_force(day), key=lambda r: (r.key, r.part or ""))),
        seat_limits,
    )


__all__ = ["Limits", "SeatLimits", "limits"]

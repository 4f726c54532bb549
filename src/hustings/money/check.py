"""Checks: spending attributed so far against every limit in force, with headroom, warnings
and breaches, the items behind them, and the thresholds crossed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from sqlalchemy.engine import Connection

from hustings.errors import InvalidInputError
from hustings.money.attribution import Totals
from hustings.money.model import money_json
from hustings.money.places import Places
from hustings.money.rules import Part, one, rules_in_force
from hustings.storage import money as q
from hustings.storage.engine import Database

WARN_AT = Fraction(4, 5)
ITEMS_SHOWN = 5
OK, WARNING, BREACH = "ok", "warning", "breach"


@dataclass(frozen=True)
class ItemShare:
    """One item's share of a total: its id, reference and the exact share."""

    id: int
    ref: str
    share: Fraction
    spent_on: date
    category: str

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "id": self.id,
            "ref": self.ref,
            "share": money_json(self.share),
            "spent_on": self.spent_on.isoformat(),
            "category": self.category,
        }


@dataclass(frozen=True)
class LimitRow:
    """Spending attributed to one place against one limit, and what that means."""

    level: str
    code: str
    name: str
    limit_key: str
    spent: Fraction
    limit_pence: int
    status: str
    party: str | None = None
    items: tuple[ItemShare, ...] = ()

    @property
    def headroom(self) -> Fraction:
        """What may still be spent (negative after a breach)."""
        return self.limit_pence - self.spent

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form: amounts in pounds, with exact-to-the-penny pence beside them."""
        spent, headroom = money_json(self.spent), money_json(self.headroom)
        body: dict[str, Any] = {
            "seat" if self.level == "seat" else "part": self.code,
            "name": self.name,
            "limit_key": self.limit_key,
            "spent": spent["pounds"],
            "spent_pence": spent["pence"],
            "limit": money_json(self.limit_pence)["pounds"],
            "limit_pence": self.limit_pence,
            "headroom": headroom["pounds"],
            "headroom_pence": headroom["pence"],
            "status": self.status,
        }
        if self.party:
            body["party"] = self.party
        if self.items:
            body["items"] = [i.to_json() for i in self.items]
        return body


@dataclass(frozen=True)
class Threshold:
    """A threshold and whether spending has crossed it."""

    key: str
    title: str
    where: str
    spent: Fraction
    threshold_pence: int
    source: str

    @property
    def crossed(self) -> bool:
        """Whether spending is above the threshold."""
        return self.spent > self.threshold_pence

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "key": self.key,
            "title": self.title,
            "where": self.where,
            "spent": money_json(self.spent)["pounds"],
            "threshold": money_json(self.threshold_pence)["pounds"],
            "crossed": self.crossed,
            "source": self.source,
        }


@dataclass(frozen=True)
class CheckResult:
    """Every seat's and part's spending against its limits on a day, and thresholds crossed."""

    election: str
    polling_day: date
    as_of: date
    warn_at: Fraction
    seats: list[LimitRow]
    parts: list[LimitRow]
    thresholds: list[Threshold]
    total: Fraction = field(default=Fraction(0))

    def counts(self) -> dict[str, int]:
        """How many rows (seats and parts) are ok, warning and breach."""
        found = {OK: 0, WARNING: 0, BREACH: 0}
        for row in [*self.seats, *self.parts]:
            found[row.status] += 1
        return found

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (``seats`` has one row per seat and limit)."""
        return {
            "election": self.election,
            "polling_day": self.polling_day.isoformat(),
            "as_of": self.as_of.isoformat(),
            "warn_at": float(self.warn_at),
            "total": money_json(self.total),
            "summary": self.counts(),
            "seats": [r.to_json() for r in self.seats],
            "parts": [r.to_json() for r in self.parts],
            "thresholds": [t.to_json() for t in self.thresholds],
        }


def status(spent: Fraction, limit_pence: int, warn_at: Fraction) -> str:
    """``breach`` above the limit, ``warning`` at or above ``warn_at`` of it, else ``ok``."""
    if spent > limit_pence:
        return BREACH
    return WARNING if spent >= warn_at * limit_pence else OK


def load_totals(conn: Connection, places: Places, first: date, last: date) -> Totals:
    """The spending of ``first``..``last`` attributed: the running totals the database keeps,
    less the items dated outside those days (usually few: read through the date index)."""
    totals = Totals()
    for sign, rows in ((1, q.running_totals(conn)), (-1, q.outside_sums(conn, first, last))):
        for place, n, party, named, pence in rows:
            if place == "uk":
                totals.add_wide(places, None, party, sign * pence)
            elif place.startswith("part:"):
                totals.add_wide(places, Part(place[5:]), party, sign * pence)
            elif place in places.seats:
                totals.add_seat_sum(places, place, n, party, sign * pence, candidate=named)
    return totals


def evaluate(
    places: Places, totals: Totals, *, warn_at: Fraction = WARN_AT
) -> tuple[list[LimitRow], list[LimitRow]]:
    """Seat rows and part rows for the limits in force on polling day (no items yet)."""
    day = places.polling_day
    constituency = one(day, "non_party.constituency").pence
    named = one(day, "non_party.named_candidate").pence
    seats: list[LimitRow] = []
    for code, seat in sorted(places.seats.items()):
        spent = totals.seat[code].value() if code in totals.seat else Fraction(0)
        seats.append(
            LimitRow("seat", code, seat.name, "non_party.constituency", spent, constituency,
                     status(spent, constituency, warn_at))
        )  # fmt: skip
        if code in totals.candidate:
            spent = totals.candidate[code].value()
            seats.append(
                LimitRow("seat", code, seat.name, "non_party.named_candidate", spent, named,
                         status(spent, named, warn_at))
            )  # fmt: skip
    parts: list[LimitRow] = []
    for part in Part:
        limit = one(day, "non_party.part", part=part).pence
        spent = totals.part[part].value() if part in totals.part else Fraction(0)
        parts.append(
            LimitRow("part", part.value, part.value, "non_party.part", spent, limit,
                     status(spent, limit, warn_at))
        )  # fmt: skip
    for (part, party), exact in sorted(totals.targeted.items()):
        spent = exact.value()
        limit = one(day, "non_party.targeted", part=part).pence
        parts.append(
            LimitRow("part", part.value, part.value, "non_party.targeted", spent, limit,
                     status(spent, limit, warn_at), party=party)
        )  # fmt: skip
    return seats, parts


def thresholds(places: Places, totals: Totals) -> list[Threshold]:
    """The notification, reporting, eligibility and audit thresholds against spending."""
    day = places.polling_day
    found: list[Threshold] = []
    for rule in rules_in_force(day):
        if rule.key not in (
            "non_party.notification",
            "non_party.reporting",
            "non_party.eligibility",
            "non_party.audit",
        ):
            continue
        known = rule.part in totals.part if rule.part else True
        spent = (
            (totals.part[rule.part] if rule.part else totals.uk).value() if known else Fraction(0)
        )
        where = rule.part.value if rule.part else "UK"
        found.append(Threshold(rule.key, rule.title, where, spent, rule.pence, rule.source))
    return found


def _with_items(
    conn: Connection, places: Places, rows: list[LimitRow], first: date, last: date
) -> list[LimitRow]:
    flagged = [r for r in rows if r.status != OK]
    if not flagged:
        return rows
    by_seat: dict[tuple[str, str], list[ItemShare]] = defaultdict(list)
    for candidate, key in ((False, "non_party.constituency"), (True, "non_party.named_candidate")):
        codes = [r.code for r in flagged if r.limit_key == key]
        found = q.seat_items(conn, codes, first, last, candidate=candidate, top=ITEMS_SHOWN)
        for item in found if codes else []:
            share = Fraction(item["pence"], item["seat_count"])
            by_seat[(item["seat"], key)].append(
                ItemShare(item["id"], item["ref"], share, item["spent_on"], item["category"])
            )
    wide = q.wide_items(conn, first, last, limit=ITEMS_SHOWN * 4)
    out: list[LimitRow] = []
    for row in rows:
        if row.status == OK or row.level != "seat":
            out.append(row)
            continue
        items = by_seat.get((row.code, row.limit_key), [])
        if row.limit_key == "non_party.constituency":
            part = places.seats[row.code].part.value
            for item in wide:
                if item["scope"] == "uk" or item["part"] == part:
                    share = Fraction(item["pence"], item["seat_count"])
                    items.append(
                        ItemShare(
                            item["id"], item["ref"], share, item["spent_on"], item["category"]
                        )
                    )
        top = sorted(items, key=lambda i: (-i.share.numerator / i.share.denominator, i.id))
        top = top[:ITEMS_SHOWN]
        out.append(
            LimitRow(row.level, row.code, row.name, row.limit_key, row.spent, row.limit_pence,
                     row.status, row.party, tuple(top))
        )  # fmt: skip
    return out


def check(
    db: Database, places: Places, *, as_of: date | None = None, warn_at: Fraction = WARN_AT
) -> CheckResult:
    """Spending attributed up to ``as_of`` (default today, at most polling day) against every
    limit in force for the election, with the items behind each warning and breach."""
    first, last = places.period
    day = as_of or min(date.today(), last)
    if not 0 < warn_at <= 1:
        raise InvalidInputError(f"the warning level must be above 0 and at most 1, not {warn_at}")
    if day < first:
        said = "--as-of " if as_of else "today, "
        raise InvalidInputError(
            f"{said}{day.isoformat()} is before the regulated period of the election on "
            f"{places.polling_day.isoformat()} starts ({first.isoformat()})",
            hint="nothing can be attributed to it yet; give --as-of a day in the period",
        )
    day = min(day, last)
    with db.read() as conn:
        totals = load_totals(conn, places, first, day)
        seats, parts = evaluate(places, totals, warn_at=warn_at)
        seats = _with_items(conn, places, seats, first, day)
    return CheckResult(
        places.election, places.polling_day, day, warn_at, seats, parts,
        thresholds(places, totals), totals.uk.value(),
    )  # fmt: skip


__all__ = [
    "BREACH",
    "OK",
    "WARNING",
    "CheckResult",
    "ItemShare",
    "LimitRow",
    "Threshold",
    "check",
    "evaluate",
    "load_totals",
    "status",
    "thresholds",
]

"""Attribution: where an item of spending counts, exactly.

The Electoral Commission's rule (PPERA 2000 Sch 10 para 2 and 3): spending is split equally
between the constituencies where it had effect, and between the parts of the UK in proportion
to their constituencies. Shares are exact fractions of a penny; only what is shown is rounded.
Spending under a joint plan counts in full for every partner, so an item paid by a partner
counts here as if paid by the campaign.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from hustings.money.model import Scope, SpendItem
from hustings.money.places import Places
from hustings.money.rules import Part


class Exact:
    """A sum of pence split over seats, kept exact as numerators per denominator."""

    __slots__ = ("terms",)

    def __init__(self) -> None:
        self.terms: dict[int, int] = {}

    def add(self, pence: int, over: int = 1) -> None:
        """Add ``pence / over``."""
        self.terms[over] = self.terms.get(over, 0) + pence

    def value(self) -> Fraction:
        """The exact total (one fraction, built once)."""
        if not self.terms:
            return Fraction(0)
        common = math.lcm(*self.terms)
        return Fraction(sum(v * (common // n) for n, v in self.terms.items()), common)

    def __deepcopy__(self, memo: dict[int, object]) -> Exact:
        copy = Exact()
        copy.terms = dict(self.terms)
        return copy


@dataclass
class Totals:
    """Spending attributed so far: per seat, per part, targeted per part and party, UK-wide.

    ``seat`` and ``part`` hold the general (PPERA) spending; ``candidate`` the spending for or
    against a named candidate (RPA 1983 s.75), which counts only against that seat's permitted
    sum.
    """

    seat: dict[str, Exact] = field(default_factory=lambda: defaultdict(Exact))
    candidate: dict[str, Exact] = field(default_factory=lambda: defaultdict(Exact))
    part: dict[Part, Exact] = field(default_factory=lambda: defaultdict(Exact))
    targeted: dict[tuple[Part, str], Exact] = field(default_factory=lambda: defaultdict(Exact))
    uk: Exact = field(default_factory=Exact)

    def add_seat_sum(
        self, places: Places, seat: str, n: int, party: str | None, pence: int, *, candidate: bool
    ) -> None:
        """Add the sum of items split over ``n`` seats, as it falls on ``seat``."""
        if candidate:
            self.candidate[seat].add(pence, n)
            return
        self.seat[seat].add(pence, n)
        part = places.seats[seat].part
        self.part[part].add(pence, n)
        self.uk.add(pence, n)
        if party:
            self.targeted[(part, party)].add(pence, n)

    def add_wide(self, places: Places, part: Part | None, party: str | None, pence: int) -> None:
        """Add spending with effect across one part (or, with ``None``, the whole UK)."""
        codes = places.in_part(part) if part else list(places.seats)
        for code in codes:
            self.seat[code].add(pence, len(codes))
        counts = places.part_counts()
        parts = [part] if part else [p for p in Part if counts[p]]
        for p in parts:
            self.part[p].add(pence * counts[p], len(codes))
            if party:
                self.targeted[(p, party)].add(pence * counts[p], len(codes))
        self.uk.add(pence)

    def add_item(self, places: Places, item: SpendItem) -> None:
        """Add one item wherever it had effect."""
        if item.scope in (Scope.SEAT, Scope.SEATS):
            for seat in item.seats:
                self.add_seat_sum(
                    places,
                    seat,
                    len(item.seats),
                    item.targeted_party,
                    item.pence,
                    candidate=bool(item.candidate),
                )
        else:
            self.add_wide(places, item.part, item.targeted_party, item.pence)


def shares(places: Places, item: SpendItem) -> dict[str, Fraction]:
    """The exact share of an item that each seat bears."""
    if item.scope in (Scope.SEAT, Scope.SEATS):
        codes: Iterable[str] = item.seats
    elif item.part:
        codes = places.in_part(item.part)
    else:
        codes = places.seats
    chosen = list(codes)
    return {code: Fraction(item.pence, len(chosen)) for code in chosen}


__all__ = ["Exact", "Totals", "shares"]

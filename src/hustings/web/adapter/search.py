"""Finding seats from what people type: part of a name, without accents, an old seat's name,
or a postcode, sector or district."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hustings.data.api import Store
from hustings.data.lookup import Successor, successors
from hustings.domain import Constituency
from hustings.errors import InvalidInputError

if TYPE_CHECKING:
    from hustings.data.geo import PostcodeLocation

__all__ = ["SeatSearch", "canonical_query", "find_postcode", "fold", "rank_seats", "search_seats"]

_CODE = re.compile(r"^[ENSW]\d{8}$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Text reduced for matching: no accents or case, '&' as 'and', words split by spaces."""
    plain = unicodedata.normalize("NFKD", text.replace("&", " and "))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return " ".join(_NON_WORD.sub(" ", plain.replace("'", "")).split())


def find_postcode(store: Store, text: str) -> PostcodeLocation | None:
    """Where ``text`` is, if it is written as a postcode, sector or district; ``None`` when it
    is not written like one. A well-formed one that is not known is an error naming it."""
    from hustings.data.geo import locate_postcode, parse_postcode

    if not any(ch.isdigit() for ch in text):
        return None
    try:
        parse_postcode(text)
    except InvalidInputError:
        return None
    return locate_postcode(store, text)


def canonical_query(text: str) -> str:
    """What a search means, as one spelling: an upper-case code or the folded name."""
    stripped = text.strip()
    if _CODE.match(stripped) or any(ch.isdigit() for ch in stripped):
        return " ".join(stripped.upper().split())
    return fold(stripped)


@dataclass(frozen=True)
class SeatSearch:
    """Seats matching a query on the wanted boundaries, best first; where there are none but an
    older seat has the name, that seat with the seats that now cover it."""

    query: str
    seats: tuple[Constituency, ...]
    old_seat: Constituency | None = None
    successors: tuple[Successor, ...] = ()
    postcode: PostcodeLocation | None = None
    """Where the query was read as a postcode, sector or district: its seats with shares."""

    @property
    def chosen(self) -> Constituency | None:
        """The one seat meant: the only match, or one named exactly (or by its code)."""
        if len(self.seats) == 1:
            return self.seats[0]
        first = self.seats[0] if self.seats else None
        if first and (fold(first.name) == fold(self.query) or first.gss == self.query.upper()):
            return first
        return None


def rank_seats(seats: list[Constituency], text: str) -> list[Constituency]:
    """``seats`` that ``text`` names, best first: the exact name, names starting with it,
    names containing it, then names with words starting with each of its words."""
    if _CODE.match(text.strip()):
        return [s for s in seats if s.gss.upper() == text.strip().upper()]
    q = fold(text)
    if not q:
        return []
    words = q.split()
    scored: list[tuple[int, str, Constituency]] = []
    for s in seats:
        name = fold(s.name)
        tokens = name.split()
        if name == q:
            rank = 0
        elif name.startswith(q):
            rank = 1
        elif q in name:
            rank = 2
        elif all(any(t.startswith(w) for t in tokens) for w in words):
            rank = 3
        else:
            continue
        scored.append((rank, s.name, s))
    return [s for _, _, s in sorted(scored, key=lambda x: (x[0], x[1]))]


def search_seats(store: Store, text: str, boundary_set: str = "2024") -> SeatSearch:
    """Seats on ``boundary_set`` whose name contains what was typed (word starts, in any order,
    accents ignored) or whose code it is; an old seat's name leads to its successors; a
    postcode, sector or district (2024 boundaries) leads to its seats with their shares."""
    place = find_postcode(store, text) if boundary_set == "2024" else None
    if place is not None:
        by_code = {s.gss: s for s in store.constituencies("2024")}
        seats = tuple(by_code[x.gss] for x in place.seats if x.gss in by_code)
        return SeatSearch(text, seats, postcode=place)
    found = rank_seats(store.constituencies(boundary_set), text)
    if found or boundary_set != "2024":
        return SeatSearch(text, tuple(found))
    old = rank_seats(store.constituencies("2010"), text)
    if not old:
        return SeatSearch(text, ())
    seat = old[0]
    return SeatSearch(text, (), seat, tuple(successors(store, seat.gss)))

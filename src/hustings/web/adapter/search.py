"""Finding seats from what people type: part of a name, without accents, or an old seat's name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hustings.data.api import Store
from hustings.data.lookup import Successor, successors
from hustings.domain import Constituency

__all__ = ["SeatSearch", "canonical_query", "fold", "rank_seats", "search_seats"]

_CODE = re.compile(r"^[ENSW]\d{8}$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Text reduced for matching: no accents or case, '&' as 'and', words split by spaces."""
    plain = unicodedata.normalize("NFKD", text.replace("&", " and "))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return " ".join(_NON_WORD.sub(" ", plain.replace("'", "")).split())


def canonical_query(text: str) -> str:
    """What a search means, as one spelling: an upper-case code or the folded name."""
    stripped = text.strip()
    return stripped.upper() if _CODE.match(stripped) else fold(stripped)


@dataclass(frozen=True)
class SeatSearch:
    """Seats matching a query on the wanted boundaries, best first; where there are none but an
    older seat has the name, that seat with the seats that now cover it."""

    query: str
    seats: tuple[Constituency, ...]
    old_seat: Constituency | None = None
    successors: tuple[Successor, ...] = ()

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
    accents ignored) or whose code it is; an old seat's name leads to its successors."""
    found = rank_seats(store.constituencies(boundary_set), text)
    if found or boundary_set != "2024":
        return SeatSearch(text, tuple(found))
    old = rank_seats(store.constituencies("2010"), text)
    if not old:
        return SeatSearch(text, ())
    seat = old[0]
    return SeatSearch(text, (), seat, tuple(successors(store, seat.gss)))

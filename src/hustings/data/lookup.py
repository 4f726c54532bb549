"""Finding a seat by GSS code or by name, forgiving of case, punctuation and "&"/"and"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from hustings.data.api import Store
from hustings.domain import Constituency
from hustings.errors import InvalidInputError, NotFoundError

_CODE = re.compile(r"^[ENSW]\d{8}$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
SUGGESTIONS = 5


def normalise(name: str) -> str:
    """A seat name reduced for matching: lower case, '&' as 'and', no punctuation."""
    text = name.lower().replace("&", " and ").replace("ô", "o").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


def _token_key(name: str) -> str:
    return " ".join(sorted(normalise(name).split()))


@dataclass(frozen=True)
class Successor:
    """A 2024 seat that covers part of an older seat, with the share of its population."""

    seat: Constituency
    pop_share: float


def find_seats(store: Store, query: str, *, boundary_set: str | None = None) -> list[Constituency]:
    """Every constituency matching ``query`` (code or name), newest boundary set first.

    Raises :class:`NotFoundError` with "did you mean" suggestions when nothing matches.
    """
    text = query.strip()
    if not text:
        raise InvalidInputError(
            "no seat given", hint="give a GSS code (e.g. E14001170) or a seat's name"
        )
    seats = store.constituencies(boundary_set)
    if _CODE.match(text):
        found = [s for s in seats if s.gss.upper() == text.upper()]
    else:
        key = normalise(text)
        found = [s for s in seats if normalise(s.name) == key]
        if not found:
            found = [s for s in seats if _token_key(s.name) == _token_key(text)]
    if found:
        return sorted(found, key=lambda s: s.boundary_set, reverse=True)
    raise NotFoundError(
        f"no constituency '{query}'",
        hint=_suggest(text, seats),
        query=query,
    )


def _suggest(text: str, seats: list[Constituency]) -> str:
    words = set(normalise(text).split())
    by_name = sorted(seats, key=lambda s: s.name)
    newest_first = sorted(by_name, key=lambda s: s.boundary_set, reverse=True)
    holding = [s.name for s in newest_first if words and words <= set(normalise(s.name).split())]
    if holding:
        unique = list(dict.fromkeys(holding))
        shown = " or ".join(f"'{n}'" for n in unique[:SUGGESTIONS])
        more = len(unique) - SUGGESTIONS
        return f"did you mean {shown}" + (f" (or {more} more)?" if more > 0 else "?")
    names = {normalise(s.name): s.name for s in seats}
    close = difflib.get_close_matches(normalise(text), list(names), n=3, cutoff=0.6)
    if not close:
        return "give a GSS code (e.g. E14001170) or a seat's name (e.g. 'Chorley')"
    quoted = " or ".join(f"'{names[c]}'" for c in close)
    return f"did you mean {quoted}?"


def successors(store: Store, gss_2010: str) -> list[Successor]:
    """The 2024 seats overlapping a 2010-2019 seat, by share of its population."""
    rows = store.query(
        "SELECT o.gss_2024, o.pop_share FROM seat_overlaps o WHERE o.gss_2010 = ? "
        "AND o.pop_share >= 0.005 ORDER BY o.pop_share DESC",
        [gss_2010],
    )
    new = {s.gss: s for s in store.constituencies("2024")}
    return [Successor(new[g], float(share)) for g, share in rows if g in new]


class SeatIndex:
    """The seats of one boundary set by code or name, for many rows at once.

    Codes (any case) and names (as :func:`normalise` reduces them) answer from memory; any
    other text goes through :func:`find_seats` once, which forgives word order or raises its
    "did you mean" error. ``names`` (code to name) limits the index to those seats; by default
    it holds every seat of ``boundary_set``.
    """

    def __init__(
        self, store: Store, boundary_set: str, *, names: Mapping[str, str] | None = None
    ) -> None:
        self._store = store
        self.boundary_set = boundary_set
        self._names = dict(
            names
            if names is not None
            else {c.gss: c.name for c in store.constituencies(boundary_set)}
        )
        self._by_key: dict[str, str] = {}
        for gss, name in self._names.items():
            self._by_key[gss.upper()] = gss
            self._by_key[normalise(name)] = gss

    def __call__(self, text: str) -> str:
        """The code of the seat ``text`` names (a one-line error when there is none)."""
        key = text.strip()
        found = self._by_key.get(key.upper()) or self._by_key.get(normalise(key))
        if found is None:
            found = find_seats(self._store, key, boundary_set=self.boundary_set)[0].gss
            self._by_key[key.upper()] = found
        return found

    def name(self, gss: str) -> str:
        """A seat's name (its code when the index does not hold it)."""
        return self._names.get(gss, gss)


__all__ = ["SeatIndex", "Successor", "find_seats", "normalise", "successors"]

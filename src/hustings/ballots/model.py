"""Shared types of the ballots capability: an election, one stage of a count, a count's result.

Ballots are kept as a compact integer matrix: one row per distinct ballot, the candidates'
indices in order of preference, padded with ``-1``; ``weights`` holds how many voters cast
each row. A row that skips a preference or ranks candidates equally keeps every candidate it
marks, and ``cuts`` says how many of them form its strict ranking: each rule decides what the
rest means (:meth:`Election.strict`, :meth:`Election.require_strict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Election:
    """A ranked-ballot election: candidates, seats and weighted ballots."""

    candidates: tuple[str, ...]
    seats: int
    rankings: IntArray
    weights: IntArray
    withdrawn: frozenset[int] = frozenset()
    title: str = ""
    cuts: IntArray | None = None
    irregular: tuple[str, ...] = ()
    tie_order: tuple[int, ...] | None = None

    @property
    def n_voters(self) -> int:
        """Total number of ballots (the sum of the weights, in exact integers)."""
        return sum(self.weights.tolist())

    def strict(self) -> Election:
        """The strict rankings: each row cut at its first skipped or equal preference.

        This is how the Scottish rules read a paper: the next preference must be a single
        candidate marked with the next number, or the paper goes no further (a paper with no
        usable first preference is void)."""
        if self.cuts is None:
            return self
        cols = np.arange(self.rankings.shape[1])
        rankings = np.where(cols[None, :] < self.cuts[:, None], self.rankings, -1)
        return replace(self, rankings=rankings, cuts=None, irregular=())

    def require_strict(self, method: str) -> None:
        """Refuse ballots with skipped or equal preferences, which ``method`` does not define."""
        if self.cuts is None:
            return
        raise InvalidInputError(
            f"{self.title or 'election'}: the ballots have {' and '.join(self.irregular)}, "
            f"which the {method} rule does not define",
            hint="count them with scottish-stv, irv, plurality or approval, which do",
            method=method,
        )

    def ballots(self) -> list[tuple[int, tuple[int, ...]]]:
        """Ballots as ``(weight, preferences)`` tuples of candidate indices."""
        out = []
        for weight, row in zip(self.weights.tolist(), self.rankings.tolist(), strict=True):
            out.append((weight, tuple(c for c in row if c >= 0)))
        return out

    def first_preferences(self) -> dict[str, int]:
        """First-preference votes per candidate name (withdrawn candidates skipped)."""
        firsts = _first_valid(self.rankings, self.withdrawn, len(self.candidates))
        valid = firsts >= 0
        totals = np.bincount(firsts[valid], weights=self.weights[valid], minlength=len(self))
        return {name: int(v) for name, v in zip(self.candidates, totals.tolist(), strict=True)}

    def with_seats(self, seats: int) -> Election:
        """The same ballots with another number of seats."""
        return replace(self, seats=seats)

    def __len__(self) -> int:
        return len(self.candidates)


def _first_valid(rankings: IntArray, withdrawn: frozenset[int], n: int) -> IntArray:
    ok = np.ones(n + 1, dtype=bool)
    ok[-1] = False
    for w in withdrawn:
        ok[w] = False
    mask = ok[rankings]
    has = mask.any(axis=1)
    pos = mask.argmax(axis=1)
    firsts = rankings[np.arange(len(rankings)), pos]
    return np.where(has, firsts, -1).astype(np.int64)


def build_election(
    candidates: tuple[str, ...],
    seats: int,
    ballots: list[tuple[int, list[int]]],
    *,
    withdrawn: frozenset[int] = frozenset(),
    title: str = "",
    cuts: list[int] | None = None,
    irregular: tuple[str, ...] = (),
    tie_order: tuple[int, ...] | None = None,
) -> Election:
    """An :class:`Election` from ``(weight, [candidate index, ...])`` pairs (0-based).

    ``cuts`` gives, per ballot, how many of its preferences form its strict ranking (see
    :meth:`Election.strict`); ``irregular`` names what the rest holds."""
    width = max((len(prefs) for _, prefs in ballots), default=0)
    rankings = np.full((len(ballots), max(width, 1)), -1, dtype=np.int64)
    for i, (_, prefs) in enumerate(ballots):
        rankings[i, : len(prefs)] = prefs
    weights = np.array([w for w, _ in ballots], dtype=np.int64)
    cut = None
    if cuts is not None and any(c < len(p) for c, (_, p) in zip(cuts, ballots, strict=True)):
        cut = np.array(cuts, dtype=np.int64)
    return Election(
        candidates,
        seats,
        rankings,
        weights,
        withdrawn,
        title,
        cut,
        irregular if cut is not None else (),
        tie_order,
    )


@dataclass(frozen=True)
class Stage:
    """One stage of a count: each candidate's total after it and what was done.

    Figures are kept as integers in units of ``10**-places`` (exact for every rule here) and
    read as :class:`~decimal.Decimal` through ``totals``, ``transfers``, ``non_transferable``,
    ``rounding_loss`` and ``quota``.
    """

    number: int
    action: str
    subject: str | None
    units: tuple[int, ...]
    moved: tuple[int, ...]
    exhausted: int
    quota_units: int | None
    places: int = 0
    lost: int = 0
    elected: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    note: str = ""

    def _dec(self, units: int) -> Decimal:
        return Decimal(units).scaleb(-self.places)

    @cached_property
    def totals(self) -> tuple[Decimal, ...]:
        """Each candidate's votes after this stage."""
        return tuple(self._dec(v) for v in self.units)

    @cached_property
    def transfers(self) -> tuple[Decimal, ...]:
        """Votes gained (or lost, negative) by each candidate at this stage."""
        return tuple(self._dec(v) for v in self.moved)

    @property
    def non_transferable(self) -> Decimal:
        """Votes on exhausted papers so far."""
        return self._dec(self.exhausted)

    @property
    def rounding_loss(self) -> Decimal:
        """Votes lost to rounding so far."""
        return self._dec(self.lost)

    @property
    def quota(self) -> Decimal | None:
        """The quota at this stage (``None`` where the rule has none)."""
        return None if self.quota_units is None else self._dec(self.quota_units)

    def to_json(self, candidates: tuple[str, ...]) -> dict[str, Any]:
        """The stage as plain JSON values (numbers as exact decimal strings)."""
        return {
            "stage": self.number,
            "action": self.action,
            "subject": self.subject,
            "quota": None if self.quota is None else str(self.quota),
            "totals": {c: str(v) for c, v in zip(candidates, self.totals, strict=True)},
            "transfers": {c: str(v) for c, v in zip(candidates, self.transfers, strict=True)},
            "non_transferable": str(self.non_transferable),
            "rounding_loss": str(self.rounding_loss),
            "elected": list(self.elected),
            "excluded": list(self.excluded),
            "note": self.note,
        }


@dataclass(frozen=True)
class TieBreak:
    """A tie and how it was broken: by an earlier stage, or by a seeded draw."""

    stage: int
    reason: str
    tied: tuple[str, ...]
    chosen: str
    how: str

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "stage": self.stage,
            "reason": self.reason,
            "tied": list(self.tied),
            "chosen": self.chosen,
            "how": self.how,
        }


@dataclass(frozen=True)
class CountResult:
    """The outcome of a count: who was elected, in order, and the audit of every stage."""

    method: str
    title: str
    candidates: tuple[str, ...]
    seats: int
    elected: tuple[str, ...]
    stages: tuple[Stage, ...]
    quota: Decimal | None = None
    ties: tuple[TieBreak, ...] = ()
    seed: int = 0
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The result as plain JSON values."""
        return {
            "method": self.method,
            "title": self.title,
            "seats": self.seats,
            "candidates": list(self.candidates),
            "elected": list(self.elected),
            "quota": None if self.quota is None else str(self.quota),
            "seed": self.seed,
            "ties": [t.to_json() for t in self.ties],
            "stages": [s.to_json(self.candidates) for s in self.stages],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Reserved:
    """Reserved places: at least ``minimum`` of the elected must come from ``group`` (several
    may be given at once, and groups may overlap)."""

    group: frozenset[str]
    minimum: int


@dataclass(frozen=True)
class CountOptions:
    """Options every counting method accepts (each uses the ones that apply to it)."""

    seed: int = 0
    threshold: float = 50.0
    reserved: tuple[Reserved, ...] = ()

"""Reserved places in an STV count: at least ``minimum`` of the elected from each ``group``.

Several reservations may hold at once and may overlap (at least 2 women, and at least 1 from
each region: a woman from the North counts towards both). Everything follows from one number,
the *need*: the fewest continuing candidates who, elected with those already elected, meet
every minimum (infinite when no choice can). The count stays feasible: the need never exceeds
the vacancies left. The rule, applied at every stage of an otherwise unchanged count:

1. *Electability.* A candidate who reaches the quota is elected only if the need, once they
   are elected, still fits the vacancies left after their seat; otherwise they stay in the
   count, and rule 2 excludes them. Candidates reaching the quota together are taken highest
   vote first.
2. *Forced exclusion.* A continuing candidate who could not be elected under rule 1 (electing
   them would leave too few vacancies for the reservations) can never be elected: such
   candidates are excluded one per stage, lowest vote first (after any pending surplus has been
   transferred), their papers moving on at their current value.
3. *Protection.* A candidate whose exclusion would make the minimums impossible to meet is not
   excluded for having the lowest vote; the lowest of the others is excluded instead.

With one group this is the familiar rule: once the vacancies left equal the reserved places
still unfilled, everyone outside the group is excluded, and the group's last candidates who
are needed are never excluded. A count whose minimums cannot be met by the standing candidates
is refused before it starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from hustings.ballots.model import Election, IntArray, Reserved
from hustings.errors import InvalidInputError

HOPEFUL = 0
IMPOSSIBLE = 10**9


class CountState(Protocol):
    """What the reservation needs to see of a running count."""

    state: IntArray
    order: list[int]

    def seats_left(self) -> int: ...


def fewest_to_meet(
    groups: tuple[frozenset[int], ...], shortfall: tuple[int, ...], pool: frozenset[int]
) -> int:
    """The fewest candidates of ``pool`` that bring every group to its ``shortfall`` (a set
    multicover, solved exactly by branching on the group most short; ballots are small)."""
    short = [(s, g & pool) for s, g in zip(shortfall, groups, strict=True) if s > 0]
    if not short:
        return 0
    if any(s > len(g) for s, g in short):
        return IMPOSSIBLE
    most, group = max(short, key=lambda sg: (sg[0], -len(sg[1])))
    best = IMPOSSIBLE
    for c in sorted(group):
        rest = tuple(max(0, s - (c in g)) for s, g in zip(shortfall, groups, strict=True))
        best = min(best, 1 + fewest_to_meet(groups, rest, pool - {c}))
        if best <= most:
            break
    return best


@dataclass(frozen=True)
class Reservation:
    """Reserved places resolved to candidate indices (no groups means none)."""

    groups: tuple[frozenset[int], ...] = ()
    minimums: tuple[int, ...] = ()

    @classmethod
    def make(cls, reserved: tuple[Reserved, ...], election: Election) -> Reservation:
        """Resolve names to indices and check the reservations can be met together."""
        wanted = [r for r in reserved if r.minimum > 0]
        if not wanted:
            return cls()
        standing = frozenset(range(len(election.candidates))) - frozenset(election.withdrawn)
        groups = tuple(_members(r, election) & standing for r in wanted)
        out = cls(groups, tuple(r.minimum for r in wanted))
        for r, g in zip(wanted, groups, strict=True):
            if r.minimum > min(len(g), election.seats):
                raise InvalidInputError(
                    f"{r.minimum} reserved places but only {len(g)} group candidates "
                    f"standing for {election.seats} seats",
                    hint="lower the minimum or add candidates to the group",
                )
        if out.need([], standing) > election.seats:
            raise InvalidInputError(
                f"the reserved places cannot all be met with {election.seats} seats: at least "
                f"{out.need([], standing)} of the elected would be needed",
                hint="lower a minimum or let the groups overlap",
            )
        return out

    def need(self, elected: list[int], pool: frozenset[int]) -> int:
        """The fewest of ``pool`` who, elected with ``elected``, meet every minimum."""
        shortfall = tuple(
            max(0, m - sum(1 for c in elected if c in g))
            for g, m in zip(self.groups, self.minimums, strict=True)
        )
        return fewest_to_meet(self.groups, shortfall, pool)

    def _continuing(self, run: CountState) -> frozenset[int]:
        return frozenset(int(c) for c in np.flatnonzero(run.state == HOPEFUL))

    def _fits(self, cand: int, elected: list[int], pool: frozenset[int], left: int) -> bool:
        return self.need([*elected, cand], pool - {cand}) <= left - 1

    def electable(self, reached: list[int], run: CountState, votes: list[int]) -> list[int]:
        """Those of ``reached`` (taken highest vote first) who may be elected now."""
        ordered = sorted(reached, key=lambda c: -votes[c])
        if not self.groups:
            return ordered
        elected, pool, left = list(run.order), self._continuing(run), run.seats_left()
        out: list[int] = []
        for c in ordered:
            if left > 0 and self._fits(c, elected, pool, left):
                out.append(c)
                elected.append(c)
                pool -= {c}
                left -= 1
        return out

    def must_exclude(self, run: CountState) -> list[int]:
        """Continuing candidates who can no longer be elected without breaking a minimum."""
        if not self.groups:
            return []
        pool, left = self._continuing(run), run.seats_left()
        return sorted(c for c in pool if not self._fits(c, run.order, pool, left))

    def excludable(self, pool: list[int], run: CountState) -> list[int]:
        """Candidates of ``pool`` who may be excluded for the lowest vote."""
        if not self.groups:
            return pool
        continuing, left = self._continuing(run), run.seats_left()
        free = [c for c in pool if self.need(run.order, continuing - {c}) <= left]
        return free or pool


def parse_reserve_group(text: str) -> Reserved:
    """``'2:Ann;Bea;Cat'`` -> at least 2 of the elected from Ann, Bea and Cat."""
    head, sep, tail = text.partition(":")
    names = frozenset(n.strip() for n in tail.split(";") if n.strip())
    if not sep or not head.strip().isdigit() or not names:
        raise InvalidInputError(
            f"reserved group '{text}' is not 'MIN:NAME;NAME;...'",
            hint="e.g. --reserve-group '2:Asha Patel;Cara Jones;Dee Khan'",
            value=text,
        )
    return Reserved(names, int(head))


def _members(reserved: Reserved, election: Election) -> frozenset[int]:
    unknown = sorted(set(reserved.group) - set(election.candidates))
    if unknown:
        raise InvalidInputError(
            f"reserved group names unknown candidate '{unknown[0]}'",
            hint="give candidate names exactly as in the ballot file",
            value=unknown[0],
        )
    return frozenset(i for i, name in enumerate(election.candidates) if name in reserved.group)

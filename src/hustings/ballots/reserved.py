"""Reserved places in an STV count: at least ``minimum`` of the elected from ``group``.

The rule implemented (applied at every stage of an otherwise unchanged count):

1. *Electability.* A candidate outside the group who reaches the quota is not elected if that
   would leave fewer vacancies than reserved places still unfilled; they stay in the count
   until rule 2 excludes them.
2. *Forced exclusion.* Once the vacancies left equal the reserved places still unfilled,
   continuing candidates outside the group are excluded one per stage, lowest first (after
   any pending surplus has been transferred), their papers moving on at their current value.
3. *Protection.* While the group's continuing candidates are no more than the reserved places
   still unfilled, none of them is excluded for having the lowest vote; the lowest candidate
   outside the group is excluded instead.

If the group has fewer standing candidates than ``minimum`` the count is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from hustings.ballots.model import Election, IntArray, Reserved
from hustings.errors import InvalidInputError

HOPEFUL = 0


class CountState(Protocol):
    """What the reservation needs to see of a running count."""

    state: IntArray
    order: list[int]

    def seats_left(self) -> int: ...


@dataclass(frozen=True)
class Reservation:
    """Reserved places resolved to candidate indices (``minimum`` 0 means none)."""

    members: frozenset[int] = frozenset()
    minimum: int = 0

    @classmethod
    def make(cls, reserved: Reserved | None, election: Election) -> Reservation:
        """Resolve names to indices and check the reservation can be met."""
        if reserved is None or reserved.minimum <= 0:
            return cls()
        unknown = sorted(set(reserved.group) - set(election.candidates))
        if unknown:
            raise InvalidInputError(
                f"reserved group names unknown candidate '{unknown[0]}'",
                hint="give candidate names exactly as in the ballot file",
                value=unknown[0],
            )
        members = frozenset(
            i
            for i, name in enumerate(election.candidates)
            if name in reserved.group and i not in election.withdrawn
        )
        if reserved.minimum > min(len(members), election.seats):
            raise InvalidInputError(
                f"{reserved.minimum} reserved places but only {len(members)} group candidates "
                f"standing for {election.seats} seats",
                hint="lower the minimum or add candidates to the group",
            )
        return cls(members, reserved.minimum)

    def unfilled(self, run: CountState) -> int:
        """Reserved places not yet taken by elected group members."""
        return max(0, self.minimum - sum(1 for c in run.order if c in self.members))

    def electable(self, reached: list[int], run: CountState, votes: list[int]) -> list[int]:
        """Those of ``reached`` (taken highest vote first) who may be elected now."""
        ordered = sorted(reached, key=lambda c: -votes[c])
        if not self.minimum:
            return ordered
        out: list[int] = []
        need, left = self.unfilled(run), run.seats_left()
        for c in ordered:
            if c in self.members:
                need = max(0, need - 1)
            elif left - 1 < need:
                continue
            out.append(c)
            left -= 1
        return out

    def must_exclude(self, run: CountState) -> list[int]:
        """Continuing non-members to exclude because only reserved places are left."""
        need = self.unfilled(run)
        if not need or run.seats_left() > need:
            return []
        return [int(c) for c in np.flatnonzero(run.state == HOPEFUL) if c not in self.members]

    def excludable(self, pool: list[int], run: CountState) -> list[int]:
        """Candidates of ``pool`` who may be excluded for the lowest vote."""
        if not self.minimum:
            return pool
        members = [c for c in pool if c in self.members]
        if len(members) > self.unfilled(run):
            return pool
        others = [c for c in pool if c not in self.members]
        return others or pool

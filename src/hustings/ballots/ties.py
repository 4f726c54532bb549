"""Tie-breaking shared by the counting rules: look back at earlier stages, then draw by lot.

The Scottish Order (rules 49 and 51) looks at the most recent preceding stage at which the
tied candidates had unequal votes; where they were equal at every stage the returning
officer decides by lot. The lot here is a draw from a seeded generator, recorded in the
audit so that anyone can repeat it; or, when the ballot file gives a tie-break order (a BLT
``[tie ...]`` line: a lot drawn before the count), the candidate listed first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hustings.ballots.model import Election, TieBreak


class Lot:
    """How a tie that the votes cannot settle is decided: a seeded draw, or a fixed order."""

    def __init__(self, seed: int, order: Sequence[int] | None = None) -> None:
        self.rng = np.random.default_rng(seed)
        self.rank = None if order is None else {c: i for i, c in enumerate(order)}

    @classmethod
    def make(cls, seed: int, election: Election) -> Lot:
        """The lot for ``election``: its file's tie-break order if it has one, else ``seed``."""
        return cls(seed, election.tie_order)

    def choose(self, pool: Sequence[int]) -> tuple[int, str]:
        """One of ``pool`` (sorted) and how it was chosen."""
        if self.rank is not None:
            rank = self.rank
            return min(pool, key=lambda c: rank[c]), f"tie-break order among {len(pool)}"
        return int(pool[int(self.rng.integers(len(pool)))]), f"by lot among {len(pool)}"


def break_tie(
    tied: Sequence[int],
    history: Sequence[Sequence[int]],
    *,
    highest: bool,
    rng: Lot,
    names: Sequence[str],
    stage: int,
    reason: str,
    ties: list[TieBreak],
) -> int:
    """The candidate chosen among ``tied``: ``highest`` (or lowest) at the latest stage in
    ``history`` where they differ, else by a seeded lot; each broken tie is added to ``ties``.
    """
    if len(tied) == 1:
        return tied[0]
    pool = sorted(tied)
    for back, votes in enumerate(reversed(history)):
        values = [votes[c] for c in pool]
        best = max(values) if highest else min(values)
        narrowed = [c for c, v in zip(pool, values, strict=True) if v == best]
        if len(narrowed) < len(pool):
            pool = narrowed
            if len(pool) == 1:
                how = f"votes at stage {len(history) - back}"
                ties.append(_record(tied, pool[0], names, stage, reason, how))
                return pool[0]
    chosen, how = rng.choose(pool)
    ties.append(_record(tied, chosen, names, stage, reason, how))
    return chosen


def _record(
    tied: Sequence[int], chosen: int, names: Sequence[str], stage: int, reason: str, how: str
) -> TieBreak:
    return TieBreak(
        stage=stage,
        reason=reason,
        tied=tuple(names[c] for c in sorted(tied)),
        chosen=names[chosen],
        how=how,
    )


def order_by_votes(
    group: Sequence[int],
    votes: Sequence[int],
    history: Sequence[Sequence[int]],
    *,
    rng: Lot,
    names: Sequence[str],
    stage: int,
    reason: str,
    ties: list[TieBreak],
) -> list[int]:
    """``group`` ordered by votes, highest first, ties broken by :func:`break_tie`."""
    rest = list(group)
    out: list[int] = []
    while rest:
        top = max(votes[c] for c in rest)
        tied = [c for c in rest if votes[c] == top]
        pick = break_tie(
            tied,
            history,
            highest=True,
            rng=rng,
            names=names,
            stage=stage,
            reason=reason,
            ties=ties,
        )
        out.append(pick)
        rest.remove(pick)
    return out

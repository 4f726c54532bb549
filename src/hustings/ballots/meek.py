"""Meek STV (Hill, Wichmann and Woodall 1987), in fixed point with nine decimals.

Each candidate has a keep factor: 1 while hopeful, 0 once excluded, and for the elected the
share of each vote reaching them that they keep. A ballot gives each candidate in turn its
keep factor times what is left of it; what no one keeps is excess. The quota is
``(votes - excess) / (seats + 1)``, recomputed at every iteration; elected candidates'
factors are scaled by ``quota / votes`` until total surplus is below 1e-6 of a vote (or
stops falling, as fixed-point rounding allows). Then everyone with more than the quota is
elected, or else the lowest hopeful is excluded (ties looked back through earlier stages,
then a seeded lot). All arithmetic is on integers in units of 1e-9: votes kept are rounded
down, keep factors up.

Rounding must not decide a tie. Candidates whose fixed-point totals are closer than the
rounding could move them are compared again exactly: their votes at the same keep factors,
recomputed in whole numbers without rounding. Those exactly equal are tied, and the tie goes
to the rule (earlier stages, then the lot).
"""

from __future__ import annotations

import numpy as np

from hustings.ballots.checks import check_countable, int_bincount
from hustings.ballots.model import CountOptions, CountResult, Election, IntArray, Stage, TieBreak
from hustings.ballots.ties import Lot, break_tie

SCALE = 10**9
TOLERANCE = 1_000  # 1e-6 of a vote
MAX_ITERATIONS = 500


def _distribute(ranks: IntArray, counts: IntArray, keep: IntArray, n: int) -> tuple[IntArray, int]:
    """Votes per candidate and the excess, for keep factors ``keep`` (length ``n + 1``)."""
    rest = np.full(len(counts), SCALE, dtype=np.int64)
    votes = np.zeros(n + 1, dtype=np.int64)
    for j in range(ranks.shape[1]):
        col = ranks[:, j]
        kept = rest * keep[col] // SCALE
        rest -= kept
        votes += int_bincount(col, kept * counts, n + 1)
    excess = int((rest * counts).sum())
    return votes[:n], excess


def _group(ranks: IntArray, weights: IntArray) -> tuple[IntArray, IntArray]:
    """Papers with the same ranking as one row (exact: only their weights are added)."""
    if not len(ranks):
        return ranks, weights
    order = np.lexsort(ranks.T[::-1])
    ordered = ranks[order]
    new = np.ones(len(ordered), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    group = np.cumsum(new) - 1
    return ordered[new], int_bincount(group, weights[order], int(new.sum()))


def _exact_votes(
    ranks: IntArray, counts: IntArray, keep: IntArray, cands: list[int]
) -> dict[int, int]:
    """Votes of ``cands`` at keep factors ``keep`` without rounding, in units of
    ``SCALE ** -width`` (whole numbers: every factor is a multiple of ``1 / SCALE``)."""
    width = ranks.shape[1]
    out = dict.fromkeys(cands, 0)
    wanted = np.isin(ranks, cands).any(axis=1)
    for row, weight in zip(ranks[wanted].tolist(), counts[wanted].tolist(), strict=True):
        rest = SCALE**width
        for c in row:
            kept = rest * int(keep[c]) // SCALE
            if c in out:
                out[c] += weight * kept
            rest -= kept
    return out


class _Meek:
    def __init__(self, election: Election, options: CountOptions) -> None:
        self.n = len(election.candidates)
        self.names = election.candidates
        self.seats = election.seats
        ranks = np.where(election.rankings < 0, self.n, election.rankings)
        self.ranks, self.counts = _group(ranks, election.weights)
        self.keep = np.full(self.n + 1, SCALE, dtype=np.int64)
        self.keep[self.n] = 0
        self.hopeful = np.ones(self.n, dtype=bool)
        for w in election.withdrawn:
            self.keep[w] = 0
            self.hopeful[w] = False
        self.elected: list[int] = []
        self.total = sum(self.counts.tolist()) * SCALE
        self.slack = self.total // SCALE * self.ranks.shape[1]
        self.rng = Lot.make(options.seed, election)
        self.ties: list[TieBreak] = []
        self.history: list[list[int]] = []
        self.stages: list[Stage] = []

    def converge(self) -> tuple[IntArray, int, int]:
        """Iterate keep factors; returns votes, excess and quota."""
        last = None
        for _ in range(MAX_ITERATIONS):
            votes, excess = _distribute(self.ranks, self.counts, self.keep, self.n)
            share = self.total - excess  # the quota is share / (seats + 1)
            quota = share // (self.seats + 1)
            surplus = sum(max(0, int(votes[c]) - quota) for c in self.elected)
            if surplus < TOLERANCE or (last is not None and surplus >= last):
                break
            last = surplus
            for c in self.elected:
                if votes[c] > 0:
                    scaled = int(self.keep[c]) * share
                    self.keep[c] = -(-scaled // ((self.seats + 1) * int(votes[c])))
        return votes, excess, quota

    def exact_ties(self, pool: list[int], votes: IntArray, *, highest: bool) -> list[int]:
        """Those of ``pool`` at the highest (or lowest) vote, compared exactly where the
        fixed-point totals are within rounding of each other."""
        best = max(int(votes[c]) for c in pool) if highest else min(int(votes[c]) for c in pool)
        near = [c for c in pool if abs(int(votes[c]) - best) <= self.slack]
        if len(near) == 1:
            return near
        exact = _exact_votes(self.ranks, self.counts, self.keep, near)
        top = max(exact.values()) if highest else min(exact.values())
        return [c for c in near if exact[c] == top]

    def ranked(self, pool: list[int], votes: IntArray, reason: str) -> list[int]:
        """``pool`` highest vote first, exact ties broken by the rule."""
        rest, out = list(pool), []
        while rest:
            tied = self.exact_ties(rest, votes, highest=True)
            pick = self.tie(tied, highest=True, reason=reason)
            out.append(pick)
            rest.remove(pick)
        return out

    def tie(self, tied: list[int], *, highest: bool, reason: str) -> int:
        return break_tie(
            tied,
            self.history,
            highest=highest,
            rng=self.rng,
            names=self.names,
            stage=len(self.stages) + 1,
            reason=reason,
            ties=self.ties,
        )

    def record(
        self, action: str, votes: IntArray, excess: int, quota: int, **extra: object
    ) -> None:
        totals = votes.tolist()
        previous = self.history[-1] if self.history else totals
        self.history.append(totals)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                subject=extra.pop("subject", None),  # type: ignore[arg-type]
                units=tuple(totals),
                moved=tuple(a - b for a, b in zip(totals, previous, strict=True)),
                exhausted=excess,
                quota_units=quota,
                places=9,
                **extra,  # type: ignore[arg-type]
            )
        )

    def step(self, first: bool) -> bool:
        """One stage; returns True when the count is complete."""
        votes, excess, quota = self.converge()
        hopeful = [int(c) for c in np.flatnonzero(self.hopeful)]
        left = self.seats - len(self.elected)
        reached = [c for c in hopeful if votes[c] > quota]
        prefix = "first preferences; " if first else ""
        if reached or len(hopeful) <= left:
            pool = reached if reached and len(hopeful) > left else hopeful
            ranked = self.ranked(pool, votes, "order of election")[:left]
            self.elected.extend(ranked)
            self.hopeful[ranked] = False
            self.record(
                prefix + "election",
                votes,
                excess,
                quota,
                elected=tuple(self.names[c] for c in ranked),
            )
            return len(self.elected) >= self.seats or not self.hopeful.any()
        loser = self.tie(
            self.exact_ties(hopeful, votes, highest=False), highest=False, reason="lowest vote"
        )
        self.record(
            prefix + "exclusion",
            votes,
            excess,
            quota,
            subject=self.names[loser],
            excluded=(self.names[loser],),
        )
        self.hopeful[loser] = False
        self.keep[loser] = 0
        return False


def count_meek(election: Election, options: CountOptions) -> CountResult:
    """Count ``election`` by Meek STV."""
    check_countable(election, "meek", scale=SCALE)
    election.require_strict("meek")
    run = _Meek(election, options)
    first = True
    while not run.step(first):
        first = False
    return CountResult(
        method="meek",
        title=election.title,
        candidates=election.candidates,
        seats=election.seats,
        elected=tuple(run.names[c] for c in run.elected),
        stages=tuple(run.stages),
        quota=run.stages[-1].quota,
        ties=tuple(run.ties),
        seed=options.seed,
    )

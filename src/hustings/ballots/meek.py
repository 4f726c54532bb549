"""Meek STV (Hill, Wichmann and Woodall 1987), in fixed point with nine decimals.

Each candidate has a keep factor: 1 while hopeful, 0 once excluded, and for the elected the
share of each vote reaching them that they keep. A ballot gives each candidate in turn its
keep factor times what is left of it; what no one keeps is excess. The quota is
``(votes - excess) / (seats + 1)``, recomputed at every iteration; elected candidates'
factors are scaled by ``quota / votes`` until total surplus is below 1e-6 of a vote (or
stops falling, as fixed-point rounding allows). Then everyone at or above the quota is
elected, or else the lowest hopeful is excluded (ties looked back through earlier stages,
then a seeded lot). All arithmetic is on integers in units of 1e-9: votes kept are rounded
down, keep factors up.
"""

from __future__ import annotations

import numpy as np

from hustings.ballots.model import CountOptions, CountResult, Election, IntArray, Stage, TieBreak
from hustings.ballots.ties import break_tie, order_by_votes

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
        # float64 sums are exact here: every total is far below 2**53 units
        votes += np.bincount(col, weights=kept * counts, minlength=n + 1).astype(np.int64)
    excess = int((rest * counts).sum())
    return votes[:n], excess


class _Meek:
    def __init__(self, election: Election, options: CountOptions) -> None:
        self.n = len(election.candidates)
        self.names = election.candidates
        self.seats = election.seats
        self.ranks = np.where(election.rankings < 0, self.n, election.rankings)
        self.counts = election.weights.astype(np.int64)
        self.keep = np.full(self.n + 1, SCALE, dtype=np.int64)
        self.keep[self.n] = 0
        self.hopeful = np.ones(self.n, dtype=bool)
        for w in election.withdrawn:
            self.keep[w] = 0
            self.hopeful[w] = False
        self.elected: list[int] = []
        self.total = int(self.counts.sum()) * SCALE
        self.rng = np.random.default_rng(options.seed)
        self.ties: list[TieBreak] = []
        self.history: list[list[int]] = []
        self.stages: list[Stage] = []

    def converge(self) -> tuple[IntArray, int, int]:
        """Iterate keep factors; returns votes, excess and quota."""
        last = None
        for _ in range(MAX_ITERATIONS):
            votes, excess = _distribute(self.ranks, self.counts, self.keep, self.n)
            quota = (self.total - excess) // (self.seats + 1) + 1
            surplus = sum(max(0, int(votes[c]) - quota) for c in self.elected)
            if surplus < TOLERANCE or (last is not None and surplus >= last):
                break
            last = surplus
            for c in self.elected:
                if votes[c] > 0:
                    self.keep[c] = -(-int(self.keep[c]) * quota // int(votes[c]))
        return votes, excess, quota

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
        reached = [c for c in hopeful if votes[c] >= quota]
        prefix = "first preferences; " if first else ""
        if reached or len(hopeful) <= left:
            pool = reached if reached and len(hopeful) > left else hopeful
            ranked = order_by_votes(
                pool,
                votes.tolist(),
                self.history,
                rng=self.rng,
                names=self.names,
                stage=len(self.stages) + 1,
                reason="order of election",
                ties=self.ties,
            )[:left]
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
        low = min(int(votes[c]) for c in hopeful)
        loser = break_tie(
            [c for c in hopeful if votes[c] == low],
            self.history,
            highest=False,
            rng=self.rng,
            names=self.names,
            stage=len(self.stages) + 1,
            reason="lowest vote",
            ties=self.ties,
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

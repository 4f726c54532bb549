"""STV under the Scottish Local Government Elections Order 2007 (SSI 2007/42, rules 45-52).

Droop quota ``floor(valid / (seats + 1)) + 1``, where void papers (blank, or marking only
withdrawn candidates, or with no single first preference) are not valid and are set aside
before the count; every surplus is transferred by the weighted
inclusive Gregory method, each paper's new value being ``value x surplus / total`` truncated to
five decimal places; excluded candidates' papers move at their current value; the largest
surplus goes first; ties look back to the most recent stage at which the tied candidates
differed, then are settled by a seeded lot. All arithmetic is on integers in units of 1e-5.

Optionally, reserved places (``CountOptions.reserved``): see :mod:`hustings.ballots.reserved`.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from hustings.ballots import kernel
from hustings.ballots.checks import check_countable, int_bincount
from hustings.ballots.model import (
    CountOptions,
    CountResult,
    Election,
    IntArray,
    Stage,
    TieBreak,
)
from hustings.ballots.reserved import Reservation
from hustings.ballots.ties import Lot, break_tie, order_by_votes
from hustings.errors import InvalidInputError

UNIT = 100_000
USE_COMPILED = True  # use hustings.ballots.kernel when numba is installed
HOPEFUL, ELECTED, EXCLUDED = 0, 1, 2


class _Count:
    """Mutable state of one count: papers grouped by identical ranking, integer values."""

    def __init__(self, election: Election, options: CountOptions) -> None:
        n = len(election.candidates)
        self.n = n
        self.names = election.candidates
        self.seats = election.seats
        valid = _valid_rows(election)
        self.void = election.n_voters - sum(election.weights[valid].tolist())
        ranks = np.where(election.rankings < 0, n, election.rankings)[valid]
        self.ranks = np.ascontiguousarray(ranks)
        self.counts = election.weights[valid].astype(np.int64)
        self.value = np.full(len(self.counts), UNIT, dtype=np.int64)
        self.pos = np.full(len(self.counts), -1, dtype=np.int64)
        self.holder = np.full(len(self.counts), -1, dtype=np.int64)
        self.state = np.zeros(n, dtype=np.int64)
        for w in election.withdrawn:
            self.state[w] = EXCLUDED
        self.status: list[int] = self.state.tolist()
        self.votes = np.zeros(n, dtype=np.int64)
        self.lost = 0
        self.rounding = 0
        self.order: list[int] = []
        self.pending: list[int] = []
        self.history: list[list[int]] = []
        self.stages: list[Stage] = []
        self.ties: list[TieBreak] = []
        self.rng = Lot.make(options.seed, election)
        self.reserve = Reservation.make(options.reserved, election)
        self.quota = sum(self.counts.tolist()) // (self.seats + 1) + 1

    def continuing(self) -> list[int]:
        return [c for c, st in enumerate(self.status) if st == HOPEFUL]

    def set_state(self, cand: int, state: int) -> None:
        self.state[cand] = state
        self.status[cand] = state

    def seats_left(self) -> int:
        return self.seats - len(self.order)

    def advance(self, rows: IntArray) -> IntArray:
        """Move ``rows`` to their next continuing preference; returns the new holders.

        Steps one position at a time, only on the rows whose next preference is not
        continuing, so the usual case (the very next preference) costs one gather."""
        ok = np.append(self.state == HOPEFUL, False)
        width = self.ranks.shape[1]
        pos = self.pos[rows] + 1
        holders = np.full(len(rows), self.n, dtype=np.int64)
        todo = np.flatnonzero(pos < width)
        while todo.size:
            cand = self.ranks[rows[todo], pos[todo]]
            good = ok[cand]
            holders[todo[good]] = cand[good]
            todo = todo[~good & (cand != self.n)]
            pos[todo] += 1
            todo = todo[pos[todo] < width]
        self.pos[rows] = pos
        self.holder[rows] = holders
        return holders

    def move(self, cand: int, surplus: int = 0, total: int = 0) -> IntArray:
        """Move every paper ``cand`` holds to its next continuing preference, revalued by
        ``surplus / total`` (truncated) when ``total`` is given; returns the amounts moved."""
        if USE_COMPILED and kernel.move_papers is not None:
            ok = np.append(self.state == HOPEFUL, False)
            got: IntArray = kernel.move_papers(
                cand,
                surplus,
                total,
                self.ranks,
                self.pos,
                self.holder,
                self.counts,
                self.value,
                ok,
                self.n,
            )
        else:
            rows = np.flatnonzero(self.holder == cand)
            if total:
                self.value[rows] = self.value[rows] * surplus // total
            amounts = self.counts[rows] * self.value[rows]
            got = int_bincount(self.advance(rows), amounts, self.n + 1)
        self.votes += got[: self.n]
        self.lost += int(got[self.n])
        return got

    def first_stage(self) -> None:
        self.move(-1)
        self.record("first preferences", None, np.zeros(self.n + 1, dtype=np.int64))
        if self.void:
            note = f"{self.void} void papers set aside (no valid first preference)"
            self.stages[-1] = _replace(self.stages[-1], note=note)

    def transfer_surplus(self, cand: int) -> None:
        total = int(self.votes[cand])
        surplus = total - self.quota * UNIT
        got = self.move(cand, surplus, total)
        self.rounding += surplus - int(got.sum())
        got[cand] = -surplus
        self.votes[cand] = self.quota * UNIT
        self.record("surplus", cand, got)

    def exclude(self, cand: int, why: str) -> None:
        self.set_state(cand, EXCLUDED)
        got = self.move(cand)
        got[cand] = -int(self.votes[cand])
        self.votes[cand] = 0
        self.record(why, cand, got)

    def record(self, action: str, cand: int | None, got: IntArray) -> None:
        totals = self.votes.tolist()
        self.history.append(totals)
        self.stages.append(
            Stage(
                number=len(self.stages) + 1,
                action=action,
                subject=None if cand is None else self.names[cand],
                units=tuple(totals),
                moved=tuple(got[: self.n].tolist()),
                exhausted=self.lost,
                quota_units=self.quota * UNIT,
                places=5,
                lost=self.rounding,
                excluded=() if cand is None or action == "surplus" else (self.names[cand],),
            )
        )

    def elect(self, cands: list[int], how: str) -> None:
        if not cands:
            return
        stage = len(self.stages)
        ranked = order_by_votes(
            cands,
            self.votes.tolist(),
            self.history[:-1],
            rng=self.rng,
            names=self.names,
            stage=stage,
            reason="order of election",
            ties=self.ties,
        )
        for c in ranked:
            self.set_state(c, ELECTED)
            self.order.append(c)
            if how == "quota" and self.votes[c] > self.quota * UNIT:
                self.pending.append(c)
        last = self.stages[-1]
        names = last.elected + tuple(self.names[c] for c in ranked)
        note = (last.note + "; " if last.note else "") + (
            "" if how == "quota" else "last vacancies filled (rule 52)"
        )
        self.stages[-1] = _replace(last, elected=names, note=note.strip("; "))

    def elect_quota(self) -> None:
        votes, need = self.votes.tolist(), self.quota * UNIT
        reached = [c for c in self.continuing() if votes[c] >= need]
        allowed = self.reserve.electable(reached, self, votes)
        self.elect(allowed[: self.seats_left()], "quota")

    def complete(self) -> bool:
        return self.seats_left() <= 0 or len(self.continuing()) <= self.seats_left()

    def pick(self, pool: list[int], *, highest: bool, reason: str) -> int:
        votes = self.votes.tolist()
        best = max(votes[c] for c in pool) if highest else min(votes[c] for c in pool)
        tied = [c for c in pool if votes[c] == best]
        return break_tie(
            tied,
            self.history[:-1],
            highest=highest,
            rng=self.rng,
            names=self.names,
            stage=len(self.stages) + 1,
            reason=reason,
            ties=self.ties,
        )

    def step(self) -> None:
        if self.pending:
            cand = self.pick(self.pending, highest=True, reason="largest surplus")
            self.pending.remove(cand)
            self.transfer_surplus(cand)
            return
        forced = self.reserve.must_exclude(self)
        if forced:
            self.exclude(
                self.pick(forced, highest=False, reason="reserved places"),
                "exclusion (reserved places)",
            )
            return
        pool = self.reserve.excludable(self.continuing(), self)
        self.exclude(self.pick(pool, highest=False, reason="lowest vote"), "exclusion")


def _valid_rows(election: Election) -> IntArray:
    """Rows whose first preference is a single standing candidate."""
    ok = np.ones(len(election) + 1, dtype=bool)
    ok[-1] = False
    ok[list(election.withdrawn)] = False
    return np.flatnonzero(ok[election.rankings].any(axis=1))


def _replace(stage: Stage, **changes: object) -> Stage:
    from dataclasses import replace

    return replace(stage, **changes)  # type: ignore[arg-type]


def count_scottish(election: Election, options: CountOptions) -> CountResult:
    """Count ``election`` under the Scottish STV rules (exact, 5-decimal fixed point)."""
    check_countable(election, "scottish-stv", scale=UNIT * UNIT)
    election = election.strict()
    run = _Count(election, options)
    if not run.counts.any():
        raise InvalidInputError(
            f"{election.title or 'election'}: no valid papers: every ballot is blank, marks "
            "only withdrawn candidates or has no single first preference",
            hint="check the ballot lines and the withdrawn candidates",
        )
    run.first_stage()
    run.elect_quota()
    while not run.complete():
        run.step()
        run.elect_quota()
    if run.seats_left() > 0:
        run.elect(run.continuing(), "last")
    return CountResult(
        method="scottish-stv",
        title=election.title,
        candidates=election.candidates,
        seats=election.seats,
        elected=tuple(run.names[c] for c in run.order),
        stages=tuple(run.stages),
        quota=Decimal(run.quota),
        ties=tuple(run.ties),
        seed=options.seed,
        notes=(run.stages[0].note,) if run.void else (),
    )

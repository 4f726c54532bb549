"""Plurality, approval with a threshold, and instant-runoff (the alternative vote).

Plurality and instant-runoff read a paper as the Scottish rules do (:meth:`Election.strict`):
a skipped or shared preference ends it. Approval counts every candidate a paper marks.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from hustings.ballots.checks import check_countable, int_bincount
from hustings.ballots.model import CountOptions, CountResult, Election, IntArray, Stage, TieBreak
from hustings.ballots.ties import Lot, break_tie, order_by_votes
from hustings.errors import InvalidInputError


def _first_holders(election: Election, continuing: np.ndarray) -> IntArray:
    """Each ballot row's highest-ranked continuing candidate (``n`` when none is left)."""
    n = len(election.candidates)
    ranks = np.where(election.rankings < 0, n, election.rankings)
    ok = np.append(continuing, False)[ranks]
    has = ok.any(axis=1)
    first = ranks[np.arange(len(ranks)), ok.argmax(axis=1)]
    return np.where(has, first, n).astype(np.int64)


def _tally(election: Election, continuing: np.ndarray) -> list[int]:
    holders = _first_holders(election, continuing)
    n = len(election.candidates)
    tally: list[int] = int_bincount(holders, election.weights, n + 1).tolist()
    return tally


def _stage(number: int, action: str, totals: list[int], exhausted: int, **extra: object) -> Stage:
    previous = extra.pop("previous", None)
    moved = (
        [t - p for t, p in zip(totals, previous, strict=True)]  # type: ignore[call-overload]
        if previous is not None
        else [0] * len(totals)
    )
    return Stage(
        number=number,
        action=action,
        subject=extra.pop("subject", None),  # type: ignore[arg-type]
        units=tuple(totals),
        moved=tuple(moved),
        exhausted=exhausted,
        quota_units=extra.pop("quota", None),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def _start(election: Election) -> np.ndarray:
    continuing = np.ones(len(election.candidates), dtype=bool)
    continuing[list(election.withdrawn)] = False
    return continuing


def count_plurality(election: Election, options: CountOptions) -> CountResult:
    """The ``seats`` candidates with most first preferences; ties settled by a seeded lot."""
    check_countable(election, "plurality")
    election = election.strict()
    tally = _tally(election, _start(election))
    n = len(election.candidates)
    ties: list[TieBreak] = []
    rng = Lot.make(options.seed, election)
    eligible = [c for c in range(n) if c not in election.withdrawn]
    ranked = order_by_votes(
        eligible,
        tally,
        [],
        rng=rng,
        names=election.candidates,
        stage=1,
        reason="plurality order",
        ties=ties,
    )
    elected = tuple(election.candidates[c] for c in ranked[: election.seats])
    stage = _stage(1, "first preferences", tally[:n], tally[n], elected=elected)
    return CountResult(
        "plurality",
        election.title,
        election.candidates,
        election.seats,
        elected,
        (stage,),
        ties=tuple(ties),
        seed=options.seed,
    )


def count_approval(election: Election, options: CountOptions) -> CountResult:
    """Endorse every candidate marked by at least ``options.threshold`` % of voters."""
    if not 0 < options.threshold <= 100:
        raise InvalidInputError(
            f"approval threshold {options.threshold}% is not between 0 and 100",
            hint="give a percentage such as 50",
            value=options.threshold,
        )
    check_countable(election, "approval")
    n = len(election.candidates)
    marked = np.zeros((len(election.weights), n + 1), dtype=bool)
    rows = np.repeat(np.arange(len(election.weights)), election.rankings.shape[1])
    marked[rows, np.where(election.rankings < 0, n, election.rankings).ravel()] = True
    approvals = [sum(election.weights[marked[:, c]].tolist()) for c in range(n)]
    voters = election.n_voters
    # the percentage as written (0.1 is one in a thousand), not its binary float
    need = Fraction(str(options.threshold)) * voters / 100
    passed = [c for c in range(n) if approvals[c] >= need and c not in election.withdrawn]
    passed.sort(key=lambda c: (-approvals[c], c))
    elected = tuple(election.candidates[c] for c in passed)
    note = f"threshold {options.threshold}% of {voters} voters = {float(need):g} approvals"
    stage = _stage(1, "approvals", approvals, 0, elected=elected, note=note)
    return CountResult(
        "approval",
        election.title,
        election.candidates,
        len(elected),
        elected,
        (stage,),
        seed=options.seed,
        notes=(note,),
    )


def count_irv(election: Election, options: CountOptions) -> CountResult:
    """Instant-runoff: exclude the lowest until one candidate has a majority of live ballots."""
    check_countable(election, "irv")
    election = election.strict()
    continuing = _start(election)
    n = len(election.candidates)
    rng = Lot.make(options.seed, election)
    ties: list[TieBreak] = []
    history: list[list[int]] = []
    stages: list[Stage] = []
    tally = _tally(election, continuing)
    subject: int | None = None
    while True:
        live = sum(tally[:n])
        previous = history[-1] if history else None
        history.append(tally[:n])
        top = max(tally[c] for c in range(n) if continuing[c])
        left = int(continuing.sum())
        winner = top * 2 > live or left == 1
        action = "first preferences" if subject is None else "exclusion"
        extra: dict[str, object] = {"previous": previous, "quota": live // 2 + 1}
        if subject is not None:
            extra["subject"] = election.candidates[subject]
            extra["excluded"] = (election.candidates[subject],)
        if winner:
            leaders = [c for c in range(n) if continuing[c] and tally[c] == top]
            pick = break_tie(
                leaders,
                history[:-1],
                highest=True,
                rng=rng,
                names=election.candidates,
                stage=len(stages) + 1,
                reason="winner",
                ties=ties,
            )
            extra["elected"] = (election.candidates[pick],)
            stages.append(_stage(len(stages) + 1, action, tally[:n], tally[n], **extra))
            break
        stages.append(_stage(len(stages) + 1, action, tally[:n], tally[n], **extra))
        low = min(tally[c] for c in range(n) if continuing[c])
        lowest = [c for c in range(n) if continuing[c] and tally[c] == low]
        subject = break_tie(
            lowest,
            history[:-1],
            highest=False,
            rng=rng,
            names=election.candidates,
            stage=len(stages) + 1,
            reason="lowest vote",
            ties=ties,
        )
        continuing[subject] = False
        tally = _tally(election, continuing)
    notes = ("instant-runoff elects one candidate",) if election.seats > 1 else ()
    return CountResult(
        "irv",
        election.title,
        election.candidates,
        1,
        (election.candidates[pick],),
        tuple(stages),
        ties=tuple(ties),
        seed=options.seed,
        notes=notes,
    )

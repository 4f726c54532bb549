"""Record pref_voting's and votekit's winners on fixed profiles as a fixture hustings' tests read.

    python3.11 -m venv /tmp/peers && /tmp/peers/bin/pip install pref_voting votekit
    /tmp/peers/bin/python benchmarks/peer_cases.py tests/fixtures/ballots/peer_cases.json

It needs pref_voting and votekit (neither is a hustings dependency) and nothing from hustings.
The profiles are hand-written edge cases plus seeded random ones; for each, pref_voting's
plurality winners, instant-runoff winners under parallel-universe tie-breaking (every candidate
that wins under some order of breaking the ties at the bottom) and approval winners (most
approvals, a voter approving every candidate they rank) are written with the pref_voting
version. votekit's plurality and instant-runoff winners (exact arithmetic) are written where
pref_voting finds a single winner: votekit breaks the ties that remain by an unseeded lot or
refuses them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
from importlib.metadata import version
from pathlib import Path
from typing import Any

Ballots = list[tuple[int, list[int]]]

HAND: list[tuple[str, str, int, Ballots]] = [
    (
        "majority",
        "a first-preference majority",
        3,
        [(11, [0, 1, 2]), (6, [1, 2, 0]), (4, [2, 1, 0])],
    ),
    (
        "irv_overtakes_plurality",
        "the plurality leader loses the runoff on transfers",
        3,
        [(8, [0, 2, 1]), (7, [1, 2, 0]), (5, [2, 1, 0])],
    ),
    (
        "plurality_tie",
        "two candidates tied on first preferences",
        3,
        [(9, [0, 2, 1]), (9, [1, 2, 0]), (4, [2, 0, 1])],
    ),
    (
        "cycle",
        "a perfectly symmetric three-way cycle: every candidate can win",
        3,
        [(10, [0, 1, 2]), (10, [1, 2, 0]), (10, [2, 0, 1])],
    ),
    (
        "bottom_tie",
        "two tied for last at the first stage; either exclusion leads to the same winner",
        4,
        [(10, [0, 1]), (8, [1, 0]), (3, [2, 0]), (3, [3, 0])],
    ),
    (
        "bottom_tie_decides",
        "two tied for last and the order of exclusion decides the winner",
        4,
        [(9, [0]), (8, [1]), (4, [2, 1]), (4, [3, 2])],
    ),
    (
        "zero_first_preferences",
        "a candidate no one ranks first",
        4,
        [(12, [0, 3, 1]), (10, [1, 3, 0]), (5, [2, 1, 3]), (4, [3, 1])],
    ),
    (
        "truncated",
        "short ballots that exhaust before the last round",
        4,
        [(20, [0]), (15, [1, 2]), (9, [2, 1]), (7, [3, 1]), (6, [3])],
    ),
    (
        "single_ballot",
        "one voter",
        3,
        [(1, [2, 0, 1])],
    ),
    (
        "six_candidates",
        "six candidates excluded one by one",
        6,
        [
            (30, [0, 1, 2, 3, 4, 5]),
            (25, [1, 2, 0]),
            (20, [2, 1, 0]),
            (14, [3, 2, 1]),
            (10, [4, 3, 2]),
            (6, [5, 4, 3]),
        ],
    ),
]


def _random_cases(count: int, seed: int) -> list[tuple[str, str, int, Ballots]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        n = rng.randint(3, 6)
        voters = rng.randint(20, 200)
        truncate = i % 2 == 1
        rows: dict[tuple[int, ...], int] = {}
        for _ in range(voters):
            order = rng.sample(range(n), n)
            if truncate:
                order = order[: rng.randint(1, n)]
            rows[tuple(order)] = rows.get(tuple(order), 0) + 1
        ballots = [(w, list(r)) for r, w in sorted(rows.items())]
        what = "truncated" if truncate else "complete"
        out.append((f"random_{i}", f"seeded random, {n} candidates, {voters} {what}", n, ballots))
    return out


def _peer(n: int, ballots: Ballots) -> dict[str, Any]:
    from pref_voting.grade_methods import approval
    from pref_voting.grade_profiles import GradeProfile
    from pref_voting.iterative_methods import instant_runoff_put
    from pref_voting.profiles import Profile
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.scoring_methods import plurality

    counts = [w for w, _ in ballots]
    profile: Profile | ProfileWithTies
    if all(len(p) == n for _, p in ballots):
        profile = Profile([p for _, p in ballots], rcounts=counts)
    else:
        ranks = [{c: r + 1 for r, c in enumerate(p)} for _, p in ballots]
        profile = ProfileWithTies(ranks, rcounts=counts, candidates=list(range(n)))
    graded = GradeProfile(
        [{c: int(c in p) for c in range(n)} for _, p in ballots],
        [0, 1],
        gcounts=counts,
        candidates=list(range(n)),
    )
    return {
        "plurality": sorted(int(c) for c in plurality(profile)),
        "irv": sorted(int(c) for c in instant_runoff_put(profile)),
        "approval": sorted(int(c) for c in approval(graded)),
        "approval_scores": [int(graded.approval_scores()[c]) for c in range(n)],
    }


def _votekit(names: list[str], ballots: Ballots, peer: dict[str, Any]) -> dict[str, Any]:
    from votekit import RankBallot, RankProfile
    from votekit.elections import IRV, Plurality

    profile = RankProfile(
        ballots=[
            RankBallot(ranking=tuple(frozenset({names[c]}) for c in p), weight=w)
            for w, p in ballots
        ],
        candidates=tuple(names),
    )
    out: dict[str, Any] = {}
    for key, make in (("plurality", Plurality), ("irv", lambda p: IRV(p, exact=True))):
        if len(peer[key]) > 1:
            out[key] = None
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            (winners,) = make(profile).get_elected()
        out[key] = sorted(winners)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--random", type=int, default=6)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    cases = []
    for name, what, n, ballots in HAND + _random_cases(args.random, args.seed):
        names = [chr(ord("A") + c) for c in range(n)]
        peer = _peer(n, ballots)
        cases.append(
            {
                "name": name,
                "about": what,
                "candidates": names,
                "ballots": [[w, [names[c] for c in p]] for w, p in ballots],
                "peer": {
                    k: [names[c] for c in v] if k != "approval_scores" else v
                    for k, v in peer.items()
                },
                "votekit": _votekit(names, ballots, peer),
            }
        )
    doc = {
        "peer": "pref_voting",
        "peer_version": version("pref_voting"),
        "second_peer": "votekit",
        "second_peer_version": version("votekit"),
        "generator": "benchmarks/peer_cases.py",
        "random": {"count": args.random, "seed": args.seed},
        "cases": cases,
    }
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()

"""Scottish STV on all 351 wards of 2017, and on one member ballot of 50,000 papers: hustings
against pref_voting, VoteKit and pyrankvote.

Run: .venv/bin/python benchmarks/ballots_bench.py [--repeat 3] [--peers pref_voting,votekit]
     [--members 50000] [--skip-wards]

Each peer gets the same parsed ballots, converted to its own profile type outside the timer;
only counting is timed (after one untimed warm-up count, which matters for numba-compiled
code). Agreement is the number of wards whose elected set equals the official one.

The member ballot: the real 2017 ward with the most candidates and papers, its papers drawn
with replacement (seed 0) up to ``--members`` and kept one row per paper, as an online ballot
stores them (no grouping of identical rankings, the slowest case for a count).
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from hustings.ballots.blt import read_blt
from hustings.ballots.meek import count_meek
from hustings.ballots.model import CountOptions, Election
from hustings.ballots.scottish import count_scottish
from hustings.ballots.verify import SCOTLAND_BLT, official_elected
from hustings.settings import find_mirror


def _ours(elections: list[Election]) -> Callable[[], list[frozenset[str]]]:
    def run() -> list[frozenset[str]]:
        return [frozenset(count_scottish(e, CountOptions()).elected) for e in elections]

    return run


def _ours_meek(elections: list[Election]) -> Callable[[], list[frozenset[str]]]:
    def run() -> list[frozenset[str]]:
        return [frozenset(count_meek(e, CountOptions()).elected) for e in elections]

    return run


def _pref_voting(elections: list[Election]) -> Callable[[], list[frozenset[str]]]:
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.proportional_methods import stv_scottish

    profiles = []
    for e in elections:
        ballots = e.ballots()
        ranks = [{e.candidates[c]: i + 1 for i, c in enumerate(p)} for _, p in ballots]
        counts = [w for w, _ in ballots]
        profiles.append(
            (ProfileWithTies(ranks, rcounts=counts, candidates=list(e.candidates)), e.seats)
        )

    def run() -> list[frozenset[str]]:
        return [frozenset(stv_scottish(p, num_seats=s)) for p, s in profiles]

    return run


def _votekit(elections: list[Election]) -> Callable[[], list[frozenset[str]]]:
    from votekit import RankBallot, RankProfile
    from votekit.elections import FastSTV

    profiles = []
    for e in elections:
        ballots = tuple(
            RankBallot(ranking=tuple(frozenset({e.candidates[c]}) for c in p), weight=w)
            for w, p in e.ballots()
        )
        profiles.append((RankProfile(ballots=ballots, candidates=e.candidates), e.seats))

    def run() -> list[frozenset[str]]:
        out = []
        for profile, seats in profiles:
            elected = FastSTV(profile, n_seats=seats, transfer="fractional", quota="droop")
            out.append(frozenset().union(*elected.get_elected()))
        return out

    return run


def _pyrankvote(elections: list[Election]) -> Callable[[], list[frozenset[str]]]:
    import pyrankvote

    prepared = []
    for e in elections:
        cands = [pyrankvote.Candidate(n) for n in e.candidates]
        ballots: list[Any] = []
        for w, p in e.ballots():
            ballots.extend([pyrankvote.Ballot(ranked_candidates=[cands[c] for c in p])] * w)
        prepared.append((cands, ballots, e.seats))

    def run() -> list[frozenset[str]]:
        return [
            frozenset(
                c.name
                for c in pyrankvote.single_transferable_vote(
                    cands, ballots, number_of_seats=seats
                ).get_winners()
            )
            for cands, ballots, seats in prepared
        ]

    return run


PEERS: dict[str, tuple[str, Callable[[list[Election]], Callable[[], list[frozenset[str]]]]]] = {
    "hustings": ("scottish-stv (SSI 2007/42, exact 5 dp)", _ours),
    "hustings-meek": ("meek (9 dp fixed point)", _ours_meek),
    "pref_voting": ("stv_scottish", _pref_voting),
    "votekit": ("FastSTV fractional, droop", _votekit),
    "pyrankvote": ("single_transferable_vote", _pyrankvote),
}


def _time(
    run: Callable[[], list[frozenset[str]]], repeat: int
) -> tuple[float, list[frozenset[str]]]:
    best, result = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def member_ballot(files: list[Path], members: int, seed: int = 0) -> Election:
    """The ward with the most candidates (then papers), resampled to ``members`` papers, one
    row per paper."""
    wards = [read_blt(p) for p in files]
    ward = max(wards, key=lambda e: (len(e), e.n_voters))
    rows = np.repeat(np.arange(len(ward.weights)), ward.weights)
    picked = np.random.default_rng(seed).choice(rows, size=members, replace=True)
    return dataclasses.replace(
        ward,
        rankings=ward.rankings[picked],
        weights=np.ones(members, dtype=np.int64),
        title=f"{members:,} papers drawn from {ward.title}",
    )


def _table(rows: list[tuple[str, str, float, str]], voters: int) -> None:
    ours = rows[0][2]
    print(f"{'library':14} {'variant':40} {'count s':>8} {'ballots/s':>11} {'agree':>9} ratio")
    for name, variant, seconds, agree in rows:
        print(
            f"{name:14} {variant:40} {seconds:8.3f} {voters / seconds:11,.0f} "
            f"{agree:>9} {seconds / ours:6.1f}x"
        )


def run_members(files: list[Path], members: int, peers: list[str], repeat: int) -> None:
    """Count one member ballot with hustings and each peer; ratios against hustings."""
    election = member_ballot(files, members)
    print(
        f"\nmember ballot: {election.title}: {len(election)} candidates, {election.seats} seats, "
        f"{len(election.weights):,} rows"
    )
    rows, reference = [], frozenset[str]()
    for name in ["hustings", "hustings-meek", *peers]:
        variant, make = PEERS[name]
        run = make([election])
        run()  # warm-up, untimed
        seconds, (elected,) = _time(run, 1 if name == "pyrankvote" else repeat)
        reference = reference or elected
        rows.append((name, variant, seconds, "same" if elected == reference else "differs"))
    _table(rows, members)
    ours = rows[0][2]
    for name, _, seconds, _ in rows[2:]:
        print(f"hustings scottish-stv is {seconds / ours:.1f}x {name} on this ballot")


def run_wards(files: list[Path], mirror: Path, peers: list[str], repeat: int) -> None:
    """Count the 351 wards with hustings and each peer; agreement with the official results."""
    start = time.perf_counter()
    elections = {p.name: read_blt(p) for p in files}
    parse = time.perf_counter() - start
    official = official_elected(mirror, elections)
    wanted = list(official.values())
    voters = sum(e.n_voters for e in elections.values())
    print(f"{len(files)} wards, {voters:,} ballots; hustings parse time {parse:.2f} s")
    rows = []
    for name in ["hustings", *peers]:
        variant, make = PEERS[name]
        run = make(list(elections.values()))
        run()  # warm-up, untimed
        seconds, elected = _time(run, 1 if name == "pyrankvote" else repeat)
        agree = sum(a == b for a, b in zip(elected, wanted, strict=True))
        rows.append((name, variant, seconds, f"{agree}/{len(files)}"))
    _table(rows, voters)
    ours = rows[0][2]
    fastest = min(rows[1:], key=lambda r: r[2], default=None)
    if fastest:
        print(f"hustings is {fastest[2] / ours:.1f}x the fastest peer ({fastest[0]})")
    correct = [r for r in rows[1:] if r[3] == f"{len(files)}/{len(files)}"]
    if correct:
        best = min(correct, key=lambda r: r[2])
        print(
            f"hustings is {best[2] / ours:.1f}x the fastest peer with every ward right ({best[0]})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peers", default="pref_voting,votekit,pyrankvote")
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--skip-wards", action="store_true")
    args = parser.parse_args()
    mirror = find_mirror()
    if mirror is None:
        raise SystemExit("no data mirror: set HUSTINGS_DATA_MIRROR")
    files = sorted(
        p for p in (mirror / SCOTLAND_BLT).glob("*.blt") if "_by_election_" not in p.name
    )
    peers = [p for p in args.peers.split(",") if p]
    if not args.skip_wards:
        run_wards(files, mirror, peers, args.repeat)
    if args.members:
        run_members(files, args.members, peers, args.repeat)


if __name__ == "__main__":
    main()

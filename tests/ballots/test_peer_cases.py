"""hustings against pref_voting's and votekit's recorded answers (fixtures/ballots/peer_cases.json).

The answers were written by ``benchmarks/peer_cases.py`` with both peers installed; these
tests read only the file. pref_voting reports every tied winner (instant-runoff: every
candidate that wins under some order of breaking ties at the bottom), while hustings settles
ties by earlier stages and then a seeded lot and elects one: so hustings' winner must be one of
the peer's, and hustings must have broken a tie exactly when the peer reports more than one.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from hustings.ballots import CountOptions, Election, build_election, count

CASES_FILE = Path(__file__).parents[1] / "fixtures" / "ballots" / "peer_cases.json"
DOC: dict[str, Any] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DOC["cases"]
SEEDS = range(8)


def _election(case: dict[str, Any]) -> Election:
    names: list[str] = case["candidates"]
    index = {name: i for i, name in enumerate(names)}
    ballots = [(w, [index[c] for c in prefs]) for w, prefs in case["ballots"]]
    return build_election(tuple(names), 1, ballots, title=case["name"])


def test_fixture_provenance() -> None:
    assert (DOC["peer"], DOC["second_peer"]) == ("pref_voting", "votekit")
    assert DOC["generator"] == "benchmarks/peer_cases.py"
    assert (Path(__file__).parents[2] / DOC["generator"]).is_file()
    assert len(CASES) >= 12
    assert any(len(c["peer"]["irv"]) > 1 for c in CASES)
    assert any(len(c["peer"]["plurality"]) > 1 for c in CASES)
    assert sum(c["votekit"]["irv"] is not None for c in CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_plurality_matches_peer(case: dict[str, Any]) -> None:
    election = _election(case)
    peer = set(case["peer"]["plurality"])
    for seed in SEEDS:
        result = count(election, "plurality", CountOptions(seed=seed))
        (stage,) = result.stages
        top = max(stage.totals)
        leaders = {n for n, v in zip(election.candidates, stage.totals, strict=True) if v == top}
        assert leaders == peer
        assert result.elected[0] in peer
        # hustings orders every candidate; only a tie for first place decides the winner
        first = [t for t in result.ties if result.elected[0] in t.tied]
        assert [set(t.tied) for t in first] == ([peer] if len(peer) > 1 else [])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_irv_matches_peer(case: dict[str, Any]) -> None:
    election = _election(case)
    peer = set(case["peer"]["irv"])
    for seed in SEEDS:
        result = count(election, "irv", CountOptions(seed=seed))
        (winner,) = result.elected
        assert winner in peer
        if not result.ties:
            assert peer == {winner}
        if len(peer) > 1:
            assert result.ties


def test_irv_lot_reaches_every_peer_winner_when_tied_from_the_start() -> None:
    # a symmetric cycle: all three tie at every stage, so only the lot decides
    (case,) = [c for c in CASES if c["name"] == "cycle"]
    winners = {count(_election(case), "irv", CountOptions(seed=s)).elected[0] for s in range(30)}
    assert winners == set(case["peer"]["irv"]) == {"A", "B", "C"}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_approval_tallies_match_peer(case: dict[str, Any]) -> None:
    # same tallies; the rules differ: the peer elects the most approved, hustings endorses
    # everyone at or above a threshold, so at a threshold equal to the top share they agree
    election = _election(case)
    scores = case["peer"]["approval_scores"]
    result = count(election, "approval", CountOptions(threshold=1))
    assert result.stages[0].totals == tuple(Decimal(s) for s in scores)
    # the top share rounded down to a millionth of a percent: no other tally lies in between
    top = math.floor(Fraction(100 * max(scores), election.n_voters) * 10**6) / 10**6
    exact = count(election, "approval", CountOptions(threshold=top))
    assert set(exact.elected) == set(case["peer"]["approval"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_winners_match_second_peer(case: dict[str, Any]) -> None:
    # votekit's answer is recorded only where no remaining tie can change the winner
    election = _election(case)
    recorded = {k: v for k, v in case["votekit"].items() if v is not None}
    for method, winners in recorded.items():
        assert list(count(election, method).elected) == winners

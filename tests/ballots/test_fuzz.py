"""A fuzzer over ballot files: whatever the text, reading and counting either succeed with votes
conserved at every stage, or fail with one of hustings' own errors (never an internal one)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hustings.ballots import METHODS, CountResult, Election, count, parse_blt, parse_csv
from hustings.errors import HustingsError

GOOD = ["1", "2", "3", "-", "1=2", "2=3"]
BAD = ["4", "3=1=4", "0", "x", "#", "a"]
GOOD_OPTIONS = ["", "-2", "[withdrawn 2]", "[tie 2 1 3]", "[nick a b c]"]
BAD_OPTIONS = ["-1 -4", "[droop x]", "[nick a]"]
GOOD_WEIGHTS = [0, 1, 2, 3, 5, 9_300_000_000]
BAD_WEIGHTS = [-1, 2**63, 10**19]


def _ranking(draw: st.DrawFn) -> list[str]:
    """A ranking of up to 3 of candidates 1..3, perhaps with a skip or an equal pair."""
    order = draw(st.permutations(["1", "2", "3"]))[: draw(st.integers(0, 3))]
    at = draw(st.integers(0, 3))
    shape = draw(st.sampled_from(["strict", "strict", "skip", "equal"]))
    if shape == "skip":
        return [*order[:at], "-", *order[at:]]
    if shape == "equal" and at + 1 < len(order):
        return [*order[:at], f"{order[at]}={order[at + 1]}", *order[at + 2 :]]
    return list(order)


def _junk(draw: st.DrawFn) -> list[str]:
    return [draw(st.sampled_from(GOOD + BAD)) for _ in range(draw(st.integers(0, 4)))]


@st.composite
def blt_texts(draw: st.DrawFn) -> str:
    """Mostly well-formed files (so counting is exercised), some with defects anywhere."""
    noisy = draw(st.booleans())

    def pick(good: list[object], bad: list[object]) -> object:
        return draw(st.sampled_from(good + bad if noisy else good))

    n = pick([3], [1, 4])
    lines = [f"{n} {pick([1, 2], [0, 3])}", str(pick(GOOD_OPTIONS, BAD_OPTIONS))]
    for _ in range(draw(st.integers(0, 6))):
        prefs = _ranking(draw) if not noisy or draw(st.booleans()) else _junk(draw)
        end = pick(["0", "0 # note"], [""])
        lines.append(" ".join([str(pick(GOOD_WEIGHTS, BAD_WEIGHTS)), *prefs, str(end)]))
    lines.append(str(pick(["0"], [""])))
    names = 3 + int(str(pick([0], [1, -1])))
    lines += [f'"C{i}"' for i in range(names)] + ['"fuzz"']
    return "\n".join(lines) + "\n"


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    names = st.sampled_from(["Ann", "Bob", "Cat", "", " ", "Ann"])
    rows = ["# seats: " + draw(st.sampled_from(["1", "2", "0", "x"])), "count,p1,p2,p3"]
    for _ in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(names, max_size=4))
        weight = draw(st.sampled_from(GOOD_WEIGHTS + GOOD_WEIGHTS + BAD_WEIGHTS))
        rows.append(",".join([str(weight), *cells]))
    return "\n".join(rows) + "\n"


def _valid_papers(election: Election) -> int:
    strict = election.strict()
    ok = np.ones(len(election) + 1, dtype=bool)
    ok[-1] = False
    ok[list(election.withdrawn)] = False
    valid = ok[strict.rankings].any(axis=1)
    return sum(election.weights[valid].tolist())


def _check_conserved(election: Election, method: str, result: CountResult) -> None:
    voters = Decimal(election.n_voters)
    if method == "approval":
        assert all(0 <= v <= voters for v in result.stages[0].totals)
        return
    expected = Decimal(_valid_papers(election)) if method == "scottish-stv" else voters
    for stage in result.stages:
        assert sum(stage.totals) + stage.non_transferable + stage.rounding_loss == expected
    assert len(set(result.elected)) == len(result.elected)


def _count_everything(election: Election) -> None:
    for method in METHODS:
        try:
            result = count(election, method)
        except HustingsError:
            continue
        _check_conserved(election, method, result)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blt_texts())
def test_blt_fuzz_only_our_errors_and_votes_conserved(text: str) -> None:
    try:
        election = parse_blt(text, source="fuzz.blt")
    except HustingsError:
        return
    _count_everything(election)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_texts())
def test_csv_fuzz_only_our_errors_and_votes_conserved(text: str) -> None:
    try:
        election = parse_csv(text, source="fuzz.csv")
    except HustingsError:
        return
    _count_everything(election)

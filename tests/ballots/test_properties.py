"""Invariants of every count on random small elections."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hustings.ballots import CountOptions, Election, build_election, count, format_blt, parse_blt


@st.composite
def elections(draw: st.DrawFn) -> Election:
    n = draw(st.integers(2, 6))
    seats = draw(st.integers(1, n - 1))
    ranking = st.permutations(list(range(n))).flatmap(
        lambda p: st.integers(1, n).map(lambda k: p[:k])
    )
    ballots = draw(st.lists(st.tuples(st.integers(1, 5), ranking), min_size=1, max_size=12))
    names = tuple(f"C{i}" for i in range(n))
    return build_election(names, seats, [(w, list(r)) for w, r in ballots], title="random")


@settings(max_examples=60, deadline=None)
@given(elections(), st.integers(0, 3))
def test_scottish_conserves_votes_and_fills_seats(election: Election, seed: int) -> None:
    result = count(election, "scottish-stv", CountOptions(seed=seed))
    assert len(result.elected) == election.seats
    assert len(set(result.elected)) == election.seats
    for stage in result.stages:
        total = sum(stage.totals) + stage.non_transferable + stage.rounding_loss
        assert total == Decimal(election.n_voters)


@settings(max_examples=40, deadline=None)
@given(elections())
def test_meek_fills_seats(election: Election) -> None:
    result = count(election, "meek")
    assert len(set(result.elected)) == election.seats


@settings(max_examples=40, deadline=None)
@given(elections())
def test_a_majority_of_first_preferences_wins_irv_and_stv(election: Election) -> None:
    ballots = [(weight, list(prefs)) for weight, prefs in election.ballots()]
    ballots.append((election.n_voters + 1, [len(election.candidates) - 1]))
    one = build_election(election.candidates, 1, ballots, title="majority")
    top = election.candidates[-1]
    assert count(one, "irv").elected == (top,) == count(one, "scottish-stv").elected


@settings(max_examples=40, deadline=None)
@given(elections())
def test_blt_round_trip(election: Election) -> None:
    again = parse_blt(format_blt(election))
    assert again.ballots() == election.ballots()
    assert again.candidates == election.candidates


@settings(max_examples=40, deadline=None)
@given(elections())
def test_compiled_and_numpy_transfers_agree(election: Election) -> None:
    from hustings.ballots import scottish

    compiled = count(election, "scottish-stv")
    scottish.USE_COMPILED = False
    try:
        plain = count(election, "scottish-stv")
    finally:
        scottish.USE_COMPILED = True
    assert [s.units for s in plain.stages] == [s.units for s in compiled.stages]
    assert plain.elected == compiled.elected

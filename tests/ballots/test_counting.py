"""Counting rules on hand-made elections whose results are worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hustings.ballots import CountOptions, Reserved, build_election, count, read_blt
from hustings.ballots.reserved import IMPOSSIBLE, fewest_to_meet
from hustings.errors import InvalidInputError

D = Decimal


def test_scottish_worked_example(fixtures: Path) -> None:
    # quota 12 // 3 + 1 = 5; Ann's surplus 1 moves at 1/6 -> 0.16666 per paper (truncated)
    result = count(read_blt(fixtures / "ballots" / "worked_example.blt"), "scottish-stv")
    assert result.elected == ("Ann", "Bob")
    assert result.quota == 5
    totals = [s.totals for s in result.stages]
    assert totals[0] == (D(6), D(3), D(2), D(1))
    assert totals[1] == (D(5), D("3.99996"), D(2), D(1))
    assert result.stages[1].rounding_loss == D("0.00004")
    assert totals[2] == (D(5), D("3.99996"), D(3), D(0))
    assert totals[3] == (D(5), D("5.99996"), D(0), D(0))
    assert result.stages[3].non_transferable == D(1)
    assert [s.action for s in result.stages] == [
        "first preferences",
        "surplus",
        "exclusion",
        "exclusion",
    ]
    assert result.stages[3].elected == ("Bob",)


def test_withdrawn_candidate_never_counts(fixtures: Path) -> None:
    result = count(read_blt(fixtures / "ballots" / "withdrawn.blt"), "scottish-stv")
    assert "Dan" not in result.elected
    assert result.stages[0].totals[3] == 0


def _tie_election() -> object:
    return build_election(("A", "B", "C"), 2, [(2, [0]), (2, [1]), (5, [2])], title="tie")


def test_tie_by_lot_is_seeded_and_recorded() -> None:
    election = _tie_election()
    winners = set()
    for seed in range(12):
        result = count(election, "scottish-stv", CountOptions(seed=seed))  # type: ignore[arg-type]
        again = count(election, "scottish-stv", CountOptions(seed=seed))  # type: ignore[arg-type]
        assert result.elected == again.elected
        (tie,) = result.ties
        assert tie.how == "by lot among 2" and tie.tied == ("A", "B")
        assert result.elected[0] == "C"
        winners.add(result.elected[1])
    assert winners == {"A", "B"}


def test_tie_looks_back_to_the_latest_stage_where_they_differed() -> None:
    # stage 1: A 3, B 4, C 1, D 5; C's paper goes to A -> A 4 = B 4; at stage 1 A had fewer
    election = build_election(("A", "B", "C", "D"), 1, [(3, [0]), (4, [1]), (1, [2, 0]), (5, [3])])
    result = count(election, "scottish-stv")
    assert result.stages[2].excluded == ("A",)
    assert result.ties[0].how == "votes at stage 1"


def test_reserved_places() -> None:
    names = ("M1", "M2", "W1", "W2")
    ballots = [(10, [0, 1]), (8, [1, 0]), (3, [2]), (2, [3, 2])]
    election = build_election(names, 2, ballots)
    plain = count(election, "scottish-stv")
    assert plain.elected == ("M1", "M2")
    options = CountOptions(reserved=(Reserved(frozenset({"W1", "W2"}), 1),))
    reserved = count(election, "scottish-stv", options)
    assert reserved.elected == ("M1", "W1")
    assert "exclusion (reserved places)" in [s.action for s in reserved.stages]


def test_reserved_places_refused_when_impossible() -> None:
    election = build_election(("A", "B", "C"), 2, [(3, [0]), (2, [1]), (1, [2])])
    with pytest.raises(InvalidInputError, match="2 reserved places but only 1 group candidates"):
        count(election, "scottish-stv", CountOptions(reserved=(Reserved(frozenset({"C"}), 2),)))


# A and B are men from the North, C a woman from the North, D a woman from the South, E a man
# from the South; every paper is a single first preference, so only exclusions move nothing.
WOMEN = Reserved(frozenset({"C", "D"}), 1)
SOUTH = Reserved(frozenset({"D", "E"}), 1)
REGIONS = ("A", "B", "C", "D", "E")


def test_two_overlapping_reservations_elect_the_one_candidate_who_meets_both() -> None:
    # 100 papers, 3 seats: quota 100 // 4 + 1 = 26; A 40 and B 30 are elected at stage 1 and
    # one seat is left. Women alone would take C (D, lower, is excluded); the South alone
    # would take E; both at once leave only D, so C (10) and then E (15) are excluded.
    election = build_election(REGIONS, 3, [(40, [0]), (30, [1]), (10, [2]), (5, [3]), (15, [4])])
    assert count(election).elected == ("A", "B", "E")
    women = count(election, options=CountOptions(reserved=(WOMEN,)))
    assert women.elected == ("A", "B", "C")
    south = count(election, options=CountOptions(reserved=(SOUTH,)))
    assert south.elected == ("A", "B", "E")
    both = count(election, options=CountOptions(reserved=(WOMEN, SOUTH)))
    assert both.elected == ("A", "B", "D")
    forced = [s.excluded for s in both.stages if s.action == "exclusion (reserved places)"]
    assert forced == [("C",), ("E",)]


def test_a_candidate_over_the_quota_is_passed_over_when_the_reservations_need_the_seat() -> None:
    # 2 seats, quota 100 // 3 + 1 = 34: A (40) and B (35) both reach it, but after A the one
    # seat left must go to D, so B is not elected and is excluded after E (9) and C (11).
    election = build_election(REGIONS, 2, [(40, [0]), (35, [1]), (11, [2]), (5, [3]), (9, [4])])
    result = count(election, options=CountOptions(reserved=(WOMEN, SOUTH)))
    assert result.elected == ("A", "D")
    forced = [s.excluded for s in result.stages if s.action == "exclusion (reserved places)"]
    assert forced == [("E",), ("C",), ("B",)]


def test_reservations_that_cannot_be_met_together_are_refused() -> None:
    election = build_election(REGIONS, 2, [(1, [0]), (1, [1]), (1, [2]), (1, [3]), (1, [4])])
    two_women = Reserved(frozenset({"C", "D"}), 2)
    east = Reserved(frozenset({"A"}), 1)
    with pytest.raises(InvalidInputError, match="cannot all be met with 2 seats: at least 3"):
        count(election, options=CountOptions(reserved=(two_women, east)))


def test_reserved_places_are_refused_outside_scottish_stv() -> None:
    election = build_election(REGIONS, 2, [(1, [0]), (1, [1]), (1, [2]), (1, [3]), (1, [4])])
    with pytest.raises(InvalidInputError, match="scottish-stv only, not 'meek'"):
        count(election, "meek", CountOptions(reserved=(WOMEN,)))


def test_fewest_to_meet_is_the_smallest_cover() -> None:
    groups = (frozenset({0, 1}), frozenset({1, 2}), frozenset({3}))
    assert fewest_to_meet(groups, (1, 1, 0), frozenset({0, 1, 2, 3})) == 1
    assert fewest_to_meet(groups, (1, 1, 0), frozenset({0, 2, 3})) == 2
    assert fewest_to_meet(groups, (2, 1, 1), frozenset({0, 1, 2, 3})) == 3
    assert fewest_to_meet(groups, (1, 0, 1), frozenset({0, 1, 2})) >= IMPOSSIBLE


def test_irv_and_plurality_and_approval() -> None:
    ballots = [(4, [0, 1]), (3, [1, 0]), (2, [2, 1])]
    election = build_election(("Ann", "Bob", "Cat"), 1, ballots)
    irv = count(election, "irv")
    assert irv.elected == ("Bob",)
    assert irv.stages[-1].totals == (D(4), D(5), D(0))
    assert count(election, "plurality").elected == ("Ann",)
    approval = count(election, "approval", CountOptions(threshold=50))
    assert approval.elected == ("Bob", "Ann")
    assert approval.stages[0].totals == (D(7), D(9), D(2))


def test_approval_threshold_is_the_percentage_as_written() -> None:
    # 1 of 1,000 voters is exactly 0.1%; the float 0.1 is a little more than one in a thousand
    election = build_election(("A", "B"), 1, [(1, [0]), (999, [1])])
    assert count(election, "approval", CountOptions(threshold=0.1)).elected == ("B", "A")
    assert count(election, "approval", CountOptions(threshold=0.11)).elected == ("B",)


def test_approval_threshold_out_of_range() -> None:
    election = build_election(("A",), 1, [(1, [0])])
    with pytest.raises(InvalidInputError, match="threshold 150"):
        count(election, "approval", CountOptions(threshold=150))


def test_meek_worked_example(fixtures: Path) -> None:
    result = count(read_blt(fixtures / "ballots" / "worked_example.blt"), "meek")
    assert result.elected == ("Ann", "Bob")


def test_unknown_method() -> None:
    election = build_election(("A",), 1, [(1, [0])])
    with pytest.raises(InvalidInputError, match="no counting method 'borda'"):
        count(election, "borda")

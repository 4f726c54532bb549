"""Exact counts under any input: void papers, empty and weightless files, weights too large to
count exactly, exact Meek ties, and the OpaVote / Droop BLT dialect read per rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from hustings.ballots import (
    CountOptions,
    build_election,
    count,
    format_blt,
    parse_blt,
    read_ballots,
)
from hustings.ballots.checks import int_bincount
from hustings.errors import InvalidInputError

D = Decimal


def _file(fixtures: Path, name: str) -> Path:
    return fixtures / "ballots" / name


def test_void_papers_do_not_count_toward_the_scottish_quota(fixtures: Path) -> None:
    # 11 valid papers (Cat 1, Bob 3, Ann>Cat 7) and 2 void ones (blank; only withdrawn Dan).
    # Quota floor(11 / 3) + 1 = 4; Ann's surplus 3 of 7 takes Cat to 1 + 7 x 0.42857 = 3.99999,
    # above Bob's 3. Counting the void papers would give quota 5, Cat 2.99999, and elect Bob.
    result = count(read_ballots(_file(fixtures, "void_papers.blt")), "scottish-stv")
    assert result.quota == 4
    assert result.elected == ("Ann", "Cat")
    assert result.stages[0].non_transferable == 0
    assert result.stages[1].totals == (D(4), D(3), D("3.99999"), D(0))
    assert result.notes == ("2 void papers set aside (no valid first preference)",)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no_ballots.blt", "Nobody voted: no ballots to count"),
        ("zero_weights.blt", "Weightless: every ballot has weight 0, so there are no votes"),
    ],
)
@pytest.mark.parametrize("method", ["scottish-stv", "meek", "irv", "approval", "plurality"])
def test_files_without_votes_are_refused(
    fixtures: Path, name: str, message: str, method: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        count(read_ballots(_file(fixtures, name)), method)
    assert caught.value.message.startswith(message)


def test_a_weight_that_meek_cannot_hold_is_refused(fixtures: Path) -> None:
    election = read_ballots(_file(fixtures, "huge_weight.blt"))
    assert election.n_voters == 9_300_000_001
    with pytest.raises(InvalidInputError) as caught:
        count(election, "meek")
    assert caught.value.message == (
        "Huge weight: 9,300,000,001 votes are more than meek counts exactly (at most 9,223,372,036)"
    )
    irv = count(election, "irv")
    assert irv.elected == ("Ann",)
    assert irv.stages[0].totals == (D(9_300_000_000), D(1))


def test_a_weight_beyond_64_bits_is_refused_with_its_line(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_ballots(_file(fixtures, "twenty_digit_weight.blt"))
    assert caught.value.message.endswith(
        "twenty_digit_weight.blt, line 2: weight 99999999999999999999 is larger than "
        "9,223,372,036,854,775,807"
    )


def test_integer_bincount_is_exact_where_float_is_not() -> None:
    values = np.array([2**53, 1, 2**60, 3], dtype=np.int64)
    index = np.array([0, 0, 1, 1])
    assert int_bincount(index, values, 2).tolist() == [2**53 + 1, 2**60 + 3]
    assert np.bincount(index, weights=values).astype(np.int64).tolist() != [2**53 + 1, 2**60 + 3]


def test_meek_exact_tie_is_detected_and_broken_by_the_rule(fixtures: Path) -> None:
    # Quota 9 / 3 = 3. Ann (6) is elected and keeps half of each vote; Bob and Cat both have
    # exactly 3, neither more than the quota. Bob had fewer at stage 1 (0 against 3), so the
    # rule (look back, then lot) excludes Bob whatever the seed.
    election = read_ballots(_file(fixtures, "meek_tie.blt"))
    for seed in range(4):
        result = count(election, "meek", CountOptions(seed=seed))
        assert result.elected == ("Ann", "Cat")
        (tie,) = result.ties
        assert (tie.tied, tie.chosen, tie.how) == (("Bob", "Cat"), "Bob", "votes at stage 1")
        assert result.stages[1].totals == (D(3), D(3), D(3))


def test_meek_tie_equal_at_every_stage_goes_to_the_lot() -> None:
    # Ann>Bob 6, Dee>Cat 6, Eve 4, Fay 4 for 3 seats: quota 5; Bob and Cat get 1 each.
    names = ("Ann", "Bob", "Cat", "Dee", "Eve", "Fay")
    ballots = [(6, [0, 1]), (6, [3, 2]), (4, [4]), (4, [5])]
    election = build_election(names, 3, ballots)
    chosen = set()
    for seed in range(8):
        result = count(election, "meek", CountOptions(seed=seed))
        tie = next(t for t in result.ties if t.reason == "lowest vote")
        assert tie.tied == ("Bob", "Cat") and tie.how == "by lot among 2"
        chosen.add(tie.chosen)
    assert chosen == {"Bob", "Cat"}


def test_tie_order_line_replaces_the_lot() -> None:
    text = '3 1\n[tie 2 3 1]\n2 1 0\n2 2 0\n3 3 0\n0\n"A"\n"B"\n"C"\n"t"\n'
    election = parse_blt(text)
    assert election.tie_order == (1, 2, 0)
    irv = count(election, "irv")
    assert (irv.ties[0].chosen, irv.ties[0].how) == ("B", "tie-break order among 2")
    assert irv.elected == ("C",)
    assert format_blt(election).splitlines()[1] == "[tie 2 3 1]"


def test_dialect_features_read_per_rule(fixtures: Path) -> None:
    election = read_ballots(_file(fixtures, "dialect.blt"))
    assert election.withdrawn == frozenset({3})
    # Scottish rules: 'cat=bob' has no single first preference and 'dan' only a withdrawn
    # one (void); 'cat - bob' ends at Cat. Quota floor(12 / 2) + 1 = 7.
    scottish = count(election, "scottish-stv")
    assert scottish.quota == 7
    assert scottish.stages[1].excluded == ("Cat",)
    assert scottish.stages[1].non_transferable == 3
    assert scottish.elected == ("Ann",)
    assert count(election, "irv").stages[-1].totals == (D(5), D(4), D(0), D(0))
    # approval counts every mark: Bob 4 + 3 + 2 = 9 of 15 voters
    approval = count(election, "approval")
    assert approval.elected == ("Bob",)
    assert approval.stages[0].totals[:3] == (D(7), D(9), D(5))
    with pytest.raises(InvalidInputError) as caught:
        count(election, "meek")
    assert caught.value.message == (
        "Dialect features: the ballots have equal rankings ('=') and skipped preferences "
        "('-'), which the meek rule does not define"
    )
    with pytest.raises(InvalidInputError, match="cannot be written"):
        format_blt(election)


def test_csv_gap_is_a_skipped_preference(fixtures: Path) -> None:
    election = read_ballots(_file(fixtures, "dialect.csv"))
    # '3,Cat,,Bob': Cat's papers stop at the gap, so Bob never reaches 7 and Ann wins
    irv = count(election, "irv")
    assert irv.elected == ("Ann",)
    assert irv.stages[-1].non_transferable == 3
    assert count(election, "approval").stages[0].totals == (D(5), D(7), D(3))
    with pytest.raises(InvalidInputError, match="skipped preferences \\(empty cells\\)"):
        count(election, "meek")


def test_unknown_blt_option_is_refused_by_name(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_ballots(_file(fixtures, "droop_option.blt"))
    assert caught.value.message.endswith("line 2: BLT option '[droop]' is not supported")


def test_comments_anywhere_in_the_numbers() -> None:
    text = '# header next\n2 1 # two candidates\n3 1 2 0 # three\n1 2 0\n0\n"A" # first\n"B"\n"t"\n'
    election = parse_blt(text)
    assert election.ballots() == [(3, (0, 1)), (1, (1,))]
    assert election.candidates == ("A", "B")

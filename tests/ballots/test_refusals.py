"""Counts that cannot be right are refused rather than filled by lot."""

from __future__ import annotations

import pytest

from hustings.ballots.formats import parse_csv
from hustings.ballots.methods import count
from hustings.ballots.model import build_election
from hustings.errors import InvalidInputError


def test_more_seats_than_candidates_is_refused() -> None:
    election = build_election(("A", "B", "C"), 5, [(3, [0, 1]), (2, [1])], title="tiny")
    with pytest.raises(InvalidInputError) as caught:
        count(election, "scottish-stv")
    assert caught.value.one_line() == (
        "tiny: 5 seats but only 3 candidates standing; "
        "give --seats no larger than the number of candidates"
    )


def test_csv_without_a_count_column_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_csv("A,B,C\n1,2,3\n", source="names.csv")
    assert caught.value.message == "names.csv, line 1: header starts with 'A', not 'count'"

"""Parties by their name at the time; unnamed independents as "Independent"."""

from __future__ import annotations

import pytest

from hustings.data.profile import candidate_label, party_label


@pytest.mark.parametrize(
    ("election", "party", "shown"),
    [
        ("2010", "RUK", "UKIP"),
        ("2015", "RUK", "UKIP"),  # Douglas Carswell held Clacton for UKIP
        ("2017", "RUK", "UKIP"),
        ("2019", "RUK", "BXP"),  # the Brexit Party stood in 275 seats
        ("by-2019-peterborough", "RUK", "BXP"),
        ("2019-notional", "RUK", "BXP"),
        ("2024", "RUK", "RUK"),
        ("2015", "CON", "CON"),
    ],
)
def test_party_by_its_name_that_year(election: str, party: str, shown: str) -> None:
    assert party_label(election, party) == shown


@pytest.mark.parametrize(
    ("candidate", "party_name", "shown"),
    [
        (None, "Ind1", "Independent"),
        (None, "IND2", "Independent"),
        (None, "Tendring First", "Tendring First"),
        ("Douglas Carswell", "UK Independence Party", "Douglas Carswell"),
    ],
)
def test_unnamed_candidates(candidate: str | None, party_name: str, shown: str) -> None:
    assert candidate_label(candidate, party_name) == shown

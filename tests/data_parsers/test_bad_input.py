"""Malformed upstream files: each fails with one message naming file, line and value."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hustings.data.parsers import euref, hexmaps, overlaps, polls, tactical
from hustings.data.parsers._secondary import SCOTTISH_2024_CODES
from hustings.errors import DataError

HERE = Path(__file__).parents[1] / "fixtures" / "data_parsers"


def test_missing_column() -> None:
    with pytest.raises(DataError) as caught:
        euref.parse_gb_2024(HERE / "euref_2024_missing_leavepct.csv")
    assert caught.value.message == "euref_2024_missing_leavepct.csv: missing column 'LeavePct'"


def test_non_numeric_share() -> None:
    with pytest.raises(DataError) as caught:
        euref.parse_gb_2024(HERE / "euref_2024_non_numeric_share.csv")
    assert caught.value.message == (
        "euref_2024_non_numeric_share.csv: line 3, column 'LeavePct': 'sixty' is not a number"
    )
    assert caught.value.details["line"] == 3


def test_share_given_as_percent() -> None:
    with pytest.raises(DataError) as caught:
        euref.parse_gb_2024(HERE / "euref_2024_percent_not_fraction.csv")
    assert caught.value.message == (
        "euref_2024_percent_not_fraction.csv: line 2: Leave share of W07000081 is outside 0-1: "
        "'61.44'"
    )


def test_unknown_recommendation() -> None:
    with pytest.raises(DataError) as caught:
        tactical.read_site(HERE / "tactical_unknown_recommendation.csv", "example")
    assert caught.value.message == (
        "tactical_unknown_recommendation.csv: line 3: recommendation not understood: "
        "'Monster Raving Loony'"
    )


def test_hex_coordinate_not_integer() -> None:
    with pytest.raises(DataError) as caught:
        hexmaps.read_hexjson(HERE / "hexjson_text_coordinate.hexjson", "test", "2010")
    assert caught.value.message == (
        "hexjson_text_coordinate.hexjson: hex E14000530 coordinates: 'q=-3, r=-11' is not valid "
        "HexJSON"
    )


def test_overlap_new_seat_without_code() -> None:
    files = {overlaps.OVERLAP: HERE / "overlap_unknown_new_seat.csv"}
    files[overlaps.CODES] = HERE / "ukparl_codes.csv"
    with pytest.raises(DataError) as caught:
        overlaps.parse(files)
    assert caught.value.message == (
        "overlap_unknown_new_seat.csv: line 2: new-seat code not in ukparl.2025.csv: "
        "'UKPARL.2025.ZZZ'"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Labour or SNP", "LAB/SNP"),
        ("Any", "NONE"),
        ("TBC Labour or Plaid Cymru", "TBC"),
        ("Sinn Féin", "SF"),
    ],
)
def test_recommendation_forms(text: str, code: str) -> None:
    assert tactical.recommendation(text) == code


def test_scottish_codes_map_to_2024() -> None:
    assert sorted(SCOTTISH_2024_CODES.values()) == [f"S1400010{i}" for i in range(7, 10)] + [
        "S14000110",
        "S14000111",
    ]


@given(
    start=st.dates(min_value=date(2010, 1, 1), max_value=date(2025, 12, 31)),
    last=st.integers(min_value=1, max_value=31),
)
def test_fieldwork_never_ends_before_it_starts(start: date, last: int) -> None:
    end = polls.fieldwork_end(f"{start.day}-{last}", start)
    assert start <= end <= start + timedelta(days=31)

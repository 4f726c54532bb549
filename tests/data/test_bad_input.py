"""Each damaged file fails with one line naming the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.data.fetch import check
from hustings.data.parsers.results import HOC_2019_SEATS, _hoc_seats
from hustings.data.sources import SOURCES
from hustings.errors import DataError


def _message(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        _hoc_seats(path)
    return caught.value.one_line()


def test_good_fixture_reads(fixtures: Path) -> None:
    seats = _hoc_seats(fixtures / "data" / "ge2019_constituencies_good.csv")
    assert list(seats["gss"]) == ["W07000049", "W07000058", "S14000001"]
    assert list(seats["valid_votes"]) == [31598, 31865, 37413]


def test_truncated_file(fixtures: Path) -> None:
    assert _message(fixtures / "data" / "ge2019_constituencies_truncated.csv") == (
        "ge2019_constituencies_truncated.csv: line 4 has 18 of 32 columns "
        "(the file is truncated); restore the published file "
        "(hustings data list shows its source)"
    )


def test_missing_column(fixtures: Path) -> None:
    assert _message(fixtures / "data" / "ge2019_constituencies_missing_column.csv") == (
        "ge2019_constituencies_missing_column.csv: missing column 'valid_votes'; "
        "the file is not in the published layout; sync it again from the publisher"
    )


def test_non_numeric_vote(fixtures: Path) -> None:
    assert _message(fixtures / "data" / "ge2019_constituencies_non_numeric_vote.csv") == (
        "ge2019_constituencies_non_numeric_vote.csv: line 3, column 'valid_votes' "
        "'n/a' is not a number; restore the published file (hustings data list shows its source)"
    )


def test_duplicated_seat(fixtures: Path) -> None:
    assert _message(fixtures / "data" / "ge2019_constituencies_duplicated_seat.csv") == (
        "ge2019_constituencies_duplicated_seat.csv: line 5: 'W07000058' appears more than "
        "once in 'ons_id'; remove the duplicated row or re-download the file"
    )


def test_wrong_checksum(fixtures: Path) -> None:
    path = fixtures / "data" / "wrong_checksum.csv"
    with pytest.raises(DataError) as caught:
        check(path, SOURCES[HOC_2019_SEATS])
    assert caught.value.message.startswith(f"{path}: checksum mismatch (expected sha256 ")
    assert "restore it from the publisher (https://raw.githubusercontent.com/" in (
        caught.value.hint or ""
    )

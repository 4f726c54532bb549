"""Ballot readers and writers: BLT, PrefLib, CSV; bad files named after their defect."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.ballots import format_blt, parse_blt, read_blt
from hustings.ballots.formats import (
    collect_files,
    format_csv,
    parse_csv,
    read_ballots,
)
from hustings.errors import InvalidInputError, NotFoundError


def test_worked_example_blt(fixtures: Path) -> None:
    e = read_blt(fixtures / "ballots" / "worked_example.blt")
    assert e.candidates == ("Ann", "Bob", "Cat", "Dan")
    assert e.seats == 2
    assert e.title == "Worked example"
    assert e.n_voters == 12
    assert e.ballots() == [(6, (0, 1)), (3, (1,)), (2, (2, 1)), (1, (3, 2))]


def test_withdrawn_line(fixtures: Path) -> None:
    e = read_blt(fixtures / "ballots" / "withdrawn.blt")
    assert e.withdrawn == frozenset({3})
    assert e.first_preferences() == {"Ann": 6, "Bob": 3, "Cat": 2 + 1, "Dan": 0}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.blt", "empty.blt: empty file"),
        ("names_count_mismatch.blt", "3 candidates declared but 2 names and a title given"),
        ("preference_out_of_range.blt", "line 3: preference 4 out of range 1..3"),
        ("repeated_preference.blt", "line 3: candidate 3 ranked twice"),
        ("negative_weight.blt", "line 3: negative weight -1"),
        ("missing_names.blt", "missing_names.blt: no '0' line ends the ballots"),
        ("no_names_at_all.blt", "3 candidates declared but 0 names given"),
        ("ballot_without_terminator.blt", "line 2: ballot does not end with 0"),
    ],
)
def test_bad_blt_files(fixtures: Path, name: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        read_blt(fixtures / "ballots" / name)
    assert info.value.message.endswith(message)
    assert info.value.hint


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no ballot file"):
        read_ballots(tmp_path / "nothing.blt")


def test_blt_round_trip(fixtures: Path) -> None:
    e = read_blt(fixtures / "ballots" / "withdrawn.blt")
    again = parse_blt(format_blt(e))
    assert again.ballots() == e.ballots()
    assert (again.candidates, again.seats, again.withdrawn, again.title) == (
        e.candidates,
        e.seats,
        e.withdrawn,
        e.title,
    )


def test_preflib_soi(fixtures: Path) -> None:
    e = read_ballots(fixtures / "ballots" / "labour_like.soi")
    assert e.title == "Small PrefLib example"
    assert e.first_preferences() == {"Ann": 4, "Bob": 3, "Cat": 2}


def test_preflib_tail_tie_is_dropped(fixtures: Path) -> None:
    e = read_ballots(fixtures / "ballots" / "tail_tie.toc")
    assert e.ballots() == [(4, (0,)), (3, (1, 0))]


def test_preflib_tie_in_middle_is_refused(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as info:
        read_ballots(fixtures / "ballots" / "tie_in_middle.toc")
    assert info.value.message.endswith("line 5: tied candidates before the end of a ballot")


def test_csv_reader_and_round_trip(fixtures: Path) -> None:
    e = read_ballots(fixtures / "ballots" / "committee.csv")
    blt = read_blt(fixtures / "ballots" / "worked_example.blt")
    assert e.candidates == blt.candidates
    assert e.ballots() == blt.ballots()
    assert e.seats == 2
    again = parse_csv(format_csv(e))
    assert again.ballots() == e.ballots()
    assert again.title == "Committee election"


def test_csv_unknown_candidate(fixtures: Path) -> None:
    with pytest.raises(InvalidInputError) as info:
        read_ballots(fixtures / "ballots" / "unknown_candidate.csv")
    assert info.value.message.endswith("line 5: unknown candidate 'Zed'")


def test_seats_override_and_folder(fixtures: Path) -> None:
    e = read_ballots(fixtures / "ballots" / "worked_example.blt", seats=1)
    assert e.seats == 1
    files = collect_files([fixtures / "ballots"])
    assert fixtures / "ballots" / "committee.csv" in files
    assert all(f.suffix in {".blt", ".csv", ".soi", ".toc"} for f in files)

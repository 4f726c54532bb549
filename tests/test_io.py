"""Outputs written aside and renamed; inputs read or refused in one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hustings import _io
from hustings.errors import InvalidInputError, NotFoundError, WriteError


def test_write_text_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    _io.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_full_disk_leaves_the_old_file_and_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match="the disk is full; the previous file, if any, is un"):
        _io.write_text(target, "new\n" * 1000, what="CSV")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_an_error_inside_the_block_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), _io.atomic_writer(target) as stream:
        stream.write("half")
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        _io.write_text(tmp_path / "out.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/out.csv", "no folder '.*missing' to write the CSV in"),
        (".", "CSV '.*' is a folder"),
    ],
)
def test_output_paths_are_checked(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        _io.check_output(tmp_path / name, what="CSV")


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "ballots.csv"
    path.write_bytes("count,pref1\n1,A\n".encode("utf-16"))
    with pytest.raises(InvalidInputError) as caught:
        _io.read_text(path, what="ballot")
    assert caught.value.one_line() == (
        f"ballot file {path}: not UTF-8 (byte 0xff at offset 0); it looks like UTF-16; "
        "re-save the file as UTF-8, or pass --encoding (e.g. --encoding cp1252)"
    )


def test_cp1252_is_named_and_read_with_an_encoding(tmp_path: Path) -> None:
    path = tmp_path / "pool.csv"
    path.write_bytes("id,name\n1,Zo\xeb\n".encode("cp1252"))
    with pytest.raises(InvalidInputError, match=r"byte 0xeb at offset 12\); it looks like Win"):
        _io.read_text(path)
    assert _io.read_text(path, encoding="cp1252").endswith("Zoë\n")


def test_missing_and_folder_inputs(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no transfers file"):
        _io.read_text(tmp_path / "none.json", what="transfers")
    with pytest.raises(InvalidInputError, match="is a folder, not a file"):
        _io.read_text(tmp_path)
    with pytest.raises(InvalidInputError, match="unknown encoding 'klingon'"):
        (tmp_path / "a.txt").write_text("x")
        _io.read_text(tmp_path / "a.txt", encoding="klingon")


def test_a_csv_separated_by_semicolons_is_named_as_such(tmp_path: Path) -> None:
    from hustings._io import read_rows

    path = tmp_path / "m.csv"
    path.write_text("Membership number;Full name\nM1;Ann\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        read_rows(path, {"name": ("full_name",)}, required=("name",))
    assert caught.value.message == "'m.csv' has its columns separated by ';', not commas"
    path.write_text("Membership number,Full name\nM1,Ann\n", encoding="utf-8")
    assert read_rows(path, {"name": ("full_name",)}, required=("name",)) == [{"name": "Ann"}]

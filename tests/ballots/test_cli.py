"""The ``hustings ballot`` commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hustings.cli.main import app

runner = CliRunner()


def test_count_json_names_as_in_file(fixtures: Path, tmp_path: Path) -> None:
    audit = tmp_path / "audit.csv"
    result = runner.invoke(
        app,
        [
            "ballot",
            "count",
            str(fixtures / "ballots" / "worked_example.blt"),
            str(fixtures / "ballots" / "committee.csv"),
            "--json",
            "--audit",
            str(audit),
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [p["elected"] for p in payload] == [["Ann", "Bob"], ["Ann", "Bob"]]
    assert payload[0]["title"] == "Worked example"
    assert payload[0]["stages"][1]["totals"]["Bob"] == "3.99996"
    lines = audit.read_text().splitlines()
    assert lines[0].startswith("file,method,stage,action")
    assert len(lines) == 1 + 2 * 4 * 4


def test_count_table_and_method(fixtures: Path) -> None:
    result = runner.invoke(
        app,
        ["ballot", "count", str(fixtures / "ballots" / "labour_like.soi"), "--method", "irv"],
    )
    assert result.exit_code == 0, result.output
    assert "elected: Bob" in result.output
    assert "stage 2: exclusion: Cat; elected Bob" in result.output


def test_bad_file_is_one_line_exit_2(fixtures: Path) -> None:
    result = runner.invoke(
        app, ["ballot", "count", str(fixtures / "ballots" / "repeated_preference.blt")]
    )
    assert result.exit_code == 2
    assert "line 3: candidate 3 ranked twice" in result.output


def test_reserved_places_option(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("# seats: 2\ncount,p1,p2\n10,M1,M2\n8,M2,M1\n3,W1\n2,W2,W1\n")
    args = ["ballot", "count", str(path), "--json", "--reserve", "W1", "--reserve", "W2"]
    result = runner.invoke(app, [*args, "--reserve-min", "1"])
    assert json.loads(result.output)[0]["elected"] == ["M1", "W1"]


def test_reserve_group_option_adds_reservations(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("# seats: 3\ncount,p1\n40,A\n30,B\n10,C\n5,D\n15,E\n")
    args = ["ballot", "count", str(path), "--json", "--reserve-group", "1:C;D"]
    result = runner.invoke(app, [*args, "--reserve-group", "1: D ; E"])
    assert json.loads(result.output)[0]["elected"] == ["A", "B", "D"]
    bad = runner.invoke(app, ["ballot", "count", str(path), "--reserve-group", "C;D"])
    assert bad.exit_code == 2
    assert "reserved group 'C;D' is not 'MIN:NAME;NAME;...'" in bad.output


def test_a_ballot_file_in_another_encoding_is_read_as_the_error_advises(tmp_path: Path) -> None:
    path = tmp_path / "cafe.csv"
    path.write_bytes("count,pref1,pref2\n3,Zoë,Åsa\n2,Åsa,Zoë\n".encode("cp1252"))
    refused = CliRunner().invoke(app, ["ballot", "count", str(path), "--method", "irv"])
    assert refused.exit_code == 2 and "--encoding" in refused.output
    out = CliRunner().invoke(
        app, ["ballot", "count", str(path), "--method", "irv", "--encoding", "cp1252", "--json"]
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)[0]["elected"] == ["Zoë"]


def test_a_reserved_group_without_places_is_refused_not_ignored(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("count,pref1,pref2\n3,Ann,Bea\n2,Bea,Ann\n", encoding="utf-8")
    out = runner.invoke(app, ["ballot", "count", str(path), "--reserve", "Bea"])
    assert out.exit_code == 2
    assert out.output.strip() == (
        "error: --reserve names a group but reserves no places; give --reserve-min N "
        "(at least N of the elected from the group)"
    )

"""The three commands: JSON shapes and exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app

runner = CliRunner()


@pytest.fixture
def env(store_home: Path, mirror: Path) -> dict[str, str]:
    return {"HUSTINGS_HOME": str(store_home), "HUSTINGS_DATA_MIRROR": str(mirror)}


def test_tactical_json(env: dict[str, str]) -> None:
    out = runner.invoke(
        app, ["tactical", "--policy", "previous-result", "--sims", "1000", "--json"], env=env
    )
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert len(rows) == 632
    assert list(rows[0]) == ["gss", "name", "recommended", "probability", "label", "evidence"]


def test_targets_csv_and_json(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    out = runner.invoke(
        app, ["targets", "--party", "LAB", "--top", "5", "--csv", str(path), "--json"], env=env
    )
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)["rows"]) == 5
    assert path.read_text().splitlines()[0].startswith("gss,name,holder,majority")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tactical", "--bloc", "LAB,FOO"], "error: unknown party in the bloc 'FOO'"),
        (
            ["tactical", "--bloc", "LAB,CON"],
            "error: party 'CON' is both in the bloc and the opponent",
        ),
        (["alliance", "--stand-down", "GRN:nowhere"], "error: no seat 'nowhere' in 2024"),
        (
            ["tactical", "--forecast", "economist"],
            "error: 'economist' is not a file, and no stored seat forecast is of the next",
        ),
    ],
)
def test_bad_input_exits_2(env: dict[str, str], args: list[str], message: str) -> None:
    out = runner.invoke(app, args, env=env)
    assert out.exit_code == 2
    assert out.stderr.startswith(message) and out.stderr.count("\n") == 1


def test_alliance_json(env: dict[str, str], fixtures: Path) -> None:
    out = runner.invoke(app, ["alliance", "--stand-down", "GRN:all", "--json"], env=env)
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert body["stand_downs"][0]["party"] == "GRN" and "sensitivity" in body
    bad = fixtures / "tactics" / "transfers_over_100_percent.json"
    out = runner.invoke(
        app, ["alliance", "--stand-down", "GRN:all", "--transfers", str(bad)], env=env
    )
    assert out.exit_code == 2


def test_the_jeopardy_table_names_who_takes_each_seat(env: dict[str, str]) -> None:
    args = [
        "targets",
        "--party",
        "LAB",
        "--jeopardy",
        "--shares",
        "LAB=20,CON=30,RUK=30,LD=12,GRN=8",
    ]
    out = runner.invoke(app, [*args, "--top", "3"], env={**env, "COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    header = next(line for line in out.stdout.splitlines() if "holder" in line)
    assert "projected" in header
    body = runner.invoke(app, [*args, "--top", "3", "--json"], env=env)
    winners = {r["projected_winner"] for r in json.loads(body.stdout)["rows"]}
    assert winners and "LAB" not in winners
    assert all(w in out.stdout for w in winners)

"""``hustings project`` and ``hustings backtest``: JSON shapes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app

pytestmark = pytest.mark.mirror
SHARES = "LAB=33.7,CON=23.7,RUK=14.3,LD=12.2,GRN=6.7,SNP=2.5,PC=0.7"


@pytest.fixture
def run(store_home: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HUSTINGS_HOME", str(store_home))
    return CliRunner()


def test_project_json(run: CliRunner) -> None:
    out = run.invoke(
        app, ["project", "--shares", SHARES, "--sims", "2000", "--seed", "1", "--json"]
    )
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert sum(body["seats"].values()) == 632
    assert set(body["seats_interval"]) >= {"LAB", "CON"}
    assert len(body["seats_interval"]["LAB"]) == 2
    seat = body["seat_results"]["E14001063"]
    assert set(seat) == {"name", "shares", "winner", "win_probability"}
    assert 0 < body["majority_probability"]["LAB"] <= 1


def test_project_table_and_by_file(run: CliRunner, tmp_path: Path) -> None:
    by = tmp_path / "by.json"
    by.write_text(json.dumps({"Scotland": {"SNP": 30, "LAB": 35.7, "CON": 12.7}}))
    out = run.invoke(
        app, ["project", "--shares", "actual-2024", "--by", str(by), "--model", "ours"]
    )
    assert out.exit_code == 0, out.output
    assert "LAB" in out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shares", "LAB=60,CON=45"], "error: shares sum to 105.0, not 100"),
        (["--shares", "LAB=30,XYZ=3"], "error: unknown party 'XYZ'"),
        (["--shares", "LAB=-3"], "error: share of LAB is -3, below zero"),
        (["--shares", "LAB=30,DUP=3"], "error: party 'DUP' did not stand in the base election"),
        (["--shares", "LAB=30", "--base", "2005"], "error: no election '2005'"),
        (["--shares", "LAB=30", "--model", "mrp"], "error: no swing model 'mrp'"),
        (["--shares", "final-polls-2010"], "error: no general election '2010'"),
    ],
)
def test_project_bad_input_exits_2(run: CliRunner, args: list[str], message: str) -> None:
    out = run.invoke(app, ["project", *args])
    assert out.exit_code == 2
    assert out.stderr.startswith(message)
    assert out.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("by_not_json.json", "not JSON"),
        ("by_unknown_area.json", "error: no nation or region 'Narnia'"),
        ("by_shares_over_100.json", "error: shares sum to 110.0, not 100"),
    ],
)
def test_project_bad_by_files(run: CliRunner, fixtures: Path, name: str, message: str) -> None:
    out = run.invoke(app, ["project", "--by", str(fixtures / "projection" / name)])
    assert out.exit_code == 2
    assert message in out.stderr


def test_backtest_json(run: CliRunner) -> None:
    args = ["backtest", "--election", "2019", "--inputs", "final-polls", "--model", "uns"]
    out = run.invoke(app, [*args, "--sims", "1000", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert len(rows) == 1
    row = rows[0]
    assert {
        "election",
        "inputs",
        "model",
        "seats_correct",
        "seats_total",
        "brier",
        "seat_error",
    } <= set(row)
    assert (row["election"], row["inputs"], row["model"], row["seats_total"]) == (
        "2019",
        "final-polls",
        "uns",
        631,
    )


def test_backtest_table(run: CliRunner) -> None:
    out = run.invoke(
        app,
        ["backtest", "--election", "2024", "--inputs", "actual", "--model", "uns", "--sims", "500"],
    )
    assert out.exit_code == 0, out.output
    assert "YouGov MRP" in out.stdout and "Calibration" in out.stdout


def test_backtest_unknown_election(run: CliRunner) -> None:
    out = run.invoke(app, ["backtest", "--election", "2005"])
    assert out.exit_code == 2
    assert out.stderr.startswith("error: no back-test for election '2005'")


def test_backtest_calibration_json_and_table(run: CliRunner) -> None:
    args = ["backtest", "--calibration", "--inputs", "final-polls", "--model", "uns"]
    out = run.invoke(app, [*args, "--sims", "500", "--json"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)
    assert body["tolerance"] == 0.05 and body["min_band_seats"] == 30
    labels = [c["label"] for c in body["checks"]]
    assert labels == ["2015", "2017", "2019", "2024", "pooled 2015, 2017, 2019, 2024"]
    assert all(0.0 <= c["chance"] <= 1.0 for c in body["checks"])
    out = run.invoke(app, [*args, "--sims", "500"])
    assert out.exit_code == 0, out.output
    assert "chance" in out.stdout and "pooled" in out.stdout


def test_backtest_calibration_refuses_one_election(run: CliRunner) -> None:
    out = run.invoke(app, ["backtest", "--calibration", "--election", "2024"])
    assert out.exit_code == 2
    assert out.stderr.startswith("error: --calibration judges every election")

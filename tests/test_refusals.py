"""Inputs that used to give a confident wrong answer or an internal error, refused in one line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hustings.cli.main import run
from hustings.settings import Settings

pytestmark = pytest.mark.mirror
LOT = Path(__file__).parent / "fixtures" / "lot"


def _hustings(
    argv: list[str], home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.setenv("HUSTINGS_HOME", str(home))
    monkeypatch.setattr(sys, "argv", ["hustings", *argv])
    with pytest.raises(SystemExit) as exit_:
        run()
    code = exit_.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err.strip()


CASES = [
    (["targets", "--party", "DUP"],
     "error: DUP stood in none of the 632 seats of the 2024 base; choose a party that stood "
     "in Great Britain at that election"),
    (["targets", "--party", "LAB", "--rank-by", "probability"],
     "error: win probabilities need a scenario (--rank-by probability was given); pass shares, "
     "e.g. --shares final-polls-2024, or rank by swing"),
    (["targets", "--party", "LAB", "--sims", "100"],
     "error: win probabilities need a scenario (--sims 100 was given); pass shares, e.g. "
     "--shares final-polls-2024, or rank by swing"),
    (["targets", "--party", "LAB", "--defence", "--jeopardy"],
     "error: --defence and --jeopardy ask for different lists; give one: --defence (held seats, "
     "weakest first) or --jeopardy (held seats lost under --shares)"),
    (["tactical", "--sims", "-5"],
     "error: Invalid value for '--sims': Input should be greater than or equal to 0; see "
     "'hustings --help'"),
    (["project", "--shares", "LAB=0.4,CON=0.6"],
     "error: shares add up to 1: they look like fractions, not percentages; write percentages, "
     "e.g. LAB=40,CON=60"),
    (["project", "--shares", "LAB=40", "--seed", "-1", "--sims", "10"],
     "error: Invalid value for '--seed': Input should be greater than or equal to 0; see "
     "'hustings --help'"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "message"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_refused_in_one_line(
    argv: list[str],
    message: str,
    synced: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _hustings(argv, synced.home, monkeypatch, capsys) == (2, message)


def test_the_speaker_has_no_seat_to_attack(
    synced: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HUSTINGS_HOME", str(synced.home))
    monkeypatch.setattr(sys, "argv", ["hustings", "targets", "--party", "SPK", "--json"])
    with pytest.raises(SystemExit):
        run()
    assert json.loads(capsys.readouterr().out)["rows"] == []


def test_transfer_rate_that_is_not_a_number(
    synced: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rates = tmp_path / "rates.json"
    rates.write_text(json.dumps({"GRN": {"LAB": "lots"}}))
    argv = ["alliance", "--stand-down", "GRN:all", "--transfers", str(rates)]
    assert _hustings(argv, synced.home, monkeypatch, capsys) == (
        2,
        'error: rates.json: transfer rate GRN->LAB is "lots", not a number; give rates as '
        "fractions, e.g. 0.5 for 50%",
    )


def test_share_quotas_over_100_percent(
    synced: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    quotas = tmp_path / "quotas.csv"
    quotas.write_text("feature,value,share\ngender,female,0.95\ngender,male,0.95\n")
    argv = ["lot", "select", "--pool", str(LOT / "pool.csv"), "--quotas", str(quotas)]
    assert _hustings([*argv, "--size", "4"], synced.home, monkeypatch, capsys) == (
        2,
        f"error: quotas {quotas}: the shares of gender add up to 190%, more than 100%; give "
        "each value its share of the population; together at most 1",
    )


def test_truncated_lot_result(
    synced: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = tmp_path / "result.json"
    result.write_text('{"method": "leximin", "panel": ["a1", ')
    argv = ["lot", "audit", "--pool", str(LOT / "pool.csv"), "--quotas", str(LOT / "quotas.csv")]
    argv += ["--size", "4", "--result", str(result)]
    assert _hustings(argv, synced.home, monkeypatch, capsys) == (
        2,
        f"error: result file {result}: not valid JSON (Expecting value at line 1); pass the "
        "JSON written by 'hustings lot select --json', complete",
    )


def test_output_checked_before_the_work(
    synced: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "missing" / "targets.csv"
    argv = ["targets", "--party", "LAB", "--csv", str(out)]
    assert _hustings(argv, synced.home, monkeypatch, capsys) == (
        2,
        f"error: no folder '{out.parent}' to write the CSV in; create it first or choose "
        "another path",
    )

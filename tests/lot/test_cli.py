"""``hustings lot select`` and ``hustings lot audit``: JSON shape, verification, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app

runner = CliRunner()


def _args(lot_dir: Path, *extra: str) -> list[str]:
    return [
        "--pool", str(lot_dir / "pool.csv"), "--quotas", str(lot_dir / "quotas.csv"),
        "--size", "4", "--household-column", "address", "--exclude-where", "office=yes", *extra,
    ]  # fmt: skip


def test_select_json_has_the_documented_keys(lot_dir: Path) -> None:
    result = runner.invoke(app, ["lot", "select", *_args(lot_dir, "--seed", "7", "--json")])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["method"] == "leximin" and len(body["panel"]) == 4
    assert set(body["probabilities"]) == {f"a{i}" for i in range(1, 11)} - {"a4"}
    # selection probabilities add up to the panel size: four seats are filled in every panel
    assert sum(body["probabilities"].values()) == pytest.approx(4.0, abs=1e-6)
    assert body["distribution"]["panels"]


def test_select_then_audit_the_written_result(lot_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    first = runner.invoke(
        app, ["lot", "select", *_args(lot_dir, "--seed", "7", "--output", str(out))]
    )
    assert first.exit_code == 0, first.output
    audit = runner.invoke(app, ["lot", "audit", *_args(lot_dir, "--result", str(out), "--json")])
    assert audit.exit_code == 0, audit.output
    assert json.loads(audit.stdout)["ok"] is True


def test_audit_prints_probabilities_and_the_lottery(lot_dir: Path) -> None:
    result = runner.invoke(app, ["lot", "audit", *_args(lot_dir, "--method", "maximin")])
    assert result.exit_code == 0, result.output
    assert "Selection probabilities" in result.stdout and "Panel lottery" in result.stdout


def test_bad_input_is_one_line_and_exit_2(lot_dir: Path) -> None:
    bad = lot_dir / "duplicated_ids.csv"
    args = ["lot", "select", "--pool", str(bad), "--quotas", str(lot_dir / "quotas.csv")]
    result = runner.invoke(app, [*args, "--size", "2"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: pool {bad} line 4: id 'a1' duplicates line 2; every person needs a unique id"
    )


def test_infeasible_quotas_exit_2_with_the_relaxation(lot_dir: Path) -> None:
    args = [
        "--pool",
        str(lot_dir / "pool.csv"),
        "--quotas",
        str(lot_dir / "conflicting_quotas.csv"),
    ]
    result = runner.invoke(app, ["lot", "select", *args, "--size", "4", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["hint"].startswith("smallest relaxation: gender=")


def test_files_in_another_encoding_are_read_with_encoding(lot_dir: Path, tmp_path: Path) -> None:
    """The pool, quotas and exclusions in Windows-1252 (``âgé`` for ``old``): refused with the
    advice to pass --encoding, then read with it to the same lottery as the UTF-8 files."""
    for name in ("pool.csv", "quotas.csv", "exclude.txt"):
        text = (lot_dir / name).read_text(encoding="utf-8").replace(",old,", ",âgé,")
        (tmp_path / name).write_bytes(text.replace("# office", "# élus, office").encode("cp1252"))
    base = ["lot", "select", "--seed", "7", "--size", "4", "--json"]
    args = [*base, "--pool", str(tmp_path / "pool.csv"), "--quotas", str(tmp_path / "quotas.csv")]
    args += ["--exclude", str(tmp_path / "exclude.txt")]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2
    assert "--encoding" in json.loads(refused.stdout)["error"]["hint"]
    read = runner.invoke(app, [*args, "--encoding", "cp1252"])
    assert read.exit_code == 0, read.output
    plain = [*base, "--pool", str(lot_dir / "pool.csv"), "--quotas", str(lot_dir / "quotas.csv")]
    same = runner.invoke(app, [*plain, "--exclude", str(lot_dir / "exclude.txt")])
    assert json.loads(read.stdout)["probabilities"] == json.loads(same.stdout)["probabilities"]
    assert json.loads(read.stdout)["excluded"] == json.loads(same.stdout)["excluded"]
    audit = runner.invoke(app, ["lot", "audit", *args[4:], "--encoding", "cp1252"])
    assert audit.exit_code == 0, audit.output

"""Docs that cannot drift: every dataset and every command is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.data.registry import all_datasets

ROOT = Path(__file__).resolve().parents[1]


def test_every_dataset_is_credited_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for dataset in all_datasets():
        assert f"`{dataset.id}`" in readme, dataset.id
        assert dataset.licence and dataset.credit and dataset.url.startswith("http")


def _leaf_commands() -> list[list[str]]:
    import typer.main

    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, [*path, name])
        else:
            found.append(path)

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_has_help_and_json() -> None:
    runner = CliRunner()
    commands = _leaf_commands()
    names = {" ".join(c) for c in commands}
    assert {"data sync", "seat", "project", "tactical", "ballot count", "lot select"} <= names
    assert {"listen report", "serve", "backtest", "alliance", "targets"} <= names
    for command in commands:
        out = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
        assert out.exit_code == 0, command
        assert "--json" in out.stdout, f"'hustings {' '.join(command)}' has no --json"


def test_usage_errors_exit_2_in_one_line(monkeypatch: Any, capsys: Any) -> None:
    import pytest

    from hustings.cli.main import run

    monkeypatch.setattr("sys.argv", ["hustings", "seat", "Copeland", "--bogus"])
    with pytest.raises(SystemExit) as caught:
        run()
    assert caught.value.code == 2
    assert capsys.readouterr().err == "error: No such option: --bogus; see 'hustings --help'\n"

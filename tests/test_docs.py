"""Docs that cannot drift: every dataset and every command is documented."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.data.registry import all_datasets

ROOT = Path(__file__).resolve().parents[1]


def test_every_dataset_is_credited_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for dataset in all_datasets():
        assert f"`{dataset.id}`" in readme, dataset.id
        assert dataset.licence and dataset.credit and dataset.url.startswith("http")


def test_every_command_has_help() -> None:
    runner = CliRunner()
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    for command in ("data", "results", "seat", "tour"):
        assert command in top.stdout
        out = runner.invoke(app, [command, "--help"])
        assert out.exit_code == 0 and "Usage" in out.stdout

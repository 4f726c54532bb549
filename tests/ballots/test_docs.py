"""docs/ballots.md documents every counting method and every command option."""

from __future__ import annotations

from pathlib import Path

import typer

from hustings.ballots import METHODS
from hustings.cli.ballots import ballot_app

DOC = Path(__file__).resolve().parents[2] / "docs" / "ballots.md"


def test_every_method_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in METHODS:
        assert f"`{name}`" in text, name


def test_every_option_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    command = typer.main.get_command(ballot_app)
    for sub in command.commands.values():  # type: ignore[attr-defined]
        assert f"hustings ballot {sub.name}" in text
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in text, f"{sub.name} {opt}"

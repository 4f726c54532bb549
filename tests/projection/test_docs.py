"""Docs that cannot drift: every projection command and option is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.projection.models import MODELS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "projection.md"


@pytest.mark.parametrize("command", ["polls", "project", "backtest"])
def test_every_option_is_documented(command: str) -> None:
    out = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "Usage" in out.stdout
    text = DOCS.read_text()
    options = set(re.findall(r"--[a-z][a-z-]+", out.stdout)) - {"--help"}
    assert options
    for option in options:
        assert option in text, f"{command} {option} is not in docs/projection.md"


def test_every_model_is_documented() -> None:
    text = DOCS.read_text()
    for name in MODELS:
        assert f"`{name}`" in text

"""Commands of this capability (registered by ``hustings.cli.main``)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this capability's commands to ``app``."""

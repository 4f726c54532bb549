"""Fixtures for the secondary-dataset parsers: the mirror's upstream files by source key."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.data.sources import SOURCES


@pytest.fixture(scope="session")
def files(mirror: Path) -> dict[str, Path]:
    """Every registered upstream file, as the mapping a parser receives."""
    return {key: mirror / key for key in SOURCES}

"""Shared fixtures: the data mirror (skips with the reason when absent) and an isolated home."""

from __future__ import annotations

from pathlib import Path

import pytest

from hustings.settings import Settings, find_mirror

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The shared data mirror, or a skip naming how to provide one."""
    found = find_mirror()
    if found is None or not (found / "MANIFEST.tsv").is_file():
        pytest.skip(
            "no data mirror: set HUSTINGS_DATA_MIRROR or put shared/data beside the checkout"
        )
    return found


@pytest.fixture
def fixtures() -> Path:
    """The folder of small hand-made fixture files."""
    return FIXTURES


@pytest.fixture(scope="session")
def synced(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose store was built once for the session from the mirror."""
    from hustings.data.store import sync

    settings = Settings(home=tmp_path_factory.mktemp("hustings-home"), mirror=mirror)
    sync(settings)
    return settings

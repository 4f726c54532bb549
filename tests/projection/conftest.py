"""A store built once per session from the mirror."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hustings.data.api import Store
from hustings.settings import Settings


@pytest.fixture(scope="session")
def store_home(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A HUSTINGS_HOME with a freshly synced store."""
    from hustings.data.store import sync

    home = tmp_path_factory.mktemp("projection-home")
    sync(Settings(home=home, mirror=mirror))
    return home


@pytest.fixture(scope="session")
def store(store_home: Path, mirror: Path) -> Iterator[Store]:
    """A read-only store on the mirror's data."""
    s = Store(Settings(home=store_home, mirror=mirror))
    yield s
    s.close()

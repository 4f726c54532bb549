"""A store built once per session from the mirror, an app on it and an in-process client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hustings.settings import Settings


@pytest.fixture(scope="session")
def web_settings(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for a store synced from the mirror into a session temp folder."""
    from hustings.data.store import sync

    settings = Settings(home=tmp_path_factory.mktemp("web-home"), mirror=mirror)
    sync(settings)
    return settings


@pytest.fixture(scope="session")
def client(web_settings: Settings) -> Iterator[TestClient]:
    """An in-process client of an app on the session store (server errors become 500s)."""
    from hustings.web import create_app

    with TestClient(create_app(web_settings), raise_server_exceptions=False) as c:
        yield c

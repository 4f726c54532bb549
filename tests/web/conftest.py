"""A store built once per session from the mirror, an app on it, an in-process client, and the
same app under uvicorn with a headless Chromium page for the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def server(web_settings: Settings, serve_app: Any) -> Iterator[str]:
    """The app under uvicorn on a loopback port, in a thread, for this module."""
    with serve_app(web_settings) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str, chromium: Any) -> Iterator[object]:
    """A Chromium page (skips with the reason when Chromium or Playwright is missing)."""
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()

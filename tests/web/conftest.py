"""A store built once per session from the mirror, an app on it, an in-process client, and the
same app under uvicorn with a headless Chromium page for the browser tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
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


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_settings: Settings) -> Iterator[str]:
    """The app under uvicorn on a loopback port, in a thread, for this module."""
    import uvicorn

    from hustings.web import create_app

    port = _free_port()
    from hustings.web.server import uvicorn_options

    config = uvicorn.Config(create_app(web_settings), host="127.0.0.1", port=port,
                            log_level="warning", **uvicorn_options())  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start within 20 s"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    """A Chromium page (skips with the reason when Chromium or Playwright is missing)."""
    if not Path(CHROMIUM).is_file() and shutil.which("chromium") is None:
        pytest.skip("no Chromium at /usr/bin/chromium: run scripts/setup-browser.sh (root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (dev extra)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.set_default_timeout(15_000)
        yield tab
        browser.close()

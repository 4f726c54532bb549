"""Shared fixtures: the data mirror (skips with the reason when absent), an isolated home, and
the user-state database on both back-ends: embedded SQLite always, PostgreSQL when
``HUSTINGS_TEST_DATABASE_URL`` names a server (``scripts/postgres.sh`` starts one)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hustings.settings import Settings, find_mirror
from hustings.storage.engine import Database

FIXTURES = Path(__file__).parent / "fixtures"
PG_ENV = "HUSTINGS_TEST_DATABASE_URL"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def _postgres(schema: str) -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"no PostgreSQL: set {PG_ENV} (bash scripts/postgres.sh prints one)")
    import sqlalchemy as sa

    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    admin.dispose()
    return (
        sa.make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


def _drop(schema: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(os.environ[PG_ENV], isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind (a fresh PostgreSQL schema per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state.db'}"
        return
    schema = "t_" + uuid.uuid4().hex[:12]
    url = _postgres(schema)
    try:
        yield url
    finally:
        _drop(schema)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated database of each kind."""
    database = Database(database_url)
    database.migrate()
    try:
        yield database
    finally:
        database.dispose()


@contextlib.contextmanager
def _serve(settings: Settings) -> Iterator[str]:
    import uvicorn

    from hustings.web import create_app
    from hustings.web.server import uvicorn_options

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                            log_level="warning", **uvicorn_options())  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start within 20 s"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve_app() -> Callable[[Settings], contextlib.AbstractContextManager[str]]:
    """``with serve_app(settings) as url``: the app under uvicorn on a loopback port."""
    return _serve


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium under Playwright (skips with the reason when missing)."""
    if not Path(CHROMIUM).is_file() and shutil.which("chromium") is None:
        pytest.skip("no Chromium at /usr/bin/chromium: run scripts/setup-browser.sh (root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (dev extra)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()

"""Shared fixtures: the data mirror (skips with the reason when absent), an isolated home, and
the user-state database on both back-ends: embedded SQLite always, PostgreSQL when
``HUSTINGS_TEST_DATABASE_URL`` names a server (``scripts/postgres.sh`` starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hustings.settings import Settings, find_mirror
from hustings.storage.engine import Database

FIXTURES = Path(__file__).parent / "fixtures"
PG_ENV = "HUSTINGS_TEST_DATABASE_URL"


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

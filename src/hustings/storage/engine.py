"""The database of user-created state: one engine, transactions, and migrations.

SQLite in the data folder by default (WAL, full fsync on commit, foreign keys on, writers
queue instead of failing); PostgreSQL when ``HUSTINGS_DATABASE_URL`` names one. Every write
happens inside :meth:`Database.write`, which commits before it returns, so a caller that has
returned has its records on disk.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from hustings.errors import HustingsError, InvalidInputError
from hustings.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
PING_AFTER = 5.0


class DatabaseError(HustingsError):
    """The database of user state cannot be reached, is not set up, or refused a write."""

    code = "database"
    http_status = 503


class Database:
    """A handle on the user-state database named by the settings."""

    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        self.url = url
        self.engine = _make_engine(url, pool_size=pool_size)
        weakref.finalize(self, self.engine.dispose)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL without its password, for messages."""
        return sa.make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read transaction (rolled back on exit)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def query(self) -> Iterator[Connection]:
        """A connection for one read statement: on PostgreSQL outside any transaction (no
        BEGIN and ROLLBACK round trips), on SQLite the same as :meth:`read`."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A connection in a write transaction, committed when the block ends without error."""
        with (
            self.engine.connect().execution_options(hustings_write=True) as conn,
            conn.begin(),
        ):
            yield conn

    @contextmanager
    def single(self) -> Iterator[Connection]:
        """A connection for a write made in one statement. On PostgreSQL the statement runs
        outside any transaction of ours and commits as it ends (no BEGIN and COMMIT round
        trips); elsewhere this is :meth:`write`."""
        if self.dialect != "postgresql":
            with self.write() as conn:
                yield conn
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            yield conn

    def migrate(self) -> list[str]:
        """Create or bring the schema up to date; returns the revisions applied (idempotent)."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(config)
        with self.engine.connect() as conn:
            before = set(MigrationContext.configure(conn).get_current_heads())
        wanted = {rev.revision for rev in script.walk_revisions()}
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
        return sorted(wanted - _applied_closure(script, before))

    def current(self) -> tuple[str, ...]:
        """The schema revisions the database is at (empty before ``field init``)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))

    def require_schema(self) -> None:
        """Raise a :class:`DatabaseError` with the fix when the schema is missing or behind."""
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        heads = set(ScriptDirectory.from_config(config).get_heads())
        try:
            current = set(self.current())
        except sa.exc.OperationalError as exc:
            raise DatabaseError(
                f"cannot open the database {self.display_url}: {_first_line(exc)}",
                hint="check HUSTINGS_DATABASE_URL, or unset it for the embedded SQLite file",
            ) from None
        if current != heads:
            raise DatabaseError(
                f"the database {self.display_url} is not set up"
                + (" (its schema is behind)" if current else ""),
                hint="run `hustings field init` first",
            )

    def forget_deleted(self) -> None:
        """On SQLite, move the write-ahead log into the file and empty it, so that rows just
        deleted (overwritten there by ``secure_delete``) leave no older copy on disk."""
        if self.dialect != "sqlite":
            return
        raw = self.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    def warm(self, connections: int, prepare: Callable[[Connection], None]) -> None:
        """On PostgreSQL, open ``connections`` pooled connections at once and run ``prepare``
        in a rolled-back transaction on each, so that the first requests wait for neither (on
        SQLite, whose connections are cheap, open one and take no lock)."""
        if self.dialect != "postgresql":
            with self.read() as conn:
                conn.exec_driver_sql("SELECT 1")
            return
        with ExitStack() as opened:
            for _ in range(connections):
                prepare(opened.enter_context(self.read()))

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _applied_closure(script: Any, heads: set[str]) -> set[str]:
    done: set[str] = set()
    for head in heads:
        for rev in script.iterate_revisions(head, "base"):
            done.add(rev.revision)
    return done


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", exc)) or type(exc).__name__
    return text.strip().splitlines()[0]


def _make_engine(url: str, *, pool_size: int) -> Engine:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise InvalidInputError(
            f"'{url}' is not a database URL",
            hint="use e.g. postgresql+psycopg://user:pass@host/db or sqlite:////path/file.db",
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = sa.create_engine(parsed, pool_size=pool_size, max_overflow=pool_size)
        except ModuleNotFoundError:
            from hustings.errors import MissingExtraError

            raise MissingExtraError("postgres", "psycopg") from None
        _ping_when_idle(engine)
        return engine
    raise InvalidInputError(
        f"unsupported database '{backend}' in {parsed.render_as_string(hide_password=True)}",
        hint="use SQLite (the default) or PostgreSQL (postgresql+psycopg://...)",
    )


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use if it has been idle for :data:`PING_AFTER`
    seconds (the server may have closed it), and replace it if it fails. A connection in
    steady use is not pinged: that would cost a round trip per transaction. If the server
    restarts under load, the first statement on an old connection fails (one request answered
    503) and the whole pool is replaced."""

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise sa.exc.DisconnectionError(str(exc)) from exc


def _sqlite_engine(url: sa.URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "secure_delete=ON",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get("hustings_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def json_in(expression: str, param: str, dialect: str, *, cast: str = "") -> str:
    """SQL testing whether ``expression`` is an item of the JSON array bound to ``param``
    (``cast`` names the items' SQL type on PostgreSQL, where they are text).

    One parameter whatever the number of items, so the statement's text never changes: it is
    compiled once, and PostgreSQL prepares it once per connection. On PostgreSQL the items are
    gathered into an array first (``= ANY(ARRAY(...))``), so that the planner looks them up
    through the index on ``expression`` instead of guessing a hundred of them and scanning."""
    if dialect == "postgresql":
        items = f"json_array_elements_text(CAST(:{param} AS json))"
        return f"{expression} = ANY(ARRAY(SELECT {f'CAST({items} AS {cast})' if cast else items}))"
    return f"{expression} IN (SELECT value FROM json_each(:{param}))"


def database_exists(url: str) -> bool:
    """Whether the database ``url`` names may already hold user state without creating it:
    an SQLite file that exists, or any PostgreSQL database (checked when it is opened)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return False
    if parsed.get_backend_name() == "sqlite":
        return bool(parsed.database) and Path(parsed.database or "").is_file()
    return True


def open_database(settings: Settings | None = None, *, pool_size: int = 5) -> Database:
    """The database named by ``settings`` (``$HUSTINGS_DATABASE_URL`` or the SQLite default)."""
    return Database((settings or Settings()).database_url, pool_size=pool_size)


__all__ = [
    "MIGRATIONS",
    "Database",
    "DatabaseError",
    "database_exists",
    "json_in",
    "open_database",
]

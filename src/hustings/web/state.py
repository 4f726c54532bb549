"""What one running app holds: its settings, one read-only store connection and caches.

DuckDB connections are not safe to share between threads, so each worker thread gets its own
cursor on the app's single read-only connection (wrapped in a :class:`Store`). The store does
not change while the app runs, so answers derived only from it are cached for the app's life.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from hustings.data.api import Store
from hustings.data.store import connect
from hustings.settings import Settings

if TYPE_CHECKING:
    import duckdb

    from hustings.field.canvass import ContactBatch
    from hustings.field.model import SyncResult
    from hustings.storage.engine import Database
    from hustings.web.grouping import GroupCommit

T = TypeVar("T")
log = logging.getLogger("hustings.web")
FEW = 64
"""How many answers to unbounded questions (scenarios) are kept."""
WRITERS = 8
"""How many user-state writes one worker runs at once; its pool keeps a few more connections
open for the reads (token lookups) beside them, so that none is opened and closed per request."""
CONTACT_LANES = 2
"""How many group transactions of contact records one worker runs at once on PostgreSQL (one
on SQLite, which has a single writer)."""
GROUP_RECORDS = 2000
"""Most records in one group transaction (a larger batch goes alone)."""
MANY = 20_000
"""Past this many cached answers to bounded questions, the cache starts again."""


class CursorStore(Store):
    """A :class:`Store` reading through a cursor of a shared connection (one per thread)."""

    def __init__(self, settings: Settings, cursor: duckdb.DuckDBPyConnection) -> None:
        super().__init__(settings)
        self._con = cursor


class AppState:
    """Per-app state: the store connection, one :class:`Store` per thread, and caches."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._root: duckdb.DuckDBPyConnection | None = None
        self._local = threading.local()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._few: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._database: Database | None = None
        self._contacts: GroupCommit[ContactBatch, SyncResult] | None = None

    def store(self) -> Store:
        """This thread's store (opening the shared connection on first use)."""
        found: Store | None = getattr(self._local, "store", None)
        if found is None:
            with self._lock:
                if self._root is None:
                    self._root = connect(self.settings)
                cursor = self._root.cursor()
            found = CursorStore(self.settings, cursor)
            self._local.store = found
        return found

    def cached(self, key: tuple[Any, ...], build: Callable[[], T], *, few: bool = False) -> T:
        """``build()`` once per key (the store is read-only); ``few`` keeps only the most
        recent :data:`FEW` such answers (for unbounded keys such as scenarios)."""
        table = self._few if few else self._cache
        if key in table:
            return table[key]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            if few:
                self._few[key] = value
                while len(self._few) > FEW:
                    self._few.popitem(last=False)
            else:
                if len(self._cache) > MANY:
                    self._cache.clear()
                self._cache[key] = value
        return value

    def peek(self, key: tuple[Any, ...]) -> Any:
        """A cached value or ``None`` (no store access; safe on the event loop)."""
        return self._cache.get(key)

    def database(self) -> Database:
        """The user-state database (opened on first use, schema checked once)."""
        if self._database is None:
            with self._lock:
                if self._database is None:
                    from hustings.storage.engine import open_database

                    opened = open_database(self.settings, pool_size=WRITERS + 4)
                    opened.require_schema()
                    self._database = opened
        return self._database

    def contact_writer(self) -> GroupCommit[ContactBatch, SyncResult]:
        """The group commit that contact batches arriving together share (one per worker)."""
        if self._contacts is None:
            from hustings.field.canvass import record_contact_batches
            from hustings.web.grouping import GroupCommit

            database = self.database()
            self._contacts = GroupCommit(
                lambda batches: record_contact_batches(database, batches),
                lanes=1 if database.dialect == "sqlite" else CONTACT_LANES,
                most=GROUP_RECORDS,
                weight=lambda batch: len(batch[1]),
            )
        return self._contacts

    def warm(self) -> None:
        """Open the user-state database, its pool and the contact writer before the first
        request, so that polling day's first syncs do not queue behind them; a database that
        does not exist yet is not created, and one that cannot be used is left for the first
        request to report."""
        from hustings.errors import HustingsError
        from hustings.field.canvass import prepare_contact_path
        from hustings.storage.engine import database_exists

        if not database_exists(self.settings.database_url):
            return
        try:
            self.database().warm(CONTACT_LANES + 2, prepare_contact_path)
        except HustingsError as exc:
            log.warning("user-state database not ready: %s", exc.one_line())
            return
        self.contact_writer()

    @cached_property
    def has_store(self) -> bool:
        """Whether the store file exists."""
        return self.settings.store_path.is_file()

    def close(self) -> None:
        """Close the shared connection."""
        with self._lock:
            if self._root is not None:
                self._root.close()
                self._root = None
            if self._contacts is not None:
                self._contacts.close()
                self._contacts = None
            if self._database is not None:
                self._database.dispose()
                self._database = None

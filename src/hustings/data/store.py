"""The embedded DuckDB store: built aside by :func:`sync`, validated, then swapped in."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hustings.data.fetch import Progress, resolve
from hustings.data.registry import Dataset, all_datasets
from hustings.data.schema import TABLES, create_statements
from hustings.domain import PARTIES, party_aliases
from hustings.errors import DataError, NoStoreError, WriteError
from hustings.settings import Settings

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

Step = Callable[[str], None]
"""Called with a dataset id as each dataset is loaded."""


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: the store written, datasets loaded and table row counts."""

    store: Path
    datasets: tuple[str, ...]
    rows: dict[str, int] = field(default_factory=dict)
    origin: str = "mirror"

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "store": str(self.store),
            "datasets": list(self.datasets),
            "rows": self.rows,
            "origin": self.origin,
        }


def sync(
    settings: Settings,
    *,
    datasets: Sequence[Dataset] | None = None,
    on_dataset: Step | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Fetch, parse, validate and atomically install the store; the old one survives failure."""
    import duckdb

    from hustings.data.validate import validate

    if settings.mirror is not None and not settings.mirror.is_dir():
        raise DataError(
            f"no mirror folder {settings.mirror}",
            hint="give the folder that holds the upstream files (e.g. shared/data), "
            "or leave --mirror out to download from the publishers",
        )
    chosen = tuple(datasets) if datasets is not None else all_datasets()
    aside = settings.store_path.with_name(f".{settings.store_path.name}.{os.getpid()}.building")
    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        remove_leftovers(settings)
        con = _connect_aside(aside, settings)
        try:
            _create(con)
            origin = "mirror" if settings.mirror else "download"
            for dataset in chosen:
                if on_dataset:
                    on_dataset(dataset.id)
                _load(con, dataset, settings, origin, progress)
            validate(con)
            rows = {t: _count(con, t) for t in TABLES}
            con.execute("CHECKPOINT")
        except duckdb.IOException as exc:
            raise _cannot_write(settings, str(exc)) from None
        finally:
            con.close()
        os.replace(aside, settings.store_path)
    except OSError as exc:
        raise _cannot_write(settings, exc.strerror or type(exc).__name__) from None
    finally:
        aside.unlink(missing_ok=True)
        Path(str(aside) + ".wal").unlink(missing_ok=True)
    return SyncReport(settings.store_path, tuple(d.id for d in chosen), rows, origin)


def remove_leftovers(settings: Settings) -> list[Path]:
    """Delete the half-built stores (``.building`` and their ``.wal``) of syncs that were
    killed, leaving those of syncs still running; returns what was removed."""
    removed = []
    for path in settings.home.glob(f".{settings.store_path.name}.*.building*"):
        pid = path.name.split(".")[-2 if path.suffix == ".building" else -3]
        if pid.isdigit() and _running(int(pid)) and int(pid) != os.getpid():
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _connect_aside(aside: Path, settings: Settings) -> duckdb.DuckDBPyConnection:
    import duckdb

    aside.unlink(missing_ok=True)
    try:
        return duckdb.connect(str(aside))
    except duckdb.IOException as exc:
        raise _cannot_write(settings, str(exc).splitlines()[0]) from None


def _cannot_write(settings: Settings, reason: str) -> WriteError:
    full = "No space" in reason or "disk is full" in reason.lower()
    return WriteError(
        f"cannot build the store in {settings.home}: "
        + ("the disk is full" if full else reason.rstrip("."))
        + "; the previous store, if any, is unchanged",
        hint="free some space and run it again"
        if full
        else "make the folder writable or set HUSTINGS_HOME to one that is",
        path=str(settings.home),
    )


def _create(con: duckdb.DuckDBPyConnection) -> None:
    for statement in create_statements():
        con.execute(statement)
    con.executemany(
        "INSERT INTO parties VALUES (?, ?, ?, ?)",
        [(p.code, p.name, p.colour, p.lineage) for p in PARTIES.values()],
    )
    con.executemany("INSERT INTO party_aliases VALUES (?, ?)", party_aliases())


def _load(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    settings: Settings,
    origin: str,
    progress: Progress | None,
) -> None:
    files = {f.path: resolve(f, settings, progress=progress) for f in dataset.files}
    frames = dataset.parse(files)
    stamp = datetime.now(UTC).replace(tzinfo=None)
    for table, frame in frames.items():
        _insert(con, dataset, table, frame)
    con.executemany(
        "INSERT INTO datasets VALUES (?, ?, ?, ?, ?)",
        [(dataset.id, f.path, f.sha256, origin, stamp) for f in dataset.files],
    )


def _insert(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, table: str, frame: pd.DataFrame
) -> None:
    import duckdb

    if table not in TABLES:
        raise DataError(f"dataset '{dataset.id}' produced unknown table '{table}'")
    columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(
            f"dataset '{dataset.id}': table '{table}' lacks column '{missing[0]}'",
            dataset=dataset.id,
        )
    con.register("incoming", frame[columns])
    try:
        names = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming")
    except duckdb.ConstraintException as exc:
        raise DataError(
            f"dataset '{dataset.id}': duplicate or missing key in table '{table}' ({exc})",
            hint="a seat or row appears twice in the source; fix the file or re-download it",
            dataset=dataset.id,
        ) from exc
    except duckdb.ConversionException as exc:
        raise DataError(
            f"dataset '{dataset.id}': a value in table '{table}' has the wrong type ({exc})",
            dataset=dataset.id,
        ) from exc
    finally:
        con.unregister("incoming")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def connect(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store, or :class:`NoStoreError` saying how to build it."""
    import duckdb

    if not settings.store_path.is_file():
        raise NoStoreError(
            f"no data store at {settings.store_path}",
            hint="build it with: hustings data sync",
        )
    try:
        con = duckdb.connect(str(settings.store_path), read_only=True)
        con.execute("SELECT count(*) FROM datasets").fetchone()
    except (duckdb.Error, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(
            f"the data store {settings.store_path} cannot be read ({first})",
            hint="rebuild it with: hustings data sync",
            path=str(settings.store_path),
        ) from None
    return con

"""One settings object: where the stores live and where the data mirror is."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MIRROR_ENV = "HUSTINGS_DATA_MIRROR"
HOME_ENV = "HUSTINGS_HOME"
DATABASE_ENV = "HUSTINGS_DATABASE_URL"


def _default_home() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("hustings", appauthor=False))


def find_mirror(explicit: str | Path | None = None) -> Path | None:
    """The data mirror: ``explicit``, else ``$HUSTINGS_DATA_MIRROR``, else a ``shared/data``
    folder beside the checkout (or beside the working directory). ``None`` when there is none.
    """
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(MIRROR_ENV)
    if env:
        return Path(env)
    starts = [Path.cwd(), Path(__file__).resolve().parent]
    for start in starts:
        for folder in [start, *start.parents]:
            candidate = folder / "shared" / "data"
            if (candidate / "MANIFEST.tsv").is_file():
                return candidate
    return None


@dataclass(frozen=True)
class Settings:
    """Where hustings keeps its store and finds its data; built once and passed explicitly."""

    home: Path = field(default_factory=_default_home)
    mirror: Path | None = field(default_factory=find_mirror)
    database: str | None = field(default_factory=lambda: os.environ.get(DATABASE_ENV) or None)

    @property
    def store_path(self) -> Path:
        """The embedded DuckDB file with the canonical election tables."""
        return self.home / "hustings.duckdb"

    @property
    def database_url(self) -> str:
        """The database of user-created state: ``$HUSTINGS_DATABASE_URL`` (e.g. PostgreSQL for
        a shared deployment), else an embedded SQLite file in the data folder."""
        if self.database:
            return self.database
        return f"sqlite:///{self.home / 'hustings.db'}"

    @property
    def cache_dir(self) -> Path:
        """Where downloaded upstream files are kept, by sha256."""
        return self.home / "cache"

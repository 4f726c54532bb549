"""The registry of datasets: what each is, who publishes it, its licence, files and parser.

Each parser module under ``hustings.data.parsers`` declares its own ``DATASETS`` beside the
code that reads them; this module gathers them in a fixed order (later parsers may read
tables made by earlier ones, e.g. to map names to codes).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hustings.data.sources import SOURCES, SourceFile
from hustings.errors import NotFoundError

if TYPE_CHECKING:
    import pandas as pd

Parser = Callable[[Mapping[str, Path]], "dict[str, pd.DataFrame]"]

PARSER_MODULES = (
    "hustings.data.parsers.results",
    "hustings.data.parsers.notional",
    "hustings.data.parsers.euref",
    "hustings.data.parsers.census",
    "hustings.data.parsers.polls",
    "hustings.data.parsers.byelections",
    "hustings.data.parsers.hexmaps",
    "hustings.data.parsers.overlaps",
    "hustings.data.parsers.predictions",
    "hustings.data.parsers.tactical",
    "hustings.data.parsers.postcodes",
)


@dataclass(frozen=True)
class Dataset:
    """One dataset: its upstream files and the function that turns them into canonical rows."""

    id: str
    title: str
    publisher: str
    url: str
    licence: str
    credit: str
    paths: tuple[str, ...]
    tables: tuple[str, ...]
    parse: Parser

    @property
    def files(self) -> tuple[SourceFile, ...]:
        """The upstream files with their checksums and pinned download URLs."""
        return tuple(SOURCES[p] for p in self.paths)

    def to_json(self, *, with_files: bool = False) -> dict[str, Any]:
        """Plain-JSON form: who publishes it, under what licence, and how to credit it."""
        body: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "licence": self.licence,
            "credit": self.credit,
        }
        if with_files:
            body["tables"] = list(self.tables)
            body["files"] = [{"path": f.path, "sha256": f.sha256, "url": f.url} for f in self.files]
        return body


def all_datasets() -> tuple[Dataset, ...]:
    """Every registered dataset, in load order."""
    found: list[Dataset] = []
    for name in PARSER_MODULES:
        module = importlib.import_module(name)
        found.extend(module.DATASETS)
    return tuple(found)


def get_dataset(dataset_id: str) -> Dataset:
    """The dataset with this id, or a :class:`NotFoundError` listing the known ids."""
    datasets = {d.id: d for d in all_datasets()}
    if dataset_id not in datasets:
        raise NotFoundError(
            f"no dataset '{dataset_id}'",
            hint="known datasets: " + ", ".join(sorted(datasets)),
        )
    return datasets[dataset_id]

"""HexJSON constituency cartograms: one ``hexes`` row per seat and layout.

Three layouts: ``odi-2010`` (Open Innovations, 2010-2019 seats, odd-r), ``bbc-2019`` (the BBC's
2019 hex map as redrawn by Open Innovations, 2010-2019 seats, odd-q) and ``odi-2024``
(Open Innovations, 2024 seats, odd-r). ``q`` is the column and ``r`` the row in the layout's
offset coordinates; ``orientation`` is the file's ``layout`` field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._secondary import conform
from hustings.data.registry import Dataset
from hustings.errors import DataError

# layout id -> (source key, boundary set)
LAYOUTS: dict[str, tuple[str, str]] = {
    "odi-2010": ("hexmaps/constituencies_2010_2019.hexjson", "2010"),
    "bbc-2019": ("hexmaps/constituencies_2019_bbc_layout.hexjson", "2010"),
    "odi-2024": ("hexmaps/constituencies_2024.hexjson", "2024"),
}
ORIENTATIONS = ("odd-r", "even-r", "odd-q", "even-q")


def _bad(path: Path, where: str, value: object) -> DataError:
    return DataError(
        f"{path.name}: {where}: '{value}' is not valid HexJSON",
        hint="the file may be truncated or edited; sync it again from the publisher",
        file=str(path),
        value=str(value),
    )


def read_hexjson(path: Path, layout: str, boundary_set: str) -> pd.DataFrame:
    """The hexes of one HexJSON file, checked: integer q and r, a known orientation."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, "cannot be parsed", exc) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("hexes"), dict):
        raise _bad(path, "no 'hexes' object", type(doc).__name__)
    orientation = doc.get("layout")
    if orientation not in ORIENTATIONS:
        raise _bad(path, "field 'layout'", orientation)
    rows = []
    for gss, cell in doc["hexes"].items():
        q, r = (cell.get(k) if isinstance(cell, dict) else None for k in ("q", "r"))
        if not isinstance(q, int) or not isinstance(r, int):
            raise _bad(path, f"hex {gss} coordinates", f"q={q}, r={r}")
        rows.append({"gss": gss, "name": cell.get("n"), "q": q, "r": r})
    frame = pd.DataFrame(rows)
    return frame.assign(layout=layout, boundary_set=boundary_set, orientation=orientation)


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Every hex of the three layouts."""
    frames = [read_hexjson(files[key], layout, bs) for layout, (key, bs) in LAYOUTS.items()]
    return {"hexes": conform(pd.concat(frames, ignore_index=True), "hexes")}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="hexmaps",
        title="HexJSON constituency cartograms (2010-2019 ODI and BBC layouts, 2024 layout)",
        publisher="Open Innovations (formerly ODI Leeds)",
        url="https://open-innovations.org/projects/hexmaps/",
        licence="MIT (odileeds/hexmaps); 2024 layout: same positions as the MIT 2023 file",
        credit="Hex maps by Open Innovations (odileeds/hexmaps, open-innovations/constituencies)",
        paths=tuple(key for key, _ in LAYOUTS.values()),
        tables=("hexes",),
        parse=parse,
    ),
)

"""The ONS July 2024 constituency boundaries (ultra-generalised, BUC) as polygons and centroids.

The shapefile is in British National Grid metres. Its attribute table gives each seat's code
(``PCON24CD``), name, Welsh name, and the ONS label point (``BNG_E``/``BNG_N``, ``LAT``/``LONG``):
a point guaranteed inside the seat, not a population-weighted centre. pyshp reads the file;
shapely 2 holds the polygons for vectorised point-in-polygon and nearest-polygon queries.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from hustings.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import shapely

_BUC = "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC"
BOUNDARY_FILES: dict[str, str] = {
    ext: f"{_BUC}.{ext}" for ext in ("shp", "shx", "dbf", "prj", "cpg")
}
FIELDS = ("PCON24CD", "PCON24NM", "PCON24NMW", "BNG_E", "BNG_N", "LAT", "LONG")
SEATS_2024 = 650


@dataclass(frozen=True)
class Boundaries:
    """Great Britain's 2024 seats as polygons (Northern Ireland's grid is not BNG)."""

    gss: tuple[str, ...]
    polygons: npt.NDArray[np.object_]
    tree: shapely.STRtree

    def index(self) -> dict[str, int]:
        """Position of each seat code in :attr:`gss` and :attr:`polygons`."""
        return {code: i for i, code in enumerate(self.gss)}


def _fail(path: Path, problem: str) -> DataError:
    return DataError(
        f"{path.name}: {problem}",
        hint="the boundary file is damaged or not the published version; sync it again",
        file=str(path),
    )


def read_boundaries(files: Mapping[str, Path]) -> tuple[pd.DataFrame, Boundaries]:
    """The seats' attribute rows (centroid table) and the GB polygons of one BUC shapefile."""
    import numpy as np
    import shapefile
    import shapely
    from shapely.geometry import shape

    paths = {ext: files[key] for ext, key in BOUNDARY_FILES.items()}
    if "British_National_Grid" not in paths["prj"].read_text(encoding="ascii", errors="replace"):
        raise _fail(paths["prj"], "the boundaries are not in British National Grid metres")
    encoding = paths["cpg"].read_text(encoding="ascii", errors="replace").strip() or "utf-8"
    with contextlib.ExitStack() as stack:
        handles = {e: stack.enter_context(paths[e].open("rb")) for e in ("shp", "shx", "dbf")}
        try:
            reader = shapefile.Reader(**handles, encoding=encoding.lower())
            names = [f[0] for f in reader.fields[1:]]
            records = [dict(zip(names, r, strict=True)) for r in reader.records()]
            geometries = [shape(s.__geo_interface__) for s in reader.shapes()]
        except (shapefile.ShapefileException, ValueError, OSError, UnicodeDecodeError) as exc:
            raise _fail(paths["shp"], f"cannot be read as a shapefile ({exc})") from exc
    missing = [f for f in FIELDS if f not in names]
    if missing:
        raise _fail(paths["dbf"], f"missing attribute '{missing[0]}'")
    attrs = pd.DataFrame(records)
    if len(attrs) != SEATS_2024 or attrs["PCON24CD"].nunique() != SEATS_2024:
        raise _fail(paths["dbf"], f"{attrs['PCON24CD'].nunique()} seats, expected {SEATS_2024}")
    centroids = centroid_rows(attrs)
    gb = ~attrs["PCON24CD"].str.startswith("N").to_numpy()
    polygons = np.array(shapely.make_valid(np.array(geometries, dtype=object)), dtype=object)[gb]
    return centroids, Boundaries(tuple(attrs["PCON24CD"][gb]), polygons, shapely.STRtree(polygons))


def centroid_rows(attrs: pd.DataFrame) -> pd.DataFrame:
    """``seat_centroids`` rows from the shapefile's attribute table (values unchanged)."""
    welsh: Any = attrs["PCON24NMW"].map(lambda v: str(v).strip() or None if v else None)
    return pd.DataFrame(
        {
            "gss": attrs["PCON24CD"].str.strip(),
            "name": attrs["PCON24NM"].str.strip(),
            "name_welsh": welsh,
            "easting": pd.to_numeric(attrs["BNG_E"]),
            "northing": pd.to_numeric(attrs["BNG_N"]),
            "lat": pd.to_numeric(attrs["LAT"]),
            "lon": pd.to_numeric(attrs["LONG"]),
        }
    )

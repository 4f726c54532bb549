"""Great Britain's postcodes, sectors and districts placed in the 2024 constituencies.

Derived here from three upstream files, following the method of the mirror's ``geo/README.md``:

1. OS Code-Point Open (mid-2023): every GB postcode with its grid reference (British National
   Grid metres) and its 2023 ward. Postcodes without coordinates (quality 90) are dropped.
2. Each postcode takes its ward's seat when 12v/boundary-mapper's ward table puts the whole
   ward in one 2024 seat (``placed_by = 'ward'``). In a split ward it takes the candidate seat
   whose ONS BUC polygon contains it (``'ward-polygon'``), else the nearest candidate polygon
   (``'ward-nearest'``). A ward the table does not know falls back to the polygon containing
   the point (``'polygon'``), else the nearest polygon (``'nearest'``).
3. Sectors (``LS6 1``) and districts (``LS6``) get one row per seat they reach, with the
   count of their postcodes in it and its share (shares are of postcodes, not of addresses).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from hustings.data.parsers._frames import read_csv, require_columns
from hustings.data.parsers._secondary import conform, table_columns
from hustings.data.parsers.boundaries import BOUNDARY_FILES, Boundaries, read_boundaries
from hustings.data.registry import Dataset
from hustings.data.sources import CODEPOINT_AREAS, CODEPOINT_DIR
from hustings.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

CODEPOINT = tuple(f"{CODEPOINT_DIR}/{area}.csv" for area in CODEPOINT_AREAS)
WARDS = "upstream/12v/boundary-mapper/output/ward_to_constituencies_mapping.csv"
NO_COORDINATES = 90
_CODEPOINT_COLUMNS = {0: "postcode", 1: "quality", 2: "easting", 3: "northing", 9: "ward"}
_CODEPOINT_TYPES: dict[int, Any] = {0: object, 1: "int64", 2: "int64", 3: "int64", 9: object}


def read_codepoint(path: Path) -> pd.DataFrame:
    """One Code-Point Open area file: postcode, quality, easting, northing, ward."""
    try:
        return pd.read_csv(
            path,
            header=None,
            usecols=list(_CODEPOINT_COLUMNS),
            dtype=_CODEPOINT_TYPES,
            keep_default_na=False,
        ).rename(columns=_CODEPOINT_COLUMNS)
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(
            f"{path.name}: not a Code-Point Open file ({exc})",
            hint="the file is damaged or not the published version; sync it again",
            file=str(path),
        ) from exc


def split_postcodes(
    postcodes: npt.NDArray[np.str_],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.str_], npt.NDArray[np.str_]]:
    """Outward and inward codes of postcodes written 'LS6 1AA', and which are well formed."""
    import numpy as np

    outward, space, inward = np.strings.rpartition(postcodes, " ")
    letters = np.strings.lstrip(inward, "0123456789")
    good = (
        (space == " ")
        & np.isin(np.strings.str_len(outward), (2, 3, 4))
        & np.strings.isalnum(outward)
        & np.strings.isalpha(outward.astype("U1"))
        & (np.strings.str_len(inward) == 3)
        & (np.strings.str_len(letters) == 2)
        & np.strings.isalpha(letters)
    )
    return good, outward, inward


def read_postcodes(paths: list[Path]) -> pd.DataFrame:
    """Every postcode with coordinates, with its sector and district."""
    import numpy as np

    frames = [read_codepoint(p).assign(area=i) for i, p in enumerate(paths)]
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[frame["quality"] != NO_COORDINATES].reset_index(drop=True)
    postcodes = np.strings.upper(frame["postcode"].to_numpy().astype("U8"))
    good, outward, inward = split_postcodes(postcodes)
    if not good.all():
        row = frame.iloc[int(np.flatnonzero(~good)[0])]
        path = paths[int(row["area"])]
        raise DataError(
            f"{path.name}: '{row['postcode']}' is not a postcode written like 'LS6 1AA'",
            hint="the file is damaged or not the published version; sync it again",
            file=str(path),
            value=str(row["postcode"]),
        )
    frame["postcode"] = postcodes.astype(object)
    frame["district"] = outward.astype(object)
    frame["sector"] = np.strings.add(np.strings.add(outward, " "), inward.astype("U1")).astype(
        object
    )
    return frame


def name_key(name: str) -> str:
    """A seat name reduced for matching across publishers: no accents, case or punctuation."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower().replace("&", "and"))


def read_wards(path: Path, seat_codes: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Ward code -> the 2024 seats (ONS codes) its postcodes fall in, most postcodes first.

    ``seat_codes`` maps :func:`name_key` of each seat's ONS name to its code.
    """
    frame = read_csv(path)
    columns = [f"constituency{i}" for i in range(1, 5)]
    require_columns(frame, path, ["wardId", *columns])
    wards: dict[str, tuple[str, ...]] = {}
    rows = zip(*(frame[c].str.strip().tolist() for c in ["wardId", *columns]), strict=True)
    for line, (ward, *names) in enumerate(rows, start=2):
        unknown = [n for n in names if n and name_key(n) not in seat_codes]
        if unknown:
            raise DataError(
                f"{path.name}: line {line}: '{unknown[0]}' is not a 2024 constituency",
                hint="the ward table is not the published version; sync it again",
                file=str(path),
                line=line,
                value=unknown[0],
            )
        codes = tuple(seat_codes[name_key(n)] for n in names if n)
        if codes:
            wards[ward] = codes
    return wards


def place(
    frame: pd.DataFrame, wards: Mapping[str, tuple[str, ...]], seats: Boundaries
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """Each postcode's 2024 seat and how it was placed (see the module's method)."""
    import numpy as np
    import shapely

    codes, names = pd.factorize(frame["ward"])
    options = [wards.get(str(w)) for w in names]
    single = np.array([o is not None and len(o) == 1 for o in options] + [False])
    first = np.array([o[0] if o else None for o in options] + [None], dtype=object)
    gss, how = first[codes], np.full(len(codes), None, dtype=object)
    gss[~single[codes]] = None
    how[single[codes]] = "ward"
    todo = np.flatnonzero(~single[codes])
    points = shapely.points(frame["easting"].to_numpy()[todo], frame["northing"].to_numpy()[todo])
    allowed = [None if c < 0 or options[c] is None else set(options[c]) for c in codes[todo]]
    hit, polygon = seats.tree.query(points, predicate="intersects")
    for i, j in zip(hit, polygon, strict=True):
        if gss[todo[i]] is None and (allowed[i] is None or seats.gss[j] in allowed[i]):
            gss[todo[i]] = seats.gss[j]
            how[todo[i]] = "polygon" if allowed[i] is None else "ward-polygon"
    index = seats.index()
    for i in np.flatnonzero(pd.isna(gss[todo])):
        ranked = sorted(g for g in allowed[i] or () if g in index)
        if ranked:
            distance = shapely.distance(points[i], seats.polygons[[index[g] for g in ranked]])
            gss[todo[i]], how[todo[i]] = ranked[int(np.argmin(distance))], "ward-nearest"
        else:
            nearest = int(seats.tree.query_nearest(points[i])[0])
            gss[todo[i]], how[todo[i]] = seats.gss[nearest], "nearest"
    return gss, how


def units(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Per sector or district and seat: postcodes in the seat, share, the unit's mean position."""
    counts = frame.groupby([unit, "gss"]).size().rename("postcodes").reset_index()
    totals = frame.groupby(unit).agg(
        total=("postcode", "size"), easting=("easting", "mean"), northing=("northing", "mean")
    )
    out = counts.join(totals, on=unit)
    out["share"] = out["postcodes"] / out["total"]
    return out.sort_values([unit, "postcodes", "gss"], ascending=[True, False, True])


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Postcode, sector and district tables for the 2024 seats, and the seats' centroids."""
    centroids, seats = read_boundaries(files)
    codes = {name_key(n): g for g, n in zip(centroids["gss"], centroids["name"], strict=True)}
    wards = read_wards(files[WARDS], codes)
    frame = read_postcodes([files[p] for p in CODEPOINT])
    frame["gss"], frame["placed_by"] = place(frame, wards, seats)
    frame["ward"] = frame["ward"].where(frame["ward"] != "", None)
    return {
        "seat_centroids": conform(centroids, "seat_centroids"),
        "postcodes": frame[list(table_columns("postcodes"))],
        "postcode_sectors": conform(units(frame, "sector"), "postcode_sectors"),
        "postcode_districts": conform(units(frame, "district"), "postcode_districts"),
    }


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="geo-postcodes-2024",
        title="GB postcodes, sectors and districts in the 2024 constituencies; seat centroids",
        publisher="Ordnance Survey (Code-Point Open); Office for National Statistics "
        "(July 2024 constituency boundaries, BUC); 12v/boundary-mapper (wards to 2024 seats)",
        url="https://www.ordnancesurvey.co.uk/products/code-point-open",
        licence="Open Government Licence v3.0 (ward table: derived from OGL ONSPD and "
        "boundary-commission data, no licence file; cite the repository)",
        credit="Contains OS data © Crown copyright and database right 2023; Contains Royal "
        "Mail data © Royal Mail copyright and database right 2023; Contains National "
        "Statistics data © Crown copyright and database right 2023. Source: Office for "
        "National Statistics licensed under the Open Government Licence v.3.0; contains OS "
        "data © Crown copyright and database right 2024. Ward table: 12v/boundary-mapper.",
        paths=(*BOUNDARY_FILES.values(), WARDS, *CODEPOINT),
        tables=("seat_centroids", "postcodes", "postcode_sectors", "postcode_districts"),
        parse=parse,
    ),
)

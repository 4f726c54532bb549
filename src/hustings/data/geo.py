"""Where a postcode is: its 2024 seat (or seats, with shares), its position, seat centroids.

Reads the tables of the ``geo-postcodes-2024`` dataset. Positions are British National Grid
metres (easting, northing), with WGS84 latitude and longitude converted by PROJ (about 2 m).
Great Britain only: Code-Point Open has no Northern Ireland postcodes.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from hustings.errors import InvalidInputError, NoStoreError, NotFoundError

if TYPE_CHECKING:
    from pyproj import Transformer

    from hustings.data.api import Store

Kind = Literal["postcode", "sector", "district"]
Point = tuple[float, float]

_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL = re.compile(rf"^({_OUTWARD}) ?([0-9][A-Z]{{2}})$")
_SECTOR = re.compile(rf"^({_OUTWARD}) ([0-9])$")
_DISTRICT = re.compile(rf"^{_OUTWARD}$")
_EXAMPLES = "write it like 'LS6 1AA' (postcode), 'LS6 1' (sector) or 'LS6' (district)"


@dataclass(frozen=True)
class SeatShare:
    """A 2024 seat and the share of the place's postcodes in it."""

    gss: str
    name: str
    share: float
    postcodes: int

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "gss": self.gss,
            "name": self.name,
            "share": round(self.share, 4),
            "postcodes": self.postcodes,
        }


@dataclass(frozen=True)
class PostcodeLocation:
    """A located postcode, sector or district: its position and its 2024 seats by share.

    For a sector or district the position is the mean of its postcodes'; ``ward`` and
    ``placed_by`` (how the postcode was assigned its seat) are set for full postcodes only.
    """

    query: str
    kind: Kind
    easting: float
    northing: float
    lat: float
    lon: float
    seats: tuple[SeatShare, ...]
    postcodes: int
    ward: str | None = None
    placed_by: str | None = None

    @property
    def seat(self) -> SeatShare:
        """The seat with the largest share."""
        return self.seats[0]

    @property
    def point(self) -> Point:
        """(easting, northing) in metres, for :func:`distance_km`."""
        return (self.easting, self.northing)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form (the ``hustings postcode --json`` shape)."""
        return {
            "query": self.query,
            "kind": self.kind,
            "easting": round(self.easting, 1),
            "northing": round(self.northing, 1),
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "postcodes": self.postcodes,
            "ward": self.ward,
            "placed_by": self.placed_by,
            "seats": [s.to_json() for s in self.seats],
        }


@dataclass(frozen=True)
class SeatCentroid:
    """A 2024 seat's ONS label point: inside the seat, not population-weighted."""

    gss: str
    name: str
    easting: float
    northing: float
    lat: float
    lon: float

    @property
    def point(self) -> Point:
        """(easting, northing) in metres, for :func:`distance_km`."""
        return (self.easting, self.northing)

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "gss": self.gss,
            "name": self.name,
            "easting": self.easting,
            "northing": self.northing,
            "lat": self.lat,
            "lon": self.lon,
        }


def parse_postcode(text: str) -> tuple[str, Kind]:
    """``text`` normalised ('ls61aa' -> 'LS6 1AA') and whether it is a postcode, sector or
    district; :class:`InvalidInputError` naming it when it is none of them."""
    compact = " ".join(text.upper().split())
    if not compact:
        raise InvalidInputError("no postcode given", hint=_EXAMPLES)
    full = _FULL.match(compact)
    if full:
        return f"{full[1]} {full[2]}", "postcode"
    if _SECTOR.match(compact):
        return compact, "sector"
    if _DISTRICT.match(compact):
        return compact, "district"
    raise InvalidInputError(
        f"'{text.strip()}' is not a postcode, sector or district", hint=_EXAMPLES, value=text
    )


def locate_postcode(store: Store, text: str) -> PostcodeLocation:
    """The 2024 seat(s) of a full postcode, a sector or a district, largest share first.

    Raises :class:`InvalidInputError` for malformed text and :class:`NotFoundError` for a
    well-formed one that is not a known GB postcode (Northern Ireland's are named as such).
    """
    query, kind = parse_postcode(text)
    if kind == "postcode":
        found = _postcode(store, query)
    else:
        found = _unit(store, query, kind)
        if found is None and kind == "district" and query[-1].isdigit() and len(query) > 2:
            found = _unit(store, f"{query[:-1]} {query[-1]}", "sector")
    if found is None:
        raise _unknown(store, query, kind)
    return found


def locate_postcodes(store: Store, texts: Iterable[str]) -> dict[str, PostcodeLocation]:
    """Many full postcodes located in one query, keyed by the text as given.

    Texts that are malformed, not full postcodes, or not known are left out;
    :func:`locate_postcode` on one of them says why.
    """
    wanted: dict[str, list[str]] = {}
    for text in texts:
        try:
            query, kind = parse_postcode(text)
        except InvalidInputError:
            continue
        if kind == "postcode":
            wanted.setdefault(query, []).append(text)
    found = _postcodes(store, list(wanted))
    return {text: found[q] for q, given in wanted.items() if q in found for text in given}


def _postcodes(store: Store, queries: list[str]) -> dict[str, PostcodeLocation]:
    if not queries:
        return {}
    rows = _query(
        store,
        "SELECT p.postcode, p.gss, coalesce(k.name, c.name), p.easting, p.northing, p.ward, "
        "p.placed_by FROM postcodes p JOIN seat_centroids c USING (gss) "
        "LEFT JOIN constituencies k ON k.gss = p.gss AND k.boundary_set = '2024' "
        "WHERE p.postcode IN (SELECT unnest(?::VARCHAR[]))",
        [queries],
    )
    lats, lons = _wgs84([r[3] for r in rows], [r[4] for r in rows])
    return {
        r[0]: PostcodeLocation(
            r[0], "postcode", r[3], r[4], lat, lon, (SeatShare(r[1], r[2], 1.0, 1),), 1, r[5], r[6]
        )
        for r, lat, lon in zip(rows, lats, lons, strict=True)
    }


def _postcode(store: Store, query: str) -> PostcodeLocation | None:
    return _postcodes(store, [query]).get(query)


def _unit(store: Store, query: str, kind: Kind) -> PostcodeLocation | None:
    table = "postcode_sectors" if kind == "sector" else "postcode_districts"
    rows = _query(
        store,
        f"SELECT u.gss, coalesce(k.name, c.name), u.share, u.postcodes, u.easting, u.northing "
        f"FROM {table} u JOIN seat_centroids c USING (gss) LEFT JOIN constituencies k "
        f"ON k.gss = u.gss AND k.boundary_set = '2024' WHERE u.{kind} = ? "
        "ORDER BY u.share DESC, u.gss",
        [query],
    )
    if not rows:
        return None
    seats = tuple(SeatShare(r[0], r[1], float(r[2]), int(r[3])) for r in rows)
    easting, northing = float(rows[0][4]), float(rows[0][5])
    lat, lon = to_wgs84(easting, northing)
    total = sum(s.postcodes for s in seats)
    return PostcodeLocation(query, kind, easting, northing, lat, lon, seats, total)


def _unknown(store: Store, query: str, kind: Kind) -> NotFoundError:
    if query.startswith("BT") and query[2:3].isdigit():
        return NotFoundError(
            f"'{query}' is in Northern Ireland, which Code-Point Open does not cover",
            hint="find the seat by name instead (hustings seat NAME)",
            value=query,
        )
    if kind != "postcode":
        return NotFoundError(
            f"'{query}' is not a known GB postcode {kind}", hint=_EXAMPLES, value=query
        )
    sector = query[:-2]
    known = _query(store, "SELECT 1 FROM postcode_sectors WHERE sector = ? LIMIT 1", [sector])
    hint = (
        f"postcodes made after mid-2023 and ones without a location are missing; its sector "
        f"'{sector}' is known: try that"
        if known
        else "check it against the address, or give its district (e.g. 'LS6')"
    )
    return NotFoundError(f"'{query}' is not a known GB postcode", hint=hint, value=query)


def _query(store: Store, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    import duckdb

    try:
        return store.query(sql, params)
    except duckdb.CatalogException as exc:
        raise NoStoreError(
            "the data store has no postcode tables (it was built by an older hustings)",
            hint="rebuild it with: hustings data sync",
        ) from exc


def seat_centroids(store: Store) -> dict[str, SeatCentroid]:
    """Every 2024 seat's centroid (all 650, Northern Ireland's too) by GSS code."""
    rows = _query(
        store,
        "SELECT c.gss, coalesce(k.name, c.name), c.easting, c.northing, c.lat, c.lon "
        "FROM seat_centroids c LEFT JOIN constituencies k ON k.gss = c.gss "
        "AND k.boundary_set = '2024' ORDER BY c.gss",
        [],
    )
    return {r[0]: SeatCentroid(*r) for r in rows}


def seat_centroid(store: Store, gss: str) -> SeatCentroid:
    """One 2024 seat's centroid; :class:`NotFoundError` for a code that is not a 2024 seat."""
    centroids = seat_centroids(store)
    code = gss.strip().upper()
    if code not in centroids:
        raise NotFoundError(
            f"'{gss}' is not a 2024 constituency code",
            hint="give a GSS code such as E14001319 (hustings seat NAME shows a seat's code)",
            value=gss,
        )
    return centroids[code]


def distance_km(a: Point, b: Point) -> float:
    """Straight-line distance in km between two (easting, northing) points in metres.

    On the British National Grid; its scale error is under 0.1% anywhere in Great Britain.
    """
    return math.hypot(a[0] - b[0], a[1] - b[1]) / 1000.0


def to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """(lat, lon) in WGS84 degrees of a British National Grid point (PROJ, about 2 m)."""
    lats, lons = _wgs84([easting], [northing])
    return lats[0], lons[0]


def _wgs84(eastings: list[float], northings: list[float]) -> tuple[list[float], list[float]]:
    if not eastings:
        return [], []
    lons, lats = _transformer().transform(eastings, northings)
    return [float(v) for v in lats], [float(v) for v in lons]


@functools.cache
def _transformer() -> Transformer:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)

"""Postcodes to 2024 seats: our derivation checked against the mirror's independent tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from hustings.cli.main import app
from hustings.data import (
    Store,
    distance_km,
    locate_postcode,
    locate_postcodes,
    parse_postcode,
    seat_centroid,
    seat_centroids,
)
from hustings.errors import InvalidInputError, NotFoundError
from hustings.settings import HOME_ENV, Settings


@pytest.fixture(scope="module")
def store(synced: Settings) -> Store:
    return Store(synced)


def _compare(store: Store, mirror: Path, unit: str, table: str, derived: str) -> pd.DataFrame:
    ours = pd.DataFrame(
        store.query(f"SELECT {unit}, gss, share FROM {table}"), columns=[unit, "gss", "share"]
    )
    theirs = pd.read_csv(mirror / "geo" / derived)[[unit, "pcon24cd", "share"]]
    theirs = theirs.rename(columns={"pcon24cd": "gss"})
    both = ours.merge(theirs, on=[unit, "gss"], how="outer", suffixes=("", "_mirror"))
    return both.fillna({"share": 0.0, "share_mirror": 0.0})


def _majority(frame: pd.DataFrame, unit: str, column: str) -> pd.Series:
    return frame.sort_values(column, ascending=False).drop_duplicates(unit).set_index(unit)["gss"]


@pytest.mark.parametrize(
    ("unit", "table", "derived", "units"),
    [
        ("sector", "postcode_sectors", "postcode_sector_pcon2024.csv", 10_849),
        ("district", "postcode_districts", "postcode_district_pcon2024.csv", 2_866),
    ],
)
def test_units_agree_with_the_mirror(
    store: Store, mirror: Path, unit: str, table: str, derived: str, units: int
) -> None:
    both = _compare(store, mirror, unit, table, derived)
    assert both[unit].nunique() == units
    ours, theirs = _majority(both, unit, "share"), _majority(both, unit, "share_mirror")
    agree = (ours == theirs.reindex(ours.index)).mean()
    assert agree >= 0.99
    # The mirror rounds shares to 4 decimals.
    assert (both["share"] - both["share_mirror"]).abs().max() < 0.0001


def test_shares_sum_to_one_and_every_gb_seat_is_reached(store: Store) -> None:
    for table, unit in (("postcode_sectors", "sector"), ("postcode_districts", "district")):
        rows = store.query(
            f"SELECT {unit}, sum(share) s FROM {table} GROUP BY 1 HAVING abs(s - 1) > 1e-9"
        )
        assert rows == []
    assert store.query("SELECT count(DISTINCT gss), count(*) FROM postcodes") == [(632, 1_733_408)]


def test_postcodes_placed_as_the_method_says(store: Store) -> None:
    placed = dict(store.query("SELECT placed_by, count(*) FROM postcodes GROUP BY 1"))
    # geo/README.md: 1,628,144 postcodes in wards wholly in one seat; 293 in wards the ward
    # table does not know, each inside a BUC polygon.
    assert placed["ward"] == 1_628_144
    assert placed["polygon"] == 293
    assert "nearest" not in placed
    assert placed["ward-polygon"] + placed["ward-nearest"] == 1_733_408 - 1_628_144 - 293


def test_centroids_are_the_ons_label_points(store: Store, mirror: Path) -> None:
    theirs = pd.read_csv(mirror / "geo" / "pcon2024_centroids_ons.csv").set_index("pcon24cd")
    ours = seat_centroids(store)
    assert set(ours) == set(theirs.index)
    for gss, c in ours.items():
        row = theirs.loc[gss]
        assert (c.easting, c.northing, c.lat, c.lon) == (
            row["bng_e"],
            row["bng_n"],
            row["lat"],
            row["lon"],
        )


def test_leeds_and_cardiff_spot_checks(store: Store) -> None:
    ls6 = locate_postcode(store, "ls6")
    assert ls6.kind == "district"
    assert [(s.name, round(s.share, 2)) for s in ls6.seats] == [
        ("Leeds Central and Headingley", 0.83),
        ("Leeds North East", 0.17),
    ]
    sector = locate_postcode(store, "LS6 1")
    assert sector.kind == "sector" and sector.seat.share == 1.0
    assert sector.seat.name == "Leeds Central and Headingley"
    cf10 = locate_postcode(store, "CF10")
    assert cf10.seat.name == "Cardiff South and Penarth"
    assert round(cf10.seat.share, 2) == 0.99


def test_full_postcode_any_case_and_spacing(store: Store) -> None:
    found = locate_postcode(store, "  ls6   1aa ")
    assert found.query == "LS6 1AA" and found.kind == "postcode"
    assert found.seat.gss == "E14001319"
    assert (found.easting, found.northing) == (428111, 435815)
    assert found.placed_by == "ward"
    assert 53.81 < found.lat < 53.83 and -1.58 < found.lon < -1.57
    assert locate_postcode(store, "LS61AA").query == "LS6 1AA"


def test_palace_of_westminster_is_in_its_own_seat(store: Store) -> None:
    # SW1A 0AA, the Houses of Parliament: Cities of London and Westminster.
    assert locate_postcode(store, "SW1A 0AA").seat.gss == "E14001172"


def test_many_postcodes_in_one_query(store: Store) -> None:
    texts = ["ls6 1aa", "LS6 1AA", "sw1a0aa", "ZZ99 9ZZ", "LS6", "not a postcode"]
    found = locate_postcodes(store, texts)
    assert set(found) == {"ls6 1aa", "LS6 1AA", "sw1a0aa"}
    assert found["ls6 1aa"] == locate_postcode(store, "LS6 1AA")
    assert found["sw1a0aa"].seat.name == "Cities of London and Westminster"
    assert locate_postcodes(store, []) == {}


def test_sector_written_without_its_space(store: Store) -> None:
    assert locate_postcode(store, "ls61").query == "LS6 1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ZZ99 9ZZ", "'ZZ99 9ZZ' is not a known GB postcode"),
        ("BT7 1NN", "'BT7 1NN' is in Northern Ireland, which Code-Point Open does not cover"),
        ("BT7", "'BT7' is in Northern Ireland, which Code-Point Open does not cover"),
        ("QQ1 1", "'QQ1 1' is not a known GB postcode sector"),
    ],
)
def test_unknown_places_name_the_culprit(store: Store, text: str, message: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        locate_postcode(store, text)
    assert caught.value.message == message


def test_a_missing_postcode_points_to_its_known_sector(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        locate_postcode(store, "LS6 1ZZ")
    assert "its sector 'LS6 1' is known" in caught.value.one_line()


def test_seat_centroid_and_distance(store: Store) -> None:
    leeds = seat_centroid(store, "e14001319")
    assert leeds.name == "Leeds Central and Headingley"
    assert (leeds.easting, leeds.northing) == (426677, 436783)
    home = locate_postcode(store, "LS6 1AA")
    # (428111 - 426677, 435815 - 436783) metres: hypot(1434, 968) = 1730.1 m.
    assert round(distance_km(home.point, leeds.point), 2) == 1.73
    with pytest.raises(NotFoundError, match="'X1' is not a 2024 constituency code"):
        seat_centroid(store, "X1")


def test_postcode_command_json_and_errors(synced: Settings) -> None:
    runner = CliRunner()
    env = {HOME_ENV: str(synced.home)}
    out = runner.invoke(app, ["postcode", "LS6", "--json"], env=env)
    assert out.exit_code == 0
    body = json.loads(out.stdout)
    assert body["kind"] == "district"
    assert [s["gss"] for s in body["seats"]] == ["E14001319", "E14001321"]
    out = runner.invoke(app, ["postcode", "ZZ99 9ZZ"], env=env)
    assert out.exit_code == 2
    assert out.stderr.startswith("error: 'ZZ99 9ZZ' is not a known GB postcode;")
    out = runner.invoke(app, ["postcode", "LS6", "--json", "x"], env=env)
    assert out.exit_code == 2


# Without the mirror: the text a user types.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ls6 1aa", ("LS6 1AA", "postcode")),
        ("EC1A1BB", ("EC1A 1BB", "postcode")),
        ("w1a 0ax", ("W1A 0AX", "postcode")),
        ("M1 1", ("M1 1", "sector")),
        ("sw1a", ("SW1A", "district")),
    ],
)
def test_parse_postcode_normalises(text: str, expected: tuple[str, str]) -> None:
    assert parse_postcode(text) == expected


@pytest.mark.parametrize("text", ["hello", "LS6 1A", "1LS 6AA", "LS6 1AAA", "LS 1AA"])
def test_malformed_text_is_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_postcode(text)
    assert caught.value.message == f"'{text}' is not a postcode, sector or district"


def test_empty_text_is_invalid_input() -> None:
    with pytest.raises(InvalidInputError, match="no postcode given"):
        parse_postcode("   ")


def test_distance_on_the_grid() -> None:
    assert distance_km((0.0, 0.0), (3000.0, 4000.0)) == 5.0


def test_polygons_alone_would_misplace_about_two_percent(store: Store, mirror: Path) -> None:
    # Why wards come first: where a ward lies wholly in one seat, the generalised polygon
    # containing the postcode names another seat for 2.3% of them (1,590,833 of 1,628,144 agree).
    import shapely

    from hustings.data.parsers.boundaries import BOUNDARY_FILES, read_boundaries

    _, seats = read_boundaries({k: mirror / k for k in BOUNDARY_FILES.values()})
    rows = store.query("SELECT gss, easting, northing FROM postcodes WHERE placed_by = 'ward'")
    gss, east, north = zip(*rows, strict=True)
    hit, polygon = seats.tree.query(shapely.points(east, north), predicate="within")
    by_polygon: dict[int, str] = {}
    for i, j in zip(hit.tolist(), polygon.tolist(), strict=True):
        by_polygon.setdefault(i, seats.gss[j])
    agree = sum(by_polygon.get(i) == g for i, g in enumerate(gss))
    assert (agree, len(gss)) == (1_590_833, 1_628_144)

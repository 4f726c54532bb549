"""The postcode parser on hand-made inputs: the placing method, and damaged files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from hustings.data.parsers.boundaries import BOUNDARY_FILES, Boundaries, read_boundaries
from hustings.data.parsers.postcodes import name_key, place, read_postcodes, read_wards
from hustings.data.schema import create_statements
from hustings.data.validate import postcodes_in_2024_seats
from hustings.errors import DataError

HERE = Path(__file__).parents[1] / "fixtures" / "data_parsers" / "geo"


def _squares() -> Boundaries:
    # Seat A covers x 0-10 km, seat B x 10-20 km (y 0-10 km); nothing beyond.
    polygons = np.array(
        [shapely.box(0, 0, 10_000, 10_000), shapely.box(10_000, 0, 20_000, 10_000)], dtype=object
    )
    return Boundaries(("A", "B"), polygons, shapely.STRtree(polygons))


def test_place_follows_wards_then_polygons_then_nearest() -> None:
    frame = pd.DataFrame(
        {
            "ward": ["whole", "split", "split", "unknown", "unknown", ""],
            "easting": [15_000, 15_000, 25_000, 5_000, -3_000, 12_000],
            "northing": [5_000, 5_000, 5_000, 5_000, 5_000, 5_000],
        }
    )
    wards = {"whole": ("A",), "split": ("A", "B")}
    gss, how = place(frame, wards, _squares())
    # A whole ward wins even where the polygon says otherwise (the BUC polygons are coarse).
    assert list(gss) == ["A", "B", "B", "A", "A", "B"]
    assert list(how) == ["ward", "ward-polygon", "ward-nearest", "polygon", "nearest", "polygon"]


def test_split_ward_keeps_to_its_candidates() -> None:
    frame = pd.DataFrame({"ward": ["split"], "easting": [15_000], "northing": [5_000]})
    gss, how = place(frame, {"split": ("A", "C")}, _squares())
    assert (gss[0], how[0]) == ("A", "ward-nearest")


def test_seat_names_match_across_accents_and_punctuation() -> None:
    assert name_key("Montgomeryshire and Glyndŵr") == name_key("Montgomeryshire and Glyndwr")
    assert name_key("Brighton, Kemptown & Peacehaven") == name_key(
        "Brighton Kemptown and Peacehaven"
    )


def test_bad_postcode_names_the_file() -> None:
    with pytest.raises(DataError) as caught:
        read_postcodes([HERE / "codepoint_bad_postcode.csv"])
    assert caught.value.message == (
        "codepoint_bad_postcode.csv: 'LS6 1A' is not a postcode written like 'LS6 1AA'"
    )


def test_text_in_a_grid_reference_names_the_file() -> None:
    with pytest.raises(DataError) as caught:
        read_postcodes([HERE / "codepoint_text_easting.csv"])
    assert caught.value.message.startswith("codepoint_text_easting.csv: not a Code-Point Open file")


def test_ward_table_with_an_unknown_seat_names_the_line() -> None:
    seats = {name_key(n): g for g, n in [("E1", "Liverpool Walton"), ("E2", "Sefton Central")]}
    seats[name_key("Leeds Central and Headingley")] = "E3"
    with pytest.raises(DataError) as caught:
        read_wards(HERE / "wards_unknown_seat.csv", seats)
    assert caught.value.message == (
        "wards_unknown_seat.csv: line 3: 'Sefton Centre' is not a 2024 constituency"
    )


def test_validation_catches_shares_that_do_not_add_up() -> None:
    import duckdb

    con = duckdb.connect()
    for statement in create_statements():
        con.execute(statement)
    con.execute("INSERT INTO seat_centroids VALUES ('E1', 'A', NULL, 0, 0, 0, 0)")
    con.execute("INSERT INTO postcode_sectors VALUES ('LS6 1', 'E1', 3, 0.75, 0, 0)")
    with pytest.raises(DataError, match=r"sector LS6 1: seat shares sum to 0.75, not 1"):
        postcodes_in_2024_seats(con)
    con.execute("INSERT INTO postcode_districts VALUES ('LS6', 'E2', 3, 1.0, 0, 0)")
    with pytest.raises(DataError, match="table postcode_districts: seat E2 is not a 2024"):
        postcodes_in_2024_seats(con)


def test_boundaries_in_another_grid_are_refused(files: dict[str, Path], tmp_path: Path) -> None:
    prj = tmp_path / "PCON_JULY_2024_UK_BUC.prj"
    prj.write_text('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]', encoding="ascii")
    given = {**files, BOUNDARY_FILES["prj"]: prj}
    with pytest.raises(DataError) as caught:
        read_boundaries(given)
    assert caught.value.message == (
        "PCON_JULY_2024_UK_BUC.prj: the boundaries are not in British National Grid metres"
    )


def test_boundaries_give_632_gb_polygons_and_650_centroids(files: dict[str, Path]) -> None:
    centroids, seats = read_boundaries(files)
    assert len(centroids) == 650 and centroids["gss"].is_unique
    assert len(seats.gss) == 632 and not any(g.startswith("N") for g in seats.gss)
    # Every ONS label point lies inside its own seat's polygon.
    inside = centroids[~centroids["gss"].str.startswith("N")].set_index("gss")
    index = seats.index()
    for gss, row in inside.iterrows():
        assert seats.polygons[index[str(gss)]].contains(
            shapely.Point(row["easting"], row["northing"])
        ), gss

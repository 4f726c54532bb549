"""byelections, hexmaps, overlaps, predictions and tactical parsers against the derived files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from hustings.data.parsers import byelections, hexmaps, overlaps, predictions, tactical
from hustings.data.parsers._secondary import table_columns


@pytest.fixture(scope="module")
def by_tables(files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    return byelections.parse(files)


def test_byelections_match_table_13(by_tables: dict[str, pd.DataFrame], mirror: Path) -> None:
    rows = by_tables["byelections"]
    assert list(rows.columns) == list(table_columns("byelections"))
    derived = pd.read_csv(mirror / "byelections/byelections_gb_2010_2019_hocl.csv")
    gb = rows[rows["gss"].str[0] != "N"]
    assert len(gb) == len(derived) == 33 and len(rows) == 34
    assert rows["gss"].notna().all() and rows["election"].is_unique
    assert [d.isoformat() for d in gb["date"]] == list(derived["date"])
    assert sorted(gb["turnout"].fillna(-1)) == pytest.approx(sorted(derived["turnout"].fillna(-1)))
    copeland = rows.set_index("election").loc["by-2017-copeland"]
    assert (copeland["gss"], copeland["winner"], copeland["previous_winner"]) == (
        "E14000647",
        "CON",
        "LAB",
    )
    assert rows.set_index("election").loc["by-2014-clacton", "winner"] == "RUK"


def test_byelection_results_match_cbp8280(by_tables: dict[str, pd.DataFrame], mirror: Path) -> None:
    derived = pd.read_csv(mirror / "byelections/byelections_2017_2019_hocl_cbp8280.csv").set_index(
        "ons_id"
    )
    results = by_tables["results"].set_index("gss")
    assert list(by_tables["results"].columns) == list(table_columns("results"))
    assert set(results.index) == set(derived.index)
    for column in ("electorate", "valid_votes", "invalid_votes", "majority"):
        assert (results[column] == derived.loc[results.index, column]).all(), column
    cands = by_tables["candidates"]
    assert cands.groupby("gss")["votes"].sum().to_dict() == results["valid_votes"].to_dict()
    assert set(cands.groupby("gss")["elected"].sum()) == {1}
    lewisham = cands[cands["election"] == "by-2018-lewisham-east"].set_index("party_name")
    assert (
        lewisham.loc["Labour", "votes"] == 11033
        and lewisham.loc["Labour", "candidate"] == "Janet Daby"
    )
    assert set(by_tables["elections"]["kind"]) == {"by-election"}
    assert "by-2018-lewisham-east" in set(by_tables["elections"]["election"])


def test_hexes_match_the_files(files: dict[str, Path], mirror: Path) -> None:
    hexes = hexmaps.parse(files)["hexes"]
    assert list(hexes.columns) == list(table_columns("hexes"))
    assert hexes.groupby("layout").size().to_dict() == {
        "bbc-2019": 650,
        "odi-2010": 650,
        "odi-2024": 650,
    }
    doc = json.loads((mirror / "hexmaps/constituencies_2019_bbc_layout.hexjson").read_text())
    bbc = hexes[hexes["layout"] == "bbc-2019"].set_index("gss")
    assert all(
        bbc.loc[g, "q"] == h["q"] and bbc.loc[g, "r"] == h["r"] for g, h in doc["hexes"].items()
    )
    assert set(bbc["orientation"]) == {"odd-q"}


def test_overlaps_match_derived(files: dict[str, Path], mirror: Path) -> None:
    rows = overlaps.parse(files)[overlaps.TABLE]
    derived = pd.read_csv(mirror / "lookups/pcon2010_to_pcon2024_overlap.csv")
    assert len(rows) == len(derived) == 1306
    assert rows["gss_2024"].tolist() == derived["PCON24CD"].tolist()
    assert rows["pop_share"].tolist() == pytest.approx(derived["percentage_overlap_pop"].tolist())
    assert rows["gss_2010"].nunique() == rows["gss_2024"].nunique() == 650


def test_predictions_match_derived(files: dict[str, Path], mirror: Path) -> None:
    rows = predictions.parse(files)["predictions"]
    assert list(rows.columns) == list(table_columns("predictions"))
    derived = {
        "economist": "ge2024_economist_mrp_2024_07_02.csv",
        "new-statesman": "ge2024_new_statesman_2024_07_03.csv",
        "principal-fish": "ge2024_principal_fish_2024_07_02.csv",
    }
    for forecaster, name in derived.items():
        theirs = pd.read_csv(mirror / "predictions" / name).dropna(subset=["ons_id"])
        mine = rows[rows["forecaster"] == forecaster]
        assert sorted(mine["gss"]) == sorted(theirs["ons_id"]), forecaster
    assert set(rows["party"]) <= {"CON", "LAB", "LD", "SNP", "PC", "GRN", "RUK", "SPK", "OTH"}
    assert rows["gss"].str.startswith(("E14001", "W07000", "S140000", "S140001")).all()
    assert not rows["gss"].isin(["S14000006", "S14000058"]).any()
    finals = predictions.final_seat_forecasts(files[predictions.NATIONAL])
    assert finals["The Economist"]["LAB"] == 427


def test_tactical_matches_derived(files: dict[str, Path], mirror: Path) -> None:
    rows = tactical.parse(files)["tactical_sites"]
    wide = pd.read_csv(mirror / "tactical/tactical_recommendations_2024_wide.csv")
    published = {"stopthetories": "stopthetories.vote", "tactical.vote": "tactical.vote"}
    published["tacticalvote.co.uk"] = "tacticalvote.co.uk"
    for site, column in published.items():
        mine = rows[rows["site"] == site].set_index("gss")["recommended"]
        assert set(mine.index) == set(wide["ons_id"])
        expect = wide.set_index("ons_id")[column].map(tactical.recommendation)
        assert (mine.reindex(expect.index) == expect).all(), site
    counts = rows[rows["site"] == "stopthetories"]["recommended"].value_counts()
    assert (counts["LAB"], counts["NONE"], counts["TBC"], counts["LD"]) == (339, 126, 96, 45)

"""euref, census and polls parsers checked against the mirror's derived files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from hustings.data.parsers import census, euref, polls
from hustings.data.parsers._secondary import table_columns


def _check_columns(frame: pd.DataFrame, table: str) -> None:
    assert list(frame.columns) == list(table_columns(table))


def test_euref_2010_matches_derived(files: dict[str, Path], mirror: Path) -> None:
    rows = euref.parse_2010(files)["euref"]
    _check_columns(rows, "euref")
    derived = pd.read_csv(mirror / "euref/leave_share_2010_boundaries.csv")
    merged = derived.merge(rows, left_on="ons_id", right_on="gss", validate="1:1")
    assert len(rows) == len(merged) == 650
    assert (merged["leave_figure_to_use"] - merged["leave_share"]).abs().max() < 1e-9
    kinds = rows["estimate_kind"].value_counts().to_dict()
    assert kinds == {"hanretty-estimate": 504, "known-count": 128, "official-count": 18}


def test_euref_2024_matches_derived(files: dict[str, Path], mirror: Path) -> None:
    rows = euref.parse_2024(files)["euref"]
    derived = pd.read_csv(mirror / "euref/leave_share_2024_boundaries_gb.csv")
    merged = derived.merge(rows, left_on="ons_id", right_on="gss", validate="1:1")
    assert len(rows) == len(merged) == 632
    assert (merged["leave_share_x"] - merged["leave_share_y"]).abs().max() < 1e-9
    assert set(rows["boundary_set"]) == {"2024"}


@pytest.fixture(scope="module")
def census_rows(files: dict[str, Path]) -> pd.DataFrame:
    return census.parse(files)["census"]


@pytest.mark.parametrize(
    ("boundary_set", "derived_file", "prefix"),
    [
        ("2010", "census2011_constituency_2010_boundaries.csv", "c11"),
        ("2024", "census2021_constituency_summaries_2024_boundaries_gb.csv", "c21"),
    ],
)
def test_census_matches_derived(
    census_rows: pd.DataFrame, mirror: Path, boundary_set: str, derived_file: str, prefix: str
) -> None:
    _check_columns(census_rows, "census")
    derived = pd.read_csv(mirror / "demographics" / derived_file).set_index("ONSConstID")
    mine = census_rows[census_rows["boundary_set"] == boundary_set]
    wide = mine.pivot(index="gss", columns="measure", values="value")
    assert set(wide.index) == set(derived.index) and len(wide) == 632
    expect = {
        "degree": derived[f"{prefix}QualLevel4"] / 100,
        "white_british": derived[f"{prefix}EthnicityWhiteBritish"] / 100,
        "nssec_routine_semi": (
            derived[f"{prefix}NSSECRoutine"] + derived[f"{prefix}NSSECSemiRoutine"]
        )
        / 100,
        "population": derived[f"{prefix}Population"],
    }
    for measure, values in expect.items():
        got = wide[measure].reindex(values.index)
        both = values.notna()
        assert (got[both] - values[both]).abs().max() < 1e-9, measure
        assert got[~both].isna().all(), measure


def test_census_standard_measures_are_fractions(census_rows: pd.DataFrame) -> None:
    shares = census_rows[~census_rows["measure"].isin(census.COUNTS)]
    assert shares["value"].between(0, 1).all()
    for boundary_set in ("2010", "2024"):
        measures = set(census_rows.loc[census_rows["boundary_set"] == boundary_set, "measure"])
        assert {"age_65_plus", "degree", "no_qualifications", "nssec_routine_semi"} <= measures
        assert {
            "nssec_higher_managerial",
            "white_british",
            "owner_occupied",
            "students",
        } <= measures


@pytest.fixture(scope="module")
def poll_rows(files: dict[str, Path]) -> pd.DataFrame:
    return polls.parse(files)["polls"]


def test_polls_shape(poll_rows: pd.DataFrame) -> None:
    _check_columns(poll_rows, "polls")
    per_poll = poll_rows.groupby("poll_id")["share"].sum()
    assert per_poll.between(0.98, 1.0 + 1e-9).mean() > 0.99
    assert set(poll_rows["party"]) == {"CON", "LAB", "LD", "GRN", "RUK", "SNP", "OTH"}
    polls_only = poll_rows.drop_duplicates("poll_id")
    assert set(polls_only["area"]) == {"GB", "UK"}
    assert set(polls_only["mode"].dropna()) <= {"Internet", "Phone", "Phone/Internet", "Mobile"}


def test_polls_reach_2026(poll_rows: pd.DataFrame) -> None:
    polls_only = poll_rows.drop_duplicates("poll_id")
    by_source = polls_only.groupby("source")["fieldwork_end"].max()
    # PollBase Q4 2025 ends with Find Out Now's 7-8 January 2026 poll; the Wikipedia series
    # with YouGov's poll dated 6 April 2026.
    assert str(by_source["pollbase"]) == "2026-01-08"
    assert str(by_source["wikipedia"]) == "2026-04-06"
    last = poll_rows[poll_rows["poll_id"] == poll_rows["poll_id"].max()]
    shares = dict(zip(last["party"], last["share"], strict=True))
    assert last["pollster"].iloc[0] == "YouGov"
    assert int(last["sample"].iloc[0]) == 2320
    assert shares["RUK"] == pytest.approx(0.24)
    assert shares["SNP"] == pytest.approx(0.03)
    wiki = polls_only[polls_only["source"] == "wikipedia"]
    assert wiki["fieldwork_end"].min() > by_source["pollbase"]


def test_pollbase_polls_take_wikipedia_samples(poll_rows: pd.DataFrame) -> None:
    polls_only = poll_rows.drop_duplicates("poll_id")
    pollbase = polls_only[polls_only["source"] == "pollbase"]
    assert len(pollbase) == 4697
    assert pollbase["sample"].notna().mean() > 0.6
    assert polls.pollster_key("J.L. Partners") == polls.pollster_key("JL Partners")
    assert polls.pollster_key("BMG Research") == polls.pollster_key("BMG")
    assert polls.pollster_key("Panelbase Archived 18 May 2015") == "panelbase"


def test_final_polls_match_derived(poll_rows: pd.DataFrame, mirror: Path) -> None:
    derived = pd.read_csv(mirror / "polls/final_polls_2015_2024.csv")
    derived = derived[derived["row_type"] == "poll"].assign(
        election=lambda d: d["election_date"].str[:4], pollster=lambda d: d["pollster"].str.strip()
    )
    final = poll_rows[poll_rows["final_poll_for"].notna()]
    wide = final.pivot_table(index=["final_poll_for", "pollster"], columns="party", values="share")
    theirs = derived.set_index(["election", "pollster"])
    assert set(wide.index) == set(theirs.index)
    columns = {"CON": "con", "LAB": "lab", "LD": "ld", "GRN": "green", "RUK": "ruk_family"}
    for party, column in columns.items():
        got = (wide[party] * 100).reindex(theirs.index)
        given = theirs[column].notna() & (theirs[column] > 0)
        assert (got[given] - theirs.loc[given, column]).abs().max() < 1e-9, party


def test_final_poll_average_2024(poll_rows: pd.DataFrame) -> None:
    average = polls.final_poll_average(poll_rows, "2024")
    assert sum(average.values()) == pytest.approx(1.0)
    assert average["LAB"] == pytest.approx(0.388, abs=0.005)
    assert average["RUK"] > average["LD"] > average["GRN"]

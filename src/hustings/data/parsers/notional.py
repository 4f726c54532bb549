"""Rallings & Thrasher's notional 2019 results on the 2024 boundaries (the broadcasters' file).

The spreadsheet has a vote column per party abbreviation (suffix ``v``) plus two aggregates
(``TotOthv``, ``MaxOthv``) that are not parties. Votes of candidates without a column of their
own (the Speaker in Chorley) are the remainder of ``total_votes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import (
    candidates_and_results,
    numeric,
    read_csv,
    require_columns,
    unique,
)
from hustings.data.parsers._secondary import SCOTTISH_2024_CODES
from hustings.data.registry import Dataset
from hustings.domain import NOTIONAL_2019, PARTIES, canonical_party

SHEET = (
    "upstream/ralphascott/UKGE24_wpc_census_summaries/data/results_spreadsheet_for_distribution.csv"
)

_AGGREGATES = {"TotOthv", "MaxOthv"}


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """Per-party notional votes for all 650 seats on the 2024 boundaries."""
    path = files[SHEET]
    sheet = read_csv(path)
    require_columns(sheet, path, ["ONS code", "electorate", "total_votes", "Win19"])
    unique(sheet, "ONS code", path)
    gss = sheet["ONS code"].str.strip().replace(SCOTTISH_2024_CODES)
    vote_cols = [c for c in sheet.columns if c.endswith("v") and c not in _AGGREGATES]
    votes = pd.DataFrame({c: numeric(sheet, c, path, blank_is_zero=True) for c in vote_cols})
    total = numeric(sheet, "total_votes", path)
    rest = total - votes.sum(axis=1)
    speaker = sheet["Win19"].str.strip().str.lower().str.startswith("spk")
    votes["Speakerv"] = rest.where(speaker, 0)
    votes["Otherv"] = rest.where(~speaker, 0)
    votes = pd.concat([pd.DataFrame({"gss": gss.to_numpy()}), votes], axis=1)
    long = votes.melt(id_vars="gss", var_name="column", value_name="votes")
    long = long[long["votes"] > 0]
    labels = long["column"].str[:-1]
    codes = [canonical_party(x, "2019") for x in labels]
    long = long.assign(
        candidate=None,
        party=codes,
        party_name=[
            PARTIES[c].name if c not in ("OTH", "IND") else x
            for c, x in zip(codes, labels, strict=True)
        ],
        sitting_mp=None,
    )
    seats = pd.DataFrame(
        {
            "gss": gss.to_numpy(),
            "electorate": numeric(sheet, "electorate", path).to_numpy(),
            "valid_votes": total.to_numpy(),
            "invalid_votes": None,
        }
    )
    tables = candidates_and_results(NOTIONAL_2019, long, seats)
    tables["elections"] = pd.DataFrame(
        {
            "election": [NOTIONAL_2019],
            "kind": ["notional"],
            "date": [pd.Timestamp("2019-12-12").date()],
            "boundary_set": ["2024"],
            "label": ["Notional 2019 results on the 2024 boundaries (Rallings & Thrasher)"],
        }
    )
    return tables


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="notional2019",
        title="Notional 2019 general election results on the 2024 boundaries",
        publisher="Colin Rallings and Michael Thrasher for BBC/ITN/Sky/PA",
        url="https://downloads.bbc.co.uk/news/nol/shared/spl/xls_spreadsheets/results_spreadsheet.ods",
        licence="released for distribution by the broadcasters; CSV copy CC BY-SA 4.0",
        credit=(
            "Notional 2019 results: Colin Rallings and Michael Thrasher for BBC/ITN/Sky/PA; "
            "CSV via R. Scott, UKGE24_wpc_census_summaries (CC BY-SA 4.0)"
        ),
        paths=(SHEET,),
        tables=("elections", "results", "candidates"),
        parse=parse,
    ),
)

"""Westminster general election results 2010-2024, by constituency and candidate.

Sources are the publishers' files: the Electoral Commission's 2010 flatfile (party columns,
PA numbers mapped to ONS codes through the Commission's 2015 constituency file) and the House
of Commons Library's candidate-level files for 2015, 2017, 2019 and 2024.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from hustings.data.parsers._frames import (
    candidates_and_results,
    constituency_rows,
    election_row,
    numeric,
    read_csv,
    read_sheet,
    require_columns,
    unique,
)
from hustings.data.registry import Dataset, Parser
from hustings.domain import canonical_party

EC_2015 = (
    "upstream/evanodell/parlitools/data-raw/"
    "2015-UK-general-election-data-results-WEB/CONSTITUENCY.csv"
)
FLAT_2010 = "upstream/susjoh/election/GE2010-results-flatfile-website.xls"
HOC_2015 = "upstream/evanodell/parlitools/data-raw/hocl-data/hoc-ge2015-results-full.csv"
HOC_2017_SEATS = "results/ge2017_constituencies.csv"
HOC_2017 = "upstream/evanodell/parlitools/data-raw/hocl-data/HoC-GE2017-results-by-candidate.csv"
HOC_2019_SEATS = "results/ge2019_constituencies.csv"
HOC_2019 = "upstream/evanodell/parlitools/data-raw/hocl-data/HoC-GE2019-results-by-candidate.csv"
HOC_2024_SEATS = "results/ge2024_constituencies.csv"
HOC_2024 = "upstream/InductiveStep/colm-test/HoC-GE2024-results-by-candidate.csv"

OPL = "Open Parliament Licence v3.0"
OGL = "Open Government Licence v3.0"


def parse_2010(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """2010: one row per party column of the Electoral Commission flatfile."""
    path = files[FLAT_2010]
    flat = read_sheet(path, "Party vote share")
    names = read_sheet(path, "Party abbreviations")
    long_names = dict(zip(names.iloc[:, 0].astype(str), names.iloc[:, 1].astype(str), strict=True))
    require_columns(flat, path, ["Press Association Reference", "Electorate", "Votes"])
    flat = flat[flat["Press Association Reference"].astype(str).str.strip() != ""]
    flat = flat.reset_index(drop=True)
    pano = numeric(flat, "Press Association Reference", path).astype(int)
    codes = _pano_to_gss(files[EC_2015])
    gss = pano.map(codes)
    if gss.isna().any():
        bad = int(pano[gss.isna()].iloc[0])
        raise _unmapped(path, bad)
    columns = [str(c) for c in flat.columns]
    party_cols = columns[columns.index("Votes") + 1 :]
    votes = pd.DataFrame({c: numeric(flat, c, path, blank_is_zero=True) for c in party_cols})
    cands = pd.concat([pd.DataFrame({"gss": gss.to_numpy()}), votes.where(votes > 0)], axis=1)
    long = cands.melt(id_vars="gss", var_name="label", value_name="votes").dropna()
    long = long.assign(
        candidate=None,
        party=[canonical_party(x, "2010") for x in long["label"]],
        party_name=[long_names.get(x, x) for x in long["label"]],
        sitting_mp=None,
    )
    seats = pd.DataFrame(
        {
            "gss": gss.to_numpy(),
            "electorate": numeric(flat, "Electorate", path).to_numpy(),
            "valid_votes": numeric(flat, "Votes", path).to_numpy(),
            "invalid_votes": None,
        }
    )
    tables = candidates_and_results("2010", long, seats)
    tables["elections"] = election_row("2010", "2010-05-06", "2010")
    return tables


def _ec_2015(path: Path) -> pd.DataFrame:
    ec = read_csv(path, encoding="cp1252")
    require_columns(ec, path, ["PANO", "Constituency ID", "Electorate", "Valid Votes"])
    ec = ec[ec["Constituency ID"].str.strip() != ""].reset_index(drop=True)
    return unique(ec, "Constituency ID", path)


def _pano_to_gss(path: Path) -> dict[int, str]:
    ec = _ec_2015(path)
    return dict(zip(numeric(ec, "PANO", path).astype(int), ec["Constituency ID"], strict=True))


def _unmapped(path: Path, pano: int) -> Exception:
    from hustings.errors import DataError

    return DataError(
        f"{path.name}: PA number {pano} has no ONS code in the 2015 constituency file",
        hint="check that both files are the published versions",
        file=str(path),
        value=pano,
    )


def _hoc_candidates(path: Path, election: str) -> pd.DataFrame:
    df = read_csv(path)
    df.columns = [c.lower().replace(" ", "_") for c in df.columns]
    first = "candidate_first_name" if "candidate_first_name" in df.columns else "firstname"
    last = "candidate_surname" if "candidate_surname" in df.columns else "surname"
    require_columns(df, path, ["ons_id", "party_name", "party_abbreviation", "votes", first, last])
    return pd.DataFrame(
        {
            "gss": df["ons_id"],
            "candidate": (df[first].fillna("") + " " + df[last].fillna("")).str.strip(),
            "party": [canonical_party(a, election) for a in df["party_abbreviation"]],
            "party_name": df["party_name"],
            "votes": numeric(df, "votes", path),
            "sitting_mp": df["sitting_mp"].eq("Yes") if "sitting_mp" in df.columns else None,
        }
    )


def _hoc_seats(path: Path) -> pd.DataFrame:
    df = read_csv(path)
    df.columns = [c.lower().replace(" ", "_") for c in df.columns]
    require_columns(df, path, ["ons_id", "electorate", "valid_votes", "invalid_votes"])
    unique(df, "ons_id", path)
    return pd.DataFrame(
        {
            "gss": df["ons_id"],
            "electorate": numeric(df, "electorate", path),
            "valid_votes": numeric(df, "valid_votes", path),
            "invalid_votes": numeric(df, "invalid_votes", path),
        }
    )


def parse_2015(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """2015: HoC candidates; electorate and valid votes from the Electoral Commission."""
    cands = _hoc_candidates(files[HOC_2015], "2015")
    ec_path = files[EC_2015]
    ec = _ec_2015(ec_path)
    seats = pd.DataFrame(
        {
            "gss": ec["Constituency ID"],
            "electorate": numeric(ec, "Electorate", ec_path),
            "valid_votes": numeric(ec, "Valid Votes", ec_path),
            "invalid_votes": None,
        }
    )
    tables = candidates_and_results("2015", cands, seats)
    tables["elections"] = election_row("2015", "2015-05-07", "2010")
    tables["constituencies"] = constituency_rows(read_csv(files[HOC_2015]), files[HOC_2015], "2010")
    return tables


def _parse_hoc(election: str, day: str, boundary: str, seats_key: str, cands_key: str) -> Parser:
    def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
        cands = _hoc_candidates(files[cands_key], election)
        tables = candidates_and_results(election, cands, _hoc_seats(files[seats_key]))
        tables["elections"] = election_row(election, day, boundary)
        if boundary == "2024":
            seats = read_csv(files[seats_key])
            tables["constituencies"] = constituency_rows(seats, files[seats_key], "2024")
        return tables

    parse.__doc__ = f"{election}: HoC Library candidate and constituency files."
    return parse


_COMMON = {
    "publisher": "House of Commons Library",
    "licence": OPL,
}

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="ge2010",
        title="General election 2010 results by constituency and party",
        publisher="Electoral Commission",
        url="https://www.electoralcommission.org.uk/research-reports-and-data",
        licence=OGL,
        credit="Electoral Commission, GE2010 results flatfile (codes from its 2015 file)",
        paths=(FLAT_2010, EC_2015),
        tables=("elections", "results", "candidates"),
        parse=parse_2010,
    ),
    Dataset(
        id="ge2015",
        title="General election 2015 results by candidate",
        url="https://commonslibrary.parliament.uk/research-briefings/cbp-7186/",
        credit="House of Commons Library CBP-7186; Electoral Commission electorate and valid votes",
        paths=(HOC_2015, EC_2015),
        tables=("elections", "constituencies", "results", "candidates"),
        parse=parse_2015,
        **_COMMON,
    ),
    Dataset(
        id="ge2017",
        title="General election 2017 results by constituency and candidate",
        url="https://commonslibrary.parliament.uk/research-briefings/cbp-7979/",
        credit="House of Commons Library CBP-7979",
        paths=(HOC_2017_SEATS, HOC_2017),
        tables=("elections", "results", "candidates"),
        parse=_parse_hoc("2017", "2017-06-08", "2010", HOC_2017_SEATS, HOC_2017),
        **_COMMON,
    ),
    Dataset(
        id="ge2019",
        title="General election 2019 results by constituency and candidate",
        url="https://commonslibrary.parliament.uk/research-briefings/cbp-8749/",
        credit="House of Commons Library CBP-8749",
        paths=(HOC_2019_SEATS, HOC_2019),
        tables=("elections", "results", "candidates"),
        parse=_parse_hoc("2019", "2019-12-12", "2010", HOC_2019_SEATS, HOC_2019),
        **_COMMON,
    ),
    Dataset(
        id="ge2024",
        title="General election 2024 results by constituency and candidate",
        url="https://commonslibrary.parliament.uk/research-briefings/cbp-10009/",
        credit="House of Commons Library CBP-10009",
        paths=(HOC_2024_SEATS, HOC_2024),
        tables=("elections", "constituencies", "results", "candidates"),
        parse=_parse_hoc("2024", "2024-07-04", "2024", HOC_2024_SEATS, HOC_2024),
        **_COMMON,
    ),
)

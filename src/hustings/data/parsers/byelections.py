"""Westminster by-elections 2010-2019 from the House of Commons Library.

* ``byelections``: every GB by-election between the 2010 and 2019 general elections (CBP-7529
  table 13: date, seat, result, turnout) plus West Tyrone 2018 from CBP-8280. Election ids are
  ``by-<year>-<seat-slug>`` (e.g. ``by-2018-lewisham-east``). Seats are named loosely in table 13
  ("Middlesborough", "Brecon and Radnor"), so codes come from the closest name in the BES 2017
  file's list of 2010-2019 constituencies; ``gss`` stays NULL when nothing is close.
* ``elections``, ``results`` and ``candidates`` for the five 2017-19 by-elections whose votes by
  party CBP-8280 gives (one ``candidates`` row per party with votes; only the winner's name is
  published). ``turnout`` there is valid votes over electorate, as for general elections.

``winner`` and ``previous_winner`` are canonical party codes parsed from the result text
("Con gain from LAB"); UKIP up to 2017 is ``RUK``, Respect and others ``OTH``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from hustings.data.parsers._frames import require_columns
from hustings.data.parsers._secondary import conform, fail, numbers, read_grid, read_table_sheet
from hustings.data.registry import Dataset
from hustings.domain import canonical_party

CBP_7529 = "upstream/evanodell/parlitools/data-raw/hocl-data/CBP-7529-.download.xlsx"
CBP_8280 = (
    "upstream/evanodell/parlitools/data-raw/hocl-data/CBP-8280-by-elections-results-summary.xlsx"
)
BES_2017 = "upstream/evanodell/parlitools/data-raw/BES-2017-General-Election-results-file-v1.0.xlsx"
TABLE_13 = "13 by-elections list Visual"
FIRST_PARLIAMENT = "GENERAL ELECTION 2010"
LAST_PARLIAMENT = "GENERAL ELECTION 2019"
# CBP-8280 vote column -> (label for canonical_party, party name as in its key sheet)
VOTE_COLUMNS: dict[str, tuple[str, str]] = {
    "con": ("con", "Conservative"),
    "lab": ("lab", "Labour"),
    "ld": ("ld", "Liberal Democrat"),
    "ukip": ("ukip", "UK Independence Party"),
    "green": ("green", "Green Party"),
    "brexit": ("brexit", "Brexit Party"),
    "snp": ("snp", "Scottish National Party"),
    "pc": ("pc", "Plaid Cymru"),
    "dup": ("dup", "Democratic Unionist Party"),
    "sf": ("sf", "Sinn Fein"),
    "sdlp": ("sdlp", "Social Democratic and Labour Party"),
    "uup": ("uup", "Ulster Unionist Party"),
    "alliance": ("alliance", "Alliance"),
    "other": ("other", "Other"),
}
_RESULT = re.compile(r"^\s*(.+?)\s+(hold|gain)(?:\s+from\s+(.+?))?\s*$", re.IGNORECASE)


def _key(name: str) -> str:
    text = re.sub(r"[\d,]+$", "", name.strip()).lower().replace("&", " and ")
    return re.sub(r"[^a-z]+", " ", text).strip()


def slug(name: str) -> str:
    """The seat part of a by-election id: lower case, words joined by hyphens."""
    return _key(name).replace(" ", "-")


def seat_codes(path: Path) -> dict[str, tuple[str, str]]:
    """Normalised 2010-2019 seat name -> (GSS code, official name), from the BES 2017 file."""
    sheet = read_table_sheet(path, "Data")
    require_columns(sheet, path, ["ONSConstID", "ConstituencyName"])
    sheet = sheet[sheet["ONSConstID"].notna()]
    return {
        _key(str(n)): (str(c).strip(), str(n).strip())
        for n, c in zip(sheet["ConstituencyName"], sheet["ONSConstID"], strict=True)
    }


def _match(name: str, codes: dict[str, tuple[str, str]]) -> tuple[str | None, str]:
    key = _key(name)
    if key in codes:
        return codes[key]
    close = difflib.get_close_matches(key, list(codes), n=1, cutoff=0.8)
    return codes[close[0]] if close else (None, re.sub(r"[\d,]+$", "", name).strip())


def _parties(text: str, year: str, path: Path, line: int) -> tuple[str, str]:
    found = _RESULT.match(text)
    if not found:
        raise fail(
            path,
            line,
            "by-election result not understood:",
            text,
            "expected e.g. 'Con gain from LAB'",
        )
    winner = canonical_party(found.group(1), year)
    previous = canonical_party(found.group(3), year) if found.group(3) else winner
    return winner, previous


def _table_13_rows(path: Path) -> pd.DataFrame:
    """The by-elections between the 2010 and 2019 general elections, as published."""
    grid = read_grid(path, TABLE_13)
    marker = grid[0].map(lambda v: str(v).strip())
    starts = grid.index[marker == FIRST_PARLIAMENT]
    ends = grid.index[marker == LAST_PARLIAMENT]
    if len(starts) == 0 or len(ends) == 0:
        raise fail(
            path,
            1,
            f"sheet '{TABLE_13}' lacks the row",
            FIRST_PARLIAMENT,
            "sync the workbook again",
        )
    rows = grid.loc[starts[0] + 1 : ends[0] - 1]
    rows = rows[rows[1].notna() & rows[0].map(lambda v: hasattr(v, "year"))]
    turnout = rows[10].map(
        lambda v: None if isinstance(v, str) and v.strip() in ("…", "...") else v
    )
    return pd.DataFrame(
        {
            "line": rows.index + 1,
            "date": [pd.Timestamp(v).date() for v in rows[0]],
            "published_name": rows[1].astype(str),
            "result": rows[2].astype(str),
            "turnout": numbers(turnout, path, "Turnout", first_line=1, blank_ok=True).to_numpy(),
        }
    )


def _cbp_8280(path: Path) -> pd.DataFrame:
    sheet = read_table_sheet(path, "CBP 8280 by-elections results s")
    require_columns(sheet, path, ["ons_id", "constituency_name", "by-election date", "electorate"])
    require_columns(
        sheet, path, ["valid_votes", "invalid_votes", "majority", "first_party", *VOTE_COLUMNS]
    )
    return sheet[sheet["ons_id"].notna()]


def _day(value: object) -> date:
    return pd.Timestamp(str(value)).date()


def _byelection_rows(files: Mapping[str, Path]) -> pd.DataFrame:
    codes = seat_codes(files[BES_2017])
    path = files[CBP_7529]
    table = _table_13_rows(path)
    rows = []
    for line, day, published, result, turnout in zip(
        table["line"],
        table["date"],
        table["published_name"],
        table["result"],
        table["turnout"],
        strict=True,
    ):
        gss, name = _match(str(published), codes)
        winner, previous = _parties(str(result), str(day.year), path, int(line))
        rows.append(
            {
                "election": f"by-{day.year}-{slug(name)}",
                "gss": gss,
                "name": name,
                "date": day,
                "winner": winner,
                "previous_winner": previous,
                "turnout": turnout,
                "cause": None,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class PartyVotes:
    """One party's votes in a by-election."""

    party: str
    party_name: str
    votes: int


def party_votes(votes: dict[str, int], valid: int, election: str) -> list[PartyVotes] | None:
    """Parties with votes, most first; 'other' is valid votes minus the named parties.

    CBP-8280's 'other' for Newport West 2019 is 300 short of its valid votes (1,330 for 1,630),
    so the residual is used; None when the named parties alone exceed the valid votes.
    """
    named = {c: v for c, v in votes.items() if c != "other"}
    votes = {**named, "other": valid - sum(named.values())}
    if votes["other"] < 0:
        return None
    seat = [
        PartyVotes(canonical_party(VOTE_COLUMNS[c][0], election), VOTE_COLUMNS[c][1], v)
        for c, v in votes.items()
        if v > 0
    ]
    return sorted(seat, key=lambda p: -p.votes)


class _Seat(NamedTuple):
    election: str
    gss: str
    name: str
    day: date
    winner_name: str
    electorate: int
    valid: int
    invalid: int


def _seat_rows(
    seat: _Seat, parties: list[PartyVotes]
) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The ``results`` row and ``candidates`` rows of one by-election."""
    cands: list[dict[str, object]] = [
        {
            "election": seat.election,
            "gss": seat.gss,
            "candidate": seat.winner_name if rank == 1 else None,
            "party": p.party,
            "party_name": p.party_name,
            "votes": p.votes,
            "share": p.votes / seat.valid,
            "rank": rank,
            "elected": rank == 1,
            "sitting_mp": None,
        }
        for rank, p in enumerate(parties, start=1)
    ]
    second = parties[1] if len(parties) > 1 else None
    result: dict[str, object] = {
        "election": seat.election,
        "gss": seat.gss,
        "electorate": seat.electorate,
        "valid_votes": seat.valid,
        "invalid_votes": seat.invalid,
        "winner": parties[0].party,
        "second": second.party if second else None,
        "majority": parties[0].votes - (second.votes if second else 0),
        "turnout": seat.valid / seat.electorate,
    }
    return result, cands


def _full_results(sheet: pd.DataFrame, path: Path) -> dict[str, pd.DataFrame]:
    first = int(sheet.attrs.get("first_line", 2))
    cols = [*VOTE_COLUMNS, "electorate", "valid_votes", "invalid_votes"]
    nums = {
        c: numbers(sheet[c], path, c, first_line=first, blank_ok=c in VOTE_COLUMNS) for c in cols
    }
    elections, results, candidates = [], [], []
    for idx in sheet.index:
        day = _day(sheet.at[idx, "by-election date"])
        name = str(sheet.at[idx, "constituency_name"]).strip()
        election = f"by-{day.year}-{slug(name)}"
        seat = _Seat(
            election,
            str(sheet.at[idx, "ons_id"]).strip(),
            name,
            day,
            str(sheet.at[idx, "Name of winning candidate"]).strip(),
            *(int(nums[c][idx]) for c in ("electorate", "valid_votes", "invalid_votes")),
        )
        parties = party_votes(
            {c: int(nums[c].fillna(0)[idx]) for c in VOTE_COLUMNS}, seat.valid, election
        )
        if parties is None:
            raise fail(
                path,
                first + int(idx),
                f"{name}: party votes exceed valid votes",
                seat.valid,
                "sync again",
            )
        result, cands = _seat_rows(seat, parties)
        results.append(result)
        candidates.extend(cands)
        label = f"{name} by-election {day.day} {day:%B %Y}"
        elections.append(
            {
                "election": election,
                "kind": "by-election",
                "date": day,
                "boundary_set": "2010",
                "label": label,
            }
        )
    return {
        "elections": conform(pd.DataFrame(elections), "elections"),
        "results": conform(pd.DataFrame(results), "results"),
        "candidates": conform(pd.DataFrame(candidates), "candidates"),
    }


def _with_8280(rows: pd.DataFrame, sheet: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Causes of vacancy added, and by-elections table 13 lacks (West Tyrone) appended."""
    out = rows.copy()
    valid = numbers(sheet["valid_votes"], path, "valid_votes")
    electorate = numbers(sheet["electorate"], path, "electorate")
    for idx in sheet.index:
        gss = str(sheet.at[idx, "ons_id"]).strip()
        day = _day(sheet.at[idx, "by-election date"])
        cause = str(sheet.at[idx, "Reason for vacancy"]).strip()
        same = (out["gss"] == gss) & (out["date"] == day)
        if same.any():
            out.loc[same, "cause"] = cause
            continue
        name = str(sheet.at[idx, "constituency_name"]).strip()
        winner, previous = _parties(str(sheet.at[idx, "result"]), str(day.year), path, int(idx) + 2)
        out.loc[len(out)] = {
            "election": f"by-{day.year}-{slug(name)}",
            "gss": gss,
            "name": name,
            "date": day,
            "winner": winner,
            "previous_winner": previous,
            "turnout": float(valid[idx]) / float(electorate[idx]),
            "cause": cause,
        }
    return out.sort_values(["date", "election"]).reset_index(drop=True)


def parse(files: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """``byelections`` for 2010-2019 and full results of the 2017-19 by-elections."""
    sheet = _cbp_8280(files[CBP_8280])
    rows = _with_8280(_byelection_rows(files), sheet, files[CBP_8280])
    return {"byelections": conform(rows, "byelections"), **_full_results(sheet, files[CBP_8280])}


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        id="byelections-hocl",
        title="By-elections 2010-2019 (GB list, CBP-7529) and 2017-19 full results (CBP-8280)",
        publisher="House of Commons Library (copies in evanodell/parlitools)",
        url="https://commonslibrary.parliament.uk/research-briefings/cbp-8280/",
        licence="Open Parliament Licence v3.0",
        credit="House of Commons Library, CBP-7529 (UK election statistics 1918-2019) and "
        "CBP-8280; seat codes from the British Election Study 2017 constituency file",
        paths=(CBP_7529, CBP_8280, BES_2017),
        tables=("byelections", "elections", "results", "candidates"),
        parse=parse,
    ),
)

"""Shared helpers for parsers: reading published files, checked numbers, canonical frames."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from hustings.errors import DataError


def read_csv(path: Path, *, encoding: str = "utf-8") -> pd.DataFrame:
    """A CSV read as text (no type guessing), with a clear error when it cannot be read
    or when its last line is cut short."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        _check_last_line(path, encoding, len(frame.columns), len(frame))
        return frame
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(
            f"{path.name}: cannot be read as CSV ({exc})",
            hint="the file may be truncated or corrupt; sync again from the publisher",
            file=str(path),
        ) from exc


def _check_last_line(path: Path, encoding: str, width: int, rows: int) -> None:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 65536))
        tail = handle.read().decode(encoding, errors="replace").rstrip("\r\n")
    last = tail.rsplit("\n", 1)[-1]
    fields = next(csv.reader([last]), [])
    if rows and len(fields) < width:
        raise DataError(
            f"{path.name}: line {rows + 1} has {len(fields)} of {width} columns "
            "(the file is truncated)",
            hint="restore the published file (hustings data list shows its source)",
            file=str(path),
            line=rows + 1,
        )


def read_sheet(path: Path, sheet: str) -> pd.DataFrame:
    """One sheet of an xls/xlsx/ods workbook (python-calamine), first row as header."""
    try:
        frame = pd.read_excel(path, sheet_name=sheet, engine="calamine", dtype=object)
    except (ValueError, KeyError, OSError) as exc:
        raise DataError(
            f"{path.name}: cannot read sheet '{sheet}' ({exc})",
            hint="the workbook may be truncated or not the published version",
            file=str(path),
        ) from exc
    return frame.fillna("")


def require_columns(frame: pd.DataFrame, path: Path, columns: list[str]) -> None:
    """Fail naming the file and the first missing column."""
    for column in columns:
        if column not in frame.columns:
            raise DataError(
                f"{path.name}: missing column '{column}'",
                hint="the file is not in the published layout; sync it again from the publisher",
                file=str(path),
                column=column,
            )


def numeric(
    frame: pd.DataFrame, column: str, path: Path, *, blank_is_zero: bool = False
) -> pd.Series:
    """A column as numbers; a non-numeric cell fails with its line number and value.

    Blank cells are zero only where the publisher leaves them blank for "did not stand";
    elsewhere a blank means a damaged (often truncated) file.
    """
    raw = frame[column]
    text = raw.astype(str).str.replace(",", "", regex=False).str.strip()
    if blank_is_zero:
        text = text.where(text != "", "0")
    values = pd.to_numeric(text.where(text != "", "blank"), errors="coerce")
    bad = values.isna()
    if bad.any():
        index = int(bad.to_numpy().nonzero()[0][0])
        value = str(raw.iloc[index])
        problem = (
            "is empty (the file may be truncated)"
            if not value.strip()
            else (f"'{value}' is not a number")
        )
        raise DataError(
            f"{path.name}: line {index + 2}, column '{column}' {problem}",
            hint="restore the published file (hustings data list shows its source)",
            file=str(path),
            line=index + 2,
            column=column,
            value=str(raw.iloc[index]),
        )
    return values


def unique(frame: pd.DataFrame, column: str, path: Path) -> pd.DataFrame:
    """Fail naming the line of the first repeated value of ``column`` (e.g. a seat twice)."""
    repeated = frame[column].duplicated()
    if repeated.any():
        index = int(repeated.to_numpy().nonzero()[0][0])
        value = frame[column].iloc[index]
        raise DataError(
            f"{path.name}: line {index + 2}: '{value}' appears more than once in '{column}'",
            hint="remove the duplicated row or re-download the file",
            file=str(path),
            line=index + 2,
            value=str(value),
        )
    return frame


def election_row(election: str, day: str, boundary_set: str) -> pd.DataFrame:
    """The ``elections`` row of a general election."""
    return pd.DataFrame(
        {
            "election": [election],
            "kind": ["general"],
            "date": [pd.Timestamp(day).date()],
            "boundary_set": [boundary_set],
            "label": [f"General election {election}"],
        }
    )


def constituency_rows(frame: pd.DataFrame, path: Path, boundary_set: str) -> pd.DataFrame:
    """The ``constituencies`` rows from a HoC Library file (any case of its headers)."""
    df = frame.copy()
    df.columns = [c.lower().replace(" ", "_") for c in df.columns]
    require_columns(df, path, ["ons_id", "constituency_name", "region_name", "country_name"])
    df = df.drop_duplicates("ons_id")
    return pd.DataFrame(
        {
            "gss": df["ons_id"],
            "boundary_set": boundary_set,
            "name": df["constituency_name"],
            "nation": df["country_name"],
            "region": df["region_name"],
            "seat_type": df.get("constituency_type"),
        }
    ).reset_index(drop=True)


def candidates_and_results(
    election: str, cands: pd.DataFrame, seats: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Canonical ``candidates`` and ``results`` from candidate rows and seat totals.

    ``cands`` has gss, candidate, party, party_name, votes, sitting_mp; ``seats`` has gss,
    electorate, valid_votes, invalid_votes. Shares are of the seat's valid votes.
    """
    c = cands.copy()
    c["votes"] = c["votes"].astype("int64")
    c = c.sort_values(["gss", "votes"], ascending=[True, False], kind="stable")
    c["rank"] = c.groupby("gss").cumcount() + 1
    valid = c["gss"].map(dict(zip(seats["gss"], seats["valid_votes"], strict=True)))
    c["share"] = c["votes"] / valid.where(valid > 0)
    c["elected"] = c["rank"] == 1
    c["election"] = election
    top = c[c["rank"] == 1].set_index("gss")
    runner = c[c["rank"] == 2].set_index("gss")
    res = seats.copy()
    res["election"] = election
    res["winner"] = res["gss"].map(top["party"])
    res["second"] = res["gss"].map(runner["party"])
    res["majority"] = res["gss"].map(top["votes"]) - res["gss"].map(runner["votes"]).fillna(0)
    res["turnout"] = res["valid_votes"] / res["electorate"]
    candidates = c[
        ["election", "gss", "candidate", "party", "party_name", "votes", "share", "rank"]
        + ["elected", "sitting_mp"]
    ].reset_index(drop=True)
    results = res[
        ["election", "gss", "electorate", "valid_votes", "invalid_votes", "winner", "second"]
        + ["majority", "turnout"]
    ].reset_index(drop=True)
    return {"results": results, "candidates": candidates}

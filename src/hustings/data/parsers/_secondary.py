"""Helpers shared by the parsers of the secondary datasets (euref, census, polls, ...).

They read published files without type guessing, turn cells into checked numbers (a bad cell
fails naming file, line and value) and give frames exactly the columns and dtypes of a table
in :mod:`hustings.data.schema`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from hustings.data.schema import TABLES
from hustings.errors import DataError

_COLUMN = re.compile(r"(\w+) (VARCHAR|INTEGER|DOUBLE|DATE|BOOLEAN|TIMESTAMP)")

# Five Scottish seats kept their pre-2024 codes in some 2024 files; these are their 2024 codes.
SCOTTISH_2024_CODES: dict[str, str] = {
    "S14000006": "S14000107",
    "S14000008": "S14000108",
    "S14000010": "S14000109",
    "S14000040": "S14000110",
    "S14000058": "S14000111",
}


def table_columns(table: str) -> dict[str, str]:
    """Column name -> SQL type of a canonical table, in schema order."""
    return dict(_COLUMN.findall(TABLES[table]))


def conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """``frame`` with exactly the table's columns, in order, with matching dtypes."""
    out = pd.DataFrame(index=range(len(frame)))
    for name, sql in table_columns(table).items():
        values = (
            frame[name].reset_index(drop=True) if name in frame else pd.Series([None] * len(frame))
        )
        out[name] = _cast(values, sql)
    return out


def _cast(values: pd.Series, sql: str) -> pd.Series:
    if sql == "INTEGER":
        return pd.to_numeric(values).round().astype("Int64")
    if sql == "DOUBLE":
        return pd.to_numeric(values).astype("float64")
    if sql == "BOOLEAN":
        return values.astype("boolean")
    if sql == "DATE":
        dates = pd.to_datetime(values)
        return pd.Series([d.date() if pd.notna(d) else None for d in dates], dtype=object)
    return pd.Series([None if pd.isna(v) else str(v) for v in values], dtype=object)


def read_grid(path: Path, sheet: str) -> pd.DataFrame:
    """One workbook sheet as a raw grid (no header row), read with python-calamine."""
    try:
        return pd.read_excel(path, sheet_name=sheet, header=None, engine="calamine", dtype=object)
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(
            f"{path.name}: cannot read sheet '{sheet}' ({exc})",
            hint="the workbook may be truncated or not the published version",
            file=str(path),
            sheet=sheet,
        ) from exc


def numbers(
    values: pd.Series, path: Path, column: str, *, first_line: int = 2, blank_ok: bool = False
) -> pd.Series:
    """Cells as floats; a non-numeric cell fails naming its line and value.

    ``first_line`` is the line (or sheet row) number of the value labelled 0 in the index, so
    filter rows without resetting the index; blank cells become NaN when ``blank_ok``.
    """
    text = values.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
    text = text.map(lambda v: v.strip().replace(",", "") if isinstance(v, str) else v)
    parsed = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    bad = parsed.isna() & ((text != "") | (not blank_ok))
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        line = first_line + int(values.index[pos])
        value = values.iloc[pos]
        raise DataError(
            f"{path.name}: line {line}, column '{column}': '{value}' is not a number",
            hint="fix the cell or sync the file again from the publisher",
            file=str(path),
            line=line,
            column=column,
            value=str(value),
        )
    return parsed


def fail(path: Path, line: int, message: str, value: object, hint: str) -> DataError:
    """A DataError for one bad row of a file."""
    return DataError(
        f"{path.name}: line {line}: {message} '{value}'",
        hint=hint,
        file=str(path),
        line=line,
        value=str(value),
    )


def read_table_sheet(path: Path, sheet: str, header_row: int = 0) -> pd.DataFrame:
    """A sheet whose row ``header_row`` (0-based) names the columns; blank rows kept.

    The returned frame's ``attrs['first_line']`` is the sheet row number of its first row.
    """
    grid = read_grid(path, sheet)
    if len(grid) <= header_row:
        raise DataError(
            f"{path.name}: sheet '{sheet}' has no header row",
            hint="the workbook may be truncated; sync it again from the publisher",
            file=str(path),
            sheet=sheet,
        )
    names = [
        str(v).strip() if pd.notna(v) else f"_{i}" for i, v in enumerate(grid.iloc[header_row])
    ]
    body = grid.iloc[header_row + 1 :].reset_index(drop=True)
    body.columns = pd.Index(names)
    body.attrs["first_line"] = header_row + 2
    return body

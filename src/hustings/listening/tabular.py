"""Read survey exports (CSV, XLSX, JSON Lines) and Pol.is comment exports into rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hustings._io import read_bytes
from hustings.errors import DataError, InvalidInputError

Row = dict[str, str]

ENCODING_HINT = "re-save the file as UTF-8, or pass --encoding (e.g. --encoding cp1252)"


def read_text(path: Path, encoding: str | None = None) -> str:
    """The file's text: UTF-8 (with or without BOM) unless ``encoding`` is given."""
    data = read_bytes(path)
    if not data.strip():
        raise InvalidInputError(f"{path}: the file is empty", hint="export the answers again")
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InvalidInputError(
                f"{path}: cannot decode as {encoding}: {exc}", hint=ENCODING_HINT
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = _guess_legacy(data)
        raise InvalidInputError(
            f"{path}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            + (f"; it looks like {guess}" if guess else ""),
            hint=ENCODING_HINT,
            path=str(path),
        ) from None


def _guess_legacy(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return "Windows-1252 (cp1252)"


def read_csv(path: Path, encoding: str | None = None) -> list[Row]:
    """Rows of a CSV export keyed by header; delimiter sniffed (comma, semicolon, tab)."""
    text = read_text(path, encoding)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        rows = [_clean(row) for row in reader]
    except csv.Error as exc:
        raise InvalidInputError(
            f"{path}: not a readable CSV (line {reader.line_num}: {exc})",
            hint="export the answers again as CSV",
        ) from None
    if not reader.fieldnames:
        raise InvalidInputError(f"{path}: no header row", hint="the first row must name columns")
    if not rows:
        raise InvalidInputError(f"{path}: a header but no rows", hint="export the answers again")
    return rows


def _clean(row: dict[str | None, str | list[str] | None]) -> Row:
    out: Row = {}
    for key, value in row.items():
        if key is None:
            continue
        out[key.strip()] = value.strip() if isinstance(value, str) else ""
    return out


def read_xlsx(path: Path) -> list[Row]:
    """Rows of the first sheet of an XLSX/ODS export keyed by its header row."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0).to_python()
    except Exception as exc:
        raise DataError(f"{path}: cannot read the spreadsheet: {exc}") from None
    table = [[_cell(v) for v in line] for line in sheet if any(_cell(v) for v in line)]
    if len(table) < 2:
        raise InvalidInputError(f"{path}: the sheet is empty", hint="export the answers again")
    header = [h.strip() for h in table[0]]
    return [dict(zip(header, line, strict=False)) for line in table[1:]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_jsonl(path: Path, encoding: str | None = None) -> list[Row]:
    """Rows of a JSON Lines file (one object per line; nested objects are flattened)."""
    rows: list[Row] = []
    for number, line in enumerate(read_text(path, encoding).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(
                f"{path}, line {number}: not JSON ({exc.msg})", hint="one object per line"
            ) from None
        except RecursionError:
            obj = None
        if not isinstance(obj, dict):
            raise InvalidInputError(
                f"{path}, line {number}: not a JSON object of answers"
                + (" (nested too deeply)" if obj is None else ""),
                hint=f"one flat object per line; at most {MAX_DEPTH} levels of nesting",
            )
        rows.append(_flatten(obj, path, number))
    return rows


MAX_DEPTH = 8
"""JSON Lines objects nested deeper than this are refused rather than flattened."""


def _flatten(obj: dict[str, object], path: Path, number: int, depth: int = 1) -> Row:
    if depth > MAX_DEPTH:
        raise InvalidInputError(
            f"{path}, line {number}: nested more than {MAX_DEPTH} levels deep",
            hint="one flat object per line",
        )
    out: Row = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            out.update(_flatten(value, path, number, depth + 1))
        elif isinstance(value, list):
            out[key] = "; ".join(str(v) for v in value)
        else:
            out[key] = "" if value is None else str(value)
    return out


POLIS_TEXT = "comment-body"


def is_polis(rows: list[Row]) -> bool:
    """True for a Pol.is ``comments.csv`` export."""
    return bool(rows) and POLIS_TEXT in rows[0] and "comment-id" in rows[0]


def polis_rows(rows: list[Row]) -> list[Row]:
    """Pol.is comments without moderated-out ones, with agree/disagree kept as attributes."""
    kept = [r for r in rows if r.get("moderated", "0") != "-1"]
    return [
        {
            "id": r["comment-id"],
            "text": r[POLIS_TEXT],
            "author": r.get("author-id", ""),
            "agrees": r.get("agrees", ""),
            "disagrees": r.get("disagrees", ""),
        }
        for r in kept
    ]

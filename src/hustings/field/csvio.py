"""Reading sign-up sheets, household lists and paper canvass returns from CSV files.

Headers are matched forgivingly (case, spaces and common synonyms); a file that is not
UTF-8 is refused with the byte that gave it away instead of being half-read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from hustings.errors import InvalidInputError, NotFoundError

MAX_BYTES = 200 * 1024 * 1024


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """The file's text; a one-line error for a missing file, a folder or the wrong encoding."""
    if not path.exists():
        raise NotFoundError(f"no file '{path}'", path=str(path))
    if path.is_dir():
        raise InvalidInputError(f"'{path}' is a folder, not a CSV file", path=str(path))
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InvalidInputError(f"'{path}' is larger than {MAX_BYTES // 2**20} MB")
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as exc:
        guess = "; it looks like UTF-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise InvalidInputError(
            f"'{path.name}' is not {encoding} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}){guess}",
            hint="save it as UTF-8, or pass --encoding (e.g. --encoding cp1252)",
            path=str(path),
        ) from None
    except LookupError:
        raise InvalidInputError(f"no text encoding '{encoding}'") from None


def read_rows(
    path: Path,
    columns: Mapping[str, Sequence[str]],
    *,
    required: Sequence[str],
    encoding: str = "utf-8",
) -> list[dict[str, str]]:
    """Rows as dicts keyed by our column names; ``columns`` maps each to accepted headers."""
    text = read_text(path, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInputError(f"'{path.name}' is empty", path=str(path)) from None
    except csv.Error as exc:
        raise InvalidInputError(f"'{path.name}' is not a readable CSV: {exc}") from None
    where: dict[str, int] = {}
    keys = [_key(h) for h in header]
    for name, synonyms in columns.items():
        for i, k in enumerate(keys):
            if k == name or k in synonyms:
                where.setdefault(name, i)
    missing = [c for c in required if c not in where]
    if missing:
        raise InvalidInputError(
            f"'{path.name}' has no column {', '.join(repr(m) for m in missing)}",
            hint=f"its header is: {', '.join(header)}",
            path=str(path),
        )
    rows: list[dict[str, str]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                rows.append({})
                continue
            rows.append(
                {name: values[i].strip() if i < len(values) else "" for name, i in where.items()}
            )
    except csv.Error as exc:
        raise InvalidInputError(
            f"'{path.name}' line {reader.line_num}: {exc}", path=str(path)
        ) from None
    return rows


__all__ = ["read_rows", "read_text"]

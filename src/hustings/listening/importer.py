"""Import survey exports, emails, meeting notes and Pol.is exports as one :class:`Dataset`.

Survey shapes (Google Forms, Typeform, Microsoft Forms) are all "one row per respondent, one
column per question"; the free-text column is named or guessed (the longest answers), columns
with few distinct answers become respondent attributes and closed questions, and columns
that identify a person (name, email, phone, timestamp) are dropped on import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path

from hustings.errors import InvalidInputError, NotFoundError
from hustings.listening import messages, tabular
from hustings.listening.model import Dataset, Response
from hustings.listening.names import FIRST_NAMES
from hustings.listening.scrub import ScrubConfig, pii_spans_many
from hustings.listening.tabular import Row

MAX_CATEGORIES = 20
_ID_NAMES = ("response_id", "respondent id", "response id", "respondent_id", "id", "comment-id")
_TEXT_NAMES = ("text", "response", "answer", "comment", "comment-body", "body", "message")
_DROP = re.compile(
    r"(e-?mail|mail|name|surname|forename|phone|mobile|tel|telephone|whatsapp|contact|"
    r"postcode|post code|zip|address|street|house|flat|town/city|ip|handle|twitter|"
    r"instagram|facebook|linkedin|username|user|signature|signed|dob|birth|nhs number|"
    r"ni number|national insurance|timestamp|start time|completion time|submitted at|date)"
    r"(\b|_)",
    re.I,
)
IDENTIFYING_SHARE = 0.2
"""A column of short values (8 words on average at most: not free text) is dropped when at
least this share of them hold contact data or a person's name, whatever it is called."""


def load(
    paths: Sequence[Path | str],
    *,
    text_column: str | None = None,
    encoding: str | None = None,
) -> Dataset:
    """Read every input file into one dataset; the source of each response is its file name."""
    if not paths:
        raise InvalidInputError("no input files given", hint="name at least one file")
    responses: list[Response] = []
    closed: list[str] = []
    skipped: list[str] = []
    chosen = ""
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise NotFoundError(f"no such file: {path}", hint="check the path")
        rows, is_table = _rows(path, encoding)
        skipped.extend(r[messages.SKIPPED] for r in rows if messages.SKIPPED in r)
        rows = [r for r in rows if messages.SKIPPED not in r]
        if not rows:
            continue
        if is_table:
            rows = _without_identifying(rows, keep=text_column)
        column = _text_column(path, rows, text_column) if is_table else "text"
        chosen = chosen or column
        for number, row in enumerate(rows, start=1):
            responses.append(_response(row, column, path, number))
        if is_table:
            closed.extend(c for c in _categorical(rows, column) if c not in closed)
    return _finish(responses, chosen, closed, paths, skipped)


def _rows(path: Path, encoding: str | None) -> tuple[list[Row], bool]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls", ".ods"):
        return tabular.read_xlsx(path), True
    if suffix in (".csv", ".tsv"):
        rows = tabular.read_csv(path, encoding)
        return (tabular.polis_rows(rows), False) if tabular.is_polis(rows) else (rows, True)
    if suffix in (".jsonl", ".ndjson"):
        return tabular.read_jsonl(path, encoding), True
    if suffix == ".eml":
        return messages.read_eml(path), False
    if suffix == ".mbox":
        return messages.read_mbox(path), False
    text = tabular.read_text(path, encoding)
    if text.startswith("From ") and "\nFrom " in text:
        return messages.read_mbox(path), False
    if messages.looks_like_email(text):
        return messages.read_eml(path), False
    return messages.read_notes(path, encoding), False


def identifying(column: str, values: Sequence[str]) -> bool:
    """True when a column holds contact data or names, by its name or by its values."""
    if _DROP.search(column):
        return True
    sample = list(dict.fromkeys(v for v in values if v))[:200]
    if not sample or sum(len(v.split()) for v in sample) > 8 * len(sample):
        return False
    contact = ScrubConfig(kinds=("email", "phone", "postcode", "address"))
    hits = sum(bool(spans) for spans in pii_spans_many(sample, contact))
    hits += sum(_is_person(v) for v in sample)
    return hits >= IDENTIFYING_SHARE * len(sample)


def _is_person(value: str) -> bool:
    words = value.replace(",", " ").split()
    return 1 < len(words) <= 4 and words[0].lower() in FIRST_NAMES and value[:1].isalpha()


def _without_identifying(rows: list[Row], keep: str | None) -> list[Row]:
    dropped = {c for c in rows[0] if c != keep and identifying(c, [r.get(c, "") for r in rows])}
    if not dropped:
        return rows
    return [{k: v for k, v in r.items() if k not in dropped} for r in rows]


def _text_column(path: Path, rows: list[Row], wanted: str | None) -> str:
    columns = list(rows[0])
    if wanted:
        if wanted in columns:
            return wanted
        close = difflib.get_close_matches(wanted, columns, n=1)
        raise InvalidInputError(
            f"{path}: no column '{wanted}'" + (f"; did you mean '{close[0]}'?" if close else ""),
            hint=f"columns are: {', '.join(columns)}",
            column=wanted,
        )
    for name in _TEXT_NAMES:
        for column in columns:
            if column.lower() == name:
                return column
    if not columns:
        raise InvalidInputError(
            f"{path}: every column holds contact data or names",
            hint="name the free-text column with --text-column",
        )
    best = max(columns, key=lambda c: sum(len(r.get(c, "")) for r in rows))
    values = [r.get(best, "") for r in rows if r.get(best, "").strip()]
    if values and sum(len(v.split()) for v in values) < 3 * len(values):
        raise InvalidInputError(
            f"{path}: no column of free-text answers (the longest, '{best}', holds "
            "one or two words an answer)",
            hint=f"name it with --text-column; columns are: {', '.join(columns)}",
        )
    return best


def _id_of(row: Row, fallback: str) -> str:
    lowered = {k.lower(): v for k, v in row.items()}
    for name in _ID_NAMES:
        if lowered.get(name):
            return lowered[name]
    return fallback


def _response(row: Row, column: str, path: Path, number: int) -> Response:
    attributes = {
        k.lower(): v
        for k, v in row.items()
        if k not in (column, "id", "text") and v and len(v) <= 80
    }
    for key in ("subject", "date", "author", "agrees", "disagrees"):
        attributes.pop(key, None)
    return Response(
        id=_id_of(row, f"{path.stem}-{number}"),
        text=" ".join(row.get(column, "").split()),
        attributes=attributes,
        source=path.name,
    )


def _categorical(rows: list[Row], text_column: str) -> list[str]:
    out: list[str] = []
    for column in rows[0]:
        if column == text_column or column.lower() in _ID_NAMES:
            continue
        values = [r.get(column, "") for r in rows]
        distinct = {v for v in values if v}
        if 1 <= len(distinct) <= MAX_CATEGORIES and len(distinct) < max(2, len(values)):
            out.append(column.lower())
    return out


def _finish(
    responses: list[Response],
    column: str,
    closed: list[str],
    paths: Sequence[Path | str],
    skipped: list[str],
) -> Dataset:
    if not responses:
        raise InvalidInputError(
            f"no responses found in {', '.join(map(str, paths))}"
            + (f" ({len(skipped)} unreadable messages skipped)" if skipped else ""),
            hint="check the files",
        )
    if not any(r.text.strip() for r in responses):
        raise InvalidInputError(
            f"every answer in column '{column}' is blank",
            hint="pick the free-text column with --text-column",
            column=column,
        )
    texts = {r.text for r in responses if r.text.strip()}
    if len(texts) == 1 and sum(bool(r.text.strip()) for r in responses) > 1:
        raise InvalidInputError(
            f"all {sum(bool(r.text.strip()) for r in responses)} answers in column '{column}' "
            "are the same text, so there is nothing to find themes in",
            hint="check that --text-column names the free-text answers",
            column=column,
        )
    return Dataset(
        responses=tuple(responses), text_column=column, closed=tuple(closed),
        skipped=tuple(skipped),
    )  # fmt: skip

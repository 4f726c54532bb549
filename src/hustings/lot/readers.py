"""Readers for pools (plain CSV or a NationBuilder export), quotas (both public shapes, or
population shares) and exclusion lists. Every defect raises one error naming file and line.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path

from hustings.errors import InvalidInputError
from hustings.lot.model import Exclusions, Person, Pool, Quota, Quotas

ID_COLUMNS = ("id", "nationbuilder_id", "person_id", "ID", "Id")
PAPER_SHAPE = ("category", "feature", "min", "max")
SF_SHAPE = ("feature", "value", "min", "max")
SHARE_SHAPE = ("feature", "value", "share")
SHARE_TOLERANCE = 0.02  # population shares published to one or two decimals


def _rows(
    path: Path, what: str, encoding: str | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    from hustings._io import read_text

    text = read_text(path, what=what, encoding=_chosen(encoding))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    rows = [{k.strip(): (v or "").strip() for k, v in r.items() if k} for r in reader]
    if not header or not rows:
        raise InvalidInputError(
            f"{what} file {path} is empty", hint="give a CSV with a header and rows", file=path
        )
    return header, rows


def _chosen(encoding: str | None) -> str | None:
    """``None`` (UTF-8, with or without a byte-order mark) for any spelling of UTF-8."""
    if encoding is None or encoding.lower().replace("-", "").replace("_", "") == "utf8":
        return None
    return encoding


def read_pool(
    path: str | Path,
    *,
    features: Sequence[str],
    id_column: str | None = None,
    household_columns: Sequence[str] = (),
    encoding: str | None = None,
) -> Pool:
    """Read a pool CSV: one row per person with a column per quota feature (UTF-8 unless
    ``encoding`` names another).

    The id is ``id_column``, else the first of ``id``/``nationbuilder_id``/``person_id``
    present, else the row number (1 = first data row).
    """
    path = Path(path)
    header, rows = _rows(path, "pool", encoding)
    for column in [*features, *household_columns, *([id_column] if id_column else [])]:
        if column not in header:
            raise InvalidInputError(
                f"pool {path} has no column '{column}'",
                hint=f"columns are: {', '.join(header)}",
                file=path,
                column=column,
            )
    id_col = id_column or next((c for c in ID_COLUMNS if c in header), None)
    people: list[Person] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        line = number + 1
        pid = row[id_col] if id_col else str(number)
        if pid in seen:
            raise InvalidInputError(
                f"pool {path} line {line}: id '{pid}' duplicates line {seen[pid]}",
                hint="every person needs a unique id",
                file=path,
                line=line,
                value=pid,
            )
        seen[pid] = line
        household = "|".join(row[c].lower() for c in household_columns) or None
        people.append(
            Person(
                id=pid,
                features={f: row[f] for f in features},
                row=line,
                household=household,
                attributes=row,
            )
        )
    return Pool(tuple(people), source=str(path))


def read_quotas(path: str | Path, *, size: int, encoding: str | None = None) -> Quotas:
    """Read quotas in the paper's shape (category,feature,min,max), the Sortition Foundation's
    (feature,value,min,max[,min_flex,max_flex]) or as shares (feature,value,share) of ``size``.
    """
    path = Path(path)
    header, rows = _rows(path, "quotas", encoding)
    if set(PAPER_SHAPE) <= set(header):
        keys = ("category", "feature")
    elif set(SF_SHAPE) <= set(header):
        keys = ("feature", "value")
    elif set(SHARE_SHAPE) <= set(header):
        return _share_quotas(path, rows, size)
    else:
        raise InvalidInputError(
            f"quotas {path}: unknown columns {', '.join(header)}",
            hint="use category,feature,min,max or feature,value,min,max[,min_flex,max_flex] "
            "or feature,value,share",
            file=path,
        )
    items = []
    for line, row in enumerate(rows, start=2):
        lo, hi = _int(path, line, row, "min"), _int(path, line, row, "max")
        flex_lo = _int(path, line, row, "min_flex") if row.get("min_flex") else None
        flex_hi = _int(path, line, row, "max_flex") if row.get("max_flex") else None
        items.append(Quota(row[keys[0]], row[keys[1]], lo, hi, flex_lo, flex_hi))
        _check(path, line, items[-1], items[:-1])
    return Quotas(tuple(items), source=str(path))


def _share_quotas(path: Path, rows: list[dict[str, str]], size: int) -> Quotas:
    items = []
    totals: dict[str, float] = {}
    for line, row in enumerate(rows, start=2):
        try:
            share = float(row["share"])
        except ValueError:
            share = -1.0
        if not 0.0 <= share <= 1.0:
            raise InvalidInputError(
                f"quotas {path} line {line}: share '{row['share']}' is not a number in [0, 1]",
                hint="write population shares as fractions, e.g. 0.51",
                file=path,
                line=line,
            )
        target = share * size
        items.append(Quota(row["feature"], row["value"], math.floor(target), math.ceil(target)))
        _check(path, line, items[-1], items[:-1])
        totals[row["feature"]] = totals.get(row["feature"], 0.0) + share
    for feature, total in totals.items():
        if total > 1.0 + SHARE_TOLERANCE:
            raise InvalidInputError(
                f"quotas {path}: the shares of {feature} add up to {total:.0%}, more than 100%",
                hint="give each value its share of the population; together at most 1",
                file=path,
                feature=feature,
            )
    return Quotas(tuple(items), source=str(path))


def _int(path: Path, line: int, row: dict[str, str], column: str) -> int:
    text = row.get(column, "")
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise InvalidInputError(
            f"quotas {path} line {line}: {column} '{text}' is not a whole number >= 0",
            hint=f"write {column} as a count of panel members",
            file=path,
            line=line,
        )
    return value


def _check(path: Path, line: int, quota: Quota, before: list[Quota]) -> None:
    if quota.min > quota.max:
        raise InvalidInputError(
            f"quotas {path} line {line}: {quota.label} has min {quota.min} > max {quota.max}",
            hint="make min at most max",
            file=path,
            line=line,
        )
    if any(q.label == quota.label for q in before):
        raise InvalidInputError(
            f"quotas {path} line {line}: {quota.label} is listed twice",
            hint="give each feature value one row",
            file=path,
            line=line,
        )


def read_exclusions(path: str | Path, *, encoding: str | None = None) -> frozenset[str]:
    """Ids to exclude: one per line, or a CSV whose ``id`` (else first) column holds them."""
    path = Path(path)
    from hustings._io import read_text

    text = read_text(path, what="exclusion", encoding=_chosen(encoding))
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if lines and "," in lines[0]:
        header, rows = _rows(path, "exclusion", encoding)
        column = next((c for c in ID_COLUMNS if c in header), header[0])
        return frozenset(r[column] for r in rows if r.get(column))
    return frozenset(lines)


def parse_rule(text: str) -> tuple[str, str]:
    """``column=value`` (e.g. ``office=yes``) as a pair."""
    column, sep, value = text.partition("=")
    if not sep or not column.strip():
        raise InvalidInputError(
            f"exclusion rule '{text}' is not COLUMN=VALUE", hint="e.g. --exclude-where office=yes"
        )
    return column.strip(), value.strip()


def exclusions(ids: frozenset[str] = frozenset(), rules: Sequence[str] = ()) -> Exclusions:
    """Exclusions from a set of ids and ``COLUMN=VALUE`` rule strings."""
    return Exclusions(ids=ids, rules=tuple(parse_rule(r) for r in rules))

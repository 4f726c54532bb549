"""Ballot files other than BLT: PrefLib ``soi``/``toc`` and a plain CSV of rankings; and one
entry point, :func:`read_ballots`, that picks the reader by file suffix.

The CSV layout (what :func:`write_csv` writes and :func:`read_csv` reads): optional comment
lines ``# title: ...``, ``# seats: N`` and ``# candidates: A; B; C`` (to fix the order and
include candidates nobody ranked), a header row ``count,pref1,pref2,...``, then one row per
ballot type: how many voters cast it, then candidate names in order of preference. An empty
cell between two names (``A,,B``) is a skipped preference, kept for the counting rule to read
(the ranked rules end the paper there); empty cells after the last name are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

from hustings.ballots.blt import read_blt
from hustings.ballots.checks import check_weight
from hustings.ballots.model import Election, build_election
from hustings.errors import InvalidInputError, NotFoundError

_PREFLIB_NAME = re.compile(r"^#\s*ALTERNATIVE NAME\s+(\d+)\s*:\s*(.*)$", re.IGNORECASE)
_PREFLIB_TITLE = re.compile(r"^#\s*TITLE\s*:\s*(.*)$", re.IGNORECASE)
SUFFIXES = (".blt", ".soi", ".toc", ".soc", ".csv")


def _text(path: Path, encoding: str | None = None) -> str:
    from hustings._io import read_text

    return read_text(path, what="ballot", encoding=encoding)


def read_ballots(
    path: str | Path, *, seats: int | None = None, encoding: str | None = None
) -> Election:
    """Read a ballot file by suffix (``.blt``, ``.soi``/``.toc``/``.soc``, ``.csv``; UTF-8
    unless ``encoding``); ``seats`` overrides the file's number of seats."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".blt":
        election = read_blt(path, encoding=encoding)
    elif suffix in {".soi", ".toc", ".soc"}:
        election = parse_preflib(_text(path, encoding), source=str(path))
    elif suffix == ".csv":
        election = parse_csv(_text(path, encoding), source=str(path))
    else:
        raise InvalidInputError(
            f"{path}: unknown ballot file type '{suffix}'",
            hint=f"use one of {', '.join(SUFFIXES)}",
            file=str(path),
        )
    return election if seats is None else election.with_seats(seats)


def _bad(source: str, lineno: int, message: str, hint: str) -> InvalidInputError:
    return InvalidInputError(
        f"{source}, line {lineno}: {message}", hint=hint, file=source, line=lineno
    )


def parse_preflib(text: str, *, source: str = "<preflib>", seats: int = 1) -> Election:
    """Parse PrefLib ``soi``/``toc`` text. A tied group ``{a,b}`` is allowed only as a
    ballot's last group, where it is read as "ranked after the rest, order unknown" and dropped."""
    names: dict[int, str] = {}
    title = ""
    ballots: list[tuple[int, list[int]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            if match := _PREFLIB_NAME.match(line):
                names[int(match.group(1))] = match.group(2).strip()
            elif match := _PREFLIB_TITLE.match(line):
                title = match.group(1).strip()
            continue
        ballots.append(_preflib_ballot(line, len(names), source, lineno))
    if not ballots:
        raise InvalidInputError(f"{source}: empty file", hint="no ballot lines found", file=source)
    if sorted(names) != list(range(1, len(names) + 1)):
        raise InvalidInputError(
            f"{source}: candidate names must be numbered 1..{len(names)}",
            hint="give one '# ALTERNATIVE NAME n: name' line per candidate",
            file=source,
        )
    cands = tuple(names[i] for i in range(1, len(names) + 1))
    return build_election(cands, seats, ballots, title=title)


def _preflib_ballot(line: str, n: int, source: str, lineno: int) -> tuple[int, list[int]]:
    count_text, _, order = line.partition(":")
    try:
        weight = int(count_text)
    except ValueError:
        raise _bad(
            source, lineno, f"bad count '{count_text.strip()}'", "lines are 'count: c1,c2,...'"
        ) from None
    check_weight(weight, f"{source}, line {lineno}")
    tail = order.find("{")
    if tail >= 0:
        if not order.rstrip().endswith("}") or "{" in order[tail + 1 :]:
            raise _bad(
                source,
                lineno,
                "tied candidates before the end of a ballot",
                "ranked counting needs strict orders; only a last tied group is allowed",
            )
        order = order[:tail]
    prefs: list[int] = []
    for tok in (t.strip() for t in order.split(",")):
        if not tok:
            continue
        if not tok.isdigit() or not 1 <= int(tok) <= n:
            raise _bad(
                source, lineno, f"preference {tok} out of range 1..{n}", "number candidates from 1"
            )
        if int(tok) - 1 in prefs:
            raise _bad(
                source, lineno, f"candidate {tok} ranked twice", "rank each candidate at most once"
            )
        prefs.append(int(tok) - 1)
    return weight, prefs


def parse_csv(text: str, *, source: str = "<csv>") -> Election:
    """Parse the CSV ranking layout described in this module's docstring."""
    meta: dict[str, str] = {}
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if row[0].lstrip().startswith("#"):
            key, _, value = ",".join(row).lstrip("# ").partition(":")
            meta[key.strip().lower()] = value.strip()
            continue
        if not header_seen and not row[0].strip().lstrip("-").isdigit():
            if row[0].strip().lower() != "count":
                raise _bad(
                    source,
                    lineno,
                    f"header starts with '{row[0].strip()}', not 'count'",
                    "the first column holds how many voters cast each ranking: "
                    "count,pref1,pref2,...",
                )
            header_seen = True
            continue
        rows.append((lineno, row))
    if not rows:
        raise InvalidInputError(f"{source}: empty file", hint="no ballot rows found", file=source)
    declared = [c.strip() for c in meta.get("candidates", "").split(";") if c.strip()]
    cands = list(declared)
    read = [_csv_ballot(lineno, row, cands, bool(declared), source) for lineno, row in rows]
    seats = _csv_seats(meta.get("seats", "1"), source)
    return build_election(
        tuple(cands),
        seats,
        [(weight, prefs) for weight, prefs, _ in read],
        title=meta.get("title", ""),
        cuts=[cut for _, _, cut in read],
        irregular=("skipped preferences (empty cells)",),
    )


def _csv_seats(text: str, source: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise InvalidInputError(
            f"{source}: seats '{text}' is not a positive whole number",
            hint="write '# seats: 3'",
            file=source,
        )
    return int(text)


def _csv_ballot(
    lineno: int, row: list[str], cands: list[str], fixed: bool, source: str
) -> tuple[int, list[int], int]:
    """Weight, candidates in order, and how many come before the first skipped cell."""
    try:
        weight = int(row[0])
    except ValueError:
        raise _bad(source, lineno, f"bad count '{row[0]}'", "the first column is a count") from None
    check_weight(weight, f"{source}, line {lineno}")
    cells = [c.strip() for c in row[1:]]
    while cells and not cells[-1]:
        cells.pop()
    prefs: list[int] = []
    cut: int | None = None
    for name in cells:
        if not name:
            cut = len(prefs) if cut is None else cut
            continue
        if name not in cands:
            if fixed:
                raise _bad(
                    source,
                    lineno,
                    f"unknown candidate '{name}'",
                    "add the name to the '# candidates:' line",
                )
            cands.append(name)
        if cands.index(name) in prefs:
            raise _bad(
                source,
                lineno,
                f"candidate '{name}' ranked twice",
                "rank each candidate at most once",
            )
        prefs.append(cands.index(name))
    return weight, prefs, len(prefs) if cut is None else cut


def format_csv(election: Election) -> str:
    """The election in the CSV ranking layout."""
    if election.cuts is not None:
        raise InvalidInputError(
            f"{election.title or 'election'}: ballots with {' and '.join(election.irregular)} "
            "cannot be written",
            hint="write election.strict(), the rankings the ranked rules count",
        )
    out = io.StringIO()
    out.write(f"# title: {election.title}\n# seats: {election.seats}\n")
    out.write(f"# candidates: {'; '.join(election.candidates)}\n")
    writer = csv.writer(out, lineterminator="\n")
    width = max((len(p) for _, p in election.ballots()), default=0)
    writer.writerow(["count", *(f"pref{i + 1}" for i in range(width))])
    for weight, prefs in election.ballots():
        writer.writerow([weight, *(election.candidates[c] for c in prefs)])
    return out.getvalue()


def write_csv(election: Election, path: str | Path) -> None:
    """Write the election to ``path`` as CSV."""
    from hustings._io import write_text

    write_text(path, format_csv(election), what="ballot file")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ballot files named by ``paths``: files as given, folders expanded (sorted)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
            if not inside:
                raise NotFoundError(
                    f"no ballot files in folder '{path}'",
                    hint=f"ballot files end in {', '.join(SUFFIXES)}",
                )
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise NotFoundError(
                f"no ballot file or folder '{path}'", hint="check the path", file=str(path)
            )
    return found

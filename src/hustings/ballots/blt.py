"""Read and write the BLT ballot format (OpenSTV / ERS).

Layout: ``ncandidates nseats``; an optional line of withdrawn candidates as negative
indices; one line per ballot type ``weight pref1 pref2 ... 0``; a line ``0``; one
candidate name per line (quoted or not; PrefLib-style ``# ALTERNATIVE NAME n: Name``
comments are accepted too); the title last.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np

from hustings.ballots.model import Election, IntArray, build_election
from hustings.errors import InvalidInputError

_ALT_NAME = re.compile(r"^#\s*ALTERNATIVE NAME\s+\d+\s*:\s*(.*)$", re.IGNORECASE)


def read_blt(path: str | Path) -> Election:
    """Parse a BLT file; errors name the file and line."""
    from hustings._io import read_text

    return parse_blt(read_text(path, what="ballot"), source=str(path))


def parse_blt(text: str, *, source: str = "<blt>") -> Election:
    """Parse BLT text; ``source`` names the input in error messages."""
    lines = text.splitlines()
    pos = _skip_blank(lines, 0)
    if pos >= len(lines):
        raise InvalidInputError(
            f"{source}: empty file", hint="a BLT file starts with 'candidates seats'", file=source
        )
    n_cands, seats = _header(lines[pos], source, pos + 1)
    pos = _skip_blank(lines, pos + 1)
    withdrawn: frozenset[int] = frozenset()
    if pos < len(lines) and lines[pos].lstrip().startswith("-"):
        withdrawn = _withdrawn(lines[pos], n_cands, source, pos + 1)
        pos += 1
    fast = _fast_ballots(lines, pos, n_cands)
    if fast is None:
        ballots, pos = _ballots(lines, pos, n_cands, source)
        names, title = _names(lines, pos, n_cands, source)
        return build_election(names, seats, ballots, withdrawn=withdrawn, title=title)
    rankings, weights, pos = fast
    names, title = _names(lines, pos, n_cands, source)
    return Election(names, seats, rankings, weights, withdrawn, title)


def _fast_ballots(
    lines: list[str], pos: int, n_cands: int
) -> tuple[IntArray, IntArray, int] | None:
    """The ballot section parsed in bulk, or ``None`` when anything is unusual; the
    line-by-line reader then finds and names the defect."""
    try:
        end = lines.index("0", pos)
    except ValueError:
        return None
    body = lines[pos:end]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            tokens = np.fromstring("\n".join(body), dtype=np.int64, sep=" ")
        except (DeprecationWarning, ValueError):
            return None
    zeros = np.flatnonzero(tokens == 0)
    starts = np.concatenate(([0], zeros[:-1] + 1))
    if len(zeros) != sum(1 for line in body if line.strip()) or (tokens[starts] <= 0).any():
        return None
    lengths = zeros - starts - 1
    rows = np.repeat(np.arange(len(starts)), lengths)
    cols = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    prefs = tokens[np.repeat(starts + 1, lengths) + cols]
    if len(prefs) and (prefs.min() < 1 or prefs.max() > n_cands):
        return None
    rankings = np.full((len(starts), max(int(lengths.max(initial=0)), 1)), -1, dtype=np.int64)
    rankings[rows, cols] = prefs - 1
    ordered = np.sort(rankings, axis=1)
    if ((ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] >= 0)).any():
        return None
    return rankings, tokens[starts].copy(), end + 1


def _skip_blank(lines: list[str], pos: int) -> int:
    while pos < len(lines) and not lines[pos].strip():
        pos += 1
    return pos


def _ints(line: str, source: str, lineno: int) -> list[int]:
    try:
        return [int(tok) for tok in line.split()]
    except ValueError:
        raise InvalidInputError(
            f"{source}, line {lineno}: expected whole numbers, got '{line.strip()}'",
            hint="ballot lines are 'weight pref1 pref2 ... 0'",
            file=source,
            line=lineno,
        ) from None


def _header(line: str, source: str, lineno: int) -> tuple[int, int]:
    values = _ints(line, source, lineno)
    if len(values) != 2 or values[0] < 1 or values[1] < 1:
        raise InvalidInputError(
            f"{source}, line {lineno}: expected 'candidates seats', got '{line.strip()}'",
            hint="the first line gives the number of candidates and of seats",
            file=source,
            line=lineno,
        )
    return values[0], values[1]


def _withdrawn(line: str, n_cands: int, source: str, lineno: int) -> frozenset[int]:
    values = _ints(line, source, lineno)
    for v in values:
        if not -n_cands <= v <= -1:
            raise InvalidInputError(
                f"{source}, line {lineno}: withdrawn candidate {v} out of range 1..{n_cands}",
                hint="withdrawn candidates are listed as -index",
                file=source,
                line=lineno,
            )
    return frozenset(-v - 1 for v in values)


def _ballots(
    lines: list[str], pos: int, n_cands: int, source: str
) -> tuple[list[tuple[int, list[int]]], int]:
    ballots: list[tuple[int, list[int]]] = []
    while pos < len(lines):
        line = lines[pos]
        pos += 1
        if not line.strip():
            continue
        values = _ints(line, source, pos)
        if values == [0]:
            return ballots, pos
        ballots.append(_ballot(values, n_cands, source, pos))
    raise InvalidInputError(
        f"{source}: no '0' line ends the ballots",
        hint="end the ballot section with a line holding just 0, then the candidate names",
        file=source,
    )


def _ballot(values: list[int], n_cands: int, source: str, lineno: int) -> tuple[int, list[int]]:
    def bad(message: str, hint: str) -> InvalidInputError:
        return InvalidInputError(
            f"{source}, line {lineno}: {message}", hint=hint, file=source, line=lineno
        )

    weight, prefs = values[0], values[1:]
    if weight < 0:
        raise bad(f"negative weight {weight}", "a ballot's weight is how many voters cast it")
    if not prefs or prefs[-1] != 0:
        raise bad("ballot does not end with 0", "end every ballot line with 0")
    prefs = prefs[:-1]
    seen: set[int] = set()
    for p in prefs:
        if not 1 <= p <= n_cands:
            raise bad(f"preference {p} out of range 1..{n_cands}", "number candidates from 1")
        if p in seen:
            raise bad(f"candidate {p} ranked twice", "rank each candidate at most once")
        seen.add(p)
    return weight, [p - 1 for p in prefs]


def _unquote(line: str) -> str:
    line = line.strip()
    match = _ALT_NAME.match(line)
    if match:
        line = match.group(1).strip()
    if len(line) >= 2 and line[0] == line[-1] == '"':
        line = line[1:-1]
    return line


def _names(lines: list[str], pos: int, n_cands: int, source: str) -> tuple[tuple[str, ...], str]:
    rest = []
    for line in lines[pos:]:
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not _ALT_NAME.match(stripped)):
            continue
        rest.append(_unquote(stripped))
    if len(rest) != n_cands + 1:
        given = "0 names" if not rest else f"{len(rest) - 1} names and a title"
        raise InvalidInputError(
            f"{source}: {n_cands} candidates declared but {given} given",
            hint="after the '0' line give one name per candidate, then the title",
            file=source,
        )
    names = tuple(rest[:n_cands])
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InvalidInputError(
            f"{source}: candidate name '{dup}' given twice",
            hint="names must be unique",
            file=source,
        )
    return names, rest[n_cands]


def format_blt(election: Election) -> str:
    """The election as BLT text (names and title quoted)."""
    out = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(f"-{w + 1}" for w in sorted(election.withdrawn)))
    for weight, prefs in election.ballots():
        out.append(" ".join(str(v) for v in (weight, *(p + 1 for p in prefs), 0)))
    out.append("0")
    out.extend(f'"{name}"' for name in election.candidates)
    out.append(f'"{election.title}"')
    return "\n".join(out) + "\n"


def write_blt(election: Election, path: str | Path) -> None:
    """Write the election to ``path`` in BLT format."""
    from hustings._io import write_text

    write_text(path, format_blt(election), what="ballot file")

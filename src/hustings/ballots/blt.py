"""Read and write the BLT ballot format (OpenSTV / ERS).

Layout: ``ncandidates nseats``; an optional line of withdrawn candidates as negative
indices; one line per ballot type ``weight pref1 pref2 ... 0``; a line ``0``; one
candidate name per line (quoted or not; PrefLib-style ``# ALTERNATIVE NAME n: Name``
comments are accepted too); the title last.

The OpaVote / Droop dialect is read too: ``#`` starts a comment; option lines before the
ballots: ``[withdrawn 2 5]``, ``[nick a b c]`` (names ballots may use instead of numbers) and
``[tie 3 1 2]`` (a tie-break order drawn before the count, used where the rule says "by
lot"); in a ballot, ``-`` is a skipped preference and ``2=3`` ranks candidates equally. Such
ballots keep every candidate they mark; each counting rule says what the irregular part means
(see :class:`~hustings.ballots.model.Election`). Other options are refused by name.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np

from hustings.ballots.checks import INT64_MAX, check_weight
from hustings.ballots.model import Election, IntArray, build_election
from hustings.errors import InvalidInputError

_ALT_NAME = re.compile(r"^#\s*ALTERNATIVE NAME\s+\d+\s*:\s*(.*)$", re.IGNORECASE)
SKIPPED = "skipped preferences ('-')"
EQUAL = "equal rankings ('=')"


def read_blt(path: str | Path, *, encoding: str | None = None) -> Election:
    """Parse a BLT file (UTF-8 unless ``encoding``); errors name the file and line."""
    from hustings._io import read_text

    return parse_blt(read_text(path, what="ballot", encoding=encoding), source=str(path))


def parse_blt(text: str, *, source: str = "<blt>") -> Election:
    """Parse BLT text; ``source`` names the input in error messages."""
    lines = text.splitlines()
    pos = _skip_blank(lines, 0)
    if pos >= len(lines):
        raise InvalidInputError(
            f"{source}: empty file", hint="a BLT file starts with 'candidates seats'", file=source
        )
    n_cands, seats = _header(_uncomment(lines[pos]), source, pos + 1)
    options = _Options(n_cands, source)
    pos = options.read(lines, pos + 1)
    fast = None if options.nicks else _fast_ballots(lines, pos, n_cands)
    if fast is None:
        ballots, cuts, irregular, pos = _ballots(lines, pos, options)
        names, title = _names(lines, pos, n_cands, source)
        return build_election(
            names,
            seats,
            ballots,
            withdrawn=frozenset(options.withdrawn),
            title=title,
            cuts=cuts,
            irregular=tuple(sorted(irregular)),
            tie_order=options.tie,
        )
    rankings, weights, pos = fast
    names, title = _names(lines, pos, n_cands, source)
    withdrawn = frozenset(options.withdrawn)
    return Election(names, seats, rankings, weights, withdrawn, title, tie_order=options.tie)


def _uncomment(line: str) -> str:
    """``line`` without a ``#`` comment (outside quotes), right-stripped."""
    if "#" not in line:
        return line.rstrip()
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:i].rstrip()
    return line.rstrip()


class _Options:
    """The lines between the header and the ballots: withdrawn candidates and options."""

    def __init__(self, n_cands: int, source: str) -> None:
        self.n = n_cands
        self.source = source
        self.withdrawn: set[int] = set()
        self.nicks: dict[str, int] = {}
        self.tie: tuple[int, ...] | None = None

    def read(self, lines: list[str], pos: int) -> int:
        """Read option lines from ``pos``; returns the position of the first ballot line."""
        while True:
            pos = _skip_blank(lines, pos)
            if pos >= len(lines):
                return pos
            line = _uncomment(lines[pos]).strip()
            if line.startswith("["):
                self.option(line, pos + 1)
            elif line.startswith("-"):
                self.withdrawn |= _withdrawn(line, self.n, self.source, pos + 1)
            elif line:
                return pos
            pos += 1

    def error(self, lineno: int, message: str, hint: str) -> InvalidInputError:
        return InvalidInputError(
            f"{self.source}, line {lineno}: {message}", hint=hint, file=self.source, line=lineno
        )

    def option(self, line: str, lineno: int) -> None:
        if not line.endswith("]"):
            raise self.error(lineno, f"option '{line}' is not closed", "end it with ']'")
        name, *items = line[1:-1].split()
        if name == "withdrawn":
            self.withdrawn |= {self.cid(item, lineno) for item in items}
        elif name == "nick":
            if len(items) != self.n or len(set(items)) != self.n:
                raise self.error(lineno, "[nick] must name each candidate once", "list n names")
            self.nicks = {nick: i for i, nick in enumerate(items)}
        elif name == "tie":
            order = tuple(self.cid(item, lineno) for item in items)
            if sorted(order) != list(range(self.n)):
                raise self.error(lineno, "[tie] must list each candidate once", "list them all")
            self.tie = order
        else:
            raise self.error(
                lineno,
                f"BLT option '[{name}]' is not supported",
                "hustings reads [withdrawn], [nick] and [tie]; remove the line",
            )

    def cid(self, token: str, lineno: int) -> int:
        """A candidate's index from its number (1-based) or nickname."""
        if token in self.nicks:
            return self.nicks[token]
        if token.isdigit() and 1 <= int(token) <= self.n:
            return int(token) - 1
        raise self.error(
            lineno,
            f"preference {token} out of range 1..{self.n}"
            if token.lstrip("-").isdigit()
            else f"unknown candidate '{token}'",
            "number candidates from 1, or use a name from the [nick] line",
        )


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
    if not tokens.size:
        return np.full((0, 1), -1, dtype=np.int64), np.zeros(0, dtype=np.int64), end + 1
    if tokens.max() >= INT64_MAX:  # numpy clamps what does not fit
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
    while pos < len(lines) and not _uncomment(lines[pos]).strip():
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
    lines: list[str], pos: int, options: _Options
) -> tuple[list[tuple[int, list[int]]], list[int], set[str], int]:
    ballots: list[tuple[int, list[int]]] = []
    cuts: list[int] = []
    irregular: set[str] = set()
    while pos < len(lines):
        line = _uncomment(lines[pos])
        pos += 1
        if not line.strip():
            continue
        if line.split() == ["0"]:
            return ballots, cuts, irregular, pos
        weight, prefs, cut = _ballot(line.split(), options, pos, irregular)
        ballots.append((weight, prefs))
        cuts.append(cut)
    raise InvalidInputError(
        f"{options.source}: no '0' line ends the ballots",
        hint="end the ballot section with a line holding just 0, then the candidate names",
        file=options.source,
    )


def _ballot(
    tokens: list[str], options: _Options, lineno: int, irregular: set[str]
) -> tuple[int, list[int], int]:
    """Weight, every candidate marked in order, and where the strict ranking ends."""
    where = f"{options.source}, line {lineno}"
    if tokens[0].startswith("("):
        raise options.error(lineno, "ballot ids '(...)' are not supported", "remove them")
    if not tokens[0].lstrip("-").isdigit():
        raise options.error(
            lineno,
            f"expected whole numbers, got '{' '.join(tokens)}'",
            "ballot lines are 'weight pref1 pref2 ... 0'",
        )
    weight = int(tokens[0])
    check_weight(weight, where)
    if len(tokens) < 2 or tokens[-1] != "0":
        raise options.error(lineno, "ballot does not end with 0", "end every ballot line with 0")
    prefs: list[int] = []
    cut: int | None = None
    for token in tokens[1:-1]:
        if token == "-":
            cut = len(prefs) if cut is None else cut
            irregular.add(SKIPPED)
            continue
        group = [options.cid(t, lineno) for t in token.split("=")]
        if len([c for c in group if c not in options.withdrawn]) > 1:
            cut = len(prefs) if cut is None else cut
            irregular.add(EQUAL)
        for c in group:
            if c in prefs:
                raise options.error(
                    lineno, f"candidate {c + 1} ranked twice", "rank each candidate at most once"
                )
            prefs.append(c)
    return weight, prefs, len(prefs) if cut is None else cut


def _unquote(line: str) -> str:
    line = line.strip()
    match = _ALT_NAME.match(line)
    if match:
        line = match.group(1).strip()
    elif line.startswith('"'):
        line = _uncomment(line)
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
    if election.cuts is not None:
        raise InvalidInputError(
            f"{election.title or 'election'}: ballots with {' and '.join(election.irregular)} "
            "cannot be written",
            hint="write election.strict(), the rankings the ranked rules count",
        )
    out = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(f"-{w + 1}" for w in sorted(election.withdrawn)))
    if election.tie_order is not None:
        out.append(f"[tie {' '.join(str(c + 1) for c in election.tie_order)}]")
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

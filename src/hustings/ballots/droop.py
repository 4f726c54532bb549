"""Compare Scottish STV counts stage by stage with Droop's reference dumps (Glasgow 2007).

A dump has one tab-separated line per action; round 0 ``begin`` holds the first preferences
and each later round's ``transfer`` line the totals after that round's single transfer, which
is our stage ``round + 1``. The final ``end`` line marks the elected with ``E``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from hustings.ballots.blt import read_blt
from hustings.ballots.model import CountOptions
from hustings.ballots.scottish import count_scottish
from hustings.errors import DataError

GLASGOW_BLT = "ballots/glasgow-2007-blt"
GLASGOW_DROOP = "ballots/glasgow-2007-droop-reference"


@dataclass(frozen=True)
class DroopStage:
    """Totals after one stage in a Droop dump."""

    number: int
    votes: dict[str, Decimal]
    non_transferable: Decimal


@dataclass(frozen=True)
class DroopDump:
    """A parsed dump: stages in order and the elected candidates."""

    stages: tuple[DroopStage, ...]
    elected: frozenset[str]


@dataclass(frozen=True)
class DroopCheck:
    """One ward compared with its dump."""

    ward: str
    stages: int
    stages_matched: int
    elected_match: bool
    first_difference: str

    @property
    def ok(self) -> bool:
        """Every stage and the elected set agree."""
        return self.elected_match and self.stages == self.stages_matched

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "ward": self.ward,
            "stages": self.stages,
            "stages_matched": self.stages_matched,
            "elected_match": self.elected_match,
            "ok": self.ok,
            "first_difference": self.first_difference,
        }


def _key(name: str) -> str:
    return " ".join(name.split("(")[0].split()).casefold()


def parse_droop(path: Path) -> DroopDump:
    """Read a Droop round-by-round dump."""
    stages: list[DroopStage] = []
    elected: frozenset[str] = frozenset()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 7 or cells[1] not in {"begin", "transfer", "end"}:
            continue
        people = [cells[i : i + 3] for i in range(4, len(cells) - 2, 3)]
        votes = {_key(n): Decimal(v) for n, _, v in people}
        if cells[1] == "end":
            elected = frozenset(_key(n) for n, s, _ in people if s == "E")
            continue
        stages.append(DroopStage(len(stages) + 1, votes, Decimal(cells[3])))
    if not stages:
        raise DataError(f"{path}: no stages found", hint="is this a Droop dump file?")
    return DroopDump(tuple(stages), elected)


def check_droop(blt: Path, dump: DroopDump) -> DroopCheck:
    """Count ``blt`` and compare each stage's totals and non-transferable votes with ``dump``."""
    election = read_blt(blt)
    result = count_scottish(election, CountOptions())
    keys = [_key(n) for n in election.candidates]
    matched, first = 0, ""
    for ours, theirs in zip(result.stages, dump.stages, strict=False):
        got = {k: v for k, v in zip(keys, ours.totals, strict=True)}
        same = got == theirs.votes and ours.non_transferable == theirs.non_transferable
        matched += same
        if not same and not first:
            first = f"stage {ours.number}"
    if len(result.stages) != len(dump.stages) and not first:
        first = f"{len(result.stages)} stages against {len(dump.stages)}"
    return DroopCheck(
        ward=election.title,
        stages=max(len(result.stages), len(dump.stages)),
        stages_matched=matched,
        elected_match={_key(n) for n in result.elected} == set(dump.elected),
        first_difference=first,
    )


def verify_glasgow(mirror: Path) -> tuple[DroopCheck, ...]:
    """Every Glasgow 2007 ward against its Droop dump (paired by candidate names)."""
    dumps = [parse_droop(p) for p in sorted((mirror / GLASGOW_DROOP).glob("*.txt"))]
    by_names = {frozenset(d.stages[0].votes): d for d in dumps}
    checks = []
    for blt in sorted((mirror / GLASGOW_BLT).glob("*.blt")):
        names = frozenset(_key(n) for n in read_blt(blt).candidates)
        dump = by_names.get(names)
        if dump is None:
            raise DataError(
                f"{blt.name}: no Droop dump with the same candidates",
                hint="check the glasgow-2007-droop-reference folder",
            )
        checks.append(check_droop(blt, dump))
    return tuple(checks)

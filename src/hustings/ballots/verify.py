"""Check our Scottish STV count against the official 2017 results and Droop's Glasgow 2007 dumps.

Official results (``scotland-2017-official-results/council17-results.csv``, one row per
candidate, stage totals to five decimals) are matched to BLT files by each ward's multiset of
first preferences, and candidates by first preferences then surname, since names are spelt
differently in about 60 wards.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from hustings.ballots.blt import read_blt
from hustings.ballots.model import CountOptions, CountResult, Election
from hustings.ballots.scottish import count_scottish
from hustings.errors import DataError, NotFoundError

SCOTLAND_BLT = "ballots/scotland-2017-blt"
SCOTLAND_CSV = "ballots/scotland-2017-official-results/council17-results.csv"

# Known typing error in the official file (see the data README): Glasgow ward 1 (Linn),
# Alan Digney, stage 3 reads 393.00000 where his stage-2 and stage-4 totals imply 303.
# Midlothian ward 1 (Penicuik), Joe Wallace, stage 3 reads 832.84154, but his stage-2 total plus
# his stage-3 transfer in the same file (829.65834 + 3.18318) is 832.84152, as we count.
KNOWN_ERRATA = frozenset({("Linn", "Alan Digney", 3), ("Penicuik", "Joe Wallace", 3)})


@dataclass(frozen=True)
class Mismatch:
    """One stage total that differs from the reference."""

    stage: int
    candidate: str
    ours: Decimal
    official: Decimal
    known_erratum: bool = False

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "stage": self.stage,
            "candidate": self.candidate,
            "ours": str(self.ours),
            "official": str(self.official),
            "known_erratum": self.known_erratum,
        }


@dataclass(frozen=True)
class WardCheck:
    """Our count of one ward compared with the official result."""

    file: str
    ward: str
    council: str
    elected_match: bool
    stages_compared: int
    stages_matched: int
    mismatches: tuple[Mismatch, ...]

    @property
    def ok(self) -> bool:
        """Elected set equal and every stage total equal (known errata aside)."""
        return self.elected_match and all(m.known_erratum for m in self.mismatches)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "file": self.file,
            "ward": self.ward,
            "council": self.council,
            "elected_match": self.elected_match,
            "stages_compared": self.stages_compared,
            "stages_matched": self.stages_matched,
            "ok": self.ok,
            "mismatches": [m.to_json() for m in self.mismatches],
        }


@dataclass(frozen=True)
class VerifyReport:
    """All wards checked, with totals."""

    wards: tuple[WardCheck, ...]

    @property
    def elected_matches(self) -> int:
        """Wards whose elected set equals the official one."""
        return sum(w.elected_match for w in self.wards)

    @property
    def ok(self) -> int:
        """Wards equal in elected set and in every stage total."""
        return sum(w.ok for w in self.wards)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "wards": len(self.wards),
            "elected_matches": self.elected_matches,
            "fully_matching": self.ok,
            "stages_compared": sum(w.stages_compared for w in self.wards),
            "stages_matched": sum(w.stages_matched for w in self.wards),
            "results": [w.to_json() for w in self.wards],
        }


def _official_wards(path: Path) -> dict[tuple[int, ...], list[dict[str, str]]]:
    if not path.is_file():
        raise NotFoundError(f"no official results file '{path}'", hint="check the data mirror")
    wards: dict[tuple[str, str], list[dict[str, str]]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["first_prefs"]:
                continue
            wards.setdefault((row["council_id"], row["cand_ward_id"]), []).append(row)
    by_firsts: dict[tuple[int, ...], list[dict[str, str]]] = {}
    for rows in wards.values():
        key = tuple(sorted(int(Decimal(r["first_prefs"])) for r in rows))
        by_firsts[key] = rows
    return by_firsts


def _surname(name: str) -> str:
    return name.replace("-", " ").split()[-1].casefold()


def match_candidates(election: Election, rows: list[dict[str, str]]) -> dict[int, dict[str, str]]:
    """Official row for each candidate index: by first preferences, then by surname."""
    firsts = list(election.first_preferences().values())
    out: dict[int, dict[str, str]] = {}
    for i, name in enumerate(election.candidates):
        same = [r for r in rows if int(Decimal(r["first_prefs"])) == firsts[i]]
        if len(same) > 1:
            tokens = set(name.replace("-", " ").casefold().split())
            same = [r for r in same if _surname(r["name"]) in tokens] or same
        if not same:
            raise DataError(
                f"{election.title}: no official row for '{name}'",
                hint="the BLT file and the official results disagree on first preferences",
            )
        out[i] = same[0]
    return out


def _agrees(ours: Decimal, official: Decimal) -> bool:
    """Equal to five decimals; where a council published fewer decimals (two, once four),
    equal once ours is rounded half up or truncated to that many."""
    places = -int(official.as_tuple().exponent)
    if places >= 5:
        return ours == official
    step = Decimal(1).scaleb(-places)
    return official in (ours.quantize(step, ROUND_HALF_UP), ours.quantize(step, ROUND_DOWN))


def check_ward(
    file: str, election: Election, result: CountResult, rows: list[dict[str, str]]
) -> WardCheck:
    """Compare one counted ward with its official rows."""
    matched = match_candidates(election, rows)
    official = {matched[i]["name"] for i in matched if matched[i]["elected"] == "1"}
    ours = {matched[election.candidates.index(n)]["name"] for n in result.elected}
    mismatches: list[Mismatch] = []
    compared = agreed = 0
    ward = rows[0]["ward_name"]
    for stage in result.stages[1:]:
        column = f"total_votes{stage.number:02d}"
        if not rows[0].get(column):
            continue
        compared += 1
        bad = []
        for i, row in matched.items():
            theirs, mine = Decimal(row[column]), stage.totals[i]
            if not _agrees(mine, theirs):
                known = (ward, row["name"], stage.number) in KNOWN_ERRATA
                bad.append(Mismatch(stage.number, election.candidates[i], mine, theirs, known))
        agreed += not bad
        mismatches.extend(bad)
    return WardCheck(
        file=file,
        ward=ward,
        council=rows[0]["council_name"],
        elected_match=official == ours,
        stages_compared=compared,
        stages_matched=agreed,
        mismatches=tuple(mismatches),
    )


def verify_scotland(
    mirror: Path,
    *,
    counter: Callable[[Election, CountOptions], CountResult] = count_scottish,
    files: Iterable[Path] | None = None,
) -> VerifyReport:
    """Count every 2017 ward in the mirror and compare with the official results."""
    official = _official_wards(mirror / SCOTLAND_CSV)
    paths = sorted(files) if files is not None else sorted((mirror / SCOTLAND_BLT).glob("*.blt"))
    checks = []
    for path in paths:
        if "_by_election_" in path.name:
            continue
        election = read_blt(path)
        firsts = election.first_preferences().values()
        rows = official.get(tuple(sorted(firsts)))
        if rows is None:
            raise DataError(
                f"{path.name}: no ward in the official results has these first preferences",
                hint="check that the BLT file and official results are the 2017 ones",
            )
        checks.append(check_ward(path.name, election, counter(election, CountOptions()), rows))
    return VerifyReport(tuple(checks))


LABOUR_2010 = "ballots/preflib-uk-labour-leadership-2010/00030-00000001.soi"


@dataclass(frozen=True)
class LabourCheck:
    """Labour leadership 2010 (MPs and MEPs): first preferences and the IRV winner."""

    first_preferences: dict[str, int]
    winner: str
    final_round: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "first_preferences": self.first_preferences,
            "winner": self.winner,
            "final_round": self.final_round,
        }


def verify_labour(mirror: Path) -> LabourCheck:
    """Count the Labour 2010 MPs' section by instant-runoff."""
    from hustings.ballots.formats import read_ballots
    from hustings.ballots.simple import count_irv

    election = read_ballots(mirror / LABOUR_2010)
    result = count_irv(election, CountOptions())
    last = result.stages[-1]
    final = {c: int(v) for c, v in zip(election.candidates, last.totals, strict=True) if v}
    return LabourCheck(election.first_preferences(), result.elected[0], final)


def official_elected(mirror: Path, elections: dict[str, Election]) -> dict[str, frozenset[str]]:
    """The officially elected, as the names in each BLT file, keyed like ``elections``."""
    official = _official_wards(mirror / SCOTLAND_CSV)
    out: dict[str, frozenset[str]] = {}
    for key, election in elections.items():
        rows = official.get(tuple(sorted(election.first_preferences().values())))
        if rows is None:
            raise DataError(f"{key}: not found in the official results", hint="2017 wards only")
        matched = match_candidates(election, rows)
        out[key] = frozenset(
            election.candidates[i] for i, r in matched.items() if r["elected"] == "1"
        )
    return out

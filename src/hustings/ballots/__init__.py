"""Member ballots: read and write ballot files, count them (plurality, approval, IRV, STV under
Scottish and Meek rules, with reserved places), audit every stage, verify against real counts."""

from hustings.ballots.blt import format_blt, parse_blt, read_blt, write_blt
from hustings.ballots.formats import format_csv, parse_csv, read_ballots, write_csv
from hustings.ballots.methods import METHODS, count
from hustings.ballots.model import (
    CountOptions,
    CountResult,
    Election,
    Reserved,
    Stage,
    TieBreak,
    build_election,
)

__all__ = [
    "METHODS",
    "CountOptions",
    "CountResult",
    "Election",
    "Reserved",
    "Stage",
    "TieBreak",
    "build_election",
    "count",
    "format_blt",
    "format_csv",
    "parse_blt",
    "parse_csv",
    "read_ballots",
    "read_blt",
    "write_blt",
    "write_csv",
]

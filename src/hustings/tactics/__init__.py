"""Tactical-voting advice for a bloc of parties against an opponent, and alliance simulation.

``advise`` gives every seat a recommended party, the probability that it is the bloc's
best-placed candidate, a label and plain-words evidence; policies are plain functions in
``POLICIES``. ``hustings.tactics.alliance.simulate_alliance`` plays out stand-downs.
"""

from __future__ import annotations

from hustings.tactics.advise import advise
from hustings.tactics.bloc import check_bloc
from hustings.tactics.board import Board, load_board
from hustings.tactics.model import LABELS, SeatAdvice, TacticalAdvice
from hustings.tactics.policies import POLICIES, Choice, PolicyInput

__all__ = [
    "LABELS",
    "POLICIES",
    "Board",
    "Choice",
    "PolicyInput",
    "SeatAdvice",
    "TacticalAdvice",
    "advise",
    "check_bloc",
    "load_board",
]

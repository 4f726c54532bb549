"""Allocation: volunteers and money across seats for the most expected seats, within travel
ranges and legal spending limits, solved with HiGHS and compared with the nearest-marginal
rule under the same model."""

from hustings.allocate.carpool import Pooled, carpool
from hustings.allocate.core import InfeasibleError, build, nearest_marginal, optimise, score
from hustings.allocate.effects import Effects
from hustings.allocate.model import Plan, Seats, Volunteers
from hustings.allocate.plan import POLICIES, Allocation, SeatRow, Suggestion, describe, save, solve
from hustings.allocate.race import Race
from hustings.allocate.sources import (
    Scenario,
    build_seats,
    ledger_state,
    load_scenario,
    volunteers_from_csv,
    volunteers_from_db,
)

__all__ = [
    "POLICIES",
    "Allocation",
    "Effects",
    "InfeasibleError",
    "Plan",
    "Pooled",
    "Race",
    "Scenario",
    "SeatRow",
    "Seats",
    "Suggestion",
    "Volunteers",
    "build",
    "build_seats",
    "carpool",
    "describe",
    "ledger_state",
    "load_scenario",
    "nearest_marginal",
    "optimise",
    "save",
    "score",
    "solve",
    "volunteers_from_csv",
    "volunteers_from_db",
]

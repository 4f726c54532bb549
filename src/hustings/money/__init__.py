"""Campaign money within the law: a dated table of UK rules with sources, the limits in force
for an election and a seat, and (on the user-state database) the ledger of spending,
donations and crowdfunding checked against them."""

from hustings.money.limits import Limits, SeatLimits, limits
from hustings.money.places import Places, Seat, SeatResolver, load_places, parse_part
from hustings.money.rules import (
    RULES,
    Campaigner,
    Part,
    Rule,
    candidate_limit_pence,
    pounds,
    regulated_period,
    rules_in_force,
)

__all__ = [
    "RULES",
    "Campaigner",
    "Limits",
    "Part",
    "Places",
    "Rule",
    "Seat",
    "SeatLimits",
    "SeatResolver",
    "candidate_limit_pence",
    "limits",
    "load_places",
    "parse_part",
    "pounds",
    "regulated_period",
    "rules_in_force",
]

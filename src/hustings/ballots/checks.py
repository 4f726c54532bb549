"""What every count checks first: that there are votes, and that they can be counted exactly.

Counts run on 64-bit integers in fixed units (1e-5 of a vote for the Scottish rules, 1e-9 for
Meek). The largest intermediate product of a rule is its total vote times its ``scale``; a
count whose products could pass 2**63 - 1 is refused rather than allowed to wrap around.
"""

from __future__ import annotations

import numpy as np

from hustings.ballots.model import Election, IntArray
from hustings.errors import InvalidInputError

INT64_MAX = 2**63 - 1


def check_weight(weight: int, where: str) -> None:
    """Refuse a ballot weight that is negative or does not fit a 64-bit integer."""
    if weight < 0:
        raise InvalidInputError(
            f"{where}: negative weight {weight}",
            hint="a ballot's weight is how many voters cast it",
            value=weight,
        )
    if weight > INT64_MAX:
        raise InvalidInputError(
            f"{where}: weight {weight} is larger than {INT64_MAX:,}",
            hint="a ballot's weight is how many voters cast it; no count can hold more",
            value=str(weight),
        )


def check_countable(election: Election, method: str, *, scale: int = 1) -> int:
    """The total vote of ``election``, after refusing a file with no ballots, no votes, or
    more votes than ``method`` can count exactly (total x ``scale`` must fit in 63 bits)."""
    name = election.title or "election"
    if len(election.weights) == 0:
        raise InvalidInputError(
            f"{name}: no ballots to count", hint="the file holds no ballot lines", method=method
        )
    total = election.n_voters
    if total == 0:
        raise InvalidInputError(
            f"{name}: every ballot has weight 0, so there are no votes to count",
            hint="give each ballot line the number of voters who cast it",
            method=method,
        )
    limit = INT64_MAX // scale
    if total > limit:
        raise InvalidInputError(
            f"{name}: {total:,} votes are more than {method} counts exactly (at most {limit:,})",
            hint="check the ballot weights; a real electorate is far smaller",
            method=method,
            votes=total,
        )
    return total


def int_bincount(index: IntArray, values: IntArray, length: int) -> IntArray:
    """``np.bincount(index, values)`` summed exactly in 64-bit integers.

    ``np.bincount`` adds in float64, exact only below 2**53; the values are split into a high
    and a low part of 2**26, each summed exactly, and joined again."""
    low = values & ((1 << 26) - 1)
    high = values >> 26
    sum_low = np.bincount(index, weights=low, minlength=length).astype(np.int64)
    sum_high = np.bincount(index, weights=high, minlength=length).astype(np.int64)
    out: IntArray = (sum_high << 26) + sum_low
    return out

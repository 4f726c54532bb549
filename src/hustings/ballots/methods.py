"""The registry of counting methods: name -> function ``(election, options) -> CountResult``."""

from __future__ import annotations

from collections.abc import Callable

from hustings.ballots.meek import count_meek
from hustings.ballots.model import CountOptions, CountResult, Election
from hustings.ballots.scottish import count_scottish
from hustings.ballots.simple import count_approval, count_irv, count_plurality
from hustings.errors import InvalidInputError

Counter = Callable[[Election, CountOptions], CountResult]

METHODS: dict[str, Counter] = {
    "scottish-stv": count_scottish,
    "meek": count_meek,
    "irv": count_irv,
    "approval": count_approval,
    "plurality": count_plurality,
}


def count(
    election: Election, method: str = "scottish-stv", options: CountOptions | None = None
) -> CountResult:
    """Count ``election`` with the named method."""
    try:
        counter = METHODS[method]
    except KeyError:
        raise InvalidInputError(
            f"no counting method '{method}'",
            hint=f"choose one of: {', '.join(sorted(METHODS))}",
            value=method,
        ) from None
    standing = len(election) - len(election.withdrawn)
    if election.seats > standing:
        raise InvalidInputError(
            f"{election.title or 'election'}: {election.seats} seats but only {standing} "
            "candidates standing",
            hint="give --seats no larger than the number of candidates",
            seats=election.seats,
            candidates=standing,
        )
    options = options or CountOptions()
    if method != "scottish-stv" and any(r.minimum > 0 for r in options.reserved):
        raise InvalidInputError(
            f"reserved places are counted under scottish-stv only, not '{method}'",
            hint="use --method scottish-stv, or drop the reserved places",
            value=method,
        )
    return counter(election, options)

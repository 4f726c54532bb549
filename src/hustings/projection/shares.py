"""Target shares: parsing ``LAB=33.7,...``, ``latest-polls``, ``polls-DATE``, ``final-polls-YEAR``
and ``actual-YEAR``, checking them against a base election, and spreading them into per-seat
target arrays."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from hustings.domain import PARTIES
from hustings.errors import InvalidInputError
from hustings.projection.average import latest_average
from hustings.projection.finals import actual_shares, final_poll_shares

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]

TOLERANCE = 0.005  # shares must sum to 1 within half a point
OTHERS = "OTH"
_PAIR = re.compile(r"^\s*([A-Za-z]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*$")
_POLLS_ON = re.compile(r"^polls-\d{4}-\d{2}-\d{2}$")


def parse_shares(
    text: str, store: Store | None = None, *, normalise: bool = False
) -> dict[str, float]:
    """GB shares as fractions from ``LAB=33.7,CON=23.7`` (percent), ``latest-polls`` (the
    polling average on the newest poll), ``polls-YYYY-MM-DD`` (the average on that day),
    ``final-polls-YEAR`` or ``actual-YEAR``; parties left out of a ``LAB=..`` list share the rest
    as others."""
    spec = text.strip().lower()
    if spec == "latest-polls" or _POLLS_ON.match(spec):
        if store is None:
            raise InvalidInputError(
                f"'{text}' needs the election store", hint="run `hustings data sync`"
            )
        return polls_on(store, None if spec == "latest-polls" else spec[len("polls-") :])
    if spec.startswith(("final-polls-", "actual-")):
        if store is None:
            raise InvalidInputError(
                f"'{text}' needs the election store", hint="run `hustings data sync`"
            )
        year = spec.rsplit("-", 1)[1]
        if spec.startswith("actual-"):
            return actual_shares(store, year)
        return final_poll_shares(store, year)
    pairs: dict[str, float] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        match = _PAIR.match(item)
        if not match:
            raise InvalidInputError(
                f"cannot read share '{item}'",
                hint="write PARTY=PERCENT pairs (LAB=33.7), latest-polls, polls-YYYY-MM-DD, "
                "final-polls-YEAR or actual-YEAR",
                value=item,
            )
        code = match.group(1).upper()
        if code in pairs:
            raise InvalidInputError(f"party '{code}' is given twice", hint="give each party once")
        pairs[code] = float(match.group(2)) / 100.0
    if not pairs:
        raise InvalidInputError("no shares given", hint="e.g. --shares LAB=33.7,CON=23.7")
    _refuse_fractions(pairs)
    return check_shares(pairs, normalise=normalise)


def _refuse_fractions(pairs: Mapping[str, float]) -> None:
    """Shares like ``LAB=0.4,CON=0.6`` are fractions written where percentages belong."""
    percent = [100 * v for v in pairs.values()]
    if len(percent) > 1 and max(percent) <= 1 and 0.5 <= sum(percent) <= 1 + 100 * TOLERANCE:
        example = ",".join(f"{k}={100 * v * 100:g}" for k, v in list(pairs.items())[:2])
        raise InvalidInputError(
            f"shares add up to {sum(percent):g}: they look like fractions, not percentages",
            hint=f"write percentages, e.g. {example}",
        )


def check_shares(shares: Mapping[str, float], *, normalise: bool = False) -> dict[str, float]:
    """Check codes, signs and the total; with ``normalise`` rescale to sum to 1."""
    for code, value in shares.items():
        if code not in PARTIES:
            raise InvalidInputError(
                f"unknown party '{code}'", hint="party codes: " + ", ".join(PARTIES), party=code
            )
        if not np.isfinite(value) or value < 0:
            raise InvalidInputError(
                f"share of {code} is {value * 100:g}, below zero",
                hint="shares are percentages between 0 and 100",
                party=code,
            )
    total = float(sum(shares.values()))
    if normalise and total > 0:
        return {k: v / total for k, v in shares.items()}
    complete = OTHERS in shares
    if total > 1 + TOLERANCE or (complete and abs(total - 1) > TOLERANCE):
        raise InvalidInputError(
            f"shares sum to {total * 100:.1f}, not 100",
            hint="fix the shares or pass --normalise to rescale them",
            total=round(total * 100, 3),
        )
    return dict(shares)


def polls_on(store: Store, day: str | None) -> dict[str, float]:
    """The polling average's GB shares on ``day`` (ISO date; None: the newest poll)."""
    try:
        when = None if day is None else date.fromisoformat(day)
    except ValueError:
        raise InvalidInputError(
            f"'polls-{day}' is not a date", hint="write polls-YYYY-MM-DD, e.g. polls-2026-03-01"
        ) from None
    return dict(latest_average(store, when).shares)


def target_vector(shares: Mapping[str, float], parties: tuple[str, ...], base_area: Array,
                  base_name: str) -> Array:  # fmt: skip
    """Target shares over ``parties`` for one area, summing to 1.

    Parties not named share the rest (``1 - named``, or the ``OTH`` figure when given) in
    proportion to their base shares in the area.
    """
    missing = [p for p in shares if p not in parties]
    if missing:
        raise InvalidInputError(
            f"party '{missing[0]}' did not stand in the base election {base_name}",
            hint="parties in the base: " + ", ".join(parties),
            party=missing[0],
        )
    named = {p: v for p, v in shares.items() if p != OTHERS}
    rest = shares.get(OTHERS, max(0.0, 1.0 - sum(named.values())))
    target = np.zeros(len(parties))
    unnamed = np.array([p not in named for p in parties])
    for j, party in enumerate(parties):
        if party in named:
            target[j] = named[party]
    pool = float(base_area[unnamed].sum())
    if pool > 0:
        target[unnamed] = rest * base_area[unnamed] / pool
    total = target.sum()
    return np.asarray(target / total if total > 0 else target, dtype=np.float64)


def parse_by(areas: Mapping[str, object], store: Store | None = None,
             *, normalise: bool = False) -> dict[str, dict[str, float]]:  # fmt: skip
    """Nation or region shares from a mapping of area -> ``"LAB=35,SNP=30"`` or
    ``{"LAB": 35, ...}`` (percent)."""
    out: dict[str, dict[str, float]] = {}
    for area, value in areas.items():
        if isinstance(value, str):
            out[str(area)] = parse_shares(value, store, normalise=normalise)
        elif isinstance(value, Mapping):
            try:
                pairs = {str(k).upper(): float(v) / 100.0 for k, v in value.items()}
            except (TypeError, ValueError) as exc:
                raise InvalidInputError(
                    f"shares for '{area}' are not numbers", hint="give percentages", area=str(area)
                ) from exc
            out[str(area)] = check_shares(pairs, normalise=normalise)
        else:
            raise InvalidInputError(
                f"shares for '{area}' must be 'LAB=35,...' or an object of percentages",
                hint='e.g. {"Scotland": {"SNP": 30, "LAB": 35}}',
                area=str(area),
            )
    return out

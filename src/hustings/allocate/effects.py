"""How effort moves votes: effect sizes as settings, and the concave response curves built
from them (piecewise-linear, so the optimiser can use them).

Defaults and where they come from (docs/allocate.md gives the full references):

* ``votes_per_contact`` 1/28: Green and Gerber's partisan door-to-door figure (about one vote
  per 14 contacts, *Get Out the Vote*) halved, because the pooled European canvassing effect
  is much smaller than the American one (Bhatti et al., BJPolS 2019) and the UK experiments
  (John and Brannan, BJPolS 2008; Townsley, PSRM 2018) are of that smaller order.
* ``contacts_per_hour`` 6 and ``reachable`` 0.5: planning assumptions (about half the doors
  knocked are answered, and not every household is ever reached).
* ``votes_per_item`` 1/177 and ``pounds_per_item`` 0.50: Green and Gerber's partisan direct-mail
  figure (about one vote per 177 pieces) at an assumed 50p per printed, delivered piece;
  up to ``items_per_elector`` 3 pieces per elector.
* ``travel_pounds_per_km`` 0.28: HMRC's approved mileage rate (45p a mile) per km.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError

Array = npt.NDArray[np.float64]

BREAKS = np.array([0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0])
"""Breakpoints of every curve in units of its scale (where returns have fallen to 1/e)."""


@dataclass(frozen=True)
class Effects:
    """Effect sizes (user-settable; ``scale`` multiplies both the canvassing and money effects)."""

    contacts_per_hour: float = 6.0
    votes_per_contact: float = 1 / 28
    reachable: float = 0.5
    electors_per_household: float = 2.0
    votes_per_item: float = 1 / 177
    pounds_per_item: float = 0.5
    items_per_elector: float = 3.0
    travel_pounds_per_km: float = 0.28
    km_per_hour: float = 30.0
    scale: float = 1.0

    def __post_init__(self) -> None:
        for name, value in self.to_json().items():
            if not (np.isfinite(value) and value >= 0):
                raise InvalidInputError(
                    f"effect setting {name} is {value}",
                    hint="give a finite number of zero or more",
                )
        if self.contacts_per_hour == 0 or self.pounds_per_item == 0 or self.km_per_hour == 0:
            raise InvalidInputError(
                "contacts_per_hour, pounds_per_item and km_per_hour must be above zero"
            )

    def scaled(self, factor: float) -> Effects:
        """The same settings with both effects multiplied by ``factor``."""
        return replace(self, scale=self.scale * factor)

    @property
    def votes_per_hour(self) -> float:
        """Votes one volunteer-hour wins on untouched turf."""
        return self.scale * self.contacts_per_hour * self.votes_per_contact

    @property
    def votes_per_pound(self) -> float:
        """Votes one pound wins in a seat where nothing has been spent."""
        return self.scale * self.votes_per_item / self.pounds_per_item

    def to_json(self) -> dict[str, float]:
        """Every setting by name."""
        return {
            "contacts_per_hour": self.contacts_per_hour,
            "votes_per_contact": self.votes_per_contact,
            "reachable": self.reachable,
            "electors_per_household": self.electors_per_household,
            "votes_per_item": self.votes_per_item,
            "pounds_per_item": self.pounds_per_item,
            "items_per_elector": self.items_per_elector,
            "travel_pounds_per_km": self.travel_pounds_per_km,
            "km_per_hour": self.km_per_hour,
            "scale": self.scale,
        }


def parse_effect(text: str) -> tuple[str, float]:
    """``name=value`` for one effect setting (one-line error otherwise)."""
    name, _, value = text.partition("=")
    name = name.strip().replace("-", "_")
    known = Effects().to_json()
    if name not in known:
        raise InvalidInputError(
            f"no effect setting '{name}'", hint="use one of: " + ", ".join(known)
        )
    try:
        number = float(value)
    except ValueError:
        raise InvalidInputError(
            f"effect setting '{text}' has no number", hint=f"write {name}=NUMBER"
        ) from None
    return name, number


def with_settings(effects: Effects, pairs: list[str]) -> Effects:
    """``effects`` with ``name=value`` settings applied."""
    values: dict[str, Any] = dict(parse_effect(p) for p in pairs)
    return replace(effects, **values)


@dataclass(frozen=True, eq=False)
class Curves:
    """Per seat, segment widths and slopes (seats x segments) of a concave response in votes:
    ``votes(x) = ceiling * (1 - exp(-x / scale))`` through the breakpoints."""

    width: Array
    slope: Array

    def votes(self, amount: Array) -> Array:
        """Votes won per seat by ``amount`` (hours or pounds) per seat, along the segments."""
        filled = np.clip(amount[:, None] - self.starts, 0.0, self.width)
        return np.asarray((filled * self.slope).sum(axis=1), dtype=np.float64)

    @property
    def starts(self) -> Array:
        """Where each segment starts."""
        return np.cumsum(self.width, axis=1) - self.width


def curves(scale: Array, ceiling: Array) -> Curves:
    """Piecewise-linear concave curves through ``ceiling * (1 - exp(-x / scale))``; beyond the
    last breakpoint more effort wins nothing."""
    points = scale[:, None] * BREAKS[None, :]
    values = ceiling[:, None] * (1.0 - np.exp(-BREAKS))[None, :]
    width = np.diff(points, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(width > 0, np.diff(values, axis=1) / width, 0.0)
    return Curves(width, slope)


def canvass_curves(effects: Effects, households: Array) -> Curves:
    """Votes from volunteer-hours per seat: contacts run out as the turf is covered."""
    contactable = households * effects.reachable
    scale = contactable / effects.contacts_per_hour
    return curves(scale, contactable * effects.votes_per_contact * effects.scale)


def money_curves(effects: Effects, electorate: Array) -> Curves:
    """Votes from pounds per seat: printed and delivered pieces, up to a few per elector."""
    items = electorate * effects.items_per_elector
    return curves(items * effects.pounds_per_item, items * effects.votes_per_item * effects.scale)


__all__ = [
    "BREAKS",
    "Curves",
    "Effects",
    "canvass_curves",
    "curves",
    "money_curves",
    "parse_effect",
    "with_settings",
]

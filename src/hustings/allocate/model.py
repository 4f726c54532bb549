"""The allocator's inputs as arrays (seats, volunteers) and what a plan is: a seat per
volunteer and pounds per seat, scored under the model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from hustings.errors import InvalidInputError

Array = npt.NDArray[np.float64]
Index = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Seats:
    """The seats effort can go to, one row each.

    ``value`` is the pivotality: the rise in the bloc's chance of winning per unit of vote share
    (a fraction) added to its backed party; ``votes_cast`` turns votes into share;
    ``households`` and ``electorate`` bound the turf; ``headroom`` is what may still legally
    be spent there (pounds); ``margin`` is the central lead of the backed party over its
    strongest rival (a fraction, negative when behind).
    """

    gss: tuple[str, ...]
    names: tuple[str, ...]
    value: Array
    win_probability: Array
    votes_cast: Array
    households: Array
    electorate: Array
    headroom: Array
    easting: Array
    northing: Array
    margin: Array
    backed: tuple[str, ...]
    rival: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.gss)


@dataclass(frozen=True, eq=False)
class Volunteers:
    """Who can go where: home point (British National Grid metres), hours this weekend,
    the farthest they will travel (km), their home seat's row in :class:`Seats` (-1 when
    not one of them), the shift they said they can do, and whether they drive (empty: nobody
    does)."""

    ids: tuple[str, ...]
    easting: Array
    northing: Array
    hours: Array
    max_km: Array
    home: Index
    shift: tuple[str, ...]
    driver: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        if not self.ids:
            raise InvalidInputError(
                "no volunteers to allocate",
                hint="give a CSV with --volunteers, or import volunteers with "
                "`hustings field volunteers import`",
            )

    def __len__(self) -> int:
        return len(self.ids)

    def distances(self, seats: Seats) -> Array:
        """Straight-line km from each volunteer's home to each seat's centre (0 at home)."""
        dx = self.easting[:, None] - seats.easting[None, :]
        dy = self.northing[:, None] - seats.northing[None, :]
        km = np.hypot(dx, dy) / 1000.0
        home = self.home >= 0
        km[np.flatnonzero(home), self.home[home]] = 0.0
        return np.asarray(km, dtype=np.float64)


@dataclass(frozen=True, eq=False)
class Plan:
    """A plan: the seat row of each volunteer (-1: none), pounds spent per seat on
    campaigning and on volunteers' travel, and how it scores under the model."""

    policy: str
    seat_of: Index
    spend: Array
    travel: Array
    hours: Array
    votes: Array
    gain: Array
    expected_seats: float
    bound: float | None = None

    @property
    def cost(self) -> float:
        """Everything the plan spends."""
        return float(self.spend.sum() + self.travel.sum())


__all__ = ["Plan", "Seats", "Volunteers"]


def plain(value: Any) -> Any:
    """Round floats for JSON."""
    return round(float(value), 6)

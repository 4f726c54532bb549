"""Drivers carry others: before planning, each driver takes up to ``CAR_SEATS`` volunteers
who live within ``PICKUP_KM`` of them and will travel at least as far, nearest first, drivers
in list order. A car is planned as one unit: the driver's home, everyone's hours, one paid
trip, and a range short enough that nobody in it travels further than they said they would."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hustings.allocate.model import Volunteers

CAR_SEATS = 3
PICKUP_KM = 2.0


@dataclass(frozen=True, eq=False)
class Pooled:
    """The units planned (cars and people travelling alone) and who is in each, the driver
    (or the lone volunteer) first, as rows of the original volunteers."""

    units: Volunteers
    members: tuple[tuple[int, ...], ...]
    people: Volunteers


def carpool(people: Volunteers, *, seats: int = CAR_SEATS, pickup_km: float = PICKUP_KM) -> Pooled:
    """Cars formed from ``people``'s drivers; everyone else travels alone."""
    drives = np.array(people.driver or [False] * len(people), dtype=bool)
    free = ~drives
    cars: dict[int, list[int]] = {}
    for d in np.flatnonzero(drives):
        km = np.hypot(people.easting - people.easting[d], people.northing - people.northing[d])
        near = free & (km / 1000.0 <= pickup_km) & (people.max_km >= people.max_km[d])
        chosen = [int(p) for p in np.flatnonzero(near)[np.argsort(km[near], kind="stable")][:seats]]
        free[chosen] = False
        cars[int(d)] = chosen
    riding = {p for passengers in cars.values() for p in passengers}
    groups = tuple((i, *cars.get(i, ())) for i in range(len(people)) if i not in riding)
    lead = np.array([g[0] for g in groups], dtype=np.int64)
    hours = np.array([people.hours[list(g)].sum() for g in groups], dtype=np.float64)
    reach = np.array([_reach(people, g) for g in groups], dtype=np.float64)
    units = Volunteers(
        tuple(people.ids[i] for i in lead), people.easting[lead], people.northing[lead], hours,
        reach, people.home[lead], tuple(people.shift[i] for i in lead),
        tuple(bool(drives[i]) for i in lead),
    )  # fmt: skip
    return Pooled(units, groups, people)


def _reach(people: Volunteers, group: tuple[int, ...]) -> float:
    """How far a car may go from the driver's home so that nobody in it goes beyond their
    own range (a passenger's range less the way to the driver)."""
    d = group[0]
    far = [people.max_km[p] - np.hypot(people.easting[p] - people.easting[d],
                                       people.northing[p] - people.northing[d]) / 1000
           for p in group[1:]]  # fmt: skip
    return float(min([people.max_km[d], *far]))


__all__ = ["CAR_SEATS", "PICKUP_KM", "Pooled", "carpool"]

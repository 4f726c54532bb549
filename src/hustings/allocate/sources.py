"""Where the allocator's inputs come from: the scenario's projection and simulations (the
election store), volunteers (a CSV file or the field database), each seat's legal headroom
(the money rules and ledger) and its turf (households in the field database, else the
electorate)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from hustings._io import read_rows
from hustings.allocate.effects import Effects
from hustings.allocate.model import Array, Seats, Volunteers
from hustings.allocate.race import Race, check_bloc, parties_index, simulate_race
from hustings.errors import InvalidInputError

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.storage.engine import Database

BASES = ("2024", "2019-notional")
"""Bases on the 2024 boundaries (the seats volunteers can go to next time)."""
DEFAULT_HOURS = 3.0
DEFAULT_KM = 15.0

VOLUNTEER_COLUMNS = {
    "volunteer": ("id", "name", "volunteer_id"),
    "postcode": ("home_postcode", "post_code"),
    "easting": ("x",),
    "northing": ("y",),
    "hours": ("hours_available",),
    "max_travel_km": ("travel_km", "how_far_km", "max_travel", "travel"),
    "shift": ("availability", "available", "when_available"),
    "skills": ("skill",),
}


@dataclass(frozen=True, eq=False)
class Scenario:
    """A projected scenario for a bloc against an opponent, with its simulations."""

    base: str
    label: str
    gss: tuple[str, ...]
    names: tuple[str, ...]
    parties: tuple[str, ...]
    central: Array
    votes_cast: Array
    race: Race
    bloc: tuple[str, ...]
    against: str
    sims: int
    seed: int


def load_scenario(
    store: Store,
    shares_text: str,
    *,
    bloc: Sequence[str],
    against: str,
    base: str = "2024",
    model: str = "uns",
    sims: int = 4000,
    seed: int = 0,
) -> Scenario:
    """The projection of ``shares_text`` from ``base`` and ``sims`` simulated elections."""
    from hustings.projection import History, parse_shares
    from hustings.projection.simulate import draw_shares

    check_bloc(bloc, against)
    if base not in BASES:
        raise InvalidInputError(
            f"base '{base}' is not on the 2024 boundaries",
            hint="use --base 2024 or --base 2019-notional",
        )
    if sims < 100:
        raise InvalidInputError(f"sims is {sims}", hint="simulate at least 100 elections")
    history = History.of(store)
    b = history.base(base)
    result = history.central(b, parse_shares(shares_text, store), model=model, before=None)
    bloc_idx = parties_index(b.parties, bloc, "--bloc")
    (against_idx,) = parties_index(b.parties, [against], "--against")
    sigmas = history.errors(model, None).sigmas(result.shares, b.regions)
    names, region_idx = np.unique(np.asarray(b.regions), return_inverse=True)
    per_region = sigmas.by_region(len(names))

    def sample(n: int, rng: np.random.Generator) -> Array:
        return draw_shares(result.shares, region_idx, len(names), per_region, n, rng)

    race = simulate_race(result.shares, sample, bloc_idx, against_idx, sims=sims,
                         rng=np.random.default_rng(seed))  # fmt: skip
    return Scenario(
        b.election, shares_text, b.gss, b.names, b.parties, result.shares,
        b.votes.sum(axis=1).astype(np.float64), race,
        tuple(b.parties[j] for j in bloc_idx), b.parties[against_idx], sims, seed,
    )  # fmt: skip


def build_seats(
    store: Store,
    scenario: Scenario,
    effects: Effects,
    *,
    spent: dict[str, float] | None = None,
    households: dict[str, int] | None = None,
) -> Seats:
    """The scenario's seats with pivotality, headroom (the non-party constituency limit in
    force less ``spent`` there) and turf (``households`` where known, else the electorate)."""
    from hustings.data import seat_centroids
    from hustings.money import load_places
    from hustings.money.rules import one

    places = load_places(store, "2024")
    limit = one(places.polling_day, "non_party.constituency").pence / 100
    centroids = seat_centroids(store)
    race = scenario.race
    electorate = np.array([float(places.seats[g].electorate or 0) for g in scenario.gss])
    electorate = np.where(electorate > 0, electorate, scenario.votes_cast / 0.6)
    known = households or {}
    homes = np.array([
        float(known[g]) if known.get(g) else e / effects.electors_per_household
        for g, e in zip(scenario.gss, electorate, strict=True)
    ])  # fmt: skip
    rows = np.arange(len(scenario.gss))
    backed = np.maximum(race.backed, 0)
    margin = scenario.central[rows, backed] - scenario.central[rows, race.rival_central]
    return Seats(
        scenario.gss, scenario.names, race.pivotality(), race.win_probability(),
        scenario.votes_cast, homes, electorate,
        np.array([limit - (spent or {}).get(g, 0.0) for g in scenario.gss]),
        np.array([centroids[g].easting for g in scenario.gss]),
        np.array([centroids[g].northing for g in scenario.gss]),
        np.where(race.backed >= 0, margin, -1.0),
        tuple(scenario.parties[j] if j >= 0 else "" for j in race.backed),
        tuple(scenario.parties[j] for j in race.rival_central),
    )  # fmt: skip


def _number(text: str, what: str, row: int, default: float, top: float) -> float:
    if not text:
        return default
    try:
        value = float(text.lower().removesuffix("km").strip())
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= top):
        raise InvalidInputError(
            f"row {row}: {what} '{text}' is not a number from 0 to {top:g}",
            hint=f"write {what} as a number"
            + (f", or leave it blank for {default:g}" if math.isfinite(default) else ""),
        )
    return value


def volunteers_from_csv(
    store: Store, path: Path, seats: Seats, *, encoding: str = "utf-8"
) -> Volunteers:
    """Volunteers of a CSV (``volunteer``, ``postcode`` or ``easting``/``northing``, ``hours``,
    ``max_travel_km``, ``shift``); a row with no location is refused naming the row."""
    rows = read_rows(path, VOLUNTEER_COLUMNS, required=("volunteer",), encoding=encoding)
    from hustings.data import locate_postcodes

    found = locate_postcodes(store, [r.get("postcode", "") for r in rows if r.get("postcode")])
    index = {g: i for i, g in enumerate(seats.gss)}
    ids, east, north, hours, km, home, shift, drives = [], [], [], [], [], [], [], []
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        who = row["volunteer"] or f"row {number}"
        place = found.get(row.get("postcode", ""))
        if place is not None:
            x, y, seat = place.easting, place.northing, index.get(place.seat.gss, -1)
        elif row.get("easting") and row.get("northing"):
            x = _number(row["easting"], "easting", number, math.nan, 700_000)
            y = _number(row["northing"], "northing", number, math.nan, 1_300_000)
            seat = -1
        else:
            given = row.get("postcode", "")
            raise InvalidInputError(
                f"row {number}: volunteer {who} has no location"
                + (f" (postcode '{given}' not found)" if given else ""),
                hint="give a full GB postcode, or easting and northing in metres",
                path=str(path),
            )
        ids.append(who)
        east.append(x)
        north.append(y)
        hours.append(_number(row.get("hours", ""), "hours", number, DEFAULT_HOURS, 24 * 7))
        km.append(_number(row.get("max_travel_km", ""), "max_travel_km", number, DEFAULT_KM, 1000))
        home.append(seat)
        shift.append(row.get("shift", "")[:100])
        drives.append("driver" in row.get("skills", "").lower())
    return _volunteers(ids, east, north, hours, km, home, shift, drives)


def _volunteers(ids: list[str], east: list[float], north: list[float], hours: list[float],
                km: list[float], home: list[int], shift: list[str], drives: list[bool]
                ) -> Volunteers:  # fmt: skip
    return Volunteers(
        tuple(ids), np.array(east, dtype=np.float64), np.array(north, dtype=np.float64),
        np.array(hours, dtype=np.float64), np.array(km, dtype=np.float64),
        np.array(home, dtype=np.int64), tuple(shift), tuple(drives),
    )  # fmt: skip


def volunteers_from_db(db: Database, seats: Seats) -> Volunteers:
    """Every volunteer of the field database (named by record id, ``volunteer#12``); one
    with no located postcode is refused naming the record."""
    from hustings.storage.field import volunteer_places

    with db.read() as conn:
        rows = volunteer_places(conn)
    index = {g: i for i, g in enumerate(seats.gss)}
    ids, east, north, hours, km, home, shift, drives = [], [], [], [], [], [], [], []
    for row in rows:
        who = f"volunteer#{row['id']}"
        if row["easting"] is None or row["northing"] is None:
            raise InvalidInputError(
                f"{who} has no location",
                hint="give them a full postcode (re-import their sign-up row)",
            )
        ids.append(who)
        east.append(float(row["easting"]))
        north.append(float(row["northing"]))
        hours.append(DEFAULT_HOURS)
        km.append(float(row["max_travel_km"]) if row["max_travel_km"] is not None else DEFAULT_KM)
        home.append(index.get(row["seat"] or "", -1))
        shift.append(str(row["availability"] or "")[:100])
        drives.append("driver" in str(row["skills"] or "").split(","))
    return _volunteers(ids, east, north, hours, km, home, shift, drives)


def ledger_state(db: Database, store: Store) -> tuple[dict[str, float], dict[str, int]]:
    """Pounds already spent per seat (non-party constituency limit) and households per seat
    in the field database."""
    from hustings.money import load_places
    from hustings.money.check import evaluate, load_totals
    from hustings.storage.field import household_counts

    places = load_places(store, "2024")
    first, last = places.period
    with db.read() as conn:
        seats, _ = evaluate(places, load_totals(conn, places, first, min(last, date.today())))
        counts = household_counts(conn, seats=None, by_ward=False)
    spent = {r.code: float(r.spent) / 100 for r in seats
             if r.limit_key == "non_party.constituency" and r.spent}  # fmt: skip
    return spent, {c.seat: c.households for c in counts if c.households}


__all__ = [
    "BASES",
    "Scenario",
    "build_seats",
    "ledger_state",
    "load_scenario",
    "volunteers_from_csv",
    "volunteers_from_db",
]

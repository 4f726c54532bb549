"""The numeric core: score a plan under the model, find the best plan with HiGHS, and the
nearest-marginal rule it is compared with. Pure: arrays in, :class:`Plan` out.

The model: seat ``i`` gains ``min(value_i * votes_i / votes_cast_i, 1 - p_i)`` in expected
seats, where ``votes_i`` is the sum of two concave piecewise-linear curves (volunteer-hours
and pounds, :mod:`hustings.allocate.effects`). The optimiser maximises the sum over seats as
a linear programme in which each volunteer goes to at most one seat within their travel
range, paid travel counts against the seat's legal headroom and the budget, and pounds stay
within headroom and budget; volunteers the LP splits between seats are then settled by a
small mixed-integer programme over just those volunteers (the rest fixed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from hustings.allocate.effects import Curves, Effects, canvass_curves, money_curves
from hustings.allocate.model import Array, Index, Plan, Seats, Volunteers
from hustings.errors import HustingsError, InvalidInputError, require

TOL = 1e-6
SCALE = 1e4
"""Objective and cap rows in units of 1/10,000 of a seat, so that HiGHS's tolerances do not
swallow the small per-pound and per-hour coefficients."""


class InfeasibleError(HustingsError):
    """No plan satisfies the limits; the message names the binding one."""

    code = "infeasible"


@dataclass(frozen=True, eq=False)
class Model:
    """Seats, volunteers and effects with everything derived once: curves, distances, costs."""

    seats: Seats
    volunteers: Volunteers
    effects: Effects
    budget: float
    km: Array
    canvass: Curves
    money: Curves

    @property
    def weight(self) -> Array:
        """Expected seats per vote in each seat (pivotality over votes cast)."""
        return np.asarray(self.seats.value / self.seats.votes_cast, dtype=np.float64)

    @property
    def room(self) -> Array:
        """The most each seat can add to expected seats (1 minus its win probability)."""
        return np.asarray(1.0 - self.seats.win_probability, dtype=np.float64)

    def reachable(self) -> npt.NDArray[np.bool_]:
        """Volunteer x seat: within travel range and worth something."""
        near = self.km <= self.volunteers.max_km[:, None] + TOL
        return np.asarray(near & (self.seats.value > 0)[None, :])

    def travel_cost(self, km: Array) -> Array:
        """Return-trip cost in pounds (to the penny) of travelling ``km``."""
        return np.asarray(np.round(2.0 * km * self.effects.travel_pounds_per_km, 2),
                          dtype=np.float64)  # fmt: skip


def build(seats: Seats, volunteers: Volunteers, effects: Effects, budget: float) -> Model:
    """Check the inputs and derive the model's arrays."""
    if not np.isfinite(budget) or budget < 0:
        raise InvalidInputError(
            f"budget is {budget}", hint="give a budget of zero or more pounds, e.g. --budget 500000"
        )
    if len(seats) == 0 or not (seats.value > 0).any():
        raise InvalidInputError(
            "no contested seats: the bloc's chance of winning does not move in any seat",
            hint="choose a scenario where some seats are close, or simulate more (--sims)",
        )
    bad = ~(np.isfinite(volunteers.easting) & np.isfinite(volunteers.northing))
    if bad.any():
        who = volunteers.ids[int(np.flatnonzero(bad)[0])]
        raise InvalidInputError(
            f"volunteer {who} has no location",
            hint="give a full postcode (or easting and northing) for every volunteer",
        )
    return Model(
        seats, volunteers, effects, float(budget), volunteers.distances(seats),
        canvass_curves(effects, seats.households), money_curves(effects, seats.electorate),
    )  # fmt: skip


def score(model: Model, policy: str, seat_of: Index, spend: Array, bound: float | None = None
          ) -> Plan:  # fmt: skip
    """A plan's hours, votes and expected-seat gain per seat under the model."""
    n = len(model.seats)
    going = seat_of >= 0
    hours = np.bincount(seat_of[going], model.volunteers.hours[going], minlength=n).astype(float)
    km = model.km[np.flatnonzero(going), seat_of[going]]
    travel = np.bincount(seat_of[going], model.travel_cost(km), minlength=n).astype(float)
    votes = model.canvass.votes(hours) + model.money.votes(spend)
    gain = np.minimum(model.weight * votes, model.room)
    expected = float(model.seats.win_probability.sum() + gain.sum())
    return Plan(policy, seat_of, spend, travel, hours, votes, gain, expected, bound)


def optimise(model: Model, *, time_limit: float = 60.0) -> Plan:
    """The plan with the most expected seats (LP, then a MIP over the volunteers it splits)."""
    highspy = require("highspy", "allocate")
    everyone = np.arange(len(model.volunteers))
    lp = _Programme(model, everyone)
    x = _run(highspy, lp, time_limit, integer=False)
    bound = float(lp.objective(x))
    seat_of, spend = lp.decode(x)
    split = lp.split_volunteers(x)
    if split.size:
        seat_of[split] = -1
        repair = _Programme(model, split, fixed=seat_of)
        y = _run(highspy, repair, time_limit, integer=True)
        chosen, spend = repair.decode(y)
        seat_of[split] = chosen[split]
    base = float(model.seats.win_probability.sum())
    return score(model, "optimise", seat_of, spend, bound=base + bound)


def _run(highspy: Any, lp: _Programme, time_limit: float, *, integer: bool) -> Array:
    h = highspy.Highs()
    for key, value in (("output_flag", False), ("threads", 1), ("random_seed", 0),
                       ("time_limit", float(time_limit)), ("mip_rel_gap", 1e-6)):  # fmt: skip
        h.setOptionValue(key, value)
    if not integer:
        h.setOptionValue("presolve", "off")
    h.passModel(lp.highs_lp(highspy, integer=integer))
    h.run()
    status = h.modelStatusToString(h.getModelStatus()).lower()
    if status != "optimal" and not h.getSolution().value_valid:
        raise InfeasibleError(f"the optimiser stopped without a plan ({status})",
                              hint="allow more time, or plan for fewer volunteers")  # fmt: skip
    return np.asarray(h.getSolution().col_value, dtype=np.float64)


class _Programme:
    """The programme over the volunteers ``keep`` (the others held where ``fixed`` puts them):
    columns are volunteer-to-seat edges, then hour segments, then pound segments; rows are
    one per kept volunteer, then per seat hours, pounds (headroom) and the probability cap,
    then the budget."""

    def __init__(self, model: Model, keep: Index, fixed: Index | None = None) -> None:
        self.model = model
        reach = model.reachable()[keep]
        row, seat = np.nonzero(reach)
        self.keep, self.row, self.seat = keep, row.astype(np.int64), seat.astype(np.int64)
        self.vol = keep[row]
        self.cost = model.travel_cost(model.km[self.vol, seat])
        self.n, self.k = model.canvass.width.shape
        self.nv, self.ne = len(keep), len(row)
        held = np.zeros(len(model.volunteers), dtype=np.int64) - 1 if fixed is None else fixed
        plan = score(model, "held", held, np.zeros(self.n))
        self.held_hours, self.held_travel = plan.hours, plan.travel

    def objective(self, x: Array) -> float:
        """Expected seats added by a solution."""
        m, nk = self.model, self.n * self.k
        w = np.repeat(m.weight, self.k)
        segs = x[self.ne :]
        return float((w * m.canvass.slope.ravel() * segs[:nk]).sum()
                     + (w * m.money.slope.ravel() * segs[nk:]).sum())  # fmt: skip

    def highs_lp(self, highspy: Any, *, integer: bool = False) -> Any:
        """The programme in HiGHS's column-wise form (maximise)."""
        m, n, k, ne, nv = self.model, self.n, self.k, self.ne, self.nv
        hours_row, money_row, cap_row, budget_row = nv, nv + n, nv + 2 * n, nv + 3 * n
        seg_seat = np.repeat(np.arange(n), k)
        w = m.weight[seg_seat] * SCALE
        hour_slope, money_slope = m.canvass.slope.ravel(), m.money.slope.ravel()
        index = np.concatenate([
            np.stack([self.row, hours_row + self.seat, money_row + self.seat,
                      np.full(ne, budget_row)], axis=1).ravel(),
            np.stack([hours_row + seg_seat, cap_row + seg_seat], axis=1).ravel(),
            np.stack([money_row + seg_seat, cap_row + seg_seat, np.full(n * k, budget_row)],
                     axis=1).ravel(),
        ])  # fmt: skip
        value = np.concatenate([
            np.stack([np.ones(ne), -m.volunteers.hours[self.vol], self.cost, self.cost],
                     axis=1).ravel(),
            np.stack([np.ones(n * k), w * hour_slope], axis=1).ravel(),
            np.stack([np.ones(n * k), w * money_slope, np.ones(n * k)], axis=1).ravel(),
        ])  # fmt: skip
        counts = np.concatenate([np.full(ne, 4), np.full(n * k, 2), np.full(n * k, 3)])
        lp = highspy.HighsLp()
        lp.num_col_ = ne + 2 * n * k
        lp.num_row_ = nv + 3 * n + 1
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.col_cost_ = np.concatenate([np.zeros(ne), w * hour_slope, w * money_slope])
        lp.col_lower_ = np.zeros(lp.num_col_)
        lp.col_upper_ = np.concatenate([np.ones(ne), m.canvass.width.ravel(),
                                        m.money.width.ravel()])  # fmt: skip
        inf = highspy.kHighsInf
        lp.row_lower_ = np.full(lp.num_row_, -inf)
        headroom = np.maximum(m.seats.headroom - self.held_travel, 0)
        budget = max(m.budget - float(self.held_travel.sum()), 0.0)
        lp.row_upper_ = np.concatenate([np.ones(nv), self.held_hours, headroom,
                                        np.maximum(m.room, 0) * SCALE, [budget]])  # fmt: skip
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        lp.a_matrix_.index_ = index.astype(np.int32)
        lp.a_matrix_.value_ = value.astype(np.float64)
        if integer:
            kinds = [highspy.HighsVarType.kContinuous] * lp.num_col_
            kinds[:ne] = [highspy.HighsVarType.kInteger] * ne
            lp.integrality_ = kinds
        return lp

    def split_volunteers(self, x: Array) -> Index:
        """Volunteers the LP sends partly to one seat and partly elsewhere."""
        z = x[: self.ne]
        fractional = (z > TOL) & (z < 1 - TOL)
        return np.asarray(np.unique(self.vol[fractional]), dtype=np.int64)

    def decode(self, x: Array) -> tuple[Index, Array]:
        """Seat row per volunteer (-1 for those not kept or not sent) and pounds per seat."""
        z = x[: self.ne]
        seat_of = np.full(len(self.model.volunteers), -1, dtype=np.int64)
        chosen = z > 1 - TOL
        seat_of[self.vol[chosen]] = self.seat[chosen]
        pounds = x[self.ne + self.n * self.k :].reshape(self.n, self.k).sum(axis=1)
        return seat_of, np.asarray(pounds, dtype=np.float64)


def marginal_list(seats: Seats, count: int) -> Index:
    """The ``count`` seats with the smallest central margin either way (the curated list)."""
    order = np.argsort(np.abs(seats.margin), kind="stable")
    return np.asarray(order[: max(count, 0)], dtype=np.int64)


def nearest_marginal(model: Model, *, marginals: int = 100) -> Plan:
    """The rule the optimiser is compared with: each volunteer to the nearest seat on the
    list of marginals within their travel range (while its headroom and the budget pay the
    travel), then the budget split evenly across the list within each seat's headroom."""
    listed = marginal_list(model.seats, marginals)
    km = model.km[:, listed]
    order = np.argsort(km, axis=1, kind="stable")
    seat_of = np.full(len(model.volunteers), -1, dtype=np.int64)
    room = np.maximum(model.seats.headroom.copy(), 0.0)
    left = model.budget
    for v in range(len(model.volunteers)):
        for j in order[v]:
            if km[v, j] > model.volunteers.max_km[v] + TOL:
                break
            i = int(listed[j])
            cost = float(model.travel_cost(km[v, j]))
            if cost <= room[i] + TOL and cost <= left + TOL:
                seat_of[v], room[i], left = i, room[i] - cost, left - cost
                break
    spend = np.zeros(len(model.seats))
    spend[listed] = _even_split(room[listed], left)
    return score(model, "nearest-marginal", seat_of, spend)


def _even_split(caps: Array, total: float) -> Array:
    """``total`` shared as evenly as possible without any share above its cap."""
    out = np.zeros(len(caps))
    order = np.argsort(caps, kind="stable")
    left = total
    for rank, i in enumerate(order):
        share = min(caps[i], left / (len(caps) - rank))
        out[i] = max(share, 0.0)
        left -= out[i]
    return out


__all__ = [
    "InfeasibleError",
    "Model",
    "build",
    "marginal_list",
    "nearest_marginal",
    "optimise",
    "score",
]

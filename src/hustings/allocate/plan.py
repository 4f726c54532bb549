"""``allocate()``: the plan for a scenario, its nearest-marginal baseline under the same model,
the published seat scores, and saving the plan with an audit entry."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from hustings.allocate.carpool import Pooled, carpool
from hustings.allocate.core import (
    InfeasibleError,
    Model,
    build,
    marginal_list,
    nearest_marginal,
    optimise,
)
from hustings.allocate.effects import Effects
from hustings.allocate.model import Plan, Seats, Volunteers
from hustings.allocate.race import Race
from hustings.errors import InvalidInputError

POLICIES = ("optimise", "nearest-marginal")
ROAD_FACTOR = 1.3
"""Road distance over straight-line distance assumed for travel times."""


@dataclass(frozen=True)
class Suggestion:
    """Where one volunteer should go: the seat, how far, and the shift they offered."""

    volunteer: str
    seat: str
    seat_name: str
    km: float
    minutes: int
    shift: str
    win_probability: float
    shift_id: int | None = None
    driver: str = ""

    def to_json(self) -> dict[str, Any]:
        """One ``assignments`` entry."""
        return {
            "volunteer": self.volunteer,
            "driver": self.driver or None,
            "seat": self.seat,
            "seat_name": self.seat_name,
            "km": round(self.km, 1),
            "minutes": self.minutes,
            "shift": self.shift,
            "shift_id": self.shift_id,
            "win_probability": round(self.win_probability, 4),
        }

    def sentence(self) -> str:
        """The suggestion as a volunteer would read it."""
        when = f" ({self.shift})" if self.shift else ""
        if self.driver:
            when += f" in {self.driver}'s car"
        return (f"go to {self.seat_name}{when}: {self.minutes} minutes away, the bloc's chance "
                f"there {self.win_probability:.0%}")  # fmt: skip


@dataclass(frozen=True)
class SeatRow:
    """One seat's score, weight and what the plan puts there, with the baseline's beside it."""

    seat: str
    name: str
    backed: str
    rival: str
    win_probability: float
    margin: float
    pivotality: float
    hours: float
    spend: float
    travel: float
    votes: float
    gain: float
    volunteers: int
    baseline_hours: float
    baseline_spend: float
    marginal_listed: bool

    def why(self) -> str:
        """How close it is, how likely, and how much it moves."""
        side = "ahead of" if self.margin >= 0 else "behind"
        return (f"{self.backed} {abs(self.margin) * 100:.1f} points {side} {self.rival}; "
                f"bloc wins {self.win_probability:.0%} of simulations; each point of share "
                f"adds {self.pivotality:.1%} to that")  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """One ``seats`` entry."""
        return {
            "seat": self.seat,
            "name": self.name,
            "backed": self.backed,
            "rival": self.rival,
            "win_probability": round(self.win_probability, 4),
            "margin": round(self.margin, 4),
            "pivotality_per_point": round(self.pivotality, 5),
            "hours": round(self.hours, 2),
            "spend": round(self.spend, 2),
            "travel": round(self.travel, 2),
            "volunteers": self.volunteers,
            "votes": round(self.votes, 1),
            "expected_seat_gain": round(self.gain, 5),
            "baseline_hours": round(self.baseline_hours, 2),
            "baseline_spend": round(self.baseline_spend, 2),
            "on_marginal_list": self.marginal_listed,
            "why": self.why(),
        }


@dataclass(frozen=True)
class Allocation:
    """A plan and its baseline under one model, with everything needed to check it."""

    scenario: dict[str, Any]
    policy: str
    budget: float
    effects: Effects
    expected_seats: float
    baseline_expected_seats: float
    base_expected_seats: float
    bound: float | None
    simulated: dict[str, float]
    assignments: tuple[Suggestion, ...]
    seats: tuple[SeatRow, ...]
    unassigned: int
    binding: tuple[str, ...]
    spent: float
    baseline_spent: float
    sensitivity: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    @property
    def gain(self) -> float:
        """Expected seats the plan adds over the baseline (a model output)."""
        return self.expected_seats - self.baseline_expected_seats

    def suggestion(self, volunteer: str) -> Suggestion | None:
        """One volunteer's suggestion (``None`` when the plan sends them nowhere)."""
        return next((s for s in self.assignments if s.volunteer == volunteer), None)

    def to_json(self) -> dict[str, Any]:
        """The documented ``hustings allocate --json`` shape."""
        return {
            "scenario": self.scenario,
            "policy": self.policy,
            "budget": self.budget,
            "effects": self.effects.to_json(),
            "expected_seats": round(self.expected_seats, 4),
            "baseline_expected_seats": round(self.baseline_expected_seats, 4),
            "expected_seats_without_effort": round(self.base_expected_seats, 4),
            "gain_over_baseline": round(self.gain, 4),
            "upper_bound": None if self.bound is None else round(self.bound, 4),
            "simulated_check": {k: round(v, 4) for k, v in self.simulated.items()},
            "spent": round(self.spent, 2),
            "baseline_spent": round(self.baseline_spent, 2),
            "unassigned": self.unassigned,
            "binding": list(self.binding),
            "assignments": [a.to_json() for a in self.assignments],
            "seats": [s.to_json() for s in self.seats],
            "sensitivity": list(self.sensitivity),
            "note": "expected seats are a model output: win probabilities from the scenario's "
            "simulations moved by the effect sizes shown",
        }


def solve(
    seats: Seats, volunteers: Volunteers, effects: Effects, budget: float, *,
    policy: str = "optimise", marginals: int = 100, time_limit: float = 60.0,
) -> tuple[Model, Plan, Plan, Pooled]:  # fmt: skip
    """The plan for ``policy`` and the nearest-marginal baseline, on one model whose units
    are cars (drivers with the volunteers they carry) and people travelling alone."""
    if policy not in POLICIES:
        raise InvalidInputError(f"no policy '{policy}'", hint="use " + " or ".join(POLICIES))
    if marginals < 1:
        raise InvalidInputError(f"{marginals} marginals", hint="list at least one seat")
    pooled = carpool(volunteers)
    model = build(seats, pooled.units, effects, budget)
    baseline = nearest_marginal(model, marginals=marginals)
    plan = baseline if policy == "nearest-marginal" else optimise(model, time_limit=time_limit)
    if plan.expected_seats < baseline.expected_seats:
        plan = replace(baseline, policy="optimise (the rule's plan: rounding fell short)",
                       bound=plan.bound)  # fmt: skip
    if not (plan.seat_of >= 0).any() and plan.spend.sum() < 0.01:
        raise InfeasibleError("no plan: " + _why_empty(model),
                              hint="allow more travel, or give a budget")  # fmt: skip
    return model, plan, baseline, pooled


def _why_empty(model: Model) -> str:
    if not model.reachable().any():
        return "no volunteer is within travel range of a contested seat"
    if model.budget <= 0:
        return "the budget is zero and no volunteer can go"
    return "every contested seat in reach is at its legal spending limit"


def describe(
    model: Model, plan: Plan, baseline: Plan, *, scenario: dict[str, Any],
    race: Race | None = None, marginals: int = 100, pooled: Pooled | None = None,
) -> Allocation:  # fmt: skip
    """The plan as a result object: suggestions (one per volunteer, passengers with their
    driver), seat rows, binding limits, simulated check."""
    seats = model.seats
    alone = tuple((i,) for i in range(len(model.volunteers)))
    pooled = pooled or Pooled(model.volunteers, alone, model.volunteers)
    going = np.flatnonzero(plan.seat_of >= 0)
    suggestions = tuple(
        _suggestion(model, pooled, int(m), int(plan.seat_of[u]), pooled.members[u][0])
        for u in going for m in pooled.members[u]
    )  # fmt: skip
    people = sum(len(g) for g in pooled.members)
    listed = set(marginal_list(seats, marginals).tolist())
    counts = np.bincount(plan.seat_of[going], minlength=len(seats))
    show = np.flatnonzero((seats.value > 0) | (plan.hours > 0) | (plan.spend > 0))
    rows = sorted(
        (SeatRow(
            seats.gss[i], seats.names[i], seats.backed[i], seats.rival[i],
            float(seats.win_probability[i]), float(seats.margin[i]), float(seats.value[i]) / 100,
            float(plan.hours[i]), float(plan.spend[i]), float(plan.travel[i]),
            float(plan.votes[i]), float(plan.gain[i]), int(counts[i]),
            float(baseline.hours[i]), float(baseline.spend[i]), i in listed,
        ) for i in show),
        key=lambda r: (-r.gain, -r.pivotality, r.seat),
    )  # fmt: skip
    simulated = {}
    if race is not None:
        for name, p in (("plan", plan), ("baseline", baseline)):
            extra = p.votes / seats.votes_cast
            simulated[name] = float(race.win_probability(extra).sum())
        simulated["without_effort"] = float(race.win_probability().sum())
    return Allocation(
        scenario, plan.policy, model.budget, model.effects, plan.expected_seats,
        baseline.expected_seats, float(seats.win_probability.sum()), plan.bound, simulated,
        suggestions, tuple(rows), people - len(suggestions), _binding(model, plan),
        plan.cost, baseline.cost,
    )  # fmt: skip


def _suggestion(model: Model, pooled: Pooled, v: int, i: int, lead: int) -> Suggestion:
    who, seats = pooled.people, model.seats
    far = np.hypot(who.easting[v] - seats.easting[i], who.northing[v] - seats.northing[i])
    km = 0.0 if who.home[v] == i else float(far) / 1000
    minutes = round(km * ROAD_FACTOR / model.effects.km_per_hour * 60)
    return Suggestion(who.ids[v], seats.gss[i], seats.names[i], km, minutes, who.shift[v],
                      float(seats.win_probability[i]),
                      driver=who.ids[lead] if lead != v else "")  # fmt: skip


def _binding(model: Model, plan: Plan) -> tuple[str, ...]:
    """The limits the plan runs into."""
    out = []
    if plan.cost >= model.budget - 1.0 and model.budget > 0:
        out.append(f"budget: all GBP {model.budget:,.0f} used")
    full = int(((plan.spend + plan.travel) >= model.seats.headroom - 1.0)[plan.spend > 0].sum())
    if full:
        out.append(f"legal limit: {full} seats spend up to their headroom")
    stuck = int((~model.reachable().any(axis=1)).sum())
    if stuck:
        out.append(f"travel: {stuck} volunteers have no contested seat within their range")
    return tuple(out)


def save(allocation: Allocation, folder: Path, db: Any, *, actor: str = "system") -> Path:
    """Write the plan's JSON into ``folder`` (atomically) and record it in the audit log."""
    from hustings._io import write_text
    from hustings.storage import audit

    body = json.dumps(allocation.to_json(), indent=1, sort_keys=True)
    digest = hashlib.sha256(body.encode()).hexdigest()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=True)
    path = write_text(folder / f"plan-{stamp}-{digest[:8]}.json", body + "\n", mode=0o600)
    with db.write() as conn:
        audit.append(conn, actor=actor, action="allocate.plan", subject=path.name, detail={
            "sha256": digest, "policy": allocation.policy, "budget": allocation.budget,
            "volunteers": len(allocation.assignments) + allocation.unassigned,
            "expected_seats": round(allocation.expected_seats, 4),
            "baseline_expected_seats": round(allocation.baseline_expected_seats, 4),
        })  # fmt: skip
    return path


def latest_saved(folder: Path) -> tuple[str, dict[str, Any]] | None:
    """The newest plan saved in ``folder`` (its file name and JSON), ``None`` when none is."""
    from hustings._io import read_text

    found = sorted(folder.glob("plan-*.json")) if folder.is_dir() else []
    if not found:
        return None
    try:
        body = json.loads(read_text(found[-1], what="saved plan"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{found[-1].name}: not JSON ({exc.msg})", hint="save the plan again"
        ) from None
    return found[-1].name, body


__all__ = [
    "POLICIES",
    "Allocation",
    "SeatRow",
    "Suggestion",
    "describe",
    "latest_saved",
    "save",
    "solve",
]

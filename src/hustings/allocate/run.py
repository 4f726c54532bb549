"""One settings object for a plan, and the run from it: scenario, seats, volunteers, the plan
and its baseline, and the sensitivity to another scenario or effect size."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hustings.allocate.core import score
from hustings.allocate.effects import Effects, with_settings
from hustings.allocate.model import Seats, Volunteers
from hustings.allocate.plan import Allocation, describe, solve
from hustings.allocate.sources import (
    build_seats,
    ledger_state,
    load_scenario,
    volunteers_from_csv,
    volunteers_from_db,
)
from hustings.errors import InvalidInputError

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.storage.engine import Database


@dataclass(frozen=True)
class PlanRequest:
    """Everything a plan is asked for with."""

    scenario: str
    bloc: tuple[str, ...]
    against: str
    budget: float = 0.0
    base: str = "2024"
    policy: str = "optimise"
    marginals: int = 100
    effects: tuple[str, ...] = ()
    effect_scale: float = 1.0
    compare_scenario: str | None = None
    compare_effect_scale: float | None = None
    sims: int = 4000
    seed: int = 0
    model: str = "uns"

    def settings(self) -> Effects:
        """The effect sizes asked for."""
        for name, value in (("--effect-scale", self.effect_scale),
                            ("--compare-effect-scale", self.compare_effect_scale)):  # fmt: skip
            if value is not None and not (0 <= value <= 100):
                raise InvalidInputError(f"{name} is {value}", hint="give a number from 0 to 100")
        return with_settings(Effects(), list(self.effects)).scaled(self.effect_scale)


def plan_allocation(
    store: Store, request: PlanRequest, *, volunteers: Path | None = None,
    db: Database | None = None, encoding: str = "utf-8",
) -> Allocation:  # fmt: skip
    """The plan for ``request`` with volunteers from ``volunteers`` (a CSV) or ``db``."""
    effects = request.settings()
    spent, households = ledger_state(db, store) if db is not None else ({}, {})
    scenario = load_scenario(
        store, request.scenario, bloc=request.bloc, against=request.against,
        base=request.base, model=request.model, sims=request.sims, seed=request.seed,
    )  # fmt: skip
    seats = build_seats(store, scenario, effects, spent=spent, households=households)
    if volunteers is not None:
        people = volunteers_from_csv(store, volunteers, seats, encoding=encoding)
    elif db is not None:
        people = volunteers_from_db(db, seats)
    else:
        raise InvalidInputError("no volunteers", hint="give a CSV with --volunteers")
    model, plan, baseline, pooled = solve(
        seats, people, effects, request.budget, policy=request.policy, marginals=request.marginals
    )
    label = {"shares": request.scenario, "base": scenario.base, "bloc": list(scenario.bloc),
             "against": scenario.against, "sims": scenario.sims, "seed": scenario.seed,
             "model": request.model, "contested_seats": int((seats.value > 0).sum())}  # fmt: skip
    result = describe(model, plan, baseline, scenario=label, race=scenario.race,
                      marginals=request.marginals, pooled=pooled)  # fmt: skip
    extra = []
    if request.compare_scenario:
        other = load_scenario(
            store, request.compare_scenario, bloc=request.bloc, against=request.against,
            base=request.base, model=request.model, sims=request.sims, seed=request.seed,
        )  # fmt: skip
        alt = build_seats(store, other, effects, spent=spent, households=households)
        extra.append(_compare(f"shares {request.compare_scenario}", alt, people, effects,
                              request, plan))  # fmt: skip
    if request.compare_effect_scale is not None:
        alt_effects = effects.scaled(request.compare_effect_scale / max(request.effect_scale,
                                                                        1e-12))  # fmt: skip
        extra.append(_compare(f"effects x{request.compare_effect_scale:g}", seats, people,
                              alt_effects, request, plan))  # fmt: skip
    if db is not None:
        result = with_event_shifts(db, result)
    return replace(result, sensitivity=tuple(extra))


def with_event_shifts(db: Database, result: Allocation, *, now: datetime | None = None
                      ) -> Allocation:  # fmt: skip
    """Each suggestion with the first shift still to come in its seat that has room (events
    of the field database), in the volunteers' order; the stated availability otherwise."""
    from hustings.storage.field import list_events

    seats = sorted({a.seat for a in result.assignments})
    when = now or datetime.now(UTC)
    with db.read() as conn:
        events = [e for seat in seats for e in list_events(conn, seat)]
    free: dict[str, list[tuple[Any, str, int, int | None]]] = {}
    for event in events:
        for sh in event["shifts"]:
            if sh["starts_at"] >= when:
                room = None if sh["capacity"] is None else sh["capacity"] - sh["signed_up"]
                label = (f"{event['title']}, {sh['starts_at']:%a %d %b %H:%M}-"
                         f"{sh['ends_at']:%H:%M} UTC")  # fmt: skip
                free.setdefault(event["seat"], []).append((sh["starts_at"], label, sh["id"], room))
    rooms = {seat: sorted(found) for seat, found in free.items()}
    out = []
    for a in result.assignments:
        options = rooms.get(a.seat, [])
        pick = next((i for i, o in enumerate(options) if o[3] is None or o[3] > 0), None)
        if pick is None:
            out.append(a)
            continue
        start, label, shift_id, room = options[pick]
        options[pick] = (start, label, shift_id, None if room is None else room - 1)
        out.append(replace(a, shift=label, shift_id=shift_id))
    return replace(result, assignments=tuple(out))


def _compare(label: str, seats: Seats, people: Volunteers, effects: Effects,
             request: PlanRequest, plan: Any) -> dict[str, Any]:  # fmt: skip
    """The plan and baseline re-made under other seats or effects, and this plan scored there."""
    model, other, baseline, _ = solve(seats, people, effects, request.budget,
                                   policy=request.policy, marginals=request.marginals)  # fmt: skip
    fixed = score(model, "fixed", plan.seat_of, plan.spend)
    return {
        "label": label,
        "expected_seats": round(other.expected_seats, 4),
        "baseline_expected_seats": round(baseline.expected_seats, 4),
        "expected_seats_without_effort": round(float(seats.win_probability.sum()), 4),
        "this_plan_expected_seats": round(fixed.expected_seats, 4),
        "gain_over_baseline": round(other.expected_seats - baseline.expected_seats, 4),
    }


__all__ = ["PlanRequest", "plan_allocation", "with_event_shifts"]

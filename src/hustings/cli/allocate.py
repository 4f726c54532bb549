"""``hustings allocate``: volunteers and money across seats, beside the nearest-marginal rule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.allocate import Allocation
    from hustings.storage.engine import Database

SHOWN = 20


def allocate_command(
    scenario: str = typer.Option(
        ...,
        "--scenario",
        help="GB shares to plan for: latest-polls, polls-YYYY-MM-DD, final-polls-YEAR, "
        "actual-YEAR or LAB=33.7,CON=23.7,... (percent).",
    ),
    bloc: str = typer.Option(..., "--bloc", help="Bloc parties, e.g. LAB,LD,GRN."),
    against: str = typer.Option(..., "--against", help="The opponent, e.g. RUK."),
    volunteers: Path | None = typer.Option(
        None,
        "--volunteers",
        help="CSV of volunteers (volunteer, postcode or easting/northing, hours, "
        "max_travel_km, shift); default: the field database's volunteers.",
    ),
    encoding: str = typer.Option(
        "utf-8", "--encoding", help="Text encoding of the --volunteers file."
    ),
    budget: float = typer.Option(0.0, "--budget", help="Pounds to spend across seats."),
    base: str = typer.Option("2024", "--base", help="Base election: 2024 or 2019-notional."),
    policy: str = typer.Option(
        "optimise", "--policy", help="optimise, or nearest-marginal (the baseline rule)."
    ),
    marginals: int = typer.Option(
        100, "--marginals", min=1, max=650, help="Length of the baseline's list of marginals."
    ),
    effect: list[str] = typer.Option(
        [], "--effect", help="An effect size NAME=VALUE (repeatable), e.g. votes_per_contact=0.05."
    ),
    effect_scale: float = typer.Option(
        1.0, "--effect-scale", help="Multiply every effect of effort on votes by this."
    ),
    compare_scenario: str | None = typer.Option(
        None, "--compare-scenario", help="Sensitivity: also plan under these shares."
    ),
    compare_effect_scale: float | None = typer.Option(
        None, "--compare-effect-scale", help="Sensitivity: also plan with effects scaled so."
    ),
    sims: int = typer.Option(
        4000, "--sims", min=100, max=100_000, help="Simulated elections for pivotality."
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Random seed of the simulations."),
    model: str = typer.Option("uns", "--model", help="Projection swing model."),
    save: bool = typer.Option(
        True, "--save/--no-save", help="Save the plan in the data folder with an audit entry."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Where each volunteer should go and where each pound should be spent, for the most
    expected seats within travel ranges and legal limits, beside the nearest-marginal rule.

    JSON: ``{scenario, policy, budget, effects, expected_seats, baseline_expected_seats,
    expected_seats_without_effort, gain_over_baseline, upper_bound, simulated_check, spent,
    unassigned, binding, assignments: [{volunteer, seat, seat_name, km, minutes, shift,
    shift_id, win_probability}], seats: [{seat, name, hours, spend, travel, volunteers, votes,
    win_probability, margin, pivotality_per_point, expected_seat_gain, why, ...}],
    sensitivity, saved}``.
    """
    from hustings.allocate.run import PlanRequest, plan_allocation

    request = PlanRequest(
        scenario=scenario, bloc=tuple(bloc.split(",")), against=against, budget=budget,
        base=base, policy=policy, marginals=marginals, effects=tuple(effect),
        effect_scale=effect_scale, compare_scenario=compare_scenario,
        compare_effect_scale=compare_effect_scale, sims=sims, seed=seed, model=model,
    )  # fmt: skip
    from hustings.data.api import Store

    store = Store()
    db = _database(create=save) if (volunteers is None or save) else None
    result = plan_allocation(store, request, volunteers=volunteers, db=db, encoding=encoding)
    saved = None
    if save and db is not None:
        from hustings.allocate import save as save_plan
        from hustings.settings import Settings

        saved = save_plan(result, Settings().home / "plans", db, actor="cli")
    if as_json:
        print_json({**result.to_json(), "saved": saved.name if saved else None})
        return
    _render(result, saved)


def _database(*, create: bool) -> Database:
    """The user-state database; a brand-new one is set up when a plan is to be saved."""
    from hustings.errors import HustingsError
    from hustings.settings import Settings
    from hustings.storage.engine import open_database

    db = open_database(Settings())
    try:
        db.require_schema()
    except HustingsError:
        if not create or db.current():
            raise
        db.migrate()
    return db


def _render(result: Allocation, saved: Path | None) -> None:
    from rich.table import Table

    out = console()
    table = Table(title=f"Plan ({result.policy}) for {result.scenario['shares']} from "
                        f"{result.scenario['base']}, {', '.join(result.scenario['bloc'])} "
                        f"against {result.scenario['against']}")  # fmt: skip
    for name in ("seat", "win %", "margin", "per point", "vols", "hours", "spend", "gain"):
        table.add_column(name, justify="left" if name == "seat" else "right")
    for row in result.seats[:SHOWN]:
        table.add_row(
            row.name, f"{row.win_probability:.0%}", f"{100 * row.margin:+.1f}",
            f"{row.pivotality:.1%}", str(row.volunteers), f"{row.hours:,.0f}",
            f"{row.spend + row.travel:,.0f}", f"{row.gain:.3f}",
        )  # fmt: skip
    out.print(table)
    out.print(
        f"expected seats: plan {result.expected_seats:.2f}, nearest-marginal "
        f"{result.baseline_expected_seats:.2f}, no effort {result.base_expected_seats:.2f} "
        f"(a model output; gain over the rule {result.gain:+.3f})"
    )
    for line in result.binding:
        out.print(f"binding: {line}")
    for s in result.assignments[:5]:
        out.print(f"{s.volunteer}: {s.sentence()}")
    for item in result.sensitivity:
        out.print(_sensitivity_line(item))
    if saved is not None:
        out.print(f"saved {saved}")


def _sensitivity_line(item: dict[str, Any]) -> str:
    fixed = item.get("this_plan_expected_seats")
    tail = f"; this plan there {fixed:.2f}" if fixed is not None else ""
    return (f"under {item['label']}: plan {item['expected_seats']:.2f}, nearest-marginal "
            f"{item['baseline_expected_seats']:.2f}{tail}")  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``allocate`` to the ``hustings`` command."""
    app.command("allocate")(handle_errors(allocate_command))

"""``hustings money``: legal limits, the ledger of spending, donations and pledges, checks
against the limits, and the spending return."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from hustings.cli._common import console, handle_errors, print_json

if TYPE_CHECKING:
    from hustings.data.api import Store
    from hustings.money.places import Places

money_app = typer.Typer(
    name="money",
    help="Campaign money within the law: limits in force, ledger, checks, returns.",
    no_args_is_help=True,
)

JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of tables.")
ElectionOpt = typer.Option(
    "2024",
    "--election",
    help="A general election (2017, 2019, 2024) or the polling day of one to come (YYYY-MM-DD).",
)


def _places(election: str) -> tuple[Store, Places]:
    from hustings.data.api import Store
    from hustings.money import load_places

    store = Store()
    return store, load_places(store, election)


@money_app.command("limits")
@handle_errors
def limits_command(
    election: str = ElectionOpt,
    seat: str | None = typer.Option(None, "--seat", help="A seat's name or GSS code."),
    as_json: bool = JsonOpt,
) -> None:
    """The limits and thresholds in force for an election, each with its source."""
    from hustings.money import SeatResolver, limits

    store, places = _places(election)
    code = SeatResolver(store, places)(seat) if seat else None
    result = limits(places, seat=code)
    if as_json:
        print_json(result.to_json())
        return
    _render_limits(result)


def _render_limits(result: Any) -> None:
    from rich.table import Table

    from hustings.money import pounds

    out = console()
    first, last = result.period
    out.print(
        f"[bold]{result.election}[/] general election, polling day "
        f"{result.polling_day.isoformat()}; regulated period {first.isoformat()} to "
        f"{last.isoformat()}"
    )
    table = Table("rule", "part", "amount", "in force", "source")
    for rule in result.rules:
        amount = pounds(rule.pence)
        if rule.per_elector_pence:
            amount += f" + {rule.per_elector_pence}p/elector"
        span = f"{rule.valid_from.isoformat()} to {rule.valid_to or 'now'}"
        table.add_row(rule.title, rule.part.value if rule.part else "UK", amount, span, rule.source)
    out.print(table)
    if result.seat:
        seat = result.seat
        out.print(
            f"[bold]{seat.seat.name}[/] ({seat.seat.gss}, {seat.seat.part.value}, "
            f"{seat.seat.seat_type}, {seat.seat.electorate or 'unknown'} electors): "
            f"non-party constituency limit {pounds(seat.constituency_pence)}; for or against "
            f"one named candidate {pounds(seat.named_candidate_pence)}; candidate's "
            f"short-campaign limit "
            + (pounds(seat.candidate_pence) if seat.candidate_pence is not None else "unknown")
        )


def register(app: typer.Typer) -> None:
    """Add ``hustings money`` to the main app."""
    app.add_typer(money_app, name="money")


__all__ = ["money_app", "register"]

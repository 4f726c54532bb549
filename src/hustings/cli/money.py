"""``hustings money``: legal limits, the ledger of spending, donations and pledges, checks
against the limits, and the spending return."""

from __future__ import annotations

from pathlib import Path
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


def _db() -> Any:
    from hustings.settings import Settings
    from hustings.storage.engine import open_database

    db = open_database(Settings())
    db.require_schema()
    return db


import_app = typer.Typer(
    help="Import spending, donations or pledges from a CSV file (all rows or none).",
    no_args_is_help=True,
)
money_app.add_typer(import_app, name="import")
OverrideOpt = typer.Option(
    False, "--override", help="Save even if it breaches a limit (written to the audit log)."
)
EncodingOpt = typer.Option("utf-8", "--encoding", help="The file's text encoding.")


@import_app.command("spend")
@handle_errors
def import_spend_command(
    path: Path = typer.Argument(..., help="CSV: ref,date,amount,category,where[,supplier,...]."),
    election: str = ElectionOpt,
    override: bool = OverrideOpt,
    encoding: str = EncodingOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Import spending; refused whole if a row is bad or a limit would be breached."""
    from hustings.money import SeatResolver
    from hustings.money.ledger import import_spend

    store, places = _places(election)
    result = import_spend(
        _db(), places, path, SeatResolver(store, places), override=override, encoding=encoding
    )
    _render_save(result, as_json)


def _render_save(result: Any, as_json: bool) -> None:
    if as_json:
        print_json(result.to_json())
        return
    out = console()
    out.print(f"saved {result.saved} item(s) of spending")
    for row in result.overridden:
        out.print(
            f"[red]overridden[/]: {row.limit_key} in {row.name} "
            f"(GBP {row.to_json()['spent']:,} against GBP {row.to_json()['limit']:,})"
        )


@money_app.command("spend")
@handle_errors
def spend_command(
    ref: str = typer.Option(..., "--ref", help="A unique reference (e.g. the invoice number)."),
    day: str = typer.Option(..., "--date", help="When the spending was incurred (YYYY-MM-DD)."),
    amount: str = typer.Option(..., "--amount", help="Pounds, e.g. 1250.00."),
    category: str = typer.Option(
        ..., "--category", help="material, canvassing, transport, rallies or press."
    ),
    where: str = typer.Option(
        ..., "--where", help="A seat, seats separated by ';', a part of the UK, or UK."
    ),
    supplier: str = typer.Option("", "--supplier", help="Who was paid."),
    description: str = typer.Option("", "--description", help="What was bought."),
    candidate: str | None = typer.Option(
        None, "--candidate", help="For or against this named candidate (one seat)."
    ),
    party: str | None = typer.Option(None, "--targeted-party", help="Party it promotes."),
    notional: bool = typer.Option(False, "--notional", help="Goods or services given free."),
    joint_plan: str | None = typer.Option(None, "--joint-plan", help="The joint plan it is under."),
    paid_by: str | None = typer.Option(None, "--paid-by", help="The partner who paid."),
    invoice: str | None = typer.Option(None, "--invoice", help="Invoice or receipt reference."),
    election: str = ElectionOpt,
    override: bool = OverrideOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Record one item of spending, warned (and refused) before it would breach a limit."""
    from hustings.money import SeatResolver
    from hustings.money.ledger import save_spend, spend_from_row

    store, places = _places(election)
    row = {
        "ref": ref, "date": day, "amount": amount, "category": category, "where": where,
        "supplier": supplier, "description": description, "candidate": candidate or "",
        "targeted_party": party or "", "notional": "yes" if notional else "",
        "joint_plan": joint_plan or "", "paid_by": paid_by or "", "invoice": invoice or "",
    }  # fmt: skip
    item = spend_from_row(row, places, SeatResolver(store, places))
    _render_save(save_spend(_db(), places, [item], override=override), as_json)


@money_app.command("check")
@handle_errors
def check_command(
    election: str = ElectionOpt,
    as_of: str | None = typer.Option(None, "--as-of", help="Count spending up to this date."),
    warn_at: float = typer.Option(0.8, "--warn-at", help="Warn from this share of a limit."),
    show_all: bool = typer.Option(False, "--all", help="List every seat, not only warnings."),
    as_json: bool = JsonOpt,
) -> None:
    """Every seat's and part's spending against its limits: headroom, warnings, breaches."""
    from fractions import Fraction

    from hustings.money.check import check
    from hustings.money.model import parse_day

    _, places = _places(election)
    day = parse_day(as_of, what="--as-of") if as_of else None
    result = check(_db(), places, as_of=day, warn_at=Fraction(str(warn_at)).limit_denominator(1000))
    if as_json:
        print_json(result.to_json())
        return
    _render_check(result, show_all)


def _render_check(result: Any, show_all: bool) -> None:
    from rich.table import Table

    from hustings.money import pounds
    from hustings.money.model import round_pence

    out = console()
    counts = result.counts()
    out.print(
        f"[bold]{result.election}[/] election, spending to {result.as_of.isoformat()}: "
        f"{pounds(round_pence(result.total))} in all; {counts['breach']} breach(es), "
        f"{counts['warning']} warning(s), {counts['ok']} ok"
    )
    table = Table("where", "limit", "spent", "limit (GBP)", "headroom", "status", "largest items")
    colour = {"ok": "green", "warning": "yellow", "breach": "red"}
    for row in [*result.parts, *result.seats]:
        if row.status == "ok" and not show_all and row.level == "seat":
            continue
        items = ", ".join(f"{i.ref} ({pounds(round_pence(i.share))})" for i in row.items)
        table.add_row(
            row.name + (f" ({row.party})" if row.party else ""),
            row.limit_key.removeprefix("non_party."),
            pounds(round_pence(row.spent)),
            pounds(row.limit_pence),
            pounds(round_pence(row.headroom)),
            f"[{colour[row.status]}]{row.status}[/]",
            items,
        )
    out.print(table)
    for threshold in result.thresholds:
        if threshold.crossed:
            amount = pounds(threshold.threshold_pence)
            out.print(f"crossed: {threshold.title} ({threshold.where}, {amount})")


def register(app: typer.Typer) -> None:
    """Add ``hustings money`` to the main app."""
    app.add_typer(money_app, name="money")


__all__ = ["money_app", "register"]
